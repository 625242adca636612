"""The one converter factory: strict (un)structure hooks for every kotakerja type.

All hooks live here, registered explicitly on a fresh :class:`cattrs.Converter`;
nothing is registered on a global converter. Attrs classes get generated hooks
that structure every field, collect every problem with its path, and construct
the object only when the input is clean, so the class's own rules then run once.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import cattrs
import pendulum

from .._errors import ErrorDetail, ValidationError, join_path
from .._model import JsonObject, describe_value, field_specs, writable_text
from ..records._base import Record, record_type
from ..values import TWO_DIGITS as _TWO_DIGITS
from ..values import check_zone_name
from ..values._dates import PartialDate
from ..values._places import Country, Region
from ..values._trade import HsCode
from . import _fast
from ._fast import (
    FastPath,
    fast_structure,
    fast_unstructure,
    structure_fast_path,
    unstructure_fast_path,
)
from ._fast import _always_slow as _fast_always_slow
from ._fast import _omitted_when_empty as _omit_empty

__all__ = [
    "format_datetime",
    "format_decimal",
    "make_converter",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
]

StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]

_DECIMAL_RX = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_MAX_DECIMAL_TEXT = 100
_VERSION_RX = re.compile(r"(0|[1-9][0-9]{0,3})\.([0-9]{1,4})")


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
    if len(text) > _MAX_DECIMAL_TEXT or not _DECIMAL_RX.fullmatch(text):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValidationError.single(
            "",
            "kotakerja.decimal.invalid",
            f"{shown!r} is not a plain decimal number (digits, an optional minus sign and "
            f"one dot; at most {_MAX_DECIMAL_TEXT} characters)",
        )
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
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
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
_DATETIME_FORM = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?)?"
)


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
        except Exception:
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
        import importlib

        data: Any = importlib.import_module("zoneinfo._zoneinfo").ZoneInfo.no_cache(zone.key)
        after = data._tz_after
        if type(after).__name__ != "_ttinfo" or after.utcoff != offset:
            return None
        transitions = data._trans_utc
    except Exception:  # no shortcut: the full look-up stays
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
    if not writable_text(value):
        raise ValidationError.single(
            "", "kotakerja.text.surrogate", "text contains a lone surrogate code point"
        )
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
        return _check_text(value)
    raise _type_error("string", value)


def _structure_int(value: Any, cl: Any) -> Any:
    if cl is not int:
        return _enum_hook(cl)(value, cl)
    if type(value) is int:
        return value
    raise _type_error("integer", value)


def _structure_float(value: Any, _: Any) -> float:
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


def _structure_partial_date(value: Any, _: Any) -> PartialDate:
    if type(value) is not str:
        raise _type_error("a date string YYYY, YYYY-MM or YYYY-MM-DD", value)
    return PartialDate.parse_iso(value)


def _structure_region(value: Any, _: Any) -> Region:
    if type(value) is not str:
        raise _type_error('a Kemendagri region code such as "33.72"', value)
    return Region.get(value)


def _structure_hs_code(value: Any, _: Any) -> HsCode:
    if type(value) is not str:
        raise _type_error('an HS code string of 2 to 10 digits such as "09012110"', value)
    return HsCode.parse(value)


def _structure_country(value: Any, _: Any) -> Country:
    if type(value) is not str:
        raise _type_error('an ISO 3166-1 alpha-2 country code such as "DE"', value)
    return Country.get(value)


# Containers ---------------------------------------------------------------------------


def _is_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_union(t: Any) -> bool:
    return get_origin(t) in (Union, types.UnionType)


def _is_mapping(t: Any) -> bool:
    return get_origin(t) in (dict, Mapping)


def _is_literal(t: Any) -> bool:
    return get_origin(t) is Literal


def _tuple_structure(conv: cattrs.Converter) -> Callable[[Any], StructureHook]:
    def factory(t: Any) -> StructureHook:
        inner_t = get_args(t)[0]
        inner: StructureHook | None = None

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            nonlocal inner
            if type(value) is not list and type(value) is not tuple:
                raise _type_error("array", value)
            if inner is None:
                inner = conv.get_structure_hook(inner_t)
            out = []
            errors: list[ErrorDetail] | None = None
            for i, item in enumerate(value):
                try:
                    out.append(inner(item, inner_t))
                except ValidationError as e:
                    errors = errors or []
                    errors.extend(x.prefixed(i) for x in e.errors)
            if errors:
                raise ValidationError(errors)
            return tuple(out)

        return structure

    return factory


def _json_shape(t: Any) -> str:
    """The JSON type a kotakerja type is written as."""
    if t in (str, Decimal, pendulum.Date, pendulum.DateTime, PartialDate, Region, Country, HsCode):
        return "string"
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return "string"
    if t is bool:
        return "boolean"
    if t in (int, float):
        return "number"
    if _is_tuple(t):
        return "array"
    return "object"


def _value_shape(value: Any) -> str:
    t = type(value)
    if t is str:
        return "string"
    if t is bool:
        return "boolean"
    if t is int or t is float:
        return "number"
    if t is list or t is tuple:
        return "array"
    if t is dict:
        return "object"
    return "other"


def _union_structure(conv: cattrs.Converter) -> Callable[[Any], StructureHook]:
    def factory(t: Any) -> StructureHook:
        members = [m for m in get_args(t) if m is not type(None)]
        optional = len(members) != len(get_args(t))
        by_shape: dict[str, list[Any]] = {}
        for m in members:
            by_shape.setdefault(_json_shape(m), []).append(m)
        kinds: dict[str, Any] = {}
        for m in by_shape.get("object", []):
            kind = getattr(m, "KIND", None)
            if kind is not None:
                kinds[kind] = m
        names = " or ".join(getattr(m, "__name__", str(m)) for m in members)
        if optional:
            names += " or null"

        def structure(value: Any, _: Any) -> Any:
            if value is None:
                if optional:
                    return None
                raise _type_error(names, value)
            candidates = by_shape.get(_value_shape(value))
            if not candidates:
                raise _type_error(names, value)
            if len(candidates) == 1:
                m = candidates[0]
                return conv.get_structure_hook(m)(value, m)
            if kinds and type(value) is dict:
                kind = value.get("kind")
                m = kinds.get(kind) if type(kind) is str else None
                if m is None:
                    allowed = ", ".join(repr(k) for k in kinds)
                    raise ValidationError.single(
                        "kind",
                        "kotakerja.enum",
                        f"expected one of {allowed}, got {describe_value(kind)}",
                    )
                return conv.get_structure_hook(m)(value, m)
            first: ValidationError | None = None
            for m in candidates:
                try:
                    return conv.get_structure_hook(m)(value, m)
                except ValidationError as e:
                    first = first or e
            assert first is not None
            raise first

        return structure

    return factory


def _mapping_structure(t: Any) -> StructureHook:
    def structure(value: Any, _: Any) -> dict[str, Any]:
        if type(value) is not dict:
            raise _type_error("object", value)
        copied: dict[str, Any] = _json_copy(value)
        return copied

    return structure


def _literal_structure(t: Any) -> StructureHook:
    allowed = get_args(t)
    shown = ", ".join(repr(a) for a in allowed)

    def structure(value: Any, _: Any) -> Any:
        for a in allowed:
            if type(value) is type(a) and value == a:
                return a
        raise ValidationError.single(
            "", "kotakerja.enum", f"expected one of {shown}, got {describe_value(value)}"
        )

    return structure


# Attrs classes --------------------------------------------------------------------------


def _header_errors(cls: type[Record], data: dict[str, Any]) -> list[ErrorDetail]:
    errors: list[ErrorDetail] = []
    given_type = data.get("type")
    if "type" not in data:
        errors.append(ErrorDetail("type", "kotakerja.missing", f"required; must be {cls.TYPE!r}"))
    elif given_type != cls.TYPE:
        errors.append(
            ErrorDetail(
                "type",
                "kotakerja.record.wrong_type",
                f"expected {cls.TYPE!r}, got {describe_value(given_type)}",
            )
        )
    version = data.get("schema_version")
    if "schema_version" not in data:
        errors.append(
            ErrorDetail(
                "schema_version",
                "kotakerja.missing",
                f"required; current is {cls.SCHEMA_VERSION!r}",
            )
        )
        return errors
    m = _VERSION_RX.fullmatch(version) if type(version) is str else None
    if m is None:
        errors.append(
            ErrorDetail(
                "schema_version",
                "kotakerja.record.bad_version",
                f"expected a version such as {cls.SCHEMA_VERSION!r}, got {describe_value(version)}",
            )
        )
        return errors
    ours = int(cls.SCHEMA_VERSION.split(".")[0])
    major = int(m.group(1))
    if major > ours:
        errors.append(
            ErrorDetail(
                "schema_version",
                "kotakerja.record.newer_version",
                f"document is {cls.TYPE} schema version {version}, newer than this "
                f"kotakerja understands ({cls.SCHEMA_VERSION}); upgrade kotakerja",
            )
        )
    elif major < ours:
        errors.append(
            ErrorDetail(
                "schema_version",
                "kotakerja.record.older_version",
                f"document is {cls.TYPE} schema version {version}; "
                f"upgrade it with kotakerja.migrate() first",
            )
        )
    return errors


def _ordered_specs(cls: type) -> list[Any]:
    specs = list(field_specs(cls))
    if isinstance(cls, type) and issubclass(cls, Record):
        base = {"sources", "extensions"}
        specs = [s for s in specs if s.name not in base] + [s for s in specs if s.name in base]
    return specs


def _attrs_structure(conv: cattrs.Converter, fast: bool = True) -> Callable[[Any], StructureHook]:
    def factory(cls: Any) -> StructureHook:
        specs = _ordered_specs(cls)
        is_record = issubclass(cls, Record)
        kind = cls.__dict__.get("KIND")
        allowed = {s.name for s in specs}
        if is_record:
            allowed |= {"type", "schema_version"}
        if kind is not None:
            allowed.add("kind")
        allowed_keys = frozenset(allowed)
        fields: list[tuple[str, StructureHook, Any, bool, tuple[Any, ...]]] | None = None

        def structure(data: Any, _: Any) -> Any:
            nonlocal fields
            if type(data) is not dict:
                raise _type_error(f"object ({cls.__name__})", data)
            if fields is None:
                fields = [
                    (
                        s.name,
                        conv.get_structure_hook(s.type),
                        s.type,
                        s.required_in_json,
                        s.constraint_checks,
                    )
                    for s in specs
                ]
            errors: list[ErrorDetail] | None = None
            if is_record:
                errors = _header_errors(cls, data) or None
            if kind is not None and data.get("kind") != kind:
                errors = errors or []
                errors.append(
                    ErrorDetail(
                        "kind",
                        "kotakerja.enum",
                        f"expected {kind!r}, got {describe_value(data.get('kind'))}",
                    )
                )
            if not allowed_keys.issuperset(data):
                errors = errors or []
                for key in data:
                    if key not in allowed_keys:
                        errors.append(
                            ErrorDetail(
                                str(key),
                                "kotakerja.unknown_key",
                                f"unknown key {str(key)!r} for {cls.__name__}",
                            )
                        )
            kwargs: dict[str, Any] = {}
            for name, hook, tp, required, constraints in fields:
                try:
                    value = data[name]
                except KeyError:
                    if required:
                        errors = errors or []
                        errors.append(ErrorDetail(name, "kotakerja.missing", "required"))
                    continue
                try:
                    result = kwargs[name] = hook(value, tp)
                    for check in constraints:
                        found = check(result)
                        if found is not None:
                            errors = errors or []
                            errors.extend(
                                ErrorDetail(join_path(name, p), c, m) for p, c, m in found
                            )
                            break
                except ValidationError as e:
                    errors = errors or []
                    errors.extend(x.prefixed(name) for x in e.errors)
                except RecursionError:
                    errors = errors or []
                    errors.append(
                        ErrorDetail(name, "kotakerja.json.too_deep", "value nests too deeply")
                    )
            if errors:
                raise ValidationError(errors)
            return cls(**kwargs)

        if not fast:
            return structure
        header = (cls.TYPE, cls.SCHEMA_VERSION) if is_record else None
        fast_path = FastPath(
            lambda: fast_structure(conv, cls, specs, header, kind, _known()),
            _fast_always_slow,
        )
        return structure_fast_path(fast_path, structure)

    return factory


def _enum_value(v: enum.Enum) -> Any:
    return v.value


def _field_unstructure(conv: cattrs.Converter, t: Any) -> UnstructureHook | None:
    """The unstructure hook for a field type, or None where the value is already JSON."""
    if t in (str, int, bool, float) or t is Any:
        return None
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return _enum_value
    if _is_literal(t):
        return None
    if _is_tuple(t):
        inner_t = get_args(t)[0]
        inner = _field_unstructure(conv, inner_t)
        if inner is None:
            return list
        return lambda v: [inner(x) for x in v]
    if _is_mapping(t):
        return _json_copy
    if _is_union(t):
        members = [m for m in get_args(t) if m is not type(None)]
        if len(members) == 1:
            only = _field_unstructure(conv, members[0])
            if only is None:
                return None
            return lambda v: None if v is None else only(v)
        cache: dict[type, UnstructureHook | None] = {}

        def union(v: Any) -> Any:
            if v is None:
                return None
            t = type(v)
            try:
                h = cache[t]
            except KeyError:
                h = cache[t] = _field_unstructure(conv, t)
            return v if h is None else h(v)

        return union
    hook: UnstructureHook = conv.get_unstructure_hook(t)
    return hook


def _attrs_unstructure(
    conv: cattrs.Converter, fast: bool = True
) -> Callable[[Any], UnstructureHook]:
    def factory(cls: Any) -> UnstructureHook:
        specs = _ordered_specs(cls)
        is_record = issubclass(cls, Record)
        header = (cls.TYPE, cls.SCHEMA_VERSION) if is_record else None
        kind = cls.__dict__.get("KIND")

        def info() -> Any:
            fields = [
                (s.name, s.type, _field_unstructure(conv, s.type), _omit_empty(s)) for s in specs
            ]
            return fields, header, kind

        def make() -> UnstructureHook:
            fields, header_, kind_ = info()
            return fast_unstructure(conv, cls, fields, header_, kind_, _known())

        if fast:
            fast_path = FastPath(make, None)
            fast_path.info = info
            return unstructure_fast_path(fast_path)

        # The reference implementation the generated functions must match.
        fields: list[tuple[str, UnstructureHook | None, bool]] | None = None

        def unstructure(obj: Any) -> dict[str, Any]:
            nonlocal fields
            if fields is None:
                fields = [(s.name, _field_unstructure(conv, s.type), _omit_empty(s)) for s in specs]
            out: dict[str, Any] = {}
            if is_record:
                out["type"] = cls.TYPE
                out["schema_version"] = cls.SCHEMA_VERSION
            if kind is not None:
                out["kind"] = kind
            for name, hook, omit in fields:
                v = getattr(obj, name)
                if omit and (v is None or (not v and type(v) in (tuple, dict, JsonObject))):
                    continue
                out[name] = v if hook is None or v is None else hook(v)
            return out

        return unstructure

    return factory


def _format_iso(value: Any) -> str:
    text: str = value.format_iso()
    return text


def _code_of(value: Any) -> str:
    code: str = value.code
    return code


def _known() -> dict[str, Any]:
    """The hooks the generated functions may inline when a converter still uses them."""
    return {
        "str": _structure_str,
        "int": _structure_int,
        "bool": _structure_bool,
        "enum": _enum_hook,
        "partial_date": _structure_partial_date,
        "region": _structure_region,
        "enum_value": _enum_value,
        "field_unstructure": _field_unstructure,
        "format_iso": _format_iso,
        "code_of": _code_of,
        "hs_code": _structure_hs_code,
        "decimal": _structure_decimal,
        "datetime": _structure_datetime,
    }


def make_converter() -> cattrs.Converter:
    """A fresh converter configured for every kotakerja type.

    Extend it for your application with ``register_structure_hook`` and friends;
    the hooks here are registered on this converter only.
    """
    conv = cattrs.Converter(forbid_extra_keys=True)

    fast = _fast.ENABLED
    conv.register_structure_hook_factory(attrs.has, _attrs_structure(conv, fast))
    conv.register_unstructure_hook_factory(attrs.has, _attrs_unstructure(conv, fast))
    conv.register_structure_hook_factory(_is_tuple, _tuple_structure(conv))
    conv.register_structure_hook_factory(_is_union, _union_structure(conv))
    conv.register_structure_hook_factory(_is_mapping, _mapping_structure)
    conv.register_structure_hook_factory(_is_literal, _literal_structure)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    conv.register_unstructure_hook_factory(
        lambda t: _is_tuple(t) or _is_union(t) or _is_mapping(t),
        lambda t: _field_unstructure(conv, t) or (lambda v: v),
    )
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda t: _enum_value
    )

    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, format_decimal)
    conv.register_structure_hook(pendulum.Date, lambda v, _: parse_date(v))
    conv.register_unstructure_hook(pendulum.Date, lambda v: v.isoformat())
    conv.register_structure_hook(pendulum.DateTime, _structure_datetime)
    conv.register_unstructure_hook(pendulum.DateTime, format_datetime)
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_unstructure_hook(PartialDate, _format_iso)
    conv.register_structure_hook(Region, _structure_region)
    conv.register_unstructure_hook(Region, _code_of)
    conv.register_structure_hook(HsCode, _structure_hs_code)
    conv.register_unstructure_hook(HsCode, _code_of)
    conv.register_structure_hook(Country, _structure_country)
    conv.register_unstructure_hook(Country, _code_of)
    conv.register_structure_hook_func(lambda t: t is Record, _structure_any_record(conv))
    conv.register_structure_hook_func(lambda t: t is type(None), _structure_none)
    conv.register_structure_hook_func(lambda t: t is Any, lambda v, _: _json_copy(v))
    return conv


def _structure_none(value: Any, _: Any) -> None:
    if value is None:
        return
    raise _type_error("null", value)


def _structure_any_record(conv: cattrs.Converter) -> StructureHook:
    """Structure a document of any record type, chosen by its ``type`` key."""

    def structure(value: Any, cl: Any) -> Any:
        if type(value) is not dict:
            raise _type_error("a record object", value)
        name = value.get("type")
        if type(name) is not str:
            raise ValidationError.single(
                "type",
                "kotakerja.missing" if name is None else "kotakerja.type",
                f"a record needs a string 'type', got {describe_value(name)}",
            )
        cls = record_type(name)
        return conv.get_structure_hook(cls)(value, cls)

    return structure
