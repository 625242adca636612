"""kotakerja: typed records of Indonesian regional cooperation.

MoUs and agreements (*kesepakatan bersama*, *perjanjian kerja sama*), the
meetings where they are made and followed up, and the UMKM export shipments
they lead to — with strict validation, exact JSON round trips, JSON Schema,
and Indonesian dates, names, regions and time zones.

>>> import kotakerja
>>> kotakerja.Region.get("33.72").name
'Kota Surakarta'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .register import Register

# Every public name, written once, by theme and by the module that defines it.
# `__all__` and the lazy loading below come from this table, and so does
# `__init__.pyi`, which type checkers read (a test keeps it in step: run
# `python tests/test_public_api.py` after editing the table).
_PUBLIC: dict[str, dict[str, tuple[str, ...]]] = {
    "errors and findings": {
        "._errors": (
            "ConflictError",
            "ErrorDetail",
            "Finding",
            "KotakerjaError",
            "Severity",
            "ValidationError",
        ),
        "._check": ("check",),
        "._policy": ("Policy",),
    },
    "money": {
        ".values._money": ("CurrencyMismatchError", "Money", "minor_units", "parse_money"),
    },
    "dates": {
        ".values._dates": ("DatePrecision", "PartialDate", "Period"),
    },
    "places": {
        ".values._places": (
            "Country",
            "ForeignLocality",
            "LocalityLevel",
            "Region",
            "RegionLevel",
            "all_regions",
            "find_regions",
        ),
    },
    "people and organisations": {
        ".values._people": (
            "ActingStatus",
            "Authority",
            "AuthorityKind",
            "AuthorityStatus",
            "Organization",
            "OrganizationKind",
            "Person",
            "Position",
            "RoleClass",
            "compact_npwp",
            "format_npwp",
        ),
    },
    "trade": {
        ".values._trade": (
            "HsCode",
            "Incoterm",
            "OriginRule",
            "TransportMode",
            "allowed_origin_rules",
            "origin_rules",
        ),
        ".values._umkm": ("UmkmClass", "classify_umkm"),
    },
    "provenance and topics": {
        ".values._provenance": ("Source",),
        ".values._topics": ("TOPICS", "TopicInfo", "normalize_topic", "topic_label"),
    },
    "spreadsheets": {
        ".sheets": (
            "ColumnMapping",
            "SheetImport",
            "SheetMapping",
            "SheetProblem",
            "export_mapping",
            "parse_yes_no",
            "read_sheet",
            "write_sheet",
        ),
    },
    "web embedding": {
        ".openapi": ("from_input", "openapi_components"),
    },
    "records": {
        ".records._base": ("Record", "Ref", "new_id", "record_type", "record_types"),
        "._model": ("JsonObject",),
    },
    "agreements": {
        ".records._agreements": (
            "Agreement",
            "Amendment",
            "AmendmentKind",
            "Approval",
            "ApprovalKind",
            "ClauseChange",
            "Document",
            "DocumentKind",
            "DocumentLink",
            "DocumentStatus",
            "Effective",
            "EffectiveRule",
            "KsddKind",
            "KsdplKind",
            "Lineage",
            "LineageLink",
            "LinkRole",
            "Mou",
            "Obligation",
            "Party",
            "PksContent",
            "Renewal",
            "Rules",
            "Scheme",
            "SignatoryRole",
            "Signature",
            "SigningCapacity",
            "SigningMethod",
            "Stage",
            "StageEvent",
            "Term",
            "Termination",
            "TerminationGround",
            "Terms",
            "Witness",
            "rules_in_force",
        ),
    },
    "meetings": {
        ".records._meetings": (
            "Attendance",
            "CeremonialAct",
            "CeremonialActKind",
            "Coordinates",
            "CountQualifier",
            "Delegation",
            "Event",
            "EventKind",
            "FollowUp",
            "FollowUpEntry",
            "FollowUpStatus",
            "Meeting",
            "MeetingKind",
            "Outcome",
            "OutcomeKind",
            "Participant",
            "ParticipantIndex",
            "ParticipantRole",
            "ScheduleStatus",
            "Venue",
            "open_follow_ups",
            "overdue_follow_ups",
            "parse_press_time",
        ),
        ".calendar": ("to_ical",),
    },
    "shipments": {
        ".records._shipments": (
            "LOCODE_PATTERN",
            "UNIT_CODES",
            "Consignee",
            "DeliveryTerms",
            "Exporter",
            "ExportRelease",
            "ExportShipment",
            "GoodsLine",
            "OriginProof",
            "OriginProofKind",
            "Package",
            "PackageKind",
            "ReleaseTotals",
            "ShipmentStatus",
            "StatusEvent",
            "TradeDocument",
            "TradeDocumentKind",
            "TransportLeg",
            "shipments_by_destination",
        ),
    },
    "register": {
        ".register": (
            "DEFAULT_MAX_DEPTH",
            "DEFAULT_MAX_PROBLEMS",
            "DEFAULT_MAX_SIZE",
            "LineResult",
            "Register",
            "append_jsonl",
            "iter_jsonl",
        ),
    },
    "stores": {
        ".store": ("Store", "open_store"),
    },
    "analytics tables": {
        ".tables": ("from_arrow", "read_parquet", "to_arrow", "to_rows", "write_parquet"),
    },
    "serialization": {
        ".serialization": (
            "from_dict",
            "from_json",
            "json_schema",
            "make_converter",
            "migrate",
            "register_migration",
            "to_dict",
            "to_json",
        ),
    },
}

_LAZY: dict[str, str] = {
    name: module
    for modules in _PUBLIC.values()
    for module, names in modules.items()
    for name in names
}

__all__ = ["__version__", "examples", *_LAZY]


def examples() -> Register:
    """The bundled register of the seed cases (validated, round-trippable)."""
    from ._examples import example_records
    from .register import Register

    return Register(example_records())


_SUBMODULES = frozenset(
    {
        "calendar",
        "cli",
        "openapi",
        "records",
        "register",
        "report",
        "serialization",
        "sheets",
        "store",
        "tables",
        "testing",
        "values",
    }
)


def __getattr__(name: str) -> Any:
    # The public names load with the module that defines them, on first use (PEP 562),
    # so that `import kotakerja` stays cheap.
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module, __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
