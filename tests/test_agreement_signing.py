"""Signatures as they happen: several per party, split signing, unknown dates."""

from __future__ import annotations

import pytest

import kotakerja
from kotakerja import (
    DocumentStatus,
    ForeignLocality,
    KsdplKind,
    LocalityLevel,
    Mou,
    PartialDate,
    Party,
    Person,
    Position,
    Region,
    RoleClass,
    Scheme,
    SignatoryRole,
    Signature,
    SigningMethod,
    Term,
    ValidationError,
    from_json,
    to_json,
)

BANDUNG = Party(region=Region.get("32.73"))
BRAUNSCHWEIG = Party(
    locality=ForeignLocality(
        name="Braunschweig",
        country=kotakerja.Country.get("DE"),
        level=LocalityLevel.CITY,
        time_zone="Europe/Berlin",
    )
)
JAKARTA = Party(region=Region.get("31"))
SHANGHAI = Party(
    locality=ForeignLocality(
        name="Shanghai",
        country=kotakerja.Country.get("CN"),
        level=LocalityLevel.PROVINCE,
        time_zone="Asia/Shanghai",
    )
)


def _day(text: str) -> PartialDate:
    return PartialDate.parse_iso(text)


def _charter(*signatures: Signature, term: Term | None = None) -> Mou:
    return Mou(
        id="mou-bandung-braunschweig-1960",
        title="Piagam kota kembar Bandung–Braunschweig",
        scheme=Scheme.KSDPL,
        ksdpl_kind=KsdplKind.SISTER_CITY,
        parties=(BANDUNG, BRAUNSCHWEIG),
        signatures=signatures,
        term=term,
    )


def test_charter_signed_by_both_one_date_unknown_is_signed_not_draft() -> None:
    # Braunschweig's signing day is on record; Bandung's is not.
    charter = _charter(Signature(party=0), Signature(party=1, date=_day("1960-06-07")))
    assert charter.signed_by_all()
    assert charter.status_on(_day("2024-01-01")) is DocumentStatus.IN_FORCE
    assert charter.status_on(_day("1960-06-01")) is DocumentStatus.DRAFT
    assert charter.signed_on() == _day("1960-06-07")
    effective = charter.effective()
    assert effective.date == _day("1960-06-07")
    assert not effective.exact
    assert effective.note is not None
    assert "Kota Bandung" in effective.note


def test_every_signature_dated_gives_an_exact_effective_date() -> None:
    charter = _charter(
        Signature(party=0, date=_day("1960-06-07")), Signature(party=1, date=_day("1960-06-07"))
    )
    assert charter.effective().exact
    assert charter.effective().note is None


def test_signed_by_every_party_with_no_date_is_in_force_up_to_the_term_end() -> None:
    charter = _charter(Signature(party=0), Signature(party=1), term=Term(end=_day("1965-12-31")))
    assert charter.signed_on() is None
    assert charter.effective().date is None
    assert "no signing date" in (charter.effective().note or "")
    assert charter.status_on(_day("1963-01-01")) is DocumentStatus.IN_FORCE
    assert charter.status_on(_day("1966-01-01")) is DocumentStatus.EXPIRED
    open_ended = _charter(Signature(party=0), Signature(party=1))
    assert open_ended.status_on(_day("2024-01-01")) is DocumentStatus.IN_FORCE
    # a duration from an unknown day cannot be placed
    five_years = _charter(Signature(party=0), Signature(party=1), term=Term(years=5))
    assert five_years.status_on(_day("2024-01-01")) is None


def test_one_party_unsigned_is_still_a_draft() -> None:
    charter = _charter(Signature(party=1, date=_day("1960-06-07")))
    assert charter.status_on(_day("2024-01-01")) is DocumentStatus.DRAFT


def test_split_signing_by_post_each_with_its_own_date_and_place() -> None:
    mou = Mou(
        id="mou-jakarta-shanghai-2020",
        title="Nota kesepahaman kota bersahabat Jakarta–Shanghai",
        scheme=Scheme.KSDPL,
        ksdpl_kind=KsdplKind.SISTER_CITY,
        parties=(JAKARTA, SHANGHAI),
        signatures=(
            Signature(
                party=0,
                date=_day("2020-10-16"),
                place=Region.get("31"),
                method=SigningMethod.POST,
            ),
            Signature(
                party=1,
                date=_day("2020-10-23"),
                place=SHANGHAI.locality,
                method=SigningMethod.POST,
            ),
        ),
        term=Term(years=5),
    )
    assert mou.signed_on() == _day("2020-10-23")
    assert mou.status_on(_day("2020-10-20")) is DocumentStatus.DRAFT
    assert mou.expires_on() == _day("2025-10-22")
    assert from_json(Mou, to_json(mou)) == mou


def test_representative_now_countersignature_later_and_co_signatories() -> None:
    rep = Signature(
        party=1,
        role=SignatoryRole.REPRESENTATIVE,
        signatory=Person(name="Konsul Jenderal"),
        date=_day("2020-10-16"),
        place=Region.get("31"),
    )
    counter = Signature(
        party=1,
        role=SignatoryRole.COUNTERSIGNATURE,
        position=Position(title="Mayor of Shanghai", role=RoleClass.MAYOR),
        date=_day("2020-11-02"),
        place=SHANGHAI.locality,
    )
    governor = Signature(party=0, role=SignatoryRole.SIGNATORY, date=_day("2020-10-16"))
    speaker = Signature(
        party=0,
        role=SignatoryRole.CO_SIGNATORY,
        position=Position(title="Ketua DPRD DKI Jakarta", role=RoleClass.LEGISLATOR),
        date=_day("2020-10-16"),
    )
    mou = Mou(
        title="x",
        scheme=Scheme.KSDPL,
        parties=(JAKARTA, SHANGHAI),
        signatures=(governor, speaker, rep, counter),
    )
    # signing is complete with the countersignature
    assert mou.signed_on() == _day("2020-11-02")
    assert mou.status_on(_day("2020-10-20")) is DocumentStatus.DRAFT
    assert mou.status_on(_day("2020-11-02")) is DocumentStatus.IN_FORCE
    assert from_json(Mou, to_json(mou)) == mou


def test_the_same_signature_twice_is_rejected() -> None:
    sig = Signature(party=0, date=_day("2020-10-16"))
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDPL, parties=(JAKARTA, SHANGHAI), signatures=(sig, sig))
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("signatures[1]", "kotakerja.signature.duplicate")
    ]
