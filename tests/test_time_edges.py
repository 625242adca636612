"""Times around daylight-saving changes and dates at the ends of the calendar."""

from __future__ import annotations

import json
from typing import Any

import pendulum
import pytest

from kotakerja import (
    Meeting,
    MeetingKind,
    ShipmentStatus,
    StatusEvent,
    TransportLeg,
    TransportMode,
    ValidationError,
    from_json,
    parse_press_time,
)

NEW_YORK = "America/New_York"


def _errs(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(e.path, e.code) for e in exc.value.errors]


def _meeting_json(**over: Any) -> str:
    data: dict[str, Any] = {
        "type": "meeting",
        "schema_version": "1.0",
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
