"""Checked by mypy --strict: the public API types as a user sees them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import cattrs
import pendulum
from typing_extensions import assert_type

import kotakerja
from kotakerja import (
    ErrorDetail,
    Finding,
    Money,
    PartialDate,
    Period,
    Record,
    Region,
    ValidationError,
)

region = kotakerja.Region.get("33.72")
assert_type(region, Region)
assert_type(region.name, str)
assert_type(kotakerja.find_regions("Solo"), tuple[Region, ...])

money = Money(amount=Decimal("12.50"), currency="IDR")
assert_type(money.amount, Decimal)
assert_type(money + money, Money)

date = PartialDate.parse("Senin, 13 Desember 2021")
assert_type(date, PartialDate)
assert_type(date.before(PartialDate(year=2022)), bool | None)
assert_type(Period.parse("27–29 Mei 2022"), Period)

assert_type(kotakerja.from_json(Money, "{}"), Money)
assert_type(kotakerja.from_dict(Money, {}), Money)
assert_type(kotakerja.to_json(money), str)
assert_type(kotakerja.json_schema(Money), dict[str, Any])
assert_type(kotakerja.make_converter(), cattrs.Converter)
assert_type(kotakerja.examples(), kotakerja.Register)
assert_type(list(kotakerja.examples()), list[Record])

try:
    kotakerja.from_json(Money, "{}")
except ValidationError as e:
    assert_type(e.errors, tuple[ErrorDetail, ...])
    assert_type(e.errors[0].path, str)

findings = kotakerja.check(next(iter(kotakerja.examples())))
assert_type(findings, tuple[Finding, ...])

meeting = kotakerja.Meeting(title="Audiensi", kind=kotakerja.MeetingKind.COURTESY_CALL)
assert_type(meeting.press_line(), str | None)
assert_type(meeting.period(), Period | None)
assert_type(meeting.participants(), tuple[kotakerja.Participant, ...])
entries = kotakerja.open_follow_ups(kotakerja.examples(), on=PartialDate(year=2023))
assert_type(entries, tuple[kotakerja.FollowUpEntry, ...])
assert_type(entries[0].follow_up.is_overdue(PartialDate(year=2024)), bool)
assert_type(kotakerja.to_ical([meeting], locale="en"), bytes)
event = kotakerja.Event(title="CIIE", kind=kotakerja.EventKind.TRADE_FAIR)
assert_type(event.ref, kotakerja.Ref)
assert_type(
    kotakerja.parse_press_time("13/12/2021 pukul 10.00", "Asia/Jakarta"),
    tuple[pendulum.DateTime, pendulum.DateTime | None],
)
release = kotakerja.examples().get("release-technolink-surakarta-2021")
assert isinstance(release, kotakerja.ExportRelease)
shipments = release.resolve(kotakerja.examples())
assert_type(shipments, tuple[kotakerja.ExportShipment, ...])
assert_type(shipments[0].destination, kotakerja.Country)
assert_type(shipments[0].status, kotakerja.ShipmentStatus | None)
assert_type(release.totals(kotakerja.examples()).values["IDR"], Decimal)
assert_type(release.by_destination(shipments), dict[str, kotakerja.ReleaseTotals])
assert_type(release.by_hs_chapter(shipments), dict[str | None, dict[str, Decimal]])
assert_type(kotakerja.classify_umkm(capital=Money.of("1", "IDR")), kotakerja.UmkmClass | None)
mou_js = kotakerja.examples().of_type(kotakerja.Mou)[0]
assert_type(mou_js.signed_on(), kotakerja.PartialDate | None)
assert_type(mou_js.possible_end(), tuple[pendulum.Date, pendulum.Date] | None)

detail = ErrorDetail("parties[1].title", "kotakerja.empty", "must not be empty")
assert_type(detail.pointer, str)
assert_type(detail.to_dict(), dict[str, str])
assert_type(ValidationError([detail]).to_dict(), dict[str, list[dict[str, str]]])
assert_type(kotakerja.JsonObject({"a": 1}).thaw(), dict[str, Any])
assert_type(kotakerja.Policy().mou_max_years, int)
assert_type(kotakerja.check(next(iter(kotakerja.examples()))), tuple[kotakerja.Finding, ...])
assert_type(kotakerja.check(kotakerja.examples()), tuple[kotakerja.Finding, ...])

# Bounded storage
assert_type(kotakerja.DEFAULT_MAX_SIZE, int)
assert_type(kotakerja.DEFAULT_MAX_PROBLEMS, int)
assert_type(kotakerja.DEFAULT_MAX_DEPTH, int)
assert_type(
    kotakerja.Register.load_json("r.json", max_size=None, max_problems=10, allow_special=False),
    kotakerja.Register,
)
