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

_MIGRATIONS: dict[tuple[str, int], tuple[str, Migration]] = {}
_VERSION = re.compile(r"([0-9]{1,4})\.([0-9]{1,4})")


def register_migration(
    record_type: str, from_major: int, to_version: str
) -> Callable[[Migration], Migration]:
    """Register a function that upgrades a `record_type` document from major `from_major`.

    The function receives a copy of the document and returns it in `to_version`
    form; `migrate` sets ``schema_version`` afterwards.
    """

    def decorate(fn: Migration) -> Migration:
        _MIGRATIONS[(record_type, from_major)] = (to_version, fn)
        return fn

    return decorate


def _major(version: object) -> int:
    m = _VERSION.fullmatch(version) if isinstance(version, str) else None
    if m is None:
        raise ValidationError.single(
            "schema_version",
            "kotakerja.record.bad_version",
            f"expected a version such as '1.0', got {version!r}",
        )
    return int(m.group(1))


def migrate(data: Any) -> dict[str, Any]:
    """Upgrade one record document to the current schema version of its type.

    A current document comes back as an equal copy; an older one passes through
    every registered migration in turn; a newer major version is rejected.
    """
    if not isinstance(data, dict):
        raise ValidationError.single("", "kotakerja.type", "a record document is a JSON object")
    name = data.get("type")
    if not isinstance(name, str):
        raise ValidationError.single("type", "kotakerja.missing", "a record needs a string 'type'")
    cls = record_type(name)
    current = _major(cls.SCHEMA_VERSION)
    doc = copy.deepcopy(data)
    major = _major(doc.get("schema_version"))
    if major > current:
        raise ValidationError.single(
            "schema_version",
            "kotakerja.record.newer_version",
            f"document is {name} schema version {doc['schema_version']}, newer than this "
            f"kotakerja understands ({cls.SCHEMA_VERSION}); upgrade kotakerja",
        )
    while major < current:
        step = _MIGRATIONS.get((name, major))
        if step is None:
            raise ValidationError.single(
                "schema_version",
                "kotakerja.record.no_migration",
                f"no migration from {name} schema version {major}.x",
            )
        to_version, fn = step
        doc = fn(doc)
        doc["schema_version"] = to_version
        major = _major(to_version)
    return doc
