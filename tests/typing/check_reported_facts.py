"""Checked by mypy --strict: reported dates, places through time, rates and trade levels."""

from __future__ import annotations

from decimal import Decimal

import pendulum
from typing_extensions import assert_type

from kotakerja import (
    Country,
    HsCode,
    HsLevel,
    Money,
    MoneyRate,
    PartialDate,
    PlaceName,
    Quantity,
    RatePeriod,
    Region,
    RegionMatch,
    ReportedDate,
    resolve_region,
    zone_country,
)

reported = ReportedDate.parse("akhir Agustus 2023", published=pendulum.Date(2023, 9, 1))
assert_type(reported, ReportedDate)
assert_type(reported.before(PartialDate(year=2023)), bool | None)
assert_type(reported.contains(pendulum.Date(2023, 8, 25)), bool | None)
assert_type(reported.earliest(), pendulum.Date)
assert_type(PartialDate(year=2023).before(reported), bool | None)
assert_type(
    PartialDate.parse("20 Desember", published=PartialDate(year=2021, month=12, day=21)),
    PartialDate,
)

match = resolve_region("92.71")
assert_type(match, RegionMatch)
assert_type(match.region, Region)
assert_type(match.note, str | None)
assert_type(PlaceName(written="Kediri").candidates(), tuple[Region, ...])
assert_type(PlaceName(written="Kediri").region(), Region | None)
assert_type(Country.find("Tiongkok"), Country)
assert_type(Country.get("CN").time_zones, tuple[str, ...])
assert_type(zone_country("Asia/Shanghai"), str | None)

rate = MoneyRate(amount=Money.of("5000000", "IDR"), per=RatePeriod.MONTH)
assert_type(rate.per_year(), Money)
assert_type(Quantity(amount=Decimal(500), unit="TNE", per=RatePeriod.DAY).per, RatePeriod | None)

hs = HsCode.parse("0901")
assert_type(hs.level, HsLevel)
assert_type(hs.heading, str | None)
