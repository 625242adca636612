"""Terms that renew automatically stay in force through their renewal periods."""

from __future__ import annotations

import pytest

import kotakerja
from kotakerja import (
    DocumentStatus,
    Mou,
    PartialDate,
    Party,
    Region,
    Renewal,
    Scheme,
    Signature,
    Term,
    Termination,
    TerminationGround,
    ValidationError,
)
from kotakerja.report import render_report


def _day(text: str) -> PartialDate:
    return PartialDate.parse_iso(text)


def _mou(term: Term, **kw: object) -> Mou:
    signed = _day("2016-08-17")
    return Mou(
        id="mou-yogyakarta-sleman-2016",
        title="Kesepakatan bersama penyediaan air minum Yogyakarta–Sleman",
        scheme=Scheme.KSDD,
        parties=(Party(region=Region.get("34.71")), Party(region=Region.get("34.04"))),
        signatures=(Signature(party=0, date=signed), Signature(party=1, date=signed)),
        term=term,
        **kw,  # type: ignore[arg-type]
    )


def test_automatic_renewal_keeps_the_mou_in_force_until_terminated() -> None:
    mou = _mou(Term(years=5, renewal=Renewal.AUTOMATIC))
    assert mou.renews_automatically()
    assert not _mou(Term(years=5)).renews_automatically()
    assert mou.expires_on() == _day("2021-08-16")
    assert mou.status_on(_day("2024-01-01")) is DocumentStatus.IN_FORCE
    assert mou.current_end(_day("2024-01-01")) == _day("2026-08-16")
    assert mou.renews_on(_day("2024-01-01")) == _day("2026-08-17")
    assert mou.status_on(_day("2060-01-01")) is DocumentStatus.IN_FORCE
    ended = _mou(
        Term(years=5, renewal=Renewal.AUTOMATIC),
        termination=Termination(ground=TerminationGround.WITHDRAWAL, date=_day("2023-02-01")),
    )
    assert ended.status_on(_day("2024-01-01")) is DocumentStatus.TERMINATED


def test_renewal_by_agreement_expires_at_the_end_of_the_term() -> None:
    mou = _mou(Term(years=5, renewal=Renewal.BY_AGREEMENT))
    assert mou.status_on(_day("2024-01-01")) is DocumentStatus.EXPIRED
    assert mou.renews_on(_day("2020-01-01")) is None


def test_renewal_periods_of_their_own_length_and_a_limit() -> None:
    mou = _mou(Term(years=5, renewal=Renewal.AUTOMATIC, renewal_years=1, max_renewals=2))
    assert mou.current_end(_day("2022-01-01")) == _day("2022-08-16")
    assert mou.status_on(_day("2023-08-16")) is DocumentStatus.IN_FORCE
    assert mou.renews_on(_day("2023-01-01")) is None  # the second and last renewal
    assert mou.status_on(_day("2023-08-17")) is DocumentStatus.EXPIRED


def test_renewal_from_an_explicit_end_without_a_length_runs_on_open() -> None:
    mou = _mou(Term(end=_day("2018-12-31"), renewal=Renewal.AUTOMATIC))
    assert mou.status_on(_day("2030-01-01")) is DocumentStatus.IN_FORCE
    assert mou.current_end(_day("2030-01-01")) is None
    yearly = _mou(Term(end=_day("2018-12-31"), renewal=Renewal.AUTOMATIC, renewal_years=1))
    assert yearly.current_end(_day("2030-03-01")) == _day("2030-12-31")


def test_expiring_within_and_the_report_use_the_current_period() -> None:
    mou = _mou(Term(years=5, renewal=Renewal.AUTOMATIC))
    reg = kotakerja.Register([mou])
    assert reg.expiring_within(90, on=_day("2026-06-01")) == (mou,)
    assert reg.expiring_within(90, on=_day("2026-01-01")) == ()
    text = render_report(reg, on=_day("2026-06-01"), lang="en")
    assert "renews automatically on 17 August 2026" in text


def test_renewal_details_need_automatic_renewal() -> None:
    with pytest.raises(ValidationError) as exc:
        Term(years=5, renewal=Renewal.BY_AGREEMENT, max_renewals=1)
    assert [e.code for e in exc.value.errors] == ["kotakerja.term.renewal_details"]
    with pytest.raises(ValidationError) as exc:
        Term(years=5, renewal=Renewal.AUTOMATIC, renewal_years=0, renewal_months=0)
    assert [e.code for e in exc.value.errors] == ["kotakerja.term.renewal_length"]


def test_report_in_indonesian_names_the_renewal() -> None:
    mou = _mou(Term(years=5, renewal=Renewal.AUTOMATIC))
    text = render_report(kotakerja.Register([mou]), on=_day("2024-01-01"))
    assert "16 Agustus 2026 (diperpanjang otomatis pada 17 Agustus 2026)" in text
    plain = _mou(Term(years=5))
    assert "diperpanjang" not in render_report(kotakerja.Register([plain]), on=_day("2020-01-01"))
