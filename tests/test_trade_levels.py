"""HS codes at every level, the doubt of the origin table by date, and status order."""

from __future__ import annotations

from typing import Any

import attrs
import jsonschema
import pendulum
import pytest

from kotakerja import (
    Consignee,
    Country,
    ExportShipment,
    GoodsLine,
    HsCode,
    HsLevel,
    OriginProof,
    OriginRule,
    OriginUncertainty,
    PartialDate,
    ShipmentStatus,
    StatusEvent,
    ValidationError,
    check,
    from_dict,
    json_schema,
    origin_rules,
    to_dict,
)

WIB = "Asia/Jakarta"


@pytest.mark.parametrize(
    ("text", "code", "level", "shown"),
    [
        ("09", "09", HsLevel.CHAPTER, "09"),
        ("2101", "2101", HsLevel.HEADING, "2101"),
        ("0901.21", "090121", HsLevel.SUBHEADING, "0901.21"),
        ("2101.11.10", "21011110", HsLevel.NATIONAL, "2101.11.10"),
        ("0901 21 10 00", "0901211000", HsLevel.STATISTICAL, "0901.21.10.00"),
    ],
)
def test_hs_code_keeps_the_level_it_was_given(
    text: str, code: str, level: HsLevel, shown: str
) -> None:
    hs = HsCode.parse(text)
    assert (hs.code, hs.level, str(hs)) == (code, level, shown)
    assert HsCode.parse(str(hs)) == hs


def test_hs_code_parts_exist_only_down_to_its_level() -> None:
    chapter, line = HsCode.parse("09"), HsCode.parse("0901.21.10")
    assert (chapter.chapter, chapter.heading, chapter.subheading) == ("09", None, None)
    assert (line.heading, line.subheading) == ("0901", "090121")
    assert chapter.contains(line)
    assert not line.contains(chapter)


@pytest.mark.parametrize("text", ["9", "090", "09012", "0901211", "090121100", "09012110000"])
def test_odd_digit_counts_are_not_hs_codes(text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        HsCode.parse(text)
    assert exc.value.errors[0].code == "kotakerja.hs.invalid"


def test_a_heading_survives_json_and_the_schema_accepts_every_level() -> None:
    line = GoodsLine(description="Kopi bubuk", hs_code=HsCode.parse("0901"))
    data = to_dict(line)
    assert data["hs_code"] == "0901"
    assert from_dict(GoodsLine, data) == line
    schema = json_schema(GoodsLine)
    for ok in ("09", "0901", "0901.21", "09012110", "0901211000"):
        jsonschema.validate({**data, "hs_code": ok}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "hs_code": "090"}, schema)


def _rule(about: OriginUncertainty, in_force: str = "2023-01-02") -> OriginRule:
    return OriginRule(
        agreement="X",
        form="Form X",
        partner="MM",
        in_force=PartialDate.parse_iso(in_force),
        uncertain=about is not OriginUncertainty.NONE,
        note="",
        uncertain_about=about,
    )


@pytest.mark.parametrize(
    ("about", "day", "expected"),
    [
        (OriginUncertainty.DATE, "2023-03-01", True),
        (OriginUncertainty.DATE, "2022-06-01", True),
        (OriginUncertainty.DATE, "2025-03-01", False),
        (OriginUncertainty.EARLIER_USE, "2022-12-31", True),
        (OriginUncertainty.EARLIER_USE, "2023-03-01", False),
        (OriginUncertainty.COVERAGE, "2030-01-01", True),
        (OriginUncertainty.FORM, "2023-01-02", False),
        (OriginUncertainty.NONE, "2023-01-02", False),
    ],
)
def test_a_doubt_bears_only_on_the_dates_it_can_touch(
    about: OriginUncertainty, day: str, expected: bool
) -> None:
    assert _rule(about).uncertain_on(PartialDate.parse_iso(day)) is expected


def test_the_shipped_table_says_what_each_doubtful_row_doubts() -> None:
    rows = {(r.agreement, r.partner): r for r in origin_rules()}
    assert rows["ATIGA", "TH"].uncertain_about is OriginUncertainty.EARLIER_USE
    assert rows["IE-CEPA", "CH"].uncertain_about is OriginUncertainty.NONE
    assert rows["IE-CEPA", "LI"].uncertain_about is OriginUncertainty.COVERAGE
    assert rows["RCEP", "MM"].uncertain_about is OriginUncertainty.COVERAGE
    assert all(
        r.uncertain for r in rows.values() if r.uncertain_about is not OriginUncertainty.NONE
    )


def _thai_shipment(**over: Any) -> ExportShipment:
    fields: dict[str, Any] = {
        "id": "shipment-th",
        "consignee": Consignee(country=Country.get("TH")),
        "events": (
            StatusEvent(status=ShipmentStatus.RELEASED, date=PartialDate.parse("20 Desember 2021")),
        ),
        "origin": OriginProof(agreement="ATIGA", form="Form D"),
    }
    fields.update(over)
    return ExportShipment(**fields)


def test_atiga_form_d_in_2021_has_no_uncertain_finding() -> None:
    assert [f.code for f in check(_thai_shipment())] == []


def test_d8_coverage_doubt_is_flagged_on_any_date() -> None:
    s = _thai_shipment(
        consignee=Consignee(country=Country.get("TR")), origin=OriginProof(agreement="D-8 PTA")
    )
    assert [(f.code, f.path) for f in check(s)] == [
        ("kotakerja.origin.uncertain", "origin.agreement")
    ]


def _order(s: ExportShipment) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in check(s) if f.code.startswith("kotakerja.status.")]


def _ev(status: ShipmentStatus, day: int, hour: int | None = None) -> StatusEvent:
    if hour is None:
        return StatusEvent(status=status, date=PartialDate(year=2021, month=12, day=day))
    return StatusEvent(status=status, time=pendulum.datetime(2021, 12, day, hour, tz=WIB))


def test_delivered_before_released_is_a_finding() -> None:
    s = _thai_shipment(
        origin=None,
        events=(_ev(ShipmentStatus.DELIVERED, 18, 9), _ev(ShipmentStatus.RELEASED, 20, 10)),
    )
    assert _order(s) == [("kotakerja.status.out_of_order", "events[1].status")]


def test_order_is_only_judged_where_the_dates_settle_it() -> None:
    same_day = _thai_shipment(
        origin=None,
        events=(_ev(ShipmentStatus.DEPARTED, 20), _ev(ShipmentStatus.RELEASED, 20, 10)),
    )
    assert _order(same_day) == []
    in_order = _thai_shipment(
        origin=None,
        events=(
            _ev(ShipmentStatus.RELEASED, 20, 10),
            _ev(ShipmentStatus.DEPARTED, 20, 22),
            _ev(ShipmentStatus.DELIVERED, 23),
        ),
    )
    assert _order(in_order) == []


def test_a_superseded_event_is_not_judged() -> None:
    wrong = _ev(ShipmentStatus.DELIVERED, 18, 9)
    fixed = attrs.evolve(_ev(ShipmentStatus.DELIVERED, 24, 9), supersedes=0)
    s = _thai_shipment(origin=None, events=(wrong, _ev(ShipmentStatus.RELEASED, 20, 10), fixed))
    assert _order(s) == []
