"""Benchmark kotakerja against equivalent pydantic v2 and msgspec models, in one run.

    pip install -e ".[bench]"
    python bench/run.py                 # full table
    python bench/run.py --quick --json out.json
    python bench/run.py --rules         # the rules each peer model checks, as Markdown

Every ratio is kotakerja's time (or size) divided by the other's: below 1 means
kotakerja wins. Each shape (an MoU with parties, signatures and topics, ...) is
declared once, in one self-contained block that ends with ``SHAPES.append``; a
headline ratio sums the times of all shapes. Documents are serialized exactly as
`kotakerja.to_json` writes them.

From each shape's one declaration (`peers.Model`s: fields, what each holds, the
cross-field rules), bench/peers.py builds four peer models: pydantic models and msgspec
Structs that do the validation kotakerja does on the shape (they parse aware times,
checking the offset against the IANA zone, decimals and enums into typed values, look
codes up in kotakerja's tables and run the same cross-field rules; they write the same
JSON), and declarative-only ones that check what the libraries express without code
(types, lengths, patterns, allowed values), reported as the ``*_declarative`` ratios.
`self_check` holds the equivalent models to kotakerja at start-up, with every document
and with broken documents kotakerja rejects, each naming the rule it breaks.

To add a shape, copy the MoU block: the rule functions, the `Model` declarations, a
deterministic ``make_*`` function returning kotakerja objects, and one
``SHAPES.append(Shape(...))`` with its broken documents.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import functools
import gc
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

import attrs
import msgspec
import pendulum
import pycountry
import pydantic
from peers import (
    REQUIRED,
    RULES,
    F,
    Kind,
    Model,
    Peers,
    checked,
    integer,
    of_enum,
    pattern,
    rule,
    tag,
    text,
)
from peers import peers as peers_of
from pydantic import BeforeValidator, Field, PlainSerializer

import kotakerja
from kotakerja import (
    ActingStatus,
    Consignee,
    Country,
    Delegation,
    DeliveryTerms,
    DocumentKind,
    Exporter,
    ExportShipment,
    FollowUp,
    FollowUpStatus,
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
from kotakerja import ValidationError as KotakerjaError
from kotakerja.register import iter_jsonl

Edit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Shape:
    """One document shape: kotakerja's class, the one declaration of its peer models, its
    objects and its broken documents."""

    name: str
    kotakerja_type: type
    models: tuple[Model, ...]
    """The peer declaration of the shape's classes, the top-level class last."""
    make: Callable[[int], list[Any]]
    """Deterministic kotakerja objects, sized like real records."""
    broken: tuple[tuple[str, str, Edit], ...] = ()
    """Breakages kotakerja rejects: the rule broken (a name in `peers.RULES`), what the
    breakage is, and an edit of a good document's dict."""

    @functools.cached_property
    def peers(self) -> Peers:
        return peers_of(self.models, __name__)

    @property
    def pydantic_model(self) -> type[pydantic.BaseModel]:
        return self.peers.pydantic

    @property
    def msgspec_struct(self) -> type:
        return self.peers.msgspec

    @property
    def pydantic_declarative(self) -> type[pydantic.BaseModel]:
        return self.peers.pydantic_declarative

    @property
    def msgspec_declarative(self) -> type:
        return self.peers.msgspec_declarative


SHAPES: list[Shape] = []


# What the equivalent models share ----------------------------------------------------------
#
# The pydantic models and msgspec Structs built from the declarations below check what
# kotakerja checks on each shape:
# the `meta()` constraints of every field (strings are never empty, lengths, patterns,
# bounds), the allowed values, the look-ups in kotakerja's own tables and the `_check_rules`
# of every class, and they parse aware times, decimals and enums into typed values. The
# tables are read from kotakerja (and pycountry, which it reads) once, here; the validators
# only look things up in plain sets and dicts. pydantic runs a class's cross-field rules in
# one `model_validator(mode="after")`, msgspec in `__post_init__`; both call the same rule
# function, which raises ValueError at the first problem (kotakerja collects them all).
#
# Fields a shape never has (sources, extensions, foreign localities, witnesses, terms, ...)
# are left out, and so are the rules that only they can break: each block names them.

REGION_ZONES: dict[str, str] = {r.code: r.time_zone for r in all_regions()}
"""Kemendagri region code -> IANA zone, as `Region.get` knows them."""
COUNTRIES = frozenset(c.alpha_2 for c in pycountry.countries)
"""ISO 3166-1 alpha-2 codes, as `Country.get` checks them."""
MINOR_UNITS: dict[str, int | None] = {
    c.alpha_3: kotakerja.minor_units(c.alpha_3) for c in pycountry.currencies
}
"""ISO 4217 currencies, as `Money` checks them, with the decimals each allows."""
UNITS = frozenset(kotakerja.UNIT_CODES)
"""UN/ECE Rec 20 units accepted for goods quantities."""
RECORD_TYPES = frozenset(kotakerja.record_types())
"""Record types a `Ref` may name."""
SCHEMA_MAJOR, SCHEMA_MINOR = (int(part) for part in Mou.SCHEMA_VERSION.split("."))

ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
LOCODE = r"^[A-Z]{2}[A-Z2-9]{3}$"
# msgspec searches with Python's re, whose $ also matches before a final newline.
ID_M = ID[:-1] + r"\Z"
LOCODE_M = LOCODE[:-1] + r"\Z"
_VERSION = re.compile(r"([0-9]{1,4})\.([0-9]{1,4})")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def check_version(text: str) -> str:
    """schema_version: ``major.minor``, of the major version kotakerja reads, no newer."""
    m = _VERSION.fullmatch(text)
    if m is None:
        raise ValueError(f"expected a version such as {Mou.SCHEMA_VERSION!r}")
    if int(m.group(1)) != SCHEMA_MAJOR:
        raise ValueError(f"schema version {text} is not {SCHEMA_MAJOR}.x")
    if int(m.group(2)) > SCHEMA_MINOR:
        raise ValueError(f"schema version {text} is newer than {Mou.SCHEMA_VERSION}")
    return text


def check_region(code: str) -> str:
    if code not in REGION_ZONES:
        raise ValueError(f"no region has the code {code!r}")
    return code


def check_country(code: str) -> str:
    if code not in COUNTRIES:
        raise ValueError(f"{code!r} is not an ISO 3166-1 code")
    return code


def check_currency(code: str) -> str:
    if code not in MINOR_UNITS:
        raise ValueError(f"{code!r} is not an ISO 4217 currency")
    return code


def check_record_type(name: str) -> str:
    if name not in RECORD_TYPES:
        raise ValueError(f"unknown record type {name!r}")
    return name


def check_locode(code: str) -> str:
    """A UN/LOCODE (pattern checked by the field) starting with a known country."""
    if code[:2] not in COUNTRIES:
        raise ValueError(f"{code!r} does not start with an ISO 3166-1 country code")
    return code


def check_partial_date(text: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real date; kept as the text.

    Neither library has a partial-date type, so the value stays a string.
    """
    n = len(text)
    if n in (4, 7, 10) and text.isascii() and text[:4].isdigit():
        year = int(text[:4])
        if n == 4:
            if year >= 1:
                return text
        elif text[4] == "-" and text[5:7].isdigit():
            month = int(text[5:7])
            if n == 7:
                if year >= 1 and 1 <= month <= 12:
                    return text
            elif text[7] == "-" and text[8:].isdigit():
                try:
                    dt.date(year, month, int(text[8:]))
                except ValueError:
                    pass
                else:
                    return text
    raise ValueError(f"{text!r} is not a real date YYYY, YYYY-MM or YYYY-MM-DD")


def partial_span(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day a checked partial date covers."""
    year = int(text[:4])
    month = int(text[5:7]) if len(text) > 4 else None
    day = int(text[8:]) if len(text) > 7 else None
    last_month = month or 12
    return (
        dt.date(year, month or 1, day or 1),
        dt.date(year, last_month, day or calendar.monthrange(year, last_month)[1]),
    )


def parse_hs_code(value: object) -> str:
    """An 8-digit BTKI code, read with or without dots and spaces, kept as digits."""
    if type(value) is str:
        digits = value.replace(".", "").replace(" ", "")
        if len(digits) == 8 and digits.isdigit() and digits.isascii():
            return digits
    raise ValueError(f"{value!r} is not an 8-digit BTKI 2022 code such as 0901.21.10")


def decimal_text(value: object) -> str:
    """A decimal written as a plain JSON string (no exponent, at most 100 characters)."""
    if type(value) is not str:
        raise ValueError(f'expected a decimal string such as "12.50", got {type(value).__name__}')
    if len(value) > 100 or not _DECIMAL.fullmatch(value):
        raise ValueError(f"{value[:40]!r} is not a plain decimal number")
    return value


def parse_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):  # built in Python (pydantic checks it is finite)
        return value
    return Decimal(decimal_text(value))


def format_decimal(value: Decimal) -> str:
    text = format(value, "f")
    return "0" if text == "-0" else text


@functools.cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def parse_zoned(value: object) -> dt.datetime:
    """An aware ISO 8601 time, its IANA zone in brackets when it has one.

    ``2016-01-04T09:00:00+07:00[Asia/Jakarta]`` is that time in the zone, whose offset
    at that local time must be the one written; without a zone the time keeps its fixed
    offset; without an offset it is rejected.
    """
    if isinstance(value, dt.datetime):  # built in Python
        if value.tzinfo is None:
            raise ValueError(f"{value} has no time zone")
        return value
    if type(value) is not str:
        raise ValueError("expected an ISO 8601 date-time string")
    base, name = value, None
    if value.endswith("]"):
        at = value.find("[")
        if at < 0:
            raise ValueError(f"{value[:60]!r} has an unbalanced ']'")
        base, name = value[:at], value[at + 1 : -1]
    if len(base) > 40 or "T" not in base:
        raise ValueError(f"{value[:60]!r} is not an ISO 8601 date-time")
    t = dt.datetime.fromisoformat(base.replace("Z", "+00:00"))
    if t.tzinfo is None:
        raise ValueError(f"{value[:60]!r} has no UTC offset")
    if name is None:
        return t
    try:
        zone = _zone(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"{name!r} is not an IANA time zone") from None
    local = t.astimezone(zone)
    if local.utcoffset() != t.utcoffset():
        raise ValueError(f"{value[:60]!r}: the offset is not {name}'s at that time")
    return local


def format_zoned(value: dt.datetime) -> str:
    tz = value.tzinfo
    if type(tz) is zoneinfo.ZoneInfo:
        return f"{value.isoformat()}[{tz.key}]"
    return value.isoformat()


def zone_name(value: dt.datetime) -> str | None:
    """The IANA zone of a time, None for a fixed offset."""
    tz = value.tzinfo
    return tz.key if type(tz) is zoneinfo.ZoneInfo else None


def check_money(amount: Decimal, currency: str) -> None:
    """No more decimals than the currency's ISO 4217 minor units (trailing zeros aside)."""
    units = MINOR_UNITS[currency]
    exponent = amount.as_tuple().exponent
    if units is None or not isinstance(exponent, int) or -exponent <= units:
        return
    needed = amount.normalize().as_tuple().exponent
    if isinstance(needed, int) and -needed > units:
        raise ValueError(f"amount {amount} has more decimals than {currency} allows ({units})")


# pydantic: aware times, decimals and HS codes read and written by validators and
# serializers; codes, partial dates and versions are strings checked by an AfterValidator
# (see `checked` in peers.py).

HsCodeText = Annotated[str, BeforeValidator(parse_hs_code)]
Dec = Annotated[
    Decimal, BeforeValidator(parse_decimal), PlainSerializer(format_decimal, return_type=str)
]
Zoned = Annotated[
    dt.datetime, BeforeValidator(parse_zoned), PlainSerializer(format_zoned, return_type=str)
]


# msgspec: aware times and decimals are subclasses of datetime and Decimal, read and
# written by the hooks; a field whose kotakerja default is written (an enum, a role list)
# defaults to UNSET and is filled in `__post_init__`, so `omit_defaults` never drops it.


class ZonedTime(dt.datetime):
    """An aware time in a msgspec Struct, written with its IANA zone."""

    __slots__ = ()


class Amount(Decimal):
    """A decimal in a msgspec Struct, read from and written as a plain string."""

    __slots__ = ()


def dec_hook(tp: type, value: Any) -> Any:
    if tp is ZonedTime:
        t = parse_zoned(value)
        return ZonedTime(
            t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond, t.tzinfo, fold=t.fold
        )
    if tp is Amount:
        return Amount(decimal_text(value))
    raise NotImplementedError(tp)


def enc_hook(value: Any) -> Any:
    if type(value) is ZonedTime:
        return format_zoned(value)
    if type(value) is Amount:
        return format_decimal(value)
    raise NotImplementedError(type(value))


ENCODER = msgspec.json.Encoder(enc_hook=enc_hook)


# What fields hold, shared by the shapes ------------------------------------------------------
#
# Each kind says how the four peer models read a value (peers.py): the declarative-only
# models check only the form of codes, dates, decimals and aware times (a pattern), the
# equivalent ones look them up or parse them as kotakerja does.

# Forms of the declarative-only models.
CODE_FORM = r"^[0-9]{2}(\.[0-9]{2})?$"
DATE_FORM = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
DECIMAL_FORM = r"^-?[0-9]+(\.[0-9]+)?$"
HS_FORM = r"^([0-9]{2}){2,5}$"
UNIT_FORM = r"^[A-Z0-9]{1,3}$"
# Aware times are written as RFC 9557 text with the zone name ("...+07:00[Asia/Jakarta]"),
# which neither pydantic nor msgspec parses: the declarative models check its form.
ZONED_FORM = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?[+-][0-9]{2}:[0-9]{2}"
    r"\[[A-Za-z0-9_/+-]+\]$"
)


def check_unit(code: str) -> str:
    if code not in UNITS:
        raise ValueError(f"{code!r} is not a UN/ECE Rec 20 unit")
    return code


VERSION = checked(
    None,
    check_version,
    rule("version", "a schema version kotakerja reads: its major version, no newer minor"),
)
REGION = checked(
    CODE_FORM, check_region, rule("region", "region codes looked up in the Kemendagri table")
)
COUNTRY = checked(
    r"^[A-Z]{2}$", check_country, rule("country", "ISO 3166-1 country codes looked up")
)
CURRENCY = checked(r"^[A-Z]{3}$", check_currency, rule("currency", "ISO 4217 currencies looked up"))
RECORD_TYPE = checked(
    None, check_record_type, rule("record type", "reference types among the record types")
)
LOCODE_CODE = checked(
    LOCODE,
    check_locode,
    rule("locode", "UN/LOCODEs starting with a known country code"),
    also_pattern=True,
)
UNIT = checked(UNIT_FORM, check_unit, rule("unit", "UN/ECE Rec 20 units looked up"))
DATE = checked(
    DATE_FORM,
    check_partial_date,
    rule("date", "partial dates (YYYY, YYYY-MM, YYYY-MM-DD) that are real dates"),
)
HS = checked(
    HS_FORM,
    parse_hs_code,
    rule("hs code", "HS codes of 8 digits, dots and spaces allowed, kept as digits"),
    pydantic_type=HsCodeText,
    converts=True,
)
DECIMAL = Kind(
    Annotated[str, Field(pattern=DECIMAL_FORM)],
    Annotated[str, msgspec.Meta(pattern=DECIMAL_FORM[:-1] + r"\Z")],
    Dec,
    Amount,
    rules=(
        rule(
            "decimal",
            "decimals as written: a plain string (no exponent, not a JSON number), read as "
            "a Decimal and written back unchanged",
        ),
    ),
    form=("types", "patterns"),
)
ZONED = Kind(
    Annotated[str, Field(pattern=ZONED_FORM)],
    Annotated[str, msgspec.Meta(pattern=ZONED_FORM[:-1] + r"\Z")],
    Zoned,
    ZonedTime,
    rules=(
        rule(
            "zone",
            "aware times: an offset required, the IANA zone in brackets, the offset the "
            "zone's at that local time (zones vs offsets)",
        ),
    ),
    form=("types", "patterns"),
)
ID_CODE = pattern(ID)
TOPIC = text(1)


# Broken documents: a good document's dict with one edit, which kotakerja rejects and so must
# the equivalent models (checked at start-up by `self_check`).

DELETE = object()


def edit(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set (or, given DELETE, remove) the value at a dotted path such as ``legs.0.mode``."""

    def apply(doc: dict[str, Any]) -> None:
        *parents, last = (int(k) if k.isdigit() else k for k in path.split("."))
        node: Any = doc
        for key in parents:
            node = node[key]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value

    return apply


def shift(path: str, old: str, new: str) -> Callable[[dict[str, Any]], None]:
    """An edit replacing `old` with `new` in the time at `path`."""

    def apply(doc: dict[str, Any]) -> None:
        node: Any = doc
        *parents, last = (int(k) if k.isdigit() else k for k in path.split("."))
        for key in parents:
            node = node[key]
        assert old in node[last]
        node[last] = node[last].replace(old, new)

    return apply


def edits(*steps: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    """Several edits as one."""

    def apply(doc: dict[str, Any]) -> None:
        for step in steps:
            step(doc)

    return apply


# Shape: MoU -------------------------------------------------------------------------------
#
# Left out, never in this shape: Document's ksdd_kind, ksdpl_kind, subject, objectives,
# languages, witnesses, term, approvals, stages, amendments, termination (and their rules:
# scheme kinds, language codes, stage and amendment order); Party.locality (so the KSDPL
# equal-standing rule); Organization's abbreviation, country, nib, npwp and members (so
# its foreign-region, NPWP and members rules; without a country no organisation is
# foreign, as for kotakerja); Signature's place, venue, delegation_letter, witnesses and
# source; Position's organization and period; Person.honorifics.


def org_rules(o: Any) -> None:
    if o.kind is OrganizationKind.REGIONAL_GOVERNMENT and o.region is None:
        raise ValueError("a regional government needs its region")


def party_rules(p: Any) -> None:
    if (p.region is None) == (p.organization is None):
        raise ValueError("a party is exactly one of region, locality or organization")


def _indonesian_government(p: Any) -> bool:
    org = p.organization
    return p.region is not None or (
        org is not None and org.kind is OrganizationKind.REGIONAL_GOVERNMENT
    )


def _foreign_government(p: Any) -> bool:
    org = p.organization
    return org is not None and org.kind is OrganizationKind.FOREIGN_GOVERNMENT


def mou_rules(m: Any) -> None:
    n = len(m.parties)
    for i, s in enumerate(m.signatures):
        if s.party >= n:
            raise ValueError(f"signature of party {s.party}; there are {n} parties")
        if s in m.signatures[:i]:
            raise ValueError("the same signature is listed twice")
    scheme = m.scheme
    if scheme is Scheme.BUSINESS or scheme is Scheme.OTHER:
        return
    indo = [p for p in m.parties if _indonesian_government(p)]
    foreign = [p for p in m.parties if _foreign_government(p)]
    others = [p for p in m.parties if p not in indo and p not in foreign]
    if not indo:
        raise ValueError(f"a {scheme.value.upper()} needs an Indonesian regional government")
    if scheme is Scheme.KSDD and (foreign or others or len(indo) < 2):
        raise ValueError("a KSDD is between Indonesian regional governments only")
    if scheme is Scheme.KSDPK and (foreign or not others):
        raise ValueError("a KSDPK joins a regional government and a third party in Indonesia")
    if scheme is Scheme.KSDPL and not foreign:
        raise ValueError("a KSDPL needs a foreign regional government as a party")
    if scheme is Scheme.KSDLL:  # needs a foreign institution: an organisation's country
        raise ValueError("a KSDLL needs a foreign non-government institution as a party")


ORG = Model(
    "Organization",
    (
        F("name", text(1, 300), REQUIRED),
        F("kind", of_enum(OrganizationKind), REQUIRED),
        F("region", REGION),
    ),
    org_rules,
    (rule("government region", "a regional government organisation names its region"),),
)
PARTY = Model(
    "Party",
    (F("region", REGION), F("organization", "Organization"), F("document_number", text(1, 200))),
    party_rules,
    (rule("party identity", "a party is exactly one of a region or an organisation"),),
)
PERSON = Model("Person", (F("name", text(1, 200), REQUIRED),))
POSITION = Model(
    "Position",
    (
        F("title", text(1, 300), REQUIRED),
        F("role", of_enum(RoleClass), REQUIRED),
        F("acting", of_enum(ActingStatus), ActingStatus.DEFINITIVE),
    ),
)
MOU_MODELS = (
    ORG,
    PARTY,
    PERSON,
    POSITION,
    Model(
        "Signature",
        (
            F("party", integer(0), REQUIRED),
            F("signatory", "Person"),
            F("position", "Position"),
            F("date", DATE),
            F("method", of_enum(SigningMethod), SigningMethod.IN_PERSON),
        ),
    ),
    Model(
        "Mou",
        (
            F("type", tag("mou"), REQUIRED),
            F("schema_version", VERSION, REQUIRED),
            F("id", ID_CODE, REQUIRED),
            F("title", text(1, 1000), REQUIRED),
            F("scheme", of_enum(Scheme), REQUIRED),
            F("topics", TOPIC, many=True),
            F("parties", "Party", REQUIRED, many=True, min_items=2),
            F("signatures", "Signature", many=True),
            F("kind", of_enum(DocumentKind), DocumentKind.KESEPAKATAN_BERSAMA),
        ),
        mou_rules,
        (
            rule("signature party", "signatures point to existing parties"),
            rule("signature once", "no signature listed twice"),
            rule(
                "scheme parties",
                "the parties the scheme needs (KSDD, KSDPK, KSDPL, KSDLL; business and other "
                "schemes free)",
            ),
        ),
    ),
)


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


SHAPES.append(
    Shape(
        "mou",
        Mou,
        MOU_MODELS,
        make_mous,
        broken=(
            ("version", "newer schema version", edit("schema_version", "2.0")),
            ("patterns", "id ending in a newline", edit("id", "mou-bench-0\n")),
            ("lengths", "empty title", edit("title", "")),
            ("region", "unknown region code", edit("parties.0.organization.region", "99.99")),
            ("party identity", "party with two identities", edit("parties.0.region", "11.01")),
            (
                "government region",
                "regional government without its region",
                edit("parties.0.organization", {"name": "Pemkab", "kind": "regional_government"}),
            ),
            ("signature party", "signature party out of range", edit("signatures.1.party", 2)),
            (
                "signature once",
                "signature listed twice",
                lambda doc: doc["signatures"].append(doc["signatures"][0]),
            ),
            ("date", "not a real date", edit("signatures.0.date", "2015-02-29")),
            ("values", "unknown enum value", edit("signatures.0.method", "fax")),
            ("scheme parties", "KSDD between chambers", edit("scheme", "ksdd")),
            ("keys", "unknown key", edit("signatures.0.seal", True)),
            ("keys", "missing title", edit("title", DELETE)),
            ("types", "party index as a string", edit("signatures.0.party", "0")),
            ("bounds", "negative party index", edit("signatures.0.party", -1)),
            ("lengths", "one party", lambda doc: doc["parties"].pop()),
        ),
    )
)


# Shape: meeting ---------------------------------------------------------------------------
#
# Left out, never in this shape: Meeting's event, attendance, ceremonial_acts, referenced
# and released (their reference-type and index rules); venues abroad (a ForeignLocality
# place); Venue's address and coordinates; Participant.other_positions; Outcome's event
# and event_dates; FollowUp's closed_by, closed_on and note (the closed-by-self,
# closed-before-raised and closed-while-open rules). Kept though the bench documents leave
# them empty: Meeting.dates and Delegation.size, with their rules.

MEETING_SIGNED_TYPES = frozenset({"mou", "agreement"})
FOLLOW_UP_TARGETS = frozenset(
    {"mou", "agreement", "export_shipment", "export_release", "meeting", "event"}
)


def period_rules(p: Any) -> None:
    if p.end is not None and partial_span(p.end)[1] < partial_span(p.start)[0]:
        raise ValueError(f"end {p.end} is before start {p.start}")


def participant_rules(x: Any) -> None:
    if x.person is None and x.position is None:
        raise ValueError("a participant needs a person or a position")
    if len(set(x.roles)) != len(x.roles):
        raise ValueError("a role is listed twice")


def delegation_rules(d: Any) -> None:
    if d.size is not None and d.size < len(d.participants):
        raise ValueError(f"size {d.size} is smaller than the named participants")
    heads = sum(ParticipantRole.HEAD_OF_DELEGATION in x.roles for x in d.participants)
    if heads > 1:
        raise ValueError("a delegation has one head")


def outcome_rules(o: Any) -> None:
    if o.kind is OutcomeKind.INVITATION and not o.event_title:
        raise ValueError("an invitation names its event")


def follow_up_rules(f: Any) -> None:
    for ref in f.concerns:
        if ref.type not in FOLLOW_UP_TARGETS:
            raise ValueError(f"a follow-up cannot concern a {ref.type}")


def meeting_rules(m: Any) -> None:
    start, end = m.start, m.end
    if end is not None and start is None:
        raise ValueError("an end time needs a start time")
    if start is not None and m.dates is not None:
        raise ValueError("give aware start/end times or date-only dates, not both")
    if m.dates is not None and m.dates.end is None:
        raise ValueError("a meeting's dates need an end")
    if start is not None:
        zone = zone_name(start)
        if zone is None:
            raise ValueError("start has a fixed offset; give the venue's IANA zone")
        if m.venue is not None and zone != REGION_ZONES[m.venue.place]:
            raise ValueError(f"start is in {zone}, the venue in {REGION_ZONES[m.venue.place]}")
        if end is not None:
            if zone_name(end) is None:
                raise ValueError("end has a fixed offset; give the venue's IANA zone")
            if zone_name(end) != zone:
                raise ValueError("start and end are in different zones")
            if end < start:
                raise ValueError("end is before start")
    for i, ref in enumerate(m.signed):
        if ref.type not in MEETING_SIGNED_TYPES:
            raise ValueError(f"signed[{i}] must point to a mou or agreement")
        if ref in m.signed[:i]:
            raise ValueError(f"signed[{i}] is listed twice")
    n = len(m.delegations)
    for o in m.outcomes:
        for v in (*o.by, *o.to):
            if v >= n:
                raise ValueError(f"delegation {v} does not exist; there are {n}")


REF = Model("Ref", (F("type", RECORD_TYPE, REQUIRED), F("id", ID_CODE, REQUIRED)))
MEETING_MODELS = (
    ORG,
    PARTY,
    PERSON,
    POSITION,
    REF,
    Model(
        "Period",
        (F("start", DATE, REQUIRED), F("end", DATE)),
        period_rules,
        (rule("period order", "a period does not end before it starts"),),
    ),
    Model("Venue", (F("name", text(1, 300)), F("place", REGION, REQUIRED))),
    Model(
        "Participant",
        (
            F("person", "Person"),
            F("position", "Position"),
            F(
                "roles",
                of_enum(ParticipantRole),
                (ParticipantRole.ATTENDEE,),
                many=True,
                min_items=1,
            ),
        ),
        participant_rules,
        (
            rule("participant", "a participant has a person or a position"),
            rule("roles once", "no role listed twice"),
        ),
    ),
    Model(
        "Delegation",
        (
            F("side", "Party", REQUIRED),
            F("participants", "Participant", many=True),
            F("size", integer(1)),
        ),
        delegation_rules,
        (
            rule("delegation size", "a delegation's size is not below its named participants"),
            rule("one head", "one head per delegation"),
        ),
    ),
    Model(
        "Outcome",
        (
            F("kind", of_enum(OutcomeKind), REQUIRED),
            F("text", text(1, 2000), REQUIRED),
            F("by", integer(0), many=True),
            F("to", integer(0), many=True),
            F("event_title", text(1, 500)),
            F("topics", TOPIC, many=True),
        ),
        outcome_rules,
        (rule("invitation", "an invitation names its event"),),
    ),
    Model(
        "FollowUp",
        (
            F("action", text(1, 2000), REQUIRED),
            F("owner", "Party"),
            F("due", DATE),
            F("status", of_enum(FollowUpStatus), FollowUpStatus.OPEN),
            F("concerns", "Ref", many=True),
        ),
        follow_up_rules,
        (rule("follow-up target", "a follow-up concerns only the record types kotakerja allows"),),
    ),
    Model(
        "Meeting",
        (
            F("type", tag("meeting"), REQUIRED),
            F("schema_version", VERSION, REQUIRED),
            F("id", ID_CODE, REQUIRED),
            F("title", text(1, 1000), REQUIRED),
            F("kind", of_enum(MeetingKind), REQUIRED),
            F("status", of_enum(ScheduleStatus)),
            F("start", ZONED),
            F("end", ZONED),
            F("dates", "Period"),
            F("venue", "Venue"),
            F("delegations", "Delegation", many=True),
            F("topics", TOPIC, many=True),
            F("outcomes", "Outcome", many=True),
            F("follow_ups", "FollowUp", many=True),
            F("signed", "Ref", many=True),
            F("summary", text(1, 5000)),
        ),
        meeting_rules,
        (
            rule("meeting times", "no end without a start; end not before start"),
            rule(
                "meeting zone",
                "start and end in one named IANA zone (no fixed offset), the venue region's",
            ),
            rule("times or dates", "aware times or date-only dates, not both; dates with an end"),
            rule("signed", "signed records are MoUs or agreements, each listed once"),
            rule("outcome sides", "outcome sides point to existing delegations"),
        ),
    ),
)


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


SHAPES.append(
    Shape(
        "meeting",
        Meeting,
        MEETING_MODELS,
        make_meetings,
        broken=(
            ("zone", "offset not the zone's", shift("start", "+07:00[", "+08:00[")),
            ("zone", "unknown zone", shift("start", "Asia/Jakarta", "Asia/Atlantis")),
            ("meeting zone", "fixed offset", shift("start", "[Asia/Jakarta]", "")),
            ("zone", "no offset", shift("start", "+07:00[Asia/Jakarta]", "")),
            (
                "meeting zone",
                "zone not the venue's",
                shift("start", "+07:00[Asia/Jakarta]", "+07:00[Asia/Bangkok]"),
            ),
            ("meeting times", "end before start", shift("end", "T11:30", "T08:30")),
            ("meeting times", "end without start", edit("start", DELETE)),
            ("region", "unknown venue region", edit("venue.place", "11.99")),
            ("outcome sides", "outcome by a missing delegation", edit("outcomes.0.by", [0, 2])),
            ("bounds", "negative delegation index", edit("outcomes.0.to", [-1])),
            ("invitation", "invitation without event", edit("outcomes.1.event_title", DELETE)),
            (
                "one head",
                "two heads",
                edit("delegations.0.participants.1.roles", ["head_of_delegation"]),
            ),
            (
                "roles once",
                "role twice",
                edit("delegations.0.participants.1.roles", ["member", "member"]),
            ),
            ("lengths", "no roles", edit("delegations.0.participants.1.roles", [])),
            (
                "participant",
                "participant without person or position",
                edit("delegations.0.participants.1", {}),
            ),
            ("delegation size", "delegation smaller than named", edit("delegations.0.size", 3)),
            ("signed", "signed points to a meeting", edit("signed.0.type", "meeting")),
            ("signed", "signed twice", edit("signed", [{"type": "mou", "id": "a"}] * 2)),
            ("record type", "unknown record type", edit("follow_ups.0.concerns.0.type", "treaty")),
            ("date", "due month 13", edit("follow_ups.0.due", "2016-13")),
            (
                "times or dates",
                "dates and times",
                edit("dates", {"start": "2015-01-01", "end": "2015-01-01"}),
            ),
            (
                "period order",
                "period ending before it starts",
                edits(
                    edit("start", DELETE),
                    edit("end", DELETE),
                    edit("dates", {"start": "2015-02", "end": "2015-01-31"}),
                ),
            ),
            ("patterns", "reference id with a space", edit("signed.0.id", "mou bench")),
            ("keys", "unknown key", edit("venue.floor", 3)),
            ("keys", "missing kind", edit("kind", DELETE)),
            ("types", "size as a string", edit("delegations.0.size", "8")),
            ("values", "unknown meeting kind", edit("kind", "party")),
            ("version", "older major version", edit("schema_version", "0.9")),
            ("party identity", "delegation side with no identity", edit("delegations.0.side", {})),
        ),
    )
)


# Shape: export shipment -------------------------------------------------------------------
#
# Left out, never in this shape: ExportShipment's packages, origin, program, facilitator,
# logistics_provider, release and links (so the origin-proof rule against the trade-
# agreement table, and the reference-type rules); Exporter's capital and annual_sales (the
# UMKM class limits); Consignee's address and diaspora; TransportLeg's actual times (their
# order rule); StatusEvent's region, source, note and supersedes (the correction rules).
# Kept though the bench documents leave it empty: StatusEvent.date, for its one-of rule.

SEA_ONLY = frozenset(t for t in Incoterm if t.sea_only)
WATER = frozenset({TransportMode.SEA, TransportMode.INLAND_WATERWAY})
AIR_OR_MAIL = frozenset({TransportMode.AIR, TransportMode.MAIL})


def exporter_rules(e: Any) -> None:
    if e.organization.kind not in (OrganizationKind.UMKM, OrganizationKind.COMPANY):
        raise ValueError("an exporter is an umkm or a company")


def consignee_rules(c: Any) -> None:
    if c.country == "ID":
        raise ValueError("an export goes to a buyer abroad")


def goods_rules(g: Any) -> None:
    if (g.quantity is None) != (g.unit is None):
        raise ValueError("give a quantity together with its unit")
    if g.quantity is not None and g.quantity <= 0:
        raise ValueError("a quantity is more than 0")
    if g.value is not None and g.value.amount < 0:
        raise ValueError("a value cannot be negative")


def leg_rules(leg: Any) -> None:
    dep, arr = leg.planned_departure, leg.planned_arrival
    if dep is not None and arr is not None and arr < dep:
        raise ValueError("planned arrival is before departure")


def event_rules(ev: Any) -> None:
    if (ev.time is None) == (ev.date is None):
        raise ValueError("an event has either an aware time or a date")


def shipment_rules(s: Any) -> None:
    net, gross = s.net_weight_kg, s.gross_weight_kg
    if net is not None and net < 0:
        raise ValueError("net weight is at least 0")
    if gross is not None and gross <= 0:
        raise ValueError("gross weight is more than 0")
    if net is not None and gross is not None and net > gross:
        raise ValueError(f"net weight {net} kg is above gross weight {gross} kg")
    total = s.invoice_total
    if total is not None:
        if total.amount < 0:
            raise ValueError("a total cannot be negative")
        if s.goods:
            summed = Decimal(0)
            for g in s.goods:
                if g.value is None:
                    raise ValueError("with an invoice total, every line needs its value")
                if g.value.currency != total.currency:
                    raise ValueError("a line value is not in the invoice currency")
                summed += g.value.amount
            if summed != total.amount:
                raise ValueError(f"line values add up to {summed}, not {total.amount}")
    legs = s.legs
    if not legs:
        return
    if s.delivery is not None and s.delivery.incoterm in SEA_ONLY:
        modes = {leg.mode for leg in legs}
        if modes & AIR_OR_MAIL or not modes & WATER:
            raise ValueError(f"{s.delivery.incoterm.value} is for sea and waterway transport")
    if not legs[0].departure_place.startswith("ID"):
        raise ValueError("an export loads first in Indonesia")
    if legs[-1].arrival_place[:2] != s.consignee.country:
        raise ValueError("the last leg ends outside the consignee's country")


MONEY = Model(
    "Money",
    (F("amount", DECIMAL, REQUIRED), F("currency", CURRENCY, REQUIRED)),
    lambda m: check_money(m.amount, m.currency),
    (rule("money decimals", "no more decimals than the currency's minor units"),),
)
SHIPMENT_MODELS = (
    ORG,
    MONEY,
    Model(
        "GoodsLine",
        (
            F("description", text(1, 1000), REQUIRED),
            F("hs_code", HS),
            F("quantity", DECIMAL),
            F("unit", UNIT),
            F("value", "Money"),
        ),
        goods_rules,
        (
            rule("quantity", "a quantity above zero, given with its unit"),
            rule("line value", "a line value not negative"),
        ),
    ),
    Model(
        "Consignee",
        (F("name", text(1, 300)), F("country", COUNTRY, REQUIRED)),
        consignee_rules,
        (rule("abroad", "the consignee is abroad (not Indonesia)"),),
    ),
    Model(
        "Exporter",
        (F("organization", "Organization", REQUIRED),),
        exporter_rules,
        (rule("exporter", "the exporter is an UMKM or a company"),),
    ),
    Model(
        "DeliveryTerms",
        (F("incoterm", of_enum(Incoterm), REQUIRED), F("named_place", text(1, 300), REQUIRED)),
    ),
    Model(
        "TransportLeg",
        (
            F("mode", of_enum(TransportMode), REQUIRED),
            F("departure_place", LOCODE_CODE, REQUIRED),
            F("arrival_place", LOCODE_CODE, REQUIRED),
            F("carrier", text(1, 300)),
            F("voyage", text(1, 100)),
            F("planned_departure", ZONED),
            F("planned_arrival", ZONED),
        ),
        leg_rules,
        (rule("leg order", "a leg does not arrive before it departs"),),
    ),
    Model(
        "TradeDocument",
        (
            F("kind", of_enum(TradeDocumentKind), REQUIRED),
            F("number", text(1, 100)),
            F("date", DATE),
        ),
    ),
    Model(
        "StatusEvent",
        (
            F("status", of_enum(ShipmentStatus), REQUIRED),
            F("time", ZONED),
            F("date", DATE),
            F("place", text(1, 300)),
        ),
        event_rules,
        (rule("time or date", "a status event has an aware time or a date, not both"),),
    ),
    Model(
        "ExportShipment",
        (
            F("type", tag("export_shipment"), REQUIRED),
            F("schema_version", VERSION, REQUIRED),
            F("id", ID_CODE, REQUIRED),
            F("title", text(1, 1000)),
            F("exporter", "Exporter"),
            F("consignee", "Consignee", REQUIRED),
            F("goods", "GoodsLine", many=True),
            F("net_weight_kg", DECIMAL),
            F("gross_weight_kg", DECIMAL),
            F("invoice_total", "Money"),
            F("delivery", "DeliveryTerms"),
            F("legs", "TransportLeg", many=True),
            F("documents", "TradeDocument", many=True),
            F("events", "StatusEvent", many=True),
        ),
        shipment_rules,
        (
            rule("weights", "net weight at least zero and not above gross, gross above zero"),
            rule(
                "invoice total",
                "a total not negative; line values in its currency, adding up to it",
            ),
            rule("incoterm", "FAS, FOB, CFR and CIF only with water transport, no air or mail"),
            rule("route", "the first leg loads in Indonesia, the last ends in the buyer's country"),
        ),
    ),
)


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


SHAPES.append(
    Shape(
        "shipment",
        ExportShipment,
        SHIPMENT_MODELS,
        make_shipments,
        broken=(
            ("weights", "net above gross", edit("net_weight_kg", "500")),
            ("decimal", "decimal with exponent", edit("net_weight_kg", "1e2")),
            ("decimal", "decimal as a number", edit("gross_weight_kg", 120)),
            ("invoice total", "lines do not add up", edit("invoice_total.amount", "9001")),
            ("invoice total", "line in another currency", edit("goods.0.value.currency", "USD")),
            ("invoice total", "line without value", edit("goods.0.value", DELETE)),
            ("invoice total", "negative total", edit("invoice_total.amount", "-9000")),
            ("currency", "unknown currency", edit("invoice_total.currency", "XYZ")),
            (
                "money decimals",
                "too many decimals for the currency",
                edits(
                    edit("goods.0.value.amount", "1500.5"),
                    edit("invoice_total.amount", "9000.5"),
                ),
            ),
            ("unit", "unknown unit", edit("goods.0.unit", "PCS")),
            ("quantity", "quantity without unit", edit("goods.0.unit", DELETE)),
            ("quantity", "zero quantity", edit("goods.0.quantity", "0")),
            ("hs code", "invalid HS code", edit("goods.0.hs_code", "0901212")),
            ("country", "unknown country", edit("consignee.country", "XX")),
            ("abroad", "domestic consignee", edit("consignee.country", "ID")),
            ("exporter", "exporter not a business", edit("exporter.organization.kind", "bank")),
            ("locode", "LOCODE of no country", edit("legs.0.arrival_place", "XXCGK")),
            ("patterns", "LOCODE ending in a newline", edit("legs.0.arrival_place", "IDCGK\n")),
            ("route", "first leg abroad", edit("legs.0.departure_place", "SGSIN")),
            ("route", "last leg elsewhere", edit("legs.1.arrival_place", "SGSIN")),
            ("incoterm", "sea-only incoterm by air", edit("delivery.incoterm", "FOB")),
            (
                "leg order",
                "arrival before departure",
                shift("legs.0.planned_arrival", "T23:", "T08:"),
            ),
            ("zone", "offset not the zone's", shift("events.0.time", "+07:00[", "+09:00[")),
            ("zone", "naive time", shift("events.0.time", "+07:00[Asia/Jakarta]", "")),
            ("time or date", "event with time and date", edit("events.0.date", "2016-01-01")),
            ("date", "month without year digits", edit("documents.0.date", "16-01")),
            ("values", "unknown transport mode", edit("legs.0.mode", "0")),
            ("lengths", "carrier too long", edit("legs.0.carrier", "x" * 301)),
            ("keys", "missing consignee", edit("consignee", DELETE)),
            ("types", "events as an object", edit("events", {})),
            ("version", "schema version not a version", edit("schema_version", "one")),
            (
                "line value",
                "negative line value",
                edits(
                    edit("goods.0.value.amount", "-1500"),
                    edit("invoice_total.amount", "6000"),
                ),
            ),
            (
                "government region",
                "exporter a regional government without its region",
                edit("exporter.organization", {"name": "Pemkab", "kind": "regional_government"}),
            ),
        ),
    )
)


# Construction from Python values ----------------------------------------------------------
#
# Each library builds the same objects bottom-up, every object with keyword arguments: the
# objects of a shape are taken apart once into (class, arguments) plans, and `build` runs
# a plan. pydantic validates as it constructs; msgspec checks types and constraints only
# when decoding, so its Structs run just their `__post_init__` rules; kotakerja checks every
# field and rule. Values that are looked up rather than built
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


CHUNK = 10
"""Items timed together: a run this short is seldom interrupted on a shared machine."""


def best_of(fn: Callable[[Any], Any], items: list[Any], repeat: int) -> float:
    """Seconds for ``fn`` over every item, the results kept until the pass ends.

    The items are timed `CHUNK` at a time and each chunk's best of `repeat` passes
    counts, as does the best time of freeing a pass's results: a pause of the machine
    spoils one chunk of one pass, not the measure. Results are kept to the end of a pass,
    as a program reading many documents keeps them, so the collector of garbage works
    on a growing heap as it does then.
    """
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    best = [math.inf] * (len(chunks) + 1)
    clock = time.perf_counter
    for _ in range(repeat):
        gc.collect()
        kept: list[Any] = []
        keep = kept.append
        for k, chunk in enumerate(chunks):
            t0 = clock()
            for item in chunk:
                keep(fn(item))
            took = clock() - t0
            if took < best[k]:
                best[k] = took
        t0 = clock()
        del kept[:]
        took = clock() - t0
        if took < best[-1]:
            best[-1] = took
    return sum(best)


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


def jsonl_per_record(n: int, template: list[Any], repeat: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "reg.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i in range(n):
                m = template[i % len(template)]
                f.write(kotakerja.to_json(m).replace(m.id, f"{m.id}-{i}") + "\n")
        # Every size is read the same number of times and its best pass kept, so the
        # sizes are measured alike and one hiccup of a shared machine decides nothing.
        elapsed = math.inf
        for _ in range(repeat):
            t0 = time.perf_counter()
            count = sum(1 for r in iter_jsonl(path) if r.ok)
            elapsed = min(elapsed, time.perf_counter() - t0)
            assert count == n
        tracemalloc.start()
        for _ in iter_jsonl(path):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return elapsed / n, peak


def examples_vs_untyped(repeat: int) -> dict[str, float]:
    """The bundled examples read and written by kotakerja, over msgspec untyped on the same bytes.

    msgspec's untyped JSON decode (to dicts and lists) and encode (of those) is the
    floor any validating library works above.
    """
    objs = list(kotakerja.examples())
    texts = [kotakerja.to_json(o).encode() for o in objs]
    plain = [msgspec.json.decode(t) for t in texts]
    decode = msgspec.json.decode
    encode = msgspec.json.encode
    times = 50
    record = kotakerja.Record
    k_dec = best_of(lambda t: kotakerja.from_json(record, t), texts * times, repeat)
    m_dec = best_of(decode, texts * times, repeat)
    k_enc = best_of(kotakerja.to_json, objs * times, repeat)
    m_enc = best_of(encode, plain * times, repeat)
    return {
        "examples_decode_vs_msgspec_untyped": k_dec / m_dec,
        "examples_encode_vs_msgspec_untyped": k_enc / m_enc,
    }


@dataclass
class Measured:
    """Seconds (or bytes) per library for one measure of one shape: kotakerja, pydantic,
    msgspec, and (decode and encode only) the declarative-only pydantic and msgspec models."""

    k: float
    p: float
    m: float
    pd: float = math.nan
    md: float = math.nan


def self_check(shape: Shape, texts: list[bytes]) -> None:
    """Fail unless the equivalent models write what kotakerja writes and reject what it rejects.

    Every document must come back from both models as the same JSON (compared parsed, as
    key order may differ); each broken document of the shape must break a rule the shape's
    models say they check, and be rejected by kotakerja and by both equivalent models, and
    by both declarative-only models too when that rule is one of theirs. The declarative
    models must accept the good documents.
    """
    pm = shape.pydantic_model
    decoder = msgspec.json.Decoder(shape.msgspec_struct, dec_hook=dec_hook)
    plain = msgspec.json.Decoder(shape.msgspec_declarative)
    for doc_text in texts:
        want = json.loads(doc_text)
        p_text = pm.model_validate_json(doc_text).model_dump_json(exclude_none=True)
        assert json.loads(p_text) == want, (shape.name, "pydantic writes", p_text)
        m_text = ENCODER.encode(decoder.decode(doc_text))
        assert json.loads(m_text) == want, (shape.name, "msgspec writes", m_text)
        shape.pydantic_declarative.model_validate_json(doc_text)
        plain.decode(doc_text)
    failures = []
    readers: list[tuple[str, Callable[[Any], Any], type[Exception], bool]] = [
        ("kotakerja", lambda t: kotakerja.from_json(shape.kotakerja_type, t), KotakerjaError, True),
        ("pydantic", pm.model_validate_json, pydantic.ValidationError, True),
        ("msgspec", decoder.decode, msgspec.ValidationError, True),
        (
            "declarative pydantic",
            shape.pydantic_declarative.model_validate_json,
            pydantic.ValidationError,
            False,
        ),
        ("declarative msgspec", plain.decode, msgspec.ValidationError, False),
    ]
    for broken_rule, what, change in shape.broken:
        if broken_rule not in shape.peers.rules:
            failures.append(
                f"{shape.name}: {what} breaks {broken_rule!r}, not a rule of the models"
            )
        doc = json.loads(texts[0])
        change(doc)
        assert doc != json.loads(texts[0]), (shape.name, what, "edit changed nothing")
        bad = json.dumps(doc)
        form = broken_rule in shape.peers.declarative_rules
        for library, read, error, always in readers:
            if not (always or form):
                continue
            try:
                read(bad)
            except error:
                continue
            failures.append(f"{shape.name}: {library} accepts a document with {what}")
    if failures:
        raise AssertionError("\n".join(failures))


def rules_table() -> str:
    """The rules each shape's peer models check, as the Markdown of docs/performance.md."""
    out = []
    for shape in SHAPES:
        p = shape.peers
        tested: dict[str, int] = {}
        for broken_rule, _, _ in shape.broken:
            tested[broken_rule] = tested.get(broken_rule, 0) + 1
        out += [
            f"**{SHAPE_TITLES[shape.name]}** ({len(shape.broken)} broken documents)",
            "",
            "| rule | equivalent | declarative | broken documents |",
            "| --- | :---: | :---: | ---: |",
        ]
        for name, description in RULES.items():
            if name not in p.rules and name not in p.declarative_rules:
                continue
            cells = ("yes" if name in p.rules else "", "yes" if name in p.declarative_rules else "")
            out.append(f"| {description} | {cells[0]} | {cells[1]} | {tested.get(name, '')} |")
        out.append("")
    return "\n".join(out)


SHAPE_TITLES = {"mou": "MoU", "meeting": "Meeting", "shipment": "Export shipment"}


def measure_shape(shape: Shape, n: int, repeat: int) -> dict[str, Measured]:
    objs = shape.make(n)
    cls, pm, pd = shape.kotakerja_type, shape.pydantic_model, shape.pydantic_declarative
    ms = msgspec.json.Decoder(shape.msgspec_struct, dec_hook=dec_hook)
    md = msgspec.json.Decoder(shape.msgspec_declarative)
    texts = [kotakerja.to_json(o).encode() for o in objs]
    assert all(kotakerja.from_json(cls, t) == o for t, o in zip(texts, objs, strict=True))
    p_objs = [pm.model_validate_json(t) for t in texts]
    m_objs = [ms.decode(t) for t in texts]
    pd_objs = [pd.model_validate_json(t) for t in texts]
    md_objs = [md.decode(t) for t in texts]
    plain = msgspec.json.Encoder()
    k_plans = [plan_kotakerja(o) for o in objs]
    p_plans = [plan_pydantic(o) for o in p_objs]
    m_plans = [plan_msgspec(o) for o in m_objs]
    assert [build(p) for p in k_plans] == objs
    assert [build(p) for p in p_plans] == p_objs
    assert [build(p) for p in m_plans] == m_objs
    return {
        "decode": Measured(
            best_of(lambda t: kotakerja.from_json(cls, t), texts, repeat),
            best_of(pm.model_validate_json, texts, repeat),
            best_of(ms.decode, texts, repeat),
            best_of(pd.model_validate_json, texts, repeat),
            best_of(md.decode, texts, repeat),
        ),
        "encode": Measured(
            best_of(kotakerja.to_json, objs, repeat),
            best_of(lambda o: o.model_dump_json(exclude_none=True), p_objs, repeat),
            best_of(ENCODER.encode, m_objs, repeat),
            best_of(lambda o: o.model_dump_json(exclude_defaults=True), pd_objs, repeat),
            best_of(plain.encode, md_objs, repeat),
        ),
        "construct": Measured(
            best_of(build, k_plans, repeat),
            best_of(build, p_plans, repeat),
            best_of(build, m_plans, repeat),
        ),
        "memory": Measured(
            size_of(lambda: [kotakerja.from_json(cls, t) for t in texts]),
            size_of(lambda: [pm.model_validate_json(t) for t in texts]),
            size_of(lambda: [ms.decode(t) for t in texts]),
        ),
    }


def total(per_shape: dict[str, dict[str, Measured]], key: str) -> Measured:
    rows = [m[key] for m in per_shape.values()]
    return Measured(*(sum(getattr(r, f) for r in rows) for f in ("k", "p", "m", "pd", "md")))


def ratios_of(measures: dict[str, Measured]) -> dict[str, float]:
    """kotakerja over the others; decode and encode also over the declarative models."""
    out = {}
    for key, r in measures.items():
        out[f"{key}_vs_pydantic"] = r.k / r.p
        out[f"{key}_vs_msgspec"] = r.k / r.m
    for key in ("decode", "encode"):
        r = measures[key]
        out[f"{key}_vs_pydantic_declarative"] = r.k / r.pd
        out[f"{key}_vs_msgspec_declarative"] = r.k / r.md
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument(
        "--rules", action="store_true", help="print the rules each peer model checks and exit"
    )
    args = parser.parse_args()
    if args.rules:
        print(rules_table())
        return 0
    n, repeat = (200, 5) if args.quick else (1000, 7)
    for shape in SHAPES:  # before any timing: the models must not drift from kotakerja
        self_check(shape, [kotakerja.to_json(o).encode() for o in shape.make(n)])
    per_shape = {shape.name: measure_shape(shape, n, repeat) for shape in SHAPES}
    summed = {k: total(per_shape, k) for k in ("decode", "encode", "construct", "memory")}
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
    small, small_peak = jsonl_per_record(1_000, records, repeat)
    large, large_peak = jsonl_per_record(100_000 if not args.quick else 10_000, records, repeat)
    examples = examples_vs_untyped(repeat * 4)

    headline = ratios_of(summed)
    ratios = {
        **{
            key: headline[key]
            for key in (
                "decode_vs_pydantic",
                "decode_vs_msgspec",
                "encode_vs_pydantic",
                "encode_vs_msgspec",
                "construct_vs_pydantic",
                "construct_vs_msgspec",
                "memory_vs_msgspec",
                "memory_vs_pydantic",
                "decode_vs_pydantic_declarative",
                "decode_vs_msgspec_declarative",
                "encode_vs_pydantic_declarative",
                "encode_vs_msgspec_declarative",
            )
        },
        "import_vs_deps": k_imp / d_imp,
        "import_all_vs_deps": all_imp / d_imp,
        "jsonl_per_record_100k_vs_1k": large / small,
        **examples,
    }
    print(
        f"kotakerja {kotakerja.__version__}, pydantic {pydantic.VERSION}, msgspec "
        f"{msgspec.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores"
    )
    print("pydantic and msgspec: the equivalent models; *-decl: the declarative-only ones")
    print(
        f"{'shape':<9}{'measure':<26}{'kotakerja':>11}{'pydantic':>11}{'msgspec':>11}"
        f"{'pyd-decl':>11}{'msg-decl':>11}"
    )
    for name, measures in per_shape.items():
        for key, label, scale in (
            ("decode", "decode+validate, µs/doc", 1e6 / n),
            ("encode", "encode, µs/doc", 1e6 / n),
            ("construct", "construct, µs/doc", 1e6 / n),
            ("memory", "memory, bytes/object", 1.0),
        ):
            r = measures[key]
            cells = "".join(
                f"{v * scale:>11.1f}" if v == v else f"{'':>11}"
                for v in (r.k, r.p, r.m, r.pd, r.md)
            )
            print(f"{name:<9}{label:<26}{cells}")
    print(
        f"import, ms: kotakerja {k_imp * 1e3:.0f}, with every public name {all_imp * 1e3:.0f}, "
        f"attrs+cattrs+pendulum {d_imp * 1e3:.0f}"
    )
    print(
        f"JSONL µs/record: 1k {small * 1e6:.1f}, large {large * 1e6:.1f}; "
        f"peak KiB {small_peak // 1024} vs {large_peak // 1024}"
    )
    for key, value in ratios.items():
        print(f"  {key:<32} {value:6.2f}")
    if args.json:
        shapes = {name: ratios_of(measures) for name, measures in per_shape.items()}
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"ratios": ratios, "shapes": shapes}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
