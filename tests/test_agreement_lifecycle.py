"""Document lifecycle with partial dates: signing, end of term, status, and date rules."""

from __future__ import annotations

import pendulum
import pytest

import kotakerja
from conftest import paths_and_codes as _errs
from kotakerja import (
    Amendment,
    AmendmentKind,
    DocumentStatus,
    ForeignLocality,
    Mou,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    Period,
    Region,
    Register,
    Scheme,
    Signature,
    Term,
    Termination,
    TerminationGround,
    ValidationError,
)

P = PartialDate.parse
SOLO = Party(region=Region.get("33.72"))
KEDIRI = Party(region=Region.get("35.71"))


def _mou(first: str, second: str, **kw: object) -> Mou:
    return Mou(
        id="m",
        title="t",
        scheme=Scheme.KSDD,
        parties=(SOLO, KEDIRI),
        signatures=(Signature(party=0, date=P(first)), Signature(party=1, date=P(second))),
        **kw,  # type: ignore[arg-type]
    )


# 1. A term counted from a partial signing date ends, at a partial date ------------------


def test_term_of_months_from_a_partial_start_has_a_partial_end() -> None:
    m = _mou("2020-01", "2020-01", term=Term(months=1))
    # from 2020-01-01 the last day is 2020-01-31, from 2020-01-31 it is 2020-02-29
    assert m.period() == Period(start=P("2020-01"), end=P("2020"))
    assert m.expires_on() == P("2020")
    assert m.possible_end() == (pendulum.Date(2020, 1, 31), pendulum.Date(2020, 2, 29))
    assert m.status_on(P("2025-06-01")) is DocumentStatus.EXPIRED
    assert m.status_on(P("2020-03-01")) is DocumentStatus.EXPIRED
    assert m.status_on(P("2020-02-10")) is None
    assert m.is_in_force(P("2020-02-29")) is None


def test_partial_start_in_january_for_a_year_ends_in_one_of_two_years() -> None:
    m = _mou("2020-01", "2020-01", term=Term(years=1))
    assert m.expires_on() is None
    assert m.possible_end() == (pendulum.Date(2020, 12, 31), pendulum.Date(2021, 1, 30))
    assert m.status_on(P("2020-12-31")) is DocumentStatus.IN_FORCE
    assert m.status_on(P("2021-01")) is None
    assert m.status_on(P("2021-02")) is DocumentStatus.EXPIRED


def test_partial_start_for_years_ends_in_the_year_that_is_certain() -> None:
    m = _mou("2020-03", "2020-03", term=Term(years=5))
    assert m.possible_end() == (pendulum.Date(2025, 2, 28), pendulum.Date(2025, 3, 30))
    assert m.expires_on() == P("2025")
    assert m.status_on(P("2025-02-28")) is DocumentStatus.IN_FORCE
    assert m.status_on(P("2025-03-15")) is None
    assert m.status_on(P("2025-03-31")) is DocumentStatus.EXPIRED


def test_partial_start_whose_ends_fall_in_different_years_is_uncertain_not_open() -> None:
    m = _mou("2020", "2020", term=Term(years=2))
    assert m.period() == Period(start=P("2020"))
    assert m.expires_on() is None
    assert m.possible_end() == (pendulum.Date(2021, 12, 31), pendulum.Date(2022, 12, 30))
    assert m.status_on(P("2021-06-01")) is DocumentStatus.IN_FORCE
    assert m.status_on(P("2021-12-31")) is DocumentStatus.IN_FORCE
    assert m.status_on(P("2022-06-01")) is None
    assert m.status_on(P("2022-12-31")) is DocumentStatus.EXPIRED
    assert m.status_on(P("2030")) is DocumentStatus.EXPIRED


def test_register_lists_a_partial_term_end_while_it_may_fall_in_the_window() -> None:
    m = _mou("2020-01", "2020-01", term=Term(months=1))
    assert Register([m]).expiring_within(3650, on=P("2020-01-31")) == (m,)
    assert Register([m]).expiring_within(30, on=P("2020-02-29")) == (m,)
    assert Register([m]).expiring_within(30, on=P("2020-03-01")) == ()
    two = _mou("2020", "2020", term=Term(years=2))
    assert Register([two]).expiring_within(10, on=P("2021-12-25")) == (two,)
    assert Register([two]).expiring_within(10, on=P("2021-06-01")) == ()
    assert Register([two]).expiring_within(10, on=P("2023-01-01")) == ()


def test_partial_start_with_an_end_after_9999_stays_open() -> None:
    m = _mou("9991", "9991", term=Term(years=10))
    assert (m.expires_on(), m.possible_end()) == (None, None)
    assert m.status_on(P("9999-12-31")) is DocumentStatus.IN_FORCE
    edge = _mou("9990", "9990", term=Term(years=10))
    assert edge.expires_on() is None
    assert edge.possible_end() == (pendulum.Date(9999, 12, 31), pendulum.Date(9999, 12, 31))
    assert edge.status_on(P("9999-12-31")) is DocumentStatus.IN_FORCE
    late = _mou("9989", "9989", term=Term(years=10))
    assert late.possible_end() == (pendulum.Date(9998, 12, 31), pendulum.Date(9999, 12, 30))
    assert late.expires_on() is None
    assert late.status_on(P("9999-06-01")) is None
    assert late.status_on(P("9999-12-31")) is DocumentStatus.EXPIRED


# 2. The document is signed on its last signature, a partial one included ----------------


def test_a_partial_signature_that_may_be_the_last_decides_the_signing_date() -> None:
    m = _mou("2020-01-20", "2020", term=Term(years=2))
    assert m.signed_on() == P("2020")
    assert m.effective_on() == P("2020")
    assert m.expires_on() is None
    assert m.status_on(P("2020-01-19")) is DocumentStatus.DRAFT
    assert m.status_on(P("2020-01-21")) is None
    assert m.status_on(P("2021-01-01")) is DocumentStatus.IN_FORCE
    assert m.status_on(P("2022-06-01")) is None
    assert m.status_on(P("2023-01-01")) is DocumentStatus.EXPIRED


def test_signing_date_has_the_precision_that_is_certain() -> None:
    assert _mou("2020-01-20", "2020-01").signed_on() == P("2020-01")
    assert _mou("2020-01", "2020-01-20").signed_on() == P("2020-01")
    assert _mou("2020-01-31", "2020-01").signed_on() == P("2020-01-31")
    assert _mou("2020-03-01", "2020-01").signed_on() == P("2020-03-01")
    assert _mou("2020-03-01", "2020").signed_on() == P("2020")
    assert _mou("2021-01-05", "2020").signed_on() == P("2021-01-05")
    assert _mou("2020-12-31", "2020").signed_on() == P("2020-12-31")


def test_full_signatures_give_the_later_date() -> None:
    m = _mou("2020-10-23", "2020-10-20", term=Term(years=5))
    assert m.signed_on() == P("2020-10-23")
    assert m.expires_on() == P("2025-10-22")
    assert m.possible_end() == (pendulum.Date(2025, 10, 22), pendulum.Date(2025, 10, 22))
    assert m.status_on(P("2020-10-22")) is DocumentStatus.DRAFT
    assert m.status_on(P("2020-10-23")) is DocumentStatus.IN_FORCE


# 3. Rules: duplicate parties, termination and amendments before signing -----------------


def test_the_same_region_twice_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDD, parties=(SOLO, Party(region=Region.get("33.72"))))
    assert _errs(exc) == [("parties[1]", "kotakerja.party.duplicate")]


def test_the_same_organisation_or_locality_twice_is_rejected() -> None:
    a = Party(
        organization=Organization(
            name="Kadin Kota Kediri", kind=OrganizationKind.CHAMBER_OF_COMMERCE
        )
    )
    a2 = Party(
        organization=Organization(
            name="kadin  kota kediri", kind=OrganizationKind.CHAMBER_OF_COMMERCE
        )
    )
    b = Party(organization=Organization(name="Kadin Kota Kediri", kind=OrganizationKind.COMPANY))
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.BUSINESS, parties=(a, b, a2))
    assert _errs(exc) == [("parties[2]", "kotakerja.party.duplicate")]
    shanghai = Party(locality=ForeignLocality.city("Shanghai", "CN", "Asia/Shanghai"))
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.OTHER, parties=(shanghai, SOLO, shanghai))
    assert _errs(exc) == [("parties[2]", "kotakerja.party.duplicate")]


def test_termination_before_signing_is_rejected_only_when_certain() -> None:
    def ended(on: str) -> Termination:
        return Termination(ground=TerminationGround.MUTUAL_AGREEMENT, date=P(on))

    with pytest.raises(ValidationError) as exc:
        _mou("2021-01-01", "2021-01-05", termination=ended("2021-01-04"))
    assert _errs(exc) == [("termination.date", "kotakerja.termination.before_signing")]
    with pytest.raises(ValidationError) as exc:
        _mou("2021-01-01", "2021", termination=ended("2020-12"))
    assert _errs(exc) == [("termination.date", "kotakerja.termination.before_signing")]
    assert _mou("2021-01-01", "2021-01-05", termination=ended("2021-01-05")).termination
    assert _mou("2021-01-01", "2021", termination=ended("2021-03")).termination
    assert _mou("2021-01-01", "2021-01-05", termination=ended("2021-01")).termination


def test_amendment_effective_before_signing_is_rejected_only_when_certain() -> None:
    def amended(on: str) -> tuple[Amendment, ...]:
        return (Amendment(kind=AmendmentKind.ADENDUM, effective=P(on)),)

    with pytest.raises(ValidationError) as exc:
        _mou("2021-01-01", "2021-01-05", amendments=amended("2020"))
    assert _errs(exc) == [("amendments[0].effective", "kotakerja.amendment.before_signing")]
    assert _mou("2021-01-01", "2021-01-05", amendments=amended("2021-01")).amendments
    assert _mou("2021-01-01", "2021-01-05", amendments=amended("2021-01-05")).amendments
    assert Mou(title="x", scheme=Scheme.KSDD, parties=(SOLO, KEDIRI), amendments=amended("2000"))


def test_bundled_documents_keep_their_signing_dates_and_statuses() -> None:
    days = ("2019", "2020-10-23", "2021-12-13", "2023-04", "2031")
    found = {
        d.id: (str(d.signed_on()), d.expires_on(), [d.status_on(P(x)) for x in days])
        for d in kotakerja.examples().documents()
    }
    draft, in_force = DocumentStatus.DRAFT, DocumentStatus.IN_FORCE
    assert found == {
        "mou-jakarta-shanghai-2020": ("2020-10-23", None, [draft] + [in_force] * 4),
        "mou-kadin-kediri-surakarta-2021": ("2021-12-13", None, [draft] * 2 + [in_force] * 3),
        "mou-umkm-kediri-surakarta-2021": ("2021-12-13", None, [draft] * 2 + [in_force] * 3),
    }
