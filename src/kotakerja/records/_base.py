"""What every top-level record shares: identity, provenance, extensions, typed references."""

from __future__ import annotations

import importlib
import re
import threading
import uuid
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

import attrs

from .._errors import PathPart, Problems, ValidationError
from .._model import JsonObject, check_fields, describe_value, freeze_json, meta, text_problem
from ..values._dates import PartialDate
from ..values._provenance import Source

__all__ = [
    "ID_PATTERN",
    "Record",
    "Ref",
    "new_id",
    "record_type",
    "record_types",
]

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}"
"""Record ids: 1–128 letters, digits and ``. _ : -``, starting with a letter or digit."""

EXTENSION_KEY_PATTERN = r"[a-z0-9][a-z0-9.-]*:[A-Za-z0-9_.-]+"
"""Extension keys are namespaced: ``namespace:name``, e.g. ``surakarta.go.id:nomor_arsip``."""

_ID_RX = re.compile(ID_PATTERN)
_EXT_RX = re.compile(EXTENSION_KEY_PATTERN)

_REGISTRY: dict[str, type[Record]] = {}

_BUILTIN_MODULES = (
    "kotakerja.records._agreements",
    "kotakerja.records._meetings",
    "kotakerja.records._shipments",
)
_builtin_loaded = False
_builtin_lock = threading.RLock()


def _registry() -> dict[str, type[Record]]:
    """The record classes by type name, the built-in ones always among them.

    The package loads its modules on first use, so a lookup by name imports the
    built-in record modules first: a document of any type can be read right after
    ``import kotakerja``.
    """
    global _builtin_loaded
    if not _builtin_loaded:
        with _builtin_lock:
            if not _builtin_loaded:
                for name in _BUILTIN_MODULES:
                    importlib.import_module(name)
                _builtin_loaded = True
    return _REGISTRY


R = TypeVar("R", bound="Record")


def new_id(record_type: str) -> str:
    """A fresh record id: the record type, a hyphen and 32 random hex digits.

    >>> new_id("mou")  # doctest: +SKIP
    'mou-5f0c3b1e9d2a4c67b8e1f0a2d3c4b5a6'
    """
    return f"{record_type}-{uuid.uuid4().hex}"


def _default_id(self: Record) -> str:
    return new_id(type(self).TYPE)


def _check_json_value(value: Any, path: tuple[PathPart, ...], p: Problems, depth: int = 0) -> None:
    if depth > 64:
        p.add(path, "kotakerja.extension.too_deep", "extension values nest at most 64 levels")
        return
    if value is None or type(value) is bool:
        return
    if type(value) is str:
        text = text_problem(value)
        if text is not None:
            p.add(path, *text)
        return
    if type(value) is int:
        if value.bit_length() > 3000:  # about 900 digits: may be past the text limit
            try:
                str(value)
            except ValueError:
                p.add(path, "kotakerja.int.out_of_range", "integer has too many digits for JSON")
        return
    if type(value) is float:
        if value != value or value in (float("inf"), float("-inf")):
            p.add(path, "kotakerja.number.not_finite", f"expected a finite number, got {value}")
        return
    if type(value) is tuple:
        for i, item in enumerate(value):
            _check_json_value(item, (*path, i), p, depth + 1)
        return
    if type(value) is JsonObject:
        for k, item in value.items():
            if type(k) is not str:
                p.add(
                    path, "kotakerja.type", f"object keys must be strings, got {describe_value(k)}"
                )
                continue
            key = text_problem(k)
            if key is not None:
                p.add(path, key[0], f"a key: {key[1]}")
            else:
                _check_json_value(item, (*path, k), p, depth + 1)
        return
    p.add(path, "kotakerja.type", f"expected a JSON value, got {describe_value(value)}")


@attrs.frozen(kw_only=True)
class Record:
    """Base of every top-level record (MoU, agreement, meeting, event, shipment, release).

    Every record has a stable string `id`: give your own (``"mou-jakarta-shanghai-2020"``)
    or let one be generated (``"<type>-<32 hex digits>"``). In serialized documents
    `id`, `type` and `schema_version` are required. `sources` record where the
    record's facts came from; `extensions` is the one place for application data,
    under namespaced keys, kept untouched through every round trip; it is copied at
    construction into a read-only `JsonObject` (lists become tuples), so a frozen
    record never changes behind its back.
    """

    TYPE: ClassVar[str] = "record"
    SCHEMA_VERSION: ClassVar[str] = "1.1"
    RULES: ClassVar[tuple[str, ...]] = ()

    id: str = attrs.field(
        default=attrs.Factory(_default_id, takes_self=True),
        metadata=meta(
            pattern=ID_PATTERN,
            required_in_json=True,
            description="Stable identifier of the record; other records point to it.",
        ),
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), metadata=meta(description="Where the facts of this record came from.")
    )
    extensions: Mapping[str, Any] = attrs.field(
        factory=JsonObject,
        hash=False,
        metadata=meta(
            description=("Application data under namespaced keys (namespace:name), kept as given.")
        ),
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "TYPE" in cls.__dict__:
            _REGISTRY[cls.TYPE] = cls

    __attrs_post_init__ = check_fields

    def _check_extensions(self, p: Problems) -> None:
        # Every way of building a record runs the rules, so this is where the caller's
        # mapping is copied into a read-only one (the fast reader sets fields itself).
        if type(self.extensions) is not JsonObject:
            object.__setattr__(self, "extensions", freeze_json(self.extensions))
        for key, value in self.extensions.items():
            if not _EXT_RX.fullmatch(key):
                p.add(
                    ("extensions", key),
                    "kotakerja.extension.bad_key",
                    f"extension key {key!r} is not namespaced; use namespace:name",
                )
            _check_json_value(value, ("extensions", key), p)

    def _check_rules(self, p: Problems) -> None:
        self._check_extensions(p)

    @property
    def ref(self) -> Ref:
        """A typed reference to this record."""
        return Ref(type=self.TYPE, id=self.id)

    def timeline_date(self) -> PartialDate | None:
        """Where this record stands on a timeline (signing, meeting or release date).

        Record types override it; None means the date is not known.
        """
        return None


def record_types() -> Mapping[str, type[Record]]:
    """Every top-level record class by its `type` name."""
    return dict(_registry())


def record_type(name: str) -> type[Record]:
    """The record class for a `type` name; `ValidationError` if unknown."""
    registry = _registry()
    try:
        return registry[name]
    except KeyError:
        known = ", ".join(sorted(registry))
        raise ValidationError.single(
            "type", "kotakerja.record.unknown_type", f"unknown record type {name!r}; known: {known}"
        ) from None


@attrs.frozen(kw_only=True)
class Ref:
    """A typed reference from one record to another: the target's `type` and `id`.

    >>> Ref(type="mou", id="mou-jakarta-shanghai-2020")
    Ref(type='mou', id='mou-jakarta-shanghai-2020')
    """

    type: str = attrs.field(metadata=meta(pattern=r"[a-z][a-z0-9_]*"))
    id: str = attrs.field(metadata=meta(pattern=ID_PATTERN))

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        registry = _registry()
        if self.type not in registry:
            known = ", ".join(sorted(registry))
            p.add(
                "type",
                "kotakerja.ref.unknown_type",
                f"unknown record type {self.type!r}; known: {known}",
            )

    @classmethod
    def to(cls, record: Record) -> Ref:
        """A reference to `record`."""
        return cls(type=record.TYPE, id=record.id)

    def __str__(self) -> str:
        return f"{self.type}:{self.id}"


def check_ref_type(p: Problems, path: str, ref: Ref | None, *allowed: str) -> None:
    """Add a problem when `ref` points to a record type other than `allowed`."""
    if ref is not None and ref.type not in allowed:
        want = " or ".join(allowed)
        p.add(
            f"{path}.type",
            "kotakerja.ref.wrong_type",
            f"must point to a {want}, not a {ref.type}",
        )
