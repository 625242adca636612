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

from ._check import Policy, check
from ._errors import ErrorDetail, Finding, KotakerjaError, Severity, ValidationError
from ._version import __version__
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
from .values._dates import DatePrecision, PartialDate, Period
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
from .values._topics import TOPICS, TopicInfo, normalize_topic, topic_label
from .values._trade import (
    HsCode,
    Incoterm,
    OriginRule,
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
    "Organization",
    "OrganizationKind",
    # dates
    "PartialDate",
    "Period",
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
    "Incoterm",
    "TransportMode",
    "OriginRule",
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

    return Register(example_records())
