"""`release_link_problems`: the release ↔ shipment rules, one function for every caller."""

from __future__ import annotations

from pathlib import Path

from kotakerja import Consignee, Country, ExportRelease, ExportShipment, PartialDate, Ref, Register
from kotakerja.register import release_link_problems

SRC = Path(__file__).resolve().parents[1] / "src" / "kotakerja"


def _release(id: str, *shipments: str) -> ExportRelease:
    return ExportRelease(
        id=id,
        title="Pelepasan ekspor",
        date=PartialDate.parse("2021-12-20"),
        shipments=tuple(Ref(type="export_shipment", id=s) for s in shipments),
    )


def _shipment(id: str, release: str | None) -> ExportShipment:
    return ExportShipment(
        id=id,
        consignee=Consignee(country=Country.get("JP")),
        release=None if release is None else Ref(type="export_release", id=release),
    )


def test_the_function_finds_what_the_register_reports() -> None:
    records = [
        _release("r1", "s1", "s2"),
        _release("r2", "s2"),
        _shipment("s1", "r3"),
        _shipment("s2", "r1"),
        _release("r3"),
        _shipment("s3", "r3"),
    ]
    found = release_link_problems(records)
    assert [(p.path, p.code) for p in found] == [
        ("[r1].shipments[0]", "kotakerja.release.other_release"),
        ("[r2].shipments[0]", "kotakerja.release.shipment_in_two_releases"),
        ("[s1].release", "kotakerja.release.shipment_not_listed"),
        ("[s3].release", "kotakerja.release.shipment_not_listed"),
    ]
    assert Register(records, check_references=False).reference_problems() == found


def test_links_to_records_that_are_absent_are_left_to_the_reference_checks() -> None:
    assert release_link_problems([_release("r1", "s-elsewhere"), _shipment("s1", "r-gone")]) == []
    assert release_link_problems([]) == []


def test_no_package_calls_the_private_link_rules_of_the_register() -> None:
    for path in SRC.rglob("*.py"):
        assert "._release_link_problems" not in path.read_text(encoding="utf-8"), path
