"""How kotakerja classes validate themselves at construction.

Every value and record class is a frozen, keyword-only attrs class whose
``__attrs_post_init__`` calls :func:`check_fields`. That one call checks the
runtime type of every field against its annotation, applies the constraints
declared in the field's metadata with :func:`meta`, and then runs the class's
own cross-field rules (a ``_check_rules(self, problems)`` method), collecting
every problem before raising one :class:`~kotakerja.ValidationError`.

The same metadata feeds the JSON Schema, so a constraint is written once.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import threading
import types
import typing
import zoneinfo
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import attrs
import pendulum

from ._errors import ErrorDetail, Problems, ValidationError, join_path
from ._zones import zone_problem

__all__ = [
    "META_KEY",
    "FieldSpec",
    "build_trusted",
    "check_fields",
    "describe_value",
    "field_specs",
    "freeze_json",
    "meta",
    "thaw_json",
    "JsonObject",
    "INT_MAX",
    "INT_MIN",
    "MAX_DECIMAL_TEXT",
    "MAX_TEXT_LENGTH",
    "decimal_problem",
    "int_problem",
    "text_problem",
    "writable_text",
]

META_KEY = "kotakerja"

T = TypeVar("T")


def writable_text(text: str) -> bool:
    """True when `text` can be written as UTF-8 (no lone surrogate code points)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


INT_MIN = -(2**53 - 1)
INT_MAX = 2**53 - 1
"""Integers in records stay within what every JSON reader keeps exact (RFC 7493)."""

MAX_DECIMAL_TEXT = 100
"""A decimal is at most this many characters in plain notation (``-12.50`` is 6)."""

MAX_TEXT_LENGTH = 100_000
"""Characters in a string field that declares no ``max_length`` of its own."""


def int_problem(value: int) -> tuple[str, str] | None:
    """(code, message) when `value` is outside the integer range, else None."""
    if INT_MIN <= value <= INT_MAX:
        return None
    shown = describe_value(value)
    return (
        "kotakerja.int.out_of_range",
        f"{shown} is out of range; integers are between -(2**53 - 1) and 2**53 - 1",
    )


def decimal_problem(value: Decimal) -> tuple[str, str] | None:
    """(code, message) when a finite `value` needs more than `MAX_DECIMAL_TEXT` characters."""
    sign, digit_tuple, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return None  # not finite: reported as such
    digits = len(digit_tuple)
    # plain notation: the digits, zeros up to the point on either side, a dot, a sign
    length = digits + exponent if exponent >= 0 else max(digits, -exponent + 1) + 1
    if length + sign <= MAX_DECIMAL_TEXT:
        return None
    return (
        "kotakerja.decimal.out_of_range",
        f"decimal {describe_value(value)} needs {length} characters in plain notation; "
        f"at most {MAX_DECIMAL_TEXT} are allowed",
    )


def text_problem(value: str, max_length: int | None = MAX_TEXT_LENGTH) -> tuple[str, str] | None:
    """(code, message) when `value` cannot be written as UTF-8 or is too long."""
    if max_length is not None and len(value) > max_length:
        return (
            "kotakerja.text.too_long",
            f"text has {len(value)} characters; at most {max_length} allowed",
        )
    if not writable_text(value):
        return (
            "kotakerja.text.unencodable",
            "text contains a lone surrogate code point, which UTF-8 cannot write",
        )
    return None


class JsonObject(Mapping[str, Any]):
    """A read-only JSON object: lists inside are tuples, objects are `JsonObject`s.

    Records keep their `extensions` this way, so a frozen record stays frozen and
    never shares a mutable dict with its caller. It compares equal to a mapping with
    the same JSON content and hashes when all its values do.

    >>> JsonObject({"a:b": [1, {"c": 2}]})
    JsonObject({'a:b': (1, JsonObject({'c': 2}))})
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[Any, Any] = (), /) -> None:  # type: ignore[assignment]
        self._data: dict[Any, Any] = {k: freeze_json(v) for k, v in dict(data).items()}
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> typing.Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, JsonObject):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == JsonObject(other)._data
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"JsonObject({self._data!r})"

    def __reduce__(self) -> tuple[type[JsonObject], tuple[dict[Any, Any]]]:
        return (JsonObject, (self._data,))

    def thaw(self) -> dict[str, Any]:
        """A plain, mutable copy: dicts and lists, as JSON reads it."""
        return {k: thaw_json(v) for k, v in self._data.items()}


_FREEZE_DEPTH = 70


def freeze_json(value: Any, _depth: int = 0) -> Any:
    """`value` with dicts made `JsonObject`s and lists made tuples, recursively.

    Other values are returned as they are (the field checks report what is not
    JSON); values nested deeper than the checks look are left unfrozen.
    """
    t = type(value)
    if t is JsonObject or _depth > _FREEZE_DEPTH:
        return value
    if t is list or t is tuple:
        return tuple(freeze_json(v, _depth + 1) for v in value)
    if isinstance(value, Mapping):
        frozen = JsonObject.__new__(JsonObject)
        frozen._data = {k: freeze_json(v, _depth + 1) for k, v in value.items()}
        frozen._hash = None
        return frozen
    return value


def thaw_json(value: Any) -> Any:
    """The plain JSON data of a frozen value: dicts and lists."""
    if type(value) is JsonObject:
        return value.thaw()
    if type(value) is tuple:
        return [thaw_json(v) for v in value]
    return value


def meta(
    *,
    description: str | None = None,
    min_length: int | None = None,
    max_length: int | None = None,
    pattern: str | None = None,
    minimum: int | Decimal | None = None,
    maximum: int | Decimal | None = None,
    exclusive_minimum: int | Decimal | None = None,
    required_in_json: bool = False,
    examples: tuple[object, ...] = (),
) -> dict[str, Any]:
    """Field metadata read by construction checks and by the JSON Schema.

    ``min_length``/``max_length`` apply to strings and tuples; strings default to
    ``min_length=1`` (no empty names). ``required_in_json`` makes a field with a
    Python default (such as a generated ``id``) required in serialized documents.
    """
    return {
        META_KEY: {
            "description": description,
            "min_length": min_length,
            "max_length": max_length,
            "pattern": pattern,
            "minimum": minimum,
            "maximum": maximum,
            "exclusive_minimum": exclusive_minimum,
            "required_in_json": required_in_json,
            "examples": examples,
        }
    }


def describe_value(value: object) -> str:
    """A short, safe description of a value for error messages."""
    kind = type(value).__name__
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"bool {value}"
    if isinstance(value, int) and value.bit_length() > 128:
        return f"{kind} of {len(format(value, 'x'))} hex digits"
    if isinstance(value, (int, float, Decimal)):
        text = repr(value) if not isinstance(value, int) else str(value)
        if len(text) > 40:
            text = text[:37] + "..."
        return f"{kind} {text}"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"str {text!r}"
    if isinstance(value, (list, tuple, dict)):
        return f"{kind} of {len(value)}"
    return kind


# A check returns None when the value is fine, else a list of (path, code, message).
Check = Callable[[Any], "list[tuple[str, str, str]] | None"]


def _type_name(tp: Any) -> str:
    if tp is type(None):
        return "null"
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("typing.", "")


def _simple(expected: type, name: str | None = None) -> Check:
    label = name or expected.__name__

    def check(value: Any) -> list[tuple[str, str, str]] | None:
        if type(value) is expected:
            return None
        return [("", "kotakerja.type", f"expected {label}, got {describe_value(value)}")]

    return check


def _instance(expected: type) -> Check:
    label = expected.__name__

    def check(value: Any) -> list[tuple[str, str, str]] | None:
        if isinstance(value, expected):
            return None
        return [("", "kotakerja.type", f"expected {label}, got {describe_value(value)}")]

    return check


def _str_check(value: Any) -> list[tuple[str, str, str]] | None:
    if type(value) is str:
        if len(value) <= MAX_TEXT_LENGTH and value.isascii():
            return None
        problem = text_problem(value)
        return None if problem is None else [("", *problem)]
    return [("", "kotakerja.type", f"expected str, got {describe_value(value)}")]


def _int_check(value: Any) -> list[tuple[str, str, str]] | None:
    if type(value) is int:
        problem = int_problem(value)
        return None if problem is None else [("", *problem)]
    return [("", "kotakerja.type", f"expected int, got {describe_value(value)}")]


def _decimal_check(value: Any) -> list[tuple[str, str, str]] | None:
    if type(value) is Decimal:
        if value.is_finite():
            problem = decimal_problem(value)
            return None if problem is None else [("", *problem)]
        return [("", "kotakerja.decimal.not_finite", f"expected a finite decimal, got {value}")]
    if isinstance(value, float):
        return [
            (
                "",
                "kotakerja.decimal.float",
                f"expected Decimal, got float {value!r}; floats are not exact, "
                "use Decimal or a string",
            )
        ]
    return [("", "kotakerja.type", f"expected Decimal, got {describe_value(value)}")]


def _float_check(value: Any) -> list[tuple[str, str, str]] | None:
    if type(value) is float or (type(value) is int):
        if value != value or value in (float("inf"), float("-inf")):
            return [("", "kotakerja.number.not_finite", f"expected a finite number, got {value}")]
        return None
    return [("", "kotakerja.type", f"expected number, got {describe_value(value)}")]


def _datetime_check(value: Any) -> list[tuple[str, str, str]] | None:
    if isinstance(value, pendulum.DateTime):
        tz = value.tzinfo
        if tz is None:
            return [
                ("", "kotakerja.datetime.naive", f"{value} has no time zone; give an aware time")
            ]
        if isinstance(tz, zoneinfo.ZoneInfo):
            problem = zone_problem(tz.key)
            if problem is not None:
                return [("", "kotakerja.time_zone.unknown", problem)]
        return None
    if type(value) is dt.datetime:
        if value.tzinfo is None:
            hint = "a naive datetime; give its zone: tzinfo=ZoneInfo('Asia/Jakarta')"
            return [("", "kotakerja.datetime.naive", f"{value.isoformat()} is {hint}")]
        return [
            (
                "",
                "kotakerja.datetime.no_zone_name",
                f"{value.isoformat()} has a fixed UTC offset, which names no zone; "
                "use tzinfo=ZoneInfo('Asia/Jakarta') (or the venue's zone)",
            )
        ]
    return [("", "kotakerja.type", f"expected pendulum DateTime, got {describe_value(value)}")]


def _any_json(value: Any) -> list[tuple[str, str, str]] | None:
    return None


def _compile(tp: Any) -> Check:
    """Compile a type annotation into a runtime check."""
    if tp is Any:
        return _any_json
    if tp is str:
        return _str_check
    if tp is bool:
        return _simple(bool)
    if tp is int:
        return _int_check
    if tp is float:
        return _float_check
    if tp is Decimal:
        return _decimal_check
    if tp is pendulum.DateTime:
        return _datetime_check
    if tp is type(None):

        def none_check(value: Any) -> list[tuple[str, str, str]] | None:
            if value is None:
                return None
            return [("", "kotakerja.type", f"expected null, got {describe_value(value)}")]

        return none_check
    origin = get_origin(tp)
    if origin is Literal:
        allowed = get_args(tp)

        def literal_check(value: Any) -> list[tuple[str, str, str]] | None:
            if value in allowed and type(value) in {type(a) for a in allowed}:
                return None
            shown = ", ".join(repr(a) for a in allowed)
            return [("", "kotakerja.enum", f"expected one of {shown}, got {describe_value(value)}")]

        return literal_check
    if origin in (Union, types.UnionType):
        members = get_args(tp)
        checks = [_compile(m) for m in members]
        names = " | ".join(_type_name(m) for m in members)
        optional = type(None) in members
        non_none = [c for m, c in zip(members, checks, strict=False) if m is not type(None)]

        def union_check(value: Any) -> list[tuple[str, str, str]] | None:
            if value is None and optional:
                return None
            if len(non_none) == 1:
                return non_none[0](value)
            detailed = None
            for c in non_none:
                result = c(value)
                if result is None:
                    return None
                # An error deeper than the top (inside a tuple, say) is more useful.
                if any(p for p, _, _ in result):
                    detailed = result
            if detailed is not None and len(non_none) == 1:
                return detailed
            return [("", "kotakerja.type", f"expected {names}, got {describe_value(value)}")]

        return union_check
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _compile(args[0])
            if args[0] is str:
                # Items are never empty, like string fields (the JSON Schema says so too).
                any_str = inner

                def inner(value: Any) -> list[tuple[str, str, str]] | None:
                    if value == "" and type(value) is str:
                        return [("", "kotakerja.empty", "must not be empty")]
                    return any_str(value)

            def tuple_check(value: Any) -> list[tuple[str, str, str]] | None:
                if type(value) is not tuple:
                    return [("", "kotakerja.type", f"expected tuple, got {describe_value(value)}")]
                out: list[tuple[str, str, str]] | None = None
                for i, item in enumerate(value):
                    r = inner(item)
                    if r is not None:
                        out = out or []
                        out.extend((join_path(i, p), c, m) for p, c, m in r)
                return out

            return tuple_check
        raise TypeError(f"unsupported tuple annotation {tp!r}: use tuple[X, ...]")
    if origin in (dict, Mapping) or origin is getattr(typing, "Mapping", None):
        key_check = _compile(get_args(tp)[0])
        val_check = _compile(get_args(tp)[1])

        def mapping_check(value: Any) -> list[tuple[str, str, str]] | None:
            if not isinstance(value, Mapping):
                return [("", "kotakerja.type", f"expected mapping, got {describe_value(value)}")]
            out: list[tuple[str, str, str]] | None = None
            for k, v in value.items():
                r = key_check(k) or val_check(v)
                if r is not None:
                    out = out or []
                    out.extend((join_path(str(k), p), c, m) for p, c, m in r)
            return out

        return mapping_check
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return _simple(tp)
        return _instance(tp)
    if isinstance(tp, (typing.ForwardRef, str)):
        raise TypeError(f"unresolved annotation {tp!r}")
    raise TypeError(f"unsupported annotation {tp!r}")


def _length_of(value: Any) -> int | None:
    if isinstance(value, (str, tuple)):
        return len(value)
    return None


def _constraint_checks(tp: Any, spec: Mapping[str, Any]) -> list[Check]:
    checks: list[Check] = []
    base = _strip_optional(tp)
    min_length = spec.get("min_length")
    if min_length is None and base is str:
        min_length = 1
    max_length = spec.get("max_length")
    if min_length:
        n_min = int(min_length)

        def min_len(value: Any) -> list[tuple[str, str, str]] | None:
            n = _length_of(value)
            if n is None or n >= n_min:
                return None
            what = "characters" if isinstance(value, str) else "items"
            if n == 0 and isinstance(value, str):
                return [("", "kotakerja.empty", "must not be empty")]
            return [("", "kotakerja.too_short", f"has {n} {what}; at least {n_min} required")]

        checks.append(min_len)
    if max_length is not None:
        n_max = int(max_length)

        def max_len(value: Any) -> list[tuple[str, str, str]] | None:
            n = _length_of(value)
            if n is None or n <= n_max:
                return None
            what = "characters" if isinstance(value, str) else "items"
            return [("", "kotakerja.too_long", f"has {n} {what}; at most {n_max} allowed")]

        checks.append(max_len)
    pattern = spec.get("pattern")
    if pattern:
        rx = re.compile(pattern)

        def pattern_check(value: Any) -> list[tuple[str, str, str]] | None:
            if not isinstance(value, str) or rx.fullmatch(value):
                return None
            return [
                (
                    "",
                    "kotakerja.pattern",
                    f"{describe_value(value)} does not match the pattern {pattern}",
                )
            ]

        checks.append(pattern_check)
    for key, op, words in (
        ("minimum", lambda v, b: v >= b, "at least"),
        ("maximum", lambda v, b: v <= b, "at most"),
        ("exclusive_minimum", lambda v, b: v > b, "more than"),
    ):
        bound = spec.get(key)
        if bound is None:
            continue

        def range_check(
            value: Any, bound: Any = bound, op: Any = op, words: str = words
        ) -> list[tuple[str, str, str]] | None:
            if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
                return None
            if op(value, bound):
                return None
            return [("", "kotakerja.out_of_range", f"is {value}; must be {words} {bound}")]

        checks.append(range_check)
    return checks


def _strip_optional(tp: Any) -> Any:
    if get_origin(tp) in (Union, types.UnionType):
        members = [m for m in get_args(tp) if m is not type(None)]
        if len(members) == 1:
            return members[0]
    return tp


@attrs.frozen
class FieldSpec:
    """What kotakerja knows about one attrs field."""

    name: str
    type: Any
    attribute: attrs.Attribute[Any]
    type_check: Check
    constraint_checks: tuple[Check, ...]
    spec: Mapping[str, Any]
    is_tuple: bool
    is_mapping: bool

    @property
    def required_in_json(self) -> bool:
        return self.attribute.default is attrs.NOTHING or bool(self.spec.get("required_in_json"))


_SPECS: dict[type, tuple[FieldSpec, ...]] = {}


def field_specs(cls: type) -> tuple[FieldSpec, ...]:
    """The compiled field specs of an attrs class (computed once per class)."""
    try:
        return _SPECS[cls]
    except KeyError:
        pass
    hints = typing.get_type_hints(cls)
    specs = []
    for a in attrs.fields(cls):
        tp = hints[a.name]
        spec = a.metadata.get(META_KEY, {})
        specs.append(
            FieldSpec(
                name=a.name,
                type=tp,
                attribute=a,
                type_check=_compile(tp),
                constraint_checks=tuple(_constraint_checks(tp, spec)),
                spec=spec,
                is_tuple=get_origin(_strip_optional(tp)) is tuple,
                is_mapping=get_origin(_strip_optional(tp)) in (dict, Mapping),
            )
        )
    result = tuple(specs)
    _SPECS[cls] = result
    return result


class _Trust(threading.local):
    cls: type | None = None


_TRUST = _Trust()


def build_trusted(cls: type[T], kwargs: dict[str, Any]) -> T:
    """Build `cls` from field values the converter has already checked, type and constraints.

    Only the class's cross-field ``_check_rules`` run; the per-field checks of
    :func:`check_fields` are skipped for this one instance (not for any other object
    built meanwhile). For the serialization fast path only: every public
    constructor keeps checking everything.
    """
    _TRUST.cls = cls
    try:
        return cls(**kwargs)
    finally:
        _TRUST.cls = None


_COERCIONS: dict[Any, Callable[[Any], Any]] = {}


def register_coercion(target: type, convert: Callable[[Any], Any]) -> None:
    """Let fields of type `target` take other values that mean it unambiguously.

    `convert` returns the `target` value, or the value unchanged when it cannot
    convert it (the field's check then reports the type). Used for standard-library
    dates and times: ``Signature(date=datetime.date(2021, 12, 13))``.
    """
    _COERCIONS[target] = convert


def _datetime_from_stdlib(value: Any) -> Any:
    """An aware standard-library datetime in an IANA zone (or UTC) as a pendulum DateTime."""
    if type(value) is not dt.datetime or value.tzinfo is None:
        return value
    tz = value.tzinfo
    if isinstance(tz, zoneinfo.ZoneInfo) or tz is dt.timezone.utc:
        return pendulum.instance(value)
    return value  # a fixed offset names no zone: the check says so


register_coercion(pendulum.DateTime, _datetime_from_stdlib)


def _coerce(tp: Any, value: Any) -> Any:
    convert = _COERCIONS.get(_strip_optional(tp))
    return value if convert is None else convert(value)


def check_fields(obj: Any) -> None:
    """Validate a freshly built attrs instance; raise `ValidationError` with every problem.

    Lists given for tuple fields are turned into tuples first, so ``parties=[a, b]``
    works as well as ``parties=(a, b)``.
    """
    if _TRUST.cls is not None and _TRUST.cls is type(obj):
        _TRUST.cls = None
        _run_rules(obj)
        return
    problems: list[ErrorDetail] | None = None
    for fs in field_specs(type(obj)):
        value = getattr(obj, fs.name)
        if fs.is_tuple and type(value) is list:
            value = tuple(value)
            object.__setattr__(obj, fs.name, value)
        elif fs.is_mapping and type(value) is not JsonObject and isinstance(value, Mapping):
            value = freeze_json(value)  # a frozen object shares no mutable dict with its caller
            object.__setattr__(obj, fs.name, value)
        elif type(value) in (dt.date, dt.datetime):
            converted = _coerce(fs.type, value)
            if converted is not value:
                value = converted
                object.__setattr__(obj, fs.name, value)
        result = fs.type_check(value)
        if result is None:
            for c in fs.constraint_checks:
                result = c(value)
                if result is not None:
                    break
        if result is not None:
            problems = problems or []
            problems.extend(ErrorDetail(join_path(fs.name, p), c, m) for p, c, m in result)
    if problems:
        raise ValidationError(problems)
    _run_rules(obj)


def _run_rules(obj: Any) -> None:
    rules = getattr(obj, "_check_rules", None)
    if rules is not None:
        collected = Problems()
        rules(collected)
        collected.raise_if_any()
