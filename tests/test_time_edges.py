"""Times around daylight-saving changes and dates at the ends of the calendar."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import zoneinfo
from pathlib import Path
from typing import Any

import icalendar
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import paths_and_codes as _errs
from kotakerja import (
    DocumentStatus,
    Meeting,
    MeetingKind,
    Mou,
    PartialDate,
    Party,
    Period,
    Region,
    Register,
    Scheme,
    ShipmentStatus,
    Signature,
    StatusEvent,
    Term,
    TransportLeg,
    TransportMode,
    ValidationError,
    from_json,
    parse_press_time,
    to_ical,
    to_json,
)
from kotakerja.cli import main
from kotakerja.report import render_report
from kotakerja.testing import from_type
from kotakerja.values._dates import instant_key

NEW_YORK = "America/New_York"


def _meeting_json(**over: Any) -> str:
    data: dict[str, Any] = {
        "type": "meeting",
        "schema_version": Meeting.SCHEMA_VERSION,
        "id": "m1",
        "title": "t",
        "kind": "bilateral",
    }
    data.update(over)
    return json.dumps(data)


def _ny(hour: int, minute: int, fold: int) -> pendulum.DateTime:
    """A time on 3 November 2024 in New York; 01:00-01:59 happens twice (fold 0: EDT)."""
    return pendulum.DateTime(
        2024, 11, 3, hour, minute, tzinfo=pendulum.timezone(NEW_YORK), fold=fold
    )


# Daylight saving: order by instant -------------------------------------------------------


class TestRepeatedHour:
    def test_end_in_the_second_pass_after_a_start_in_the_first_is_accepted(self) -> None:
        m = from_json(
            Meeting,
            _meeting_json(
                start="2024-11-03T01:50:00-04:00[America/New_York]",
                end="2024-11-03T01:10:00-05:00[America/New_York]",
            ),
        )
        assert m.end is not None
        assert m.end.fold == 1

    def test_end_in_the_first_pass_before_a_start_in_the_second_is_rejected(self) -> None:
        with pytest.raises(ValidationError) as exc:
            from_json(
                Meeting,
                _meeting_json(
                    start="2024-11-03T01:10:00-05:00[America/New_York]",
                    end="2024-11-03T01:50:00-04:00[America/New_York]",
                ),
            )
        assert _errs(exc) == [("end", "kotakerja.meeting.end_before_start")]

    def test_meeting_built_in_python(self) -> None:
        Meeting(
            id="m", title="t", kind=MeetingKind.BILATERAL, start=_ny(1, 50, 0), end=_ny(1, 10, 1)
        )
        with pytest.raises(ValidationError) as exc:
            Meeting(
                id="m",
                title="t",
                kind=MeetingKind.BILATERAL,
                start=_ny(1, 10, 1),
                end=_ny(1, 50, 0),
            )
        assert _errs(exc) == [("end", "kotakerja.meeting.end_before_start")]

    def test_the_same_wall_time_twice_is_not_one_instant(self) -> None:
        m = Meeting(
            id="m", title="t", kind=MeetingKind.BILATERAL, start=_ny(1, 30, 0), end=_ny(1, 30, 1)
        )
        assert m.press_line("en") == "Sunday, 3 November 2024, 01:30 EDT–01:30 EST"
        with pytest.raises(ValidationError) as exc:
            Meeting(
                id="m",
                title="t",
                kind=MeetingKind.BILATERAL,
                start=_ny(1, 30, 1),
                end=_ny(1, 30, 0),
            )
        assert _errs(exc) == [("end", "kotakerja.meeting.end_before_start")]

    def test_press_line_gives_each_end_its_own_abbreviation(self) -> None:
        m = Meeting(
            id="m", title="t", kind=MeetingKind.BILATERAL, start=_ny(1, 10, 0), end=_ny(1, 50, 1)
        )
        assert m.press_line("en") == "Sunday, 3 November 2024, 01:10 EDT–01:50 EST"
        assert m.press_line() == "Minggu, 3 November 2024, pukul 01.10 EDT–01.50 EST"
        same = Meeting(
            id="m", title="t", kind=MeetingKind.BILATERAL, start=_ny(1, 10, 1), end=_ny(1, 50, 1)
        )
        assert same.press_line("en") == "Sunday, 3 November 2024, 01:10–01:50 EST"

    def test_transport_leg_arrival_in_the_second_pass(self) -> None:
        TransportLeg(
            mode=TransportMode.ROAD,
            departure_place="USNYC",
            arrival_place="USEWR",
            planned_departure=_ny(1, 50, 0),
            planned_arrival=_ny(1, 20, 1),
        )
        with pytest.raises(ValidationError) as exc:
            TransportLeg(
                mode=TransportMode.ROAD,
                departure_place="USNYC",
                arrival_place="USEWR",
                actual_departure=_ny(1, 20, 1),
                actual_arrival=_ny(1, 50, 0),
            )
        assert _errs(exc) == [("actual_arrival", "kotakerja.leg.arrival_before_departure")]

    def test_status_events_are_ordered_and_reached_by_instant(self) -> None:
        first = StatusEvent(status=ShipmentStatus.DEPARTED, time=_ny(1, 50, 0))
        second = StatusEvent(status=ShipmentStatus.ARRIVED, time=_ny(1, 20, 1))
        assert first.reached_by(_ny(1, 10, 1)) is True
        assert second.reached_by(_ny(1, 50, 0)) is False
        assert second.reached_by(_ny(1, 20, 1)) is True
        assert second._sort_key() > first._sort_key()

    def test_press_time_keeps_the_end_after_the_start(self) -> None:
        start, end = parse_press_time("Sunday, 3 November 2024, 01:10–01:50", NEW_YORK)
        assert end is not None
        assert end.timestamp() - start.timestamp() == 40 * 60


# iCalendar ---------------------------------------------------------------------------------


def _ical_entry(meeting: Meeting) -> tuple[list[str], Any]:
    data = to_ical([meeting], stamp=pendulum.datetime(2024, 1, 1, tz="UTC"))
    body = data.decode().split("BEGIN:VEVENT")[1]
    lines = [x for x in body.splitlines() if x.startswith(("DTSTART", "DTEND"))]
    entry = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
    return lines, entry


@pytest.mark.parametrize("fold", [0, 1])
def test_ical_writes_a_time_in_the_repeated_hour_in_utc(fold: int) -> None:
    start, end = _ny(1, 30, fold), _ny(2, 30, 0)
    lines, entry = _ical_entry(
        Meeting(id="m", title="t", kind=MeetingKind.BILATERAL, start=start, end=end)
    )
    utc = "20241103T063000Z" if fold else "20241103T053000Z"
    assert lines == [f"DTSTART:{utc}", "DTEND;TZID=America/New_York:20241103T023000"]
    assert entry.decoded("DTSTART").timestamp() == start.timestamp()
    assert entry.decoded("DTEND").timestamp() == end.timestamp()


def test_ical_keeps_the_zone_outside_the_repeated_hour() -> None:
    lines, _ = _ical_entry(
        Meeting(id="m", title="t", kind=MeetingKind.BILATERAL, start=_ny(0, 30, 1))
    )
    assert lines == ["DTSTART;TZID=America/New_York:20241103T003000"]


# The ends of the calendar --------------------------------------------------------------


def test_time_whose_utc_instant_is_before_year_1_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as exc:
        from_json(Meeting, _meeting_json(start="0001-01-01T00:00:00+07:00[Asia/Jakarta]"))
    assert _errs(exc) == [("start", "kotakerja.datetime.offset_mismatch")]
    assert "+07:07:12" in exc.value.errors[0].message  # Jakarta's local mean time then


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01T00:00:00+07:07:12[Asia/Jakarta]",
        "9999-12-31T23:59:00-05:00[America/New_York]",
        "9999-12-31T20:00:00-10:00[Pacific/Honolulu]",
    ],
)
def test_times_at_the_ends_of_the_calendar_round_trip(text: str) -> None:
    m = from_json(Meeting, _meeting_json(start=text, end=text))
    assert m.start is not None
    assert to_json(m) == _meeting_json(start=text, end=text).replace(" ", "")
    assert from_json(Meeting, to_json(m)) == m
    assert m.press_line("en") is not None
    assert b"DTSTART" in to_ical([m])


def test_all_day_entry_on_the_last_day_of_the_calendar_has_a_duration() -> None:
    for text, days in (("31 Desember 9999", 1), ("30–31 Desember 9999", 2)):
        m = Meeting(id="m", title="t", kind=MeetingKind.BILATERAL, dates=Period.parse(text))
        entry = next(iter(icalendar.Calendar.from_ical(to_ical([m])).walk("VEVENT")))
        assert "DTEND" not in entry
        assert entry.decoded("DURATION") == dt.timedelta(days=days)
    whole = Period(
        start=PartialDate(year=1, month=1, day=1), end=PartialDate(year=2, month=1, day=1)
    )
    m = Meeting(id="m", title="t", kind=MeetingKind.BILATERAL, dates=whole)
    entry = next(iter(icalendar.Calendar.from_ical(to_ical([m])).walk("VEVENT")))
    assert entry.decoded("DTEND") == dt.date(2, 1, 2)


# Terms and expiry ------------------------------------------------------------------------

SOLO = Party(region=Region.get("33.72"))
KEDIRI = Party(region=Region.get("35.71"))


def _mou(signed: PartialDate, term: Term, id: str = "mou-x") -> Mou:
    return Mou(
        id=id,
        title="x",
        scheme=Scheme.KSDD,
        parties=(SOLO, KEDIRI),
        signatures=(Signature(party=0, date=signed), Signature(party=1, date=signed)),
        term=term,
    )


def _day(text: str) -> PartialDate:
    return PartialDate.parse_iso(text)


@pytest.mark.parametrize(
    ("signed", "term", "last"),
    [
        ("2024-02-29", Term(years=5), "2029-02-28"),
        ("2024-02-29", Term(years=4), "2028-02-28"),
        ("2024-03-31", Term(months=1), "2024-04-30"),
        ("2024-04-01", Term(months=1), "2024-04-30"),
        ("2024-01-31", Term(months=1), "2024-02-29"),
        ("2023-01-31", Term(months=1), "2023-02-28"),
        ("2024-05-31", Term(months=1), "2024-06-30"),
        ("2020-10-23", Term(years=5), "2025-10-22"),
        ("2024-12-31", Term(years=1, months=2), "2026-02-28"),
        ("9999-12-01", Term(months=1), "9999-12-31"),
    ],
)
def test_expires_on_is_the_day_before_the_anniversary_or_the_end_of_its_month(
    signed: str, term: Term, last: str
) -> None:
    assert _mou(_day(signed), term).expires_on() == _day(last)


def _reference_last_day(start: dt.date, years: int, months: int) -> dt.date | None:
    """Count month by month; the day before the anniversary, or the month's last day."""
    index = start.year * 12 + start.month - 1 + years * 12 + months
    year, month = index // 12, index % 12 + 1
    if year > 9999:
        return None if (year, month, start.day) != (10000, 1, 1) else dt.date(9999, 12, 31)
    length = calendar.monthrange(year, month)[1]
    if start.day > length:
        return dt.date(year, month, length)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


@settings(max_examples=500, deadline=None)
@given(
    start=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    years=st.integers(0, 100),
    months=st.integers(0, 1200),
)
def test_expires_on_matches_a_month_by_month_count(start: dt.date, years: int, months: int) -> None:
    mou = _mou(PartialDate.of(start), Term(years=years, months=months))
    expected = _reference_last_day(start, years, months) if years or months else None
    end = mou.expires_on()
    assert end == (None if expected is None else PartialDate.of(expected))
    if expected is not None:
        assert mou.status_on(PartialDate.of(expected)) is DocumentStatus.IN_FORCE
        if expected < dt.date.max:
            after = PartialDate.of(expected + dt.timedelta(days=1))
            assert mou.status_on(after) is DocumentStatus.EXPIRED


def test_a_term_ending_after_the_calendar_is_open() -> None:
    mou = _mou(_day("9990-01-01"), Term(years=100))
    assert mou.expires_on() is None
    assert mou.period() == Period(start=_day("9990-01-01"))
    assert mou.status_on(_day("9999-12-31")) is DocumentStatus.IN_FORCE
    with pytest.raises(ValidationError) as exc:
        Period.from_duration(_day("9990-01-01"), years=100)
    assert _errs(exc) == [("", "kotakerja.period.out_of_range")]


def test_expiring_within_at_the_end_of_the_calendar() -> None:
    last = _mou(_day("2020-01-01"), Term(end=_day("9999-12-31")))
    reg = Register([last])
    assert reg.expiring_within(90, on=_day("9999-12-31")) == (last,)
    assert reg.expiring_within(10**9, on=_day("2021-01-01")) == (last,)
    assert reg.expiring_within(0, on=_day("9999-12-30")) == ()
    with pytest.raises(ValueError, match="days must be 0 or more"):
        reg.expiring_within(-1, on=_day("9999-12-30"))
    assert "9999" in render_report(reg, on=_day("9999-12-31"), lang="en")


@pytest.mark.parametrize(
    ("end", "on", "listed"),
    [
        ("2023-12", "2023-09-01", False),
        ("2023-12", "2023-09-02", True),  # 90 days later is 1 December
        ("2023-12", "2023-11-20", True),
        ("2023-12", "2023-12-01", True),
        ("2023-12", "2023-12-20", True),
        ("2023-12", "2023-12-31", True),
        ("2023-12", "2024-01-01", False),
        ("2024", "2024-01-01", True),
        ("2024", "2024-06-15", True),
        ("2024", "2024-12-31", True),
        ("2024", "2025-01-01", False),
        ("2024-06-30", "2024-06-30", True),
        ("2024-06-30", "2024-07-01", False),
    ],
)
def test_a_partial_end_is_expiring_all_through_its_month_or_year(
    end: str, on: str, listed: bool
) -> None:
    mou = _mou(_day("2020-01-01"), Term(end=_day(end)))
    reg = Register([mou])
    assert reg.expiring_within(90, on=_day(on)) == ((mou,) if listed else ())
    text = render_report(reg, on=_day(on), lang="en")
    section = text.split("Expiring within")[1].split("\n\n")[0]
    assert (mou.id in section) is listed


# Press lines read back across the change ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ((1, 10, 0), (1, 50, 1)),
        ((1, 50, 0), (1, 10, 1)),
        ((1, 30, 0), (1, 30, 1)),
        ((1, 10, 0), (1, 50, 0)),
        ((1, 10, 1), (1, 50, 1)),
        ((0, 30, 0), (1, 30, 0)),
    ],
)
@pytest.mark.parametrize("locale", ["id", "en"])
def test_press_line_across_the_change_reads_back_to_the_same_instants(
    start: tuple[int, int, int], end: tuple[int, int, int], locale: str
) -> None:
    m = Meeting(id="m", title="t", kind=MeetingKind.BILATERAL, start=_ny(*start), end=_ny(*end))
    line = m.press_line(locale)
    assert line is not None
    got_start, got_end = parse_press_time(line, NEW_YORK)
    assert got_end is not None
    assert (got_start.utcoffset(), got_end.utcoffset()) == (m.start.utcoffset(), m.end.utcoffset())
    assert (got_start.timestamp(), got_end.timestamp()) == (m.start.timestamp(), m.end.timestamp())


def test_press_time_abbreviation_chooses_the_pass_of_the_repeated_hour() -> None:
    start, end = parse_press_time("Sunday, 3 November 2024, 01:30 EDT", NEW_YORK)
    assert (start.utcoffset(), end) == (dt.timedelta(hours=-4), None)
    start, _ = parse_press_time("Sunday, 3 November 2024, 01:30 EST", NEW_YORK)
    assert start.utcoffset() == dt.timedelta(hours=-5)
    with pytest.raises(ValidationError) as exc:
        parse_press_time("Sunday, 3 November 2024, 01:50 EST–01:10 EDT", NEW_YORK)
    assert exc.value.codes == ("kotakerja.meeting.end_before_start",)
    with pytest.raises(ValidationError) as exc:
        parse_press_time("Sunday, 3 November 2024, 03:00 EDT", NEW_YORK)
    assert exc.value.codes == ("kotakerja.time.zone_mismatch",)


# Period text reads back ------------------------------------------------------------------


@st.composite
def _partial_dates(draw: st.DrawFn, first: int = 1, last: int = 9999) -> PartialDate:
    day = draw(st.dates(min_value=dt.date(first, 1, 1), max_value=dt.date(last, 12, 31)))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(year=day.year)
    if precision == "month":
        return PartialDate(year=day.year, month=day.month)
    return PartialDate.of(day)


@st.composite
def _periods(draw: st.DrawFn) -> Period:
    a = draw(_partial_dates())
    # Often in one year, where the compact forms (``27–29 Mei 2022``) are written.
    b = draw(_partial_dates(a.year, a.year) if draw(st.booleans()) else _partial_dates())
    if b.before(a) is True:
        a, b = b, a
    end = draw(st.sampled_from((b, b, a, None)))
    return Period(start=a, end=end)


@settings(max_examples=1000, deadline=None)
@given(period=_periods(), locale=st.sampled_from(("id", "en")))
def test_every_formatted_period_parses_back(period: Period, locale: str) -> None:
    assert Period.parse(period.format(locale)) == period


@settings(max_examples=200, deadline=None)
@given(period=from_type(Period), locale=st.sampled_from(("id", "en")))
def test_generated_periods_parse_back(period: Period, locale: str) -> None:
    assert Period.parse(period.format(locale)) == period


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2022 – 5 Januari 2023", "2022/2023-01-05"),
        ("2022 – Juni 2022", "2022/2022-06"),
        ("October 2022 – 5 October 2023", "2022-10/2023-10-05"),
        ("1 Oktober s/d 3 Oktober 2023", "2023-10-01/2023-10-03"),
        ("6 Oktober – 21 November 0005", "0005-10-06/0005-11-21"),
    ],
)
def test_period_forms_that_were_misread(text: str, iso: str) -> None:
    assert Period.parse(text) == Period.parse_iso(iso)


def test_years_before_1000_are_written_with_four_digits() -> None:
    assert PartialDate(year=5, month=3, day=1).format() == "1 Maret 0005"
    assert Period(start=PartialDate(year=999), end=None).format("en") == "from 0999"


# The command line at the ends of the calendar ------------------------------------------


@pytest.mark.parametrize("command", ["validate", "report", "ics", "convert"])
def test_commands_report_a_time_before_year_1_as_a_problem(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.jsonl"
    source.write_text(
        _meeting_json(start="0001-01-01T00:00:00+07:00[Asia/Jakarta]") + "\n", encoding="utf-8"
    )
    argv = [command, str(source)]
    if command == "convert":
        argv.append(str(tmp_path / "out.json"))
    assert main(argv) in (1, 2)
    captured = capsys.readouterr()
    assert "kotakerja.datetime.offset_mismatch" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_report_on_the_last_day_of_the_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--on", "9999-12-31", "--lang", "en"]) == 0
    assert "Expiring within" in capsys.readouterr().out


@settings(max_examples=500, database=None)
@given(
    local=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
    fold=st.integers(0, 1),
    zone=st.sampled_from(
        ["Asia/Jakarta", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC"]
    ),
    kind=st.sampled_from(["pendulum", "zoneinfo", "fixed"]),
)
def test_instant_key_is_the_time_since_the_first_instant(
    local: dt.datetime, fold: int, zone: str, kind: str
) -> None:
    if kind == "pendulum":
        t: dt.datetime = pendulum.instance(local.replace(fold=fold), tz=zone)
        t = t.replace(fold=fold)
    elif kind == "zoneinfo":
        t = local.replace(tzinfo=zoneinfo.ZoneInfo(zone), fold=fold)
    else:
        t = local.replace(tzinfo=dt.timezone(dt.timedelta(hours=-3, minutes=-30)))
    offset = t.utcoffset()
    assert offset is not None
    wall = dt.datetime(t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond)
    expected = (wall - dt.datetime(1, 1, 1)) - offset
    assert instant_key(t) == expected
