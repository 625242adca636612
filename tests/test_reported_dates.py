"""Dates as sources report them: hedged, bounded, three-valued, and press forms."""

from __future__ import annotations

import jsonschema
import pendulum
import pytest
from hypothesis import given

from kotakerja import (
    DateQualifier,
    FollowUp,
    Meeting,
    MeetingKind,
    PartialDate,
    ReportedDate,
    TimeOfDay,
    ValidationError,
    from_dict,
    from_json,
    json_schema,
    overdue_follow_ups,
    to_dict,
    to_json,
)
from kotakerja.testing import reported_dates


def _d(text: str) -> pendulum.Date:
    return pendulum.Date.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "canonical"),
    [
        ("Triwulan III 2023", "2023-07-01", "2023-09-30", "Q3 2023"),
        ("kuartal IV 2022", "2022-10-01", "2022-12-31", "Q4 2022"),
        ("third quarter of 2023", "2023-07-01", "2023-09-30", "Q3 2023"),
        ("awal Mei 2023", "2023-05-01", "2023-05-10", "early May 2023"),
        ("pertengahan Mei 2023", "2023-05-11", "2023-05-20", "mid May 2023"),
        ("akhir Februari 2024", "2024-02-21", "2024-02-29", "late February 2024"),
        ("akhir 2023", "2023-09-01", "2023-12-31", "late 2023"),
        ("mid-2022", "2022-05-01", "2022-08-31", "mid 2022"),
        ("sekitar 20 Desember 2021", "2021-12-17", "2021-12-23", "about 20 December 2021"),
        ("sekitar Agustus 2023", "2023-07-01", "2023-09-30", "about August 2023"),
        ("paling lambat 31 Maret 2024", "0001-01-01", "2024-03-31", "on or before 31 March 2024"),
        ("selambat-lambatnya Juni 2024", "0001-01-01", "2024-06-30", "on or before June 2024"),
        ("paling cepat 1 April 2024", "2024-04-01", "9999-12-31", "on or after 1 April 2024"),
        ("minggu ke-2 Desember 2021", "2021-12-08", "2021-12-14", "week 2 of December 2021"),
        ("pekan ketiga Mei 2022", "2022-05-15", "2022-05-21", "week 3 of May 2022"),
        ("fifth week of May 2022", "2022-05-29", "2022-05-31", "week 5 of May 2022"),
        ("minggu ke-50 tahun 2021", "2021-12-13", "2021-12-19", "week 50 of 2021"),
        ("week 53 of 2020", "2020-12-28", "2021-01-03", "week 53 of 2020"),
        ("Senin pagi (20/12/2021)", "2021-12-20", "2021-12-20", "20 December 2021, morning"),
        ("Senin (20/12/2021) malam", "2021-12-20", "2021-12-20", "20 December 2021, evening"),
    ],
)
def test_hedged_dates_have_bounds_and_read_back(
    text: str, earliest: str, latest: str, canonical: str
) -> None:
    d = ReportedDate.parse(text)
    assert (d.earliest(), d.latest(), str(d)) == (_d(earliest), _d(latest), canonical)
    assert ReportedDate.parse(str(d)) == d
    assert ReportedDate.parse(d.format()) == d


def test_an_approximate_clock_time() -> None:
    d = ReportedDate.parse("Senin, 20 Desember 2021 sekitar pukul 13.24 WIB")
    assert (d.date, d.time, d.time_approximate) == (PartialDate.parse("2021-12-20"), "13:24", True)
    assert d.format() == "20 Desember 2021 sekitar pukul 13.24"
    assert str(d) == "20 December 2021, about 13:24"
    assert d.is_exact_day()


def test_a_year_less_press_date_takes_the_year_of_publication() -> None:
    published = pendulum.Date(2022, 1, 3)
    assert ReportedDate.parse("30 Desember malam", published=published).date == PartialDate(
        year=2021, month=12, day=30
    )
    assert PartialDate.parse("Senin (20/12)", published=published) == PartialDate(
        year=2021, month=12, day=20
    )
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse("20 Desember")
    assert exc.value.errors[0].code == "kotakerja.date.no_year"


def test_the_weekday_chooses_the_year() -> None:
    # 13 December was a Monday in 2021, not in 2022: a report of early 2023 about it.
    published = PartialDate.parse("2022-06-30")
    assert PartialDate.parse("Senin, 13 Desember", published=published).year == 2021
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse("Minggu, 13 Desember", published=published)
    assert exc.value.errors[0].code == "kotakerja.date.weekday_mismatch"


@pytest.mark.parametrize(
    "text", ["Senin (20/12/2021)", "Senin, 20 Desember 2021", "Monday (20/12/2021)"]
)
def test_press_forms_with_a_weekday(text: str) -> None:
    assert PartialDate.parse(text) == PartialDate(year=2021, month=12, day=20)


def test_questions_are_three_valued_where_a_bound_straddles() -> None:
    late_august = ReportedDate.parse("akhir Agustus 2023")
    assert late_august.before(PartialDate.parse("2023-09-01")) is True
    assert late_august.before(PartialDate.parse("2023-08-25")) is None
    assert late_august.before(PartialDate.parse("2023-08-21")) is False
    assert late_august.after(PartialDate.parse("2023-08-20")) is True
    assert late_august.after(PartialDate.parse("2023-08")) is None
    assert late_august.contains(pendulum.Date(2023, 8, 24)) is True
    assert late_august.contains(PartialDate.parse("2023-08")) is None
    assert late_august.contains(PartialDate.parse("2023-07")) is False
    by_march = ReportedDate.parse("paling lambat 31 Maret 2024")
    assert by_march.before(PartialDate.parse("2024-04")) is True
    assert by_march.before(PartialDate.parse("2024-01-01")) is None
    # A partial date answers questions about a reported date too.
    assert PartialDate.parse("2023-07").before(late_august) is True
    assert PartialDate.parse("2023").contains(late_august) is True


@pytest.mark.parametrize(
    ("fields", "path", "code"),
    [
        ({"date": PartialDate(year=2023, month=5), "quarter": 3}, "quarter",
         "kotakerja.reported_date.quarter"),
        ({"date": PartialDate(year=2023, month=5), "qualifier": DateQualifier.QUARTER,
          "quarter": 3}, "date", "kotakerja.reported_date.quarter"),
        ({"date": PartialDate(year=2023, month=2), "qualifier": DateQualifier.WEEK, "week": 5},
         "week", "kotakerja.reported_date.week"),
        ({"date": PartialDate(year=2023, month=5, day=2), "qualifier": DateQualifier.LATE},
         "date", "kotakerja.reported_date.part"),
        ({"date": PartialDate(year=2023, month=5), "time_of_day": TimeOfDay.MORNING},
         "time_of_day", "kotakerja.reported_date.time"),
        ({"date": PartialDate(year=2023, month=5, day=2), "time_of_day": TimeOfDay.MORNING,
          "time": "19:30"}, "time", "kotakerja.reported_date.time_of_day"),
        ({"date": PartialDate(year=2023, month=5, day=2), "time": "24:00"}, "time",
         "kotakerja.pattern"),
    ],
)  # fmt: skip
def test_impossible_combinations_are_rejected(
    fields: dict[str, object], path: str, code: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        ReportedDate(**fields)  # type: ignore[arg-type]
    assert (path, code) in [(e.path, e.code) for e in exc.value.errors]


def test_json_keeps_what_was_reported() -> None:
    d = ReportedDate.parse("Triwulan III 2023")
    assert to_dict(d) == {
        "date": "2023",
        "qualifier": "quarter",
        "quarter": 3,
        "time_approximate": False,
    }
    assert from_dict(ReportedDate, to_dict(d)) == d


@given(reported_dates())
def test_reported_dates_round_trip_through_text_and_json(d: ReportedDate) -> None:
    assert ReportedDate.parse(str(d)) == d
    assert ReportedDate.parse(d.format()) == d
    assert from_json(ReportedDate, to_json(d)) == d
    assert d.earliest() <= d.latest()


def _meeting(due: PartialDate | ReportedDate) -> Meeting:
    return Meeting(
        id="meeting-tindak-lanjut",
        title="Rapat koordinasi",
        kind=MeetingKind.WORKING_VISIT,
        follow_ups=(FollowUp(action="Menyusun draf MoU", due=due),),
    )


def test_a_follow_up_may_be_due_on_a_hedged_date_and_old_due_dates_still_load() -> None:
    hedged = _meeting(ReportedDate.parse("paling lambat Agustus 2023"))
    data = to_dict(hedged)
    assert data["follow_ups"][0]["due"] == {
        "date": "2023-08",
        "qualifier": "on_or_before",
        "time_approximate": False,
    }
    assert from_json(Meeting, to_json(hedged)) == hedged
    jsonschema.validate(data, json_schema(Meeting))
    plain = _meeting(PartialDate.parse("2023-08"))
    assert to_dict(plain)["follow_ups"][0]["due"] == "2023-08"
    assert from_dict(Meeting, to_dict(plain)) == plain
    assert [e.meeting.id for e in overdue_follow_ups([hedged], on=pendulum.Date(2023, 9, 1))] == [
        "meeting-tindak-lanjut"
    ]
    assert overdue_follow_ups([hedged], on=pendulum.Date(2023, 8, 25)) == ()


def test_a_period_reads_the_press_form_with_its_weekday_in_brackets() -> None:
    from kotakerja import Period

    assert Period.parse("Senin (13/12/2021)") == Period.single(
        PartialDate(year=2021, month=12, day=13)
    )
    with pytest.raises(ValidationError) as exc:
        Period.parse("Selasa (13/12/2021)")
    assert exc.value.errors[0].code == "kotakerja.date.weekday_mismatch"


def test_a_month_without_its_year_is_the_one_nearest_publication() -> None:
    january_report = PartialDate.parse("2022-01-05")
    assert PartialDate.parse("Desember", published=january_report) == PartialDate(
        year=2021, month=12
    )
    late = ReportedDate.parse("akhir Desember", published=january_report)
    assert (late.earliest(), late.latest()) == (_d("2021-12-21"), _d("2021-12-31"))
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse("Desember", published=PartialDate(year=2022))
    assert exc.value.errors[0].code == "kotakerja.date.not_precise"


def test_an_iso_week_that_the_year_does_not_have() -> None:
    with pytest.raises(ValidationError) as exc:
        ReportedDate.parse("week 53 of 2021")
    assert exc.value.errors[0].code == "kotakerja.reported_date.week"
