"""Meetings and events: time rules, links, follow-ups, press lines, the seed cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kotakerja
from conftest import paths_and_codes as _errs
from kotakerja import (
    ActingStatus,
    Attendance,
    CeremonialAct,
    CeremonialActKind,
    Coordinates,
    DatePrecision,
    Delegation,
    Event,
    EventKind,
    FollowUp,
    FollowUpStatus,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeKind,
    PartialDate,
    Participant,
    ParticipantIndex,
    ParticipantRole,
    Party,
    Period,
    Person,
    Position,
    Record,
    Ref,
    Region,
    RoleClass,
    ValidationError,
    Venue,
    from_dict,
    from_json,
    json_schema,
    open_follow_ups,
    overdue_follow_ups,
    to_dict,
    to_json,
)
from kotakerja.testing import aware_datetimes, from_type

SOLO = Region.get("33.72")
MAKASSAR = Region.get("73.71")
PARAGON = Venue(name="Hotel Paragon Solo", place=SOLO)


def _at(hour: int, zone: str = "Asia/Jakarta", day: int = 13) -> pendulum.DateTime:
    return pendulum.datetime(2021, 12, day, hour, tz=zone)


def _meeting(**over: Any) -> Meeting:
    fields: dict[str, Any] = {
        "id": "meeting-x",
        "title": "Audiensi",
        "kind": MeetingKind.COURTESY_CALL,
    }
    fields.update(over)
    return Meeting(**fields)


def _two_sides() -> tuple[Delegation, ...]:
    return (
        Delegation(
            side=Party(region=SOLO),
            participants=(Participant(person=Person(name="A")),),
        ),
        Delegation(side=Party(region=Region.get("35.71"))),
    )


EXAMPLES = kotakerja.examples()
MEETINGS = EXAMPLES.of_type(Meeting)
EVENTS = EXAMPLES.of_type(Event)


# Time ------------------------------------------------------------------------------------


class TestTime:
    def test_end_before_start_is_rejected_at_end(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(start=_at(12), end=_at(10), venue=PARAGON)
        assert _errs(exc) == [("end", "kotakerja.meeting.end_before_start")]
        assert "2021-12-13T10:00:00+07:00" in exc.value.errors[0].message

    def test_end_equal_to_start_is_allowed(self) -> None:
        assert _meeting(start=_at(10), end=_at(10)).end == _at(10)

    def test_naive_start_is_rejected(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(start=pendulum.naive(2021, 12, 13, 10))
        assert _errs(exc) == [("start", "kotakerja.datetime.naive")]

    def test_fixed_offset_is_not_a_zone(self) -> None:
        fixed = pendulum.datetime(2021, 12, 13, 10, tz=pendulum.fixed_timezone(7 * 3600))
        with pytest.raises(ValidationError) as exc:
            _meeting(start=fixed)
        assert _errs(exc) == [("start", "kotakerja.meeting.zone_not_named")]

    def test_times_are_in_the_venue_zone(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(start=_at(10), venue=Venue(name="Balai Kota", place=MAKASSAR))
        assert _errs(exc) == [("start", "kotakerja.meeting.zone_not_venue")]
        assert "Asia/Makassar" in exc.value.errors[0].message
        ok = _meeting(start=_at(10, "Asia/Makassar"), venue=Venue(place=MAKASSAR))
        assert ok.press_line() == "Senin, 13 Desember 2021, pukul 10.00 WITA"

    def test_start_and_end_share_one_zone(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(start=_at(10), end=_at(12, "Asia/Makassar"))
        assert _errs(exc) == [("end", "kotakerja.meeting.zone_mismatch")]

    def test_end_needs_start_and_times_exclude_dates(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(end=_at(10))
        assert _errs(exc) == [("end", "kotakerja.meeting.end_without_start")]
        day = Period.single(PartialDate(year=2021, month=12, day=13))
        with pytest.raises(ValidationError) as exc:
            _meeting(start=_at(10), dates=day)
        assert _errs(exc) == [("dates", "kotakerja.meeting.time_and_dates")]

    def test_dates_need_an_end(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(dates=Period(start=PartialDate(year=2021, month=12, day=13)))
        assert _errs(exc) == [("dates.end", "kotakerja.meeting.open_dates")]

    def test_unknown_time_zone_in_a_document(self) -> None:
        doc = to_dict(_meeting(start=_at(10)))
        doc["start"] = "2021-12-13T10:00:00+07:00[Mars/Olympus]"
        with pytest.raises(ValidationError) as exc:
            from_dict(Meeting, doc)
        assert _errs(exc) == [("start", "kotakerja.time_zone.unknown")]

    def test_unknown_time_zone_of_a_foreign_venue(self) -> None:
        doc = to_dict(_meeting())
        doc["venue"] = {
            "name": "Balai Kota",
            "place": {"name": "X", "country": "CN", "level": "city", "time_zone": "Mars/Olympus"},
        }
        with pytest.raises(ValidationError) as exc:
            from_dict(Meeting, doc)
        assert _errs(exc) == [("venue.place.time_zone", "kotakerja.time_zone.unknown")]

    def test_zone_survives_the_round_trip(self) -> None:
        m = _meeting(start=_at(10, "Asia/Jayapura"), end=_at(12, "Asia/Jayapura"))
        doc = json.loads(to_json(m))
        assert doc["start"] == "2021-12-13T10:00:00+09:00[Asia/Jayapura]"
        assert from_json(Meeting, to_json(m)) == m

    def test_date_only_meeting_stays_date_only(self) -> None:
        m = _meeting(dates=Period.single(PartialDate(year=2021, month=12, day=13)))
        doc = json.loads(to_json(m))
        assert doc["dates"] == {"start": "2021-12-13", "end": "2021-12-13"}
        assert "start" not in doc
        back = from_json(Meeting, to_json(m))
        assert back.start is None
        assert back.is_date_only
        assert back.period() == m.dates

    def test_period_of_a_timed_meeting_is_its_local_days(self) -> None:
        late = pendulum.datetime(2021, 12, 13, 23, 30, tz="Asia/Jayapura")
        m = _meeting(start=late, end=late.add(hours=2))
        assert m.period() == Period(
            start=PartialDate(year=2021, month=12, day=13),
            end=PartialDate(year=2021, month=12, day=14),
        )


class TestPressLine:
    @pytest.mark.parametrize(
        ("zone", "abbreviation"),
        [
            ("Asia/Jakarta", "WIB"),
            ("Asia/Pontianak", "WIB"),
            ("Asia/Makassar", "WITA"),
            ("Asia/Jayapura", "WIT"),
        ],
    )
    def test_indonesian_zones(self, zone: str, abbreviation: str) -> None:
        m = _meeting(start=_at(10, zone))
        assert m.press_line() == f"Senin, 13 Desember 2021, pukul 10.00 {abbreviation}"
        assert m.press_line("en") == f"Monday, 13 December 2021, 10:00 {abbreviation}"

    def test_start_and_end_on_one_day(self) -> None:
        m = _meeting(start=_at(10), end=pendulum.datetime(2021, 12, 13, 12, 30, tz="Asia/Jakarta"))
        assert m.press_line() == "Senin, 13 Desember 2021, pukul 10.00–12.30 WIB"
        assert m.press_line("en") == "Monday, 13 December 2021, 10:00–12:30 WIB"

    def test_across_days(self) -> None:
        m = _meeting(start=_at(10), end=_at(9, day=14))
        assert m.press_line() == (
            "Senin, 13 Desember 2021, pukul 10.00 WIB – Selasa, 14 Desember 2021, pukul 09.00 WIB"
        )

    def test_date_only_omits_the_time(self) -> None:
        m = _meeting(dates=Period.single(PartialDate.parse("13/12/2021")))
        assert m.press_line() == "Senin, 13 Desember 2021"
        assert m.press_line("en") == "Monday, 13 December 2021"

    def test_ranges_and_partial_dates(self) -> None:
        assert _meeting(dates=Period.parse("27–29 Mei 2022")).press_line() == "27–29 Mei 2022"
        assert _meeting(dates=Period.parse("Agustus 2023")).press_line("en") == "August 2023"
        assert _meeting().press_line() is None

    def test_seed_dates_exactly(self) -> None:
        ceremony = EXAMPLES.get("meeting-signing-kadin-kediri-surakarta-2021")
        assert isinstance(ceremony, Meeting)
        assert ceremony.press_line() == "Senin, 13 Desember 2021"
        apeksi = EXAMPLES.get("event-apeksi-anniversary-2022")
        assert isinstance(apeksi, Event)
        assert apeksi.press_line() == "27–29 Mei 2022"
        ciie = EXAMPLES.get("event-ciie-2023")
        assert isinstance(ciie, Event)
        assert ciie.press_line() == "5–10 November 2023"
        assert ciie.press_line("en") == "5–10 November 2023"
        mgmac = EXAMPLES.get("event-mgmac-2023")
        assert isinstance(mgmac, Event)
        assert mgmac.press_line() == "Agustus 2023"


class TestParsePressTime:
    @pytest.mark.parametrize(
        ("text", "zone", "start", "end"),
        [
            ("Senin, 13 Desember 2021, pukul 10.00 WIB", "Asia/Jakarta", (10, 0), None),
            ("13 Desember 2021 pukul 10.00–12.30 WITA", "Asia/Makassar", (10, 0), (12, 30)),
            ("Monday, 13 December 2021, 10:00 WIT", "Asia/Jayapura", (10, 0), None),
            ("Senin (13/12/2021) pukul 09.00 WIB s.d. selesai", "Asia/Jakarta", (9, 0), None),
            ("13/12/2021 pukul 09.00", "Asia/Pontianak", (9, 0), None),
        ],
    )
    def test_usual_forms(
        self, text: str, zone: str, start: tuple[int, int], end: tuple[int, int] | None
    ) -> None:
        got_start, got_end = kotakerja.parse_press_time(text, zone)
        assert got_start == pendulum.datetime(2021, 12, 13, *start, tz=zone)
        expected_end = None if end is None else pendulum.datetime(2021, 12, 13, *end, tz=zone)
        assert got_end == expected_end

    @pytest.mark.parametrize(
        ("text", "zone", "code"),
        [
            ("Senin, 13 Desember 2021, pukul 10.00 WIT", "Asia/Jakarta", "time.zone_mismatch"),
            ("Selasa, 13 Desember 2021, pukul 10.00", "Asia/Jakarta", "date.weekday_mismatch"),
            ("13 Desember 2021", "Asia/Jakarta", "time.unparseable"),
            ("Desember 2021 pukul 10.00", "Asia/Jakarta", "time.unparseable"),
            ("13 Desember 2021 pukul 24.10", "Asia/Jakarta", "time.invalid"),
            ("13 Desember 2021 pukul 12.00–10.00", "Asia/Jakarta", "meeting.end_before_start"),
            ("13 Desember 2021 pukul 10.00", "Mars/Olympus", "time_zone.unknown"),
        ],
    )
    def test_mistakes_are_named(self, text: str, zone: str, code: str) -> None:
        with pytest.raises(ValidationError) as exc:
            kotakerja.parse_press_time(text, zone)
        assert exc.value.codes == (f"kotakerja.{code}",)

    @settings(max_examples=60, deadline=None)
    @given(
        start=aware_datetimes(("Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura")),
        minutes=st.none() | st.integers(0, 600),
        locale=st.sampled_from(("id", "en")),
    )
    def test_press_line_reads_back(
        self, start: pendulum.DateTime, minutes: int | None, locale: str
    ) -> None:
        start = start.replace(second=0, microsecond=0)
        end = None if minutes is None else start.add(minutes=minutes)
        if end is not None and end.date() != start.date():
            end = None
        line = _meeting(start=start, end=end).press_line(locale)
        assert line is not None
        zone = start.tzinfo
        assert isinstance(zone, pendulum.Timezone)
        assert kotakerja.parse_press_time(line, zone.name) == (start, None if end == start else end)


# Structure -------------------------------------------------------------------------------


class TestParticipantsAndIndices:
    def test_participant_needs_a_person_or_a_position(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Participant()
        assert _errs(exc) == [("", "kotakerja.participant.empty")]
        unnamed = Participant(
            position=Position(title="Wakil Kanselir Jerman", role=RoleClass.VICE_CHANCELLOR)
        )
        assert unnamed.label == "Wakil Kanselir Jerman"

    def test_acting_status_shows_in_the_label(self) -> None:
        p = Participant(
            person=Person(name="Heru Budi Hartono"),
            position=Position(
                title="Gubernur DKI Jakarta", role=RoleClass.GOVERNOR, acting=ActingStatus.PJ
            ),
        )
        assert p.label == "Heru Budi Hartono (Pj Gubernur DKI Jakarta)"

    def test_roles_are_not_repeated_nor_empty(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Participant(person=Person(name="A"), roles=(ParticipantRole.HOST, ParticipantRole.HOST))
        assert _errs(exc) == [("roles", "kotakerja.participant.duplicate_role")]
        with pytest.raises(ValidationError) as exc:
            Participant(person=Person(name="A"), roles=())
        assert _errs(exc) == [("roles", "kotakerja.too_short")]

    def test_delegation_has_one_head_and_a_size_that_fits(self) -> None:
        head = Participant(person=Person(name="A"), roles=(ParticipantRole.HEAD_OF_DELEGATION,))
        with pytest.raises(ValidationError) as exc:
            Delegation(side=Party(region=SOLO), participants=(head, head, head), size=2)
        assert _errs(exc) == [
            ("size", "kotakerja.delegation.size_too_small"),
            ("participants[1].roles", "kotakerja.delegation.two_heads"),
            ("participants[2].roles", "kotakerja.delegation.two_heads"),
        ]

    def test_performers_and_outcome_sides_must_exist(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(
                delegations=_two_sides(),
                ceremonial_acts=(
                    CeremonialAct(
                        kind=CeremonialActKind.GONG_STRIKING,
                        performed_by=(
                            ParticipantIndex(delegation=0, participant=0),
                            ParticipantIndex(delegation=1, participant=0),
                            ParticipantIndex(delegation=2, participant=0),
                        ),
                    ),
                ),
                outcomes=(
                    Outcome(kind=OutcomeKind.AGREED_STATEMENT, text="Sepakat", by=(0, 1, 2)),
                ),
            )
        assert _errs(exc) == [
            (
                "ceremonial_acts[0].performed_by[1].participant",
                "kotakerja.meeting.unknown_participant",
            ),
            (
                "ceremonial_acts[0].performed_by[2].delegation",
                "kotakerja.meeting.unknown_delegation",
            ),
            ("outcomes[0].by[2]", "kotakerja.meeting.unknown_delegation"),
        ]

    def test_coordinates_are_checked(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Coordinates(latitude=91.0, longitude=-181.0)
        assert _errs(exc) == [
            ("latitude", "kotakerja.out_of_range"),
            ("longitude", "kotakerja.out_of_range"),
        ]
        with pytest.raises(ValidationError) as exc:
            Coordinates(latitude=float("nan"), longitude=0.0)
        assert _errs(exc) == [("latitude", "kotakerja.number.not_finite")]
        assert Coordinates(latitude=-7.5666, longitude=110.8166).latitude == -7.5666

    def test_attendance_count_is_not_negative(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Attendance(count=-1, description="wali kota")
        assert _errs(exc) == [("count", "kotakerja.out_of_range")]

    def test_every_problem_is_reported_at_once(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(
                start=_at(12),
                end=_at(10),
                signed=(Ref(type="event", id="event-x"),),
                outcomes=(Outcome(kind=OutcomeKind.DECISION, text="x", to=(3,)),),
            )
        assert _errs(exc) == [
            ("end", "kotakerja.meeting.end_before_start"),
            ("signed[0].type", "kotakerja.ref.wrong_type"),
            ("outcomes[0].to[0]", "kotakerja.meeting.unknown_delegation"),
        ]


@attrs.frozen(kw_only=True)
class Note(Record):
    """A record type that follow-ups may not point to, for the link tests."""

    TYPE: ClassVar[str] = "test_meeting_note"

    text: str


class TestLinks:
    def test_links_point_to_the_right_record_types(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(
                event=Ref(type="mou", id="mou-x"),
                signed=(Ref(type="meeting", id="meeting-y"),),
                referenced=(Ref(type="agreement", id="pks-1"), Ref(type="event", id="e")),
                released=(Ref(type="mou", id="mou-x"),),
            )
        assert _errs(exc) == [
            ("event.type", "kotakerja.ref.wrong_type"),
            ("signed[0].type", "kotakerja.ref.wrong_type"),
            ("referenced[1].type", "kotakerja.ref.wrong_type"),
            ("released[0].type", "kotakerja.ref.wrong_type"),
        ]
        assert "export_shipment or export_release" in exc.value.errors[3].message

    def test_event_is_part_of_an_event_only(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Event(title="Sesi", kind=EventKind.FORUM, part_of=Ref(type="meeting", id="m"))
        assert _errs(exc) == [("part_of.type", "kotakerja.ref.wrong_type")]
        summit = Event(id="event-s", title="KTT", kind=EventKind.SUMMIT)
        session = Event(title="Sesi", kind=EventKind.FORUM, part_of=summit.ref)
        assert kotakerja.Register([summit, session]).referring_to(summit) == (session,)

    def test_a_link_is_listed_once(self) -> None:
        mou = Ref(type="mou", id="mou-x")
        with pytest.raises(ValidationError) as exc:
            _meeting(signed=(mou, mou))
        assert _errs(exc) == [("signed[1]", "kotakerja.meeting.duplicate_link")]

    def test_follow_up_linking_to_a_wrong_record_type(self) -> None:
        bad = {
            "action": "x",
            "status": "done",
            "concerns": [{"type": "mou", "id": "m"}, {"type": "test_meeting_note", "id": "n"}],
            "closed_by": {"type": "event", "id": "e"},
        }
        with pytest.raises(ValidationError) as exc:
            from_dict(FollowUp, bad)
        assert _errs(exc) == [
            ("concerns[1].type", "kotakerja.ref.wrong_type"),
            ("closed_by.type", "kotakerja.ref.wrong_type"),
        ]
        doc = {**to_dict(_meeting()), "follow_ups": [bad]}
        with pytest.raises(ValidationError) as exc:
            from_dict(Meeting, doc)
        assert _errs(exc) == [
            ("follow_ups[0].concerns[1].type", "kotakerja.ref.wrong_type"),
            ("follow_ups[0].closed_by.type", "kotakerja.ref.wrong_type"),
        ]
        assert "or export_shipment or export_release or" in exc.value.errors[0].message

    def test_invitation_names_its_event(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Outcome(kind=OutcomeKind.INVITATION, text="Mengundang")
        assert _errs(exc) == [("event", "kotakerja.outcome.invitation_without_event")]
        with pytest.raises(ValidationError) as exc:
            Outcome(kind=OutcomeKind.INVITATION, text="x", event=Ref(type="mou", id="m"))
        assert _errs(exc) == [("event.type", "kotakerja.ref.wrong_type")]
        titled = Outcome(
            kind=OutcomeKind.INVITATION,
            text="x",
            event_title="ASEAN Mayors Forum",
            event_dates=Period.parse("Agustus 2023"),
        )
        assert titled.event is None

    def test_register_reports_a_dangling_follow_up_link_naming_both_ends(self) -> None:
        m = _meeting(
            follow_ups=(
                FollowUp(action="x", concerns=(Ref(type="mou", id="mou-missing"),)),
                FollowUp(
                    action="y",
                    status=FollowUpStatus.DONE,
                    closed_by=Ref(type="meeting", id="meeting-later"),
                ),
            )
        )
        with pytest.raises(ValidationError) as exc:
            kotakerja.Register([m])
        assert _errs(exc) == [
            ("[meeting-x].follow_ups[0].concerns[0]", "kotakerja.register.dangling_reference"),
            ("[meeting-x].follow_ups[1].closed_by", "kotakerja.register.dangling_reference"),
        ]
        message = exc.value.errors[0].message
        assert "meeting meeting-x" in message
        assert "mou mou-missing" in message

    def test_register_finds_the_meeting_of_an_mou(self) -> None:
        kadin = EXAMPLES.get("mou-kadin-kediri-surakarta-2021")
        found = [r.id for r in EXAMPLES.referring_to(kadin)]
        assert found == ["meeting-signing-kadin-kediri-surakarta-2021"]


# Follow-ups ------------------------------------------------------------------------------


class TestFollowUps:
    def test_partial_due_date_is_overdue_only_after_the_month(self) -> None:
        f = FollowUp(action="x", due=PartialDate.parse("Agustus 2023"))
        assert not f.is_overdue(PartialDate.parse("2023-08-31"))
        assert f.is_overdue(PartialDate.parse("2023-09-01"))
        assert f.is_overdue(pendulum.date(2023, 9, 1))
        assert f.is_overdue(PartialDate.parse("2023-09"))
        assert not f.is_overdue(PartialDate(year=2023))
        assert not FollowUp(action="x").is_overdue(PartialDate(year=2099))

    def test_month_of_the_check_is_not_enough_when_due_is_a_day_in_it(self) -> None:
        f = FollowUp(action="x", due=PartialDate.parse("2023-08-15"))
        assert not f.is_overdue(PartialDate.parse("2023-08"))
        assert f.is_overdue(PartialDate.parse("2023-09"))

    def test_done_follow_up_is_not_overdue_but_was_open_before_closing(self) -> None:
        f = FollowUp(
            action="x",
            due=PartialDate.parse("2023-08"),
            status=FollowUpStatus.DONE,
            closed_by=Ref(type="meeting", id="meeting-later"),
            closed_on=PartialDate.parse("2023-10-02"),
        )
        assert not f.is_open()
        assert not f.is_overdue(PartialDate.parse("2023-12-01"))
        assert f.is_open(PartialDate.parse("2023-09-15"))
        assert f.is_overdue(PartialDate.parse("2023-09-15"))

    def test_closing_fields_only_when_closed(self) -> None:
        with pytest.raises(ValidationError) as exc:
            FollowUp(
                action="x",
                closed_by=Ref(type="meeting", id="m"),
                closed_on=PartialDate(year=2023),
            )
        assert _errs(exc) == [
            ("closed_by", "kotakerja.follow_up.closed_while_open"),
            ("closed_on", "kotakerja.follow_up.closed_while_open"),
        ]

    def test_not_closed_by_the_meeting_that_raised_it_nor_before_it(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _meeting(
                dates=Period.single(PartialDate(year=2021, month=12, day=13)),
                follow_ups=(
                    FollowUp(
                        action="x",
                        status=FollowUpStatus.DONE,
                        closed_by=Ref(type="meeting", id="meeting-x"),
                        closed_on=PartialDate(year=2021, month=11),
                    ),
                ),
            )
        assert _errs(exc) == [
            ("follow_ups[0].closed_by", "kotakerja.follow_up.closed_by_self"),
            ("follow_ups[0].closed_on", "kotakerja.follow_up.closed_before_raised"),
        ]

    def test_open_follow_ups_of_the_examples(self) -> None:
        entries = open_follow_ups(EXAMPLES, on=PartialDate.parse("2023-09-01"))
        assert [(e.path, e.overdue) for e in entries] == [
            ("[meeting-jakarta-shanghai-2023].follow_ups[1]", True),
            ("[meeting-jakarta-shanghai-2023].follow_ups[0]", False),
            ("[meeting-signing-kadin-kediri-surakarta-2021].follow_ups[0]", False),
            ("[meeting-surakarta-germany-g20-2022].follow_ups[0]", False),
        ]
        overdue = overdue_follow_ups(EXAMPLES, on=pendulum.date(2023, 11, 6))
        assert [e.follow_up.due for e in overdue] == [
            PartialDate(year=2023, month=8),
            PartialDate(year=2023, month=11, day=5),
        ]

    def test_meetings_after_the_date_are_left_out(self) -> None:
        entries = open_follow_ups(EXAMPLES, on=PartialDate.parse("2021-12-12"))
        assert "meeting-signing-kadin-kediri-surakarta-2021" not in {e.meeting.id for e in entries}
        entries = open_follow_ups(EXAMPLES, on=PartialDate.parse("2021-12-13"))
        assert "meeting-signing-kadin-kediri-surakarta-2021" in {e.meeting.id for e in entries}

    def test_meeting_method_lists_its_open_follow_ups(self) -> None:
        shanghai = EXAMPLES.get("meeting-jakarta-shanghai-2023")
        assert isinstance(shanghai, Meeting)
        assert len(shanghai.open_follow_ups()) == 2


# Findings --------------------------------------------------------------------------------


def test_findings_for_questionable_meetings() -> None:
    m = _meeting(
        kind=MeetingKind.SIGNING_CEREMONY,
        dates=Period.single(PartialDate(year=2021, month=12, day=13)),
        topics=("trade", "batik"),
        follow_ups=(FollowUp(action="x", due=PartialDate(year=2021, month=11)),),
    )
    found = [(f.code, f.path, f.severity.value) for f in kotakerja.check(m)]
    assert found == [
        ("kotakerja.follow_up.due_before_meeting", "follow_ups[0].due", "warning"),
        ("kotakerja.meeting.nothing_signed", "signed", "warning"),
        ("kotakerja.topic.unknown", "topics[1]", "info"),
    ]
    assert m.topics == ("trade", "batik")


# The seed cases --------------------------------------------------------------------------


class TestExamples:
    def test_the_examples_are_there(self) -> None:
        assert {m.id for m in MEETINGS} == {
            "meeting-surakarta-germany-g20-2022",
            "meeting-apeksi-anniversary-2022",
            "meeting-apeksi-groundbreaking-2022",
            "meeting-apeksi-umkm-exhibition-2022",
            "meeting-signing-kadin-kediri-surakarta-2021",
            "meeting-jakarta-shanghai-2023",
            "meeting-export-release-technolink-2021",
        }
        assert {e.id for e in EVENTS} == {
            "event-g20-summit-2022",
            "event-apeksi-anniversary-2022",
            "event-ciie-2023",
            "event-mgmac-2023",
            "event-amf-2023",
        }

    @pytest.mark.parametrize("record", [*MEETINGS, *EVENTS], ids=lambda r: r.id)
    def test_examples_round_trip_and_match_the_schema(self, record: Record) -> None:
        text = to_json(record)
        assert from_json(type(record), text) == record
        assert to_json(from_json(Record, text)) == text
        jsonschema.Draft202012Validator(json_schema(type(record))).validate(json.loads(text))
        jsonschema.Draft202012Validator(json_schema(Record)).validate(json.loads(text))

    def test_g20_meeting_keeps_what_the_report_says_and_no_more(self) -> None:
        m = EXAMPLES.get("meeting-surakarta-germany-g20-2022")
        assert isinstance(m, Meeting)
        assert m.event == Ref(type="event", id="event-g20-summit-2022")
        assert (m.start, m.dates, m.venue) == (None, None, None)
        assert m.kind is MeetingKind.BILATERAL
        assert [p.label for p in m.participants()] == [
            "Gibran Rakabuming Raka (Wali Kota Surakarta)",
            "Wakil Kanselir Jerman",
        ]
        assert m.outcomes[0].kind is OutcomeKind.AGREED_STATEMENT
        assert "sepakat menjajaki kerja sama" in m.outcomes[0].text  # "agree to explore"
        assert m.signed == ()
        assert len(m.open_follow_ups()) == 1
        assert {"smart_city", "digitalization", "umkm", "creative_industry", "tourism"} <= set(
            m.topics
        )

    def test_apeksi_gathering(self) -> None:
        e = EXAMPLES.get("event-apeksi-anniversary-2022")
        assert isinstance(e, Event)
        assert e.kind is EventKind.NATIONAL_GATHERING
        assert e.theme == "Kebangkitan Ekonomi Melalui Kolaborasi Multipihak"
        assert e.host_region == Region.get("18.71")
        assert e.dates == Period.parse("2022-05-27/2022-05-29")
        assert e.attendance[0].count == 98
        kinds = {m.kind for m in MEETINGS if m.event == e.ref}
        assert kinds == {
            MeetingKind.FORUM_SESSION,
            MeetingKind.GROUNDBREAKING,
            MeetingKind.EXHIBITION_OPENING,
        }
        ground = EXAMPLES.get("meeting-apeksi-groundbreaking-2022")
        assert isinstance(ground, Meeting)
        act = ground.ceremonial_acts[0]
        who = act.performed_by[0]
        performer = ground.delegations[who.delegation].participants[who.participant]
        assert performer.label.startswith("Tjahjo Kumolo (Menteri Pendayagunaan")
        chair = ground.delegations[1].participants[0]
        assert chair.position is not None
        assert chair.position.title == "Ketua Dewan Pengurus APEKSI"
        assert chair.other_positions[0].title == "Wali Kota Bogor"

    def test_paragon_signing_ceremony(self) -> None:
        m = EXAMPLES.get("meeting-signing-kadin-kediri-surakarta-2021")
        assert isinstance(m, Meeting)
        assert m.kind is MeetingKind.SIGNING_CEREMONY
        assert m.venue == PARAGON
        assert m.dates == Period.single(PartialDate.parse("Senin, 13 Desember 2021"))
        assert m.signed == (
            Ref(type="mou", id="mou-kadin-kediri-surakarta-2021"),
            Ref(type="mou", id="mou-umkm-kediri-surakarta-2021"),
        )
        for ref in m.signed:
            assert EXAMPLES.resolve(ref) is not None
        gong = m.ceremonial_acts[0]
        assert gong.kind is CeremonialActKind.GONG_STRIKING
        names = [
            m.delegations[w.delegation].participants[w.participant].label for w in gong.performed_by
        ]
        assert names == [
            "Abdullah Abu Bakar (Wali Kota Kediri)",
            "Gibran Rakabuming Raka (Wali Kota Surakarta)",
        ]
        witnesses = [p.label for p in m.participants() if ParticipantRole.WITNESS in p.roles]
        assert len(witnesses) == 4

    def test_jakarta_shanghai_meeting(self) -> None:
        m = EXAMPLES.get("meeting-jakarta-shanghai-2023")
        assert isinstance(m, Meeting)
        assert m.participants()[0].label == "Heru Budi Hartono (Pj Gubernur DKI Jakarta)"
        assert m.referenced == (Ref(type="mou", id="mou-jakarta-shanghai-2020"),)
        invitations = {
            o.event.id: o.event_dates
            for o in m.outcomes
            if o.kind is OutcomeKind.INVITATION and o.event is not None
        }
        assert invitations["event-ciie-2023"] == Period.parse("5–10 November 2023")
        august = invitations["event-mgmac-2023"]
        assert august is not None
        assert august.start.precision is DatePrecision.MONTH
        assert invitations["event-amf-2023"] == august
        assert m.sources[0].published == PartialDate(year=2023, month=4, day=28)
        assert set(m.topics) >= {
            "trade",
            "investment",
            "culture",
            "sport",
            "tourism",
            "civil_service_exchange",
            "scholarship",
            "waste_management",
        }

    def test_export_release_ceremony_links_the_release(self) -> None:
        m = EXAMPLES.get("meeting-export-release-technolink-2021")
        assert isinstance(m, Meeting)
        assert m.kind is MeetingKind.EXPORT_RELEASE_CEREMONY
        assert m.press_line() == "Senin, 20 Desember 2021"
        release = EXAMPLES.resolve(m.released[0])
        assert isinstance(release, kotakerja.ExportRelease)
        assert m.period() == Period.single(release.date)
        assert m.venue is not None
        assert m.venue.place == release.place

    def test_timeline_of_surakarta_places_meetings_by_date(self) -> None:
        ids = [r.id for r in EXAMPLES.timeline("33.72") if isinstance(r, (Meeting, Event))]
        assert ids[:2] == [
            "meeting-signing-kadin-kediri-surakarta-2021",
            "meeting-export-release-technolink-2021",
        ]
        assert ids[-1] == "meeting-surakarta-germany-g20-2022"  # undated: last
        germany = [r.id for r in EXAMPLES.timeline("33.72", "DE")]
        assert germany == ["meeting-surakarta-germany-g20-2022"]
        timed = _meeting(start=pendulum.datetime(2021, 12, 13, 23, 30, tz="Asia/Jayapura"))
        assert timed.timeline_date() == PartialDate(year=2021, month=12, day=13)
        mgmac = EXAMPLES.get("event-mgmac-2023")
        assert mgmac.timeline_date() == PartialDate(year=2023, month=8)

    def test_example_findings_are_only_missing_dates(self) -> None:
        codes = {f.code for r in [*MEETINGS, *EVENTS] for f in kotakerja.check(r)}
        assert codes == {"kotakerja.meeting.no_date"}


# Generated -------------------------------------------------------------------------------

NEW_TYPES = [
    Meeting,
    Event,
    Venue,
    Coordinates,
    Participant,
    ParticipantIndex,
    Delegation,
    Attendance,
    CeremonialAct,
    Outcome,
    FollowUp,
]


def test_generated_follow_up_entries_are_consistent() -> None:
    @settings(max_examples=20, deadline=None)
    @given(from_type(kotakerja.FollowUpEntry))
    def check(entry: kotakerja.FollowUpEntry) -> None:
        assert entry.meeting.follow_ups[entry.index] == entry.follow_up
        assert entry.path == f"[{entry.meeting.id}].follow_ups[{entry.index}]"

    check()


@pytest.mark.parametrize("cls", NEW_TYPES, ids=lambda c: c.__name__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_generated_values_round_trip_and_match_the_schema(cls: type, data: st.DataObject) -> None:
    value = data.draw(from_type(cls))
    text = to_json(value)
    assert from_json(cls, text) == value
    assert to_json(from_json(cls, text)) == text
    jsonschema.Draft202012Validator(json_schema(cls)).validate(json.loads(text))


def test_meeting_and_event_are_record_types() -> None:
    types = kotakerja.record_types()
    assert types["meeting"] is Meeting
    assert types["event"] is Event


@pytest.mark.parametrize("cls", [Meeting, Event], ids=lambda c: c.__name__)
def test_csv_tables_of_the_examples_round_trip(cls: type[Record], tmp_path: Path) -> None:
    from kotakerja.register import read_csv, write_csv

    records = list(EXAMPLES.of_type(cls))
    write_csv(tmp_path / "t.csv", records)
    assert read_csv(tmp_path / "t.csv") == (records, [])


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Sunday, 10 March 2024, 02:30", "America/New_York"),
        ("Minggu, 31 Maret 2024, pukul 02.15", "Europe/Berlin"),
    ],
)
def test_press_time_in_the_skipped_hour_is_named(text: str, zone: str) -> None:
    with pytest.raises(ValidationError) as exc:
        kotakerja.parse_press_time(text, zone)
    assert [e.code for e in exc.value.errors] == ["kotakerja.time.nonexistent"]
    later = text.replace("02:30", "03:30").replace("02.15", "03.15")
    start, _ = kotakerja.parse_press_time(later, zone)
    assert (start.hour, start.minute) in ((3, 30), (3, 15))
