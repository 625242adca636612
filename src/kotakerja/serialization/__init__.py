"""Serialization: dict, JSON and JSON Schema for every kotakerja type, through one converter."""

from __future__ import annotations

import threading
from collections.abc import Callable
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
from ._fast import float_check
from ._json import DEFAULT_MAX_SIZE, dumps, dumps_without_floats, loads
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
                _default = _start_default(make_converter())
    return _default


# The default converter, reached directly ------------------------------------------------
#
# `to_dict` and `to_json` with the default converter call the generated function of the
# class straight away, without cattrs' dispatch and the hook around it. Each shortcut is
# kept with the hook it was taken from and used only while the converter still gives that
# hook for the class, so a hook registered on the default converter later takes over.

_unstructure_hook_of: Callable[[Any], Any] | None = None
_direct: dict[Any, tuple[Any, Callable[[Any], Any], Callable[[Any], bool] | None]] = {}
_DIRECT_MAX = 10_000


def _start_default(conv: cattrs.Converter) -> cattrs.Converter:
    global _unstructure_hook_of
    # cattrs' own cached dispatch (the cache is cleared when a hook is registered).
    _unstructure_hook_of = getattr(
        getattr(conv, "_unstructure_func", None), "dispatch", conv.get_unstructure_hook
    )
    return conv


def _direct_entry(cls: Any) -> tuple[Any, Callable[[Any], Any], Callable[[Any], bool] | None]:
    """The default converter's unstructure hook for `cls`, the function that does its work,
    and the check whether a `cls` holds a float anywhere (None when it cannot)."""
    get_converter()
    assert _unstructure_hook_of is not None
    hook = _unstructure_hook_of(cls)
    fast = getattr(hook, "kotakerja_fast", None)
    entry = (hook, hook if fast is None else fast.get(), float_check(cls))
    if len(_direct) < _DIRECT_MAX:
        _direct[cls] = entry
    return entry


def to_dict(obj: Any, *, converter: cattrs.Converter | None = None) -> Any:
    """Plain JSON-ready data for a kotakerja object (a dict for records and values)."""
    if converter is not None:
        return converter.unstructure(obj)
    cls = obj.__class__
    found = _direct.get(cls)
    if found is None or _unstructure_hook_of(cls) is not found[0]:  # type: ignore[misc]
        found = _direct_entry(cls)
    return found[1](obj)


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
    if converter is not None or indent is not None:
        return dumps(to_dict(obj, converter=converter), indent=indent)
    cls = obj.__class__
    found = _direct.get(cls)
    if found is None or _unstructure_hook_of(cls) is not found[0]:  # type: ignore[misc]
        found = _direct_entry(cls)
    # Only a float (or NaN) may be written differently by the two JSON writers.
    floats = found[2]
    if floats is not None and floats(obj):
        return dumps(found[1](obj))
    return dumps_without_floats(found[1](obj))


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
