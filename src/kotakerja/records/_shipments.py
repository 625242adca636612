"""Export shipments of UMKM goods (*ekspor*) and the releases grouping them (*pelepasan*)."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import ClassVar

import attrs
import pendulum

from .._errors import Finding, Problems, Severity, ValidationError
from .._model import check_fields, meta
from .._policy import Policy
from ..values import pycountry_module as _pycountry
from ..values._dates import DatePrecision, PartialDate, instant_key
from ..values._money import Money
from ..values._people import Organization, OrganizationKind
from ..values._places import Country, Region
from ..values._provenance import Source
from ..values._trade import HsCode, Incoterm, OriginRule, TransportMode, allowed_origin_rules
from ..values._trade import origin_rules as _origin_rules
from ..values._umkm import UmkmClass, classify_umkm
from ._base import Record, Ref, check_ref_type

__all__ = [
    "LOCODE_PATTERN",
    "UNIT_CODES",
    "Consignee",
    "DeliveryTerms",
    "ExportRelease",
    "ExportShipment",
    "Exporter",
    "GoodsLine",
    "OriginProof",
    "OriginProofKind",
    "shipments_by_destination",
    "Package",
    "PackageKind",
    "ReleaseTotals",
    "ShipmentStatus",
    "StatusEvent",
    "TradeDocument",
    "TradeDocumentKind",
    "TransportLeg",
]

LOCODE_PATTERN = r"[A-Z]{2}[A-Z2-9]{3}"
"""UN/LOCODE: two letters of the country, three letters or digits 2–9 of the place."""

UNIT_CODES: Mapping[str, str] = {
    "KGM": "kilogram",
    "GRM": "gram",
    "TNE": "tonne",
    "LTR": "litre",
    "MLT": "millilitre",
    "MTQ": "cubic metre",
    "MTR": "metre",
    "MTK": "square metre",
    "H87": "piece",
    "C62": "one (unit)",
    "SET": "set",
    "PR": "pair",
    "DZN": "dozen",
}
"""UN/ECE Recommendation 20 units accepted for goods quantities."""

_UNIT_HINTS = {
    "PCE": "H87",
    "PCS": "H87",
    "PC": "H87",
    "KG": "KGM",
    "L": "LTR",
    "LT": "LTR",
    "M": "MTR",
    "G": "GRM",
    "T": "TNE",
}


class PackageKind(str, enum.Enum):
    """UN/ECE Recommendation 21 package type (*jenis kemasan*), by code."""

    CARTON = "CT"
    """Karton."""
    BOX = "BX"
    """Kotak."""
    PACKAGE = "PK"
    """Paket."""
    BAG = "BG"
    """Tas, kantong."""
    CASE = "CS"
    """Peti."""
    CRATE = "CR"
    """Krat."""
    SACK = "SA"
    """Karung."""
    PACKET = "PA"
    """Bungkus."""
    BOTTLE = "BO"
    """Botol."""
    JAR = "JR"
    """Stoples."""
    TIN = "TN"
    """Kaleng."""
    DRUM = "DR"
    """Drum."""
    PALLET = "PX"
    """Palet."""
    BUNDLE = "BE"
    """Ikat."""


# Parties ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Exporter:
    """The exporting business (*eksportir*): an UMKM or company in Indonesia, with its size.

    `capital` (business capital without land and buildings) and `annual_sales` are in
    rupiah and give the PP 7/2021 class; leave them empty when not known.
    """

    RULES = (
        "organization is of kind umkm or company, and Indonesian",
        "capital and annual_sales are non-negative rupiah amounts",
    )

    organization: Organization
    capital: Money | None = None
    annual_sales: Money | None = None

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        org = self.organization
        if org.kind not in (OrganizationKind.UMKM, OrganizationKind.COMPANY):
            p.add(
                "organization.kind",
                "kotakerja.exporter.kind",
                f"an exporter is an umkm or a company, not {org.kind.value!r}",
            )
        if org.is_foreign:
            p.add(
                "organization.country",
                "kotakerja.exporter.foreign",
                f"an exporter is based in Indonesia, not {org.country}",
            )
        for name in ("capital", "annual_sales"):
            value = getattr(self, name)
            if value is None:
                continue
            try:
                classify_umkm(**{name: value})
            except ValidationError as e:
                p.extend(e)

    @property
    def umkm_class(self) -> UmkmClass | None:
        """The PP 7/2021 class, or None when neither capital nor sales is known."""
        return classify_umkm(capital=self.capital, annual_sales=self.annual_sales)

    @property
    def name(self) -> str:
        return self.organization.name


@attrs.frozen(kw_only=True)
class Consignee:
    """The buyer or consignee abroad (*pembeli, penerima barang*).

    The name may be unknown (a news report naming only the country); `diaspora` is
    True for Indonesians abroad buying from home, None when not known.
    """

    RULES = ("country is not Indonesia",)

    name: str | None = attrs.field(default=None, metadata=meta(max_length=300))
    country: Country
    address: str | None = attrs.field(default=None, metadata=meta(max_length=1000))
    diaspora: bool | None = None

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.country.code == "ID":
            p.add(
                "country",
                "kotakerja.consignee.domestic",
                "an export goes to a buyer abroad; the consignee's country is Indonesia",
            )


# Goods -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class GoodsLine:
    """One line of goods (*uraian barang*): what, its HS code, how much, and its value.

    >>> GoodsLine(description="Kopi bubuk", quantity=Decimal("12.5"), unit="KGM").unit
    'KGM'
    """

    RULES = (
        "unit is a UN/ECE Rec 20 code from UNIT_CODES, given together with quantity",
        "value is not negative",
    )

    description: str = attrs.field(metadata=meta(max_length=1000))
    hs_code: HsCode | None = None
    quantity: Decimal | None = attrs.field(default=None, metadata=meta(exclusive_minimum=0))
    unit: str | None = attrs.field(default=None, metadata=meta(pattern=r"[A-Z0-9]{1,3}"))
    value: Money | None = None

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.unit is not None and self.unit not in UNIT_CODES:
            hint = _UNIT_HINTS.get(self.unit)
            advice = (
                f"; use {hint!r} ({UNIT_CODES[hint]})"
                if hint
                else "; known: " + ", ".join(UNIT_CODES)
            )
            p.add(
                "unit",
                "kotakerja.goods.unknown_unit",
                f"{self.unit!r} is not a UN/ECE Rec 20 unit{advice}",
            )
        if (self.quantity is None) != (self.unit is None):
            p.add(
                "unit" if self.unit is None else "quantity",
                "kotakerja.goods.quantity_without_unit",
                "give a quantity together with its unit",
            )
        if self.value is not None and self.value.amount < 0:
            p.add("value.amount", "kotakerja.money.negative", "a value cannot be negative")


@attrs.frozen(kw_only=True)
class Package:
    """Packages of one kind (*kemasan*): a count and a UN/ECE Rec 21 kind such as CT (carton)."""

    count: int = attrs.field(metadata=meta(minimum=1))
    kind: PackageKind
    marks: str | None = attrs.field(
        default=None, metadata=meta(description="Shipping marks and numbers.")
    )

    __attrs_post_init__ = check_fields


# Transport -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DeliveryTerms:
    """The Incoterms 2020 rule and its named place (*syarat penyerahan*), e.g. FCA Jakarta."""

    incoterm: Incoterm
    named_place: str = attrs.field(metadata=meta(max_length=300))

    __attrs_post_init__ = check_fields

    def __str__(self) -> str:
        return f"{self.incoterm.value} {self.named_place} (Incoterms 2020)"


_ALPHA_2: frozenset[str] | None = None


def _locode_country(code: str) -> str | None:
    global _ALPHA_2
    if _ALPHA_2 is None:  # the country codes, read from pycountry on first use
        _ALPHA_2 = frozenset(c.alpha_2.lower() for c in _pycountry().countries)
    return code[:2] if code[:2].lower() in _ALPHA_2 else None  # as pycountry: any case


def _earlier(a: pendulum.DateTime, b: pendulum.DateTime) -> bool:
    """``a < b`` by instant, also for two times in one zone's repeated hour.

    datetime's own comparison looks up both offsets through pendulum's subclass, which
    zoneinfo can only read attribute by attribute, and for one shared zone it compares
    wall clocks, ignoring `fold`; plain datetimes look up quickly and correctly.
    """
    za, zb = a.tzinfo, b.tzinfo
    if (
        type(za) is not _Timezone
        or type(zb) is not _Timezone
        or type(a) is not _DateTime
        or type(b) is not _DateTime
    ):
        return instant_key(a) < instant_key(b)
    return _utc_wall(a, za) < _utc_wall(b, zb)


def _utc_wall(t: pendulum.DateTime, zone: pendulum.Timezone) -> _dt.timedelta:
    """The instant of `t` as time since 0001-01-01 UTC (never out of range)."""
    if t.fold:
        local = _dt.datetime(
            t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond, fold=1
        )
    else:
        local = _dt.datetime(t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond)
    return (local - _FIRST) - zone.utcoffset(local)  # type: ignore[operator]


_FIRST = _dt.datetime(1, 1, 1)
_DateTime = pendulum.DateTime
_Timezone = pendulum.Timezone


@attrs.frozen(kw_only=True)
class TransportLeg:
    """One leg of the journey (*ruas angkutan*): mode, UN/LOCODE places, carrier and times.

    Times are aware: planned and actual departure and arrival, each in its own zone.
    """

    RULES = (
        "places are UN/LOCODEs of a known country",
        "arrival is not before departure (planned, and actual)",
    )

    mode: TransportMode
    departure_place: str = attrs.field(metadata=meta(pattern=LOCODE_PATTERN))
    arrival_place: str = attrs.field(metadata=meta(pattern=LOCODE_PATTERN))
    carrier: str | None = attrs.field(default=None, metadata=meta(max_length=300))
    voyage: str | None = attrs.field(
        default=None, metadata=meta(max_length=100, description="Flight or voyage number.")
    )
    planned_departure: pendulum.DateTime | None = None
    planned_arrival: pendulum.DateTime | None = None
    actual_departure: pendulum.DateTime | None = None
    actual_arrival: pendulum.DateTime | None = None

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        for name in ("departure_place", "arrival_place"):
            code = getattr(self, name)
            if _locode_country(code) is None:
                p.add(
                    name,
                    "kotakerja.locode.unknown_country",
                    f"{code!r} does not start with an ISO 3166-1 country code",
                )
        for kind, dep, arr in (
            ("planned", self.planned_departure, self.planned_arrival),
            ("actual", self.actual_departure, self.actual_arrival),
        ):
            if dep is not None and arr is not None and _earlier(arr, dep):
                p.add(
                    f"{kind}_arrival",
                    "kotakerja.leg.arrival_before_departure",
                    f"{kind} arrival {arr.isoformat()} is before departure {dep.isoformat()}",
                )

    @property
    def departure(self) -> pendulum.DateTime | None:
        """The actual departure when known, else the planned one."""
        return self.actual_departure or self.planned_departure

    @property
    def arrival(self) -> pendulum.DateTime | None:
        """The actual arrival when known, else the planned one."""
        return self.actual_arrival or self.planned_arrival


# Documents -------------------------------------------------------------------------------


class TradeDocumentKind(str, enum.Enum):
    """Customs and trade documents of an export (*dokumen ekspor*)."""

    PEB = "peb"
    """Pemberitahuan Ekspor Barang (BC 3.0): the export declaration; number and date."""
    NPE = "npe"
    """Nota Pelayanan Ekspor: customs release approval."""
    COMMERCIAL_INVOICE = "commercial_invoice"
    """Faktur komersial."""
    PACKING_LIST = "packing_list"
    """Daftar kemasan."""
    AIR_WAYBILL = "air_waybill"
    """Airway bill (AWB)."""
    BILL_OF_LADING = "bill_of_lading"
    """Konosemen (B/L)."""
    OTHER = "other"


@attrs.frozen(kw_only=True)
class TradeDocument:
    """One customs or trade document: its kind, number and date."""

    kind: TradeDocumentKind
    number: str | None = attrs.field(default=None, metadata=meta(max_length=100))
    date: PartialDate | None = None
    source: Source | None = None

    __attrs_post_init__ = check_fields


class OriginProofKind(str, enum.Enum):
    """How origin is proved (*bukti asal barang*)."""

    CERTIFICATE = "certificate"
    """Surat Keterangan Asal (SKA, certificate of origin) issued by an authority."""
    DECLARATION = "declaration"
    """Deklarasi Asal Barang (DAB): the exporter's own declaration of origin."""


@attrs.frozen(kw_only=True)
class OriginProof:
    """Proof of origin: a certificate (SKA) or an exporter's declaration, under an agreement.

    `agreement` is the short code of the shipped table (`kotakerja.origin_rules()`):
    ``ATIGA`` (Form D), ``IJEPA``, ``AJCEP``, … or ``NON-PREF`` (Form B), which is
    allowed for any destination.
    """

    RULES = ("agreement is a code of the shipped trade-agreement table",)

    kind: OriginProofKind = OriginProofKind.CERTIFICATE
    agreement: str = attrs.field(metadata=meta(max_length=30))
    form: str | None = attrs.field(
        default=None, metadata=meta(max_length=100, description="Form as named, e.g. 'Form D'.")
    )
    number: str | None = attrs.field(default=None, metadata=meta(max_length=100))
    date: PartialDate | None = None

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        known = sorted({r.agreement for r in _origin_rules()})
        if self.agreement not in known:
            p.add(
                "agreement",
                "kotakerja.origin.unknown_agreement",
                f"{self.agreement!r} is not a known agreement; known: " + ", ".join(known),
            )

    @property
    def non_preferential(self) -> bool:
        """True for non-preferential origin (Form B), allowed for every destination."""
        return self.agreement == "NON-PREF"


# Status ----------------------------------------------------------------------------------


class ShipmentStatus(str, enum.Enum):
    """Where a shipment stands (*status pengiriman*)."""

    PLANNED = "planned"
    """Direncanakan."""
    BOOKED = "booked"
    """Space booked with a carrier."""
    DOCUMENTS_SUBMITTED = "documents_submitted"
    """PEB submitted to customs."""
    CUSTOMS_RELEASED = "customs_released"
    """NPE issued: customs approved the export."""
    RELEASED = "released"
    """Dilepas: dispatched, often at a public release ceremony."""
    DEPARTED = "departed"
    """Berangkat from the first loading place."""
    ARRIVED = "arrived"
    """Tiba at the final destination."""
    DELIVERED = "delivered"
    """Diterima by the consignee."""
    CANCELLED = "cancelled"
    """Dibatalkan."""
    RETURNED = "returned"
    """Dikembalikan to the exporter."""


_GONE = {ShipmentStatus.DEPARTED, ShipmentStatus.ARRIVED, ShipmentStatus.DELIVERED,
         ShipmentStatus.RETURNED}  # fmt: skip


@attrs.frozen(kw_only=True)
class StatusEvent:
    """A status reached at an aware `time`, or on a `date` when the hour is not known.

    A source that reports only the day ("released on Monday 20 December 2021") gives a
    `date`; kotakerja never turns it into midnight. A correction is a new event whose
    `supersedes` is the index of the earlier event it replaces; the earlier event stays
    in the history.
    """

    RULES = ("exactly one of time and date",)

    status: ShipmentStatus
    time: pendulum.DateTime | None = None
    date: PartialDate | None = None
    place: str | None = attrs.field(
        default=None, metadata=meta(max_length=300, description="Venue, city or UN/LOCODE.")
    )
    region: Region | None = None
    source: Source | None = None
    note: str | None = None
    supersedes: int | None = attrs.field(
        default=None, metadata=meta(minimum=0, description="Index of the event this corrects.")
    )

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if (self.time is None) == (self.date is None):
            p.add(
                "time" if self.time is not None else "",
                "kotakerja.status.when",
                "an event has either an aware time or, when the hour is unknown, a date; "
                + ("both given" if self.time is not None else "neither given"),
            )

    @property
    def day(self) -> PartialDate:
        """The day of the event: its date, or the local date of its time."""
        if self.time is not None:
            return PartialDate.of(self.time.date())
        assert self.date is not None
        return self.date

    def reached_by(self, when: pendulum.DateTime) -> bool | None:
        """Whether the event had happened at `when`; None when its date leaves it open.

        A date-only event has happened once `when`'s local date is past that date,
        and not yet before it; on the day itself the answer is None.
        """
        if self.time is not None:
            return not _earlier(when, self.time)
        assert self.date is not None
        local = PartialDate.of(when.date())
        if self.date.before(local):
            return True
        if local.before(self.date):
            return False
        return None

    def _sort_key(self) -> tuple[pendulum.Date, _dt.timedelta]:
        # A partial date sorts at its first day; within a day, date-only events come first.
        moment = instant_key(self.time) if self.time is not None else _dt.timedelta.min
        return (self.day.earliest(), moment)


# Shipments -------------------------------------------------------------------------------


def _value_of(lines: Iterable[GoodsLine]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for line in lines:
        if line.value is not None:
            cur = line.value.currency
            out[cur] = out.get(cur, Decimal(0)) + line.value.amount
    return out


@attrs.frozen(kw_only=True)
class ExportShipment(Record):
    """One export shipment (*pengiriman ekspor*): who sends what to whom, how, with which papers.

    The destination is the consignee's country. The status is never stored: it is
    derived from the append-only `events` (`status`, `status_on`). Fields a source
    does not give (weights, values, HS codes) stay empty rather than guessed.
    """

    TYPE: ClassVar[str] = "export_shipment"
    RULES: ClassVar[tuple[str, ...]] = (
        "net weight is not above gross weight",
        "line values are in the invoice currency and add up to the invoice total",
        "FAS, FOB, CFR and CIF need a sea or inland-waterway leg and no air or mail leg",
        "the first leg loads in Indonesia; the last leg ends in the consignee's country",
        "a preferential origin proof belongs to an agreement in force for the destination "
        "on the export date",
        "events supersede only earlier events, each at most once",
        "release points to an export_release; links to an mou, agreement, meeting or event",
    )

    title: str | None = attrs.field(default=None, metadata=meta(max_length=1000))
    exporter: Exporter | None = None
    consignee: Consignee
    goods: tuple[GoodsLine, ...] = ()
    packages: tuple[Package, ...] = ()
    net_weight_kg: Decimal | None = attrs.field(default=None, metadata=meta(minimum=0))
    gross_weight_kg: Decimal | None = attrs.field(default=None, metadata=meta(exclusive_minimum=0))
    invoice_total: Money | None = None
    delivery: DeliveryTerms | None = None
    legs: tuple[TransportLeg, ...] = ()
    documents: tuple[TradeDocument, ...] = ()
    origin: OriginProof | None = None
    events: tuple[StatusEvent, ...] = ()
    program: str | None = attrs.field(
        default=None, metadata=meta(max_length=300, description="Facilitating program by name.")
    )
    facilitator: Organization | None = None
    logistics_provider: Organization | None = None
    release: Ref | None = None
    links: tuple[Ref, ...] = attrs.field(
        default=(), metadata=meta(description="The MoU, agreement or meeting behind it.")
    )

    def _check_rules(self, p: Problems) -> None:
        super()._check_rules(p)
        check_ref_type(p, "release", self.release, ExportRelease.TYPE)
        for i, link in enumerate(self.links):
            check_ref_type(p, f"links[{i}]", link, "mou", "agreement", "meeting", "event")
        net, gross = self.net_weight_kg, self.gross_weight_kg
        if net is not None and gross is not None and net > gross:
            p.add(
                "net_weight_kg",
                "kotakerja.shipment.net_above_gross",
                f"net weight {net} kg is above gross weight {gross} kg",
            )
        self._check_invoice(p)
        self._check_transport(p)
        self._check_origin(p)
        self._check_events(p)

    def _check_invoice(self, p: Problems) -> None:
        total = self.invoice_total
        if total is None:
            return
        if total.amount < 0:
            p.add("invoice_total.amount", "kotakerja.money.negative", "a total cannot be negative")
        if not self.goods:
            return
        clean = True
        currency = total.currency
        # What _value_of(self.goods).get(currency, Decimal(0)) gives once every line has a
        # value in the invoice currency: the same additions in the same order.
        summed = Decimal(0)
        for i, line in enumerate(self.goods):
            value = line.value
            if value is None:
                p.add(
                    f"goods[{i}].value",
                    "kotakerja.goods.value_missing",
                    "with an invoice total, every line needs its value",
                )
                clean = False
            elif value.currency != currency:
                p.add(
                    f"goods[{i}].value.currency",
                    "kotakerja.goods.currency_mismatch",
                    f"line value is in {value.currency}; the invoice is in {currency}",
                )
                clean = False
            elif clean:
                summed = summed + value.amount
        if clean and summed != total.amount:
            p.add(
                "invoice_total.amount",
                "kotakerja.shipment.invoice_total_mismatch",
                f"line values add up to {summed} {currency}; the invoice total is {total.amount}",
            )

    def _check_transport(self, p: Problems) -> None:
        legs = self.legs
        if self.delivery is not None and self.delivery.incoterm.sea_only and legs:
            water = (TransportMode.SEA, TransportMode.INLAND_WATERWAY)
            air = [
                i
                for i, leg in enumerate(legs)
                if leg.mode in (TransportMode.AIR, TransportMode.MAIL)
            ]
            if air or not any(leg.mode in water for leg in legs):
                term = self.delivery.incoterm.value
                which = (
                    f"leg {air[0]} goes by {legs[air[0]].mode.name.lower()}"
                    if air
                    else "no leg goes by sea or inland waterway"
                )
                p.add(
                    "delivery.incoterm",
                    "kotakerja.shipment.incoterm_needs_sea",
                    f"{term} is for sea and inland-waterway transport only, but {which}; "
                    "use FCA, CPT or CIP instead",
                )
        if not legs:
            return
        first = legs[0].departure_place
        if not first.startswith("ID"):
            p.add(
                "legs[0].departure_place",
                "kotakerja.shipment.first_leg_abroad",
                f"an export loads first in Indonesia; {first} is in {first[:2]}",
            )
        last = legs[-1].arrival_place
        dest = self.consignee.country.code
        if last[:2] != dest:
            p.add(
                f"legs[{len(legs) - 1}].arrival_place",
                "kotakerja.shipment.final_destination",
                f"the last leg ends in {last} ({last[:2]}); the consignee is in {dest}",
            )

    def _check_origin(self, p: Problems) -> None:
        proof = self.origin
        if proof is None or proof.non_preferential:
            return
        day = self.export_date()
        if day is None or day.precision is not DatePrecision.DAY:
            return
        allowed = self._allowed_rules(day)
        if not any(r.agreement == proof.agreement for r in allowed):
            dest = self.consignee.country
            options = ", ".join(f"{r.agreement} ({r.form})" for r in allowed)
            p.add(
                "origin.agreement",
                "kotakerja.origin.not_allowed",
                f"{proof.agreement} does not cover {dest.name} ({dest.code}) on "
                f"{day.format_iso()}; allowed then: {options}",
            )

    def _allowed_rules(self, day: PartialDate) -> tuple[OriginRule, ...]:
        return allowed_origin_rules(self.consignee.country, day)

    def _check_events(self, p: Problems) -> None:
        seen: set[int] = set()
        for i, ev in enumerate(self.events):
            target = ev.supersedes
            if target is None:
                continue
            if target >= i:
                p.add(
                    f"events[{i}].supersedes",
                    "kotakerja.status.supersedes_later",
                    f"event {i} can only correct an earlier event, not event {target}",
                )
            elif target in seen:
                p.add(
                    f"events[{i}].supersedes",
                    "kotakerja.status.superseded_twice",
                    f"event {target} is already corrected by an earlier event",
                )
            seen.add(target)

    # Derived facts ---------------------------------------------------------------------

    @property
    def destination(self) -> Country:
        """The destination country: the consignee's."""
        return self.consignee.country

    def current_events(self) -> tuple[StatusEvent, ...]:
        """The events in force: every event not superseded by a later correction, by time."""
        replaced = {ev.supersedes for ev in self.events if ev.supersedes is not None}
        live = [(ev._sort_key(), i, ev) for i, ev in enumerate(self.events) if i not in replaced]
        live.sort(key=lambda t: (t[0], t[1]))
        return tuple(ev for _, _, ev in live)

    def status_on(self, when: pendulum.DateTime) -> ShipmentStatus | None:
        """The status at an aware moment: the latest event in force at or before it.

        None before the first event, and None when a date-only event on that very
        day may or may not have happened yet. A naive time raises `ValidationError`.
        """
        if not isinstance(when, pendulum.DateTime) or when.tzinfo is None:
            raise ValidationError.single(
                "",
                "kotakerja.datetime.naive",
                f"status_on needs an aware pendulum DateTime, got {when!r}",
            )
        found = None
        for ev in self.current_events():
            reached = ev.reached_by(when)
            if reached is None:
                return None
            if reached:
                found = ev.status
        return found

    def status_after(self, day: PartialDate | pendulum.Date) -> ShipmentStatus | None:
        """The status once `day` is over, counting each event on its own local date.

        None before the first event, or when an event's partial date may fall either
        side of the end of `day`.
        """
        end = (day if isinstance(day, PartialDate) else PartialDate.of(day)).latest()
        found = None
        for ev in self.current_events():
            if ev.day.latest() <= end:
                found = ev.status
            elif ev.day.earliest() <= end:
                return None
        return found

    @property
    def status(self) -> ShipmentStatus | None:
        """The current status: the latest event in force; None when there are no events."""
        live = self.current_events()
        return live[-1].status if live else None

    def export_date(self) -> PartialDate | None:
        """The day the goods left: the first leg's departure, else release or departure event,
        else the PEB date. The date is the local date of the recorded time."""
        if self.legs and self.legs[0].departure is not None:
            return PartialDate.of(self.legs[0].departure.date())
        for ev in self.current_events():
            if ev.status in (ShipmentStatus.RELEASED, ShipmentStatus.DEPARTED):
                return ev.day
        for doc in self.documents:
            if doc.kind is TradeDocumentKind.PEB and doc.date is not None:
                return doc.date
        return None

    def timeline_date(self) -> PartialDate | None:
        """The export date (`export_date`): where the shipment stands on a timeline.

        That is the local date, in its own zone, of the first leg's departure (actual,
        else planned); else the day of the earliest released or departed event in
        force; else the PEB date. None when none of these is recorded.
        """
        return self.export_date()

    def values(self) -> dict[str, Decimal]:
        """The shipment's value per currency: the invoice total, else the line values."""
        if self.invoice_total is not None:
            return {self.invoice_total.currency: self.invoice_total.amount}
        return _value_of(self.goods)

    def documents_of(self, kind: TradeDocumentKind) -> tuple[TradeDocument, ...]:
        """The documents of one kind."""
        return tuple(d for d in self.documents if d.kind is kind)

    @property
    def hs_chapters(self) -> frozenset[str]:
        """The HS chapters of its goods lines that have an HS code."""
        return frozenset(line.hs_code.chapter for line in self.goods if line.hs_code)

    def findings(self, policy: Policy) -> list[Finding]:
        """Questionable but allowed things: see `kotakerja.check`."""
        found: list[Finding] = []
        proof = self.origin
        day = self.export_date()
        if proof is not None and not proof.non_preferential:
            if day is None or day.precision is not DatePrecision.DAY:
                found.append(
                    Finding(
                        severity=Severity.INFO,
                        code="kotakerja.origin.unchecked",
                        path="origin",
                        message="the export date is not known to the day, so the origin form "
                        "could not be checked against the agreements in force",
                    )
                )
            else:
                for rule in self._allowed_rules(day):
                    if rule.agreement == proof.agreement and rule.uncertain:
                        found.append(
                            Finding(
                                severity=Severity.WARNING,
                                code="kotakerja.origin.uncertain",
                                path="origin.agreement",
                                message=f"the {rule.agreement} entry for {rule.partner} is "
                                f"marked uncertain in the shipped table: {rule.note}",
                            )
                        )
        if proof is not None:
            found.extend(_proof_findings(proof))
        gone = any(ev.status in _GONE for ev in self.current_events())
        for i, doc in enumerate(self.documents):
            if doc.kind is TradeDocumentKind.PEB and (doc.number is None or doc.date is None):
                found.append(
                    Finding(
                        severity=Severity.WARNING,
                        code="kotakerja.shipment.peb_incomplete",
                        path=f"documents[{i}]",
                        message="a PEB is identified by its registration number and date; "
                        "one of them is missing",
                    )
                )
        if gone:
            for kind, code in (
                (TradeDocumentKind.PEB, "kotakerja.shipment.peb_missing"),
                (TradeDocumentKind.NPE, "kotakerja.shipment.npe_missing"),
            ):
                if not self.documents_of(kind):
                    found.append(
                        Finding(
                            severity=Severity.WARNING,
                            code=code,
                            path="documents",
                            message=f"the shipment has departed but no {kind.name} is recorded",
                        )
                    )
            if self.net_weight_kg is None or self.gross_weight_kg is None:
                found.append(
                    Finding(
                        severity=Severity.INFO,
                        code="kotakerja.shipment.weights_missing",
                        path="gross_weight_kg" if self.gross_weight_kg is None else "net_weight_kg",
                        message="the shipment has departed but its net or gross weight is unknown",
                    )
                )
        for i in range(1, len(self.legs)):
            before, leg = self.legs[i - 1], self.legs[i]
            if leg.departure_place != before.arrival_place:
                found.append(
                    Finding(
                        severity=Severity.WARNING,
                        code="kotakerja.shipment.legs_disconnected",
                        path=f"legs[{i}].departure_place",
                        message=f"leg {i} starts at {leg.departure_place} but leg {i - 1} "
                        f"ends at {before.arrival_place}",
                    )
                )
        return found


_DECLARATION_ACCEPTED = frozenset({"ATIGA", "IA-CEPA", "IE-CEPA"})
_DECLARATION_ONLY = frozenset({"IE-CEPA"})


def _proof_findings(proof: OriginProof) -> list[Finding]:
    found = []
    if proof.kind is OriginProofKind.DECLARATION and proof.agreement not in _DECLARATION_ACCEPTED:
        found.append(
            Finding(
                severity=Severity.WARNING,
                code="kotakerja.origin.declaration_not_accepted",
                path="origin.kind",
                message=f"{proof.agreement} asks for a certificate of origin; an exporter's "
                "declaration is accepted under " + ", ".join(sorted(_DECLARATION_ACCEPTED)),
            )
        )
    if proof.kind is OriginProofKind.CERTIFICATE and proof.agreement in _DECLARATION_ONLY:
        found.append(
            Finding(
                severity=Severity.WARNING,
                code="kotakerja.origin.certificate_not_used",
                path="origin.kind",
                message=f"{proof.agreement} proves origin by the exporter's declaration, "
                "not by a certificate",
            )
        )
    if proof.form is not None:
        forms = {r.form for r in _origin_rules() if r.agreement == proof.agreement}
        wanted = proof.form.casefold()
        if forms and not any(wanted in f.casefold() for f in forms):
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.origin.form_mismatch",
                    path="origin.form",
                    message=f"{proof.form!r} is not the form of {proof.agreement}: "
                    + "; ".join(sorted(forms)),
                )
            )
    return found


def shipments_by_destination(
    records: Iterable[Record] | Mapping[str, Record],
) -> dict[str, tuple[ExportShipment, ...]]:
    """Every export shipment among `records`, grouped by destination country code.

    Works on a `Register`, a mapping by id or any iterable of records; other record
    types are skipped. Groups keep the order of `records`.
    """
    pool = records.values() if isinstance(records, Mapping) else records
    out: dict[str, list[ExportShipment]] = {}
    for r in pool:
        if isinstance(r, ExportShipment):
            out.setdefault(r.destination.code, []).append(r)
    return {code: tuple(group) for code, group in out.items()}


# Releases --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReleaseTotals:
    """Totals over a set of shipments: counts, value per currency (never mixed), weights.

    Weights add up the shipments whose weight is known; `without_weight` and
    `without_value` count those that are not, so a partial sum is never mistaken for a
    full one.
    """

    shipments: int = 0
    values: Mapping[str, Decimal] = attrs.field(factory=dict, hash=False)
    net_weight_kg: Decimal = Decimal(0)
    gross_weight_kg: Decimal = Decimal(0)
    packages: int = 0
    without_value: int = 0
    without_weight: int = 0

    def plus(self, shipment: ExportShipment) -> ReleaseTotals:
        """These totals with one more shipment."""
        values = dict(self.values)
        own = shipment.values()
        for cur, amount in own.items():
            values[cur] = values.get(cur, Decimal(0)) + amount
        weighed = shipment.net_weight_kg is not None and shipment.gross_weight_kg is not None
        return ReleaseTotals(
            shipments=self.shipments + 1,
            values=values,
            net_weight_kg=self.net_weight_kg + (shipment.net_weight_kg or 0),
            gross_weight_kg=self.gross_weight_kg + (shipment.gross_weight_kg or 0),
            packages=self.packages + sum(pk.count for pk in shipment.packages),
            without_value=self.without_value + (0 if own else 1),
            without_weight=self.without_weight + (0 if weighed else 1),
        )

    @classmethod
    def of(cls, shipments: Iterable[ExportShipment]) -> ReleaseTotals:
        """Totals over `shipments`, each counted as often as it is given."""
        total = cls()
        for s in shipments:
            total = total.plus(s)
        return total

    def value(self, currency: str) -> Money:
        """The total in one currency (zero when nothing is in that currency)."""
        return Money(amount=self.values.get(currency, Decimal(0)), currency=currency)


@attrs.frozen(kw_only=True)
class ExportRelease(Record):
    """A release of export shipments (*pelepasan ekspor*), often a public ceremony.

    It points to its shipments by reference, so each shipment is one record with a
    stable id and is counted once. Totals per destination, exporter and HS chapter are
    computed from the shipments: pass them (a `Register`, a mapping by id, or any
    iterable of records) to `totals`, `by_destination`, `by_exporter`, `by_hs_chapter`.
    """

    TYPE: ClassVar[str] = "export_release"
    RULES: ClassVar[tuple[str, ...]] = (
        "shipments point to export_shipment records, each once",
        "links point to an mou, agreement, meeting or event",
    )

    title: str = attrs.field(metadata=meta(max_length=1000))
    date: PartialDate
    place: Region | None = None
    venue: str | None = attrs.field(default=None, metadata=meta(max_length=300))
    program: str | None = attrs.field(default=None, metadata=meta(max_length=300))
    facilitator: Organization | None = None
    logistics_provider: Organization | None = None
    shipments: tuple[Ref, ...] = ()
    links: tuple[Ref, ...] = ()
    note: str | None = None

    def _check_rules(self, p: Problems) -> None:
        super()._check_rules(p)
        seen: set[str] = set()
        for i, ref in enumerate(self.shipments):
            check_ref_type(p, f"shipments[{i}]", ref, ExportShipment.TYPE)
            if ref.id in seen:
                p.add(
                    f"shipments[{i}].id",
                    "kotakerja.release.duplicate_shipment",
                    f"shipment {ref.id!r} is already in this release",
                )
            seen.add(ref.id)
        for i, link in enumerate(self.links):
            check_ref_type(p, f"links[{i}]", link, "mou", "agreement", "meeting", "event")

    def timeline_date(self) -> PartialDate:
        """The release date (`date`), as precise as it is recorded."""
        return self.date

    def findings(self, policy: Policy) -> list[Finding]:
        """Questionable but allowed things: see `kotakerja.check`."""
        if self.shipments:
            return []
        return [
            Finding(
                severity=Severity.INFO,
                code="kotakerja.release.empty",
                path="shipments",
                message="the release lists no shipments",
            )
        ]

    def shipment_findings(
        self, records: Iterable[Record] | Mapping[str, Record]
    ) -> tuple[Finding, ...]:
        """Findings across records: shipments that do not point back to this release, or
        have no release event on its date. Paths are relative to the release."""
        found: list[Finding] = []
        day = self.date if self.date.precision is DatePrecision.DAY else None
        for i, s in enumerate(self.resolve(records)):
            if s.release is None:
                found.append(
                    Finding(
                        severity=Severity.WARNING,
                        code="kotakerja.release.shipment_unlinked",
                        path=f"shipments[{i}]",
                        message=f"shipment {s.id!r} does not name this release",
                    )
                )
            released = [ev.day for ev in s.current_events() if ev.status is ShipmentStatus.RELEASED]
            if day is not None and day not in released:
                found.append(
                    Finding(
                        severity=Severity.INFO,
                        code="kotakerja.release.no_release_event",
                        path=f"shipments[{i}]",
                        message=f"shipment {s.id!r} has no 'released' event on {day.format_iso()}",
                    )
                )
        return tuple(found)

    def resolve(
        self, records: Iterable[Record] | Mapping[str, Record]
    ) -> tuple[ExportShipment, ...]:
        """This release's shipments, in order, looked up in `records`.

        Raises `ValidationError` when a shipment is missing or belongs to another release.
        """
        pool = records.values() if isinstance(records, Mapping) else records
        by_id = {r.id: r for r in pool if isinstance(r, ExportShipment)}
        out: list[ExportShipment] = []
        p = Problems()
        for i, ref in enumerate(self.shipments):
            found = by_id.get(ref.id)
            if found is None:
                p.add(
                    f"shipments[{i}]",
                    "kotakerja.release.missing_shipment",
                    f"shipment {ref.id!r} is not among the records given",
                )
            elif found.release is not None and found.release.id != self.id:
                p.add(
                    f"shipments[{i}]",
                    "kotakerja.release.other_release",
                    f"shipment {ref.id!r} belongs to release {found.release.id!r}",
                )
            else:
                out.append(found)
        p.raise_if_any()
        return tuple(out)

    def totals(self, records: Iterable[Record] | Mapping[str, Record]) -> ReleaseTotals:
        """Totals over all shipments of the release."""
        return ReleaseTotals.of(self.resolve(records))

    def by_destination(
        self, records: Iterable[Record] | Mapping[str, Record]
    ) -> dict[str, ReleaseTotals]:
        """Totals per destination country code, in the release's order."""
        out: dict[str, ReleaseTotals] = {}
        for s in self.resolve(records):
            key = s.destination.code
            out[key] = out.get(key, ReleaseTotals()).plus(s)
        return out

    def by_exporter(
        self, records: Iterable[Record] | Mapping[str, Record]
    ) -> dict[str | None, ReleaseTotals]:
        """Totals per exporter (its NIB when given, else its name); None for unknown exporters."""
        out: dict[str | None, ReleaseTotals] = {}
        for s in self.resolve(records):
            key = None
            if s.exporter is not None:
                key = s.exporter.organization.nib or s.exporter.name
            out[key] = out.get(key, ReleaseTotals()).plus(s)
        return out

    def by_hs_chapter(
        self, records: Iterable[Record] | Mapping[str, Record]
    ) -> dict[str | None, dict[str, Decimal]]:
        """Line values per HS chapter and currency; None for lines without an HS code."""
        out: dict[str | None, dict[str, Decimal]] = {}
        for s in self.resolve(records):
            for line in s.goods:
                key = line.hs_code.chapter if line.hs_code else None
                bucket = out.setdefault(key, {})
                if line.value is not None:
                    cur = line.value.currency
                    bucket[cur] = bucket.get(cur, Decimal(0)) + line.value.amount
        return out

    def shipments_to(
        self, country: Country | str, records: Iterable[Record] | Mapping[str, Record]
    ) -> tuple[ExportShipment, ...]:
        """The release's shipments to one destination country."""
        code = country.code if isinstance(country, Country) else Country.get(country).code
        return tuple(s for s in self.resolve(records) if s.destination.code == code)

    def destinations(self, records: Iterable[Record] | Mapping[str, Record]) -> tuple[Country, ...]:
        """The destination countries, each once, in the release's order."""
        return tuple(dict.fromkeys(s.destination for s in self.resolve(records)))
