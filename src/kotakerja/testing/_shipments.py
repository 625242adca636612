"""Strategies for export shipments and releases: valid records that round-trip exactly."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum
from hypothesis import strategies as st

from ..records._base import Ref
from ..records._shipments import (
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
    Port,
    ShipmentStatus,
    StatusEvent,
    TradeDocument,
    TradeDocumentKind,
    TransportLeg,
    TransportMeans,
    TransportMeansKind,
)
from ..values._dates import DatePrecision
from ..values._money import Money
from ..values._people import Organization, OrganizationKind
from ..values._places import Country, PlaceName
from ..values._trade import Incoterm, TransportMode, allowed_origin_rules, origin_rules
from ._core import (
    COUNTRIES,
    _country,
    _hs_code,
    _organization_of,
    _region,
    aware_datetimes,
    decimals_for,
    extensions,
    partial_dates,
    record_ids,
    register_strategy,
    texts,
)

_CURRENCIES = ("IDR", "USD", "JPY", "OMR", "QAR", "SGD", "EUR")
_AGREEMENTS = tuple(sorted({r.agreement for r in origin_rules()}))


def locodes(country: str | None = None) -> st.SearchStrategy[str]:
    """UN/LOCODE-shaped codes, in `country` when given."""
    prefix = st.just(country) if country else st.sampled_from((*COUNTRIES, "ID"))
    return st.tuples(prefix, st.from_regex(r"\A[A-Z2-9]{3}\Z")).map("".join)


def amounts(currency: str, max_value: int = 10**9) -> st.SearchStrategy[Money]:
    """Non-negative money in `currency`."""
    return decimals_for(currency, max_value).map(lambda a: Money(amount=a, currency=currency))


def positive_decimals(max_value: int = 10**6) -> st.SearchStrategy[Decimal]:
    """Positive decimals with up to three places, trailing zeros kept."""
    return decimals_for("OMR", max_value).filter(lambda d: d > 0)


@register_strategy(Exporter)
def _exporter() -> st.SearchStrategy[Exporter]:
    org = _organization_of(kinds=(OrganizationKind.UMKM, OrganizationKind.COMPANY), domestic=True)
    return st.builds(
        Exporter,
        organization=org,
        capital=st.none() | amounts("IDR", 20 * 10**9),
        annual_sales=st.none() | amounts("IDR", 100 * 10**9),
        place=st.none()
        | st.sampled_from(("Kediri", "Solo", "Sorong", "Ujung Pandang", "Bandarlampung")).map(
            lambda name: PlaceName(written=name)
        ),
    )


@register_strategy(Consignee)
def _consignee() -> st.SearchStrategy[Consignee]:
    return st.builds(
        Consignee,
        name=st.none() | texts(),
        country=_country(),
        address=st.none() | texts(),
        diaspora=st.none() | st.booleans(),
    )


@st.composite
def goods_lines(draw: st.DrawFn, currency: str | None = None) -> GoodsLine:
    """Goods lines; with `currency`, always valued in it."""
    counted = draw(st.booleans())
    value = (
        draw(amounts(currency))
        if currency
        else draw(st.none() | st.sampled_from(_CURRENCIES).flatmap(amounts))
    )
    return GoodsLine(
        description=draw(texts()),
        hs_code=draw(st.none() | _hs_code()),
        quantity=draw(positive_decimals()) if counted else None,
        unit=draw(st.sampled_from(sorted(UNIT_CODES))) if counted else None,
        value=value,
    )


@register_strategy(GoodsLine)
def _goods_line() -> st.SearchStrategy[GoodsLine]:
    return goods_lines()


@register_strategy(Package)
def _package() -> st.SearchStrategy[Package]:
    return st.builds(
        Package,
        count=st.integers(1, 10_000),
        kind=st.sampled_from(list(PackageKind)),
        marks=st.none() | texts(),
    )


@register_strategy(DeliveryTerms)
def _delivery() -> st.SearchStrategy[DeliveryTerms]:
    return st.builds(DeliveryTerms, incoterm=st.sampled_from(list(Incoterm)), named_place=texts())


@st.composite
def _times(draw: st.DrawFn) -> tuple[pendulum.DateTime | None, pendulum.DateTime | None]:
    dep = draw(st.none() | aware_datetimes())
    arr = draw(st.none() | aware_datetimes())
    if dep is not None and arr is not None and arr < dep:
        dep, arr = arr, dep
    return dep, arr


@st.composite
def transport_legs(
    draw: st.DrawFn,
    departure: str | None = None,
    arrival: str | None = None,
    modes: tuple[TransportMode, ...] = tuple(TransportMode),
) -> TransportLeg:
    """Transport legs, optionally between given places and with given modes."""
    planned = draw(_times())
    actual = draw(_times())
    start = departure or draw(locodes())
    end = arrival or draw(locodes())
    start_port, end_port = draw(_port_of(start)), draw(_port_of(end))
    return TransportLeg(
        mode=draw(st.sampled_from(modes)),
        departure_place=start if start_port is None or draw(st.booleans()) else None,
        arrival_place=end if end_port is None or draw(st.booleans()) else None,
        departure_port=start_port,
        arrival_port=end_port,
        carrier=draw(st.none() | texts()),
        voyage=draw(st.none() | texts(1, 10)),
        means=draw(
            st.none()
            | st.builds(
                TransportMeans,
                kind=st.sampled_from(list(TransportMeansKind)),
                name=st.none() | texts(),
                model=st.none() | texts(),
                identifier=st.none() | texts(1, 12),
            )
        ),
        planned_departure=planned[0],
        planned_arrival=planned[1],
        actual_departure=actual[0],
        actual_arrival=actual[1],
    )


def _port_of(locode: str) -> st.SearchStrategy[Port | None]:
    """No port, or a port by name in the country of `locode`."""
    return st.none() | st.builds(Port, name=texts(), country=st.just(Country.get(locode[:2])))


@register_strategy(TransportLeg)
def _leg() -> st.SearchStrategy[TransportLeg]:
    return transport_legs()


@register_strategy(TradeDocument)
def _document() -> st.SearchStrategy[TradeDocument]:
    return st.builds(
        TradeDocument,
        kind=st.sampled_from(list(TradeDocumentKind)),
        number=st.none() | texts(1, 20),
        date=st.none() | partial_dates(),
    )


@register_strategy(OriginProof)
def _origin() -> st.SearchStrategy[OriginProof]:
    return st.builds(
        OriginProof,
        kind=st.sampled_from(list(OriginProofKind)),
        agreement=st.sampled_from(_AGREEMENTS),
        form=st.none() | texts(1, 20),
        number=st.none() | texts(1, 20),
        date=st.none() | partial_dates(),
    )


@register_strategy(StatusEvent)
def _event() -> st.SearchStrategy[StatusEvent]:
    return status_events()


@st.composite
def status_events(draw: st.DrawFn, supersedes: int | None = None) -> StatusEvent:
    """Status events, correcting event `supersedes` when given."""
    dated = draw(st.booleans())
    return StatusEvent(
        status=draw(st.sampled_from(list(ShipmentStatus))),
        time=None if dated else draw(aware_datetimes()),
        date=draw(partial_dates()) if dated else None,
        place=draw(st.none() | texts()),
        region=draw(st.none() | _region()),
        note=draw(st.none() | texts()),
        supersedes=supersedes,
    )


@st.composite
def event_histories(draw: st.DrawFn) -> tuple[StatusEvent, ...]:
    """Append-only histories where each correction replaces one earlier event."""
    out: list[StatusEvent] = []
    corrected: set[int] = set()
    for i in range(draw(st.integers(0, 5))):
        free = [j for j in range(i) if j not in corrected]
        target = draw(st.none() | st.sampled_from(free)) if free else None
        if target is not None:
            corrected.add(target)
        out.append(draw(status_events(supersedes=target)))
    return tuple(out)


_WATER = (TransportMode.SEA, TransportMode.INLAND_WATERWAY)
_LAND = (TransportMode.ROAD, TransportMode.RAIL)


@st.composite
def export_shipments(draw: st.DrawFn, release: Ref | None = None) -> ExportShipment:
    """Valid export shipments; `release` sets the release they belong to."""
    consignee = draw(_consignee())
    dest = consignee.country.code
    currency = draw(st.none() | st.sampled_from(_CURRENCIES))
    lines = tuple(draw(st.lists(goods_lines(currency), max_size=3)))
    invoice = None
    if currency is not None and lines:
        invoice = Money.sum((x.value for x in lines if x.value is not None), currency=currency)
    gross = draw(st.none() | positive_decimals())
    net = None
    if draw(st.booleans()):
        net = draw(positive_decimals())
        if gross is not None and net > gross:
            net = gross
    incoterm = draw(st.none() | st.sampled_from(list(Incoterm)))
    n_legs = draw(st.integers(0, 3))
    places = [draw(locodes("ID"))] + [draw(locodes()) for _ in range(n_legs - 1)]
    places.append(draw(locodes(dest)))
    if incoterm is not None and incoterm.sea_only:
        modes = [draw(st.sampled_from(_WATER + _LAND)) for _ in range(n_legs)]
        if n_legs:
            modes[draw(st.integers(0, n_legs - 1))] = draw(st.sampled_from(_WATER))
    else:
        modes = [draw(st.sampled_from(list(TransportMode))) for _ in range(n_legs)]
    legs = tuple(draw(transport_legs(places[i], places[i + 1], (modes[i],))) for i in range(n_legs))
    base = ExportShipment(
        id=draw(record_ids("shipment")),
        title=draw(st.none() | texts()),
        exporter=draw(st.none() | _exporter()),
        consignee=consignee,
        goods=lines,
        packages=tuple(draw(st.lists(_package(), max_size=2))),
        net_weight_kg=net,
        gross_weight_kg=gross,
        invoice_total=invoice,
        delivery=None
        if incoterm is None
        else DeliveryTerms(incoterm=incoterm, named_place=draw(texts())),
        legs=legs,
        documents=tuple(draw(st.lists(_document(), max_size=3))),
        events=draw(event_histories()),
        program=draw(st.none() | texts()),
        facilitator=draw(st.none() | _organization_of(allow_group=False)),
        logistics_provider=draw(
            st.none()
            | st.builds(
                Organization, name=texts(), kind=st.just(OrganizationKind.LOGISTICS_PROVIDER)
            )
        ),
        release=release
        if release is not None
        else draw(
            st.none() | record_ids("release").map(lambda i: Ref(type="export_release", id=i))
        ),
        links=tuple(
            draw(
                st.lists(
                    st.builds(
                        Ref, type=st.sampled_from(("mou", "agreement")), id=record_ids("mou")
                    ),
                    max_size=2,
                )
            )
        ),
        extensions=draw(extensions()),
    )
    day = base.export_date()
    if day is not None and day.precision is DatePrecision.DAY:
        pool = tuple(sorted({r.agreement for r in allowed_origin_rules(dest, day)}))
    else:
        pool = _AGREEMENTS
    origin = draw(
        st.none()
        | st.builds(
            OriginProof,
            kind=st.sampled_from(list(OriginProofKind)),
            agreement=st.sampled_from(pool),
            form=st.none() | texts(1, 20),
            number=st.none() | texts(1, 20),
        )
    )
    if origin is None:
        return base
    return attrs.evolve(base, origin=origin)


@register_strategy(ExportShipment)
def _shipment() -> st.SearchStrategy[ExportShipment]:
    return export_shipments()


@register_strategy(ExportRelease)
def _release() -> st.SearchStrategy[ExportRelease]:
    return st.builds(
        ExportRelease,
        id=record_ids("release"),
        title=texts(),
        date=partial_dates(),
        place=st.none() | _region(),
        venue=st.none() | texts(),
        program=st.none() | texts(),
        facilitator=st.none() | _organization_of(allow_group=False),
        shipments=st.lists(record_ids("shipment"), unique=True, max_size=4).map(
            lambda ids: tuple(Ref(type="export_shipment", id=i) for i in ids)
        ),
        note=st.none() | texts(),
        extensions=extensions(),
    )
