"""Bundled example records: the Technolink export release of Surakarta (20 December 2021)."""

from __future__ import annotations

import pendulum

from ..records._base import Record, Ref
from ..records._shipments import (
    Consignee,
    ExportRelease,
    ExportShipment,
    GoodsLine,
    OriginProof,
    OriginProofKind,
    ShipmentStatus,
    StatusEvent,
)
from ..values._dates import PartialDate
from ..values._people import Organization, OrganizationKind
from ..values._places import Country, Region
from ..values._provenance import Source

RELEASE_ID = "release-technolink-surakarta-2021"

# Destination, origin agreement and form allowed for it on 20 December 2021.
_DESTINATIONS = (
    ("TW", "NON-PREF", "Form B"),
    ("TH", "ATIGA", "Form D"),
    ("JP", "IJEPA", "Form IJEPA"),
    ("QA", "NON-PREF", "Form B"),
    ("SG", "ATIGA", "Form D"),
    ("OM", "NON-PREF", "Form B"),
    ("BN", "ATIGA", "Form D"),
)

_NEWS = Source(
    title="Berita pelepasan ekspor perdana Technolink, Balai Kota Surakarta",
    published=PartialDate(year=2021, month=12, day=21),
    note="Untitled news report, published the day after the release (it says 'kemarin'). "
    "Reports the release on Monday 20 December 2021 at Balai Kota Surakarta, handled by "
    "Angkasa Pura Logistik; buyers largely Indonesian diaspora. The report gives no "
    "exporters' names, buyers' names, HS codes, quantities, weights, values, transport "
    "legs or customs document numbers: those fields are left empty, not guessed. The "
    "origin forms are those the shipped agreement table allows for each destination on "
    "that date (Japan: IJEPA; AJCEP would also fit), not read in the report.",
)


def build() -> list[Record]:
    """One release and its seven shipments, one per destination country."""
    surakarta = Region.get("33.72")
    city = Organization(
        name="Pemerintah Kota Surakarta",
        kind=OrganizationKind.REGIONAL_GOVERNMENT,
        region=surakarta,
    )
    logistics = Organization(name="Angkasa Pura Logistik", kind=OrganizationKind.LOGISTICS_PROVIDER)
    released_at = pendulum.datetime(2021, 12, 20, tz="Asia/Jakarta")
    release_event = StatusEvent(
        status=ShipmentStatus.RELEASED,
        time=released_at,
        place="Balai Kota Surakarta",
        region=surakarta,
        source=_NEWS,
        note="Released by the Wali Kota at the ceremony; the hour is not reported.",
    )
    shipments = [
        ExportShipment(
            id=f"shipment-technolink-2021-{code.lower()}",
            title=f"Ekspor perdana Technolink produk UMKM Surakarta ke {Country.get(code).name_id}",
            consignee=Consignee(country=Country.get(code)),
            goods=(
                GoodsLine(
                    description="Barang konsumsi produk UMKM Kota Surakarta: makanan, minuman "
                    "dan kebutuhan rumah tangga"
                ),
            ),
            origin=OriginProof(kind=OriginProofKind.CERTIFICATE, agreement=agreement, form=form),
            events=(release_event,),
            program="Technolink",
            facilitator=city,
            logistics_provider=logistics,
            release=Ref(type=ExportRelease.TYPE, id=RELEASE_ID),
            sources=(_NEWS,),
        )
        for code, agreement, form in _DESTINATIONS
    ]
    release = ExportRelease(
        id=RELEASE_ID,
        title="Pelepasan ekspor perdana Technolink produk UMKM Kota Surakarta",
        date=PartialDate(year=2021, month=12, day=20),
        place=surakarta,
        venue="Halaman Balai Kota Surakarta",
        program="Technolink",
        facilitator=city,
        logistics_provider=logistics,
        shipments=tuple(s.ref for s in shipments),
        note="Consumer goods (food, drinks, household needs) of Surakarta UMKM, mostly ordered "
        "by Indonesian diaspora abroad; released by the Wali Kota, Gibran Rakabuming Raka. "
        "The program followed the Technolink 'Solo Bergerak untuk Indonesia Tangguh' export "
        "training.",
        sources=(_NEWS,),
    )
    return [release, *shipments]
