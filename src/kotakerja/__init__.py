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
    from ._check import Policy, check
    from ._errors import ErrorDetail, Finding, KotakerjaError, Severity, ValidationError
    from .calendar import to_ical
    from .records._agreements import (
        Agreement,
        Amendment,
        AmendmentKind,
        Approval,
        ApprovalKind,
        Document,
        DocumentKind,
        DocumentStatus,
        EffectiveRule,
        KsddKind,
        KsdplKind,
        Mou,
        Obligation,
        Party,
        PksContent,
        Renewal,
        Scheme,
        Signature,
        SigningMethod,
        Stage,
        StageEvent,
        Term,
        Termination,
        TerminationGround,
        Terms,
        Witness,
    )
    from .records._base import Record, Ref, new_id, record_type, record_types
    from .records._meetings import (
        Attendance,
        CeremonialAct,
        CeremonialActKind,
        Coordinates,
        CountQualifier,
        Delegation,
        Event,
        EventKind,
        FollowUp,
        FollowUpEntry,
        FollowUpStatus,
        Meeting,
        MeetingKind,
        Outcome,
        OutcomeKind,
        Participant,
        ParticipantIndex,
        ParticipantRole,
        ScheduleStatus,
        Venue,
        open_follow_ups,
        overdue_follow_ups,
        parse_press_time,
    )
    from .records._shipments import (
        LOCODE_PATTERN,
        UNIT_CODES,
        Consignee,
        DeliveryTerms,
        Exporter,
        ExportRelease,
        ExportShipment,
        GoodsLine,
        OriginProof,
        OriginProofKind,
        Package,
        PackageKind,
        ReleaseTotals,
        ShipmentStatus,
        StatusEvent,
        TradeDocument,
        TradeDocumentKind,
        TransportLeg,
        shipments_by_destination,
    )
    from .register import LineResult, Register, append_jsonl, iter_jsonl
    from .serialization import (
        from_dict,
        from_json,
        json_schema,
        make_converter,
        migrate,
        register_migration,
        to_dict,
        to_json,
    )
    from .values._dates import (
        DatePrecision,
        DateQualifier,
        PartialDate,
        Period,
        ReportedDate,
        TimeOfDay,
    )
    from .values._money import CurrencyMismatchError, Money, minor_units
    from .values._people import (
        ActingStatus,
        Organization,
        OrganizationKind,
        Person,
        Position,
        RoleClass,
        compact_npwp,
        format_npwp,
    )
    from .values._places import (
        Country,
        ForeignLocality,
        LocalityLevel,
        Region,
        RegionLevel,
        all_regions,
        find_regions,
    )
    from .values._provenance import Source
    from .values._rates import MoneyRate, Quantity, RatePeriod
    from .values._topics import TOPICS, TopicInfo, normalize_topic, topic_label
    from .values._trade import (
        HsCode,
        HsLevel,
        Incoterm,
        OriginRule,
        OriginUncertainty,
        TransportMode,
        allowed_origin_rules,
        origin_rules,
    )
    from .values._umkm import UmkmClass, classify_umkm

__all__ = [
    "TOPICS",
    "ActingStatus",
    "Country",
    "CurrencyMismatchError",
    "DatePrecision",
    "ErrorDetail",
    "Finding",
    "ForeignLocality",
    # errors and findings
    "KotakerjaError",
    "LocalityLevel",
    # money
    "Money",
    "MoneyRate",
    "Quantity",
    "RatePeriod",
    "Organization",
    "OrganizationKind",
    # dates
    "PartialDate",
    "Period",
    "ReportedDate",
    "DateQualifier",
    "TimeOfDay",
    # people and organisations
    "Person",
    "Policy",
    "Position",
    # records
    "Record",
    "Ref",
    # places
    "Region",
    "RegionLevel",
    "RoleClass",
    "Severity",
    # trade
    "HsCode",
    "HsLevel",
    "Incoterm",
    "TransportMode",
    "OriginRule",
    "OriginUncertainty",
    "origin_rules",
    "allowed_origin_rules",
    # provenance and topics
    "Source",
    "TopicInfo",
    "ValidationError",
    "__version__",
    "all_regions",
    "check",
    "compact_npwp",
    "examples",
    "Register",
    "LineResult",
    "iter_jsonl",
    "append_jsonl",
    # agreements
    "Mou",
    "Agreement",
    "Document",
    "Amendment",
    "AmendmentKind",
    "Approval",
    "ApprovalKind",
    "Obligation",
    "PksContent",
    "Renewal",
    "Stage",
    "StageEvent",
    "Termination",
    "TerminationGround",
    "Terms",
    "Party",
    "Signature",
    "Witness",
    "Term",
    "Scheme",
    "KsddKind",
    "KsdplKind",
    "DocumentKind",
    "DocumentStatus",
    "EffectiveRule",
    "SigningMethod",
    # meetings
    "Meeting",
    "Event",
    "MeetingKind",
    "EventKind",
    "ScheduleStatus",
    "Venue",
    "Coordinates",
    "Participant",
    "ParticipantRole",
    "ParticipantIndex",
    "Delegation",
    "Attendance",
    "CountQualifier",
    "CeremonialAct",
    "CeremonialActKind",
    "Outcome",
    "OutcomeKind",
    "FollowUp",
    "FollowUpStatus",
    "FollowUpEntry",
    "open_follow_ups",
    "overdue_follow_ups",
    "parse_press_time",
    "to_ical",
    # shipments
    "ExportShipment",
    "ExportRelease",
    "ReleaseTotals",
    "Exporter",
    "UmkmClass",
    "classify_umkm",
    "Consignee",
    "GoodsLine",
    "Package",
    "DeliveryTerms",
    "TransportLeg",
    "TradeDocument",
    "TradeDocumentKind",
    "OriginProof",
    "OriginProofKind",
    "ShipmentStatus",
    "StatusEvent",
    "UNIT_CODES",
    "PackageKind",
    "shipments_by_destination",
    "LOCODE_PATTERN",
    "find_regions",
    "format_npwp",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "migrate",
    "register_migration",
    "minor_units",
    "new_id",
    "normalize_topic",
    "record_type",
    "record_types",
    # serialization
    "to_dict",
    "to_json",
    "topic_label",
]


def examples() -> Register:
    """The bundled register of the seed cases (validated, round-trippable)."""
    from ._examples import example_records
    from .register import Register

    return Register(example_records())


# The public names load with the module that defines them, on first use (PEP 562), so that
# `import kotakerja` is cheap; `from kotakerja import X` and `kotakerja.X` work as before.
# Every name imported for type checkers above is listed here (a test keeps the two equal).
_LAZY: dict[str, str] = {
    "Policy": "._check",
    "check": "._check",
    "ErrorDetail": "._errors",
    "Finding": "._errors",
    "KotakerjaError": "._errors",
    "Severity": "._errors",
    "ValidationError": "._errors",
    "to_ical": ".calendar",
    "Agreement": ".records._agreements",
    "Amendment": ".records._agreements",
    "AmendmentKind": ".records._agreements",
    "Approval": ".records._agreements",
    "ApprovalKind": ".records._agreements",
    "Document": ".records._agreements",
    "DocumentKind": ".records._agreements",
    "DocumentStatus": ".records._agreements",
    "EffectiveRule": ".records._agreements",
    "KsddKind": ".records._agreements",
    "KsdplKind": ".records._agreements",
    "Mou": ".records._agreements",
    "Obligation": ".records._agreements",
    "Party": ".records._agreements",
    "PksContent": ".records._agreements",
    "Renewal": ".records._agreements",
    "Scheme": ".records._agreements",
    "Signature": ".records._agreements",
    "SigningMethod": ".records._agreements",
    "Stage": ".records._agreements",
    "StageEvent": ".records._agreements",
    "Term": ".records._agreements",
    "Termination": ".records._agreements",
    "TerminationGround": ".records._agreements",
    "Terms": ".records._agreements",
    "Witness": ".records._agreements",
    "Record": ".records._base",
    "Ref": ".records._base",
    "new_id": ".records._base",
    "record_type": ".records._base",
    "record_types": ".records._base",
    "Attendance": ".records._meetings",
    "CeremonialAct": ".records._meetings",
    "CeremonialActKind": ".records._meetings",
    "Coordinates": ".records._meetings",
    "CountQualifier": ".records._meetings",
    "Delegation": ".records._meetings",
    "Event": ".records._meetings",
    "EventKind": ".records._meetings",
    "FollowUp": ".records._meetings",
    "FollowUpEntry": ".records._meetings",
    "FollowUpStatus": ".records._meetings",
    "Meeting": ".records._meetings",
    "MeetingKind": ".records._meetings",
    "Outcome": ".records._meetings",
    "OutcomeKind": ".records._meetings",
    "Participant": ".records._meetings",
    "ParticipantIndex": ".records._meetings",
    "ParticipantRole": ".records._meetings",
    "ScheduleStatus": ".records._meetings",
    "Venue": ".records._meetings",
    "open_follow_ups": ".records._meetings",
    "overdue_follow_ups": ".records._meetings",
    "parse_press_time": ".records._meetings",
    "LOCODE_PATTERN": ".records._shipments",
    "UNIT_CODES": ".records._shipments",
    "Consignee": ".records._shipments",
    "DeliveryTerms": ".records._shipments",
    "Exporter": ".records._shipments",
    "ExportRelease": ".records._shipments",
    "ExportShipment": ".records._shipments",
    "GoodsLine": ".records._shipments",
    "OriginProof": ".records._shipments",
    "OriginProofKind": ".records._shipments",
    "Package": ".records._shipments",
    "PackageKind": ".records._shipments",
    "ReleaseTotals": ".records._shipments",
    "ShipmentStatus": ".records._shipments",
    "StatusEvent": ".records._shipments",
    "TradeDocument": ".records._shipments",
    "TradeDocumentKind": ".records._shipments",
    "TransportLeg": ".records._shipments",
    "shipments_by_destination": ".records._shipments",
    "LineResult": ".register",
    "Register": ".register",
    "append_jsonl": ".register",
    "iter_jsonl": ".register",
    "from_dict": ".serialization",
    "from_json": ".serialization",
    "json_schema": ".serialization",
    "make_converter": ".serialization",
    "migrate": ".serialization",
    "register_migration": ".serialization",
    "to_dict": ".serialization",
    "to_json": ".serialization",
    "DatePrecision": ".values._dates",
    "PartialDate": ".values._dates",
    "Period": ".values._dates",
    "ReportedDate": ".values._dates",
    "DateQualifier": ".values._dates",
    "TimeOfDay": ".values._dates",
    "CurrencyMismatchError": ".values._money",
    "Money": ".values._money",
    "minor_units": ".values._money",
    "MoneyRate": ".values._rates",
    "Quantity": ".values._rates",
    "RatePeriod": ".values._rates",
    "ActingStatus": ".values._people",
    "Organization": ".values._people",
    "OrganizationKind": ".values._people",
    "Person": ".values._people",
    "Position": ".values._people",
    "RoleClass": ".values._people",
    "compact_npwp": ".values._people",
    "format_npwp": ".values._people",
    "Country": ".values._places",
    "ForeignLocality": ".values._places",
    "LocalityLevel": ".values._places",
    "Region": ".values._places",
    "RegionLevel": ".values._places",
    "all_regions": ".values._places",
    "find_regions": ".values._places",
    "Source": ".values._provenance",
    "TOPICS": ".values._topics",
    "TopicInfo": ".values._topics",
    "normalize_topic": ".values._topics",
    "topic_label": ".values._topics",
    "HsCode": ".values._trade",
    "HsLevel": ".values._trade",
    "OriginUncertainty": ".values._trade",
    "Incoterm": ".values._trade",
    "OriginRule": ".values._trade",
    "TransportMode": ".values._trade",
    "allowed_origin_rules": ".values._trade",
    "origin_rules": ".values._trade",
    "UmkmClass": ".values._umkm",
    "classify_umkm": ".values._umkm",
}

_SUBMODULES = frozenset(
    {"calendar", "cli", "records", "register", "report", "serialization", "testing", "values"}
)


def __getattr__(name: str) -> Any:
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
