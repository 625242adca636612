"""Other facts sources report, each in its own field: attendance mode, letters, hedged
meeting times, an exporter's place name, ports without UN/LOCODE and the means of a leg."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import jsonschema
import pendulum
import pytest

import kotakerja
from kotakerja import (
    AttendanceMode,
    Consignee,
    Country,
    Exporter,
    ExportShipment,
    LetterKind,
    LetterRef,
    Meeting,
    MeetingKind,
    Organization,
    OrganizationKind,
    PartialDate,
    Period,
    PlaceName,
    Port,
    Quantity,
    RatePeriod,
    Region,
    ReportedDate,
    TransportLeg,
    TransportMeans,
    TransportMeansKind,
    TransportMode,
    ValidationError,
    check,
    from_json,
    iter_jsonl,
    json_schema,
    to_dict,
    to_json,
)

SOLO = Region.get("33.72")


def _meeting(**over: object) -> Meeting:
    fields: dict[str, object] = {
        "id": "meeting-audiensi-kadin",
        "title": "Audiensi Kadin Kota Kediri",
        "kind": MeetingKind.COURTESY_CALL,
        "topics": ("trade",),
    }
    fields.update(over)
    return Meeting(**fields)  # type: ignore[arg-type]


def test_a_hybrid_meeting_held_on_an_invitation_letter() -> None:
    m = _meeting(
        attendance_mode=AttendanceMode.HYBRID,
        letters=(
            LetterRef(
                kind=LetterKind.INVITATION,
                number="005/1234/2023",
                date=PartialDate.parse("2 Mei 2023"),
                issuer=Organization(
                    name="Pemerintah Kota Surakarta",
                    kind=OrganizationKind.REGIONAL_GOVERNMENT,
                    region=SOLO,
                ),
            ),
        ),
    )
    data = to_dict(m)
    assert data["attendance_mode"] == "hybrid"
    assert data["letters"][0]["number"] == "005/1234/2023"
    assert data["letters"][0]["date"] == "2023-05-02"
    assert from_json(Meeting, to_json(m)) == m
    jsonschema.validate(data, json_schema(Meeting))


def test_an_approximate_clock_time_is_kept_as_reported() -> None:
    m = _meeting(
        dates=Period.parse("20 Desember 2021"),
        reported_time=ReportedDate.parse("Senin (20/12/2021) sekitar pukul 13.24 WIB"),
    )
    assert to_dict(m)["reported_time"] == {
        "date": "2021-12-20",
        "time": "13:24",
        "time_approximate": True,
    }
    assert from_json(Meeting, to_json(m)) == m
    assert not [f for f in check(m) if f.code == "kotakerja.meeting.reported_time_outside"]


def test_a_reported_time_outside_the_meeting_s_dates_is_a_finding() -> None:
    m = _meeting(
        start=pendulum.datetime(2021, 12, 13, 10, tz="Asia/Jakarta"),
        reported_time=ReportedDate.parse("Senin pagi (20/12/2021)"),
    )
    assert [(f.code, f.path) for f in check(m) if "reported" in f.code] == [
        ("kotakerja.meeting.reported_time_outside", "reported_time")
    ]


def _shipment(**over: object) -> ExportShipment:
    fields: dict[str, object] = {
        "id": "shipment-kediri-my",
        "consignee": Consignee(country=Country.get("MY")),
    }
    fields.update(over)
    return ExportShipment(**fields)  # type: ignore[arg-type]


def test_an_exporter_known_only_by_its_town() -> None:
    exporter = Exporter(
        organization=Organization(name="UD Tahu Takwa", kind=OrganizationKind.UMKM),
        place=PlaceName(written="Kediri"),
    )
    s = _shipment(exporter=exporter)
    assert to_dict(s)["exporter"]["place"] == {"written": "Kediri"}
    assert from_json(ExportShipment, to_json(s)) == s
    assert [r.code for r in exporter.place.candidates()] == ["35.06", "35.71"]  # type: ignore[union-attr]
    unknown = _shipment(
        exporter=Exporter(
            organization=exporter.organization, place=PlaceName(written="Atlantis Raya")
        )
    )
    assert ("kotakerja.place.unknown", "exporter.place.written") in [
        (f.code, f.path) for f in check(unknown)
    ]


def _sea_leg(**over: object) -> TransportLeg:
    fields: dict[str, object] = {
        "mode": TransportMode.SEA,
        "departure_port": Port(
            name="Pelabuhan Tanjung Emas", country=Country.get("ID"), region=Region.get("33.74")
        ),
        "arrival_port": Port(
            name="Pelabuhan Pasir Gudang", country=Country.get("MY"), subdivision="MY-01"
        ),
        "voyage": "025S",
        "means": TransportMeans(
            kind=TransportMeansKind.VESSEL, name="KM Meratus Kampar", model="container ship"
        ),
    }
    fields.update(over)
    return TransportLeg(**fields)  # type: ignore[arg-type]


def test_ports_without_a_locode_and_the_vessel_of_a_leg() -> None:
    s = _shipment(
        legs=(_sea_leg(),),
        volume=Quantity(amount=Decimal(20), unit="TNE", per=RatePeriod.MONTH),
    )
    data = to_dict(s)
    assert "departure_place" not in data["legs"][0]
    assert data["legs"][0]["means"]["name"] == "KM Meratus Kampar"
    assert from_json(ExportShipment, to_json(s)) == s
    jsonschema.validate(data, json_schema(ExportShipment))
    assert [f.code for f in check(s) if f.code.startswith("kotakerja.shipment.")] == []


def test_an_aircraft_and_its_flight() -> None:
    leg = TransportLeg(
        mode=TransportMode.AIR,
        departure_place="IDSOC",
        arrival_place="MYKUL",
        voyage="GA 820",
        means=TransportMeans(
            kind=TransportMeansKind.AIRCRAFT, model="Boeing 737-800", identifier="PK-GFA"
        ),
    )
    assert from_json(TransportLeg, to_json(leg)) == leg


def test_the_rules_of_exports_apply_to_ports_by_name() -> None:
    abroad = _sea_leg(
        departure_port=Port(name="Port Klang", country=Country.get("MY")),
        arrival_port=Port(name="Pelabuhan Tanjung Perak", country=Country.get("ID")),
    )
    with pytest.raises(ValidationError) as exc:
        _shipment(legs=(abroad,))
    assert sorted((e.path, e.code) for e in exc.value.errors) == [
        ("legs[0].arrival_port.country", "kotakerja.shipment.final_destination"),
        ("legs[0].departure_port.country", "kotakerja.shipment.first_leg_abroad"),
    ]


@pytest.mark.parametrize(
    ("fields", "path", "code"),
    [
        ({"departure_port": None}, "departure_place", "kotakerja.leg.place_missing"),
        ({"departure_place": "SGSIN"}, "departure_port.country", "kotakerja.leg.port_country"),
    ],
)
def test_each_end_of_a_leg_is_a_locode_or_a_port_of_one_country(
    fields: dict[str, object], path: str, code: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        _sea_leg(**fields)
    assert [(e.path, e.code) for e in exc.value.errors] == [(path, code)]


def test_a_region_is_for_ports_in_indonesia() -> None:
    with pytest.raises(ValidationError) as exc:
        Port(name="Port Klang", country=Country.get("MY"), region=Region.get("33.74"))
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("region", "kotakerja.port.region_abroad")
    ]


def test_files_written_before_these_fields_still_load() -> None:
    path = Path(__file__).parent / "fixtures" / "records-1.0.jsonl"
    results = list(iter_jsonl(path))
    assert results
    assert all(r.ok for r in results)


def test_records_without_the_new_facts_are_written_as_before() -> None:
    new = {"volume", "attendance_mode", "reported_time", "letters", "implementers"}
    new |= {"budget_rate", "quantities"}
    for record in kotakerja.examples():
        assert not new & set(to_dict(record)), record.id


def test_new_facts_survive_a_csv_table(tmp_path: Path) -> None:
    from kotakerja.register import read_csv, write_csv

    shipment = _shipment(
        legs=(_sea_leg(),),
        volume=Quantity(amount=Decimal(20), unit="TNE", per=RatePeriod.MONTH),
        exporter=Exporter(
            organization=Organization(name="UD Tahu Takwa", kind=OrganizationKind.UMKM),
            place=PlaceName(written="Kediri"),
        ),
    )
    path = tmp_path / "shipments.csv"
    write_csv(path, [shipment])
    records, problems = read_csv(path)
    assert (records, problems) == ([shipment], [])
    meeting = _meeting(
        attendance_mode=AttendanceMode.ONLINE,
        reported_time=ReportedDate.parse("Triwulan III 2023"),
    )
    path = tmp_path / "meetings.csv"
    write_csv(path, [meeting])
    assert read_csv(path) == ([meeting], [])


@pytest.mark.parametrize("cls", [PlaceName, Port, TransportMeans, LetterRef])
def test_generated_values_round_trip(cls: type) -> None:
    from hypothesis import given, settings

    from kotakerja.testing import from_type

    @settings(max_examples=30)
    @given(from_type(cls))
    def round_trip(value: object) -> None:
        assert from_json(cls, to_json(value)) == value

    round_trip()
