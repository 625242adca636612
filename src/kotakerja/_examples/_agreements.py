"""Bundled example records: the MoUs of the seed cases."""

from __future__ import annotations

from ..records._agreements import (
    DocumentKind,
    KsdplKind,
    Mou,
    Party,
    Scheme,
    Signature,
    SigningMethod,
    Witness,
)
from ..records._base import Record
from ..values._dates import PartialDate
from ..values._people import Organization, OrganizationKind, Person, Position, RoleClass
from ..values._places import Country, ForeignLocality, LocalityLevel, Region
from ..values._provenance import Source


def _official(name: str, title: str, role: RoleClass) -> Witness:
    return Witness(person=Person(name=name), position=Position(title=title, role=role))


def shanghai() -> ForeignLocality:
    """Shanghai, a province-level municipality: Jakarta's sister city."""
    return ForeignLocality(
        name="Shanghai",
        country=Country.get("CN"),
        level=LocalityLevel.PROVINCE,
        time_zone="Asia/Shanghai",
    )


def build() -> list[Record]:
    """The three MoUs: Jakarta–Shanghai (2020) and the two signed at Hotel Paragon Solo (2021)."""
    jakarta_shanghai = Mou(
        id="mou-jakarta-shanghai-2020",
        title="Nota kesepahaman kerja sama kota bersahabat Jakarta–Shanghai",
        kind=DocumentKind.NOTA_KESEPAHAMAN,
        scheme=Scheme.KSDPL,
        ksdpl_kind=KsdplKind.SISTER_CITY,
        parties=(Party(region=Region.get("31")), Party(locality=shanghai())),
        signatures=(
            Signature(
                party=0, date=PartialDate(year=2020, month=10, day=23), method=SigningMethod.POST
            ),
            Signature(
                party=1, date=PartialDate(year=2020, month=10, day=23), method=SigningMethod.POST
            ),
        ),
        sources=(
            Source(
                title="Heru Budi Hartono bertemu Wali Kota Shanghai Gong Zheng",
                publisher="Bisnis.com",
                published=PartialDate(year=2023, month=4, day=28),
                note="Reports the MoU as signed by post on 23 October 2020; Shanghai is a "
                "province-level municipality, hence of equal standing with DKI Jakarta.",
            ),
        ),
    )
    paragon = Region.get("33.72")
    ceremony = PartialDate(year=2021, month=12, day=13)
    witnesses = (
        _official("Gibran Rakabuming Raka", "Wali Kota Surakarta", RoleClass.MAYOR),
        _official("Abdullah Abu Bakar", "Wali Kota Kediri", RoleClass.MAYOR),
        _official("Adik Dwi Putranto", "Ketua Kadin Jawa Timur", RoleClass.CHAIR),
        _official("Kukrit Wicaksono", "Ketua Kadin Jawa Tengah", RoleClass.CHAIR),
        _official("Sofyan Kurnia", "Kepala KPwBI Kediri", RoleClass.HEAD_OF_OFFICE),
        _official("Nugroho Joko Prastowo", "Kepala KPwBI Solo", RoleClass.HEAD_OF_OFFICE),
    )
    source = Source(
        title="Kerja sama business to business Kadin Kota Kediri dan Kadin Surakarta",
        publisher="BANGSAONLINE.com",
        published=PartialDate(year=2021, month=12),
    )

    def signed(party: int) -> Signature:
        return Signature(
            party=party,
            date=ceremony,
            place=paragon,
            venue="Hotel Paragon Solo",
            method=SigningMethod.IN_PERSON,
        )

    kadin = Mou(
        id="mou-kadin-kediri-surakarta-2021",
        title="MoU kerja sama business to business Kadin Kota Kediri dan Kadin Surakarta",
        kind=DocumentKind.MEMORANDUM_OF_UNDERSTANDING,
        scheme=Scheme.BUSINESS,
        topics=("umkm", "trade", "digital_economy"),
        parties=(
            Party(
                organization=Organization(
                    name="Kadin Kota Kediri",
                    kind=OrganizationKind.CHAMBER_OF_COMMERCE,
                    region=Region.get("35.71"),
                )
            ),
            Party(
                organization=Organization(
                    name="Kadin Surakarta",
                    kind=OrganizationKind.CHAMBER_OF_COMMERCE,
                    region=paragon,
                )
            ),
        ),
        signatures=(signed(0), signed(1)),
        witnesses=witnesses,
        sources=(source,),
    )
    umkm = Mou(
        id="mou-umkm-kediri-surakarta-2021",
        title="MoU UMKM Kota Kediri dan UMKM Kota Surakarta",
        kind=DocumentKind.MEMORANDUM_OF_UNDERSTANDING,
        scheme=Scheme.BUSINESS,
        topics=("umkm", "trade"),
        parties=(
            Party(
                organization=Organization(
                    name="UMKM Kota Kediri",
                    kind=OrganizationKind.GROUP,
                    region=Region.get("35.71"),
                )
            ),
            Party(
                organization=Organization(
                    name="UMKM Kota Surakarta", kind=OrganizationKind.GROUP, region=paragon
                )
            ),
        ),
        signatures=(signed(0), signed(1)),
        witnesses=witnesses,
        sources=(source,),
    )
    return [jakarta_shanghai, kadin, umkm]
