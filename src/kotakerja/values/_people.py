"""People, the positions they hold, and organisations (*pejabat, jabatan, lembaga*)."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from .._errors import Problems, ValidationError
from .._model import check_fields, meta
from ._dates import PartialDate, Period
from ._places import Country, Region

__all__ = [
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
]


class OrganizationKind(str, enum.Enum):
    """What kind of body an organisation is (*jenis lembaga*)."""

    REGIONAL_GOVERNMENT = "regional_government"
    """Pemerintah daerah: a province, regency or city government."""
    MINISTRY = "ministry"
    """Kementerian or another central-government body."""
    FOREIGN_GOVERNMENT = "foreign_government"
    """A foreign national or local government."""
    CHAMBER_OF_COMMERCE = "chamber_of_commerce"
    """Kadin and its foreign counterparts."""
    ASSOCIATION = "association"
    """Asosiasi, e.g. APEKSI, APKASI, APPSI."""
    COMPANY = "company"
    """Perusahaan, BUMN or BUMD."""
    UMKM = "umkm"
    """Usaha mikro, kecil dan menengah."""
    BANK = "bank"
    """A bank, including Bank Indonesia and its regional offices."""
    LOGISTICS_PROVIDER = "logistics_provider"
    """Penyedia jasa logistik: forwarder, carrier, cargo handler."""
    UNIVERSITY = "university"
    """Perguruan tinggi."""
    NGO = "ngo"
    """Lembaga swadaya masyarakat."""
    GROUP = "group"
    """Kelompok: several organisations (e.g. UMKM groups) acting as one party."""
    OTHER = "other"
    """Anything else."""


class RoleClass(str, enum.Enum):
    """The class of a position, whatever its title says (*kelas jabatan*)."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    VICE_CHANCELLOR = "vice_chancellor"
    """Deputy head of government, e.g. the German Vizekanzler."""
    MINISTER = "minister"
    VICE_MINISTER = "vice_minister"
    AMBASSADOR = "ambassador"
    CONSUL = "consul"
    GOVERNOR = "governor"
    """Gubernur."""
    VICE_GOVERNOR = "vice_governor"
    REGENT = "regent"
    """Bupati."""
    VICE_REGENT = "vice_regent"
    MAYOR = "mayor"
    """Wali kota."""
    VICE_MAYOR = "vice_mayor"
    REGIONAL_SECRETARY = "regional_secretary"
    """Sekretaris daerah."""
    HEAD_OF_AGENCY = "head_of_agency"
    """Kepala perangkat daerah or dinas."""
    LEGISLATOR = "legislator"
    """Member or chair of a DPRD or parliament."""
    RECTOR = "rector"
    CHAIR = "chair"
    """Ketua or ketua umum of a chamber, association or board."""
    VICE_CHAIR = "vice_chair"
    SECRETARY_GENERAL = "secretary_general"
    DIRECTOR = "director"
    HEAD_OF_OFFICE = "head_of_office"
    """Kepala kantor, e.g. a Bank Indonesia regional office."""
    OWNER = "owner"
    """Owner of an UMKM or company."""
    OFFICIAL = "official"
    OTHER = "other"


class ActingStatus(str, enum.Enum):
    """Whether the holder is definitive or acting (*status jabatan*)."""

    DEFINITIVE = "definitive"
    """Definitif."""
    PJ = "pj"
    """Penjabat: appointed to fill the office until an elected holder takes it."""
    PLT = "plt"
    """Pelaksana Tugas: carries out the duties while the holder is absent."""
    PJS = "pjs"
    """Penjabat Sementara: temporary holder during an election campaign."""
    PLH = "plh"
    """Pelaksana Harian: carries out the daily duties for a short absence."""


_ACTING_PREFIX = {
    ActingStatus.DEFINITIVE: "",
    ActingStatus.PJ: "Pj",
    ActingStatus.PLT: "Plt",
    ActingStatus.PJS: "Pjs",
    ActingStatus.PLH: "Plh",
}

_DEPUTY_ROLES = frozenset({"vice_governor", "vice_regent", "vice_mayor"})


def _npwp() -> Any:
    """python-stdnum's NPWP module, imported on first use (it is slow to import)."""
    from stdnum.id import npwp

    return npwp


def _stdnum_error() -> type[Exception]:
    from stdnum.exceptions import ValidationError as StdnumError

    return StdnumError


def compact_npwp(text: str) -> str:
    """The digits of an NPWP written with dots and dashes, validated.

    >>> compact_npwp("01.300.066.6-091.000")
    '013000666091000'
    """
    try:
        result: str = _npwp().validate(text)
    except _stdnum_error() as e:
        raise ValidationError.single(
            "", "kotakerja.npwp.invalid", f"{text!r} is not a valid NPWP: {e}"
        ) from None
    return result


def format_npwp(number: str) -> str:
    """The usual printed form of a valid NPWP: ``01.300.066.6-091.000``.

    A number that is not a valid NPWP (wrong length, characters or check digit) is a
    `ValidationError` (``kotakerja.npwp.invalid``).
    """
    if not isinstance(number, str):
        raise ValidationError.single(
            "", "kotakerja.type", f"expected an NPWP string, got {type(number).__name__}"
        )
    try:
        result: str = _npwp().format(_npwp().validate(number))
    except _stdnum_error() as e:
        raise ValidationError.single(
            "", "kotakerja.npwp.invalid", f"{number[:40]!r} is not a valid NPWP: {e}"
        ) from None
    return result


@attrs.frozen(kw_only=True)
class Person:
    """A named person; the positions they hold are recorded where they act."""

    name: str = attrs.field(metadata=meta(max_length=200, description="Name as written."))
    honorifics: tuple[str, ...] = attrs.field(
        default=(),
        metadata=meta(description="Titles such as 'Dr.' or 'H.', kept apart from the name."),
    )

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Organization:
    """A government, chamber, company, UMKM, university or other body.

    Indonesian organisations carry their seat `region`; foreign ones their
    `country`. `nib` (13 digits) and `npwp` (15 or 16 digits, checked) are the
    Indonesian business and tax numbers, stored as digits only.
    """

    RULES = (
        "a regional_government has a region (Indonesian) or is a foreign_government",
        "region and a non-Indonesian country exclude each other",
        "nib is 13 digits; npwp passes the python-stdnum check",
        "members are given only for a group",
    )

    name: str = attrs.field(metadata=meta(max_length=300))
    kind: OrganizationKind
    abbreviation: str | None = None
    region: Region | None = None
    country: Country | None = None
    nib: str | None = attrs.field(default=None, metadata=meta(pattern=r"[0-9]{13}"))
    npwp: str | None = attrs.field(default=None, metadata=meta(pattern=r"[0-9]{15,16}"))
    members: tuple[Organization, ...] = ()

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        foreign = self.country is not None and self.country.code != "ID"
        if self.kind is OrganizationKind.REGIONAL_GOVERNMENT and self.region is None:
            p.add(
                "region",
                "kotakerja.organization.region_required",
                "a regional government needs its region; "
                "use kind foreign_government for a government abroad",
            )
        if self.region is not None and foreign:
            p.add(
                "country",
                "kotakerja.organization.region_abroad",
                f"an organisation in {self.country} cannot have an Indonesian region",
            )
        if self.npwp is not None:
            try:
                _npwp().validate(self.npwp)
            except _stdnum_error() as e:
                p.add(
                    "npwp",
                    "kotakerja.npwp.invalid",
                    f"{self.npwp} is not a valid NPWP: {e}",
                )
        if foreign and (self.nib is not None or self.npwp is not None):
            p.add(
                "nib" if self.nib is not None else "npwp",
                "kotakerja.organization.foreign_id_number",
                "NIB and NPWP belong to Indonesian organisations",
            )
        if self.members and self.kind is not OrganizationKind.GROUP:
            p.add(
                "members",
                "kotakerja.organization.members_without_group",
                f"members are for kind 'group', not {self.kind.value!r}",
            )

    @property
    def is_foreign(self) -> bool:
        """True for an organisation based outside Indonesia."""
        return self.country is not None and self.country.code != "ID"


@attrs.frozen(kw_only=True)
class Position:
    """A position held at a given time: the title as written, its class, and acting status.

    >>> p = Position(title="Gubernur DKI Jakarta", role=RoleClass.GOVERNOR, acting=ActingStatus.PJ)
    >>> p.label
    'Pj Gubernur DKI Jakarta'
    """

    title: str = attrs.field(metadata=meta(max_length=300, description="Title as written."))
    role: RoleClass
    organization: Organization | None = None
    acting: ActingStatus = ActingStatus.DEFINITIVE
    period: Period | None = None

    __attrs_post_init__ = check_fields

    @property
    def is_acting(self) -> bool:
        """True for Pj, Pjs, Plt and Plh holders."""
        return self.acting is not ActingStatus.DEFINITIVE

    @property
    def is_deputy(self) -> bool:
        """True for a Wakil Gubernur, Wakil Bupati or Wakil Wali Kota."""
        return self.role.value in _DEPUTY_ROLES

    @property
    def label(self) -> str:
        """The title with its acting prefix, as a press release writes it."""
        prefix = _ACTING_PREFIX[self.acting]
        if prefix and not self.title.lower().startswith(prefix.lower() + " "):
            return f"{prefix} {self.title}"
        return self.title


class AuthorityKind(str, enum.Enum):
    """The kind of letter that lets someone sign in another's place (*dasar kewenangan*)."""

    POWER_OF_ATTORNEY = "power_of_attorney"
    """Surat kuasa: the kepala daerah empowers a Sekda, an OPD head or a deputy to sign."""
    DELEGATION = "delegation"
    """Surat tugas or pelimpahan wewenang: a deputy acting for the kepala daerah."""
    APPOINTMENT = "appointment"
    """The decree (SK) appointing a Pj, Pjs, Plt or Plh."""
    CONSENT = "consent"
    """Written consent of the Minister of Home Affairs for an acting official to sign."""


class AuthorityStatus(str, enum.Enum):
    """What is known of the letter (*keterangan surat*)."""

    LETTER = "letter"
    """The letter is recorded: its number, date or issuer."""
    LETTER_DETAILS_UNKNOWN = "letter_details_unknown"
    """A letter exists (the text or a report says so) but its details are unknown."""
    NONE = "none"
    """It is known that there was no such letter."""


@attrs.frozen(kw_only=True)
class Authority:
    """The basis on which a deputy, a delegate or an acting official signs.

    >>> Authority(kind=AuthorityKind.POWER_OF_ATTORNEY, number="180/12/2021").has_basis
    True
    """

    RULES = (
        "status letter needs a number, date or issuer",
        "status letter_details_unknown or none has no number, date or issuer",
    )

    kind: AuthorityKind = AuthorityKind.POWER_OF_ATTORNEY
    status: AuthorityStatus = AuthorityStatus.LETTER
    number: str | None = attrs.field(default=None, metadata=meta(max_length=200))
    date: PartialDate | None = None
    issuer: str | None = attrs.field(default=None, metadata=meta(max_length=300))
    note: str | None = None

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        details = self.number is not None or self.date is not None or self.issuer is not None
        if self.status is AuthorityStatus.LETTER and not details:
            p.add(
                "status",
                "kotakerja.authority.letter_without_details",
                "a recorded letter needs its number, date or issuer; use status "
                "letter_details_unknown when only its existence is known",
            )
        elif self.status is not AuthorityStatus.LETTER and details:
            p.add(
                "status",
                "kotakerja.authority.details_without_letter",
                f"status {self.status.value} has no number, date or issuer; use status letter",
            )

    @property
    def has_basis(self) -> bool:
        """True when a letter exists, recorded or not."""
        return self.status is not AuthorityStatus.NONE
