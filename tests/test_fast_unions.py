"""Fields that hold one of a code and an object (a follow-up's due date, a venue's place) are
read inline on the fast path, with exactly the results of the detailed path."""

from __future__ import annotations

import copy
import inspect
from typing import Any

import cattrs
import pytest

import kotakerja
from kotakerja import FollowUp, PartialDate, ReportedDate, ValidationError, Venue
from kotakerja.serialization import _fast, make_converter

_FOLLOW_UP = {"action": "Send the draft.", "status": "open"}
_DUES: list[Any] = [
    "2018-03",
    "2018",
    "2018-02-30",
    "18-03",
    "",
    {"date": "2024-05", "time_approximate": False},
    {"date": "2024-05", "time_approximate": False, "extra": 1},
    {},
    None,
    5,
    ["2018-03"],
    True,
]
_PLACES: list[Any] = [
    "33.72",
    "99.99",
    {"name": "Osaka", "country": "JP", "level": "city", "time_zone": "Asia/Tokyo"},
    {"name": "Osaka", "country": "XX", "level": "city", "time_zone": "Asia/Tokyo"},
    None,
    33.72,
    [],
]


@pytest.fixture(scope="module")
def detailed() -> cattrs.Converter:
    _fast.ENABLED = False
    try:
        return make_converter()
    finally:
        _fast.ENABLED = True


def _outcome(read: Any) -> Any:
    try:
        return ("ok", read())
    except ValidationError as e:
        return ("error", [(x.path, x.code, x.message) for x in e.errors])


@pytest.mark.parametrize("due", _DUES)
def test_due_dates_read_as_the_detailed_path_reads_them(
    due: Any, detailed: cattrs.Converter
) -> None:
    doc = {**_FOLLOW_UP, "due": due}
    fast = _outcome(lambda: make_converter().structure(copy.deepcopy(doc), FollowUp))
    assert fast == _outcome(lambda: detailed.structure(copy.deepcopy(doc), FollowUp))
    assert fast == _outcome(lambda: kotakerja.from_dict(FollowUp, copy.deepcopy(doc)))


@pytest.mark.parametrize("place", _PLACES)
def test_venue_places_read_as_the_detailed_path_reads_them(
    place: Any, detailed: cattrs.Converter
) -> None:
    doc = {"name": "Balai Kota", "place": place}
    fast = _outcome(lambda: make_converter().structure(copy.deepcopy(doc), Venue))
    assert fast == _outcome(lambda: detailed.structure(copy.deepcopy(doc), Venue))


def test_the_union_is_read_inline() -> None:
    conv = make_converter()
    source = inspect.getsource(conv.get_structure_hook(FollowUp).kotakerja_fast.get())
    assert "elif type(v) is dict:" in source
    follow_up = conv.structure({**_FOLLOW_UP, "due": "2018-03"}, FollowUp)
    assert follow_up.due == PartialDate(year=2018, month=3)
    reported = conv.structure({**_FOLLOW_UP, "due": {"date": "2018-03"}}, FollowUp)
    assert reported.due == ReportedDate(date=PartialDate(year=2018, month=3))


def test_a_hook_of_its_own_for_the_union_is_used() -> None:
    conv = make_converter()
    union = PartialDate | ReportedDate | None
    conv.register_structure_hook_func(lambda t: t == union, lambda value, _: PartialDate(year=1999))
    follow_up = conv.structure({**_FOLLOW_UP, "due": "2018-03"}, FollowUp)
    assert follow_up.due == PartialDate(year=1999)
