"""iCalendar export: instants, all-day dates, time zones, which entries are written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kotakerja
from kotakerja import (
    Coordinates,
    Event,
    EventKind,
    Meeting,
    MeetingKind,
    PartialDate,
    Period,
    Ref,
    Region,
    ScheduleStatus,
    Source,
    Venue,
    to_ical,
)
from kotakerja.testing import aware_datetimes
from kotakerja.values._dates import instant_key

STAMP = pendulum.datetime(2024, 1, 2, 3, 4, 5, tz="UTC")
EXAMPLES = kotakerja.examples()


def _parse(data: bytes) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def _timezones(data: bytes) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(tz["TZID"]): tz for tz in cal.walk("VTIMEZONE")}


def _meeting(
    start: pendulum.DateTime, end: pendulum.DateTime | None = None, **over: Any
) -> Meeting:
    return Meeting(
        id=over.pop("id", "meeting-timed"),
        title="Audiensi Wali Kota",
        kind=MeetingKind.COURTESY_CALL,
        start=start,
        end=end,
        **over,
    )


def test_examples_skip_undated_and_month_only_entries_by_default() -> None:
    entries = _parse(to_ical(EXAMPLES, stamp=STAMP))
    assert sorted(entries) == [
        "event-apeksi-anniversary-2022",
        "event-ciie-2023",
        "meeting-apeksi-anniversary-2022",
        "meeting-export-release-technolink-2021",
        "meeting-signing-kadin-kediri-surakarta-2021",
    ]


def test_date_only_meeting_is_an_all_day_entry_with_exclusive_end() -> None:
    entry = _parse(to_ical(EXAMPLES, stamp=STAMP))["meeting-signing-kadin-kediri-surakarta-2021"]
    start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
    assert type(start) is dt.date
    assert (start, end) == (dt.date(2021, 12, 13), dt.date(2021, 12, 14))
    assert str(entry["SUMMARY"]).startswith("Penandatanganan MoU business to business")
    assert str(entry["LOCATION"]) == "Hotel Paragon Solo, Kota Surakarta"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert entry.decoded("DTSTAMP") == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    assert "Gibran Rakabuming Raka (Wali Kota Surakarta)" in str(entry["DESCRIPTION"])


def test_multi_day_event_and_its_meeting() -> None:
    entries = _parse(to_ical(EXAMPLES, stamp=STAMP, locale="en"))
    event = entries["event-apeksi-anniversary-2022"]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        dt.date(2022, 5, 27),
        dt.date(2022, 5, 30),
    )
    assert "Theme: Kebangkitan Ekonomi Melalui Kolaborasi Multipihak" in str(event["DESCRIPTION"])
    session = entries["meeting-apeksi-anniversary-2022"]
    assert str(session["RELATED-TO"]) == "event-apeksi-anniversary-2022"
    assert session["RELATED-TO"].params["RELTYPE"] == "PARENT"
    assert "Part of: Peringatan HUT ke-22 APEKSI" in str(session["DESCRIPTION"])


def test_month_only_events_span_the_month_when_asked() -> None:
    entries = _parse(to_ical(EXAMPLES, stamp=STAMP, partial="span"))
    mgmac = entries["event-mgmac-2023"]
    assert (mgmac.decoded("DTSTART"), mgmac.decoded("DTEND")) == (
        dt.date(2023, 8, 1),
        dt.date(2023, 9, 1),
    )
    assert str(mgmac["STATUS"]) == "TENTATIVE"
    assert "Agustus 2023" in str(mgmac["DESCRIPTION"])
    assert "meeting-jakarta-shanghai-2023" not in entries  # no date at all: always skipped


def test_other_record_types_are_passed_over() -> None:
    mous = list(EXAMPLES.of_type(kotakerja.Mou))
    assert _parse(to_ical(mous, stamp=STAMP)) == {}


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        ("Asia/Jakarta", 7),
        ("Asia/Makassar", 8),
        ("Asia/Jayapura", 9),
        ("Asia/Shanghai", 8),
    ],
)
def test_timed_meeting_keeps_its_zone_and_instant(zone: str, offset: int) -> None:
    start = pendulum.datetime(2021, 12, 13, 10, tz=zone)
    m = _meeting(start, start.add(hours=2))
    data = to_ical([m], stamp=STAMP)
    entry = _parse(data)["meeting-timed"]
    got = entry.decoded("DTSTART")
    assert got == start
    assert got.utcoffset() == dt.timedelta(hours=offset)
    assert entry["DTSTART"].params["TZID"] == zone
    assert entry.decoded("DTEND") == start.add(hours=2)
    assert list(_timezones(data)) == [zone]


def test_vtimezone_itself_gives_the_right_offsets_across_daylight_saving() -> None:
    winter = pendulum.datetime(2023, 1, 15, 9, 30, tz="Europe/Berlin")
    summer = pendulum.datetime(2023, 7, 15, 9, 30, tz="Europe/Berlin")
    data = to_ical([_meeting(winter, id="m-winter"), _meeting(summer, id="m-summer")], stamp=STAMP)
    berlin = _timezones(data)["Europe/Berlin"].to_tz(lookup_tzid=False)
    for t in (winter, summer):
        naive = dt.datetime(t.year, t.month, t.day, t.hour, t.minute)
        assert berlin.utcoffset(naive) == t.utcoffset()
    jakarta_data = to_ical([_meeting(pendulum.datetime(2021, 12, 13, 10, tz="Asia/Jakarta"))])
    jakarta = _timezones(jakarta_data)["Asia/Jakarta"].to_tz(lookup_tzid=False)
    assert jakarta.utcoffset(dt.datetime(2021, 12, 13, 10)) == dt.timedelta(hours=7)


def test_meeting_without_end_has_no_dtend_and_utc_needs_no_vtimezone() -> None:
    start = pendulum.datetime(2021, 12, 13, 3, tz="UTC")
    data = to_ical([_meeting(start)], stamp=STAMP)
    entry = _parse(data)["meeting-timed"]
    assert "DTEND" not in entry
    assert entry.decoded("DTSTART") == start
    assert _timezones(data) == {}
    assert b"DTSTART:20211213T030000Z" in data


def test_location_geo_status_and_cancelled_meetings() -> None:
    start = pendulum.datetime(2021, 12, 20, 9, tz="Asia/Jakarta")
    venue = Venue(
        name="Balai Kota Surakarta",
        place=Region.get("33.72"),
        coordinates=Coordinates(latitude=-7.5695, longitude=110.8286),
    )
    m = _meeting(
        start,
        venue=venue,
        status=ScheduleStatus.CANCELLED,
        event=Ref(type="event", id="e"),
        sources=(
            Source(title="Siaran pers"),
            Source(url="https://surakarta.go.id/berita/1", title="Siaran pers"),
        ),
    )
    entry = _parse(to_ical([m], stamp=STAMP))["meeting-timed"]
    assert str(entry["LOCATION"]) == "Balai Kota Surakarta, Kota Surakarta"
    geo = entry["GEO"]
    assert (geo.latitude, geo.longitude) == (-7.5695, 110.8286)
    assert str(entry["STATUS"]) == "CANCELLED"
    assert str(entry["RELATED-TO"]) == "e"
    assert str(entry["URL"]) == "https://surakarta.go.id/berita/1"


def test_open_ended_event_is_skipped() -> None:
    e = Event(
        id="event-open",
        title="Program kunjungan",
        kind=EventKind.VISIT_PROGRAM,
        dates=Period(start=PartialDate(year=2023, month=1, day=5)),
    )
    assert _parse(to_ical([e], stamp=STAMP, partial="span")) == {}


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="locale"):
        to_ical([], locale="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="partial"):
        to_ical([], partial="guess")  # type: ignore[arg-type]


def test_output_is_reproducible_with_a_fixed_stamp() -> None:
    assert to_ical(EXAMPLES, stamp=STAMP) == to_ical(EXAMPLES, stamp=STAMP)


@settings(max_examples=60, deadline=None)
@given(
    start=aware_datetimes().map(lambda t: t.replace(microsecond=0)),
    minutes=st.none() | st.integers(0, 60 * 48),
)
def test_generated_timed_meetings_keep_their_instants(
    start: pendulum.DateTime, minutes: int | None
) -> None:
    end = None if minutes is None else start.add(minutes=minutes)
    m = _meeting(start, end)
    data = to_ical([m], stamp=STAMP)
    entry = _parse(data)["meeting-timed"]
    # Compared as instants: Python never finds a time in a repeated hour equal to one in
    # another zone (PEP 495), and such times are written in UTC.
    assert instant_key(entry.decoded("DTSTART")) == instant_key(start)
    if end is not None:
        assert instant_key(entry.decoded("DTEND")) == instant_key(end)
    zone = start.tzinfo
    assert isinstance(zone, pendulum.Timezone)
    if zone.name != "UTC":
        vtimezone = _timezones(data)[zone.name].to_tz(lookup_tzid=False)
        assert start.astimezone(vtimezone).utcoffset() == start.utcoffset()
