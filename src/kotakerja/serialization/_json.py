"""Strict JSON text handling: every odd input ends in a `ValidationError`.

When orjson is installed (extra ``fast``) it reads and writes the common case,
with results identical to the standard library path: a parsed document is used
only when orjson writes it back byte for byte as it came (so it had no duplicate
keys, escapes, odd numbers or white space to interpret), and written text only
when it holds no float and no null, the two things orjson writes differently.
Everything else goes through the standard library, which gives every error.
"""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is optional
    _orjson = None  # type: ignore[assignment]

from .._errors import ValidationError

__all__ = ["DEFAULT_MAX_SIZE", "dumps", "dumps_without_floats", "loads"]

DEFAULT_MAX_SIZE = 64 * 1024 * 1024
"""Largest JSON document accepted by default, in bytes (or characters for text)."""


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _ConstantError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _constant(name: str) -> Any:
    raise _ConstantError(name)


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant)


def _fail(code: str, message: str) -> ValidationError:
    return ValidationError.single("", code, message)


def loads(data: str | bytes | bytearray, *, max_size: int | None = DEFAULT_MAX_SIZE) -> Any:
    """Parse one JSON document strictly.

    Rejects invalid UTF-8, a byte-order mark, duplicate object keys, ``NaN`` and
    ``Infinity``, numbers too long to convert, nesting too deep for the parser, and
    documents over `max_size` (``None`` for no limit).
    """
    if _orjson is not None:
        fast = _orjson_loads(data, max_size)
        if fast is not _NO:
            return fast
    if not isinstance(data, (str, bytes, bytearray)):
        raise _fail("kotakerja.json.type", f"expected str or bytes, got {type(data).__name__}")
    if max_size is not None and len(data) > max_size:
        raise _fail(
            "kotakerja.json.too_large",
            f"document has {len(data)} bytes; the limit is {max_size} (raise max_size to allow)",
        )
    if isinstance(data, (bytes, bytearray)):
        if data[:3] == b"\xef\xbb\xbf":
            raise _fail("kotakerja.json.bom", "document starts with a byte-order mark; remove it")
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as e:
            raise _fail(
                "kotakerja.json.encoding", f"document is not valid UTF-8 at byte {e.start}"
            ) from None
    elif isinstance(data, str):
        text = data
        if text[:1] == "\ufeff":
            raise _fail("kotakerja.json.bom", "document starts with a byte-order mark; remove it")
    else:
        raise _fail("kotakerja.json.type", f"expected str or bytes, got {type(data).__name__}")
    try:
        return _DECODER.decode(text)
    except _DuplicateKeyError as e:
        raise _fail("kotakerja.json.duplicate_key", f"object has the key {e.key!r} twice") from None
    except _ConstantError as e:
        raise _fail(
            "kotakerja.json.not_finite", f"{e.name} is not a JSON number; use a finite number"
        ) from None
    except json.JSONDecodeError as e:
        raise _fail(
            "kotakerja.json.invalid", f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}"
        ) from None
    except RecursionError:
        raise _fail("kotakerja.json.too_deep", "document nests too deeply") from None
    except ValueError as e:
        raise _fail("kotakerja.json.invalid", f"invalid JSON: {e}") from None


_NO = object()
_PASSTHROUGH = (
    0
    if _orjson is None
    else _orjson.OPT_PASSTHROUGH_DATACLASS
    | _orjson.OPT_PASSTHROUGH_DATETIME
    | _orjson.OPT_PASSTHROUGH_SUBCLASS
)


def _orjson_loads(data: Any, max_size: int | None) -> Any:
    """The document parsed by orjson when it is sure to equal the strict parse, else `_NO`."""
    t = type(data)
    if t is bytes:
        raw = data
    elif t is str:
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError:
            return _NO
    else:
        return _NO
    if (max_size is not None and len(data) > max_size) or raw[:1] in (b"\xef", b""):
        return _NO
    try:
        value = _orjson.loads(raw)
        same = _orjson.dumps(value, option=_PASSTHROUGH) == raw
    except (_orjson.JSONDecodeError, _orjson.JSONEncodeError):
        return _NO  # the standard library reads it and names the problem
    return value if same else _NO


def dumps(data: Any, *, indent: int | None = None, floats: bool = True) -> str:
    """Serialize plain data as JSON text: UTF-8 characters kept, no NaN, stable key order.

    ``floats=False`` tells that `data` holds no float (nor NaN), which saves a check.
    """
    if indent is None and _orjson is not None:
        try:
            raw = _orjson.dumps(data, option=_PASSTHROUGH)
        except _orjson.JSONEncodeError:
            raw = None  # big integers, lone surrogates, ...: the standard library decides
        # orjson writes NaN as null, floats below 1e-4 without an exponent and
        # negative exponents without a leading zero; the standard library does not.
        if raw is not None and (
            not floats or (b"e-" not in raw and b"0.0000" not in raw and b"null" not in raw)
        ):
            return raw.decode("utf-8")
    if indent is None:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)


def dumps_without_floats(data: Any) -> str:
    """``dumps(data, floats=False)``: compact JSON text of plain data that holds no float."""
    if _orjson is not None:
        try:
            return _orjson.dumps(data, option=_PASSTHROUGH).decode("utf-8")
        except _orjson.JSONEncodeError:
            pass  # big integers, lone surrogates, ...: the standard library decides
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
