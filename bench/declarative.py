"""Declarative-only pydantic v2 and msgspec models of the benchmark's three shapes.

These check what the two libraries express without code: required and unknown keys,
types, lengths, patterns, bounds and allowed values. Aware times, decimals, codes and
partial dates stay strings checked by their form; no table look-ups, no cross-field
rules. `run.py` reports kotakerja against these too (the ``*_declarative`` ratios), next
to the models that do the validation kotakerja does.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
import pydantic

# Shape: MoU -------------------------------------------------------------------------------

CODE = r"^[0-9]{2}(\.[0-9]{2})?$"
DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
Method = Literal["in_person", "post", "electronic"]
SchemeName = Literal["ksdd", "ksdpk", "ksdpl", "ksdll", "business", "other"]


class POrg(pydantic.BaseModel, extra="forbid", strict=True):
    name: Annotated[str, pydantic.Field(min_length=1, max_length=300)]
    kind: str
    region: Annotated[str, pydantic.Field(pattern=CODE)] | None = None


class PParty(pydantic.BaseModel, extra="forbid", strict=True):
    region: Annotated[str, pydantic.Field(pattern=CODE)] | None = None
    organization: POrg | None = None
    document_number: str | None = None


class PPerson(pydantic.BaseModel, extra="forbid", strict=True):
    name: Annotated[str, pydantic.Field(min_length=1)]


class PPosition(pydantic.BaseModel, extra="forbid", strict=True):
    title: Annotated[str, pydantic.Field(min_length=1)]
    role: str
    acting: Literal["definitive", "pj", "plt", "pjs"] = "definitive"


class PSignature(pydantic.BaseModel, extra="forbid", strict=True):
    party: Annotated[int, pydantic.Field(ge=0)]
    signatory: PPerson | None = None
    position: PPosition | None = None
    date: Annotated[str, pydantic.Field(pattern=DATE)] | None = None
    method: Method = "in_person"


class PMou(pydantic.BaseModel, extra="forbid", strict=True):
    type: Literal["mou"]
    schema_version: str
    id: Annotated[str, pydantic.Field(pattern=ID)]
    title: Annotated[str, pydantic.Field(min_length=1, max_length=1000)]
    scheme: SchemeName
    topics: list[str] = []
    parties: Annotated[list[PParty], pydantic.Field(min_length=2)]
    signatures: list[PSignature] = []
    kind: str = "kesepakatan_bersama"


class MOrg(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
    kind: str
    region: Annotated[str, msgspec.Meta(pattern=CODE)] | None = None


class MParty(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    region: Annotated[str, msgspec.Meta(pattern=CODE)] | None = None
    organization: MOrg | None = None
    document_number: str | None = None


class MPerson(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(min_length=1)]


class MPosition(msgspec.Struct, forbid_unknown_fields=True):
    title: Annotated[str, msgspec.Meta(min_length=1)]
    role: str
    acting: Literal["definitive", "pj", "plt", "pjs"] = "definitive"


class MSignature(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    party: Annotated[int, msgspec.Meta(ge=0)]
    signatory: MPerson | None = None
    position: MPosition | None = None
    date: Annotated[str, msgspec.Meta(pattern=DATE)] | None = None
    method: Method = "in_person"


class MMou(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    type: Literal["mou"]
    schema_version: str
    id: Annotated[str, msgspec.Meta(pattern=ID)]
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]
    scheme: SchemeName
    parties: Annotated[list[MParty], msgspec.Meta(min_length=2)]
    topics: list[str] = []
    signatures: list[MSignature] = []
    kind: str = "kesepakatan_bersama"


# Shape: meeting ---------------------------------------------------------------------------

LOCODE = r"^[A-Z]{2}[A-Z2-9]{3}$"
# Aware times are written as RFC 9557 text with the zone name ("...+07:00[Asia/Jakarta]"),
# which neither pydantic nor msgspec parses: they check its form, kotakerja parses it.
ZONED = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?[+-][0-9]{2}:[0-9]{2}"
    r"\[[A-Za-z0-9_/+-]+\]$"
)
MeetingKindName = Literal[
    "bilateral",
    "courtesy_call",
    "working_visit",
    "forum_session",
    "business_meeting",
    "signing_ceremony",
]
RoleName = Literal["host", "guest", "head_of_delegation", "member", "signatory", "attendee"]


class PRef(pydantic.BaseModel, extra="forbid", strict=True):
    type: str
    id: Annotated[str, pydantic.Field(pattern=ID)]


class PPeriod(pydantic.BaseModel, extra="forbid", strict=True):
    start: Annotated[str, pydantic.Field(pattern=DATE)]
    end: Annotated[str, pydantic.Field(pattern=DATE)] | None = None


class PVenue(pydantic.BaseModel, extra="forbid", strict=True):
    name: Annotated[str, pydantic.Field(max_length=300)] | None = None
    place: Annotated[str, pydantic.Field(pattern=CODE)]


class PParticipant(pydantic.BaseModel, extra="forbid", strict=True):
    person: PPerson | None = None
    position: PPosition | None = None
    roles: Annotated[list[RoleName], pydantic.Field(min_length=1)] | None = None


class PDelegation(pydantic.BaseModel, extra="forbid", strict=True):
    side: PParty
    participants: list[PParticipant] = []
    size: Annotated[int, pydantic.Field(ge=1)] | None = None


class POutcome(pydantic.BaseModel, extra="forbid", strict=True):
    kind: Literal["agreed_statement", "decision", "invitation", "commitment"]
    text: Annotated[str, pydantic.Field(max_length=2000)]
    by: list[Annotated[int, pydantic.Field(ge=0)]] = []
    to: list[Annotated[int, pydantic.Field(ge=0)]] = []
    event_title: Annotated[str, pydantic.Field(max_length=500)] | None = None
    topics: list[str] = []


class PFollowUp(pydantic.BaseModel, extra="forbid", strict=True):
    action: Annotated[str, pydantic.Field(max_length=2000)]
    owner: PParty | None = None
    due: Annotated[str, pydantic.Field(pattern=DATE)] | None = None
    status: Literal["open", "done", "cancelled"] = "open"
    concerns: list[PRef] = []


class PMeeting(pydantic.BaseModel, extra="forbid", strict=True):
    type: Literal["meeting"]
    schema_version: str
    id: Annotated[str, pydantic.Field(pattern=ID)]
    title: Annotated[str, pydantic.Field(max_length=1000)]
    kind: MeetingKindName
    status: Literal["planned", "held", "postponed", "cancelled"] | None = None
    start: Annotated[str, pydantic.Field(pattern=ZONED)] | None = None
    end: Annotated[str, pydantic.Field(pattern=ZONED)] | None = None
    dates: PPeriod | None = None
    venue: PVenue | None = None
    delegations: list[PDelegation] = []
    topics: list[str] = []
    outcomes: list[POutcome] = []
    follow_ups: list[PFollowUp] = []
    signed: list[PRef] = []
    summary: Annotated[str, pydantic.Field(max_length=5000)] | None = None


class MRef(msgspec.Struct, forbid_unknown_fields=True):
    type: str
    id: Annotated[str, msgspec.Meta(pattern=ID)]


class MPeriod(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    start: Annotated[str, msgspec.Meta(pattern=DATE)]
    end: Annotated[str, msgspec.Meta(pattern=DATE)] | None = None


class MVenue(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    place: Annotated[str, msgspec.Meta(pattern=CODE)]
    name: Annotated[str, msgspec.Meta(max_length=300)] | None = None


class MParticipant(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    person: MPerson | None = None
    position: MPosition | None = None
    roles: Annotated[list[RoleName], msgspec.Meta(min_length=1)] | None = None


class MDelegation(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    side: MParty
    participants: list[MParticipant] = []
    size: Annotated[int, msgspec.Meta(ge=1)] | None = None


class MOutcome(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    kind: Literal["agreed_statement", "decision", "invitation", "commitment"]
    text: Annotated[str, msgspec.Meta(max_length=2000)]
    by: list[Annotated[int, msgspec.Meta(ge=0)]] = []
    to: list[Annotated[int, msgspec.Meta(ge=0)]] = []
    event_title: Annotated[str, msgspec.Meta(max_length=500)] | None = None
    topics: list[str] = []


class MFollowUp(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    action: Annotated[str, msgspec.Meta(max_length=2000)]
    owner: MParty | None = None
    due: Annotated[str, msgspec.Meta(pattern=DATE)] | None = None
    status: Literal["open", "done", "cancelled"] = "open"
    concerns: list[MRef] = []


class MMeeting(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    type: Literal["meeting"]
    schema_version: str
    id: Annotated[str, msgspec.Meta(pattern=ID)]
    title: Annotated[str, msgspec.Meta(max_length=1000)]
    kind: MeetingKindName
    status: Literal["planned", "held", "postponed", "cancelled"] | None = None
    start: Annotated[str, msgspec.Meta(pattern=ZONED)] | None = None
    end: Annotated[str, msgspec.Meta(pattern=ZONED)] | None = None
    dates: MPeriod | None = None
    venue: MVenue | None = None
    delegations: list[MDelegation] = []
    topics: list[str] = []
    outcomes: list[MOutcome] = []
    follow_ups: list[MFollowUp] = []
    signed: list[MRef] = []
    summary: Annotated[str, msgspec.Meta(max_length=5000)] | None = None


# Shape: export shipment -------------------------------------------------------------------

DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
HS = r"^([0-9]{2}){2,5}$"


class PMoney(pydantic.BaseModel, extra="forbid", strict=True):
    amount: Annotated[str, pydantic.Field(pattern=DECIMAL)]
    currency: Annotated[str, pydantic.Field(pattern=r"^[A-Z]{3}$")]


class PGoodsLine(pydantic.BaseModel, extra="forbid", strict=True):
    description: Annotated[str, pydantic.Field(max_length=1000)]
    hs_code: Annotated[str, pydantic.Field(pattern=HS)] | None = None
    quantity: Annotated[str, pydantic.Field(pattern=DECIMAL)] | None = None
    unit: Annotated[str, pydantic.Field(pattern=r"^[A-Z0-9]{1,3}$")] | None = None
    value: PMoney | None = None


class PConsignee(pydantic.BaseModel, extra="forbid", strict=True):
    name: Annotated[str, pydantic.Field(max_length=300)] | None = None
    country: Annotated[str, pydantic.Field(pattern=r"^[A-Z]{2}$")]


class PExporter(pydantic.BaseModel, extra="forbid", strict=True):
    organization: POrg


class PDelivery(pydantic.BaseModel, extra="forbid", strict=True):
    incoterm: Literal["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]
    named_place: Annotated[str, pydantic.Field(max_length=300)]


class PLeg(pydantic.BaseModel, extra="forbid", strict=True):
    mode: Literal["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    departure_place: Annotated[str, pydantic.Field(pattern=LOCODE)]
    arrival_place: Annotated[str, pydantic.Field(pattern=LOCODE)]
    carrier: Annotated[str, pydantic.Field(max_length=300)] | None = None
    voyage: Annotated[str, pydantic.Field(max_length=100)] | None = None
    planned_departure: Annotated[str, pydantic.Field(pattern=ZONED)] | None = None
    planned_arrival: Annotated[str, pydantic.Field(pattern=ZONED)] | None = None


class PTradeDocument(pydantic.BaseModel, extra="forbid", strict=True):
    kind: Literal["peb", "npe", "commercial_invoice", "packing_list", "air_waybill"]
    number: Annotated[str, pydantic.Field(max_length=100)] | None = None
    date: Annotated[str, pydantic.Field(pattern=DATE)] | None = None


class PStatusEvent(pydantic.BaseModel, extra="forbid", strict=True):
    status: Literal["booked", "documents_submitted", "customs_released", "released", "departed"]
    time: Annotated[str, pydantic.Field(pattern=ZONED)] | None = None
    place: Annotated[str, pydantic.Field(max_length=300)] | None = None


class PShipment(pydantic.BaseModel, extra="forbid", strict=True):
    type: Literal["export_shipment"]
    schema_version: str
    id: Annotated[str, pydantic.Field(pattern=ID)]
    title: Annotated[str, pydantic.Field(max_length=1000)] | None = None
    exporter: PExporter | None = None
    consignee: PConsignee
    goods: list[PGoodsLine] = []
    net_weight_kg: Annotated[str, pydantic.Field(pattern=DECIMAL)] | None = None
    gross_weight_kg: Annotated[str, pydantic.Field(pattern=DECIMAL)] | None = None
    invoice_total: PMoney | None = None
    delivery: PDelivery | None = None
    legs: list[PLeg] = []
    documents: list[PTradeDocument] = []
    events: list[PStatusEvent] = []


class MMoney(msgspec.Struct, forbid_unknown_fields=True):
    amount: Annotated[str, msgspec.Meta(pattern=DECIMAL)]
    currency: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{3}$")]


class MGoodsLine(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    description: Annotated[str, msgspec.Meta(max_length=1000)]
    hs_code: Annotated[str, msgspec.Meta(pattern=HS)] | None = None
    quantity: Annotated[str, msgspec.Meta(pattern=DECIMAL)] | None = None
    unit: Annotated[str, msgspec.Meta(pattern=r"^[A-Z0-9]{1,3}$")] | None = None
    value: MMoney | None = None


class MConsignee(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    country: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
    name: Annotated[str, msgspec.Meta(max_length=300)] | None = None


class MExporter(msgspec.Struct, forbid_unknown_fields=True):
    organization: MOrg


class MDelivery(msgspec.Struct, forbid_unknown_fields=True):
    incoterm: Literal["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]
    named_place: Annotated[str, msgspec.Meta(max_length=300)]


class MLeg(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    mode: Literal["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    departure_place: Annotated[str, msgspec.Meta(pattern=LOCODE)]
    arrival_place: Annotated[str, msgspec.Meta(pattern=LOCODE)]
    carrier: Annotated[str, msgspec.Meta(max_length=300)] | None = None
    voyage: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    planned_departure: Annotated[str, msgspec.Meta(pattern=ZONED)] | None = None
    planned_arrival: Annotated[str, msgspec.Meta(pattern=ZONED)] | None = None


class MTradeDocument(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    kind: Literal["peb", "npe", "commercial_invoice", "packing_list", "air_waybill"]
    number: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    date: Annotated[str, msgspec.Meta(pattern=DATE)] | None = None


class MStatusEvent(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    status: Literal["booked", "documents_submitted", "customs_released", "released", "departed"]
    time: Annotated[str, msgspec.Meta(pattern=ZONED)] | None = None
    place: Annotated[str, msgspec.Meta(max_length=300)] | None = None


class MShipment(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    type: Literal["export_shipment"]
    schema_version: str
    id: Annotated[str, msgspec.Meta(pattern=ID)]
    consignee: MConsignee
    title: Annotated[str, msgspec.Meta(max_length=1000)] | None = None
    exporter: MExporter | None = None
    goods: list[MGoodsLine] = []
    net_weight_kg: Annotated[str, msgspec.Meta(pattern=DECIMAL)] | None = None
    gross_weight_kg: Annotated[str, msgspec.Meta(pattern=DECIMAL)] | None = None
    invoice_total: MMoney | None = None
    delivery: MDelivery | None = None
    legs: list[MLeg] = []
    documents: list[MTradeDocument] = []
    events: list[MStatusEvent] = []
