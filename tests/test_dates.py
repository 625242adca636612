"""Partial dates and periods: parsing every usual form, honest comparison."""

from __future__ import annotations

import datetime

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import paths_and_codes as _codes
from kotakerja import DatePrecision, PartialDate, Period, ValidationError
from kotakerja.testing import partial_dates, periods


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("23 Oktober 2020", "2020-10-23"),
        ("Agustus 2023", "2023-08"),
        ("Senin, 13 Desember 2021", "2021-12-13"),
        ("Senin, 20 Desember 2021", "2021-12-20"),
        ("28/4/2023", "2023-04-28"),
        ("13 Des 2021", "2021-12-13"),
        ("23 October 2020", "2020-10-23"),
        ("October 23, 2020", "2020-10-23"),
        ("Monday, 13 December 2021", "2021-12-13"),
        ("  2020-10  ", "2020-10"),
        ("2020", "2020"),
    ],
)
def test_every_usual_form_parses(text: str, iso: str) -> None:
    assert PartialDate.parse(text).format_iso() == iso


def test_month_only_keeps_month_precision() -> None:
    d = PartialDate.parse("Agustus 2023")
    assert d.precision is DatePrecision.MONTH
    assert d.day is None


def test_wrong_weekday_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse("Selasa, 13 Desember 2021")
    assert _codes(exc) == [("", "kotakerja.date.weekday_mismatch")]


@pytest.mark.parametrize("text", ["31 Februari 2021", "2021-02-30", "30/2/2021"])
def test_impossible_dates_are_rejected(text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse(text)
    assert _codes(exc) == [("", "kotakerja.date.invalid")]


@pytest.mark.parametrize("text", ["kemarin", "", "13 Brumaire 2021", "x" * 10_000])
def test_unparseable_text_is_a_validation_error(text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse(text)
    assert exc.value.errors[0].code in {"kotakerja.date.unparseable"}


def test_day_without_month_is_rejected_at_construction() -> None:
    with pytest.raises(ValidationError) as exc:
        PartialDate(year=2020, day=3)
    assert _codes(exc) == [("day", "kotakerja.date.day_without_month")]


def test_comparison_is_honest_about_imprecision() -> None:
    october = PartialDate(year=2020, month=10)
    assert october.before(PartialDate(year=2020, month=10, day=23)) is None
    assert PartialDate(year=2020, month=9).before(PartialDate(year=2020, month=10, day=23)) is True
    assert october.after(PartialDate(year=2020, month=9, day=30)) is True
    assert october.contains(pendulum.date(2020, 10, 23))
    assert october.before(pendulum.date(2021, 1, 1)) is True


def test_sort_key_orders_coarser_first() -> None:
    dates = [
        PartialDate(year=2020, month=10, day=1),
        PartialDate(year=2020),
        PartialDate(year=2020, month=10),
    ]
    assert [d.format_iso() for d in sorted(dates, key=PartialDate.sort_key)] == [
        "2020",
        "2020-10",
        "2020-10-01",
    ]


def test_format_in_both_languages() -> None:
    d = PartialDate(year=2021, month=12, day=13)
    assert d.format(weekday=True) == "Senin, 13 Desember 2021"
    assert d.format(locale="en", weekday=True) == "Monday, 13 December 2021"
    assert PartialDate(year=2023, month=8).format() == "Agustus 2023"


@pytest.mark.parametrize(
    ("text", "iso", "id_text"),
    [
        ("27–29 Mei 2022", "2022-05-27/2022-05-29", "27–29 Mei 2022"),
        ("27—29 Mei 2022", "2022-05-27/2022-05-29", "27–29 Mei 2022"),
        ("5-10 November 2023", "2023-11-05/2023-11-10", "5–10 November 2023"),
        ("27 Mei – 2 Juni 2022", "2022-05-27/2022-06-02", "27 Mei – 2 Juni 2022"),
        ("30 Desember 2022 s.d. 2 Januari 2023", "2022-12-30/2023-01-02", None),
        ("Agustus 2023", "2023-08/2023-08", "Agustus 2023"),
        ("2020-10-23/..", "2020-10-23/..", "sejak 23 Oktober 2020"),
    ],
)
def test_periods_parse_and_format(text: str, iso: str, id_text: str | None) -> None:
    p = Period.parse(text)
    assert p.format_iso() == iso
    if id_text is not None:
        assert p.format() == id_text


def test_end_before_start_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Period(start=PartialDate(year=2022, month=5), end=PartialDate(year=2022, month=4))
    assert _codes(exc) == [("end", "kotakerja.period.end_before_start")]


def test_unknown_order_is_allowed() -> None:
    p = Period(start=PartialDate(year=2022, month=5), end=PartialDate(year=2022, month=5, day=1))
    assert p.contains(PartialDate(year=2022, month=5, day=1)) is None


def test_duration_ends_the_day_before() -> None:
    start = PartialDate(year=2020, month=10, day=23)
    assert Period.from_duration(start, years=5).end == PartialDate(year=2025, month=10, day=22)


@given(partial_dates(), st.sampled_from(["id", "en"]))
def test_partial_dates_round_trip_through_text(d: PartialDate, locale: str) -> None:
    assert PartialDate.parse_iso(d.format_iso()) == d
    assert PartialDate.parse(d.format(locale=locale)) == d


@given(periods())
def test_periods_round_trip_through_iso(p: Period) -> None:
    assert Period.parse_iso(p.format_iso()) == p


@given(st.dates(min_value=datetime.date(1, 1, 1)), st.integers(1, 3))
def test_iso_form_is_zero_padded_at_every_precision(day: datetime.date, parts: int) -> None:
    d = PartialDate(
        year=day.year,
        month=day.month if parts > 1 else None,
        day=day.day if parts > 2 else None,
    )
    assert d.format_iso() == day.isoformat()[: {1: 4, 2: 7, 3: 10}[parts]]
    assert PartialDate.parse_iso(d.format_iso()) == d
