"""Benchmark kotakerja against equivalent pydantic v2 and msgspec models, in one run.

    pip install -e ".[bench]"
    python bench/run.py                 # full table
    python bench/run.py --quick --json out.json

Every ratio is kotakerja's time (or size) divided by the other's: below 1 means
kotakerja wins. Each shape (an MoU with parties, signatures and topics, ...) is
defined three ways in one self-contained block that ends with ``SHAPES.append``;
a headline ratio sums the times of all shapes. Documents are serialized exactly
as `kotakerja.to_json` writes them.

To add a shape, copy the MoU block: the pydantic model, the msgspec struct, a
deterministic ``make_*`` function returning kotakerja objects, and one
``SHAPES.append(Shape(...))``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

import attrs
import msgspec
import pendulum
import pydantic

import kotakerja
from kotakerja import (
    Consignee,
    Country,
    Delegation,
    DeliveryTerms,
    Exporter,
    ExportShipment,
    FollowUp,
    ForeignLocality,
    GoodsLine,
    HsCode,
    Incoterm,
    Meeting,
    MeetingKind,
    Money,
    Mou,
    Organization,
    OrganizationKind,
    Outcome,
    OutcomeKind,
    PartialDate,
    Participant,
    ParticipantRole,
    Party,
    Person,
    Position,
    Ref,
    Region,
    RoleClass,
    ScheduleStatus,
    Scheme,
    ShipmentStatus,
    Signature,
    SigningMethod,
    StatusEvent,
    TradeDocument,
    TradeDocumentKind,
    TransportLeg,
    TransportMode,
    Venue,
    all_regions,
)
from kotakerja.register import iter_jsonl


@dataclass(frozen=True)
class Shape:
    """One document shape, defined the same way in the three libraries."""

    name: str
    kotakerja_type: type
    pydantic_model: type[pydantic.BaseModel]
    msgspec_struct: type
    make: Callable[[int], list[Any]]
    """Deterministic kotakerja objects, sized like real records."""


SHAPES: list[Shape] = []


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


def make_mous(n: int) -> list[Mou]:
    """Deterministic business MoUs between chambers of two regions, signed in person."""
    regions = [r for r in all_regions() if not r.is_province]
    out = []
    for i in range(n):
        a, b = regions[i % len(regions)], regions[(i * 7 + 3) % len(regions)]
        day = PartialDate(year=2015 + i % 10, month=1 + i % 12, day=1 + i % 28)
        parties = tuple(
            Party(
                organization=Organization(
                    name=f"Kadin {r.short_name}",
                    kind=OrganizationKind.CHAMBER_OF_COMMERCE,
                    region=r,
                ),
                document_number=f"{i:04d}/KADIN/{r.code}/{day.year}",
            )
            for r in (a, b)
        )
        signatures = tuple(
            Signature(
                party=k,
                signatory=Person(name=f"Ketua {k} {i}"),
                position=Position(title=f"Ketua {p.name}", role=RoleClass.CHAIR),
                date=day,
                method=SigningMethod.IN_PERSON,
            )
            for k, p in enumerate(parties)
        )
        out.append(
            Mou(
                id=f"mou-bench-{i}",
                title=f"Kerja sama business to business {a.short_name} dan {b.short_name}",
                scheme=Scheme.BUSINESS,
                topics=("umkm", "trade", "tourism"),
                parties=parties,
                signatures=signatures,
            )
        )
    return out


SHAPES.append(Shape("mou", Mou, PMou, MMou, make_mous))


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


def make_meetings(n: int) -> list[Meeting]:
    """Deterministic signing ceremonies between two regions: two delegations of four, two
    outcomes, two follow-ups, aware start and end times in the host's zone."""
    regions = [r for r in all_regions() if not r.is_province]
    roles = (
        (ParticipantRole.HEAD_OF_DELEGATION, ParticipantRole.SIGNATORY),
        (ParticipantRole.MEMBER,),
        (ParticipantRole.MEMBER,),
        (ParticipantRole.ATTENDEE,),
    )
    out = []
    for i in range(n):
        a, b = regions[i % len(regions)], regions[(i * 7 + 3) % len(regions)]
        start = pendulum.datetime(2015 + i % 10, 1 + i % 12, 1 + i % 28, 9, tz=a.time_zone)
        delegations = tuple(
            Delegation(
                side=Party(region=r),
                participants=tuple(
                    Participant(
                        person=Person(name=f"Peserta {k}.{j} {i}"),
                        position=Position(
                            title=f"Kepala Dinas {j} {r.short_name}", role=RoleClass.HEAD_OF_AGENCY
                        ),
                        roles=roles[j],
                    )
                    for j in range(4)
                ),
            )
            for k, r in enumerate((a, b))
        )
        mou = Ref(type="mou", id=f"mou-bench-{i}")
        out.append(
            Meeting(
                id=f"meeting-bench-{i}",
                title=f"Penandatanganan kerja sama {a.short_name} dan {b.short_name}",
                kind=MeetingKind.SIGNING_CEREMONY,
                status=ScheduleStatus.HELD,
                start=start,
                end=start.add(hours=2, minutes=30),
                venue=Venue(name=f"Balai Kota {a.short_name}", place=a),
                delegations=delegations,
                topics=("umkm", "trade", "tourism"),
                outcomes=(
                    Outcome(
                        kind=OutcomeKind.AGREED_STATEMENT,
                        text="Both sides agree to hold a joint UMKM exhibition each year.",
                        by=(0, 1),
                        topics=("umkm",),
                    ),
                    Outcome(
                        kind=OutcomeKind.INVITATION,
                        text=f"{a.short_name} invites {b.short_name} to its trade fair.",
                        by=(0,),
                        to=(1,),
                        event_title=f"Pameran dagang {a.short_name} {start.year + 1}",
                    ),
                ),
                follow_ups=(
                    FollowUp(
                        action="Draft the cooperation agreement (PKS) under the MoU.",
                        owner=Party(region=a),
                        due=PartialDate(year=start.year + 1, month=start.month),
                        concerns=(mou,),
                    ),
                    FollowUp(action="Exchange UMKM catalogues.", owner=Party(region=b)),
                ),
                signed=(mou,),
                summary=f"The mayors of {a.short_name} and {b.short_name} signed an MoU.",
            )
        )
    return out


SHAPES.append(Shape("meeting", Meeting, PMeeting, MMeeting, make_meetings))


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


GOODS = (
    ("Kopi bubuk robusta", "0901.21.20", "KGM"),
    ("Keripik tempe", "2008.19.90", "H87"),
    ("Kain batik tulis", "5208.52.00", "MTR"),
)
DESTINATIONS = (("JP", "JPNRT", "Asia/Tokyo"), ("TW", "TWTPE", "Asia/Taipei"))


def make_shipments(n: int) -> list[ExportShipment]:
    """Deterministic air shipments by UMKM: three goods lines, a road and an air leg, three
    documents, four status events at aware times."""
    regions = [r for r in all_regions() if not r.is_province]
    out = []
    for i in range(n):
        r = regions[i % len(regions)]
        country, airport, zone = DESTINATIONS[i % len(DESTINATIONS)]
        currency = "JPY" if country == "JP" else "USD"
        day = pendulum.datetime(2016 + i % 9, 1 + i % 12, 1 + i % 20, 9, tz="Asia/Jakarta")
        goods = tuple(
            GoodsLine(
                description=f"{name}, lot {i}-{j}",
                hs_code=HsCode.parse(hs),
                quantity=Decimal(10 * (j + 1) + i % 7),
                unit=unit,
                value=Money.of(f"{1500 * (j + 1) + i}", currency),
            )
            for j, (name, hs, unit) in enumerate(GOODS)
        )
        total = sum((g.value.amount for g in goods if g.value), Decimal(0))
        out.append(
            ExportShipment(
                id=f"shipment-bench-{i}",
                title=f"Ekspor UMKM {r.short_name} ke {country}",
                exporter=Exporter(
                    organization=Organization(
                        name=f"UD Usaha {i} {r.short_name}", kind=OrganizationKind.UMKM, region=r
                    )
                ),
                consignee=Consignee(name=f"Importer {i}", country=Country.get(country)),
                goods=goods,
                net_weight_kg=Decimal(f"{100 + i % 50}.5"),
                gross_weight_kg=Decimal(f"{120 + i % 50}.0"),
                invoice_total=Money.of(total, currency),
                delivery=DeliveryTerms(incoterm=Incoterm.FCA, named_place="Soekarno-Hatta"),
                legs=(
                    TransportLeg(
                        mode=TransportMode.ROAD,
                        departure_place="IDSOC",
                        arrival_place="IDCGK",
                        carrier="Angkasa Pura Logistik",
                        planned_departure=day.add(days=3),
                        planned_arrival=day.add(days=3, hours=14),
                    ),
                    TransportLeg(
                        mode=TransportMode.AIR,
                        departure_place="IDCGK",
                        arrival_place=airport,
                        voyage=f"GA{800 + i % 100}",
                        planned_departure=day.add(days=4, hours=12),
                        planned_arrival=day.add(days=4, hours=19).in_tz(zone),
                    ),
                ),
                documents=(
                    TradeDocument(
                        kind=TradeDocumentKind.PEB,
                        number=f"{i:06d}",
                        date=PartialDate(year=day.year, month=day.month, day=day.day),
                    ),
                    TradeDocument(kind=TradeDocumentKind.NPE, number=f"{i + 500000:06d}"),
                    TradeDocument(kind=TradeDocumentKind.AIR_WAYBILL, number=f"126-{i:08d}"),
                ),
                events=tuple(
                    StatusEvent(status=status, time=day.add(days=k))
                    for k, status in enumerate(
                        (
                            ShipmentStatus.BOOKED,
                            ShipmentStatus.DOCUMENTS_SUBMITTED,
                            ShipmentStatus.CUSTOMS_RELEASED,
                            ShipmentStatus.RELEASED,
                        )
                    )
                ),
            )
        )
    return out


SHAPES.append(Shape("shipment", ExportShipment, PShipment, MShipment, make_shipments))


# Construction from Python values ----------------------------------------------------------
#
# Each library builds the same objects bottom-up, every object with keyword arguments: the
# objects of a shape are taken apart once into (class, arguments) plans, and `build` runs
# a plan. pydantic validates as it constructs; msgspec Structs are built without checks;
# kotakerja checks every field and rule. Values that are looked up rather than built
# (regions, countries, partial dates, HS codes, aware times) are passed as they are.

LOOKED_UP = (Region, Country, ForeignLocality, PartialDate, HsCode)


@dataclass(frozen=True)
class Node:
    cls: type
    kwargs: dict[str, Any]


def plan_kotakerja(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(plan_kotakerja(v) for v in value)
    if attrs.has(type(value)) and not isinstance(value, LOOKED_UP):
        return Node(
            type(value),
            {
                f.name: plan_kotakerja(getattr(value, f.name))
                for f in attrs.fields(type(value))
                if f.init and (f.default is attrs.NOTHING or getattr(value, f.name) != _default(f))
            },
        )
    return value


def _default(f: Any) -> Any:
    d = f.default
    if not isinstance(d, attrs.Factory):  # type: ignore[arg-type]
        return d
    return object() if d.takes_self else d.factory()  # a default made from self: always pass


def plan_pydantic(value: Any) -> Any:
    if isinstance(value, list):
        return [plan_pydantic(v) for v in value]
    if isinstance(value, pydantic.BaseModel):
        return Node(
            type(value), {k: plan_pydantic(getattr(value, k)) for k in value.model_fields_set}
        )
    return value


def plan_msgspec(value: Any) -> Any:
    if isinstance(value, list):
        return [plan_msgspec(v) for v in value]
    if isinstance(value, msgspec.Struct):
        return Node(
            type(value),
            {
                f.name: plan_msgspec(getattr(value, f.name))
                for f in msgspec.structs.fields(value)
                if f.required or getattr(value, f.name) != _msgspec_default(f)
            },
        )
    return value


def _msgspec_default(f: Any) -> Any:
    return f.default_factory() if f.default is msgspec.NODEFAULT else f.default


def build(plan: Any) -> Any:
    t = type(plan)
    if t is Node:
        return plan.cls(**{k: build(v) for k, v in plan.kwargs.items()})
    if t is tuple or t is list:
        return t(build(v) for v in plan)
    return plan


# Timing ---------------------------------------------------------------------------------


def best_of(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def size_of(build: Callable[[], list[Any]]) -> float:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    objects = build()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / len(objects)


def import_time(code: str, repeat: int) -> float:
    """Median wall time of a fresh interpreter running `code`, with bytecode caches warm.

    Installed packages have their bytecode compiled at install time; a source
    checkout run with PYTHONDONTWRITEBYTECODE would compile kotakerja on every run
    and not its dependencies. A private cache directory, warmed once for both
    sides, measures them alike without writing into the source tree.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as cache:
        env["PYTHONPYCACHEPREFIX"] = cache
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def jsonl_per_record(n: int, template: list[Any]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "reg.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i in range(n):
                m = template[i % len(template)]
                f.write(kotakerja.to_json(m).replace(m.id, f"{m.id}-{i}") + "\n")
        t0 = time.perf_counter()
        count = sum(1 for r in iter_jsonl(path) if r.ok)
        elapsed = time.perf_counter() - t0
        assert count == n
        tracemalloc.start()
        for _ in iter_jsonl(path):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return elapsed / n, peak


@dataclass
class Measured:
    """Seconds (or bytes) per library for one measure of one shape: kotakerja, pydantic, msgspec."""

    k: float
    p: float
    m: float


def measure_shape(shape: Shape, n: int, repeat: int) -> dict[str, Measured]:
    objs = shape.make(n)
    cls, pm, ms = shape.kotakerja_type, shape.pydantic_model, shape.msgspec_struct
    texts = [kotakerja.to_json(o).encode() for o in objs]
    assert all(kotakerja.from_json(cls, t) == o for t, o in zip(texts, objs, strict=True))
    p_objs = [pm.model_validate_json(t) for t in texts]
    m_objs = [msgspec.json.decode(t, type=ms) for t in texts]
    k_plans = [plan_kotakerja(o) for o in objs]
    p_plans = [plan_pydantic(o) for o in p_objs]
    m_plans = [plan_msgspec(o) for o in m_objs]
    assert [build(p) for p in k_plans] == objs
    assert [build(p) for p in p_plans] == p_objs
    assert [build(p) for p in m_plans] == m_objs
    return {
        "decode": Measured(
            best_of(lambda: [kotakerja.from_json(cls, t) for t in texts], repeat),
            best_of(lambda: [pm.model_validate_json(t) for t in texts], repeat),
            best_of(lambda: [msgspec.json.decode(t, type=ms) for t in texts], repeat),
        ),
        "encode": Measured(
            best_of(lambda: [kotakerja.to_json(o) for o in objs], repeat),
            best_of(lambda: [o.model_dump_json(exclude_defaults=True) for o in p_objs], repeat),
            best_of(lambda: [msgspec.json.encode(o) for o in m_objs], repeat),
        ),
        "construct": Measured(
            best_of(lambda: [build(p) for p in k_plans], repeat),
            best_of(lambda: [build(p) for p in p_plans], repeat),
            best_of(lambda: [build(p) for p in m_plans], repeat),
        ),
        "memory": Measured(
            size_of(lambda: [kotakerja.from_json(cls, t) for t in texts]),
            size_of(lambda: [pm.model_validate_json(t) for t in texts]),
            size_of(lambda: [msgspec.json.decode(t, type=ms) for t in texts]),
        ),
    }


def total(per_shape: dict[str, dict[str, Measured]], key: str) -> Measured:
    rows = [m[key] for m in per_shape.values()]
    return Measured(sum(r.k for r in rows), sum(r.p for r in rows), sum(r.m for r in rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    n, repeat = (200, 3) if args.quick else (1000, 5)
    per_shape = {shape.name: measure_shape(shape, n, repeat) for shape in SHAPES}
    decode, encode, construct, memory = (
        total(per_shape, k) for k in ("decode", "encode", "construct", "memory")
    )
    k_imp = import_time("import kotakerja", repeat + 4)
    # `import kotakerja` loads the public names on first use; this also times loading them all.
    all_imp = import_time(
        "import kotakerja; [getattr(kotakerja, n) for n in kotakerja.__all__]", repeat + 4
    )
    d_imp = import_time("import attrs, cattrs, pendulum", repeat + 4)
    records = [
        o
        for shape in SHAPES
        if issubclass(shape.kotakerja_type, kotakerja.Record)
        for o in shape.make(200)
    ]
    small, small_peak = jsonl_per_record(1_000, records)
    large, large_peak = jsonl_per_record(100_000 if not args.quick else 10_000, records)

    ratios = {
        "decode_vs_pydantic": decode.k / decode.p,
        "decode_vs_msgspec": decode.k / decode.m,
        "encode_vs_pydantic": encode.k / encode.p,
        "encode_vs_msgspec": encode.k / encode.m,
        "construct_vs_pydantic": construct.k / construct.p,
        "construct_vs_msgspec": construct.k / construct.m,
        "memory_vs_msgspec": memory.k / memory.m,
        "memory_vs_pydantic": memory.k / memory.p,
        "import_vs_deps": k_imp / d_imp,
        "import_all_vs_deps": all_imp / d_imp,
        "jsonl_per_record_100k_vs_1k": large / small,
    }
    print(
        f"kotakerja {kotakerja.__version__}, pydantic {pydantic.VERSION}, msgspec "
        f"{msgspec.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores"
    )
    print(f"{'shape':<9}{'measure':<26}{'kotakerja':>12}{'pydantic':>12}{'msgspec':>12}")
    for name, measures in per_shape.items():
        for key, label, scale in (
            ("decode", "decode+validate, µs/doc", 1e6 / n),
            ("encode", "encode, µs/doc", 1e6 / n),
            ("construct", "construct, µs/doc", 1e6 / n),
            ("memory", "memory, bytes/object", 1.0),
        ):
            r = measures[key]
            print(
                f"{name:<9}{label:<26}{r.k * scale:>12.1f}{r.p * scale:>12.1f}{r.m * scale:>12.1f}"
            )
    print(
        f"import, ms: kotakerja {k_imp * 1e3:.0f}, with every public name {all_imp * 1e3:.0f}, "
        f"attrs+cattrs+pendulum {d_imp * 1e3:.0f}"
    )
    print(
        f"JSONL µs/record: 1k {small * 1e6:.1f}, large {large * 1e6:.1f}; "
        f"peak KiB {small_peak // 1024} vs {large_peak // 1024}"
    )
    for key, value in ratios.items():
        print(f"  {key:<30} {value:6.2f}")
    if args.json:
        shapes = {
            name: {
                **{f"{key}_vs_pydantic": r.k / r.p for key, r in measures.items()},
                **{f"{key}_vs_msgspec": r.k / r.m for key, r in measures.items()},
            }
            for name, measures in per_shape.items()
        }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"ratios": ratios, "shapes": shapes}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
