"""Leaf codecs: how each value type is read from and written to JSON-ready data.

One place interprets each leaf type (decimals, dates, zoned date-times, partial
dates, regions, countries, HS codes, integers, text): the converter's hooks, the
generated fast path, the JSON Schema, the CSV cells and the test strategies all
use the definitions here, so none of them can disagree with another.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib
import json
import math
import re
import types
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from .._errors import ErrorDetail, ValidationError
from .._model import (
    INT_MAX,
    MAX_DECIMAL_TEXT,
    MAX_TEXT_LENGTH,
    decimal_problem,
    describe_value,
    text_problem,
    writable_text,
)
from ..values import TWO_DIGITS as _TWO_DIGITS
from ..values import (
    Country,
    HsCode,
    PartialDate,
    Region,
    all_regions,
    check_zone_name,
    pycountry_module,
)

StructureHook = Callable[[Any, Any], Any]

_DECIMAL_RX = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_VERSION_RX = re.compile(r"(0|[1-9][0-9]{0,3})\.([0-9]{1,4})")


def version_pattern(current: str) -> str:
    """The versions a reader at `current` accepts: its major, a minor up to its own.

    Written as `_VERSION_RX` reads them (a minor of up to four digits, leading zeros
    allowed), as a JSON Schema pattern.
    """
    m = _VERSION_RX.fullmatch(current)
    assert m is not None, current
    minors = "|".join(f"0{{0,{4 - len(str(n))}}}{n}" for n in range(int(m.group(2)) + 1))
    return anchored(f"{m.group(1)}\\.(?:{minors})")


def anchored(pattern: str) -> str:
    """`pattern` matching a whole string in JSON Schema (ECMA 262) and in Python alike.

    A bare ``$`` also matches before a final newline in Python's ``re``, which
    jsonschema uses; the look-ahead refuses that newline.
    """
    return f"^(?:{pattern})$(?!\\n)"


# Dates as JSON Schema patterns: real Gregorian dates of years 0001 to 9999.
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE_PATTERN = rf"(?!0000)(?:[0-9]{{4}}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
"""A real date YYYY-MM-DD (years 0001 to 9999), as a pattern."""
PARTIAL_DATE_PATTERN = rf"(?!0000)(?:[0-9]{{4}}(?:-(?:0[1-9]|1[0-2]))?|{DATE_PATTERN})"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
_OFFSET = r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?)"
DATETIME_PATTERN = rf"{DATE_PATTERN}T{_TIME}{_OFFSET}(?:\[[A-Za-z0-9_+\-/]+\])?"
"""An aware date-time as kotakerja reads it, IANA zone in brackets optional."""
DECIMAL_PATTERN = _DECIMAL_RX.pattern
# Chapters 00 and 77 do not exist; dots and spaces may stand anywhere.
HS_CODE_PATTERN = r"(?![. ]*0[. ]*0)(?![. ]*7[. ]*7)[. ]*(?:(?:[0-9][. ]*){2}){1,5}"


def _int_out_of_range(value: int) -> ValidationError:
    digits = len(str(abs(value))) if value.bit_length() < 10_000 else "thousands of"
    return ValidationError.single(
        "",
        "kotakerja.int.out_of_range",
        f"integer with {digits} digits is out of range; integers lie between "
        f"-{INT_MAX} and {INT_MAX}",
    )


def _type_error(expected: str, value: Any) -> ValidationError:
    return ValidationError.single(
        "", "kotakerja.type", f"expected {expected}, got {describe_value(value)}"
    )


def parse_decimal(text: Any) -> Decimal:
    """Parse a decimal written as a JSON string: ``"-12.50"``; no exponent, no spaces.

    Trailing zeros are kept (``"12.50"`` stays two decimals).
    """
    if type(text) is not str:
        raise _type_error('a decimal string such as "12.50"', text)
    if not _DECIMAL_RX.fullmatch(text):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValidationError.single(
            "",
            "kotakerja.decimal.invalid",
            f"{shown!r} is not a plain decimal number (digits, an optional minus sign and one dot)",
        )
    if len(text) > MAX_DECIMAL_TEXT:
        found = decimal_problem(Decimal(text))
        assert found is not None
        raise ValidationError.single("", *found)
    return Decimal(text)


def _structure_decimal(value: Any, _: Any) -> Decimal:
    return parse_decimal(value)


def format_decimal(value: Decimal) -> str:
    """A decimal in plain positional notation, trailing zeros as given: never an exponent."""
    text = str(value)  # plain notation unless the exponent is positive or very small
    if "E" in text:
        text = format(value, "f")
    return "0" if text == "-0" else text


def parse_date(text: Any) -> pendulum.Date:
    """Parse a full ISO date ``YYYY-MM-DD`` strictly."""
    if type(text) is not str:
        raise _type_error("a date string YYYY-MM-DD", text)
    if (
        len(text) == 10
        and text[4] == "-"
        and text[7] == "-"
        and text.isascii()
        and text.replace("-", "").isdigit()
    ):
        try:
            d = dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError as e:
            raise ValidationError.single(
                "", "kotakerja.date.invalid", f"{text!r} is not a real date: {e}"
            ) from None
        return pendulum.Date(d.year, d.month, d.day)
    shown = text if len(text) <= 40 else text[:37] + "..."
    raise ValidationError.single(
        "", "kotakerja.date.unparseable", f"{shown!r} is not an ISO date YYYY-MM-DD"
    )


_ZONES: dict[str, pendulum.Timezone | pendulum.FixedTimezone] = {}
# The form the JSON Schema gives before any [zone]: RFC 3339, seconds optional, and an
# offset with seconds for the local mean times of old dates (+07:07:12). A missing
# offset is let through here to be named as such.
_DATETIME_FORM = re.compile(rf"{DATE_PATTERN}T{_TIME}{_OFFSET}?")


# "+07:00[Asia/Jakarta]" -> (zone, offset): the offset-and-zone endings already read once
# and written exactly as format_datetime writes them.
# The third item: a local time from which on the zone keeps `offset` for good (its last
# transition well behind and no daylight-saving rule after it), or None.
_READ_ENDINGS: dict[str, tuple[pendulum.Timezone, dt.timedelta, dt.datetime | None]] = {}
# (zone name, offset) -> "+07:00[Asia/Jakarta]", the ending format_datetime writes.
_WRITE_ENDINGS: dict[tuple[str, dt.timedelta], str] = {}
_NOT_LEARNT: Any = object()
_DateTime = pendulum.DateTime
_Timezone = pendulum.Timezone
_naive = dt.datetime
_naive_fromisoformat = dt.datetime.fromisoformat


def parse_datetime(text: Any) -> pendulum.DateTime:
    """Parse an aware ISO 8601 date-time, with its IANA zone in brackets when it has one.

    ``2021-12-13T10:00:00+07:00[Asia/Jakarta]`` keeps the zone;
    ``2021-12-13T03:00:00+00:00`` gives a fixed offset. A time without an offset is
    rejected: kotakerja never guesses a zone.
    """
    if type(text) is str:
        # The form format_datetime writes, with an ending seen before: the local time is
        # read alone and its offset in the zone looked up on a plain datetime, which is
        # what astimezone would give without converting through UTC.
        cut = 26 if text[19:20] == "." else 19
        known = _READ_ENDINGS.get(text[cut:])
        if known is not None and text[10:11] == "T":
            try:
                local = _naive_fromisoformat(text[:cut])
            except ValueError:
                local = None
            if local is not None and local.tzinfo is None:
                zone, offset, stable = known
                year, month, day = local.year, local.month, local.day
                hour, minute, second, micro = (
                    local.hour,
                    local.minute,
                    local.second,
                    local.microsecond,
                )
                if stable is not None and local >= stable:
                    return _DateTime(year, month, day, hour, minute, second, micro, zone)
                before = zone.utcoffset(local)
                after = zone.utcoffset(
                    _naive(year, month, day, hour, minute, second, micro, fold=1)
                )
                # before == after: an ordinary time; before > after: a repeated hour, the
                # first pass (fold 0) or the second (fold 1); before < after: a skipped hour,
                # which no offset matches (left to the full reading for its report).
                if before == offset and before >= after:  # type: ignore[operator]
                    return _DateTime(year, month, day, hour, minute, second, micro, zone)
                if after == offset and before > after:  # type: ignore[operator]
                    return _DateTime(year, month, day, hour, minute, second, micro, zone, fold=1)
    return _parse_datetime_in_full(text)


def _parse_datetime_in_full(text: Any) -> pendulum.DateTime:
    if type(text) is not str:
        raise _type_error("an ISO 8601 date-time string", text)
    shown = text if len(text) <= 60 else text[:57] + "..."
    zone_name: str | None = None
    base = text
    if text.endswith("]"):
        open_at = text.find("[")
        if open_at < 0:
            raise ValidationError.single(
                "", "kotakerja.datetime.unparseable", f"{shown!r} has an unbalanced ']'"
            )
        zone_name = text[open_at + 1 : -1]
        base = text[:open_at]
    if len(base) > 40 or "T" not in base or not _DATETIME_FORM.fullmatch(base):
        raise ValidationError.single(
            "",
            "kotakerja.datetime.unparseable",
            f"{shown!r} is not an ISO 8601 date-time such as 2021-12-13T10:00:00+07:00",
        )
    try:
        parsed = dt.datetime.fromisoformat(base.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError.single(
            "",
            "kotakerja.datetime.unparseable",
            f"{shown!r} is not an ISO 8601 date-time such as 2021-12-13T10:00:00+07:00",
        ) from None
    if parsed.tzinfo is None:
        raise ValidationError.single(
            "",
            "kotakerja.datetime.naive",
            f"{shown!r} has no UTC offset; write e.g. 2021-12-13T10:00:00+07:00[Asia/Jakarta]",
        )
    if zone_name is None:
        return pendulum.instance(parsed)
    zone = _ZONES.get(zone_name)
    if zone is None:
        check_zone_name(zone_name)
        try:
            zone = pendulum.timezone(zone_name)
        except (ValueError, OSError):
            raise ValidationError.single(
                "", "kotakerja.time_zone.unknown", f"{zone_name!r} is not an IANA time zone"
            ) from None
        if len(_ZONES) < 1000:
            _ZONES[zone_name] = zone
    if parsed.year in (1, 9999):
        edge = _edge_of_calendar(parsed, zone, shown)
        if edge is not None:
            return edge
    offset = parsed.utcoffset()
    if (
        type(zone) is pendulum.Timezone
        and offset is not None
        and not offset.microseconds
        and not offset.seconds % 60
    ):
        # What pendulum.instance(parsed).in_timezone(zone) gives, without its detours.
        d = parsed.astimezone(zone)
        local = pendulum.DateTime(
            d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, zone, fold=d.fold
        )
        if d.utcoffset() == offset:
            _remember_ending(text, zone, offset)
            return local
    else:
        local = pendulum.instance(parsed).in_timezone(zone)
    if local.utcoffset() != parsed.utcoffset():
        raise ValidationError.single(
            "",
            "kotakerja.datetime.offset_mismatch",
            f"{shown!r}: offset {parsed.isoformat()[-6:]} is not the offset of {zone_name} "
            f"at that time ({local.isoformat()[-6:]})",
        )
    return local


def _edge_of_calendar(
    parsed: dt.datetime, zone: pendulum.Timezone | pendulum.FixedTimezone, shown: str
) -> pendulum.DateTime | None:
    """None when `parsed` is within the calendar in UTC; else the local time as written.

    Near 0001-01-01 and 9999-12-31 the UTC instant of a local time may fall outside
    the calendar, where converting it overflows: the local time is kept as written
    when the zone has that offset then, as the quick reading in parse_datetime does.
    """
    try:
        parsed.astimezone(dt.timezone.utc)
    except OverflowError:
        pass
    else:
        return None
    offset = parsed.utcoffset()
    wall = parsed.replace(tzinfo=None)
    for fold in (0, 1):
        if zone.utcoffset(wall.replace(fold=fold)) == offset:
            d = wall
            return pendulum.DateTime(
                d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, zone, fold=fold
            )
    raise ValidationError.single(
        "",
        "kotakerja.datetime.offset_mismatch",
        f"{shown!r}: offset {parsed.isoformat()[-6:]} is not the offset of {zone.name} "
        f"at that time ({_offset_text(zone.utcoffset(wall))})",
    )


def _offset_text(offset: dt.timedelta | None) -> str:
    seconds = 0 if offset is None else int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


def _structure_datetime(value: Any, _: Any) -> pendulum.DateTime:
    return parse_datetime(value)


def _remember_ending(text: str, zone: pendulum.Timezone, offset: dt.timedelta) -> None:
    """Remember ``text``'s offset-and-zone ending when it is written as format_datetime does."""
    if offset.microseconds or offset.seconds % 60 or len(_READ_ENDINGS) >= 1000:
        return
    minutes = offset.days * 1440 + offset.seconds // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    ending = f"{sign}{hours:02d}:{minutes:02d}[{zone.name}]"
    if text.endswith(ending) and len(text) - len(ending) in (19, 26):
        _READ_ENDINGS[ending] = (zone, offset, _fixed_since(zone, offset))


def _fixed_since(zone: pendulum.Timezone, offset: dt.timedelta) -> dt.datetime | None:
    """A local time after which zone `key` is at `offset` for good, or None.

    Read from the zone's transitions (through the standard library's pure-Python
    zoneinfo); None when the zone keeps changing its offset, when it ends at another
    offset, or when the transitions cannot be read.
    """
    try:
        data: Any = importlib.import_module("zoneinfo._zoneinfo").ZoneInfo.no_cache(zone.key)
        after = data._tz_after
        if type(after).__name__ != "_ttinfo" or after.utcoff != offset:
            return None
        transitions = data._trans_utc
    except (ImportError, AttributeError, LookupError, OSError, ValueError):  # no shortcut
        return None
    if transitions:
        # Two days after the last transition in UTC: any local time from then on is past
        # it, whatever the offset (at most 26 hours either way).
        last = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=transitions[-1])
        since = last + dt.timedelta(days=2)
    else:
        since = dt.datetime.min
    # The zone itself must agree (both read the same transitions).
    for probe in (
        max(since, dt.datetime(1, 1, 2)),
        dt.datetime(2100, 1, 1),
        dt.datetime(9999, 1, 1),
    ):
        if zone.utcoffset(probe) != offset or zone.utcoffset(probe.replace(fold=1)) != offset:
            return None
    return since


# zone name -> (local time text from which the zone keeps one offset for good, the ending
# written with it), or None when the zone keeps changing.
_WRITE_FIXED: dict[str, tuple[str, str] | None] = {}


def _learn_fixed(zone: pendulum.Timezone) -> tuple[str, str] | None:
    offset = zone.utcoffset(dt.datetime(9999, 1, 1))
    since = None if offset is None else _fixed_since(zone, offset)
    found = None
    if offset is not None and since is not None and not offset.microseconds:
        minutes = offset.days * 1440 + offset.seconds // 60
        if offset.seconds % 60 == 0:
            sign = "-" if minutes < 0 else "+"
            hours, minutes = divmod(abs(minutes), 60)
            start = "0000" if since.year < 1000 else since.isoformat()
            found = (start, f"{sign}{hours:02d}:{minutes:02d}[{zone.name}]")
    if len(_WRITE_FIXED) < 1000:
        _WRITE_FIXED[zone.name] = found
    return found


def format_datetime(value: pendulum.DateTime) -> str:
    """The inverse of :func:`parse_datetime`: ISO 8601 with the IANA zone in brackets."""
    tz = value.tzinfo
    if type(tz) is _Timezone and type(value) is _DateTime:
        year = value.year
        if year >= 1000:
            # In a zone that keeps one offset for good, a time after its last change
            # needs no offset look-up: the local time is written as isoformat() would.
            fixed: tuple[str, str] | None = _WRITE_FIXED.get(tz.name, _NOT_LEARNT)
            if fixed is _NOT_LEARNT:
                fixed = _learn_fixed(tz)
            if fixed is not None:
                d2 = _TWO_DIGITS
                text = (
                    f"{year}-{d2[value.month]}-{d2[value.day]}"
                    f"T{d2[value.hour]}:{d2[value.minute]}:{d2[value.second]}"
                )
                micro = value.microsecond
                if micro:
                    text = f"{text}.{micro:06d}"
                if text >= fixed[0]:
                    return text + fixed[1]
        # The local time written by a plain datetime, whose offset in the zone is a quick
        # look-up, and the ending for that offset as isoformat() wrote it the first time.
        # (pendulum.datetime() sets fold=1 on every time it makes, so both are common.)
        if value.fold:
            local = _naive(
                value.year,
                value.month,
                value.day,
                value.hour,
                value.minute,
                value.second,
                value.microsecond,
                fold=1,
            )
        else:
            local = _naive(
                value.year,
                value.month,
                value.day,
                value.hour,
                value.minute,
                value.second,
                value.microsecond,
            )
        key = (tz.key, tz.utcoffset(local))
        ending = _WRITE_ENDINGS.get(key)  # type: ignore[arg-type]
        text = local.isoformat()
        if ending is None:
            full = value.isoformat()
            ending = f"{full[len(text) :]}[{tz.name}]"
            if len(_WRITE_ENDINGS) < 1000:
                _WRITE_ENDINGS[key] = ending  # type: ignore[index]
        return text + ending
    return _format_datetime_in_full(value)


def _format_datetime_in_full(value: pendulum.DateTime) -> str:
    text = value.isoformat()
    tz = value.tzinfo
    if isinstance(tz, pendulum.Timezone):
        return f"{text}[{tz.name}]"
    return text


def _check_text(value: str) -> str:
    """`value` when UTF-8 can write it; the same problem a constructor reports when not."""
    if not writable_text(value):
        found = text_problem(value, None)
        assert found is not None
        raise ValidationError.single("", *found)
    return value


@functools.cache
def _enum_hook(cls: type[enum.Enum]) -> StructureHook:
    by_value = {m.value: m for m in cls}
    allowed = ", ".join(repr(v) for v in by_value)

    def structure(value: Any, _: Any) -> Any:
        try:
            member = by_value.get(value) if type(value) in (str, int) else None
        except TypeError:
            member = None
        if member is None:
            raise ValidationError.single(
                "", "kotakerja.enum", f"expected one of {allowed}, got {describe_value(value)}"
            )
        return member

    return structure


def _json_copy(value: Any, depth: int = 0) -> Any:
    """Copy plain JSON data, rejecting what is not JSON."""
    if depth > 64:
        raise ValidationError.single("", "kotakerja.json.too_deep", "value nests too deeply")
    t = type(value)
    if value is None or t is bool or t is int:
        return value
    if t is str:
        return _check_text(value)
    if t is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError.single(
                "", "kotakerja.number.not_finite", f"expected a finite number, got {value}"
            )
        return value
    if t is list or t is tuple:
        out = []
        errors: list[ErrorDetail] = []
        for i, item in enumerate(value):
            try:
                out.append(_json_copy(item, depth + 1))
            except ValidationError as e:
                errors.extend(x.prefixed(i) for x in e.errors)
        if errors:
            raise ValidationError(errors)
        return out
    if isinstance(value, Mapping):
        res: dict[str, Any] = {}
        errors = []
        for k, item in value.items():
            if type(k) is not str:
                errors.append(
                    ErrorDetail(
                        "", "kotakerja.type", f"keys must be strings, got {describe_value(k)}"
                    )
                )
                continue
            try:
                res[k] = _json_copy(item, depth + 1)
            except ValidationError as e:
                errors.extend(x.prefixed(k) for x in e.errors)
        if errors:
            raise ValidationError(errors)
        return res
    raise _type_error("a JSON value", value)


# Structure hooks for scalars ------------------------------------------------------------


def _structure_str(value: Any, cl: Any) -> Any:
    if cl is not str:
        return _enum_hook(cl)(value, cl)
    if type(value) is str:
        if len(value) > MAX_TEXT_LENGTH:
            raise ValidationError.single(
                "",
                "kotakerja.text.too_long",
                f"text has {len(value)} characters; at most {MAX_TEXT_LENGTH} allowed",
            )
        return _check_text(value)
    raise _type_error("string", value)


def _structure_int(value: Any, cl: Any) -> Any:
    if cl is not int:
        return _enum_hook(cl)(value, cl)
    if type(value) is int:
        if -INT_MAX <= value <= INT_MAX:
            return value
        raise _int_out_of_range(value)
    raise _type_error("integer", value)


def _structure_float(value: Any, _: Any) -> float:
    if type(value) is int and not -INT_MAX <= value <= INT_MAX:
        raise _int_out_of_range(value)
    if type(value) is float or type(value) is int:
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError.single(
                "", "kotakerja.number.not_finite", f"expected a finite number, got {value}"
            )
        return float(value)
    raise _type_error("number", value)


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is bool:
        return value
    raise _type_error("true or false", value)


def _from_text(parse: Callable[[str], Any], expected: str) -> StructureHook:
    """A structure hook that reads a string with `parse`; other JSON types are refused."""

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not str:
            raise _type_error(expected, value)
        return parse(value)

    return structure


_structure_partial_date = _from_text(
    PartialDate.parse_iso, "a date string YYYY, YYYY-MM or YYYY-MM-DD"
)
_structure_region = _from_text(Region.get, 'a Kemendagri region code such as "33.72"')
_structure_hs_code = _from_text(
    HsCode.parse, 'an HS code string of 2, 4, 6, 8 or 10 digits such as "09012110"'
)
_structure_country = _from_text(Country.get, 'an ISO 3166-1 alpha-2 country code such as "DE"')


# The registry ---------------------------------------------------------------------------
#
# A codec says everything about one leaf type: how a JSON value becomes an object and
# back, its JSON Schema, its JSON type (for CSV cells and unions), and, for tests, the
# JSON values it accepts and values close to them that it may refuse. A new leaf type
# is one more `register(Codec(...))`.


@attrs.frozen(kw_only=True)
class Codec:
    """How one leaf type is read from and written to JSON-ready data."""

    type: Any
    shape: str
    """The JSON type of its form: ``string``, ``integer``, ``number`` or ``boolean``."""
    structure: StructureHook
    """``structure(value, type)``: the object for a JSON value; `ValidationError` if none."""
    unstructure: Callable[[Any], Any] | None
    """The JSON value of an object; None when the object is its own JSON value."""
    schema: Callable[[], dict[str, Any]]
    """Its JSON Schema fragment (field constraints from ``meta()`` are added on top)."""
    json_values: Callable[..., Any]
    """A hypothesis strategy of JSON values the decoder accepts; keyword bounds, where the
    codec takes any, narrow it (a range of years, a set of zones)."""
    near_misses: Callable[[], Any]
    """A hypothesis strategy of JSON values close to valid ones (most of them refused)."""
    defs_name: str | None = None
    """The name of its schema in ``$defs``, or None to write the schema inline."""
    beyond_schema: tuple[str, ...] = ()
    """Rules the decoder checks that JSON Schema cannot express."""
    shared: bool = False
    """Objects are immutable and read from strings: one object may serve every equal text."""

    def decode(self, value: Any) -> Any:
        """The object for JSON value `value`; `ValidationError` when there is none."""
        return self.structure(value, self.type)

    def encode(self, obj: Any) -> Any:
        """The JSON value of `obj`."""
        return obj if self.unstructure is None else self.unstructure(obj)

    def cell(self, obj: Any) -> str:
        """The form of `obj` in a CSV cell (see `cell_text`)."""
        return cell_text(self.encode(obj))

    def read_cell(self, text: str) -> Any:
        """The object a CSV cell written by `cell` holds; `ValidationError` when none."""
        if cell_is_text(text, {self.shape}):
            return self.decode(text)
        try:
            value = json.loads(text)
        except ValueError:
            raise ValidationError.single(
                "", "kotakerja.csv.bad_cell", f"{describe_value(text)} is not a JSON value"
            ) from None
        return self.decode(value)

    def strategy(self, **bounds: Any) -> Any:
        """A hypothesis strategy of objects of this type, through the decoder.

        `bounds` go to `json_values` and narrow what it gives.
        """
        return self.json_values(**bounds).map(self.decode)


def cell_text(value: Any) -> str:
    """The CSV cell of JSON value `value`.

    Strings stand as they are, ``null`` as an empty cell; numbers, ``true``, ``false``,
    arrays and objects as compact JSON.
    """
    if value is None:
        return ""
    if type(value) is str:
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def cell_is_text(text: str, shapes: set[str]) -> bool:
    """True when a cell of a field of JSON `shapes` holds `text` as a string, not as JSON.

    A field that is only ever a string takes the cell as it is; a field that may be a
    string or something else takes a cell starting with ``{`` or ``[`` as JSON.
    """
    return shapes == {"string"} or ("string" in shapes and text[:1] not in "{[")


_CODECS: dict[Any, Codec] = {}


def register(codec: Codec) -> Codec:
    """Add a codec to the registry (replacing any for the same type)."""
    _CODECS[codec.type] = codec
    return codec


def codec_for(t: Any) -> Codec | None:
    """The codec of leaf type `t`, or None when `t` is not a leaf type."""
    try:
        return _CODECS.get(t)
    except TypeError:  # an unhashable annotation is never a leaf type
        return None


def codecs() -> Mapping[Any, Codec]:
    """Every registered codec, by type."""
    return types.MappingProxyType(_CODECS)


def _st() -> Any:
    return importlib.import_module("hypothesis.strategies")


_SAMPLE_ZONES = (
    "Asia/Jakarta",
    "Asia/Pontianak",
    "Asia/Makassar",
    "Asia/Jayapura",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Europe/Berlin",
    "America/New_York",
    "UTC",
)

# The generators below take keyword bounds (``Codec.strategy(**bounds)``) that narrow
# what they give; without them they cover every value the decoder accepts that tests
# need to see. `kotakerja.testing` passes the bounds of realistic records.


def _text_values(
    min_size: int = 1,
    max_size: int = 20,
    pattern: str | None = None,
    readable: bool = False,
) -> Any:
    """Text of `min_size` to `max_size` characters; UTF-8 can write every one.

    With `pattern`, text matching it in full; `readable`, letters and digits of several
    scripts, spaces and the punctuation of real names, never blank.
    """
    st = _st()
    if pattern:
        return st.from_regex(rf"\A(?:{pattern})\Z", alphabet=st.characters(codec="utf-8"))
    if not readable:
        return st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)
    alphabet = st.characters(
        codec="utf-8",
        categories=("L", "N", "Zs", "Pd", "Po"),
        exclude_characters="\u2028\u2029",
    )
    text = st.text(alphabet, min_size=min_size, max_size=max_size)
    return text.filter(lambda s: bool(s.strip()))


def _text_misses() -> Any:
    st = _st()
    return st.sampled_from(["", " ", "\n"]) | st.integers(-5, 5) | st.none()


def _int_values(minimum: int = -INT_MAX, maximum: int = INT_MAX) -> Any:
    return _st().integers(max(minimum, -INT_MAX), min(maximum, INT_MAX))


def _int_misses() -> Any:
    st = _st()
    edges = [INT_MAX + 1, -INT_MAX - 1, 10**400, -(10**30), "1", True, False, None, 1.5]
    return st.sampled_from(edges) | st.integers(-(2**60), 2**60)


def _float_values(minimum: float | None = None, maximum: float | None = None) -> Any:
    """Finite numbers between `minimum` and `maximum`, integers among them."""
    st = _st()
    low = -INT_MAX if minimum is None else max(math.ceil(minimum), -INT_MAX)
    high = INT_MAX if maximum is None else min(math.floor(maximum), INT_MAX)
    floats = st.floats(minimum, maximum, allow_nan=False, allow_infinity=False)
    return floats | st.integers(low, high) if low <= high else floats


def _float_misses() -> Any:
    st = _st()
    return st.sampled_from(["1.5", True, None, [1.0]]) | _float_values()


def _decimal_values(min_value: int = -(10**40), max_value: int = 10**40, places: int = 40) -> Any:
    """Decimal strings whose whole part lies between the bounds, with up to `places` decimals.

    Trailing zeros come as written (``"12.50"``), and so does ``"-0.5"`` when the
    bounds allow negatives.
    """
    st = _st()
    fractions = st.integers(0, places).flatmap(
        lambda n: st.integers(0, 10**n - 1).map(lambda f: f".{f:0{n}d}" if n else "")
    )
    minus_zero = st.booleans() if min_value < 0 else st.just(False)
    text = st.tuples(st.integers(min_value, max_value), minus_zero, fractions).map(
        lambda wmf: f"{'-' if wmf[1] and wmf[0] == 0 else ''}{wmf[0]}{wmf[2]}"
    )
    return text.filter(lambda t: len(t) <= MAX_DECIMAL_TEXT)


def _decimal_misses() -> Any:
    st = _st()
    n = MAX_DECIMAL_TEXT
    edges = ["1e5", "01", "1.", ".5", " 1", "+1", "1 ", "1\n", "0x10", "", "-", "--1", "1,5"]
    edges += ["1" * n, "1" * (n + 1), "-" + "1" * (n - 1), "-" + "1" * n, "NaN", "Infinity"]
    edges += ["0." + "1" * (n - 2), "0." + "1" * (n - 1), "-0." + "1" * (n - 3)]
    return st.sampled_from(edges) | st.integers(-5, 5) | _decimal_values()


def _date_values(min_value: dt.date = dt.date.min, max_value: dt.date = dt.date.max) -> Any:
    return _st().dates(min_value, max_value).map(dt.date.isoformat)


def _date_misses() -> Any:
    st = _st()
    edges = ["2021-02-30", "0000-01-01", "2021-2-3", "2021-02-29", "2020-02-29", "1900-02-29"]
    edges += ["2000-02-29", "20210101", "2021-13-01", "2021-00-10", "2021-01-32", "2021-01-01\n"]
    edges += ["2021-04-31", "+2021-01-01", "2021-01-01T00:00", "٢٠٢١-٠١-٠١"]
    return st.sampled_from(edges) | _date_values() | st.integers(-5, 5)


def _partial_date_values(min_year: int = dt.MINYEAR, max_year: int = dt.MAXYEAR) -> Any:
    """Years, months and days alike, from `min_year` to `max_year`."""
    st = _st()
    low = max(min_year, dt.MINYEAR)
    dates = _date_values(dt.date(low, 1, 1), dt.date(max(min(max_year, dt.MAXYEAR), low), 12, 31))
    return st.one_of(dates.map(lambda d: d[:4]), dates.map(lambda d: d[:7]), dates)


def _partial_date_misses() -> Any:
    st = _st()
    edges = ["0000", "0000-01", "2021-13", "2021-00", "21", "2021-1", "2021\n", "202١"]
    return st.sampled_from(edges) | _date_misses() | _partial_date_values()


def _datetime_values(
    zones: tuple[str, ...] | None = None,
    min_value: dt.datetime = dt.datetime(1900, 1, 1),
    max_value: dt.datetime = dt.datetime(2100, 12, 31),
    fixed_offsets: bool = True,
) -> Any:
    """Date-times between two UTC times, in a zone of `zones` or (`fixed_offsets`) at an offset.

    Seconds whole or with microseconds; without `zones`, several zones of Indonesia and
    of its partners.
    """
    st = _st()
    moments = st.datetimes(min_value=min_value, max_value=max_value).map(
        lambda d: pendulum.instance(d, tz="UTC")
    )
    zoned = st.tuples(moments, st.sampled_from(zones or _SAMPLE_ZONES)).map(
        lambda mz: format_datetime(mz[0].in_timezone(mz[1]))
    )
    if not fixed_offsets:
        return zoned
    fixed = st.tuples(moments, st.integers(-12 * 60, 14 * 60)).map(
        lambda mo: mo[0].in_timezone(pendulum.FixedTimezone(mo[1] * 60)).isoformat()
    )
    return zoned | fixed


def _datetime_misses() -> Any:
    st = _st()
    edges = [
        "2021-12-13T24:00+07:00",
        "2021-12-13T23:60+07:00",
        "2021-12-13T23:59:60+07:00",
        "2021-02-30T10:00+07:00",
        "0000-01-01T10:00+07:00",
        "2021-12-13T10:00",
        "2021-12-13 10:00+07:00",
        "2021-12-13T10:00+24:00",
        "2021-12-13T10:00+07:60",
        "2021-12-13T10:00:00.1234567+07:00",
        "2021-12-13T10:00+07:00\n",
        "2021-12-13T10:00+0700",
        "2021-12-13T10+07:00",
        "2021-12-13T10:00:00Z",
        "2021-12-13T10:00:00.5-03:30",
        "2021-12-13T10:00+07:07:12",
    ]
    return st.sampled_from(edges) | _datetime_values() | st.integers(-5, 5)


def _region_values() -> Any:
    st = _st()
    return st.sampled_from([r.code for r in all_regions()])


def _region_misses() -> Any:
    st = _st()
    return st.sampled_from(["33.7", "99", " 33.72", "33.72 ", "33.72\n", "3372", "", 33]) | (
        _region_values()
    )


def _country_codes() -> list[str]:
    return sorted(c.alpha_2 for c in pycountry_module().countries)


def _country_values(codes: tuple[str, ...] | None = None) -> Any:
    """ISO 3166-1 alpha-2 codes: every one, or those of `codes`."""
    st = _st()
    return st.sampled_from(codes or _country_codes())


def _country_misses() -> Any:
    st = _st()
    return st.sampled_from(["de", "DEU", "XX", "D", "DE\n", "", 49]) | _country_values()


def _hs_values() -> Any:
    st = _st()
    chapters = st.integers(1, 99).filter(lambda c: c != 77)
    rest = st.sampled_from((0, 2, 4, 6, 8)).flatmap(
        lambda n: st.integers(0, 10**n - 1).map(lambda v: f"{v:0{n}d}" if n else "")
    )
    return st.tuples(chapters, rest).map(lambda cr: f"{cr[0]:02d}{cr[1]}") | st.sampled_from(
        ["0901.21.10", "0901 21 10", " 09.01.21.10 ", ".0901..2110", "09", "0901", "090121"]
    )


def _hs_misses() -> Any:
    st = _st()
    edges: list[Any] = [
        "00000000",
        "0000.00.00",
        "77010000",
        "7701.00.00",
        "0901.21.1",
        "0901-21-10",
    ]
    edges += ["090121100", "٠٩٠١٢١١٠", "0901.21.10\n", "", "0 0 1 2 3 4 5 6", 9012110]
    edges += ["090", "0", "09012110123", "000901"]
    return st.sampled_from(edges) | _hs_values()


def code_of(value: Any) -> str:
    """The code a value is written as (regions, countries, HS codes)."""
    code: str = value.code
    return code


def format_iso(value: Any) -> str:
    """The ISO text a value is written as (partial dates)."""
    text: str = value.format_iso()
    return text


def _bool_values() -> Any:
    return _st().booleans()


def _bool_misses() -> Any:
    return _st().sampled_from([0, 1, "true", None, "false"]) | _bool_values()


register(
    Codec(
        type=str,
        shape="string",
        structure=_structure_str,
        unstructure=None,
        schema=lambda: {"type": "string", "maxLength": MAX_TEXT_LENGTH},
        json_values=_text_values,
        near_misses=_text_misses,
        beyond_schema=("text holds no lone surrogate code point (UTF-8 cannot write one)",),
    )
)
register(
    Codec(
        type=bool,
        shape="boolean",
        structure=_structure_bool,
        unstructure=None,
        schema=lambda: {"type": "boolean"},
        json_values=_bool_values,
        near_misses=_bool_misses,
    )
)
register(
    Codec(
        type=int,
        shape="integer",
        structure=_structure_int,
        unstructure=None,
        schema=lambda: {"type": "integer", "minimum": -INT_MAX, "maximum": INT_MAX},
        json_values=_int_values,
        near_misses=_int_misses,
        beyond_schema=("an integer is written without a fraction: 1, not 1.0",),
    )
)
register(
    Codec(
        type=float,
        shape="number",
        structure=_structure_float,
        unstructure=None,
        schema=lambda: {"type": "number"},
        json_values=_float_values,
        near_misses=_float_misses,
        beyond_schema=(f"an integer given for a number lies between -{INT_MAX} and {INT_MAX}",),
    )
)
register(
    Codec(
        type=Decimal,
        shape="string",
        structure=_structure_decimal,
        unstructure=format_decimal,
        schema=lambda: {
            "type": "string",
            "pattern": anchored(DECIMAL_PATTERN),
            "maxLength": MAX_DECIMAL_TEXT,
        },
        json_values=_decimal_values,
        near_misses=_decimal_misses,
    )
)
register(
    Codec(
        type=pendulum.Date,
        shape="string",
        structure=lambda v, _: parse_date(v),
        unstructure=lambda v: v.isoformat(),
        schema=lambda: {"type": "string", "format": "date", "pattern": anchored(DATE_PATTERN)},
        json_values=_date_values,
        near_misses=_date_misses,
    )
)
register(
    Codec(
        type=pendulum.DateTime,
        shape="string",
        structure=_structure_datetime,
        unstructure=format_datetime,
        schema=lambda: {
            "type": "string",
            "pattern": anchored(DATETIME_PATTERN),
            "description": "ISO 8601 with offset, IANA zone in brackets when known",
        },
        json_values=_datetime_values,
        near_misses=_datetime_misses,
        beyond_schema=(
            "the zone in brackets is an IANA time zone",
            "the offset is the offset of that zone at that time",
        ),
    )
)
register(
    Codec(
        type=PartialDate,
        shape="string",
        structure=_structure_partial_date,
        unstructure=format_iso,
        schema=lambda: {
            "type": "string",
            "pattern": anchored(PARTIAL_DATE_PATTERN),
            "description": "A year, year-month or full date: 2020, 2020-10, 2020-10-23.",
        },
        json_values=_partial_date_values,
        near_misses=_partial_date_misses,
        defs_name="PartialDate",
        shared=True,
    )
)
register(
    Codec(
        type=Region,
        shape="string",
        structure=_structure_region,
        unstructure=code_of,
        schema=lambda: {
            "type": "string",
            "description": "Kemendagri region code: PP (province) or PP.KK.",
            "enum": [r.code for r in all_regions()],
        },
        json_values=_region_values,
        near_misses=_region_misses,
        defs_name="Region",
        shared=True,
    )
)
register(
    Codec(
        type=Country,
        shape="string",
        structure=_structure_country,
        unstructure=code_of,
        schema=lambda: {
            "type": "string",
            "description": "ISO 3166-1 alpha-2 country code.",
            "enum": _country_codes(),
        },
        json_values=_country_values,
        near_misses=_country_misses,
        defs_name="Country",
        shared=True,
    )
)
register(
    Codec(
        type=HsCode,
        shape="string",
        structure=_structure_hs_code,
        unstructure=code_of,
        schema=lambda: {
            "type": "string",
            "pattern": anchored(HS_CODE_PATTERN),
            "description": "HS code of 2, 4, 6, 8 (BTKI 2022) or 10 digits, read with or "
            "without dots and spaces (0901.21.20) and written without them.",
        },
        json_values=_hs_values,
        near_misses=_hs_misses,
        defs_name="HsCode",
        shared=True,
    )
)
