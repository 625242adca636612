"""Release ↔ shipment links checked at both ends, and where releases and shipments stand
on a timeline."""

from __future__ import annotations

import pendulum
import pytest

import kotakerja
from conftest import paths_and_codes as _errs
from kotakerja import (
    Consignee,
    Country,
    Delegation,
    ExportRelease,
    ExportShipment,
    ForeignLocality,
    LocalityLevel,
    Meeting,
    MeetingKind,
    PartialDate,
    Party,
    Period,
    Ref,
    Region,
    Register,
    ShipmentStatus,
    StatusEvent,
    TradeDocument,
    TradeDocumentKind,
    TransportLeg,
    TransportMode,
    ValidationError,
)


def _release(id: str, *shipments: str) -> ExportRelease:
    return ExportRelease(
        id=id,
        title="Pelepasan ekspor",
        date=PartialDate.parse("2021-12-20"),
        shipments=tuple(Ref(type="export_shipment", id=s) for s in shipments),
    )


def _shipment(id: str, release: str | None, **over: object) -> ExportShipment:
    return ExportShipment(
        id=id,
        consignee=Consignee(country=Country.get("JP")),
        release=None if release is None else Ref(type="export_release", id=release),
        **over,  # type: ignore[arg-type]
    )


# Links -----------------------------------------------------------------------------------


def test_a_release_listing_a_shipment_of_another_release_is_rejected_at_both_ends() -> None:
    with pytest.raises(ValidationError) as exc:
        Register([_release("r1", "s1"), _shipment("s1", "r2"), _release("r2")])
    assert _errs(exc) == [
        ("[r1].shipments[0]", "kotakerja.release.other_release"),
        ("[s1].release", "kotakerja.release.shipment_not_listed"),
    ]
    assert "[s1].release" in exc.value.errors[0].message
    assert "[r2].shipments" in exc.value.errors[1].message


def test_a_shipment_in_two_releases_is_rejected_naming_the_first_listing() -> None:
    with pytest.raises(ValidationError) as exc:
        Register([_release("r1", "s1"), _release("r2", "s1"), _shipment("s1", "r1")])
    assert _errs(exc) == [("[r2].shipments[0]", "kotakerja.release.shipment_in_two_releases")]
    assert "[r1].shipments[0]" in exc.value.errors[0].message


def test_a_shipment_in_two_releases_naming_a_third_is_reported_everywhere() -> None:
    records = [
        _release("r1", "s0", "s1"),
        _release("r2", "s1"),
        _release("r3", "s0"),
        _shipment("s0", "r1"),
        _shipment("s1", "r3"),
    ]
    with pytest.raises(ValidationError) as exc:
        Register(records)
    assert _errs(exc) == [
        ("[r1].shipments[1]", "kotakerja.release.other_release"),
        ("[r2].shipments[0]", "kotakerja.release.shipment_in_two_releases"),
        ("[r3].shipments[0]", "kotakerja.release.shipment_in_two_releases"),
        ("[s1].release", "kotakerja.release.shipment_not_listed"),
    ]


def test_a_shipment_naming_a_release_that_does_not_list_it_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Register([_release("r1", "s2"), _shipment("s1", "r1"), _shipment("s2", "r1")])
    assert _errs(exc) == [("[s1].release", "kotakerja.release.shipment_not_listed")]


def test_a_release_outside_the_register_is_only_a_dangling_reference() -> None:
    with pytest.raises(ValidationError) as exc:
        Register([_shipment("s1", "r9")])
    assert _errs(exc) == [("[s1].release", "kotakerja.register.dangling_reference")]


def test_a_shipment_outside_the_register_is_only_a_dangling_reference() -> None:
    with pytest.raises(ValidationError) as exc:
        Register([_release("r1", "s1", "s2"), _shipment("s2", "r1")])
    assert _errs(exc) == [("[r1].shipments[0]", "kotakerja.register.dangling_reference")]


def test_consistent_links_and_a_shipment_naming_no_release_are_accepted() -> None:
    reg = Register([_release("r1", "s1", "s2"), _shipment("s1", "r1"), _shipment("s2", None)])
    assert reg.reference_problems() == []
    release = reg.get("r1")
    assert isinstance(release, ExportRelease)
    assert release.totals(reg).shipments == 2
    assert [f.code for f in release.shipment_findings(reg)] == [
        "kotakerja.release.no_release_event",
        "kotakerja.release.shipment_unlinked",
        "kotakerja.release.no_release_event",
    ]


def test_reference_problems_reports_links_in_a_register_built_unchecked() -> None:
    records = [_release("r1", "s1"), _release("r2", "s1"), _shipment("s1", "r2")]
    reg = Register(records, check_references=False)
    assert [(e.path, e.code) for e in reg.reference_problems()] == [
        ("[r1].shipments[0]", "kotakerja.release.other_release"),
        ("[r2].shipments[0]", "kotakerja.release.shipment_in_two_releases"),
    ]


def test_the_bundled_release_and_its_shipments_agree() -> None:
    assert kotakerja.examples().reference_problems() == []


def test_adding_a_contradicting_release_to_the_examples_is_rejected() -> None:
    reg = kotakerja.examples()
    with pytest.raises(ValidationError) as exc:
        reg.with_records(_release("release-other", "shipment-technolink-2021-jp"))
    assert _errs(exc) == [
        ("[release-other].shipments[0]", "kotakerja.release.shipment_in_two_releases")
    ]


# Timeline --------------------------------------------------------------------------------


def test_a_release_stands_on_its_date() -> None:
    release = ExportRelease(id="r", title="t", date=PartialDate.parse("2021-12"))
    assert release.timeline_date() == PartialDate(year=2021, month=12)


def test_a_shipment_stands_on_the_local_date_of_its_first_departure() -> None:
    late = pendulum.datetime(2021, 12, 20, 23, 30, tz="Asia/Jakarta")  # 16:30 UTC
    leg = TransportLeg(
        mode=TransportMode.AIR,
        departure_place="IDCGK",
        arrival_place="JPNRT",
        planned_departure=late,
    )
    released = StatusEvent(status=ShipmentStatus.RELEASED, date=PartialDate.parse("2021-12-18"))
    shipment = _shipment("s", None, legs=(leg,), events=(released,))
    assert shipment.timeline_date() == PartialDate.parse("2021-12-20")
    assert shipment.timeline_date() == shipment.export_date()


def test_a_shipment_without_legs_stands_on_its_release_event_else_its_peb() -> None:
    released = StatusEvent(status=ShipmentStatus.RELEASED, date=PartialDate.parse("2021-12-18"))
    peb = TradeDocument(kind=TradeDocumentKind.PEB, date=PartialDate.parse("2021-12-10"))
    assert _shipment("s", None, events=(released,)).timeline_date() == released.date
    assert _shipment("s", None, documents=(peb,)).timeline_date() == peb.date
    assert _shipment("s", None).timeline_date() is None


def test_the_bundled_release_and_shipments_are_dated_in_the_timeline() -> None:
    reg = kotakerja.examples()
    dated = [r for r in reg.timeline("33.72") if r.timeline_date() is not None]
    assert {"release-technolink-surakarta-2021", "shipment-technolink-2021-jp"} <= {
        r.id for r in dated
    }
    keys = [r.timeline_date().sort_key() for r in dated]  # type: ignore[union-attr]
    assert keys == sorted(keys)
    assert reg.get("shipment-technolink-2021-jp").timeline_date() == PartialDate.parse("2021-12-20")


def test_a_meeting_in_2022_comes_after_the_2021_shipment() -> None:
    osaka = ForeignLocality(
        name="Osaka", country=Country.get("JP"), level=LocalityLevel.CITY, time_zone="Asia/Tokyo"
    )
    meeting = Meeting(
        id="meeting-x",
        title="Audiensi",
        kind=MeetingKind.COURTESY_CALL,
        dates=Period.parse("2022-03-15"),
        delegations=(
            Delegation(side=Party(region=Region.get("33.72"))),
            Delegation(side=Party(locality=osaka)),
        ),
    )
    reg = kotakerja.examples()
    before = reg.with_records(meeting)
    assert [r.id for r in before.timeline("33.72", "JP")] == [
        "shipment-technolink-2021-jp",
        "meeting-x",
    ]
    # the order of insertion does not decide it
    after = Register([meeting, *reg])
    assert [r.id for r in after.timeline("33.72", "JP")] == [
        "shipment-technolink-2021-jp",
        "meeting-x",
    ]
