"""Upgrading documents written under older schema versions."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from .._errors import ValidationError
from ..records import record_type

__all__ = ["migrate", "register_migration"]

Migration = Callable[[dict[str, Any]], dict[str, Any]]

_MIGRATIONS: dict[tuple[str, int | str], tuple[str, Migration]] = {}
_VERSION = re.compile(r"([0-9]{1,4})\.([0-9]{1,4})")

# Record types whose documents gained optional fields in schema version 1.1.
_ADDED_IN_1_1 = ("mou", "agreement", "event", "meeting", "export_shipment", "export_release")


def register_migration(
    record_type: str, from_version: int | str, to_version: str
) -> Callable[[Migration], Migration]:
    """Register a function that upgrades a `record_type` document.

    `from_version` is a major version (an int: every ``N.x`` document) or one exact
    version (a string such as ``"1.0"``); an exact registration wins over a major one.
    The function receives a copy of the document and returns it in `to_version`
    form; `migrate` sets ``schema_version`` afterwards.
    """

    def decorate(fn: Migration) -> Migration:
        key = from_version if isinstance(from_version, int) else _text(from_version)
        _MIGRATIONS[(record_type, key)] = (to_version, fn)
        return fn

    return decorate


def _version(version: object) -> tuple[int, int]:
    m = _VERSION.fullmatch(version) if isinstance(version, str) else None
    if m is None:
        raise ValidationError.single(
            "schema_version",
            "kotakerja.record.bad_version",
            f"expected a version such as '1.0', got {version!r}",
        )
    return int(m.group(1)), int(m.group(2))


def _text(version: str) -> str:
    major, minor = _version(version)
    return f"{major}.{minor}"


def migrate(data: Any) -> dict[str, Any]:
    """Upgrade one record document to the current schema version of its type.

    A current document comes back as an equal copy; an older one passes through
    every registered migration in turn; a newer version (major or minor) is
    rejected. Within the current major version, where changes only add optional
    fields, an older minor version without a registered step is stamped current.
    """
    if not isinstance(data, dict):
        raise ValidationError.single("", "kotakerja.type", "a record document is a JSON object")
    name = data.get("type")
    if not isinstance(name, str):
        raise ValidationError.single("type", "kotakerja.missing", "a record needs a string 'type'")
    cls = record_type(name)
    current = _version(cls.SCHEMA_VERSION)
    doc = copy.deepcopy(data)
    version = _version(doc.get("schema_version"))
    if version > current:
        raise ValidationError.single(
            "schema_version",
            "kotakerja.record.newer_version",
            f"document is {name} schema version {doc['schema_version']}, newer than this "
            f"kotakerja understands ({cls.SCHEMA_VERSION}); upgrade kotakerja",
        )
    while version < current:
        major, minor = version
        step = _MIGRATIONS.get((name, f"{major}.{minor}")) or _MIGRATIONS.get((name, major))
        if step is None and major == current[0]:
            doc["schema_version"] = cls.SCHEMA_VERSION
            break
        if step is None:
            raise ValidationError.single(
                "schema_version",
                "kotakerja.record.no_migration",
                f"no migration from {name} schema version {major}.x",
            )
        to_version, fn = step
        doc = fn(doc)
        doc["schema_version"] = to_version
        after = _version(to_version)
        if after <= version:
            raise ValueError(f"migration of {name} from {major}.{minor} goes to {to_version}")
        version = after
    return doc


def _optional_fields_added(doc: dict[str, Any]) -> dict[str, Any]:
    """1.0 to 1.1: every new fact is an optional field, and no 1.0 form changed."""
    return doc


for _name in _ADDED_IN_1_1:
    register_migration(_name, "1.0", "1.1")(_optional_fields_added)
