"""Meetings (*pertemuan*) and the events they belong to (*acara*).

A `Meeting` is one bilateral meeting, courtesy call, signing ceremony, export
release or similar; it may be part of an `Event` (a summit, a national
gathering, a trade fair). Times are aware and in the venue's zone, or the
meeting is date-only and stays so. Follow-ups carry their own status and due
date and can be listed with :func:`open_follow_ups`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import ClassVar

import attrs
import pendulum

from .._errors import Finding, Problems, Severity, ValidationError
from .._model import check_fields, meta
from .._policy import Policy
from ..values import check_zone_name
from ..values._dates import DatePrecision, PartialDate, Period, instant_key
from ..values._people import Person, Position
from ..values._places import ForeignLocality, Region
from ..values._topics import TOPICS
from ._agreements import Party
from ._base import Record, Ref, check_ref_type

__all__ = [
    "Attendance",
    "CeremonialAct",
    "CeremonialActKind",
    "Coordinates",
    "CountQualifier",
    "Delegation",
    "Event",
    "EventKind",
    "FollowUp",
    "FollowUpEntry",
    "FollowUpStatus",
    "Meeting",
    "MeetingKind",
    "Outcome",
    "OutcomeKind",
    "Participant",
    "ParticipantIndex",
    "ParticipantRole",
    "ScheduleStatus",
    "Venue",
    "open_follow_ups",
    "overdue_follow_ups",
    "parse_press_time",
]

AGREEMENT_TYPES = ("mou", "agreement")
SHIPMENT_TYPES = ("export_shipment", "export_release")
FOLLOW_UP_TARGETS = (*AGREEMENT_TYPES, *SHIPMENT_TYPES, "meeting", "event")


class MeetingKind(str, enum.Enum):
    """What kind of meeting it is (*jenis pertemuan*)."""

    BILATERAL = "bilateral"
    """Pertemuan bilateral."""
    COURTESY_CALL = "courtesy_call"
    """Audiensi, kunjungan kehormatan."""
    WORKING_VISIT = "working_visit"
    """Kunjungan kerja."""
    FORUM_SESSION = "forum_session"
    """Sidang or sesi forum, konferensi."""
    BUSINESS_MEETING = "business_meeting"
    """Temu bisnis, business matching."""
    SIGNING_CEREMONY = "signing_ceremony"
    """Penandatanganan."""
    EXPORT_RELEASE_CEREMONY = "export_release_ceremony"
    """Pelepasan ekspor."""
    EXHIBITION_OPENING = "exhibition_opening"
    """Pembukaan pameran."""
    GROUNDBREAKING = "groundbreaking"
    """Peletakan batu pertama."""

    def label(self, locale: str = "id") -> str:
        """The kind as a press release names it, in Indonesian or English."""
        return _MEETING_LABELS[self][1 if locale == "en" else 0]


_MEETING_LABELS = {
    MeetingKind.BILATERAL: ("Pertemuan bilateral", "Bilateral meeting"),
    MeetingKind.COURTESY_CALL: ("Audiensi", "Courtesy call"),
    MeetingKind.WORKING_VISIT: ("Kunjungan kerja", "Working visit"),
    MeetingKind.FORUM_SESSION: ("Sesi forum", "Forum session"),
    MeetingKind.BUSINESS_MEETING: ("Temu bisnis", "Business meeting"),
    MeetingKind.SIGNING_CEREMONY: ("Penandatanganan", "Signing ceremony"),
    MeetingKind.EXPORT_RELEASE_CEREMONY: ("Pelepasan ekspor", "Export release ceremony"),
    MeetingKind.EXHIBITION_OPENING: ("Pembukaan pameran", "Exhibition opening"),
    MeetingKind.GROUNDBREAKING: ("Peletakan batu pertama", "Groundbreaking"),
}


class EventKind(str, enum.Enum):
    """What kind of event it is (*jenis acara*)."""

    SUMMIT = "summit"
    """Konferensi tingkat tinggi (KTT)."""
    NATIONAL_GATHERING = "national_gathering"
    """Pertemuan nasional, e.g. the APEKSI anniversary gathering."""
    FORUM = "forum"
    """Forum or conference."""
    TRADE_FAIR = "trade_fair"
    """Pameran dagang, expo."""
    VISIT_PROGRAM = "visit_program"
    """Rangkaian kunjungan kerja."""
    OTHER = "other"
    """Lainnya."""

    def label(self, locale: str = "id") -> str:
        """The kind in Indonesian or English."""
        return _EVENT_LABELS[self][1 if locale == "en" else 0]


_EVENT_LABELS = {
    EventKind.SUMMIT: ("Konferensi tingkat tinggi", "Summit"),
    EventKind.NATIONAL_GATHERING: ("Pertemuan nasional", "National gathering"),
    EventKind.FORUM: ("Forum", "Forum"),
    EventKind.TRADE_FAIR: ("Pameran dagang", "Trade fair"),
    EventKind.VISIT_PROGRAM: ("Rangkaian kunjungan kerja", "Visit program"),
    EventKind.OTHER: ("Acara", "Event"),
}


class ScheduleStatus(str, enum.Enum):
    """Whether a meeting or event is planned, took place, or did not (*status jadwal*)."""

    PLANNED = "planned"
    """Direncanakan."""
    HELD = "held"
    """Terlaksana."""
    POSTPONED = "postponed"
    """Ditunda."""
    CANCELLED = "cancelled"
    """Dibatalkan."""


class ParticipantRole(str, enum.Enum):
    """A participant's part in a meeting (*peran*)."""

    HOST = "host"
    """Tuan rumah."""
    GUEST = "guest"
    """Tamu."""
    HEAD_OF_DELEGATION = "head_of_delegation"
    """Ketua delegasi."""
    MEMBER = "member"
    """Anggota delegasi."""
    SIGNATORY = "signatory"
    """Penanda tangan."""
    WITNESS = "witness"
    """Saksi."""
    SPEAKER = "speaker"
    """Narasumber, pembicara."""
    MODERATOR = "moderator"
    """Moderator."""
    ATTENDEE = "attendee"
    """Peserta, turut hadir."""


class CountQualifier(str, enum.Enum):
    """How exact an attendance count is (*ketepatan jumlah*)."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    """Sekitar."""
    AT_LEAST = "at_least"
    """Lebih dari, sedikitnya."""
    AT_MOST = "at_most"
    """Hampir seluruh, paling banyak."""


class CeremonialActKind(str, enum.Enum):
    """A ceremonial act within a meeting (*prosesi*)."""

    GONG_STRIKING = "gong_striking"
    """Pemukulan gong."""
    RIBBON_CUTTING = "ribbon_cutting"
    """Pengguntingan pita."""
    FOUNDATION_STONE = "foundation_stone"
    """Peletakan batu pertama."""
    SIREN_SOUNDING = "siren_sounding"
    """Pembunyian sirene."""
    BUTTON_PRESSING = "button_pressing"
    """Penekanan tombol."""
    FLAG_OFF = "flag_off"
    """Pengibaran bendera pelepasan (export release, convoy)."""
    PLAQUE_UNVEILING = "plaque_unveiling"
    """Penandatanganan or pembukaan selubung prasasti."""
    TUMPENG_CUTTING = "tumpeng_cutting"
    """Pemotongan tumpeng."""
    OTHER = "other"


class OutcomeKind(str, enum.Enum):
    """What a meeting produced (*hasil pertemuan*)."""

    AGREED_STATEMENT = "agreed_statement"
    """Kesepakatan lisan or pernyataan bersama."""
    DECISION = "decision"
    """Keputusan."""
    INVITATION = "invitation"
    """Undangan, usually to an event."""
    COMMITMENT = "commitment"
    """Komitmen of one or more sides."""


class FollowUpStatus(str, enum.Enum):
    """Where a follow-up stands (*status tindak lanjut*)."""

    OPEN = "open"
    """Belum selesai."""
    DONE = "done"
    """Selesai."""
    CANCELLED = "cancelled"
    """Dibatalkan."""


# Values ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Coordinates:
    """A point in WGS 84 degrees: latitude -90…90, longitude -180…180."""

    latitude: float = attrs.field(metadata=meta(minimum=-90, maximum=90))
    longitude: float = attrs.field(metadata=meta(minimum=-180, maximum=180))

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Venue:
    """Where a meeting takes place: a named place (optional) in a region or foreign locality.

    The place gives the time zone the meeting's times are written in.

    >>> Venue(name="Hotel Paragon Solo", place=Region.get("33.72")).format()
    'Hotel Paragon Solo, Kota Surakarta'
    """

    name: str | None = attrs.field(default=None, metadata=meta(max_length=300))
    place: Region | ForeignLocality
    address: str | None = attrs.field(default=None, metadata=meta(max_length=500))
    coordinates: Coordinates | None = None

    __attrs_post_init__ = check_fields

    @property
    def time_zone(self) -> str:
        """The IANA zone of the place."""
        return self.place.time_zone

    def format(self, locale: str = "id") -> str:
        """Name, address and place, as one line."""
        place = (
            self.place.name
            if isinstance(self.place, Region)
            else f"{self.place.name}, {self.place.country.format(locale)}"
        )
        return ", ".join(x for x in (self.name, self.address, place) if x)


@attrs.frozen(kw_only=True)
class Participant:
    """A person at a meeting, in the position held at that time, with their roles.

    The person may be unknown (a report names only "the German Vice Chancellor");
    then the position says who it was. `other_positions` are further positions held
    at the time, e.g. the mayor who also chairs the association.
    """

    RULES = ("a person or a position", "roles are not repeated")

    person: Person | None = None
    position: Position | None = None
    other_positions: tuple[Position, ...] = ()
    roles: tuple[ParticipantRole, ...] = attrs.field(
        default=(ParticipantRole.ATTENDEE,), metadata=meta(min_length=1)
    )

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.person is None and self.position is None:
            p.add("", "kotakerja.participant.empty", "a participant needs a person or a position")
        roles = self.roles
        if len(roles) > 1 and len({r._value_ for r in roles}) != len(roles):
            p.add("roles", "kotakerja.participant.duplicate_role", "a role is listed twice")

    @property
    def label(self) -> str:
        """``Gibran Rakabuming Raka (Wali Kota Surakarta)``, or the position alone."""
        if self.person is None:
            assert self.position is not None
            return self.position.label
        if self.position is None:
            return self.person.name
        return f"{self.person.name} ({self.position.label})"


@attrs.frozen(kw_only=True)
class ParticipantIndex:
    """Points to one participant of a meeting: ``delegations[d].participants[p]``."""

    delegation: int = attrs.field(metadata=meta(minimum=0))
    participant: int = attrs.field(metadata=meta(minimum=0))

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Delegation:
    """The people of one side: a region, a foreign locality or an organisation.

    The side is a `Party`, the same model as the parties of an MoU (its
    `document_number` has no use here). `size` is the whole delegation when more
    came than are named.
    """

    RULES = ("size is not smaller than the named participants", "at most one head")

    side: Party
    participants: tuple[Participant, ...] = ()
    size: int | None = attrs.field(default=None, metadata=meta(minimum=1))

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.size is not None and self.size < len(self.participants):
            p.add(
                "size",
                "kotakerja.delegation.size_too_small",
                f"size {self.size} is smaller than the {len(self.participants)} named participants",
            )
        heads = [
            i
            for i, x in enumerate(self.participants)
            if ParticipantRole.HEAD_OF_DELEGATION in x.roles
        ]
        for i in heads[1:]:
            p.add(
                f"participants[{i}].roles",
                "kotakerja.delegation.two_heads",
                f"participant {heads[0]} already heads this delegation",
            )


@attrs.frozen(kw_only=True)
class Attendance:
    """How many attended when names are not known: ``98 wali kota``, at most."""

    count: int = attrs.field(metadata=meta(minimum=0))
    description: str = attrs.field(metadata=meta(max_length=300))
    qualifier: CountQualifier = CountQualifier.EXACT

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class CeremonialAct:
    """An act such as striking a gong or cutting a ribbon, and who performed it."""

    kind: CeremonialActKind
    performed_by: tuple[ParticipantIndex, ...] = ()
    note: str | None = attrs.field(default=None, metadata=meta(max_length=1000))

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Outcome:
    """An agreed statement, decision, invitation or commitment, and the sides behind it.

    `by` and `to` are indices into the meeting's delegations (for an invitation:
    who invites, who is invited). An invitation names its event by `event` (a
    reference to an Event record), by `event_title`, or both; `event_dates` may be
    partial ("August 2023").
    """

    RULES = ("an invitation names an event", "event points to an event")

    kind: OutcomeKind
    text: str = attrs.field(metadata=meta(max_length=2000))
    by: tuple[int, ...] = ()
    to: tuple[int, ...] = ()
    event: Ref | None = None
    event_title: str | None = attrs.field(default=None, metadata=meta(max_length=500))
    event_dates: Period | None = None
    topics: tuple[str, ...] = ()

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        check_ref_type(p, "event", self.event, "event")
        if self.kind is OutcomeKind.INVITATION and self.event is None and not self.event_title:
            p.add(
                "event",
                "kotakerja.outcome.invitation_without_event",
                "an invitation names its event: give event (a Ref) or event_title",
            )
        for name, values in (("by", self.by), ("to", self.to)):
            for i, v in enumerate(values):
                if v < 0:
                    p.add(f"{name}[{i}]", "kotakerja.out_of_range", f"is {v}; must be at least 0")


def _as_partial(on: PartialDate | dt.date) -> PartialDate:
    return on if isinstance(on, PartialDate) else PartialDate.of(on)


@attrs.frozen(kw_only=True)
class FollowUp:
    """Something to be done after a meeting: owner, due date, status and links.

    `concerns` are the records it is about (an MoU, an agreement, a shipment, an
    event, another meeting); `closed_by` the meeting where it was reported done or
    dropped, `closed_on` the date. A due date may be partial: due ``2023-08`` is
    overdue only once August 2023 has ended.
    """

    RULES = (
        "concerns point to mou, agreement, export_shipment, export_release, meeting or event",
        "closed_by points to a meeting",
        "closed_by and closed_on only when done or cancelled",
    )

    action: str = attrs.field(metadata=meta(max_length=2000))
    owner: Party | None = None
    due: PartialDate | None = None
    status: FollowUpStatus = FollowUpStatus.OPEN
    concerns: tuple[Ref, ...] = ()
    closed_by: Ref | None = None
    closed_on: PartialDate | None = None
    note: str | None = attrs.field(default=None, metadata=meta(max_length=2000))

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        for i, ref in enumerate(self.concerns):
            check_ref_type(p, f"concerns[{i}]", ref, *FOLLOW_UP_TARGETS)
        check_ref_type(p, "closed_by", self.closed_by, "meeting")
        if self.status is FollowUpStatus.OPEN:
            for name in ("closed_by", "closed_on"):
                if getattr(self, name) is not None:
                    p.add(
                        name,
                        "kotakerja.follow_up.closed_while_open",
                        f"{name} is only for a follow-up that is done or cancelled",
                    )

    def is_open(self, on: PartialDate | dt.date | None = None) -> bool:
        """Whether it is open; with `on`, whether it was still open on that date.

        A follow-up closed after `on` (by `closed_on`) was open on `on`.
        """
        if self.status is FollowUpStatus.OPEN:
            return True
        if on is None or self.closed_on is None:
            return False
        return self.closed_on.after(_as_partial(on)) is True

    def is_overdue(self, on: PartialDate | dt.date) -> bool:
        """Open on `on` and certainly past its due date (every day the due date covers)."""
        if self.due is None or not self.is_open(on):
            return False
        return self.due.before(_as_partial(on)) is True


def _unknown_topics(topics: tuple[str, ...], path: str = "topics") -> list[Finding]:
    return [
        Finding(
            severity=Severity.INFO,
            code="kotakerja.topic.unknown",
            path=f"{path}[{i}]",
            message=f"{t!r} is not in the shared topic vocabulary; it is kept as written",
        )
        for i, t in enumerate(topics)
        if t not in TOPICS
    ]


def _local_day(t: pendulum.DateTime) -> PartialDate:
    return PartialDate(year=t.year, month=t.month, day=t.day)


def _zone_abbreviation(t: pendulum.DateTime) -> str:
    return str(t.format("zz"))


def _format_clock(t: pendulum.DateTime, locale: str) -> str:
    return f"{t.hour:02d}:{t.minute:02d}" if locale == "en" else f"{t.hour:02d}.{t.minute:02d}"


def _format_times(
    start: pendulum.DateTime, end: pendulum.DateTime | None, locale: str = "id"
) -> str:
    """``Senin, 13 Desember 2021, pukul 10.00–12.00 WIB`` / ``Monday, …, 10:00–12:00 WIB``."""
    day = _local_day(start).format(locale, weekday=True)
    at = "" if locale == "en" else "pukul "
    clock = _format_clock(start, locale)
    zone = _zone_abbreviation(start)
    if end is None or instant_key(end) == instant_key(start):
        return f"{day}, {at}{clock} {zone}"
    if end.date() == start.date():
        end_zone = _zone_abbreviation(end)
        if end_zone != zone:  # across a daylight-saving change: each end its own
            return f"{day}, {at}{clock} {zone}–{_format_clock(end, locale)} {end_zone}"
        return f"{day}, {at}{clock}–{_format_clock(end, locale)} {zone}"
    return f"{day}, {at}{clock} {zone} – {_format_times(end, None, locale)}"


_UNTIL_DONE = re.compile(r"\s*(?:s\.d\.?|s/d|sampai|hingga)\s*selesai\W*$", re.IGNORECASE)
_CLOCK = re.compile(
    r"(?:pukul|pkl\.?|jam|at)?\s*(\d{1,2})[.:](\d{2})"
    r"(?:\s+(?!(?:to|until)\b)([A-Za-z]{2,5})\b)?"  # the start's own zone, when it differs
    r"(?:\s*(?:–|—|-|s\.d\.?|s/d|sampai|to|until)\s*(?:(\d{1,2})[.:](\d{2})|selesai))?"
    r"(?:\s+([A-Za-z]{2,5}))?",
    re.IGNORECASE,
)


def parse_press_time(
    text: str, time_zone: str
) -> tuple[pendulum.DateTime, pendulum.DateTime | None]:
    """Read the time of a press release into aware start and end in `time_zone`.

    The inverse of `Meeting.press_line` for one day: ``Senin, 13 Desember 2021,
    pukul 10.00 WIB``, ``Senin (13/12/2021) pukul 10.00–12.00 WITA``, ``Monday, 13
    December 2021, 10:00 WIB``; "s.d. selesai" (until finished) gives no end. A
    zone abbreviation, when written, must be the zone's (WIB for Asia/Jakarta). In
    the hour that repeats when daylight saving ends, it chooses the pass (``01:30 EDT``
    or ``01:30 EST``); a range across the change has one for each end (``01:10
    EDT–01:50 EST``), as `Meeting.press_line` writes it. Without one, the later pass
    is taken.

    >>> start, end = parse_press_time("Senin, 13 Desember 2021, pukul 10.00 WIB", "Asia/Jakarta")
    >>> start.isoformat(), end
    ('2021-12-13T10:00:00+07:00', None)
    """
    check_zone_name(time_zone, "time_zone")
    raw = _UNTIL_DONE.sub("", " ".join(str(text).split())[:200])
    found = None
    for m in _CLOCK.finditer(raw):
        if m.group(0).strip() and raw[m.end() :].strip(" .") == "":
            found = m
    if found is None:
        raise ValidationError.single(
            "", "kotakerja.time.unparseable", f"{raw!r} has no time of day such as 'pukul 10.00'"
        )
    date_text = " ".join(raw[: found.start()].replace("(", " ").replace(")", " ").split())
    date_text = date_text.rstrip(",").strip()
    day = PartialDate.parse(date_text)
    if day.precision is not DatePrecision.DAY:
        raise ValidationError.single(
            "", "kotakerja.time.unparseable", f"{raw!r}: a time needs a full date"
        )
    hour, minute, start_abbreviation, end_hour, end_minute, abbreviation = found.groups()
    if start_abbreviation is not None and end_hour is None:
        if abbreviation is not None:  # "10.00 WIB WIB": not a form kotakerja writes
            raise ValidationError.single(
                "", "kotakerja.time.unparseable", f"{raw!r}: two zones for one time"
            )
        start_abbreviation, abbreviation = None, start_abbreviation

    def at(h: str, m: str, written: str | None, strict: bool) -> pendulum.DateTime:
        if int(h) > 23 or int(m) > 59:
            raise ValidationError.single(
                "", "kotakerja.time.invalid", f"{raw!r}: {h}.{m} is not a time of day"
            )
        t = pendulum.datetime(day.year, day.month or 1, day.day or 1, int(h), int(m), tz=time_zone)
        if (t.hour, t.minute) != (int(h), int(m)):  # moved on: the clocks skipped that hour
            raise ValidationError.single(
                "",
                "kotakerja.time.nonexistent",
                f"{raw!r}: {h}.{m} does not exist in {time_zone} on that day "
                "(the clocks were put forward)",
            )
        if written is None or written.upper() == _zone_abbreviation(t).upper():
            return t
        # In the hour that repeats when daylight saving ends, the abbreviation says which
        # pass is meant (EDT or EST).
        other = t.replace(fold=1 - t.fold)
        if written.upper() == _zone_abbreviation(other).upper():
            return other
        if not strict:
            return t
        raise ValidationError.single(
            "",
            "kotakerja.time.zone_mismatch",
            f"{raw!r} is written in {written}, but {time_zone} is "
            f"{_zone_abbreviation(t)} at {h}.{m} on that day",
        )

    start = at(hour, minute, start_abbreviation or abbreviation, True)
    end = None if end_hour is None else at(end_hour, end_minute, abbreviation, False)
    if end is not None and instant_key(end) < instant_key(start):
        raise ValidationError.single(
            "", "kotakerja.meeting.end_before_start", f"{raw!r}: the end is before the start"
        )
    return start, end


def _format_dates(dates: Period, locale: str = "id") -> str:
    """One full day with its weekday (``Senin, 13 Desember 2021``), else the compact period."""
    if dates.end == dates.start and dates.start.precision is DatePrecision.DAY:
        return dates.start.format(locale, weekday=True)
    return dates.format(locale)


# Records --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Event(Record):
    """A summit, national gathering, forum, trade fair or visit program.

    `dates` may be partial (``Agustus 2023``) or unknown; meetings point to their
    event with `Meeting.event`.
    """

    TYPE: ClassVar[str] = "event"
    RULES: ClassVar[tuple[str, ...]] = ("part_of points to an event",)

    title: str = attrs.field(metadata=meta(max_length=1000))
    kind: EventKind
    abbreviation: str | None = attrs.field(default=None, metadata=meta(max_length=50))
    theme: str | None = attrs.field(default=None, metadata=meta(max_length=1000))
    organizers: tuple[Party, ...] = ()
    host_region: Region | ForeignLocality | None = None
    venues: tuple[Venue, ...] = ()
    dates: Period | None = None
    status: ScheduleStatus | None = None
    topics: tuple[str, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    part_of: Ref | None = None
    summary: str | None = attrs.field(default=None, metadata=meta(max_length=5000))

    def _check_rules(self, p: Problems) -> None:
        super()._check_rules(p)
        check_ref_type(p, "part_of", self.part_of, "event")

    def period(self) -> Period | None:
        """The days of the event, as far as known."""
        return self.dates

    def timeline_date(self) -> PartialDate | None:
        """The first day of the event, as far as known."""
        return None if self.dates is None else self.dates.start

    def press_line(self, locale: str = "id") -> str | None:
        """The dates as a press release writes them (``27–29 Mei 2022``); None if unknown."""
        return None if self.dates is None else _format_dates(self.dates, locale)

    def findings(self, policy: Policy) -> list[Finding]:
        """Questionable but allowed things: see `kotakerja.check`."""
        return _unknown_topics(self.topics)


@attrs.frozen(kw_only=True)
class Meeting(Record):
    """One meeting: kind, time and place, delegations, topics, acts, outcomes, follow-ups.

    Time is either aware `start` (and optional `end`) in the venue's IANA zone, or
    date-only `dates` (a full or partial date or a range), or unknown. `signed` and
    `referenced` point to the MoUs and agreements signed or referred to there,
    `released` to the export shipments or releases sent off there.
    """

    TYPE: ClassVar[str] = "meeting"
    RULES: ClassVar[tuple[str, ...]] = (
        "start and end are aware, in a named IANA zone (the venue's when there is a venue)",
        "end not before start; end needs start; start and dates exclude each other",
        "dates have an end (a single day is start = end)",
        "event points to an event; signed and referenced to a mou or agreement; "
        "released to an export_shipment or export_release",
        "performers, outcome sides point to existing delegations and participants",
        "a follow-up is not closed by the meeting that raised it, nor before it",
    )

    title: str = attrs.field(metadata=meta(max_length=1000))
    kind: MeetingKind
    status: ScheduleStatus | None = None
    event: Ref | None = None
    start: pendulum.DateTime | None = None
    end: pendulum.DateTime | None = None
    dates: Period | None = None
    venue: Venue | None = None
    delegations: tuple[Delegation, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    topics: tuple[str, ...] = ()
    ceremonial_acts: tuple[CeremonialAct, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    signed: tuple[Ref, ...] = ()
    referenced: tuple[Ref, ...] = ()
    released: tuple[Ref, ...] = ()
    summary: str | None = attrs.field(default=None, metadata=meta(max_length=5000))

    def _check_rules(self, p: Problems) -> None:
        super()._check_rules(p)
        self._check_time(p)
        check_ref_type(p, "event", self.event, "event")
        for name, allowed in (
            ("signed", AGREEMENT_TYPES),
            ("referenced", AGREEMENT_TYPES),
            ("released", SHIPMENT_TYPES),
        ):
            refs: tuple[Ref, ...] = getattr(self, name)
            seen: set[Ref] = set()
            for i, ref in enumerate(refs):
                check_ref_type(p, f"{name}[{i}]", ref, *allowed)
                if ref in seen:
                    p.add(
                        f"{name}[{i}]", "kotakerja.meeting.duplicate_link", f"{ref} is listed twice"
                    )
                seen.add(ref)
        self._check_indices(p)
        self._check_follow_ups(p)

    def _check_time(self, p: Problems) -> None:
        start, end = self.start, self.end
        if end is not None and start is None:
            p.add("end", "kotakerja.meeting.end_without_start", "an end time needs a start time")
        if start is not None and self.dates is not None:
            p.add(
                "dates",
                "kotakerja.meeting.time_and_dates",
                "give aware start/end times or date-only dates, not both",
            )
        if self.dates is not None and self.dates.end is None:
            p.add("dates.end", "kotakerja.meeting.open_dates", "a meeting's dates need an end")
        zones: dict[str, str] = {}
        for name, t in (("start", start), ("end", end)):
            if t is None:
                continue
            tz = t.tzinfo
            if not isinstance(tz, pendulum.Timezone):
                p.add(
                    name,
                    "kotakerja.meeting.zone_not_named",
                    f"{t.isoformat()} has a fixed offset; give the venue's IANA zone, "
                    "e.g. Asia/Jakarta",
                )
            else:
                zones[name] = tz.name
        venue_zone = None if self.venue is None else self.venue.time_zone
        if venue_zone is not None and "start" in zones and zones["start"] != venue_zone:
            p.add(
                "start",
                "kotakerja.meeting.zone_not_venue",
                f"start is in {zones['start']} but the venue is in {venue_zone}; "
                "write times in the venue's zone",
            )
        if "start" in zones and "end" in zones and zones["start"] != zones["end"]:
            p.add(
                "end",
                "kotakerja.meeting.zone_mismatch",
                f"end is in {zones['end']}, start in {zones['start']}; use one zone",
            )
        if start is not None and end is not None and instant_key(end) < instant_key(start):
            p.add(
                "end",
                "kotakerja.meeting.end_before_start",
                f"end {end.isoformat()} is before start {start.isoformat()}",
            )

    def _check_indices(self, p: Problems) -> None:
        n = len(self.delegations)
        for a, act in enumerate(self.ceremonial_acts):
            for j, who in enumerate(act.performed_by):
                path = f"ceremonial_acts[{a}].performed_by[{j}]"
                if who.delegation >= n:
                    p.add(
                        f"{path}.delegation",
                        "kotakerja.meeting.unknown_delegation",
                        f"delegation {who.delegation} does not exist; there are {n}",
                    )
                    continue
                m = len(self.delegations[who.delegation].participants)
                if who.participant >= m:
                    p.add(
                        f"{path}.participant",
                        "kotakerja.meeting.unknown_participant",
                        f"delegation {who.delegation} has {m} named participants, "
                        f"not {who.participant + 1}",
                    )
        for o, outcome in enumerate(self.outcomes):
            for name, values in (("by", outcome.by), ("to", outcome.to)):
                for i, v in enumerate(values):
                    if v >= n:
                        p.add(
                            f"outcomes[{o}].{name}[{i}]",
                            "kotakerja.meeting.unknown_delegation",
                            f"delegation {v} does not exist; there are {n}",
                        )

    def _check_follow_ups(self, p: Problems) -> None:
        if not self.follow_ups:
            return
        # The meeting's days are only needed when a follow-up says when it was closed.
        closed = any(f.closed_on is not None for f in self.follow_ups)
        period = self.period() if closed else None
        for i, f in enumerate(self.follow_ups):
            if f.closed_by is not None and f.closed_by == self.ref:
                p.add(
                    f"follow_ups[{i}].closed_by",
                    "kotakerja.follow_up.closed_by_self",
                    "a follow-up is closed by a later meeting, not the one that raised it",
                )
            if (
                period is not None
                and f.closed_on is not None
                and f.closed_on.before(period.start) is True
            ):
                p.add(
                    f"follow_ups[{i}].closed_on",
                    "kotakerja.follow_up.closed_before_raised",
                    f"closed on {f.closed_on}, before the meeting on {period.start}",
                )

    # Queries ---------------------------------------------------------------------------

    def period(self) -> Period | None:
        """The local days of the meeting: from its times, its dates, or None if unknown."""
        if self.start is not None:
            last = self.end if self.end is not None else self.start
            return Period(start=_local_day(self.start), end=_local_day(last))
        return self.dates

    def timeline_date(self) -> PartialDate | None:
        """The (local) day the meeting began, as far as known."""
        period = self.period()
        return None if period is None else period.start

    @property
    def is_date_only(self) -> bool:
        """True when only the date (no time of day) is known."""
        return self.start is None and self.dates is not None

    def press_line(self, locale: str = "id") -> str | None:
        """When, as a press release writes it; None when the date is unknown.

        ``Senin, 13 Desember 2021, pukul 10.00 WIB`` (or ``Monday, 13 December 2021,
        10:00 WIB`` with ``locale="en"``); date-only meetings omit the time
        (``Senin, 13 Desember 2021``, ``27–29 Mei 2022``).
        """
        if self.start is not None:
            return _format_times(self.start, self.end, locale)
        if self.dates is not None:
            return _format_dates(self.dates, locale)
        return None

    def participants(self) -> tuple[Participant, ...]:
        """Every named participant, delegation by delegation."""
        return tuple(x for d in self.delegations for x in d.participants)

    def open_follow_ups(self, on: PartialDate | dt.date | None = None) -> tuple[FollowUp, ...]:
        """The follow-ups open now, or (with `on`) on that date."""
        return tuple(f for f in self.follow_ups if f.is_open(on))

    def findings(self, policy: Policy) -> list[Finding]:
        """Questionable but allowed things: see `kotakerja.check`."""
        found = _unknown_topics(self.topics)
        if self.start is None and self.dates is None:
            found.append(
                Finding(
                    severity=Severity.INFO,
                    code="kotakerja.meeting.no_date",
                    path="dates",
                    message="the meeting's date is not recorded",
                )
            )
        if self.kind is MeetingKind.SIGNING_CEREMONY and not self.signed:
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.meeting.nothing_signed",
                    path="signed",
                    message="a signing ceremony with no signed MoU or agreement recorded",
                )
            )
        if self.kind is MeetingKind.EXPORT_RELEASE_CEREMONY and not self.released:
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="kotakerja.meeting.nothing_released",
                    path="released",
                    message="an export release ceremony with no shipment or release recorded",
                )
            )
        period = self.period()
        for i, f in enumerate(self.follow_ups):
            if period is not None and f.due is not None and f.due.before(period.start) is True:
                found.append(
                    Finding(
                        severity=Severity.WARNING,
                        code="kotakerja.follow_up.due_before_meeting",
                        path=f"follow_ups[{i}].due",
                        message=f"due {f.due}, before the meeting on {period.start}",
                    )
                )
        return found


# Follow-up queries ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FollowUpEntry:
    """A follow-up with the meeting that raised it, as listed by :func:`open_follow_ups`."""

    meeting: Meeting
    index: int
    follow_up: FollowUp
    overdue: bool

    @property
    def path(self) -> str:
        """``[meeting-id].follow_ups[0]``, the way register problems name places."""
        return f"[{self.meeting.id}].follow_ups[{self.index}]"


def _on(on: PartialDate | dt.date | None) -> PartialDate:
    return PartialDate.today() if on is None else _as_partial(on)


def open_follow_ups(
    records: Iterable[Record], *, on: PartialDate | dt.date | None = None
) -> tuple[FollowUpEntry, ...]:
    """Every follow-up open on `on` (default: today in WIB), earliest due first.

    Only meetings are looked at; any other record is passed over, so a whole
    `Register` can be given. A follow-up raised at a meeting known to be after `on`
    is left out; one closed after `on` (by its `closed_on`) counts as open, one
    closed on an unrecorded date as closed. Unknown due dates come last.

    >>> import kotakerja
    >>> on = PartialDate.parse("2023-09-01")
    >>> print(*(e.follow_up.due for e in open_follow_ups(kotakerja.examples(), on=on)))
    2023-08 2023-11-05 None None
    """
    day = _on(on)
    out = []
    for record in records:
        if not isinstance(record, Meeting):
            continue
        period = record.period()
        if period is not None and period.start.after(day) is True:
            continue
        for i, f in enumerate(record.follow_ups):
            if f.is_open(day):
                out.append(
                    FollowUpEntry(meeting=record, index=i, follow_up=f, overdue=f.is_overdue(day))
                )

    def order(e: FollowUpEntry) -> tuple[bool, tuple[int, int, int, int], str, int]:
        due = e.follow_up.due
        return (due is None, (0, 0, 0, 0) if due is None else due.sort_key(), e.meeting.id, e.index)

    return tuple(sorted(out, key=order))


def overdue_follow_ups(
    records: Iterable[Record], *, on: PartialDate | dt.date | None = None
) -> tuple[FollowUpEntry, ...]:
    """The open follow-ups whose due date has certainly passed on `on` (default: today)."""
    return tuple(e for e in open_follow_ups(records, on=on) if e.overdue)
