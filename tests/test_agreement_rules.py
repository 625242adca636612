"""check() applies the law in force when the document was signed."""

from __future__ import annotations

import kotakerja
from kotakerja import (
    Agreement,
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
    StageEvent,
    rules_in_force,
)
from kotakerja.records._agreements import Stage

SURABAYA = Party(region=Region.get("35.78"))
SEATTLE = Party(
    locality=ForeignLocality(
        name="Seattle",
        country=kotakerja.Country.get("US"),
        level=LocalityLevel.CITY,
        time_zone="America/Los_Angeles",
    )
)


def _sister_city(signed: str | None, **kw: object) -> Mou:
    date = None if signed is None else PartialDate.parse_iso(signed)
    return Mou(
        title="Sister city Surabaya–Seattle",
        scheme=Scheme.KSDPL,
        ksdpl_kind=KsdplKind.SISTER_CITY,
        parties=(SURABAYA, SEATTLE),
        signatures=(Signature(party=0, date=date), Signature(party=1, date=date)),
        **kw,  # type: ignore[arg-type]
    )


def _codes(doc: Mou | Agreement) -> list[str]:
    return [f.code for f in kotakerja.check(doc)]


def test_a_1960_charter_is_not_faulted_for_lacking_dprd_approval() -> None:
    charter = _sister_city("1960-06-07")
    found = kotakerja.check(charter)
    assert [f.code for f in found] == ["kotakerja.rules.before_regulation"]
    assert found[0].severity is kotakerja.Severity.INFO
    assert "PP 50/2007" in found[0].message


def test_a_2015_mou_is_held_to_pp_50_2007() -> None:
    found = kotakerja.check(_sister_city("2015-03-02"))
    assert [f.code for f in found] == [
        "kotakerja.approval.dprd_missing",
        "kotakerja.approval.ministry_missing",
    ]
    assert all("PP 50/2007, Permendagri 3/2008" in f.message for f in found)


def test_a_2021_mou_is_held_to_pp_28_2018_and_permendagri_25_2020() -> None:
    found = kotakerja.check(_sister_city("2021-03-02"))
    assert "PP 28/2018, Permendagri 25/2020" in found[0].message
    assert "PP 28/2018" in kotakerja.check(_sister_city("2019-03-02"))[0].message
    assert "Permendagri" not in kotakerja.check(_sister_city("2019-03-02"))[0].message


def test_rules_in_force_by_year() -> None:
    assert not rules_in_force(PartialDate(year=2006)).regulated
    assert rules_in_force(PartialDate(year=2007)).cite(foreign=True) == "PP 50/2007"
    assert rules_in_force(PartialDate(year=2010)).cite(foreign=False) == (
        "PP 50/2007, Permendagri 22/2009"
    )
    assert rules_in_force(PartialDate(year=2020)).cite(foreign=False) == (
        "PP 28/2018, Permendagri 22/2020"
    )


def test_undated_signatures_use_the_latest_known_date() -> None:
    old = _sister_city(
        None,
        stages=(StageEvent(stage=Stage.EXPLORATION, date=PartialDate(year=1990)),),
    )
    assert old.rules_date() == PartialDate(year=1990)
    assert "PP 50/2007" not in _codes(old)
    assert _codes(old) == ["kotakerja.rules.before_regulation"]
    approved = _sister_city(
        None,
        approvals=(Approval(kind=ApprovalKind.DPRD, date=PartialDate(year=2012, month=5, day=3)),),
    )
    assert approved.rules().government == "PP 50/2007"
    assert _codes(approved) == ["kotakerja.approval.ministry_missing"]
    nothing = _sister_city(None)
    assert _codes(nothing) == ["kotakerja.rules.date_unknown"]


def test_pks_contents_are_cited_by_the_law_of_the_day() -> None:
    pks = Agreement(
        title="PKS pengelolaan sampah",
        scheme=Scheme.KSDD,
        parties=(SURABAYA, Party(region=Region.get("35.15"))),
        signatures=(
            Signature(party=0, date=PartialDate(year=2012)),
            Signature(party=1, date=PartialDate(year=2012)),
        ),
    )
    (found,) = kotakerja.check(pks)
    assert found.code == "kotakerja.agreement.missing_contents"
    assert "Permendagri 22/2009" in found.message


def test_an_unsigned_draft_is_held_to_todays_rules() -> None:
    draft = Mou(
        title="Rancangan kesepakatan bersama",
        scheme=Scheme.KSDPL,
        parties=(SURABAYA, SEATTLE),
        stages=(StageEvent(stage=Stage.EXPLORATION, date=PartialDate(year=2005)),),
    )
    assert draft.rules_date() is None
    assert draft.rules().government == "PP 28/2018"
    assert _codes(draft) == []
