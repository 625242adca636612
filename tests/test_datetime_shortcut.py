"""The date-time reader and writer's shortcuts give exactly what the full reading gives.

Zoned times are read on a shortcut once their offset-and-zone ending has been seen
and written through a plain datetime; both are compared here with the full path
over generated times in zones with and without daylight saving, including the
skipped and repeated hours, offsets that do not match, and odd spellings.
"""

from __future__ import annotations

import datetime
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kotakerja import ValidationError
from kotakerja.serialization import _codecs as _converter
from kotakerja.serialization._codecs import format_datetime, parse_datetime

_ZONES = [
    "Asia/Jakarta",
    "Asia/Makassar",
    "Asia/Jayapura",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Dublin",
    "America/New_York",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Africa/Casablanca",
    "UTC",
]


def _full(text: Any) -> Any:
    try:
        got = _converter._parse_datetime_in_full(text)
    except ValidationError as e:
        return ("error", [(d.code, d.path, d.message) for d in e.errors])
    return ("value", repr(got), got.fold, type(got), type(got.tzinfo), got.tzinfo)


def _shortcut(text: Any) -> Any:
    try:
        parse_datetime(text)  # the first reading may only teach the ending
        got = parse_datetime(text)
    except ValidationError as e:
        return ("error", [(d.code, d.path, d.message) for d in e.errors])
    return ("value", repr(got), got.fold, type(got), type(got.tzinfo), got.tzinfo)


def _offset_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_LOCAL = st.datetimes(
    min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(2100, 12, 31)
)


@settings(max_examples=600, database=None)
@given(
    local=_LOCAL,
    fold=st.integers(0, 1),
    zone_name=st.sampled_from(_ZONES),
    shift=st.sampled_from([0, 0, 0, 30, -30, 60, -60, 120]),
    whole_seconds=st.booleans(),
)
def test_local_times_read_as_the_full_reading_reads_them(
    local: datetime.datetime, fold: int, zone_name: str, shift: int, whole_seconds: bool
) -> None:
    zone = pendulum.timezone(zone_name)
    if whole_seconds:
        local = local.replace(microsecond=0)
    offset = zone.utcoffset(local.replace(fold=fold))
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60 + shift
    if abs(minutes) >= 24 * 60:
        return
    text = f"{local.isoformat()}{_offset_text(minutes)}[{zone_name}]"
    assert _shortcut(text) == _full(text)
    value = pendulum.DateTime(*local.timetuple()[:6], local.microsecond, zone, fold=fold)
    assert format_datetime(value) == _converter._format_datetime_in_full(value)


@settings(max_examples=400, database=None)
@given(
    instant=st.datetimes(
        min_value=datetime.datetime(1900, 1, 2), max_value=datetime.datetime(2100, 12, 30)
    ),
    zone_name=st.sampled_from(_ZONES),
)
def test_instants_round_trip_as_the_full_path_writes_them(
    instant: datetime.datetime, zone_name: str
) -> None:
    aware = pendulum.instance(instant.replace(tzinfo=datetime.timezone.utc, fold=0)).in_timezone(
        zone_name
    )
    want = _converter._format_datetime_in_full(aware)
    assert format_datetime(aware) == want
    assert format_datetime(aware) == want  # the ending now comes from the cache
    assert _shortcut(want) == _full(want)
    back = parse_datetime(want)
    assert back == aware
    assert back.fold == aware.fold
    assert back.tzinfo is not None
    assert format_datetime(back) == want


@pytest.mark.parametrize(
    "text",
    [
        # skipped hour in Berlin and New York: neither offset fits
        "2021-03-28T02:30:00+01:00[Europe/Berlin]",
        "2021-03-28T02:30:00+02:00[Europe/Berlin]",
        "2021-03-14T02:30:00-05:00[America/New_York]",
        "2021-03-14T02:30:00-04:00[America/New_York]",
        # repeated hour: both passes
        "2021-10-31T02:30:00+02:00[Europe/Berlin]",
        "2021-10-31T02:30:00+01:00[Europe/Berlin]",
        "2021-11-07T01:30:00-04:00[America/New_York]",
        "2021-11-07T01:30:00-05:00[America/New_York]",
        "2021-11-07T01:30:00.000001-05:00[America/New_York]",
        # odd spellings left to the full reading
        "2021-12-13X10:00:00+07:00[Asia/Jakarta]",
        "2021-12-13T10+07:00+07:00[Asia/Jakarta]",
        "2021-12-13T10:00:00Z+07:00[Asia/Jakarta]",
        "2021-12-13T10:00:00.1+07:00[Asia/Jakarta]",
        "2021-12-13T10:00:00-00:00[UTC]",
        "2021-12-13T10:00:00+07:00[Asia/Jakarta",
        "2021-12-13T25:00:00+07:00[Asia/Jakarta]",
        "2021-12-13T10:00:00+08:00[Asia/Jakarta]",
        "2021-12-13T10:00:00+07:00[Asia/Nowhere]",
        "2021-12-13T10:00:00+07:00",
        "2021-12-13T10:00:00",
    ],
)
def test_edge_texts_read_as_the_full_reading_reads_them(text: str) -> None:
    parse_datetime("2021-12-13T10:00:00+07:00[Asia/Jakarta]")
    parse_datetime("2021-06-01T10:00:00+02:00[Europe/Berlin]")
    parse_datetime("2021-01-01T10:00:00+01:00[Europe/Berlin]")
    parse_datetime("2021-06-01T10:00:00-04:00[America/New_York]")
    parse_datetime("2021-01-01T10:00:00-05:00[America/New_York]")
    assert _shortcut(text) == _full(text)


def test_the_shortcuts_are_taken() -> None:
    text = "2021-12-13T10:00:00+07:00[Asia/Jakarta]"
    value = parse_datetime(text)
    assert "+07:00[Asia/Jakarta]" in _converter._READ_ENDINGS
    assert format_datetime(value) == text
    # Jakarta has kept +07:00 since 1964: written without looking the offset up.
    start, ending = _converter._WRITE_FIXED["Asia/Jakarta"] or ("", "")
    assert start.startswith("1964-01-0")
    assert ending == "+07:00[Asia/Jakarta]"
    assert parse_datetime(text) == value
    assert format_datetime(value) == text
    berlin = parse_datetime("2021-06-01T10:00:00+02:00[Europe/Berlin]")
    assert format_datetime(berlin) == "2021-06-01T10:00:00+02:00[Europe/Berlin]"
    assert _converter._WRITE_FIXED["Europe/Berlin"] is None
    assert ("Europe/Berlin", datetime.timedelta(hours=2)) in _converter._WRITE_ENDINGS
    old = parse_datetime("1950-06-01T10:00:00+07:30[Asia/Jakarta]")
    assert format_datetime(old) == "1950-06-01T10:00:00+07:30[Asia/Jakarta]"


def test_times_made_by_pendulum_with_either_fold_are_written_as_before() -> None:
    repeated = parse_datetime("2021-11-07T01:30:00-05:00[America/New_York]")
    assert repeated.fold == 1
    assert format_datetime(repeated) == "2021-11-07T01:30:00-05:00[America/New_York]"
    for zone in _ZONES:
        for month in (1, 3, 4, 7, 10, 11):
            for hour in (0, 1, 2, 3):
                made = pendulum.datetime(2021, month, 7, hour, 30, tz=zone)
                for value in (made, made.replace(fold=0), made.replace(fold=1)):
                    assert format_datetime(value) == _converter._format_datetime_in_full(value)


def test_times_that_are_not_plain_pendulum_times_are_written_in_full() -> None:
    fixed = parse_datetime("2021-12-13T10:00:00+07:00")
    assert format_datetime(fixed) == "2021-12-13T10:00:00+07:00"


@settings(max_examples=400, database=None)
@given(
    a=_LOCAL,
    b=_LOCAL,
    fold_a=st.integers(0, 1),
    fold_b=st.integers(0, 1),
    zone_a=st.sampled_from(_ZONES),
    zone_b=st.sampled_from(_ZONES),
    near=st.booleans(),
)
def test_leg_times_compare_as_datetime_compares_them(
    a: datetime.datetime,
    b: datetime.datetime,
    fold_a: int,
    fold_b: int,
    zone_a: str,
    zone_b: str,
    near: bool,
) -> None:
    from kotakerja.records._shipments import _earlier

    if near:  # within a day, where offsets and folds decide
        b = a + (b - datetime.datetime(2000, 1, 1)) % datetime.timedelta(days=1)
    x = pendulum.DateTime(*a.timetuple()[:6], a.microsecond, pendulum.timezone(zone_a), fold=fold_a)
    y = pendulum.DateTime(*b.timetuple()[:6], b.microsecond, pendulum.timezone(zone_b), fold=fold_b)
    assert _earlier(x, y) == (x < y)
    assert _earlier(y, x) == (y < x)
    fixed = pendulum.instance(datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone.utc))
    assert _earlier(x, fixed) == (x < fixed)


def _invoice_reference(shipment: Any) -> list[tuple[str, str, str]]:
    """The invoice rule as first written: check every line, then add the values up."""
    from decimal import Decimal

    from kotakerja.records._shipments import _value_of

    out: list[tuple[str, str, str]] = []
    total = shipment.invoice_total
    if total is None:
        return out
    if total.amount < 0:
        out.append(("invoice_total.amount", "kotakerja.money.negative", ""))
    if not shipment.goods:
        return out
    clean = True
    for i, line in enumerate(shipment.goods):
        if line.value is None:
            out.append((f"goods[{i}].value", "kotakerja.goods.value_missing", ""))
            clean = False
        elif line.value.currency != total.currency:
            out.append((f"goods[{i}].value.currency", "kotakerja.goods.currency_mismatch", ""))
            clean = False
    if clean:
        summed = _value_of(shipment.goods).get(total.currency, Decimal(0))
        if summed != total.amount:
            message = (
                f"line values add up to {summed} {total.currency}; "
                f"the invoice total is {total.amount}"
            )
            out.append(
                ("invoice_total.amount", "kotakerja.shipment.invoice_total_mismatch", message)
            )
    return out


_AMOUNTS = st.decimals(min_value=-5, max_value=10**6, places=2, allow_nan=False)


@settings(max_examples=300, database=None)
@given(
    lines=st.lists(
        st.one_of(st.none(), st.tuples(_AMOUNTS, st.sampled_from(["IDR", "EUR", "USD"]))),
        max_size=5,
    ),
    total=st.one_of(st.none(), st.tuples(_AMOUNTS, st.sampled_from(["IDR", "USD"]))),
    exact=st.booleans(),
)
def test_invoice_rule_reports_as_first_written(lines: Any, total: Any, exact: bool) -> None:
    from kotakerja import Money
    from kotakerja._errors import Problems
    from kotakerja.records._shipments import ExportShipment, GoodsLine

    goods = tuple(
        GoodsLine(
            description=f"line {i}",
            value=None if v is None else Money(amount=abs(v[0]), currency=v[1]),
        )
        for i, v in enumerate(lines)
    )
    if exact and total is not None:
        total = (sum((g.value.amount for g in goods if g.value), total[0] * 0), total[1])
    # The rule reads only these two fields.
    target = object.__new__(ExportShipment)
    object.__setattr__(target, "goods", goods)
    object.__setattr__(
        target,
        "invoice_total",
        None if total is None else Money(amount=total[0], currency=total[1]),
    )
    p = Problems()
    target._check_invoice(p)
    got = [(d.path, d.code, d.message if "total_mismatch" in d.code else "") for d in p]
    assert got == _invoice_reference(target)


def test_zones_fixed_for_good_are_known_from_their_last_transition() -> None:
    def since(name: str, hours: int) -> datetime.datetime | None:
        zone = pendulum.timezone(name)
        assert isinstance(zone, pendulum.Timezone)
        return _converter._fixed_since(zone, datetime.timedelta(hours=hours))

    # Jakarta moved to +07:00 on 1 January 1964 (WIB); Berlin keeps daylight saving.
    jakarta = since("Asia/Jakarta", 7)
    assert jakarta is not None
    assert datetime.datetime(1964, 1, 1) < jakarta < datetime.datetime(1964, 1, 4)
    assert since("Asia/Jakarta", 9) is None
    assert since("Europe/Berlin", 1) is None
    assert since("UTC", 0) == datetime.datetime.min


@pytest.mark.parametrize(
    ("zone_name", "offset"),
    [("Asia/Jakarta", "+07:00"), ("Asia/Jakarta", "+07:30"), ("Asia/Tokyo", "+09:00")],
)
def test_times_around_the_last_transition_read_as_the_full_reading_reads_them(
    zone_name: str, offset: str
) -> None:
    zone = pendulum.timezone(zone_name)
    assert isinstance(zone, pendulum.Timezone)
    since = _converter._fixed_since(zone, zone.utcoffset(datetime.datetime(2000, 1, 1)))
    assert since is not None
    first = since - datetime.timedelta(days=4)
    for hours in range(0, 24 * 8, 5):
        local = first + datetime.timedelta(hours=hours)
        text = f"{local.isoformat()}{offset}[{zone_name}]"
        assert _shortcut(text) == _full(text)
