"""Standard-library dates and times where they are unambiguous; naive ones refused with a hint."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import attrs
import pytest

import kotakerja as kk


def _meeting() -> kk.Meeting:
    meeting = kk.examples()["meeting-surakarta-germany-g20-2022"]
    assert isinstance(meeting, kk.Meeting)
    return meeting


def test_a_stdlib_date_is_a_full_partial_date() -> None:
    signature = kk.Signature(party=0, date=dt.date(2021, 12, 13))
    assert signature.date == kk.PartialDate(year=2021, month=12, day=13)
    assert kk.from_json(kk.Signature, kk.to_json(signature)) == signature


def test_an_aware_stdlib_datetime_keeps_its_zone() -> None:
    meeting = _meeting()
    start = dt.datetime(2021, 12, 13, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
    moved = attrs.evolve(meeting, start=start, end=None)
    assert moved.start is not None
    assert moved.start.timezone_name == "Asia/Jakarta"
    assert moved.start == start
    assert kk.from_json(kk.Meeting, kk.to_json(moved)) == moved


def test_a_naive_stdlib_datetime_gets_a_hint() -> None:
    with pytest.raises(kk.ValidationError) as caught:
        attrs.evolve(_meeting(), start=dt.datetime(2021, 12, 13, 10, 0), end=None)
    (error,) = caught.value.errors
    assert (error.path, error.code) == ("start", "kotakerja.datetime.naive")
    assert "ZoneInfo('Asia/Jakarta')" in error.message


def test_a_fixed_offset_names_no_zone() -> None:
    plus7 = dt.timezone(dt.timedelta(hours=7))
    with pytest.raises(kk.ValidationError) as caught:
        attrs.evolve(_meeting(), start=dt.datetime(2021, 12, 13, 10, 0, tzinfo=plus7), end=None)
    assert caught.value.errors[0].code == "kotakerja.datetime.no_zone_name"


def test_a_datetime_is_not_taken_for_a_date() -> None:
    with pytest.raises(kk.ValidationError) as caught:
        kk.Signature(party=0, date=dt.datetime(2021, 12, 13))  # type: ignore[arg-type]
    assert caught.value.errors[0].path == "date"
