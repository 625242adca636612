"""Approvals: which body, for which party, letter and date; the KSD rules read them."""

from __future__ import annotations

import pytest

import kotakerja
from kotakerja import (
    Approval,
    ApprovalKind,
    ForeignLocality,
    KsdplKind,
    LocalityLevel,
    Mou,
    PartialDate,
    Party,
    Region,
    Scheme,
    Signature,
    ValidationError,
    from_json,
    to_json,
)

SURABAYA = Party(region=Region.get("35.78"))
KOCHI = Party(
    locality=ForeignLocality(
        name="Kochi",
        country=kotakerja.Country.get("JP"),
        level=LocalityLevel.CITY,
        time_zone="Asia/Tokyo",
    )
)
SIGNED = PartialDate(year=2021, month=11, day=15)


def _mou(*approvals: Approval) -> Mou:
    return Mou(
        title="Sister city Surabaya–Kochi",
        scheme=Scheme.KSDPL,
        ksdpl_kind=KsdplKind.SISTER_CITY,
        parties=(SURABAYA, KOCHI),
        signatures=(Signature(party=0, date=SIGNED), Signature(party=1, date=SIGNED)),
        approvals=approvals,
    )


DPRD = Approval(
    kind=ApprovalKind.DPRD,
    body="DPRD Kota Surabaya",
    party=0,
    letter_number="172/1234/436.5/2021",
    date=PartialDate(year=2021, month=8, day=2),
)
KEMENDAGRI = Approval(
    kind=ApprovalKind.MINISTRY,
    body="Kementerian Dalam Negeri",
    date=PartialDate(year=2021, month=10, day=4),
)
COUNCIL = Approval(
    kind=ApprovalKind.FOREIGN_COUNCIL,
    body="Kochi City Council",
    party=1,
    date=PartialDate(year=2021, month=9, day=24),
    note="resolution approving the sister-city affiliation",
)


def _codes(doc: Mou) -> list[str]:
    return [f.code for f in kotakerja.check(doc)]


def test_approvals_for_each_side_satisfy_the_ksdpl_rules() -> None:
    mou = _mou(DPRD, KEMENDAGRI, COUNCIL)
    assert _codes(mou) == []
    assert from_json(Mou, to_json(mou)) == mou


def test_a_foreign_council_resolution_is_not_dprd_approval() -> None:
    as_dprd = Approval(kind=ApprovalKind.DPRD, body="Kochi City Council", party=1)
    assert _codes(_mou(as_dprd, KEMENDAGRI)) == ["kotakerja.approval.dprd_missing"]
    assert _codes(_mou(COUNCIL, KEMENDAGRI)) == ["kotakerja.approval.dprd_missing"]


def test_approval_after_signing_is_a_finding() -> None:
    late = Approval(kind=ApprovalKind.DPRD, party=0, date=PartialDate(year=2022, month=1))
    found = kotakerja.check(_mou(late, KEMENDAGRI))
    assert [(f.path, f.code) for f in found] == [
        ("approvals[0].date", "kotakerja.approval.after_signing")
    ]
    assert "Permendagri 25/2020" in found[0].message


def test_governor_approval_is_recorded() -> None:
    gub = Approval(kind=ApprovalKind.GOVERNOR, body="Gubernur Jawa Timur", party=0)
    assert _mou(DPRD, KEMENDAGRI, gub).approvals[2].kind is ApprovalKind.GOVERNOR


def test_approval_for_a_party_that_does_not_exist() -> None:
    with pytest.raises(ValidationError) as exc:
        _mou(Approval(kind=ApprovalKind.DPRD, party=2))
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("approvals[0].party", "kotakerja.approval.unknown_party")
    ]
