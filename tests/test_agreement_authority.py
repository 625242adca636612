"""Deputies, delegates and acting officials sign on a recorded basis."""

from __future__ import annotations

import pytest

import kotakerja
from kotakerja import (
    ActingStatus,
    Agreement,
    Approval,
    ApprovalKind,
    Authority,
    AuthorityKind,
    AuthorityStatus,
    Mou,
    PartialDate,
    Party,
    Person,
    PksContent,
    Position,
    Region,
    RoleClass,
    Scheme,
    Signature,
    SigningCapacity,
    ValidationError,
    from_json,
    to_json,
)

SOLO = Party(region=Region.get("33.72"))
SUKOHARJO = Party(region=Region.get("33.11"))
DAY = PartialDate(year=2022, month=3, day=14)
WAKIL = Position(title="Wakil Wali Kota Surakarta", role=RoleClass.VICE_MAYOR)
BUPATI = Position(title="Bupati Sukoharjo", role=RoleClass.REGENT)


def _kb(first: Signature) -> Mou:
    return Mou(
        title="Kesepakatan bersama pengelolaan sampah Surakarta–Sukoharjo",
        scheme=Scheme.KSDD,
        parties=(SOLO, SUKOHARJO),
        signatures=(first, Signature(party=1, position=BUPATI, date=DAY)),
    )


def _findings(doc: Mou | Agreement) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in kotakerja.check(doc)]


def test_deputy_signing_without_a_letter_gets_a_finding_citing_the_rule() -> None:
    kb = _kb(Signature(party=0, signatory=Person(name="Teguh Prakosa"), position=WAKIL, date=DAY))
    assert kb.signatures[0].signs_as is SigningCapacity.DEPUTY
    found = kotakerja.check(kb)
    assert [(f.path, f.code) for f in found] == [
        ("signatures[0].authority", "kotakerja.signature.authority_missing")
    ]
    assert "PP 28/2018" in found[0].message
    assert "none is recorded" in found[0].message


def test_deputy_with_a_recorded_letter_or_one_whose_details_are_unknown() -> None:
    letter = Authority(
        kind=AuthorityKind.DELEGATION,
        number="800/145",
        date=PartialDate(year=2022, month=3, day=10),
        issuer="Wali Kota Surakarta",
    )
    kb = _kb(Signature(party=0, position=WAKIL, date=DAY, authority=letter))
    assert _findings(kb) == []
    unknown = Authority(status=AuthorityStatus.LETTER_DETAILS_UNKNOWN)
    assert _findings(_kb(Signature(party=0, position=WAKIL, date=DAY, authority=unknown))) == []
    assert from_json(Mou, to_json(kb)) == kb


def test_deputy_known_to_have_no_letter() -> None:
    none = Authority(status=AuthorityStatus.NONE)
    kb = _kb(Signature(party=0, position=WAKIL, date=DAY, authority=none))
    (found,) = kotakerja.check(kb)
    assert found.code == "kotakerja.signature.authority_missing"
    assert "there is none" in found.message


def test_sekda_under_power_of_attorney_and_the_old_delegation_letter_field() -> None:
    sekda = Position(title="Sekretaris Daerah Kota Surakarta", role=RoleClass.REGIONAL_SECRETARY)
    pks = Agreement(
        title="PKS pengangkutan sampah",
        scheme=Scheme.KSDD,
        parties=(SOLO, SUKOHARJO),
        contents=tuple(PksContent),
        signatures=(
            Signature(party=0, position=sekda, capacity=SigningCapacity.DELEGATE, date=DAY),
            Signature(party=1, position=BUPATI, date=DAY),
        ),
    )
    assert _findings(pks) == [("signatures[0].authority", "kotakerja.signature.authority_missing")]
    kuasa = Signature(
        party=0, position=sekda, capacity=SigningCapacity.DELEGATE, date=DAY,
        delegation_letter="180/23/2022",
    )  # fmt: skip
    assert _findings(Agreement(**{**_fields(pks), "signatures": (kuasa, pks.signatures[1])})) == []


def _fields(doc: Agreement) -> dict[str, object]:
    import attrs

    return {f.name: getattr(doc, f.name) for f in attrs.fields(type(doc))}


@pytest.mark.parametrize("acting", [ActingStatus.PJ, ActingStatus.PJS, ActingStatus.PLT,
                                    ActingStatus.PLH])  # fmt: skip
def test_acting_officials_need_consent_or_a_letter(acting: ActingStatus) -> None:
    pos = Position(title="Wali Kota Surakarta", role=RoleClass.MAYOR, acting=acting)
    kb = _kb(Signature(party=0, position=pos, date=DAY))
    assert _findings(kb) == [
        ("signatures[0].position", "kotakerja.signature.acting_without_consent")
    ]
    law = "PP 49/2008" if acting in (ActingStatus.PJ, ActingStatus.PJS) else "UU 30/2014"
    assert law in kotakerja.check(kb)[0].message
    consent = Authority(kind=AuthorityKind.CONSENT, number="100.2.1.3/1234/SJ")
    assert _findings(_kb(Signature(party=0, position=pos, date=DAY, authority=consent))) == []
    approved = Mou(
        **{**_fields(kb), "approvals": (Approval(kind=ApprovalKind.ACTING_OFFICIAL_CONSENT),)}  # type: ignore[arg-type]
    )
    assert _findings(approved) == []


def test_plh_label() -> None:
    pos = Position(title="Wali Kota Surakarta", role=RoleClass.MAYOR, acting=ActingStatus.PLH)
    assert pos.label == "Plh Wali Kota Surakarta"
    assert pos.is_acting


def test_authority_details_must_match_its_status() -> None:
    with pytest.raises(ValidationError) as exc:
        Authority(status=AuthorityStatus.LETTER)
    assert [e.code for e in exc.value.errors] == ["kotakerja.authority.letter_without_details"]
    with pytest.raises(ValidationError) as exc:
        Authority(status=AuthorityStatus.NONE, number="1")
    assert [e.code for e in exc.value.errors] == ["kotakerja.authority.details_without_letter"]


def test_a_foreign_vice_mayor_is_not_held_to_indonesian_rules() -> None:
    vice = Position(title="Vice Mayor", role=RoleClass.VICE_MAYOR)
    kb = Mou(
        title="x",
        scheme=Scheme.BUSINESS,
        parties=(
            Party(
                organization=kotakerja.Organization(
                    name="Kadin Surakarta", kind=kotakerja.OrganizationKind.CHAMBER_OF_COMMERCE
                )
            ),
            Party(
                organization=kotakerja.Organization(
                    name="Osaka Chamber", kind=kotakerja.OrganizationKind.CHAMBER_OF_COMMERCE
                )
            ),
        ),
        signatures=(Signature(party=0, date=DAY), Signature(party=1, position=vice, date=DAY)),
    )
    assert _findings(kb) == []


def test_bad_authority_and_role_in_json_are_reported_with_paths() -> None:
    import json
    from pathlib import Path

    line = (Path(__file__).parent / "fixtures" / "agreements-main-2026-12.jsonl").read_text()
    data = json.loads(line.splitlines()[3])
    data["signatures"][0]["authority"] = {"status": "letter"}
    data["signatures"][1]["role"] = "boss"
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(Mou, data)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("signatures[0].authority.status", "kotakerja.authority.letter_without_details"),
        ("signatures[1].role", "kotakerja.enum"),
    ]
