"""Web embedding: OpenAPI 3.1 components for every record type, and input records.

A web API over a register serves records as their JSON; its OpenAPI document
needs the schemas under ``components.schemas`` and, for creating a record, an
input schema without the fields the server assigns (``id``, ``type``,
``schema_version``). `openapi_components` gives both, from the same JSON Schema
that `json_schema` writes; `from_input` builds a record from such an input.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, TypeVar

from ._errors import ValidationError
from .records._base import Record, new_id, record_types
from .serialization import from_dict, json_schema

__all__ = ["SERVER_FIELDS", "from_input", "openapi_components"]

R = TypeVar("R", bound=Record)

SERVER_FIELDS = ("id", "type", "schema_version")
"""Fields a server assigns when a record is created; input schemas leave them out."""

_PREFIX = "#/components/schemas/"


def _rewrite(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = _PREFIX + value[len("#/$defs/") :]
            else:
                out[key] = _rewrite(value)
        return out
    if isinstance(node, list):
        return [_rewrite(v) for v in node]
    return node


def _problem_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "title": "Problem",
        "description": "RFC 9457 problem details; `errors` lists every problem with its "
        "JSON Pointer, stable code and message.",
        "properties": {
            "type": {"type": "string", "format": "uri-reference"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "instance": {"type": "string", "format": "uri-reference"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "pointer": {"type": "string"},
                        "code": {"type": "string"},
                        "detail": {"type": "string"},
                    },
                    "required": ["pointer", "code", "detail"],
                },
            },
        },
        "required": ["type", "title", "status"],
    }


def openapi_components() -> dict[str, Any]:
    """An OpenAPI 3.1 ``components`` object: ``{"schemas": {...}}``.

    Every kotakerja type under its class name, with references written as
    ``#/components/schemas/...``; ``Record``, the union of the record types with a
    discriminator on ``type``; ``<Type>Input`` for each record type, the body a client
    sends to create one (no ``id``, ``type`` or ``schema_version``); and ``Problem``,
    the RFC 9457 body of `ValidationError.to_problem`.

    >>> schemas = openapi_components().get("schemas")
    >>> schemas.get("Mou").get("properties").get("scheme")
    {'$ref': '#/components/schemas/Scheme'}
    >>> "id" in schemas.get("MouInput").get("properties")
    False
    """
    document = json_schema(Record)
    schemas: dict[str, Any] = _rewrite(document["$defs"])
    mapping = {}
    for name, cls in sorted(record_types().items()):
        title = cls.__name__
        mapping[name] = _PREFIX + title
        given = copy.deepcopy(schemas[title])
        given["title"] = f"{title}Input"
        given["description"] = (
            f"The body that creates a {title}: every field but the ones the server assigns "
            f"({', '.join(SERVER_FIELDS)})."
        )
        for field in SERVER_FIELDS:
            given.get("properties", {}).pop(field, None)
        if "required" in given:
            given["required"] = [f for f in given["required"] if f not in SERVER_FIELDS]
        schemas[f"{title}Input"] = given
    schemas["Record"] = {
        "title": "Record",
        "oneOf": [{"$ref": ref} for ref in mapping.values()],
        "discriminator": {"propertyName": "type", "mapping": mapping},
    }
    schemas["Problem"] = _problem_schema()
    return {"schemas": schemas}


def from_input(cls: type[R], data: Any, *, id: str | None = None) -> R:
    """A `cls` record from a client's input body, the server adding ``id`` (given or
    new), ``type`` and ``schema_version``; `ValidationError` lists every problem,
    including a server field the client sent."""
    if not isinstance(data, Mapping):
        raise ValidationError.single(
            "", "kotakerja.type", f"expected an object, got {type(data).__name__}"
        )
    sent = [f for f in SERVER_FIELDS if f in data]
    if sent:
        raise ValidationError(
            ValidationError.single(
                f, "kotakerja.input.server_field", f"{f!r} is assigned by the server"
            ).errors[0]
            for f in sent
        )
    full = {
        **data,
        "type": cls.TYPE,
        "schema_version": cls.SCHEMA_VERSION,
        "id": id if id is not None else new_id(cls.TYPE),
    }
    return from_dict(cls, full)
