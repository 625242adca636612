"""Type information for kotakerja's public names.

Generated from the table in __init__.py by tests/test_public_api.py; do not edit.
"""

# ruff: noqa: I001  (grouped by theme, as the table is)

from ._version import __version__ as __version__

# errors and findings
from ._errors import (
    ConflictError as ConflictError,
    ErrorDetail as ErrorDetail,
    Finding as Finding,
    KotakerjaError as KotakerjaError,
    Severity as Severity,
    ValidationError as ValidationError,
)
from ._check import (
    check as check,
)
from ._policy import (
    Policy as Policy,
)

# money
from .values._money import (
    CurrencyMismatchError as CurrencyMismatchError,
    Money as Money,
    minor_units as minor_units,
    parse_money as parse_money,
)

# dates
from .values._dates import (
    DatePrecision as DatePrecision,
    PartialDate as PartialDate,
    Period as Period,
)

# places
from .values._places import (
    Country as Country,
    ForeignLocality as ForeignLocality,
    LocalityLevel as LocalityLevel,
    Region as Region,
    RegionLevel as RegionLevel,
    all_regions as all_regions,
    find_regions as find_regions,
)

# people and organisations
from .values._people import (
    ActingStatus as ActingStatus,
    Authority as Authority,
    AuthorityKind as AuthorityKind,
    AuthorityStatus as AuthorityStatus,
    Organization as Organization,
    OrganizationKind as OrganizationKind,
    Person as Person,
    Position as Position,
    RoleClass as RoleClass,
    compact_npwp as compact_npwp,
    format_npwp as format_npwp,
)

# trade
from .values._trade import (
    HsCode as HsCode,
    Incoterm as Incoterm,
    OriginRule as OriginRule,
    TransportMode as TransportMode,
    allowed_origin_rules as allowed_origin_rules,
    origin_rules as origin_rules,
)
from .values._umkm import (
    UmkmClass as UmkmClass,
    classify_umkm as classify_umkm,
)

# provenance and topics
from .values._provenance import (
    Source as Source,
)
from .values._topics import (
    TOPICS as TOPICS,
    TopicInfo as TopicInfo,
    normalize_topic as normalize_topic,
    topic_label as topic_label,
)

# spreadsheets
from .sheets import (
    ColumnMapping as ColumnMapping,
    SheetImport as SheetImport,
    SheetMapping as SheetMapping,
    SheetProblem as SheetProblem,
    export_mapping as export_mapping,
    parse_yes_no as parse_yes_no,
    read_sheet as read_sheet,
    write_sheet as write_sheet,
)

# web embedding
from .openapi import (
    from_input as from_input,
    openapi_components as openapi_components,
)

# records
from .records._base import (
    Record as Record,
    Ref as Ref,
    new_id as new_id,
    record_type as record_type,
    record_types as record_types,
)
from ._model import (
    JsonObject as JsonObject,
)

# agreements
from .records._agreements import (
    Agreement as Agreement,
    Amendment as Amendment,
    AmendmentKind as AmendmentKind,
    Approval as Approval,
    ApprovalKind as ApprovalKind,
    ClauseChange as ClauseChange,
    Document as Document,
    DocumentKind as DocumentKind,
    DocumentLink as DocumentLink,
    DocumentStatus as DocumentStatus,
    Effective as Effective,
    EffectiveRule as EffectiveRule,
    KsddKind as KsddKind,
    KsdplKind as KsdplKind,
    Lineage as Lineage,
    LineageLink as LineageLink,
    LinkRole as LinkRole,
    Mou as Mou,
    Obligation as Obligation,
    Party as Party,
    PksContent as PksContent,
    Renewal as Renewal,
    Rules as Rules,
    Scheme as Scheme,
    SignatoryRole as SignatoryRole,
    Signature as Signature,
    SigningCapacity as SigningCapacity,
    SigningMethod as SigningMethod,
    Stage as Stage,
    StageEvent as StageEvent,
    Term as Term,
    Termination as Termination,
    TerminationGround as TerminationGround,
    Terms as Terms,
    Witness as Witness,
    rules_in_force as rules_in_force,
)

# meetings
from .records._meetings import (
    Attendance as Attendance,
    CeremonialAct as CeremonialAct,
    CeremonialActKind as CeremonialActKind,
    Coordinates as Coordinates,
    CountQualifier as CountQualifier,
    Delegation as Delegation,
    Event as Event,
    EventKind as EventKind,
    FollowUp as FollowUp,
    FollowUpEntry as FollowUpEntry,
    FollowUpStatus as FollowUpStatus,
    Meeting as Meeting,
    MeetingKind as MeetingKind,
    Outcome as Outcome,
    OutcomeKind as OutcomeKind,
    Participant as Participant,
    ParticipantIndex as ParticipantIndex,
    ParticipantRole as ParticipantRole,
    ScheduleStatus as ScheduleStatus,
    Venue as Venue,
    open_follow_ups as open_follow_ups,
    overdue_follow_ups as overdue_follow_ups,
    parse_press_time as parse_press_time,
)
from .calendar import (
    to_ical as to_ical,
)

# shipments
from .records._shipments import (
    LOCODE_PATTERN as LOCODE_PATTERN,
    UNIT_CODES as UNIT_CODES,
    Consignee as Consignee,
    DeliveryTerms as DeliveryTerms,
    Exporter as Exporter,
    ExportRelease as ExportRelease,
    ExportShipment as ExportShipment,
    GoodsLine as GoodsLine,
    OriginProof as OriginProof,
    OriginProofKind as OriginProofKind,
    Package as Package,
    PackageKind as PackageKind,
    ReleaseTotals as ReleaseTotals,
    ShipmentStatus as ShipmentStatus,
    StatusEvent as StatusEvent,
    TradeDocument as TradeDocument,
    TradeDocumentKind as TradeDocumentKind,
    TransportLeg as TransportLeg,
    shipments_by_destination as shipments_by_destination,
)

# register
from .register import (
    DEFAULT_MAX_DEPTH as DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_PROBLEMS as DEFAULT_MAX_PROBLEMS,
    DEFAULT_MAX_SIZE as DEFAULT_MAX_SIZE,
    LineResult as LineResult,
    Register as Register,
    append_jsonl as append_jsonl,
    iter_jsonl as iter_jsonl,
)

# stores
from .store import (
    Store as Store,
    open_store as open_store,
)

# analytics tables
from .tables import (
    from_arrow as from_arrow,
    read_parquet as read_parquet,
    to_arrow as to_arrow,
    to_rows as to_rows,
    write_parquet as write_parquet,
)

# serialization
from .serialization import (
    from_dict as from_dict,
    from_json as from_json,
    json_schema as json_schema,
    make_converter as make_converter,
    migrate as migrate,
    register_migration as register_migration,
    to_dict as to_dict,
    to_json as to_json,
)

def examples() -> Register:
    """The bundled register of the seed cases (validated, round-trippable)."""

__all__ = [
    "__version__",
    "examples",
    "ConflictError",
    "ErrorDetail",
    "Finding",
    "KotakerjaError",
    "Severity",
    "ValidationError",
    "check",
    "Policy",
    "CurrencyMismatchError",
    "Money",
    "minor_units",
    "parse_money",
    "DatePrecision",
    "PartialDate",
    "Period",
    "Country",
    "ForeignLocality",
    "LocalityLevel",
    "Region",
    "RegionLevel",
    "all_regions",
    "find_regions",
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
    "HsCode",
    "Incoterm",
    "OriginRule",
    "TransportMode",
    "allowed_origin_rules",
    "origin_rules",
    "UmkmClass",
    "classify_umkm",
    "Source",
    "TOPICS",
    "TopicInfo",
    "normalize_topic",
    "topic_label",
    "ColumnMapping",
    "SheetImport",
    "SheetMapping",
    "SheetProblem",
    "export_mapping",
    "parse_yes_no",
    "read_sheet",
    "write_sheet",
    "from_input",
    "openapi_components",
    "Record",
    "Ref",
    "new_id",
    "record_type",
    "record_types",
    "JsonObject",
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
    "to_ical",
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
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_PROBLEMS",
    "DEFAULT_MAX_SIZE",
    "LineResult",
    "Register",
    "append_jsonl",
    "iter_jsonl",
    "Store",
    "open_store",
    "from_arrow",
    "read_parquet",
    "to_arrow",
    "to_rows",
    "write_parquet",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "migrate",
    "register_migration",
    "to_dict",
    "to_json",
]
