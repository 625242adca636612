"""Serialization: dict, JSON and JSON Schema for every kotakerja type, through one converter."""

from __future__ import annotations

import threading
from typing import Any, TypeVar

import cattrs

from .._errors import ValidationError
from ._codecs import Codec, cell_is_text, cell_text, codec_for, codecs
from ._codecs import register as register_codec
from ._converter import (
    format_datetime,
    format_decimal,
    json_shape,
    make_converter,
    parse_date,
    parse_datetime,
    parse_decimal,
)
from ._fast import may_hold_float
from ._json import DEFAULT_MAX_SIZE, dumps, loads
from ._migrate import migrate, register_migration
from ._schema import json_schema

__all__ = [
    "Codec",
    "cell_is_text",
    "cell_text",
    "codec_for",
    "codecs",
    "register_codec",
    "DEFAULT_MAX_SIZE",
    "format_datetime",
    "format_decimal",
    "from_dict",
    "from_json",
    "get_converter",
    "json_schema",
    "json_shape",
    "make_converter",
    "migrate",
    "register_migration",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

_lock = threading.Lock()
_default: cattrs.Converter | None = None


def get_converter(converter: cattrs.Converter | None = None) -> cattrs.Converter:
    """`converter` if given, else the shared default converter (built on first use)."""
    global _default
    if converter is not None:
        return converter
    if _default is None:
        with _lock:
            if _default is None:
                _default = make_converter()
    return _default


def to_dict(obj: Any, *, converter: cattrs.Converter | None = None) -> Any:
    """Plain JSON-ready data for a kotakerja object (a dict for records and values)."""
    return get_converter(converter).unstructure(obj)


def from_dict(cls: type[T], data: Any, *, converter: cattrs.Converter | None = None) -> T:
    """Build and validate a `cls` from plain data; `ValidationError` lists every problem.

    ``from_dict(kotakerja.Record, data)`` picks the record class from ``data["type"]``.
    """
    conv = get_converter(converter)
    try:
        result: T = conv.structure(data, cls)
    except RecursionError:
        raise ValidationError.single(
            "", "kotakerja.json.too_deep", "input nests too deeply"
        ) from None
    return result


def to_json(
    obj: Any, *, indent: int | None = None, converter: cattrs.Converter | None = None
) -> str:
    """JSON text for a kotakerja object; compact unless `indent` is given."""
    data = to_dict(obj, converter=converter)
    if converter is None and indent is None:
        return dumps(data, floats=may_hold_float(obj))
    return dumps(data, indent=indent)


def from_json(
    cls: type[T],
    text: str | bytes,
    *,
    max_size: int | None = DEFAULT_MAX_SIZE,
    converter: cattrs.Converter | None = None,
) -> T:
    """Parse and validate JSON text as a `cls`; `ValidationError` for any bad input.

    Documents larger than `max_size` bytes are refused (``None`` lifts the limit).
    """
    return from_dict(cls, loads(text, max_size=max_size), converter=converter)
