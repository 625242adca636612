"""Amendments are documents: replayed in order by as_of, used by status_on."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kotakerja import (
    Agreement,
    Amendment,
    AmendmentKind,
    ClauseChange,
    DocumentStatus,
    Money,
    Mou,
    Obligation,
    PartialDate,
    Party,
    Region,
    Scheme,
    Signature,
    Source,
    Term,
    ValidationError,
    from_json,
    to_json,
)

SOLO = Party(region=Region.get("33.72"))
SUKOHARJO = Party(region=Region.get("33.11"))
KARANGANYAR = Party(region=Region.get("33.13"))


def _day(text: str) -> PartialDate:
    return PartialDate.parse_iso(text)


ADENDUM = Amendment(
    kind=AmendmentKind.ADENDUM,
    number="180/05/ADD/2021",
    date=_day("2021-06-28"),
    effective=_day("2021-07-01"),
    place=Region.get("33.72"),
    signatures=(
        Signature(party=0, date=_day("2021-06-28")),
        Signature(party=1, date=_day("2021-06-28")),
        Signature(party=2, date=_day("2021-06-28")),
    ),
    sources=(Source(title="Adendum kesepakatan bersama Subosukawonosraten", publisher="x"),),
    term=Term(years=5),
    parties_added=(KARANGANYAR,),
    budget=Money(amount=Decimal("750000000"), currency="IDR"),
    obligations=(Obligation(party=2, obligations=("menyediakan lahan TPA",)),),
    clauses=(ClauseChange(clause="Pasal 4", text="Jangka waktu lima tahun."),),
)


def _pks(*amendments: Amendment) -> Agreement:
    signed = _day("2019-07-01")
    return Agreement(
        id="pks-sampah-solo-sukoharjo-2019",
        title="PKS pengelolaan sampah regional",
        scheme=Scheme.KSDD,
        parties=(SOLO, SUKOHARJO),
        signatures=(Signature(party=0, date=signed), Signature(party=1, date=signed)),
        term=Term(years=3),
        budget=Money(amount=Decimal("500000000"), currency="IDR"),
        amendments=amendments,
    )


def test_as_of_before_the_adendum_gives_the_old_terms_after_it_the_new() -> None:
    pks = _pks(ADENDUM)
    before = pks.as_of(_day("2021-06-30"))
    assert before.end == _day("2022-06-30")
    assert before.term == Term(years=3)
    assert before.parties == (SOLO, SUKOHARJO)
    assert before.budget == Money(amount=Decimal("500000000"), currency="IDR")
    after = pks.as_of(_day("2021-07-01"))
    assert after.end == _day("2024-06-30")
    assert after.parties == (SOLO, SUKOHARJO, KARANGANYAR)
    assert after.budget == ADENDUM.budget
    assert after.obligations == ADENDUM.obligations
    assert after.clauses == ADENDUM.clauses
    assert pks.expires_on() == _day("2024-06-30")


def test_status_on_uses_the_amended_term() -> None:
    pks = _pks(ADENDUM)
    assert pks.status_on(_day("2023-01-01")) is DocumentStatus.IN_FORCE
    assert pks.status_on(_day("2024-07-01")) is DocumentStatus.EXPIRED
    assert _pks().status_on(_day("2023-01-01")) is DocumentStatus.EXPIRED


def test_as_of_before_an_extension_of_a_term_from_a_year_only_signing() -> None:
    signed = PartialDate(year=2020)
    ext = Amendment(
        kind=AmendmentKind.PERPANJANGAN, effective=_day("2024-01-01"), end=_day("2030-12-31")
    )
    mou = Mou(
        title="Kesepakatan bersama",
        scheme=Scheme.KSDD,
        parties=(SOLO, SUKOHARJO),
        signatures=(Signature(party=0, date=signed), Signature(party=1, date=signed)),
        term=Term(years=5),
        amendments=(ext,),
    )
    before = mou.as_of(_day("2023-06-01"))
    # the old end: 2024-12-31 at the earliest, 2025-12-30 at the latest
    assert before.possible_end == (_day("2024-12-31").to_date(), _day("2025-12-30").to_date())
    assert mou.as_of(_day("2024-06-01")).possible_end == (
        _day("2030-12-31").to_date(),
        _day("2030-12-31").to_date(),
    )


def test_parties_withdrawn_and_clauses_removed() -> None:
    withdraw = Amendment(
        kind=AmendmentKind.ADENDUM,
        effective=_day("2023-01-01"),
        parties_withdrawn=(1,),
        clauses=(ClauseChange(clause="Pasal 4"),),
    )
    pks = _pks(ADENDUM, withdraw)
    terms = pks.as_of(_day("2023-06-01"))
    assert terms.parties == (SOLO, KARANGANYAR)
    assert terms.clauses == ()
    assert from_json(Agreement, to_json(pks)) == pks


def test_amendment_rules() -> None:
    with pytest.raises(ValidationError) as exc:
        Amendment(
            kind=AmendmentKind.ADENDUM,
            effective=_day("2021-07-01"),
            end=_day("2030-01-01"),
            term=Term(years=5),
        )
    assert [e.code for e in exc.value.errors] == ["kotakerja.amendment.end_and_term"]
    bad = Amendment(
        kind=AmendmentKind.ADENDUM, effective=_day("2021-07-01"), parties_withdrawn=(5,)
    )
    with pytest.raises(ValidationError) as exc:
        _pks(bad)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("amendments[0].parties_withdrawn[0]", "kotakerja.amendment.unknown_party")
    ]
