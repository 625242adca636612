"""iCalendar (RFC 5545) export of meetings and events, so an agenda lands in calendar programs.

Which entries are written, and how:

- A meeting with aware times becomes a timed entry in its IANA zone, with a
  ``VTIMEZONE`` for every zone used, built from the zoneinfo data. It holds only
  the observances in effect from a day before to a day after each entry (an
  offset change within that span included), so a file stays small whatever the
  years its entries span. Without an end time the entry has no ``DTEND``.
  A local time that occurs twice in its zone (the repeated hour when daylight
  saving ends) is written in UTC (``...Z``), because a local time with ``TZID``
  is read as the first of the two.
  iCalendar times have whole seconds: fractions of a second are dropped.
- A date-only meeting, and an event whose dates are full days, becomes an
  all-day entry; ``DTEND`` is the day after the last day (it is exclusive), or,
  for dates that end on 31 December 9999, a ``DURATION`` in days.
- Dates known only to the month or year ("Agustus 2023") are skipped by default,
  because a month-long block would claim more than is known. With
  ``partial="span"`` they are written as tentative all-day entries spanning
  every day they may cover, with the known precision in the description.
- A meeting or event with no date at all, or with an open end, is skipped.
- Records of other types are passed over, so a whole `Register` can be given.
- Text is escaped as RFC 5545 asks (backslash, semicolon, comma, line ends);
  control characters, which a ``TEXT`` value may not hold, are removed (a
  carriage return becomes a line end).

- Each follow-up of a meeting becomes a to-do (``VTODO``): ``DUE`` its due
  date (a due date known only to the month or year: its last day, the
  precision said in the description), ``STATUS`` ``NEEDS-ACTION``,
  ``COMPLETED`` or ``CANCELLED``, and the meeting as its ``RELATED-TO`` parent.
  ``follow_ups=False`` leaves them out.

The ``UID`` of each entry is the record id (of a to-do, ``<meeting id>/follow-up/<n>``);
a meeting's event is its ``RELATED-TO`` parent; the first source with a web address is its ``URL``.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

import pendulum

from ._version import __version__
from .records._base import Record
from .records._meetings import Event, Meeting, ScheduleStatus
from .values._dates import DatePrecision, Period
from .values._topics import topic_label

if TYPE_CHECKING:
    import icalendar

__all__ = ["to_ical"]

_STATUS = {
    ScheduleStatus.PLANNED: "CONFIRMED",
    ScheduleStatus.HELD: "CONFIRMED",
    ScheduleStatus.POSTPONED: "TENTATIVE",
    ScheduleStatus.CANCELLED: "CANCELLED",
}

_WORDS = {
    "id": {
        "event": "Bagian dari",
        "participants": "Peserta",
        "topics": "Topik",
        "outcomes": "Hasil",
        "theme": "Tema",
        "partial": "Tanggal hanya diketahui sebatas",
        "due": "Tenggat",
        "owner": "Penanggung jawab",
        "concerns": "Terkait",
        "follow_up": "Tindak lanjut dari",
    },
    "en": {
        "event": "Part of",
        "participants": "Participants",
        "topics": "Topics",
        "outcomes": "Outcomes",
        "theme": "Theme",
        "partial": "Dates known only as",
        "due": "Due",
        "owner": "Owner",
        "concerns": "Concerns",
        "follow_up": "Follow-up of",
    },
}


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _text(value: str) -> str:
    """`value` as an iCalendar ``TEXT`` may hold it: line ends as ``\\n``, no control
    characters, nothing UTF-8 cannot write (a lone surrogate becomes ``?``)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    if not value.isascii():
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def _stdlib(t: pendulum.DateTime) -> dt.datetime:
    tz = t.tzinfo
    assert isinstance(tz, pendulum.Timezone)
    zone: dt.tzinfo = dt.timezone.utc if tz.name == "UTC" else zoneinfo.ZoneInfo(tz.name)
    return dt.datetime(
        t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond, tzinfo=zone
    )


def _ical_time(t: pendulum.DateTime) -> dt.datetime:
    """The time as written in the entry: local in its zone, or UTC in a repeated hour.

    A local time with ``TZID`` cannot say which pass of a repeated hour it is (calendar
    programs take the first), so an ambiguous local time is written in UTC.
    """
    local = _stdlib(t)
    zone = local.tzinfo
    assert zone is not None
    if zone.utcoffset(local.replace(fold=0)) != zone.utcoffset(local.replace(fold=1)):
        offset = t.utcoffset()
        assert offset is not None
        wall = local.replace(tzinfo=None)
        return (wall - offset).replace(tzinfo=dt.timezone.utc)
    return local


def _utc(t: pendulum.DateTime) -> dt.datetime:
    """The instant of `t` in UTC, kept within the years 1 to 9999."""
    offset = t.utcoffset()
    assert offset is not None
    wall = dt.datetime(t.year, t.month, t.day, t.hour, t.minute, t.second)
    try:
        return (wall - offset).replace(tzinfo=dt.timezone.utc)
    except OverflowError:
        return _FIRST_UTC if offset > dt.timedelta(0) else _LAST_UTC


_MARGIN = dt.timedelta(days=1)
_FIRST_UTC = dt.datetime(1, 1, 3, tzinfo=dt.timezone.utc)
_LAST_UTC = dt.datetime(9999, 12, 29, tzinfo=dt.timezone.utc)

_State = tuple[dt.timedelta, dt.timedelta, str]
"""What a zone says at an instant: its offset from UTC, its daylight saving, its name."""


def _state(zone: zoneinfo.ZoneInfo, at: dt.datetime) -> _State:
    local = at.astimezone(zone)
    offset = local.utcoffset()
    assert offset is not None
    return (offset, local.dst() or dt.timedelta(0), local.tzname() or "")


def _change_after(zone: zoneinfo.ZoneInfo, lo: dt.datetime, hi: dt.datetime) -> dt.datetime:
    """The first whole second in (lo, hi] where the zone no longer says what it says at lo."""
    before = _state(zone, lo)
    while hi - lo > dt.timedelta(seconds=1):
        mid = lo + (hi - lo) // 2
        mid = mid.replace(microsecond=0)
        if mid <= lo:
            mid = lo + dt.timedelta(seconds=1)
        if _state(zone, mid) == before:
            lo = mid
        else:
            hi = mid
    return hi


def _windows(spans: list[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime, dt.datetime]]:
    """The spans widened by a day each side and merged where they overlap, in order."""
    out: list[tuple[dt.datetime, dt.datetime]] = []
    for first, last in sorted(spans):
        lo = max(first - _MARGIN, _FIRST_UTC) if first > _FIRST_UTC + _MARGIN else _FIRST_UTC
        hi = min(last + _MARGIN, _LAST_UTC) if last < _LAST_UTC - _MARGIN else _LAST_UTC
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _vtimezone(name: str, spans: list[tuple[dt.datetime, dt.datetime]]) -> icalendar.Timezone:
    """A ``VTIMEZONE`` with only the observances in effect during `spans` (UTC instants).

    Each span, widened by a day each side, starts an observance (the one in effect at
    its start, written as starting there) and adds one for every change of offset,
    daylight saving or abbreviation within it, found by a daily walk and a bisection
    to the second. Observances that differ only in their onset share one component,
    the later onsets as ``RDATE``.
    """
    import icalendar

    zone = zoneinfo.ZoneInfo(name)
    # (offset from, offset to, name, standard) -> local onsets
    observances: dict[tuple[dt.timedelta, dt.timedelta, str, bool], list[dt.datetime]] = {}

    def observe(at: dt.datetime, before: dt.timedelta, state: _State) -> None:
        offset, dst, abbreviation = state
        onset = (at + before).replace(tzinfo=None)
        key = (before, offset, abbreviation or _offset_name(offset), not dst)
        observances.setdefault(key, []).append(onset)

    step = dt.timedelta(days=1)
    for lo, hi in _windows(spans):
        state = _state(zone, lo)
        observe(lo, state[0], state)
        at = lo
        while at < hi:
            nxt = min(at + step, hi)
            now = _state(zone, nxt)
            if now != state:
                change = _change_after(zone, at, nxt)
                new = _state(zone, change)
                observe(change, state[0], new)
                state = new
                at = change
            else:
                at = nxt
    tz = icalendar.Timezone()
    tz.add("tzid", name)
    for (before, offset, abbreviation, standard), onsets in sorted(
        observances.items(), key=lambda item: min(item[1])
    ):
        part = icalendar.TimezoneStandard() if standard else icalendar.TimezoneDaylight()
        onsets = sorted(set(onsets))
        part.add("dtstart", onsets[0])
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", offset)
        part.add("tzname", _text(abbreviation))
        if len(onsets) > 1:
            part.add("rdate", onsets[1:])
        tz.add_component(part)
    return tz


def _offset_name(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{rest:02d}"


def _days(period: Period) -> tuple[dt.date, dt.timedelta, bool] | None:
    """First day, number of days, and whether the dates are exact full days."""
    if period.end is None:
        return None
    exact = (
        period.start.precision is DatePrecision.DAY and period.end.precision is DatePrecision.DAY
    )
    first = period.start.earliest()
    last = period.end.latest()
    start = dt.date(first.year, first.month, first.day)
    return (start, dt.date(last.year, last.month, last.day) - start + dt.timedelta(days=1), exact)


def _description(record: Meeting | Event, lines: list[str], locale: str) -> str:
    words = _WORDS[locale]
    kind = record.kind.label(locale)
    out = [kind, *lines]
    if record.topics:
        out.append(
            f"{words['topics']}: " + ", ".join(topic_label(t, locale) for t in record.topics)
        )
    if record.summary:
        out.append(record.summary)
    return "\n".join(out)


def _entry(
    record: Meeting | Event,
    *,
    locale: str,
    stamp: dt.datetime,
    partial: str,
    titles: dict[str, str],
) -> icalendar.Event | None:
    import icalendar  # on first use: it is slow to import

    words = _WORDS[locale]
    ev = icalendar.Event()
    ev.add("uid", record.id)
    ev.add("dtstamp", stamp)
    ev.add("summary", _text(record.title))
    extra: list[str] = []
    status = None if record.status is None else _STATUS[record.status]
    if isinstance(record, Meeting) and record.start is not None:
        ev.add("dtstart", _ical_time(record.start))
        if record.end is not None:
            ev.add("dtend", _ical_time(record.end))
    else:
        period = record.dates
        days = None if period is None else _days(period)
        if period is None or days is None:
            return None
        first, length, exact = days
        if not exact:
            if partial != "span":
                return None
            extra.append(f"{words['partial']} {period.format(locale)}")
            if status != "CANCELLED":
                status = "TENTATIVE"
        ev.add("dtstart", first)
        if (first - dt.date.min) + length <= dt.date.max - dt.date.min:
            ev.add("dtend", first + length)
        else:  # the day after 9999-12-31 cannot be written: the length is
            ev.add("duration", length)
    if status is not None:
        ev.add("status", status)
    if isinstance(record, Meeting):
        venue = record.venue
        if venue is not None:
            ev.add("location", _text(venue.format(locale)))
            if venue.coordinates is not None:
                ev.add("geo", (venue.coordinates.latitude, venue.coordinates.longitude))
        if record.event is not None:
            ev.add("related-to", record.event.id, parameters={"RELTYPE": "PARENT"})
            title = titles.get(record.event.id)
            if title:
                extra.append(f"{words['event']}: {title}")
        people = [p.label for p in record.participants()]
        if people:
            extra.append(f"{words['participants']}: " + "; ".join(people))
        if record.outcomes:
            extra.append(f"{words['outcomes']}: " + " ".join(o.text for o in record.outcomes))
    else:
        places = [v.format(locale) for v in record.venues]
        if not places and record.host_region is not None:
            places = [record.host_region.name]
        if places:
            ev.add("location", _text("; ".join(places)))
        if record.theme:
            extra.append(f"{words['theme']}: {record.theme}")
        if record.part_of is not None:
            ev.add("related-to", record.part_of.id, parameters={"RELTYPE": "PARENT"})
    urls = [s.url for s in record.sources if s.url is not None]
    if urls:
        ev.add("url", _text(urls[0]))
    ev.add("description", _text(_description(record, extra, locale)))
    return ev


_TODO_STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "cancelled": "CANCELLED"}


def _todos(meeting: Meeting, *, locale: str, stamp: dt.datetime) -> list[icalendar.Todo]:
    import icalendar  # on first use: it is slow to import

    words = _WORDS[locale]
    out = []
    for i, follow_up in enumerate(meeting.follow_ups):
        todo = icalendar.Todo()
        todo.add("uid", f"{meeting.id}/follow-up/{i}")
        todo.add("dtstamp", stamp)
        todo.add("summary", _text(follow_up.action))
        todo.add("status", _TODO_STATUS[follow_up.status.value])
        todo.add("related-to", meeting.id, parameters={"RELTYPE": "PARENT"})
        lines = [f"{words['follow_up']}: {meeting.title}"]
        if follow_up.due is not None:
            last = follow_up.due.latest()
            if last is not None:
                todo.add("due", dt.date(last.year, last.month, last.day))
            lines.append(f"{words['due']}: {follow_up.due.format(locale)}")
        if follow_up.owner is not None:
            lines.append(f"{words['owner']}: {follow_up.owner.label(locale)}")
        if follow_up.concerns:
            lines.append(f"{words['concerns']}: " + ", ".join(r.id for r in follow_up.concerns))
        if follow_up.note:
            lines.append(follow_up.note)
        todo.add("description", _text("\n".join(lines)))
        out.append(todo)
    return out


def to_ical(
    items: Iterable[Record],
    *,
    locale: Literal["id", "en"] = "id",
    partial: Literal["skip", "span"] = "skip",
    stamp: pendulum.DateTime | None = None,
    follow_ups: bool = True,
) -> bytes:
    """An iCalendar file of the meetings and events in `items` (see the module rules).

    `locale` chooses the language of descriptions; `stamp` is the ``DTSTAMP`` of
    every entry (default: now), fixed for reproducible files; `follow_ups` adds a
    to-do for every follow-up of a meeting.

    >>> import kotakerja
    >>> kotakerja.to_ical(kotakerja.examples()).startswith(b"BEGIN:VCALENDAR")
    True
    """
    if locale not in _WORDS:
        raise ValueError(f"locale must be 'id' or 'en', not {locale!r}")
    if partial not in ("skip", "span"):
        raise ValueError(f"partial must be 'skip' or 'span', not {partial!r}")
    when = (stamp or pendulum.now("UTC")).in_timezone("UTC")
    stamp_utc = dt.datetime(
        when.year, when.month, when.day, when.hour, when.minute, when.second, tzinfo=dt.timezone.utc
    )
    records = [r for r in items if isinstance(r, (Meeting, Event))]
    titles = {r.id: r.title for r in records if isinstance(r, Event)}
    import icalendar  # on first use: it is slow to import

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//kotakerja//kotakerja {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    spans: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
    entries = []
    for record in records:
        entry = _entry(record, locale=locale, stamp=stamp_utc, partial=partial, titles=titles)
        if entry is None:
            continue
        entries.append(entry)
        if isinstance(record, Meeting) and record.start is not None:
            tz = record.start.tzinfo
            assert isinstance(tz, pendulum.Timezone)
            last = record.start if record.end is None else record.end
            spans.setdefault(tz.name, []).append((_utc(record.start), _utc(last)))
    for name in sorted(spans):
        if name != "UTC":
            cal.add_component(_vtimezone(name, spans[name]))
    for entry in entries:
        cal.add_component(entry)
    if follow_ups:
        for record in records:
            if isinstance(record, Meeting):
                for todo in _todos(record, locale=locale, stamp=stamp_utc):
                    cal.add_component(todo)
    result: bytes = cal.to_ical()
    return result
