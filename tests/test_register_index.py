"""A changed register checks only what changed and answers `referring_to` from an index;
both must agree exactly with a register built and searched from scratch."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kotakerja import (
    Consignee,
    Country,
    Event,
    EventKind,
    ExportRelease,
    ExportShipment,
    Meeting,
    MeetingKind,
    Mou,
    PartialDate,
    Party,
    Record,
    Ref,
    Region,
    Register,
    Scheme,
    ValidationError,
)

IDS = ("a", "b", "c", "d", "e", "f", "g")
_ids = st.sampled_from(IDS)
_some_ids = st.lists(_ids, max_size=3)


def _mou(rid: str) -> Mou:
    parties = (Party(region=Region.get("31")), Party(region=Region.get("33.72")))
    return Mou(id=rid, title="Kesepakatan bersama", scheme=Scheme.KSDD, parties=parties)


def _event(rid: str, part_of: str | None) -> Event:
    return Event(
        id=rid,
        title="Pameran",
        kind=next(iter(EventKind)),
        part_of=None if part_of is None else Ref(type="event", id=part_of),
    )


def _meeting(rid: str, signed: list[str], event: str | None) -> Meeting:
    return Meeting(
        id=rid,
        title="Rapat",
        kind=next(iter(MeetingKind)),
        signed=tuple(Ref(type="mou", id=s) for s in dict.fromkeys(signed)),
        event=None if event is None else Ref(type="event", id=event),
    )


def _shipment(rid: str, release: str | None, links: list[str]) -> ExportShipment:
    return ExportShipment(
        id=rid,
        consignee=Consignee(country=Country.get("JP")),
        release=None if release is None else Ref(type="export_release", id=release),
        links=tuple(Ref(type="mou", id=s) for s in dict.fromkeys(links)),
    )


def _release(rid: str, shipments: list[str]) -> ExportRelease:
    return ExportRelease(
        id=rid,
        title="Pelepasan ekspor",
        date=PartialDate.parse("2021-12-20"),
        shipments=tuple(Ref(type="export_shipment", id=s) for s in dict.fromkeys(shipments)),
    )


records = st.one_of(
    st.builds(_mou, _ids),
    st.builds(_event, _ids, st.none() | _ids),
    st.builds(_meeting, _ids, _some_ids, st.none() | _ids),
    st.builds(_shipment, _ids, st.none() | _ids, _some_ids),
    st.builds(_release, _ids, _some_ids),
)

operations = st.one_of(
    st.tuples(st.just("add"), st.lists(records, min_size=1, max_size=3), st.booleans()),
    st.tuples(st.just("drop"), st.lists(_ids, min_size=1, max_size=3), st.just(False)),
)


def _errors(exc: ValidationError) -> list[tuple[str, str, str]]:
    return [(e.path, e.code, e.message) for e in exc.errors]


def _from_scratch(expected: Sequence[Record]) -> Register | list[tuple[str, str, str]]:
    try:
        return Register(expected)
    except ValidationError as exc:
        return _errors(exc)


def _expected_after(
    current: Register, op: str, args: Sequence[Record] | Sequence[str], replace: bool
) -> list[Record] | None:
    """The records a changed register should hold, in order; None for a duplicate id."""
    merged = {r.id: r for r in current}
    if op == "drop":
        for rid in args:
            merged.pop(str(rid), None)
        return list(merged.values())
    for r in args:
        assert isinstance(r, Record)
        if r.id in merged and not replace:
            return None
        merged[r.id] = r
    return list(merged.values())


def _apply(
    current: Register, op: str, args: Sequence[Record] | Sequence[str], replace: bool
) -> Register | list[tuple[str, str, str]]:
    try:
        if op == "drop":
            return current.without(*[str(a) for a in args])
        return current.with_records(*args, replace=replace)
    except ValidationError as exc:
        return _errors(exc)


def _brute_referring_to(reg: Register, ref: Ref) -> tuple[Record, ...]:
    return tuple(r for r in reg if any(x == ref for _, x in reg.references(r)))


def _linked() -> Register:
    return Register(
        [
            _mou("a"),
            _mou("b"),
            _event("c", None),
            _meeting("d", ["a", "b"], "c"),
            _release("e", ["f"]),
            _shipment("f", "e", ["a"]),
        ]
    )


Ops = list[tuple[str, list[Record] | list[str], bool]]


@settings(max_examples=300, deadline=None)
@given(st.lists(operations, max_size=12), st.lists(records, max_size=6))
def test_changes_report_what_a_full_check_reports(ops: Ops, start: list[Record]) -> None:
    _check_against_scratch(ops, start)


@settings(max_examples=100, deadline=None)
@given(st.lists(operations, max_size=12), st.lists(records, max_size=6))
def test_indexes_folded_often_give_the_same_answers(ops: Ops, start: list[Record]) -> None:
    layered = type(Register()._pos)
    saved = layered._FOLD_AT
    layered._FOLD_AT = 2
    try:
        _check_against_scratch(ops, start)
    finally:
        layered._FOLD_AT = saved


def _check_against_scratch(ops: Ops, start: list[Record]) -> None:
    try:
        current = Register(start)
    except ValidationError:
        current = _linked()
    for op, args, replace in ops:
        expected = _expected_after(current, op, args, replace)
        outcome = _apply(current, op, args, replace)
        if isinstance(outcome, list):
            if expected is None:
                assert [code for _, code, _ in outcome] == ["kotakerja.register.duplicate_id"]
            else:
                assert outcome == _from_scratch(expected)
            continue
        changed = outcome
        assert expected is not None
        scratch = _from_scratch(expected)
        assert isinstance(scratch, Register), scratch
        assert list(changed) == list(scratch)
        assert changed == scratch
        for rid in IDS:
            for kind in ("mou", "event", "export_shipment", "export_release", "meeting"):
                ref = Ref(type=kind, id=rid)
                assert changed.referring_to(ref) == _brute_referring_to(scratch, ref)
                assert scratch.referring_to(ref) == _brute_referring_to(scratch, ref)
        current = changed


def test_removing_a_record_that_others_point_to_is_refused_naming_both_ends() -> None:
    reg = Register([_mou("a"), _meeting("m", ["a"], None)])
    with pytest.raises(ValidationError) as exc:
        reg.without("a")
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("[m].signed[0]", "kotakerja.register.dangling_reference")
    ]
    assert reg.without("m", "a") == Register()


def test_replacing_a_target_with_another_type_is_refused_at_the_referrer() -> None:
    reg = Register([_mou("a"), _meeting("m", ["a"], None)])
    with pytest.raises(ValidationError) as exc:
        reg.with_records(_event("a", None), replace=True)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("[m].signed[0]", "kotakerja.register.wrong_reference_type")
    ]


def test_replacing_a_release_that_drops_a_shipment_it_named_is_refused() -> None:
    reg = Register([_release("r", ["s"]), _shipment("s", "r", [])])
    with pytest.raises(ValidationError) as exc:
        reg.with_records(_release("r", []), replace=True)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("[s].release", "kotakerja.release.shipment_not_listed")
    ]
    with pytest.raises(ValidationError) as exc:
        reg.with_records(_release("r2", ["s"]))
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("[r2].shipments[0]", "kotakerja.release.shipment_in_two_releases")
    ]


def test_replacing_keeps_the_place_and_referring_to_follows_the_change() -> None:
    reg = Register([_mou("a"), _mou("b"), _meeting("m", ["a"], None), _meeting("n", ["a"], None)])
    assert [r.id for r in reg.referring_to(Ref(type="mou", id="a"))] == ["m", "n"]
    moved = reg.with_records(_meeting("m", ["b"], None), replace=True)
    assert [r.id for r in moved] == ["a", "b", "m", "n"]
    assert [r.id for r in moved.referring_to(Ref(type="mou", id="a"))] == ["n"]
    assert [r.id for r in moved.referring_to(moved.get("b"))] == ["m"]
    # the original is unchanged
    assert [r.id for r in reg.referring_to(Ref(type="mou", id="a"))] == ["m", "n"]
    assert reg.referring_to(Ref(type="mou", id="b")) == ()


def test_an_unchecked_register_is_checked_in_full_when_changed() -> None:
    reg = Register([_meeting("m", ["a"], None)], check_references=False)
    assert [r.id for r in reg.referring_to(Ref(type="mou", id="a"))] == ["m"]
    with pytest.raises(ValidationError) as exc:
        reg.with_records(_mou("b"))
    assert [e.code for e in exc.value.errors] == ["kotakerja.register.dangling_reference"]
    assert len(reg.with_records(_mou("a"))) == 2
