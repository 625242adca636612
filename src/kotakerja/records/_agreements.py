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
from ..values._people import Organization, OrganizationKind, Person, Position
from ..values._places import ForeignLocality, LocalityLevel, Region, RegionLevel
from ..values._provenance import Source
from ..values._rates import MoneyRate, Quantity
from ._base import Record, Ref, check_ref_type

__all__ = [
    "Agreement",
    "Amendment",
    "AmendmentKind",
    "Approval",
    "ApprovalKind",
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

    def __attrs_post_init__(self) -> None:
        check_fields(self)

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
        'Government of Kota Surakarta'
        """
        if self.region is not None:
            if locale == "en":
                return f"Government of {self.region.name}"
            return f"Pemerintah {self.region.name}"
        if self.locality is not None:
            return self.locality.format(locale)
        assert self.organization is not None
        return self.organization.name


@attrs.frozen(kw_only=True)
class Witness:
    """A witness to a signature (*saksi*)."""

    person: Person | None = None
    position: Position | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    def _check_rules(self, p: Problems) -> None:
        if self.person is None and self.position is None:
            p.add("", "kotakerja.witness.empty", "a witness needs a person or a position")


@attrs.frozen(kw_only=True)
class Signature:
    """One party's signature: who, in which position, when, where and how.

    The signatory may be unknown (a press report that a party signed, without a name).
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

    def __attrs_post_init__(self) -> None:
        check_fields(self)


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

    def __attrs_post_init__(self) -> None:
        check_fields(self)


@attrs.frozen(kw_only=True)
class Term:
    """When a document takes effect and for how long (*jangka waktu*).

    The length is a duration (`years`, `months` from the effective date) or an
    explicit `end`; `renewal` and `notice_days` say how it may continue.
    """

    effective: EffectiveRule = EffectiveRule.ON_LAST_SIGNATURE
    effective_date: PartialDate | None = None
    years: int = attrs.field(default=0, metadata=meta(minimum=0, maximum=100))
    months: int = attrs.field(default=0, metadata=meta(minimum=0, maximum=1200))
    end: PartialDate | None = None
    renewal: Renewal = Renewal.NONE
    notice_days: int | None = attrs.field(default=None, metadata=meta(minimum=0))

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    def _check_rules(self, p: Problems) -> None:
        if self.effective is EffectiveRule.ON_DATE and self.effective_date is None:
            p.add(
                "effective_date", "kotakerja.term.date_required", "effective on_date needs a date"
            )
        if self.end is not None and (self.years or self.months):
            p.add("end", "kotakerja.term.end_and_duration", "give a duration or an end, not both")


class ApprovalKind(str, enum.Enum):
    """Who approved (*persetujuan*)."""

    DPRD = "dprd"
    """Persetujuan DPRD."""
    MINISTRY = "ministry"
    """Persetujuan/pertimbangan Menteri (Kemendagri, with Kemlu for foreign cooperation)."""
    ACTING_OFFICIAL_CONSENT = "acting_official_consent"
    """Written Mendagri consent for an acting official (Pj, Plt, Pjs) to sign."""


@attrs.frozen(kw_only=True)
class Approval:
    """An approval letter: who gave it, its number and date."""

    kind: ApprovalKind
    letter_number: str | None = None
    date: PartialDate | None = None
    source: Source | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)


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

    def __attrs_post_init__(self) -> None:
        check_fields(self)


class AmendmentKind(str, enum.Enum):
    """Adendum (changes) or perpanjangan (extends the term)."""

    ADENDUM = "adendum"
    PERPANJANGAN = "perpanjangan"


@attrs.frozen(kw_only=True)
class Amendment:
    """A change appended to a document; the original terms stay as they were.

    Fields left unset change nothing; `end` replaces the last day in force,
    `topics` the scope areas.
    """

    kind: AmendmentKind
    number: str | None = None
    effective: PartialDate
    end: PartialDate | None = None
    topics: tuple[str, ...] | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)


@attrs.frozen(kw_only=True)
class Terms:
    """The terms in force on a date, after replaying the amendments effective by then."""

    end: PartialDate | None
    topics: tuple[str, ...]
    amendments: tuple[Amendment, ...]


@attrs.frozen(kw_only=True)
class Document(Record):
    """What MoUs and agreements share: parties, signatures, scheme, term and history.

    `witnesses` are those who witnessed the whole signing; a signature may have its own.
    """

    RULES: ClassVar[tuple[str, ...]] = (
        "at least two parties",
        "signatures point to existing parties, one per party",
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

    def _check_rules(self, p: Problems) -> None:
        super()._check_rules(p)
        for i, lang in enumerate(self.languages):
            if not (len(lang) == 2 and lang.isascii() and lang.islower()):
                p.add(f"languages[{i}]", "kotakerja.language.invalid", f"{lang!r} is not ISO 639-1")
        seen: set[int] = set()
        for i, s in enumerate(self.signatures):
            if s.party >= len(self.parties):
                p.add(
                    f"signatures[{i}].party",
                    "kotakerja.signature.unknown_party",
                    f"party {s.party} does not exist; there are {len(self.parties)} parties",
                )
            elif s.party in seen:
                p.add(
                    f"signatures[{i}].party", "kotakerja.signature.duplicate", "party signed twice"
                )
            seen.add(s.party)
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

    def signed_on(self) -> PartialDate | None:
        """The date of the last signature, when every party has signed with a date.

        The last signature falls no earlier than the latest first day and no later
        than the latest last day the signatures' dates cover; the result is the most
        precise partial date holding all those days. Signed on 2020-01-20 and in
        "2020", the document is signed in "2020" (the second party may have signed on
        any day up to 31 December); on 2020-01-20 and in "2020-01", in "2020-01"; on
        2020-03-01 and in "2020-01", on 2020-03-01.
        """
        span = self._signing_span()
        return None if span is None else _covering(*span)

    def _signing_span(self) -> tuple[pendulum.Date, pendulum.Date] | None:
        """The first and last day the last signature may fall on; None while unsigned."""
        dates = [s.date for s in self.signatures]
        if len(self.signatures) < len(self.parties) or any(d is None for d in dates):
            return None
        known = [d for d in dates if d is not None]
        return max(d.earliest() for d in known), max(d.latest() for d in known)

    def timeline_date(self) -> PartialDate | None:
        """The signing date; the earliest known signature while some are missing."""
        signed = self.signed_on()
        if signed is not None:
            return signed
        known = [s.date for s in self.signatures if s.date is not None]
        return min(known, key=PartialDate.sort_key) if known else None

    def effective_on(self) -> PartialDate | None:
        """When the document takes effect, by its term's rule."""
        term = self.term or Term()
        if term.effective is EffectiveRule.ON_DATE:
            return term.effective_date
        return self.signed_on()

    def period(self) -> Period | None:
        """Start and (if the term has a duration) end; None while not effective.

        The end of a duration is the day before its anniversary, or the last day of
        the month when the anniversary day does not exist (see `Period.from_duration`).
        An end after 31 December 9999 is left open: the document is in force on every
        later date the calendar has.
        """
        start = self.effective_on()
        if start is None:
            return None
        term = self.term
        if term is not None and term.end is not None:
            return Period(start=start, end=term.end)
        if term is None or (term.years == 0 and term.months == 0):
            return Period(start=start)
        if start.day is None:
            return self._partial_period(start, term)
        try:
            return Period.from_duration(start, years=term.years, months=term.months)
        except ValidationError as e:
            if e.errors[0].code != "kotakerja.period.out_of_range":
                raise
            return Period(start=start)  # ends after 9999-12-31

    def _partial_period(self, start: PartialDate, term: Term) -> Period:
        """A duration from a partial start ends in the span of its possible last days.

        The end is computed for the first and the last day `start` covers, and given
        as the most precise partial date that holds both: the month when they share
        it, else the year; when they do not share a year (or the later one falls
        after 31 December 9999) the end is left open here, and `possible_end` and
        `status_on` still know its span.
        """
        ends = self._duration_ends()
        if ends is None or ends[0].year != ends[1].year or ends[1] == _LAST_DAY:
            return Period(start=start)
        return Period(start=start, end=_covering(*ends))

    def _duration_ends(self) -> tuple[pendulum.Date, pendulum.Date] | None:
        """First and last possible last day of a term of years or months; None if open.

        The last possible day is 9999-12-31 when the latest end falls after it.
        """
        term = self.term
        start = self.effective_on()
        if start is None or term is None or term.end is not None:
            return None
        if term.years == 0 and term.months == 0:
            return None
        ends: list[pendulum.Date] = []
        for day in (start.earliest(), start.latest()):
            try:
                period = Period.from_duration(
                    PartialDate.of(day), years=term.years, months=term.months
                )
            except ValidationError as e:
                if e.errors[0].code != "kotakerja.period.out_of_range":
                    raise
                if not ends:
                    return None  # ends after 9999-12-31 in any case
                ends.append(_LAST_DAY)
                break
            assert period.end is not None
            ends.append(period.end.to_date())
        return ends[0], ends[1]

    def as_of(self, date: PartialDate | pendulum.Date) -> Terms:
        """The terms in force on `date`: the original, changed by each amendment in effect.

        An amendment whose effective date may or may not have passed (partial dates)
        is not applied.
        """
        d = date if isinstance(date, PartialDate) else PartialDate.of(date)
        period = self.period()
        end = None if period is None else period.end
        topics = self.topics
        applied = []
        for a in self.amendments:
            if a.effective.after(d) is False or a.effective == d:
                applied.append(a)
                if a.end is not None:
                    end = a.end
                if a.topics is not None:
                    topics = a.topics
        return Terms(end=end, topics=topics, amendments=tuple(applied))

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
        the span.
        """
        period = self.period()
        end = None if period is None else period.end
        for a in self.amendments:
            if a.end is not None:
                end = a.end
        return end

    def possible_end(self) -> tuple[pendulum.Date, pendulum.Date] | None:
        """The first and the last day that may be the last day in force; None when open.

        Amendments are applied as in `expires_on`. A term of years or months from a
        partial effective date ends between the end counted from its first day and
        the end counted from its last day; an end after 31 December 9999 counts as
        that day.
        """
        if any(a.end is not None for a in self.amendments):
            end = self.expires_on()
            assert end is not None
            return end.earliest(), end.latest()
        return self._ends()

    def _ends(self) -> tuple[pendulum.Date, pendulum.Date] | None:
        """Span of the last day in force of the original terms; None when open."""
        ends = self._duration_ends()
        if ends is not None:
            return ends
        period = self.period()
        if period is None or period.end is None:
            return None
        return period.end.earliest(), period.end.latest()

    def status_on(self, date: PartialDate | pendulum.Date) -> DocumentStatus | None:
        """Status on `date`; None when partial dates leave it open.

        The document is signed on its last signature. A partial signing date or
        effective date makes the end partial too: the status is IN_FORCE up to the
        first possible last day, EXPIRED after the last possible one, and None
        while either may apply.
        """
        d = date if isinstance(date, PartialDate) else PartialDate.of(date)
        signing = self._signing_span()
        if signing is None or d.latest() < signing[0]:
            reached = [e for e in self.stages if e.stage in _BEFORE_SIGNING]
            if any(e.date.after(d) is False or e.date == d for e in reached):
                return DocumentStatus.NEGOTIATING
            return DocumentStatus.DRAFT
        if d.earliest() < signing[1]:
            return None
        if self.termination is not None:
            ended = self.termination.date.before(d)
            if ended is True or self.termination.date == d:
                return DocumentStatus.TERMINATED
            if ended is None:
                return None
        period = self.period()
        if period is None:
            return DocumentStatus.SIGNED
        terms = self.as_of(d)
        if terms.end is not None and any(a.end is not None for a in terms.amendments):
            ends: tuple[pendulum.Date, pendulum.Date] | None = (
                terms.end.earliest(),
                terms.end.latest(),
            )
        else:
            ends = self._ends()
        if d.latest() < period.start.earliest():
            return DocumentStatus.SIGNED
        if ends is not None and d.earliest() > ends[1]:
            return DocumentStatus.EXPIRED
        if d.earliest() >= period.start.latest() and (ends is None or d.latest() <= ends[0]):
            return DocumentStatus.IN_FORCE
        return None

    def is_in_force(self, date: PartialDate | pendulum.Date) -> bool | None:
        """Whether the document is in force on `date`; None when unknown."""
        status = self.status_on(date)
        return None if status is None else status is DocumentStatus.IN_FORCE

    def _max_years(self, policy: Policy) -> int:
        return policy.mou_max_years

    def findings(self, policy: Policy) -> list[Finding]:
        """Questionable but allowed things: see `kotakerja.check`."""
        found: list[Finding] = []
        kinds = {a.kind for a in self.approvals}
        if self.scheme in (Scheme.KSDPL, Scheme.KSDLL):
            for kind, code in (
                (ApprovalKind.DPRD, "kotakerja.approval.dprd_missing"),
                (ApprovalKind.MINISTRY, "kotakerja.approval.ministry_missing"),
            ):
                if kind not in kinds and self.signed_on() is not None:
                    found.append(
                        Finding(
                            severity=Severity.WARNING,
                            code=code,
                            path="approvals",
                            message=f"a {self.scheme.value.upper()} needs {kind.value} approval "
                            "before signing; none is recorded",
                        )
                    )
        if policy.acting_signatory_needs_consent:
            for i, sig in enumerate(self.signatures):
                pos = sig.position
                if (
                    pos is not None
                    and pos.is_acting
                    and (ApprovalKind.ACTING_OFFICIAL_CONSENT not in kinds)
                ):
                    found.append(
                        Finding(
                            severity=Severity.WARNING,
                            code="kotakerja.signature.acting_without_consent",
                            path=f"signatures[{i}].position",
                            message=f"{pos.label} is an acting official; no Mendagri consent "
                            "is recorded",
                        )
                    )
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


@attrs.frozen(kw_only=True)
class Mou(Document):
    """A framework agreement (Kesepakatan Bersama, Nota Kesepahaman, MoU) or a letter of intent."""

    TYPE: ClassVar[str] = "mou"

    kind: DocumentKind = DocumentKind.KESEPAKATAN_BERSAMA
    implementers: tuple[Organization, ...] = attrs.field(
        default=(),
        metadata=meta(description="Bodies that carry the MoU out: a foundation, an agency."),
    )


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
    payments: tuple[MoneyRate, ...] = attrs.field(
        default=(),
        metadata=meta(description="Money per period the party pays or receives: contributions."),
    )

    def __attrs_post_init__(self) -> None:
        check_fields(self)


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
    budget_rate: MoneyRate | None = attrs.field(
        default=None, metadata=meta(description="The budget per period, as the text states it.")
    )
    quantities: tuple[Quantity, ...] = attrs.field(
        default=(), metadata=meta(description="Quantities it names: 500 TNE per day.")
    )
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

    def _max_years(self, policy: Policy) -> int:
        return (
            policy.infrastructure_max_years if self.infrastructure else policy.agreement_max_years
        )

    def findings(self, policy: Policy) -> list[Finding]:
        found = super().findings(policy)
        missing = [c.value for c in _REQUIRED_CONTENTS if c not in self.contents]
        if missing:
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.agreement.missing_contents",
                    path="contents",
                    message="a PKS should contain " + ", ".join(missing),
                )
            )
        if (
            self.scheme in (Scheme.KSDD, Scheme.KSDPK)
            and self.burdens_public
            and ApprovalKind.DPRD not in {a.kind for a in self.approvals}
        ):
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.approval.dprd_missing",
                    path="approvals",
                    message="an agreement that burdens the public needs DPRD approval",
                )
            )
        return found
