"""Follow-ups of meetings as iCalendar to-dos."""

from __future__ import annotations

import datetime as dt

import attrs
import icalendar
import pytest

import kotakerja as kk
from kotakerja.cli import main


def _meeting() -> kk.Meeting:
    meeting = kk.examples()["meeting-signing-kadin-kediri-surakarta-2021"]
    assert isinstance(meeting, kk.Meeting)
    return attrs.evolve(
        meeting,
        follow_ups=(
            kk.FollowUp(action="Kirim draf PKS", due=kk.PartialDate.parse("2022-01-15")),
            kk.FollowUp(action="Kunjungan balasan", due=kk.PartialDate.parse("2022-03")),
            kk.FollowUp(
                action="Rapat; evaluasi, bersama",
                status=kk.FollowUpStatus.DONE,
                closed_on=kk.PartialDate.parse("2022-02-01"),
            ),
            kk.FollowUp(action="Dibatalkan", status=kk.FollowUpStatus.CANCELLED),
        ),
    )


def _todos(data: bytes) -> list[icalendar.Todo]:
    return list(icalendar.Calendar.from_ical(data).walk("VTODO"))


def test_each_follow_up_is_a_todo_with_due_status_and_parent() -> None:
    meeting = _meeting()
    todos = _todos(kk.to_ical([meeting], locale="en"))
    assert [str(t["uid"]) for t in todos] == [f"{meeting.id}/follow-up/{i}" for i in range(4)]
    assert [str(t["status"]) for t in todos] == [
        "NEEDS-ACTION",
        "NEEDS-ACTION",
        "COMPLETED",
        "CANCELLED",
    ]
    assert todos[0].decoded("due") == dt.date(2022, 1, 15)
    assert todos[1].decoded("due") == dt.date(2022, 3, 31)  # the last day it may be
    assert "Due: March 2022" in str(todos[1]["description"])
    assert "due" not in todos[2]
    assert all(str(t["related-to"]) == meeting.id for t in todos)
    assert all(t["related-to"].params["RELTYPE"] == "PARENT" for t in todos)
    assert str(todos[2]["summary"]) == "Rapat; evaluasi, bersama"


def test_follow_ups_can_be_left_out() -> None:
    assert _todos(kk.to_ical([_meeting()], follow_ups=False)) == []


def test_the_examples_follow_ups_reach_the_calendar() -> None:
    meetings = [r for r in kk.examples() if isinstance(r, kk.Meeting)]
    expected = sum(len(m.follow_ups) for m in meetings)
    assert expected > 0
    assert len(_todos(kk.to_ical(kk.examples()))) == expected


def test_cli_ics_writes_todos_unless_told_not_to(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ics"]) == 0
    assert "BEGIN:VTODO" in capsys.readouterr().out
    assert main(["ics", "--no-follow-ups"]) == 0
    assert "BEGIN:VTODO" not in capsys.readouterr().out
