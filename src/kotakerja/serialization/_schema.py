"""JSON Schema (2020-12) for every kotakerja type, generated from attrs fields and type hints.

The schema accepts everything `to_dict` emits and rejects what JSON Schema can
express: wrong types, missing and unknown keys, enum values, patterns, lengths,
unknown region and country codes and per-currency decimals. Rules beyond that
(cross-field checks) are listed in each class's description.
"""

from __future__ import annotations

import enum
import inspect
import types
from collections.abc import Callable, Mapping
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from .._model import MAX_DECIMAL_TEXT, field_specs
from ..records import EXTENSION_KEY_PATTERN, Record, record_types
from ..values import Money, minor_units
from ..values import pycountry_module as _pycountry
from . import _codecs
from ._codecs import anchored, codec_for, version_pattern

__all__ = ["json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

DECIMAL_PATTERN = anchored(_codecs.DECIMAL_PATTERN)
DATE_PATTERN = anchored(_codecs.DATE_PATTERN)
PARTIAL_DATE_PATTERN = anchored(_codecs.PARTIAL_DATE_PATTERN)
DATETIME_PATTERN = anchored(_codecs.DATETIME_PATTERN)


def _doc(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return doc.split("\n\n")[0].replace("\n", " ").strip()


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self.names: dict[Any, str] = {}

    def _name_for(self, t: Any) -> str:
        name = self.names.get(t)
        if name is not None:
            return name
        base = t.__name__
        name = base
        if name in self.defs:
            name = f"{t.__module__.rsplit('.', 1)[-1].lstrip('_')}_{base}"
        self.names[t] = name
        return name

    def ref(self, t: Any, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        known = t in self.names
        name = self._name_for(t)
        if not known:
            self.defs[name] = {}
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def schema(self, t: Any, spec: Mapping[str, Any] | None = None) -> dict[str, Any]:
        spec = spec or {}
        if t is Any:
            return {}
        codec = codec_for(t)
        if codec is not None:
            if codec.defs_name is not None:
                return self.ref(t, codec.schema)
            out: dict[str, Any] = codec.schema()
            if t is str:
                min_length = spec.get("min_length")
                out["minLength"] = 1 if min_length is None else min_length
                if spec.get("max_length") is not None:
                    out["maxLength"] = spec["max_length"]
                if spec.get("pattern"):
                    out["pattern"] = anchored(spec["pattern"])
            if t in (int, float):
                for key, keyword in (
                    ("minimum", "minimum"),
                    ("maximum", "maximum"),
                    ("exclusive_minimum", "exclusiveMinimum"),
                ):
                    if spec.get(key) is not None:
                        out[keyword] = spec[key]
            return out
        if t is type(None):
            return {"type": "null"}
        origin = get_origin(t)
        if origin is Literal:
            return {"enum": list(get_args(t))}
        if origin in (Union, types.UnionType):
            members = get_args(t)
            return {
                "anyOf": [self.schema(m, spec if m is not type(None) else None) for m in members]
            }
        if origin is tuple:
            out = {"type": "array", "items": self.schema(get_args(t)[0])}
            if spec.get("min_length"):
                out["minItems"] = spec["min_length"]
            if spec.get("max_length") is not None:
                out["maxItems"] = spec["max_length"]
            return out
        if origin in (dict, Mapping):
            return {
                "type": "object",
                "propertyNames": {"pattern": anchored(EXTENSION_KEY_PATTERN)},
            }
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return self.ref(
                t,
                lambda: {"description": _doc(t), "enum": [m.value for m in t]},
            )
        if attrs.has(t):
            return self.ref(t, lambda: self._attrs(t))
        raise TypeError(f"no JSON Schema for {t!r}")

    def _attrs(self, cls: type) -> dict[str, Any]:
        props: dict[str, Any] = {}
        required: list[str] = []
        is_record = issubclass(cls, Record)
        if is_record:
            assert issubclass(cls, Record)
            props["type"] = {"const": cls.TYPE}
            props["schema_version"] = {
                "type": "string",
                "pattern": version_pattern(cls.SCHEMA_VERSION),
                "description": (
                    f"Current: {cls.SCHEMA_VERSION}. Older minor versions of the same "
                    "major load as they are; newer versions are refused."
                ),
            }
            required += ["type", "schema_version"]
        kind = cls.__dict__.get("KIND")
        if kind is not None:
            props["kind"] = {"const": kind}
            required.append("kind")
        specs = list(field_specs(cls))
        if is_record:
            base = {"sources", "extensions"}
            specs = [s for s in specs if s.name not in base] + [s for s in specs if s.name in base]
        for s in specs:
            sub = self.schema(s.type, s.spec)
            description = s.spec.get("description")
            if description:
                sub = (
                    {**sub, "description": description}
                    if "$ref" not in sub
                    else {
                        "allOf": [sub],
                        "description": description,
                    }
                )
            props[s.name] = sub
            if s.required_in_json:
                required.append(s.name)
        description = _doc(cls)
        rules: tuple[str, ...] = getattr(cls, "RULES", ())
        if rules:
            description += "\n\nRules checked beyond this schema:\n" + "\n".join(
                f"- {r}" for r in rules
            )
        out: dict[str, Any] = {
            "type": "object",
            "title": cls.__name__,
            "description": description,
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }
        extra = _EXTRAS.get(cls)
        if extra is not None:
            out.update(extra())
        return out


def _amount_pattern(decimals: int) -> str:
    if decimals == 0:
        return anchored(r"-?(0|[1-9][0-9]*)(\.0+)?")
    return anchored(rf"-?(0|[1-9][0-9]*)(\.[0-9]{{1,{decimals}}}0*)?")


def _money_extra() -> dict[str, Any]:
    codes = sorted(c.alpha_3 for c in _pycountry().currencies)
    groups: dict[int | None, list[str]] = {}
    for code in codes:
        groups.setdefault(minor_units(code), []).append(code)
    rules = []
    for units, members in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
        if units is None:
            continue
        rules.append(
            {
                "if": {"properties": {"currency": {"enum": members}}, "required": ["currency"]},
                "then": {"properties": {"amount": {"pattern": _amount_pattern(units)}}},
            }
        )
    return {
        "properties": {
            "amount": {
                "type": "string",
                "pattern": DECIMAL_PATTERN,
                "maxLength": MAX_DECIMAL_TEXT,
                "description": "Decimal as a string; at most the currency's minor units.",
            },
            "currency": {"type": "string", "enum": codes, "description": "ISO 4217 code."},
        },
        "allOf": rules,
    }


_EXTRAS: dict[type, Callable[[], dict[str, Any]]] = {Money: _money_extra}


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a kotakerja class's documents.

    Pass :class:`~kotakerja.Record` for a schema that accepts a document of any
    record type, chosen by its ``type``.
    """
    b = _Builder()
    if cls is Record:
        types_ = record_types()
        root: dict[str, Any] = {"oneOf": [b.schema(t) for _, t in sorted(types_.items())]}
        title = "kotakerja record"
    else:
        root = b.schema(cls)
        title = getattr(cls, "__name__", str(cls))
    return {"$schema": DIALECT, "title": title, **root, "$defs": b.defs}
