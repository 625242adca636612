"""MoUs: scheme rules, signatures, status over time, the seed cases."""

from __future__ import annotations

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kotakerja
from conftest import paths_and_codes as _errs
from kotakerja import (
    Country,
    DocumentStatus,
    ForeignLocality,
    LocalityLevel,
    Mou,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    Region,
    Scheme,
    Signature,
    Term,
    ValidationError,
    from_json,
    json_schema,
    to_dict,
    to_json,
)
from kotakerja.testing import from_type

SOLO = Party(region=Region.get("33.72"))
KEDIRI = Party(region=Region.get("35.71"))
SHANGHAI = Party(locality=ForeignLocality.city("Shanghai", "CN", "Asia/Shanghai"))


def test_ksdpl_between_two_indonesian_cities_is_rejected_with_reason() -> None:
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDPL, parties=(SOLO, KEDIRI))
    assert _errs(exc) == [("parties", "kotakerja.scheme.ksdpl_needs_foreign_government")]
    assert "foreign regional government" in exc.value.errors[0].message


def test_ksdpl_needs_equal_standing() -> None:
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDPL, parties=(Party(region=Region.get("31")), SHANGHAI))
    assert _errs(exc) == [("parties", "kotakerja.scheme.unequal_standing")]
    assert Mou(title="x", scheme=Scheme.KSDPL, parties=(SOLO, SHANGHAI)).scheme is Scheme.KSDPL


def test_ksdd_has_only_indonesian_regional_governments() -> None:
    kadin = Party(
        organization=Organization(name="Kadin", kind=OrganizationKind.CHAMBER_OF_COMMERCE)
    )
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDD, parties=(SOLO, kadin))
    assert _errs(exc) == [("parties", "kotakerja.scheme.ksdd_parties")]
    assert Mou(title="x", scheme=Scheme.KSDD, parties=(SOLO, KEDIRI)).parties[1] == KEDIRI


def test_business_mou_needs_no_government() -> None:
    a = Party(organization=Organization(name="A", kind=OrganizationKind.COMPANY))
    b = Party(organization=Organization(name="B", kind=OrganizationKind.UMKM))
    assert Mou(title="x", scheme=Scheme.BUSINESS, parties=(a, b)).parties == (a, b)
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDPK, parties=(a, b))
    assert _errs(exc) == [("parties", "kotakerja.scheme.no_regional_government")]


def test_one_party_is_not_enough() -> None:
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.OTHER, parties=(SOLO,))
    assert _errs(exc) == [("parties", "kotakerja.too_short")]


def test_signature_of_missing_party_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDD, parties=(SOLO, KEDIRI), signatures=(Signature(party=2),))
    assert _errs(exc) == [("signatures[0].party", "kotakerja.signature.unknown_party")]


def test_party_has_exactly_one_identity() -> None:
    with pytest.raises(ValidationError) as exc:
        Party(region=Region.get("33.72"), locality=SHANGHAI.locality)
    assert _errs(exc) == [("", "kotakerja.party.one_identity")]


def test_status_before_signing_after_and_after_expiry() -> None:
    d = PartialDate(year=2021, month=12, day=13)
    mou = Mou(
        title="x",
        scheme=Scheme.KSDD,
        parties=(SOLO, KEDIRI),
        signatures=(Signature(party=0, date=d), Signature(party=1, date=d)),
        term=Term(years=2),
    )
    assert mou.status_on(PartialDate(year=2021, month=11)) is DocumentStatus.DRAFT
    assert mou.status_on(PartialDate(year=2022, month=6, day=1)) is DocumentStatus.IN_FORCE
    assert mou.expires_on() == PartialDate(year=2023, month=12, day=12)
    assert mou.status_on(PartialDate(year=2024)) is DocumentStatus.EXPIRED
    assert mou.status_on(PartialDate(year=2021, month=12)) is None
    assert mou.is_in_force(PartialDate(year=2021, month=12)) is None


def test_unsigned_mou_is_a_draft() -> None:
    mou = Mou(title="x", scheme=Scheme.KSDD, parties=(SOLO, KEDIRI))
    assert mou.status_on(PartialDate(year=2030)) is DocumentStatus.DRAFT


def test_seed_mous_validate_round_trip_and_answer_status() -> None:
    mous = [r for r in kotakerja.examples() if isinstance(r, Mou)]
    assert [m.id for m in mous] == [
        "mou-jakarta-shanghai-2020",
        "mou-kadin-kediri-surakarta-2021",
        "mou-umkm-kediri-surakarta-2021",
    ]
    for m in mous:
        assert from_json(Mou, to_json(m)) == m
        jsonschema.Draft202012Validator(json_schema(Mou)).validate(to_dict(m))
    js, kadin, _ = mous
    assert js.signed_on() == PartialDate(year=2020, month=10, day=23)
    assert js.status_on(PartialDate(year=2020, month=10, day=22)) is DocumentStatus.DRAFT
    assert js.status_on(PartialDate(year=2023, month=4)) is DocumentStatus.IN_FORCE
    assert kadin.status_on(PartialDate(year=2021, month=12, day=12)) is DocumentStatus.DRAFT
    assert kadin.status_on(PartialDate(year=2021, month=12, day=13)) is DocumentStatus.IN_FORCE
    assert Country.get("CN") in {p.locality.country for p in js.parties if p.locality}
    assert LocalityLevel.PROVINCE is js.parties[1].locality.level  # type: ignore[union-attr]


@settings(max_examples=60)
@given(from_type(Mou))
def test_generated_mous_round_trip_and_match_schema(mou: Mou) -> None:
    assert from_json(Mou, to_json(mou)) == mou
    jsonschema.Draft202012Validator(json_schema(Mou)).validate(to_dict(mou))


def _signed(years: int = 5, **kw: object) -> Mou:
    d = PartialDate(year=2021, month=1, day=1)
    return Mou(
        title="x",
        scheme=Scheme.KSDD,
        parties=(SOLO, KEDIRI),
        signatures=(Signature(party=0, date=d), Signature(party=1, date=d)),
        term=Term(years=years),
        **kw,  # type: ignore[arg-type]
    )


def test_as_of_replays_amendments_in_effect() -> None:
    from kotakerja import Amendment, AmendmentKind

    ext = Amendment(
        kind=AmendmentKind.PERPANJANGAN,
        effective=PartialDate(year=2025, month=6, day=1),
        end=PartialDate(year=2030, month=12, day=31),
    )
    mou = _signed(amendments=(ext,))
    assert mou.as_of(PartialDate(year=2024, month=1, day=1)).end == PartialDate(
        year=2025, month=12, day=31
    )
    assert mou.as_of(PartialDate(year=2026, month=1, day=1)).end == ext.end
    assert mou.expires_on() == ext.end
    assert mou.status_on(PartialDate(year=2027, month=1, day=1)) is DocumentStatus.IN_FORCE


def test_amendments_out_of_order_are_rejected() -> None:
    from kotakerja import Amendment, AmendmentKind

    a = Amendment(kind=AmendmentKind.ADENDUM, effective=PartialDate(year=2024))
    b = Amendment(kind=AmendmentKind.ADENDUM, effective=PartialDate(year=2022))
    with pytest.raises(ValidationError) as exc:
        _signed(amendments=(a, b))
    assert _errs(exc) == [("amendments[1].effective", "kotakerja.amendment.out_of_order")]


def test_termination_ends_the_document() -> None:
    from kotakerja import Termination, TerminationGround

    mou = _signed(
        termination=Termination(
            ground=TerminationGround.MUTUAL_AGREEMENT, date=PartialDate(year=2022, month=3, day=1)
        )
    )
    assert mou.status_on(PartialDate(year=2022, month=2, day=1)) is DocumentStatus.IN_FORCE
    assert mou.status_on(PartialDate(year=2022, month=3, day=2)) is DocumentStatus.TERMINATED


def test_findings_for_long_term_and_missing_approvals() -> None:
    from kotakerja import Policy, check

    codes = [f.code for f in check(_signed(years=10))]
    assert codes == ["kotakerja.term.too_long"]
    assert check(_signed(years=10), Policy(mou_max_years=10)) == ()
    js = next(r for r in kotakerja.examples() if r.id == "mou-jakarta-shanghai-2020")
    assert {f.code for f in check(js)} == {
        "kotakerja.approval.dprd_missing",
        "kotakerja.approval.ministry_missing",
    }


def test_agreement_points_to_an_mou_and_reports_missing_contents() -> None:
    from kotakerja import Agreement, Money, PksContent, Ref, check

    with pytest.raises(ValidationError) as exc:
        Agreement(
            title="PKS",
            scheme=Scheme.KSDD,
            parties=(SOLO, KEDIRI),
            mou=Ref(type="agreement", id="a-1"),
            budget=Money.of("-1.00", "IDR"),
        )
    assert _errs(exc) == [
        ("mou.type", "kotakerja.ref.wrong_type"),
        ("budget.amount", "kotakerja.money.negative"),
    ]
    pks = Agreement(
        title="PKS",
        scheme=Scheme.KSDD,
        parties=(SOLO, KEDIRI),
        mou=Ref(type="mou", id="mou-1"),
        contents=(PksContent.OBJECT, PksContent.SCOPE),
    )
    (finding,) = check(pks)
    assert finding.code == "kotakerja.agreement.missing_contents"
    assert "force_majeure" in finding.message
    assert from_json(Agreement, to_json(pks)) == pks


@settings(max_examples=40)
@given(from_type(kotakerja.Agreement))
def test_generated_agreements_round_trip_and_match_schema(pks: kotakerja.Agreement) -> None:
    assert from_json(kotakerja.Agreement, to_json(pks)) == pks
    jsonschema.Draft202012Validator(json_schema(kotakerja.Agreement)).validate(to_dict(pks))


def test_stages_give_negotiating_before_signing_and_must_be_in_order() -> None:
    from kotakerja import Stage, StageEvent

    explore = StageEvent(stage=Stage.EXPLORATION, date=PartialDate(year=2020, month=3))
    mou = _signed(stages=(explore,))
    assert mou.status_on(PartialDate(year=2019)) is DocumentStatus.DRAFT
    assert mou.status_on(PartialDate(year=2020, month=6, day=1)) is DocumentStatus.NEGOTIATING
    late = StageEvent(stage=Stage.DRAFTING, date=PartialDate(year=2019))
    with pytest.raises(ValidationError) as exc:
        _signed(stages=(explore, late))
    assert _errs(exc) == [("stages[1].date", "kotakerja.stage.out_of_order")]


def test_explicit_end_and_duration_exclude_each_other() -> None:
    with pytest.raises(ValidationError) as exc:
        Term(years=5, end=PartialDate(year=2030))
    assert _errs(exc) == [("end", "kotakerja.term.end_and_duration")]
    d = PartialDate(year=2021, month=1, day=1)
    mou = Mou(
        title="x",
        scheme=Scheme.KSDD,
        parties=(SOLO, KEDIRI),
        signatures=(Signature(party=0, date=d), Signature(party=1, date=d)),
        term=Term(end=PartialDate(year=2022, month=6)),
    )
    assert mou.expires_on() == PartialDate(year=2022, month=6)
    assert mou.status_on(PartialDate(year=2022, month=7, day=1)) is DocumentStatus.EXPIRED
    assert mou.status_on(PartialDate(year=2022, month=5, day=31)) is DocumentStatus.IN_FORCE
    assert mou.status_on(PartialDate(year=2022, month=6, day=15)) is None


def test_ksdpk_needs_a_domestic_third_party() -> None:
    foreign_firm = Party(
        organization=Organization(
            name="Acme GmbH", kind=OrganizationKind.COMPANY, country=Country.get("DE")
        )
    )
    local_firm = Party(organization=Organization(name="PT Solo", kind=OrganizationKind.COMPANY))
    assert Mou(title="x", scheme=Scheme.KSDPK, parties=(SOLO, local_firm)).scheme is Scheme.KSDPK
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDPK, parties=(SOLO, foreign_firm))
    assert _errs(exc) == [("parties", "kotakerja.scheme.ksdpk_parties")]
    assert Mou(title="x", scheme=Scheme.KSDLL, parties=(SOLO, foreign_firm)).scheme is Scheme.KSDLL
    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDLL, parties=(SOLO, local_firm))
    assert _errs(exc) == [("parties", "kotakerja.scheme.ksdll_parties")]


def test_scheme_subkinds_belong_to_their_scheme() -> None:
    from kotakerja import KsddKind

    with pytest.raises(ValidationError) as exc:
        Mou(title="x", scheme=Scheme.KSDPL, ksdd_kind=KsddKind.WAJIB, parties=(SOLO, SHANGHAI))
    assert _errs(exc) == [("ksdd_kind", "kotakerja.scheme.kind_mismatch")]


def test_acting_signatory_without_consent_is_a_finding() -> None:
    from kotakerja import ActingStatus, Approval, ApprovalKind, Position, RoleClass, check

    d = PartialDate(year=2023, month=1, day=5)
    pj = Position(title="Gubernur DKI Jakarta", role=RoleClass.GOVERNOR, acting=ActingStatus.PJ)
    mou = Mou(
        title="x",
        scheme=Scheme.KSDD,
        parties=(Party(region=Region.get("31")), KEDIRI),
        signatures=(Signature(party=0, date=d, position=pj), Signature(party=1, date=d)),
    )
    (finding,) = check(mou)
    assert (finding.path, finding.code) == (
        "signatures[0].position",
        "kotakerja.signature.acting_without_consent",
    )
    consented = attrs.evolve(mou, approvals=(Approval(kind=ApprovalKind.ACTING_OFFICIAL_CONSENT),))
    assert check(consented) == ()


@st.composite
def _amendment_lists(draw: st.DrawFn) -> list[kotakerja.Amendment]:
    from kotakerja import Amendment, AmendmentKind

    years = sorted(draw(st.lists(st.integers(2021, 2035), max_size=5)))
    return [
        Amendment(
            kind=draw(st.sampled_from(list(AmendmentKind))),
            effective=PartialDate(year=y, month=1, day=1),
            end=draw(st.none() | st.builds(PartialDate, year=st.integers(y, 2040))),
            topics=draw(st.none() | st.lists(st.sampled_from(["trade", "tourism"])).map(tuple)),
        )
        for y in years
    ]


@given(_amendment_lists(), st.integers(2020, 2040))
def test_as_of_equals_naive_replay(amendments: list[kotakerja.Amendment], year: int) -> None:
    mou = _signed(years=3, amendments=tuple(amendments))
    on = PartialDate(year=year, month=6, day=1)
    end: PartialDate | None = PartialDate(year=2023, month=12, day=31)
    topics: tuple[str, ...] = ()
    for a in amendments:
        if a.effective.earliest() <= on.earliest():
            end = a.end if a.end is not None else end
            topics = a.topics if a.topics is not None else topics
    terms = mou.as_of(on)
    assert (terms.end, terms.topics) == (end, topics)


def test_register_lists_documents_expiring_within_days() -> None:
    from kotakerja import Register
    from kotakerja.report import render_report

    short = _signed(years=1)
    long = attrs.evolve(_signed(years=5), id="mou-long")
    reg = Register([short, long])
    on = PartialDate(year=2021, month=11, day=15)
    assert reg.expiring_within(60, on=on) == (short,)
    assert reg.expiring_within(10, on=on) == ()
    text = render_report(reg, on=on, lang="en")
    assert f"  {short.id}: 31 December 2021" in text
