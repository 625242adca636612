"""Strategies for meetings and events: valid records with consistent times, indices and links."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from ..records._agreements import Party
from ..records._base import Ref
from ..records._meetings import (
    Attendance,
    AttendanceMode,
    CeremonialAct,
    CeremonialActKind,
    Coordinates,
    CountQualifier,
    Delegation,
    Event,
    EventKind,
    FollowUp,
    FollowUpEntry,
    FollowUpStatus,
    LetterKind,
    LetterRef,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeKind,
    Participant,
    ParticipantIndex,
    ParticipantRole,
    ScheduleStatus,
    Venue,
)
from ..values._dates import PartialDate, Period
from ..values._places import ForeignLocality, Region
from ._core import (
    _locality,
    _organization_of,
    _person,
    _position,
    _region,
    aware_datetimes,
    extensions,
    partial_dates,
    periods,
    record_ids,
    register_strategy,
    reported_dates,
    texts,
)

_TOPICS = st.sampled_from(("trade", "tourism", "umkm", "smart_city", "batik"))


def _refs(*types: str) -> st.SearchStrategy[Ref]:
    return st.sampled_from(types).flatmap(lambda t: record_ids(t).map(lambda i: Ref(type=t, id=i)))


@register_strategy(Coordinates)
def _coordinates() -> st.SearchStrategy[Coordinates]:
    return st.builds(
        Coordinates,
        latitude=st.floats(-90, 90, allow_nan=False),
        longitude=st.floats(-180, 180, allow_nan=False),
    )


@register_strategy(Venue)
def _venue() -> st.SearchStrategy[Venue]:
    place: st.SearchStrategy[Region | ForeignLocality] = _region() | _locality()
    return st.builds(
        Venue,
        name=st.none() | texts(),
        place=place,
        address=st.none() | texts(),
        coordinates=st.none() | _coordinates(),
    )


def _party() -> st.SearchStrategy[Party]:
    return st.one_of(
        _region().map(lambda r: Party(region=r)),
        _locality().map(lambda loc: Party(locality=loc)),
        _organization_of(allow_group=False).map(lambda o: Party(organization=o)),
    )


@register_strategy(Participant)
def _participant() -> st.SearchStrategy[Participant]:
    return st.builds(
        Participant,
        person=st.none() | _person(),
        position=_position(),
        other_positions=st.lists(_position(), max_size=1).map(tuple),
        roles=st.lists(
            st.sampled_from(
                [r for r in ParticipantRole if r is not ParticipantRole.HEAD_OF_DELEGATION]
            ),
            min_size=1,
            max_size=3,
            unique=True,
        ).map(tuple),
    )


@register_strategy(Delegation)
def _delegation() -> st.SearchStrategy[Delegation]:
    @st.composite
    def build(draw: st.DrawFn) -> Delegation:
        people = draw(st.lists(_participant(), max_size=3))
        size = draw(st.none() | st.integers(max(len(people), 1), 500))
        return Delegation(side=draw(_party()), participants=tuple(people), size=size)

    return build()


@register_strategy(Attendance)
def _attendance() -> st.SearchStrategy[Attendance]:
    return st.builds(
        Attendance,
        count=st.integers(0, 10_000),
        description=texts(),
        qualifier=st.sampled_from(list(CountQualifier)),
    )


@register_strategy(ParticipantIndex)
def _participant_index() -> st.SearchStrategy[ParticipantIndex]:
    return st.builds(
        ParticipantIndex, delegation=st.integers(0, 20), participant=st.integers(0, 20)
    )


@register_strategy(CeremonialAct)
def _ceremonial_act() -> st.SearchStrategy[CeremonialAct]:
    return st.builds(
        CeremonialAct,
        kind=st.sampled_from(list(CeremonialActKind)),
        performed_by=st.lists(_participant_index(), max_size=2).map(tuple),
        note=st.none() | texts(),
    )


def _outcome_of(sides: int) -> st.SearchStrategy[Outcome]:
    index = st.integers(0, max(sides - 1, 0))
    indices = st.lists(index, max_size=2, unique=True).map(tuple) if sides else st.just(())
    return st.builds(
        Outcome,
        kind=st.sampled_from(list(OutcomeKind)),
        text=texts(),
        by=indices,
        to=indices,
        event=st.none() | _refs("event"),
        event_title=texts(),
        event_dates=st.none() | periods(),
        topics=st.lists(_TOPICS, max_size=2).map(tuple),
    )


@register_strategy(Outcome)
def _outcome() -> st.SearchStrategy[Outcome]:
    return st.integers(0, 20).flatmap(_outcome_of)


@register_strategy(FollowUp)
def _follow_up() -> st.SearchStrategy[FollowUp]:
    @st.composite
    def build(draw: st.DrawFn) -> FollowUp:
        status = draw(st.sampled_from(list(FollowUpStatus)))
        closed = status is not FollowUpStatus.OPEN
        return FollowUp(
            action=draw(texts()),
            owner=draw(st.none() | _party()),
            due=draw(st.none() | partial_dates() | reported_dates()),
            status=status,
            concerns=tuple(
                draw(st.lists(_refs("mou", "agreement", "meeting", "event"), max_size=2))
            ),
            closed_by=draw(st.none() | _refs("meeting")) if closed else None,
            closed_on=draw(st.none() | partial_dates()) if closed else None,
            note=draw(st.none() | texts()),
        )

    return build()


@st.composite
def _meeting(draw: st.DrawFn) -> Meeting:
    venue = draw(st.none() | _venue())
    start = end = None
    dates = None
    timing = draw(st.sampled_from(("timed", "dates", "unknown")))
    if timing == "timed":
        zones = (venue.time_zone,) if venue is not None else ("Asia/Jakarta", "Asia/Jayapura")
        start = draw(aware_datetimes(zones))
        if draw(st.booleans()):
            end = start.add(minutes=draw(st.integers(0, 60 * 30)))
    elif timing == "dates":
        period = draw(periods(open_end=False))
        dates = Period(start=period.start, end=period.end)
    delegations = tuple(draw(st.lists(_delegation(), max_size=3)))
    seats = [
        ParticipantIndex(delegation=d, participant=p)
        for d, dl in enumerate(delegations)
        for p in range(len(dl.participants))
    ]
    acts = tuple(
        CeremonialAct(
            kind=draw(st.sampled_from(list(CeremonialActKind))),
            performed_by=tuple(draw(st.lists(st.sampled_from(seats), max_size=2))) if seats else (),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    meeting_id = draw(record_ids("meeting"))
    follow_ups = [
        f
        for f in draw(st.lists(_follow_up(), max_size=2))
        if not (f.closed_by is not None and f.closed_by.id == meeting_id)
    ]
    first = dates.start if dates is not None else None
    if start is not None:
        first = PartialDate(year=start.year, month=start.month, day=start.day)
    if first is not None:
        day = first
        follow_ups = [
            f for f in follow_ups if f.closed_on is None or f.closed_on.before(day) is not True
        ]
    return Meeting(
        id=meeting_id,
        title=draw(texts()),
        kind=draw(st.sampled_from(list(MeetingKind))),
        status=draw(st.none() | st.sampled_from(list(ScheduleStatus))),
        event=draw(st.none() | _refs("event")),
        start=start,
        end=end,
        dates=dates,
        venue=venue,
        delegations=delegations,
        attendance=tuple(draw(st.lists(_attendance(), max_size=2))),
        topics=tuple(draw(st.lists(_TOPICS, max_size=3))),
        ceremonial_acts=acts,
        outcomes=tuple(draw(st.lists(_outcome_of(len(delegations)), max_size=2))),
        follow_ups=tuple(follow_ups),
        signed=tuple(draw(st.lists(_refs("mou", "agreement"), max_size=2, unique=True))),
        referenced=tuple(draw(st.lists(_refs("mou", "agreement"), max_size=2, unique=True))),
        summary=draw(st.none() | texts()),
        attendance_mode=draw(st.none() | st.sampled_from(list(AttendanceMode))),
        reported_time=draw(st.none() | reported_dates()),
        letters=tuple(draw(st.lists(_letter(), max_size=2))),
        extensions=draw(extensions()),
    )


def _letter() -> st.SearchStrategy[LetterRef]:
    return st.builds(
        LetterRef,
        kind=st.sampled_from(list(LetterKind)),
        number=st.none() | texts(1, 30),
        date=st.none() | partial_dates(),
        issuer=st.none() | _organization_of(allow_group=False),
        subject=st.none() | texts(),
    )


@register_strategy(LetterRef)
def _letter_strategy() -> st.SearchStrategy[LetterRef]:
    return _letter()


@register_strategy(Meeting)
def _meeting_strategy() -> st.SearchStrategy[Meeting]:
    return _meeting()


@register_strategy(Event)
def _event() -> st.SearchStrategy[Event]:
    place: st.SearchStrategy[Region | ForeignLocality] = _region() | _locality()
    return st.builds(
        Event,
        id=record_ids("event"),
        title=texts(),
        kind=st.sampled_from(list(EventKind)),
        abbreviation=st.none() | texts(1, 10),
        theme=st.none() | texts(),
        organizers=st.lists(_party(), max_size=2).map(tuple),
        host_region=st.none() | place,
        venues=st.lists(_venue(), max_size=2).map(tuple),
        dates=st.none() | periods(),
        status=st.none() | st.sampled_from(list(ScheduleStatus)),
        topics=st.lists(_TOPICS, max_size=3).map(tuple),
        attendance=st.lists(_attendance(), max_size=2).map(tuple),
        part_of=st.none() | _refs("event"),
        summary=st.none() | texts(),
        extensions=extensions(),
    )


@register_strategy(FollowUpEntry)
def _follow_up_entry() -> st.SearchStrategy[FollowUpEntry]:
    @st.composite
    def build(draw: st.DrawFn) -> FollowUpEntry:
        meeting = draw(_meeting())
        if not meeting.follow_ups:
            meeting = attrs.evolve(meeting, follow_ups=(FollowUp(action=draw(texts())),))
        index = draw(st.integers(0, len(meeting.follow_ups) - 1))
        follow_up = meeting.follow_ups[index]
        on = draw(partial_dates())
        return FollowUpEntry(
            meeting=meeting, index=index, follow_up=follow_up, overdue=follow_up.is_overdue(on)
        )

    return build()
