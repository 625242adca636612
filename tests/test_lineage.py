"""Typed links between documents, navigable both ways, and checks across them."""

from __future__ import annotations

import pytest

import kotakerja
from kotakerja import (
    Agreement,
    DocumentKind,
    DocumentLink,
    LinkRole,
    Mou,
    PartialDate,
    Party,
    PksContent,
    Ref,
    Region,
    Register,
    Renewal,
    Scheme,
    Signature,
    Term,
    ValidationError,
)

SOLO = Party(region=Region.get("33.72"))
KARANGANYAR = Party(region=Region.get("33.13"))
BOYOLALI = Party(region=Region.get("33.09"))


def _signed(day: str, *parties: int) -> tuple[Signature, ...]:
    d = PartialDate.parse_iso(day)
    return tuple(Signature(party=i, date=d) for i in parties)


LOI = Mou(
    id="loi-solo-karanganyar-2018",
    title="Surat pernyataan kehendak kerja sama",
    kind=DocumentKind.LETTER_OF_INTENT,
    scheme=Scheme.KSDD,
    parties=(SOLO, KARANGANYAR),
    signatures=_signed("2018-05-02", 0, 1),
)
KB = Mou(
    id="kb-solo-karanganyar-2019",
    title="Kesepakatan bersama pengembangan pariwisata",
    scheme=Scheme.KSDD,
    parties=(SOLO, KARANGANYAR),
    signatures=_signed("2019-03-11", 0, 1),
    term=Term(years=3),
    links=(DocumentLink(role=LinkRole.FOLLOWS, to=LOI.ref),),
)
KB_2022 = Mou(
    id="kb-solo-karanganyar-2022",
    title="Kesepakatan bersama pengembangan pariwisata (perpanjangan)",
    scheme=Scheme.KSDD,
    parties=(SOLO, KARANGANYAR),
    signatures=_signed("2022-03-11", 0, 1),
    term=Term(years=5),
    links=(DocumentLink(role=LinkRole.RENEWS, to=KB.ref),),
)


def _pks(pid: str, day: str, *parties: Party, years: int = 1) -> Agreement:
    return Agreement(
        id=pid,
        title="PKS promosi wisata bersama",
        scheme=Scheme.KSDD,
        parties=parties,
        signatures=_signed(day, *range(len(parties))),
        term=Term(years=years),
        contents=tuple(PksContent),
        mou=KB.ref,
    )


def test_lineage_both_ways() -> None:
    pks = _pks("pks-solo-karanganyar-2020", "2020-02-03", SOLO, KARANGANYAR)
    reg = Register([LOI, KB, KB_2022, pks])
    lin = reg.lineage(KB)
    assert [(x.role, x.document.id) for x in lin.outgoing] == [("follows", LOI.id)]
    assert [(x.role, x.document.id) for x in lin.incoming] == [
        ("renewed_by", KB_2022.id),
        ("implemented_by", pks.id),
    ]
    assert lin.related(LinkRole.FOLLOWS) == (LOI,)
    assert lin.related("implemented_by") == (pks,)
    assert [x.role for x in reg.lineage(pks.id).outgoing] == ["implements"]
    assert reg.lineage(LOI.ref).related("followed_by") == (KB,)
    assert reg.lineage_findings() == ()


def test_a_link_must_point_to_a_document_in_the_register() -> None:
    with pytest.raises(ValidationError) as exc:
        Register([KB])
    assert [e.code for e in exc.value.errors] == ["kotakerja.register.dangling_reference"]
    with pytest.raises(ValidationError) as exc:
        Mou(
            title="x",
            scheme=Scheme.KSDD,
            parties=(SOLO, KARANGANYAR),
            links=(DocumentLink(role=LinkRole.AMENDS, to=Ref(type="meeting", id="meeting-x")),),
        )
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("links[0].to.type", "kotakerja.ref.wrong_type")
    ]


def test_pks_signed_after_its_kb_ended_or_running_past_it() -> None:
    late = _pks("pks-late", "2023-01-09", SOLO, KARANGANYAR)
    long = _pks("pks-long", "2021-01-04", SOLO, KARANGANYAR, years=3)
    found = Register([LOI, KB, late, long]).lineage_findings()
    assert [(f.path, f.code) for f in found] == [
        ("[pks-late].mou", "kotakerja.lineage.outside_period"),
        ("[pks-long].mou", "kotakerja.lineage.outside_period"),
    ]
    assert "expired" in found[0].message
    assert "runs to 2024-01-03 at least" in found[1].message


def test_pks_running_on_while_its_kb_renews_automatically_is_fine() -> None:
    renewing = Mou(
        id=KB.id,
        title=KB.title,
        scheme=Scheme.KSDD,
        parties=KB.parties,
        signatures=KB.signatures,
        term=Term(years=3, renewal=Renewal.AUTOMATIC),
    )
    long = _pks("pks-long", "2021-01-04", SOLO, KARANGANYAR, years=3)
    assert Register([renewing, long]).lineage_findings() == ()


def test_pks_with_a_party_outside_its_kb() -> None:
    pks = _pks("pks-three", "2020-02-03", SOLO, KARANGANYAR, BOYOLALI)
    (found,) = Register([LOI, KB, pks]).lineage_findings()
    assert (found.path, found.code) == (
        "[pks-three].parties[2]",
        "kotakerja.lineage.outside_parties",
    )
    assert "Boyolali" in found.message


def test_lineage_of_a_non_document_is_a_type_error() -> None:
    reg = kotakerja.examples()
    meeting = reg.of_type("meeting")[0]
    with pytest.raises(TypeError):
        reg.lineage(meeting.id)
