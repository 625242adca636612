"""MoUs (*kesepakatan bersama*, *nota kesepahaman*) and the KSD scheme rules of PP 28/2018."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs
import pendulum

from .._errors import Finding, Problems, Severity, ValidationError
from .._model import check_fields, meta
from .._policy import Policy
from ..values._dates import PartialDate, Period
from ..values._money import Money
from ..values._people import (
    Authority,
    AuthorityKind,
    Organization,
    OrganizationKind,
    Person,
    Position,
)
from ..values._places import ForeignLocality, LocalityLevel, Region, RegionLevel
from ..values._provenance import Source
from ._base import Record, Ref, check_ref_type

__all__ = [
    "Agreement",
    "Amendment",
    "AmendmentKind",
    "Approval",
    "ApprovalKind",
    "ClauseChange",
    "DocumentLink",
    "Effective",
    "Lineage",
    "LineageLink",
    "LinkRole",
    "lineage_findings",
    "Rules",
    "rules_in_force",
    "SignatoryRole",
    "SigningCapacity",
    "Document",
    "Obligation",
    "PksContent",
    "Renewal",
    "Stage",
    "StageEvent",
    "Termination",
    "TerminationGround",
    "Terms",
    "DocumentKind",
    "DocumentStatus",
    "EffectiveRule",
    "KsddKind",
    "KsdplKind",
    "Mou",
    "Party",
    "Scheme",
    "Signature",
    "SigningMethod",
    "Term",
    "Witness",
]


class Scheme(str, enum.Enum):
    """Cooperation scheme (*skema kerja sama*), PP 28/2018, or cooperation outside it."""

    KSDD = "ksdd"
    """Kerja sama daerah dengan daerah lain."""
    KSDPK = "ksdpk"
    """Kerja sama daerah dengan pihak ketiga."""
    KSDPL = "ksdpl"
    """Kerja sama daerah dengan pemerintah daerah di luar negeri."""
    KSDLL = "ksdll"
    """Kerja sama daerah dengan lembaga di luar negeri."""
    BUSINESS = "business"
    """Kerja sama bisnis (business to business), outside PP 28/2018."""
    OTHER = "other"
    """Lainnya: associations, programs, anything else outside PP 28/2018."""


class KsddKind(str, enum.Enum):
    """Whether a KSDD is mandatory or voluntary (*wajib*, *sukarela*)."""

    WAJIB = "wajib"
    SUKARELA = "sukarela"


class KsdplKind(str, enum.Enum):
    """Kind of KSDPL (*kota/provinsi kembar*)."""

    SISTER_CITY = "sister_city"
    SISTER_PROVINCE = "sister_province"
    OTHER = "other"


class DocumentKind(str, enum.Enum):
    """What the document calls itself (*jenis dokumen*)."""

    KESEPAKATAN_BERSAMA = "kesepakatan_bersama"
    NOTA_KESEPAHAMAN = "nota_kesepahaman"
    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding"
    LETTER_OF_INTENT = "letter_of_intent"
    """Surat Pernyataan Kehendak, before a KSDPL/KSDLL MoU."""
    OTHER = "other"


class SigningMethod(str, enum.Enum):
    """How a party signed (*cara penandatanganan*)."""

    IN_PERSON = "in_person"
    """Di hadapan para pihak, at a ceremony."""
    POST = "post"
    """Melalui pos: each party on its own date and place."""
    ELECTRONIC = "electronic"
    """Tanda tangan elektronik."""


class EffectiveRule(str, enum.Enum):
    """When the document takes effect (*mulai berlaku*)."""

    ON_LAST_SIGNATURE = "on_last_signature"
    ON_DATE = "on_date"


class DocumentStatus(str, enum.Enum):
    """Where a document stands on a date (*status*)."""

    DRAFT = "draft"
    NEGOTIATING = "negotiating"
    """A lifecycle stage before signing has been reached."""
    SIGNED = "signed"
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    TERMINATED = "terminated"


_CITY_LEVELS = {RegionLevel.KOTA, RegionLevel.KOTA_ADMINISTRASI, RegionLevel.KABUPATEN,
                RegionLevel.KABUPATEN_ADMINISTRASI}  # fmt: skip
_FOREIGN_CITY = {LocalityLevel.CITY, LocalityLevel.MUNICIPALITY, LocalityLevel.COUNTY,
                 LocalityLevel.DISTRICT}  # fmt: skip


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


_LAST_DAY = pendulum.Date(9999, 12, 31)


def _covering(first: pendulum.Date, last: pendulum.Date) -> PartialDate:
    """The most precise partial date holding every day from `first` to `last` (one year)."""
    if first == last:
        return PartialDate.of(first)
    if first.month == last.month:
        return PartialDate(year=first.year, month=first.month)
    return PartialDate(year=first.year)


def _after(day: pendulum.Date, years: int, months: int) -> pendulum.Date | None:
    """The last day of a term of `years` and `months` from `day`; None after 9999-12-31."""
    try:
        period = Period.from_duration(PartialDate.of(day), years=years, months=months)
    except ValidationError as e:
        if e.errors[0].code != "kotakerja.period.out_of_range":
            raise
        return None
    assert period.end is not None
    return period.end.to_date()


@attrs.frozen(kw_only=True)
class Effective:
    """When a document takes effect, as far as its record tells.

    `exact` is False when `date` is only a lower bound (a signing date unknown) or
    None; `note` then says why.
    """

    date: PartialDate | None
    exact: bool
    note: str | None = None


@attrs.frozen(kw_only=True)
class Rules:
    """The regulations on regional cooperation in force on a date.

    >>> rules_in_force(PartialDate(year=2015)).cite(foreign=True)
    'PP 50/2007, Permendagri 3/2008'
    """

    regulated: bool
    """False before PP 50/2007: no regulated procedure to hold a document to."""
    government: str | None
    """The government regulation: ``PP 50/2007`` or ``PP 28/2018``."""
    domestic: str | None = None
    """The ministerial regulation for KSDD and KSDPK."""
    foreign: str | None = None
    """The ministerial regulation for KSDPL and KSDLL."""

    def cite(self, *, foreign: bool) -> str:
        """The regulations to cite for a domestic or a foreign cooperation."""
        extra = self.foreign if foreign else self.domestic
        parts = [x for x in (self.government, extra) if x is not None]
        return ", ".join(parts) or "no regulation"


def rules_in_force(date: PartialDate | None) -> Rules:
    """The regulations in force on `date` (by its year); today's when `date` is None.

    PP 28/2018 from 2018, with Permendagri 22/2020 (KSDD, KSDPK) and 25/2020
    (KSDPL, KSDLL) from 2020; PP 50/2007 from 2007, with Permendagri 3/2008 from
    2008 and 22/2009 from 2009; nothing before 2007.
    """
    year = PartialDate.today().year if date is None else date.latest().year
    if year >= 2020:
        return Rules(
            regulated=True,
            government="PP 28/2018",
            domestic="Permendagri 22/2020",
            foreign="Permendagri 25/2020",
        )
    if year >= 2018:
        return Rules(regulated=True, government="PP 28/2018")
    if year >= 2007:
        return Rules(
            regulated=True,
            government="PP 50/2007",
            domestic="Permendagri 22/2009" if year >= 2009 else None,
            foreign="Permendagri 3/2008" if year >= 2008 else None,
        )
    return Rules(regulated=False, government=None)


@attrs.frozen(kw_only=True)
class Party:
    """One side of a document: an Indonesian region, a foreign locality, or an organisation.

    `document_number` is the number this party gives the document in its own register.
    """

    RULES = ("exactly one of region, locality, organization",)

    region: Region | None = None
    locality: ForeignLocality | None = None
    organization: Organization | None = None
    document_number: str | None = attrs.field(default=None, metadata=meta(max_length=200))

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        given = (
            (self.region is not None)
            + (self.locality is not None)
            + (self.organization is not None)
        )
        if given != 1:
            p.add(
                "",
                "kotakerja.party.one_identity",
                f"a party is exactly one of region, locality or organization; {given} given",
            )

    @property
    def is_indonesian_government(self) -> bool:
        org = self.organization
        return self.region is not None or (
            org is not None and org.kind is OrganizationKind.REGIONAL_GOVERNMENT
        )

    @property
    def is_foreign_government(self) -> bool:
        org = self.organization
        return self.locality is not None or (
            org is not None and org.kind is OrganizationKind.FOREIGN_GOVERNMENT
        )

    @property
    def _identity(self) -> tuple[str, ...]:
        """What makes two parties the same: region code, locality or organisation name and kind.

        Names are compared without regard to case or repeated spaces.
        """
        if self.region is not None:
            return ("region", self.region.code)
        if self.locality is not None:
            loc = self.locality
            return ("locality", loc.country.code, _folded(loc.name))
        assert self.organization is not None
        org = self.organization
        return ("organization", org.kind.value, _folded(org.name))

    @property
    def name(self) -> str:
        """The party as a register lists it, in Indonesian: ``Pemerintah Kota Surakarta``."""
        return self.label("id")

    def label(self, locale: str = "id") -> str:
        """The party's name in Indonesian (``id``) or English (``en``).

        >>> Party(region=Region.get("33.72")).label("en")
        'Surakarta City Government'
        """
        if self.region is not None:
            return self.region.government(locale)
        if self.locality is not None:
            return self.locality.format(locale)
        assert self.organization is not None
        return self.organization.name


@attrs.frozen(kw_only=True)
class Witness:
    """A witness to a signature (*saksi*)."""

    person: Person | None = None
    position: Position | None = None

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.person is None and self.position is None:
            p.add("", "kotakerja.witness.empty", "a witness needs a person or a position")


class SignatoryRole(str, enum.Enum):
    """What a signature is among a party's signatures (*peran penanda tangan*)."""

    SIGNATORY = "signatory"
    """The party's signatory."""
    CO_SIGNATORY = "co_signatory"
    """One of several who sign together for the party (e.g. Gubernur and Ketua DPRD)."""
    REPRESENTATIVE = "representative"
    """Signs first for the party, pending a countersignature."""
    COUNTERSIGNATURE = "countersignature"
    """Confirms a representative's signature later (*tanda tangan pengesahan*)."""


class SigningCapacity(str, enum.Enum):
    """In which capacity the signatory signs (*kapasitas*)."""

    OWN_RIGHT = "own_right"
    """The holder of the office signs for it: a definitive kepala daerah, a rector."""
    DEPUTY = "deputy"
    """Wakil Gubernur, Wakil Bupati or Wakil Wali Kota in the kepala daerah's place."""
    DELEGATE = "delegate"
    """Under a power of attorney (*surat kuasa*): a Sekda, a head of a perangkat daerah."""
    ACTING = "acting"
    """An acting official: Pj, Pjs, Plt or Plh."""


@attrs.frozen(kw_only=True)
class Signature:
    """One signature for a party: who, in which position, when, where and how.

    A party may have several: co-signatories, or a representative now and a
    countersignature later, each with its own date and place. The signatory may be
    unknown (a press report that a party signed, without a name), and so may the
    date. A deputy, a delegate or an acting official signs on an `authority`.
    """

    party: int = attrs.field(metadata=meta(minimum=0, description="Index into parties."))
    signatory: Person | None = None
    position: Position | None = None
    date: PartialDate | None = None
    place: Region | ForeignLocality | None = None
    venue: str | None = None
    method: SigningMethod = SigningMethod.IN_PERSON
    delegation_letter: str | None = attrs.field(
        default=None, metadata=meta(description="Number of the surat kuasa, if signed by delegate.")
    )
    witnesses: tuple[Witness, ...] = ()
    source: Source | None = None
    role: SignatoryRole | None = attrs.field(
        default=None, metadata=meta(description="Among the party's signatures; unset: signatory.")
    )
    capacity: SigningCapacity | None = attrs.field(
        default=None, metadata=meta(description="Unset: read from the position.")
    )
    authority: Authority | None = None

    __attrs_post_init__ = check_fields

    @property
    def signs_as(self) -> SigningCapacity:
        """The capacity given, or the one the position shows (acting, deputy, own right)."""
        if self.capacity is not None:
            return self.capacity
        pos = self.position
        if pos is not None and pos.is_acting:
            return SigningCapacity.ACTING
        if pos is not None and pos.is_deputy:
            return SigningCapacity.DEPUTY
        if self.delegation_letter is not None:
            return SigningCapacity.DELEGATE
        return SigningCapacity.OWN_RIGHT

    @property
    def has_authority(self) -> bool | None:
        """Whether a letter is the basis of this signature; None when nothing is recorded."""
        if self.delegation_letter is not None:
            return True
        if self.authority is None:
            return None
        return self.authority.has_basis


class Renewal(str, enum.Enum):
    """How a term may be renewed (*perpanjangan*)."""

    NONE = "none"
    AUTOMATIC = "automatic"
    BY_AGREEMENT = "by_agreement"


class Stage(str, enum.Enum):
    """Lifecycle stages (*tahapan*) of Permendagri 25/2020 and 22/2020."""

    INITIATIVE = "initiative"
    """Prakarsa."""
    PREPARATION = "preparation"
    """Persiapan."""
    OFFER = "offer"
    """Penawaran."""
    EXPLORATION = "exploration"
    """Penjajakan."""
    LETTER_OF_INTENT = "letter_of_intent"
    """Pernyataan kehendak."""
    COOPERATION_PLAN = "cooperation_plan"
    """Rencana kerja sama."""
    DPRD_APPROVAL = "dprd_approval"
    MINISTRY_CONSENT = "ministry_consent"
    DRAFTING = "drafting"
    """Penyusunan rancangan naskah."""
    SIGNING = "signing"
    IMPLEMENTATION = "implementation"
    MONITORING = "monitoring"
    """Monitoring dan evaluasi."""
    ENDED = "ended"


_BEFORE_SIGNING = {
    Stage.INITIATIVE, Stage.PREPARATION, Stage.OFFER, Stage.EXPLORATION,
    Stage.LETTER_OF_INTENT, Stage.COOPERATION_PLAN, Stage.DPRD_APPROVAL,
    Stage.MINISTRY_CONSENT, Stage.DRAFTING,
}  # fmt: skip


@attrs.frozen(kw_only=True)
class StageEvent:
    """A lifecycle stage reached on a date."""

    stage: Stage
    date: PartialDate
    note: str | None = None
    source: Source | None = None

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Term:
    """When a document takes effect and for how long (*jangka waktu*).

    The length is a duration (`years`, `months` from the effective date) or an
    explicit `end`; `renewal` and `notice_days` say how it may continue. A term that
    renews automatically runs on in periods of `renewal_years` and `renewal_months`
    (unset: the term's own length) until terminated, or for at most `max_renewals`.
    """

    effective: EffectiveRule = EffectiveRule.ON_LAST_SIGNATURE
    effective_date: PartialDate | None = None
    years: int = attrs.field(default=0, metadata=meta(minimum=0, maximum=100))
    months: int = attrs.field(default=0, metadata=meta(minimum=0, maximum=1200))
    end: PartialDate | None = None
    renewal: Renewal = Renewal.NONE
    notice_days: int | None = attrs.field(default=None, metadata=meta(minimum=0))
    renewal_years: int | None = attrs.field(default=None, metadata=meta(minimum=0, maximum=100))
    renewal_months: int | None = attrs.field(default=None, metadata=meta(minimum=0, maximum=1200))
    max_renewals: int | None = attrs.field(default=None, metadata=meta(minimum=0))

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.effective is EffectiveRule.ON_DATE and self.effective_date is None:
            p.add(
                "effective_date", "kotakerja.term.date_required", "effective on_date needs a date"
            )
        if self.end is not None and (self.years or self.months):
            p.add("end", "kotakerja.term.end_and_duration", "give a duration or an end, not both")
        renews = (
            self.renewal_years is not None
            or self.renewal_months is not None
            or self.max_renewals is not None
        )
        if renews and self.renewal is not Renewal.AUTOMATIC:
            p.add(
                "renewal",
                "kotakerja.term.renewal_details",
                "renewal_years, renewal_months and max_renewals are for automatic renewal",
            )
        if (
            (self.renewal_years or 0) == 0
            and (self.renewal_months or 0) == 0
            and (self.renewal_years is not None or self.renewal_months is not None)
        ):
            p.add(
                "renewal_years",
                "kotakerja.term.renewal_length",
                "a renewal period needs a length of at least one month",
            )

    def renewal_length(self) -> tuple[int, int] | None:
        """Years and months of one automatic renewal; None when none or unknown."""
        if self.renewal is not Renewal.AUTOMATIC:
            return None
        if self.renewal_years is not None or self.renewal_months is not None:
            return self.renewal_years or 0, self.renewal_months or 0
        if self.years or self.months:
            return self.years, self.months
        return None


class ApprovalKind(str, enum.Enum):
    """Who approved (*persetujuan*)."""

    DPRD = "dprd"
    """Persetujuan DPRD."""
    MINISTRY = "ministry"
    """Persetujuan/pertimbangan Menteri (Kemendagri, with Kemlu for foreign cooperation)."""
    ACTING_OFFICIAL_CONSENT = "acting_official_consent"
    """Written Mendagri consent for an acting official (Pj, Plt, Pjs) to sign."""
    GOVERNOR = "governor"
    """Persetujuan or pertimbangan of the Gubernur as the central government's representative."""
    FOREIGN_COUNCIL = "foreign_council"
    """A resolution of the foreign partner's council or assembly."""


@attrs.frozen(kw_only=True)
class Approval:
    """An approval: which body gave it, for which party, its letter's number and date.

    `party` is an index into the document's parties; unset, the approval is for the
    Indonesian side (or the whole document).
    """

    kind: ApprovalKind
    letter_number: str | None = None
    date: PartialDate | None = None
    source: Source | None = None
    body: str | None = attrs.field(
        default=None, metadata=meta(max_length=300, description="The approving body as named.")
    )
    party: int | None = attrs.field(default=None, metadata=meta(minimum=0))
    note: str | None = None

    __attrs_post_init__ = check_fields


class TerminationGround(str, enum.Enum):
    """Why a document ended (*alasan berakhir*)."""

    TERM_ENDED = "term_ended"
    OBJECTIVE_ACHIEVED = "objective_achieved"
    MUTUAL_AGREEMENT = "mutual_agreement"
    FORCE_MAJEURE = "force_majeure"
    """Keadaan kahar."""
    CHANGE_OF_LAW = "change_of_law"
    BREACH = "breach"
    """Wanprestasi."""
    WITHDRAWAL = "withdrawal"


@attrs.frozen(kw_only=True)
class Termination:
    """The end of a document before or at its term."""

    ground: TerminationGround
    date: PartialDate
    note: str | None = None

    __attrs_post_init__ = check_fields


class AmendmentKind(str, enum.Enum):
    """Adendum (changes) or perpanjangan (extends the term)."""

    ADENDUM = "adendum"
    PERPANJANGAN = "perpanjangan"


@attrs.frozen(kw_only=True)
class ClauseChange:
    """A clause (*pasal*) an amendment adds, rewrites or (with no `text`) removes."""

    clause: str = attrs.field(metadata=meta(max_length=100, description="E.g. 'Pasal 5 ayat (2)'."))
    text: str | None = None
    note: str | None = None

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Amendment:
    """An adendum or perpanjangan: a document of its own appended to the original.

    It has its number, signing `date`, `place`, signatures and sources. Fields left
    unset change nothing: `end` replaces the last day in force, `term` the whole
    term, `topics` the scope areas, `budget` and `obligations` theirs;
    `parties_added` join (their indices follow the parties before them) and
    `parties_withdrawn` (indices) leave; `clauses` change the text. The original
    stays as it was; `Document.as_of` replays the amendments in order.
    """

    kind: AmendmentKind
    number: str | None = None
    effective: PartialDate
    end: PartialDate | None = None
    topics: tuple[str, ...] | None = None
    note: str | None = None
    date: PartialDate | None = attrs.field(default=None, metadata=meta(description="Signed on."))
    place: Region | ForeignLocality | None = None
    signatures: tuple[Signature, ...] = ()
    sources: tuple[Source, ...] = ()
    term: Term | None = None
    parties_added: tuple[Party, ...] = ()
    parties_withdrawn: tuple[int, ...] = ()
    budget: Money | None = None
    obligations: tuple[Obligation, ...] | None = None
    clauses: tuple[ClauseChange, ...] = ()

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.end is not None and self.term is not None:
            p.add(
                "end", "kotakerja.amendment.end_and_term", "give a new end or a new term, not both"
            )
        if self.budget is not None and self.budget.amount < 0:
            p.add("budget.amount", "kotakerja.money.negative", "a budget cannot be negative")

    @property
    def changes_end(self) -> bool:
        """True when the amendment changes when the document ends."""
        return self.end is not None or self.term is not None


@attrs.frozen(kw_only=True)
class Terms:
    """The terms in force on a date, after replaying the amendments effective by then.

    `possible_end` is the span of the last day in force when `end` cannot be told
    to a day (a term counted from a partial signing date).
    """

    end: PartialDate | None
    topics: tuple[str, ...]
    amendments: tuple[Amendment, ...]
    term: Term | None = None
    parties: tuple[Party, ...] = ()
    budget: Money | None = None
    obligations: tuple[Obligation, ...] = ()
    clauses: tuple[ClauseChange, ...] = ()
    possible_end: tuple[pendulum.Date, pendulum.Date] | None = None


class LinkRole(str, enum.Enum):
    """How one document stands to another (*hubungan dokumen*)."""

    IMPLEMENTS = "implements"
    """A PKS implementing its KB (MoU)."""
    FOLLOWS = "follows"
    """An MoU following a letter of intent."""
    RENEWS = "renews"
    """A new document continuing an expired or expiring one."""
    REPLACES = "replaces"
    """A new document taking another's place."""
    AMENDS = "amends"
    """A separately recorded document amending another."""


_INVERSE_ROLE = {
    LinkRole.IMPLEMENTS: "implemented_by",
    LinkRole.FOLLOWS: "followed_by",
    LinkRole.RENEWS: "renewed_by",
    LinkRole.REPLACES: "replaced_by",
    LinkRole.AMENDS: "amended_by",
}


@attrs.frozen(kw_only=True)
class DocumentLink:
    """A typed reference from this document to another MoU or agreement."""

    role: LinkRole
    to: Ref
    note: str | None = None

    __attrs_post_init__ = check_fields

    @property
    def inverse(self) -> str:
        """The role seen from the other end: ``implemented_by``, ``renewed_by``, ..."""
        return _INVERSE_ROLE[self.role]


@attrs.frozen(kw_only=True)
class Document(Record):
    """What MoUs and agreements share: parties, signatures, scheme, term and history.

    `witnesses` are those who witnessed the whole signing; a signature may have its own.
    """

    RULES: ClassVar[tuple[str, ...]] = (
        "at least two parties",
        "signatures, approvals and obligations point to existing parties",
        "links point to an MoU or an agreement",
        "KSDD: only Indonesian regional governments; KSDPK: one Indonesian regional "
        "government and a domestic third party; KSDPL: an Indonesian and a foreign regional "
        "government of equal standing; KSDLL: an Indonesian regional government and a foreign "
        "institution",
        "ksdd_kind only with KSDD, ksdpl_kind only with KSDPL",
    )

    title: str = attrs.field(metadata=meta(max_length=1000))
    scheme: Scheme
    ksdd_kind: KsddKind | None = None
    ksdpl_kind: KsdplKind | None = None
    subject: str | None = None
    objectives: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = attrs.field(default=(), metadata=meta())
    parties: tuple[Party, ...] = attrs.field(metadata=meta(min_length=2))
    signatures: tuple[Signature, ...] = ()
    witnesses: tuple[Witness, ...] = ()
    term: Term | None = None
    approvals: tuple[Approval, ...] = ()
    stages: tuple[StageEvent, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    termination: Termination | None = None
    links: tuple[DocumentLink, ...] = ()

    def _check_rules(self, p: Problems) -> None:
        super()._check_rules(p)
        for i, lang in enumerate(self.languages):
            if not (len(lang) == 2 and lang.isascii() and lang.islower()):
                p.add(f"languages[{i}]", "kotakerja.language.invalid", f"{lang!r} is not ISO 639-1")
        for i, s in enumerate(self.signatures):
            if s.party >= len(self.parties):
                p.add(
                    f"signatures[{i}].party",
                    "kotakerja.signature.unknown_party",
                    f"party {s.party} does not exist; there are {len(self.parties)} parties",
                )
            elif s in self.signatures[:i]:
                p.add(
                    f"signatures[{i}]",
                    "kotakerja.signature.duplicate",
                    "the same signature is listed twice",
                )
        for i, ap in enumerate(self.approvals):
            if ap.party is not None and ap.party >= len(self.parties):
                p.add(
                    f"approvals[{i}].party",
                    "kotakerja.approval.unknown_party",
                    f"party {ap.party} does not exist; there are {len(self.parties)} parties",
                )
        for i, link in enumerate(self.links):
            check_ref_type(p, f"links[{i}].to", link.to, "mou", "agreement")
        count = len(self.parties)
        for i, a in enumerate(self.amendments):
            count += len(a.parties_added)
            for j, w in enumerate(a.parties_withdrawn):
                if w >= count:
                    p.add(
                        f"amendments[{i}].parties_withdrawn[{j}]",
                        "kotakerja.amendment.unknown_party",
                        f"party {w} does not exist; there are {count} parties by then",
                    )
            for j, sig in enumerate(a.signatures):
                if sig.party >= count:
                    p.add(
                        f"amendments[{i}].signatures[{j}].party",
                        "kotakerja.signature.unknown_party",
                        f"party {sig.party} does not exist; there are {count} parties by then",
                    )
        keys = [party._identity for party in self.parties]
        if len(set(keys)) != len(keys):
            identities: set[tuple[str, ...]] = set()
            for i, (party, key) in enumerate(zip(self.parties, keys, strict=True)):
                if key in identities:
                    p.add(
                        f"parties[{i}]",
                        "kotakerja.party.duplicate",
                        f"{party.name} is already a party; each party is listed once",
                    )
                identities.add(key)
        # The signing dates matter here only for a termination or amendments.
        has_dated_changes = self.termination is not None or bool(self.amendments)
        signing = self._signing_span() if has_dated_changes else None
        if signing is not None:
            if self.termination is not None and self.termination.date.latest() < signing[0]:
                p.add(
                    "termination.date",
                    "kotakerja.termination.before_signing",
                    f"terminated on {self.termination.date}, before it was signed "
                    f"({self.signed_on()})",
                )
            for i, a in enumerate(self.amendments):
                if a.effective.latest() < signing[0]:
                    p.add(
                        f"amendments[{i}].effective",
                        "kotakerja.amendment.before_signing",
                        f"effective on {a.effective}, before the document was signed "
                        f"({self.signed_on()})",
                    )
        if self.ksdd_kind is not None and self.scheme is not Scheme.KSDD:
            p.add("ksdd_kind", "kotakerja.scheme.kind_mismatch", "ksdd_kind is only for KSDD")
        if self.ksdpl_kind is not None and self.scheme is not Scheme.KSDPL:
            p.add("ksdpl_kind", "kotakerja.scheme.kind_mismatch", "ksdpl_kind is only for KSDPL")
        self._check_scheme(p)
        for i, ev in enumerate(self.stages[1:], start=1):
            if ev.date.before(self.stages[i - 1].date) is True:
                p.add(
                    f"stages[{i}].date",
                    "kotakerja.stage.out_of_order",
                    f"{ev.stage.value} on {ev.date} comes before the previous stage's date",
                )
        for i, a in enumerate(self.amendments[1:], start=1):
            if a.effective.before(self.amendments[i - 1].effective) is True:
                p.add(
                    f"amendments[{i}].effective",
                    "kotakerja.amendment.out_of_order",
                    "amendments are appended in the order they take effect",
                )

    def _check_scheme(self, p: Problems) -> None:
        scheme = self.scheme
        if scheme in (Scheme.BUSINESS, Scheme.OTHER):
            return
        indo = [x for x in self.parties if x.is_indonesian_government]
        foreign_gov = [x for x in self.parties if x.is_foreign_government]
        others = [x for x in self.parties if x not in indo and x not in foreign_gov]
        if not indo:
            p.add(
                "parties",
                "kotakerja.scheme.no_regional_government",
                f"a {scheme.value.upper()} needs an Indonesian regional government as a party",
            )
            return
        if scheme is Scheme.KSDD and (foreign_gov or others or len(indo) < 2):
            p.add(
                "parties",
                "kotakerja.scheme.ksdd_parties",
                "a KSDD is between Indonesian regional governments only",
            )
        elif scheme is Scheme.KSDPK and (
            foreign_gov
            or not others
            or any(o.organization is not None and o.organization.is_foreign for o in others)
        ):
            p.add(
                "parties",
                "kotakerja.scheme.ksdpk_parties",
                "a KSDPK joins an Indonesian regional government and a third party in Indonesia",
            )
        elif scheme is Scheme.KSDPL:
            if not foreign_gov:
                p.add(
                    "parties",
                    "kotakerja.scheme.ksdpl_needs_foreign_government",
                    "a KSDPL needs a foreign regional government as a party; "
                    "all parties here are Indonesian or non-government",
                )
            else:
                self._check_equal_standing(p, indo, foreign_gov)
        elif scheme is Scheme.KSDLL and not any(
            o.organization is not None and o.organization.is_foreign for o in others
        ):
            p.add(
                "parties",
                "kotakerja.scheme.ksdll_parties",
                "a KSDLL needs a foreign non-government institution as a party",
            )

    def _check_equal_standing(self, p: Problems, indo: list[Party], foreign: list[Party]) -> None:
        regions = [x.region for x in indo if x.region is not None]
        localities = [x.locality for x in foreign if x.locality is not None]
        if not regions or not localities:
            return
        r, loc = regions[0], localities[0]
        city_side = r.level in _CITY_LEVELS
        foreign_city = loc.level in _FOREIGN_CITY
        if city_side != foreign_city:
            p.add(
                "parties",
                "kotakerja.scheme.unequal_standing",
                f"a KSDPL joins governments of equal standing: {r.name} ({r.level.value}) "
                f"and {loc.name} ({loc.level.value}) are not",
            )

    # Dates and status ---------------------------------------------------------------

    def signed_by_all(self) -> bool:
        """True when every party has at least one signature, dated or not."""
        return len({s.party for s in self.signatures}) >= len(self.parties)

    def signed_on(self) -> PartialDate | None:
        """The date of the last signature, from the dates known, once every party has signed.

        The last signature falls no earlier than the latest first day and no later
        than the latest last day the signatures' dates cover; the result is the most
        precise partial date holding all those days. Signed on 2020-01-20 and in
        "2020", the document is signed in "2020" (the second party may have signed on
        any day up to 31 December); on 2020-01-20 and in "2020-01", in "2020-01"; on
        2020-03-01 and in "2020-01", on 2020-03-01.

        A signature whose date is unknown is taken as given by the latest known one
        (`effective` says so); with no date known at all this is None.
        """
        span = self._signing_span()
        return None if span is None else _covering(*span)

    def _signing_span(self) -> tuple[pendulum.Date, pendulum.Date] | None:
        """The first and last day the last signature may fall on; None while unsigned or undated."""
        if not self.signed_by_all():
            return None
        known = [s.date for s in self.signatures if s.date is not None]
        if not known:
            return None
        return max(d.earliest() for d in known), max(d.latest() for d in known)

    def timeline_date(self) -> PartialDate | None:
        """The signing date; the earliest known signature while some are missing."""
        signed = self.signed_on()
        if signed is not None:
            return signed
        known = [s.date for s in self.signatures if s.date is not None]
        return min(known, key=PartialDate.sort_key) if known else None

    def effective(self) -> Effective:
        """When the document takes effect, and whether the record can tell exactly.

        Under `EffectiveRule.ON_LAST_SIGNATURE` with some signing dates unknown the
        date is the latest known signature, a lower bound (``exact`` is False); with
        none known the date is None; the `note` says which.
        """
        term = self.term or Term()
        if term.effective is EffectiveRule.ON_DATE:
            return Effective(date=term.effective_date, exact=True)
        span = self._signing_span()
        if span is None:
            if not self.signed_by_all():
                return Effective(date=None, exact=False, note="not signed by every party yet")
            return Effective(
                date=None,
                exact=False,
                note="takes effect on the last signature; no signing date is known",
            )
        signed = _covering(*span)
        if all(s.date is not None for s in self.signatures):
            return Effective(date=signed, exact=True)
        dated = {s.party for s in self.signatures if s.date is not None}
        missing = sorted({s.party for s in self.signatures if s.party not in dated})
        names = ", ".join(self.parties[i].name for i in missing) or "a co-signatory"
        return Effective(
            date=signed,
            exact=False,
            note=f"takes effect on the last signature, on {signed} or later: "
            f"the signing date of {names} is unknown",
        )

    def effective_on(self) -> PartialDate | None:
        """When the document takes effect, by its term's rule (see `effective`)."""
        term = self.term
        if term is not None and term.effective is EffectiveRule.ON_DATE:
            return term.effective_date
        span = self._signing_span()
        return None if span is None else _covering(*span)

    def _start_for(self, term: Term | None) -> PartialDate | None:
        if term is not None and term.effective is EffectiveRule.ON_DATE:
            return term.effective_date
        return self.effective_on()

    def period(self) -> Period | None:
        """Start and (if the term has a duration) end; None while not effective.

        The end of a duration is the day before its anniversary, or the last day of
        the month when the anniversary day does not exist (see `Period.from_duration`).
        An end after 31 December 9999 is left open: the document is in force on every
        later date the calendar has.
        """
        return self._period_for(self.term, self._start_for(self.term))

    def _period_for(self, term: Term | None, start: PartialDate | None) -> Period | None:
        if start is None:
            return None
        if term is not None and term.end is not None:
            return Period(start=start, end=term.end)
        if term is None or (term.years == 0 and term.months == 0):
            return Period(start=start)
        if start.day is None:
            ends = self._duration_ends(term, start)
            if ends is None or ends[0].year != ends[1].year or ends[1] == _LAST_DAY:
                return Period(start=start)
            return Period(start=start, end=_covering(*ends))
        try:
            return Period.from_duration(start, years=term.years, months=term.months)
        except ValidationError as e:
            if e.errors[0].code != "kotakerja.period.out_of_range":
                raise
            return Period(start=start)  # ends after 9999-12-31

    def _duration_ends(
        self, term: Term | None, start: PartialDate | None
    ) -> tuple[pendulum.Date, pendulum.Date] | None:
        """First and last possible last day of a term of years or months; None if open.

        The last possible day is 9999-12-31 when the latest end falls after it.
        """
        if start is None or term is None or term.end is not None:
            return None
        if term.years == 0 and term.months == 0:
            return None
        ends: list[pendulum.Date] = []
        for day in (start.earliest(), start.latest()):
            end = _after(day, term.years, term.months)
            if end is None:
                if not ends:
                    return None  # ends after 9999-12-31 in any case
                ends.append(_LAST_DAY)
                break
            ends.append(end)
        return ends[0], ends[1]

    def _ends_for(
        self, term: Term | None, start: PartialDate | None
    ) -> tuple[pendulum.Date, pendulum.Date] | None:
        """Span of the last day in force under `term`; None when open.

        An explicit end holds once signed, even when no signing date is known.
        """
        if term is not None and term.end is not None:
            if start is None and not self.signed_by_all():
                return None
            return term.end.earliest(), term.end.latest()
        return self._duration_ends(term, start)

    def _replay(self, d: PartialDate | None) -> Terms:
        """Replay the amendments in effect on `d` (all of them when `d` is None)."""
        term = self.term
        parties = list(self.parties)
        absent: set[int] = set()  # withdrawn, or added by an amendment not yet in effect
        topics = self.topics
        budget: Money | None = getattr(self, "budget", None)
        obligations: tuple[Obligation, ...] = getattr(self, "obligations", ())
        clauses: dict[str, ClauseChange] = {}
        end: PartialDate | None = None
        end_set = False
        applied = []
        for a in self.amendments:
            added = range(len(parties), len(parties) + len(a.parties_added))
            parties.extend(a.parties_added)
            if d is not None and not (a.effective.after(d) is False or a.effective == d):
                absent.update(added)
                continue
            applied.append(a)
            absent.update(a.parties_withdrawn)
            if a.term is not None:
                term, end_set = a.term, False
            if a.end is not None:
                end, end_set = a.end, True
            if a.topics is not None:
                topics = a.topics
            if a.budget is not None:
                budget = a.budget
            if a.obligations is not None:
                obligations = a.obligations
            for c in a.clauses:
                clauses[c.clause] = c
        if end_set:
            assert end is not None
            span: tuple[pendulum.Date, pendulum.Date] | None = (end.earliest(), end.latest())
        else:
            start = self._start_for(term)
            period = self._period_for(term, start)
            end = None if period is None else period.end
            span = self._ends_for(term, start)
        return Terms(
            end=end,
            topics=topics,
            amendments=tuple(applied),
            term=term,
            parties=tuple(p for i, p in enumerate(parties) if i not in absent),
            budget=budget,
            obligations=obligations,
            clauses=tuple(c for c in clauses.values() if c.text is not None),
            possible_end=span,
        )

    def as_of(self, date: PartialDate | pendulum.Date) -> Terms:
        """The terms in force on `date`: the original, changed by each amendment in effect.

        Amendments are replayed in order: before an adendum the old end, term,
        parties, budget and clauses, from its effective date the new ones. An
        amendment whose effective date may or may not have passed (partial dates)
        is not applied.
        """
        d = date if isinstance(date, PartialDate) else PartialDate.of(date)
        return self._replay(d)

    def expires_on(self) -> PartialDate | None:
        """The last day in force, with every amendment applied; None when open.

        With a duration (`Term.years`, `Term.months`) it is the day before the
        anniversary of the effective date: signed 2020-10-23 for five years, the last
        day is 2025-10-22. When the anniversary day does not exist in its month, the
        last day is the month's last: 2024-02-29 plus five years gives 2029-02-28,
        2024-03-31 plus one month 2024-04-30. None when the term has no end, the
        document is not effective yet, or the end falls after 31 December 9999.

        From a partial effective date the end is partial too: signed in January 2020
        for one month, the last day is between 31 January and 29 February 2020, so
        the end is ``2020``. When even the year is unknown (signed in ``2020`` for
        two years: 2021-12-31 to 2022-12-30) this is None; `possible_end` gives
        the span. A term that renews automatically ends here only for its first
        period; `current_end` follows the renewals.
        """
        return self._replay(None).end

    def possible_end(
        self, on: PartialDate | pendulum.Date | None = None
    ) -> tuple[pendulum.Date, pendulum.Date] | None:
        """The first and the last day that may be the last day in force; None when open.

        Amendments are applied as in `expires_on`. A term of years or months from a
        partial effective date ends between the end counted from its first day and
        the end counted from its last day; an end after 31 December 9999 counts as
        that day. Given `on`, a term that renews automatically ends with the
        renewal period `on` falls in.
        """
        terms = self._replay(None)
        if on is None:
            return terms.possible_end
        d = on if isinstance(on, PartialDate) else PartialDate.of(on)
        return self._current_ends(d, terms)[0]

    def _current_ends(
        self, d: PartialDate, terms: Terms
    ) -> tuple[tuple[pendulum.Date, pendulum.Date] | None, bool]:
        """End span of the period running on `d`, and whether another renewal follows it."""
        base = terms.possible_end
        term = terms.term
        length = None if term is None else term.renewal_length()
        if term is None or term.renewal is not Renewal.AUTOMATIC:
            return base, False
        if base is None or length is None:
            return None, False  # periods of unknown length: in force until terminated
        first, last = base
        years, months = length
        done = 0
        while last < d.earliest() and (term.max_renewals is None or done < term.max_renewals):
            nxt_first = _after(first.add(days=1), years, months)
            nxt_last = _after(last.add(days=1), years, months)
            if nxt_first is None:
                return None, False
            first, last = nxt_first, nxt_last or _LAST_DAY
            done += 1
        more = term.max_renewals is None or done < term.max_renewals
        return (first, last), more

    def renews_automatically(self) -> bool:
        """True when the term, as amended, renews automatically (its end moves on)."""
        term = self._replay(None).term
        return term is not None and term.renewal is Renewal.AUTOMATIC

    def current_end(self, on: PartialDate | pendulum.Date) -> PartialDate | None:
        """The last day of the period running on `on`; None when open or unknown.

        For a term that renews automatically this is the end of the renewal period
        `on` falls in (or of the last one, once `max_renewals` have run).
        """
        ends = self.possible_end(on)
        return None if ends is None else _covering(*ends) if ends[0].year == ends[1].year else None

    def renews_on(self, on: PartialDate | pendulum.Date) -> PartialDate | None:
        """The day the next automatic renewal starts, for the period running on `on`.

        None when the term does not renew automatically, the renewals are used up,
        or the day cannot be told.
        """
        d = on if isinstance(on, PartialDate) else PartialDate.of(on)
        ends, more = self._current_ends(d, self._replay(None))
        if not more or ends is None or ends[0] != ends[1] or ends[1] == _LAST_DAY:
            return None
        return PartialDate.of(ends[1].add(days=1))

    def _before_signing(self, d: PartialDate) -> DocumentStatus:
        reached = [e for e in self.stages if e.stage in _BEFORE_SIGNING]
        if any(e.date.after(d) is False or e.date == d for e in reached):
            return DocumentStatus.NEGOTIATING
        return DocumentStatus.DRAFT

    def status_on(self, date: PartialDate | pendulum.Date) -> DocumentStatus | None:
        """Status on `date`; None when partial dates leave it open.

        The document is signed once every party has signed, on its last known
        signature. A partial signing date or effective date makes the end partial
        too: the status is IN_FORCE up to the first possible last day, EXPIRED after
        the last possible one, and None while either may apply. Signed with no date
        known at all, it is IN_FORCE up to its term's end when the term gives one.
        A term that renews automatically stays IN_FORCE through its renewal periods
        until terminated (or until `Term.max_renewals` have run).
        """
        d = date if isinstance(date, PartialDate) else PartialDate.of(date)
        if not self.signed_by_all():
            return self._before_signing(d)
        signing = self._signing_span()
        if signing is not None:
            if d.latest() < signing[0]:
                return self._before_signing(d)
            if d.earliest() < signing[1]:
                return None
        if self.termination is not None:
            ended = self.termination.date.before(d)
            if ended is True or self.termination.date == d:
                return DocumentStatus.TERMINATED
            if ended is None:
                return None
        terms = self._replay(d)
        ends, _ = self._current_ends(d, terms)
        start = self._start_for(terms.term)
        if start is None:
            if (
                ends is None
                and terms.term is not None
                and terms.term.end is None
                and (terms.term.years or terms.term.months)
            ):
                return None  # a duration from an unknown date
            if ends is not None and d.earliest() > ends[1]:
                return DocumentStatus.EXPIRED
            if ends is None or d.latest() <= ends[0]:
                return DocumentStatus.IN_FORCE
            return None
        if d.latest() < start.earliest():
            return DocumentStatus.SIGNED
        if ends is not None and d.earliest() > ends[1]:
            return DocumentStatus.EXPIRED
        if d.earliest() >= start.latest() and (ends is None or d.latest() <= ends[0]):
            return DocumentStatus.IN_FORCE
        return None

    def is_in_force(self, date: PartialDate | pendulum.Date) -> bool | None:
        """Whether the document is in force on `date`; None when unknown."""
        status = self.status_on(date)
        return None if status is None else status is DocumentStatus.IN_FORCE

    def document_links(self) -> tuple[DocumentLink, ...]:
        """Every link to another document: `links`, and a PKS's `mou` as ``implements``."""
        return self.links

    # Rules ----------------------------------------------------------------------------

    def rules_date(self) -> PartialDate | None:
        """The date whose law applies: the signing date, else the latest date known.

        Signed by every party with no signing date known, the latest of the
        effective date, the approvals' and the stages' dates; None when the record
        has none. Not yet signed by every party: the latest signature's date, or
        None (today's rules).
        """
        signed = self.signed_on()
        if signed is not None:
            return signed
        known = [s.date for s in self.signatures if s.date is not None]
        if not self.signed_by_all():
            # not signed yet: the rules of the latest signature, else today's
            return max(known, key=lambda x: x.latest()) if known else None
        if self.term is not None and self.term.effective_date is not None:
            known.append(self.term.effective_date)
        known.extend(a.date for a in self.approvals if a.date is not None)
        known.extend(e.date for e in self.stages)
        return max(known, key=lambda x: x.latest()) if known else None

    def rules(self) -> Rules:
        """The regulations on regional cooperation in force when the document was signed."""
        return rules_in_force(self.rules_date())

    def _max_years(self, policy: Policy) -> int:
        return policy.mou_max_years

    def findings(self, policy: Policy) -> list[Finding]:
        """Questionable but allowed things: see `kotakerja.check`.

        The law applied is the law in force on `rules_date`: PP 28/2018 from 2018
        (with Permendagri 22/2020 and 25/2020 from 2020), PP 50/2007 with
        Permendagri 3/2008 and 22/2009 before; a document from before 2007 gets a
        note that it predates the regulated procedure and is not held to it.
        """
        found: list[Finding] = []
        rules = self.rules()
        date = self.rules_date()
        if date is None and self.signed_by_all():
            found.append(
                Finding(
                    severity=Severity.INFO,
                    code="kotakerja.rules.date_unknown",
                    path="signatures",
                    message="no date is known, so the rules in force when it was signed "
                    "cannot be told; none is applied",
                )
            )
        elif not rules.regulated:
            found.append(
                Finding(
                    severity=Severity.INFO,
                    code="kotakerja.rules.before_regulation",
                    path="",
                    message=f"signed in {date}, before PP 50/2007 regulated cooperation "
                    "between regions; its procedure (approvals, signing authority) does "
                    "not apply",
                )
            )
        else:
            found.extend(self._law_findings(policy, rules))
        limit = self._max_years(policy)
        term = self.term
        if term is not None and term.years * 12 + term.months > limit * 12:
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.term.too_long",
                    path="term",
                    message=f"term of {term.years} years {term.months} months exceeds the "
                    f"policy limit of {limit} years",
                )
            )
        return found

    def _has_approval(self, kind: ApprovalKind, *, indonesian: bool = False) -> bool:
        for a in self.approvals:
            if a.kind is not kind:
                continue
            if not indonesian or a.party is None:
                return True
            if a.party < len(self.parties) and self.parties[a.party].is_indonesian_government:
                return True
        return False

    def _law_findings(self, policy: Policy, rules: Rules) -> list[Finding]:
        found: list[Finding] = []
        foreign = self.scheme in (Scheme.KSDPL, Scheme.KSDLL)
        cite = rules.cite(foreign=foreign)
        signed = self.signed_by_all()
        if foreign and signed:
            for kind, code in (
                (ApprovalKind.DPRD, "kotakerja.approval.dprd_missing"),
                (ApprovalKind.MINISTRY, "kotakerja.approval.ministry_missing"),
            ):
                if not self._has_approval(kind, indonesian=kind is ApprovalKind.DPRD):
                    found.append(
                        Finding(
                            severity=Severity.WARNING,
                            code=code,
                            path="approvals",
                            message=f"a {self.scheme.value.upper()} needs {kind.value} approval "
                            f"before signing ({cite}); none is recorded",
                        )
                    )
        span = self._signing_span()
        if span is not None:
            for i, a in enumerate(self.approvals):
                if (
                    a.kind in (ApprovalKind.DPRD, ApprovalKind.MINISTRY)
                    and a.date is not None
                    and a.date.earliest() > span[1]
                ):
                    found.append(
                        Finding(
                            severity=Severity.WARNING,
                            code="kotakerja.approval.after_signing",
                            path=f"approvals[{i}].date",
                            message=f"{a.kind.value} approval dated {a.date}, after the "
                            f"document was signed ({self.signed_on()}); {cite} asks for it "
                            "before signing",
                        )
                    )
        found.extend(self._signature_findings(policy, rules, cite))
        return found

    def _signature_findings(self, policy: Policy, rules: Rules, cite: str) -> list[Finding]:
        found: list[Finding] = []
        consent = self._has_approval(ApprovalKind.ACTING_OFFICIAL_CONSENT)
        for i, sig in enumerate(self.signatures):
            capacity = sig.signs_as
            party = self.parties[sig.party] if sig.party < len(self.parties) else None
            if capacity is SigningCapacity.ACTING:
                if not policy.acting_signatory_needs_consent or consent:
                    continue
                auth = sig.authority
                if auth is not None and auth.kind is AuthorityKind.CONSENT and auth.has_basis:
                    continue
                pos = sig.position
                label = pos.label if pos is not None else "the signatory"
                law = (
                    "PP 49/2008"
                    if pos is not None and pos.acting.value in ("pj", "pjs")
                    else "UU 30/2014"
                )
                found.append(
                    Finding(
                        severity=Severity.WARNING,
                        code="kotakerja.signature.acting_without_consent",
                        path=f"signatures[{i}].position",
                        message=f"{label} is an acting official; no Mendagri consent "
                        f"is recorded ({law} asks for written consent to strategic decisions)",
                    )
                )
            elif (
                capacity in (SigningCapacity.DEPUTY, SigningCapacity.DELEGATE)
                and party is not None
                and party.is_indonesian_government
                and sig.has_authority is not True
            ):
                who = "a deputy" if capacity is SigningCapacity.DEPUTY else "a delegate"
                state = "none is recorded" if sig.authority is None else "there is none"
                found.append(
                    Finding(
                        severity=Severity.WARNING,
                        code="kotakerja.signature.authority_missing",
                        path=f"signatures[{i}].authority",
                        message=f"signed by {who} for {party.name}: the kepala daerah signs "
                        f"({rules.cite(foreign=False)}, UU 23/2014), anyone else on a written "
                        f"power of attorney (surat kuasa); {state}",
                    )
                )
        return found


@attrs.frozen(kw_only=True)
class Mou(Document):
    """A framework agreement (Kesepakatan Bersama, Nota Kesepahaman, MoU) or a letter of intent."""

    TYPE: ClassVar[str] = "mou"

    kind: DocumentKind = DocumentKind.KESEPAKATAN_BERSAMA


class PksContent(str, enum.Enum):
    """Minimum contents of a PKS under Permendagri 22/2020 (*materi muatan*)."""

    OBJECT = "object"
    SCOPE = "scope"
    RIGHTS_AND_OBLIGATIONS = "rights_and_obligations"
    TERM = "term"
    FORCE_MAJEURE = "force_majeure"
    DISPUTE_SETTLEMENT = "dispute_settlement"
    TERMINATION = "termination"
    SANCTIONS = "sanctions"


_REQUIRED_CONTENTS = tuple(PksContent)[:6]


@attrs.frozen(kw_only=True)
class Obligation:
    """Rights and obligations of one party (*hak dan kewajiban*), by party index."""

    party: int = attrs.field(metadata=meta(minimum=0))
    rights: tuple[str, ...] = ()
    obligations: tuple[str, ...] = ()

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Agreement(Document):
    """A Perjanjian Kerja Sama (PKS): the implementing agreement under an MoU, or alone."""

    TYPE: ClassVar[str] = "agreement"

    mou: Ref | None = None
    object: str | None = None
    scope: tuple[str, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    contents: tuple[PksContent, ...] = attrs.field(
        default=(), metadata=meta(description="Which Permendagri 22/2020 contents the text has.")
    )
    budget: Money | None = None
    responsible_unit: Organization | None = None
    infrastructure: bool = False
    burdens_public: bool = False

    def _check_rules(self, p: Problems) -> None:
        super()._check_rules(p)
        check_ref_type(p, "mou", self.mou, "mou")
        for i, o in enumerate(self.obligations):
            if o.party >= len(self.parties):
                p.add(
                    f"obligations[{i}].party",
                    "kotakerja.agreement.unknown_party",
                    f"party {o.party} does not exist; there are {len(self.parties)} parties",
                )
        if self.budget is not None and self.budget.amount < 0:
            p.add("budget.amount", "kotakerja.money.negative", "a budget cannot be negative")

    def document_links(self) -> tuple[DocumentLink, ...]:
        own = self.links
        if self.mou is None or any(x.role is LinkRole.IMPLEMENTS and x.to == self.mou for x in own):
            return own
        return (DocumentLink(role=LinkRole.IMPLEMENTS, to=self.mou), *own)

    def _max_years(self, policy: Policy) -> int:
        return (
            policy.infrastructure_max_years if self.infrastructure else policy.agreement_max_years
        )

    def _law_findings(self, policy: Policy, rules: Rules) -> list[Finding]:
        found = super()._law_findings(policy, rules)
        cite = rules.cite(foreign=self.scheme in (Scheme.KSDPL, Scheme.KSDLL))
        missing = [c.value for c in _REQUIRED_CONTENTS if c not in self.contents]
        if missing:
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.agreement.missing_contents",
                    path="contents",
                    message="a PKS should contain " + ", ".join(missing) + f" ({cite})",
                )
            )
        if (
            self.scheme in (Scheme.KSDD, Scheme.KSDPK)
            and self.burdens_public
            and not self._has_approval(ApprovalKind.DPRD, indonesian=True)
        ):
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.approval.dprd_missing",
                    path="approvals",
                    message=f"an agreement that burdens the public needs DPRD approval ({cite})",
                )
            )
        return found


@attrs.frozen(kw_only=True)
class LineageLink:
    """One step in a document's lineage: the other document and the role seen from here.

    `role` is the link's role when this document points to the other
    (``implements``), its inverse when the other points here (``implemented_by``).
    """

    role: str
    document: Document
    link: DocumentLink


@attrs.frozen(kw_only=True)
class Lineage:
    """A document with the documents it points to and those pointing to it."""

    document: Document
    outgoing: tuple[LineageLink, ...]
    incoming: tuple[LineageLink, ...]

    def related(self, role: str | LinkRole) -> tuple[Document, ...]:
        """The documents in `role`: ``"implements"``, ``"implemented_by"``, ``"renews"``, ..."""
        name = role.value if isinstance(role, LinkRole) else role
        return tuple(x.document for x in (*self.outgoing, *self.incoming) if x.role == name)


def lineage_findings(pks: Document, mou: Document, path: str) -> list[Finding]:
    """Findings for a document implementing `mou`: signed or running outside its period,
    or with a party the MoU does not have. `path` is where the link sits in `pks`.
    """
    found: list[Finding] = []
    signed = pks.signed_on()
    if signed is not None:
        status = mou.status_on(signed)
        if status in (
            DocumentStatus.DRAFT,
            DocumentStatus.NEGOTIATING,
            DocumentStatus.EXPIRED,
            DocumentStatus.TERMINATED,
        ):
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.lineage.outside_period",
                    path=path,
                    message=f"signed on {signed}, when {mou.TYPE} {mou.id} was not in force "
                    f"({status.value}); a PKS implements a KB in force",
                )
            )
        else:
            mine = pks.possible_end()
            later = None if mine is None else mou.status_on(PartialDate.of(mine[0]))
            if mine is not None and later in (DocumentStatus.EXPIRED, DocumentStatus.TERMINATED):
                assert later is not None
                found.append(
                    Finding(
                        severity=Severity.WARNING,
                        code="kotakerja.lineage.outside_period",
                        path=path,
                        message=f"runs to {mine[0]} at least, when {mou.TYPE} {mou.id} has "
                        f"ended ({later.value}); a PKS runs within its KB's term",
                    )
                )
    parties = mou.parties if signed is None else mou.as_of(signed).parties
    theirs_ids = {p._identity for p in parties}
    for i, party in enumerate(pks.parties):
        if party._identity not in theirs_ids:
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.lineage.outside_parties",
                    path=f"parties[{i}]",
                    message=f"{party.name} is not a party to {mou.TYPE} {mou.id}, which this "
                    "document implements",
                )
            )
    return found
