"""iCalendar (RFC 5545) export of meetings and events, so an agenda lands in calendar programs.

Which entries are written, and how:

- A meeting with aware times becomes a timed entry in its IANA zone, with a
  ``VTIMEZONE`` for every zone used (built from the zoneinfo data, covering the
  years of the entries). Without an end time the entry has no ``DTEND``.
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

The ``UID`` of each entry is the record id; a meeting's event is its
``RELATED-TO`` parent; the first source with a web address is its ``URL``.
"""

from __future__ import annotations

import datetime as dt
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
    },
    "en": {
        "event": "Part of",
        "participants": "Participants",
        "topics": "Topics",
        "outcomes": "Outcomes",
        "theme": "Theme",
        "partial": "Dates known only as",
    },
}


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
    ev.add("summary", record.title)
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
            ev.add("location", venue.format(locale))
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
            ev.add("location", "; ".join(places))
        if record.theme:
            extra.append(f"{words['theme']}: {record.theme}")
        if record.part_of is not None:
            ev.add("related-to", record.part_of.id, parameters={"RELTYPE": "PARENT"})
    urls = [s.url for s in record.sources if s.url is not None]
    if urls:
        ev.add("url", urls[0])
    ev.add("description", _description(record, extra, locale))
    return ev


def to_ical(
    items: Iterable[Record],
    *,
    locale: Literal["id", "en"] = "id",
    partial: Literal["skip", "span"] = "skip",
    stamp: pendulum.DateTime | None = None,
) -> bytes:
    """An iCalendar file of the meetings and events in `items` (see the module rules).

    `locale` chooses the language of descriptions; `stamp` is the ``DTSTAMP`` of
    every entry (default: now), fixed for reproducible files.

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
    zones: dict[str, list[int]] = {}
    entries = []
    for record in records:
        entry = _entry(record, locale=locale, stamp=stamp_utc, partial=partial, titles=titles)
        if entry is None:
            continue
        entries.append(entry)
        if isinstance(record, Meeting) and record.start is not None:
            tz = record.start.tzinfo
            assert isinstance(tz, pendulum.Timezone)
            years = [record.start.year] + ([] if record.end is None else [record.end.year])
            zones.setdefault(tz.name, []).extend(years)
    for name in sorted(zones):
        if name == "UTC":
            continue
        years = zones[name]
        cal.add_component(
            icalendar.Timezone.from_tzinfo(
                zoneinfo.ZoneInfo(name),
                tzid=name,
                first_date=dt.date(max(min(years) - 1, 1), 1, 1),
                last_date=dt.date(min(max(years) + 2, 9999), 1, 1),
            )
        )
    for entry in entries:
        cal.add_component(entry)
    result: bytes = cal.to_ical()
    return result
