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
from .records._base import Record, Ref, new_id, record_type, record_types
from .serialization import (
    from_dict,
    from_json,
    json_schema,
    make_converter,
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

__all__ = [
    "__version__",
    # errors and findings
    "KotakerjaError",
    "ValidationError",
    "ErrorDetail",
    "CurrencyMismatchError",
    "Finding",
    "Severity",
    "Policy",
    "check",
    # serialization
    "to_dict",
    "from_dict",
    "to_json",
    "from_json",
    "json_schema",
    "make_converter",
    # records
    "Record",
    "Ref",
    "new_id",
    "record_type",
    "record_types",
    "examples",
    # dates
    "PartialDate",
    "Period",
    "DatePrecision",
    # places
    "Region",
    "RegionLevel",
    "find_regions",
    "all_regions",
    "Country",
    "ForeignLocality",
    "LocalityLevel",
    # money
    "Money",
    "minor_units",
    # people and organisations
    "Person",
    "Position",
    "RoleClass",
    "ActingStatus",
    "Organization",
    "OrganizationKind",
    "compact_npwp",
    "format_npwp",
    # provenance and topics
    "Source",
    "TOPICS",
    "TopicInfo",
    "normalize_topic",
    "topic_label",
]


def examples() -> tuple[Record, ...]:
    """The bundled example records of the seed cases (validated, round-trippable)."""
    from ._examples import example_records

    return example_records()
