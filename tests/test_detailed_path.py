"""The detailed path: cattrs-generated structuring functions, every problem at once.

A document the generated fast path cannot build goes through the structuring
function cattrs generates for its class (``make_dict_structure_fn`` with detailed
validation and forbidden extra keys); the exception groups it raises become
kotakerja problems, each with its path and code.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import inspect
import json
import linecache
import pathlib
import traceback
from typing import Any

import attrs
import cattrs
import cattrs.gen
import pytest

import kotakerja
from kotakerja import Money, Mou, ValidationError
from kotakerja._model import check_fields, meta
from kotakerja.serialization import _fast, make_converter

_FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "records-1.0.jsonl"


@pytest.fixture(params=["fast path first", "detailed path only"])
def conv(request: pytest.FixtureRequest) -> cattrs.Converter:
    if request.param == "fast path first":
        return make_converter()
    _fast.ENABLED = False
    try:
        return make_converter()
    finally:
        _fast.ENABLED = True


def _problems(conv: cattrs.Converter, cls: type, doc: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as exc:
        conv.structure(doc, cls)
    return [(e.path, e.code) for e in exc.value.errors]


# Made by cattrs --------------------------------------------------------------------------


def test_the_detailed_path_is_made_by_make_dict_structure_fn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[tuple[type, dict[str, Any]]] = []
    real = cattrs.gen.make_dict_structure_fn

    made_fns: list[Any] = []

    def spy(cls: type, converter: cattrs.Converter, **kw: Any) -> Any:
        made.append((cls, kw))
        made_fns.append(real(cls, converter, **kw))
        return made_fns[-1]

    monkeypatch.setattr(cattrs.gen, "make_dict_structure_fn", spy)
    conv = make_converter()
    doc = {"amount": "12,5", "currency": "IDR", "surplus": 1}
    assert _problems(conv, Money, doc) == [
        ("surplus", "kotakerja.unknown_key"),
        ("amount", "kotakerja.decimal.invalid"),
    ]
    [(cls, kw)] = made
    fn = made_fns[0]
    assert fn.__name__ == "structure_Money"
    source = inspect.getsource(fn)
    assert source.startswith("def structure_Money(o, ")
    assert "\n  errors = []\n" in source
    assert cls is Money
    assert kw["_cattrs_detailed_validation"] is True
    assert kw["_cattrs_forbid_extra_keys"] is True
    fields = [a.name for a in attrs.fields(Money)]
    assert all(kw[name].struct_hook is not None for name in fields)
    # Generated once per class and converter, not once per document.
    _problems(conv, Money, doc)
    assert len(made) == 1


def test_its_source_is_cattrs_structure_function_in_linecache() -> None:
    with pytest.raises(ValidationError):
        kotakerja.from_dict(Money, {"amount": "1", "currency": "XXX!"})
    name = f"<cattrs generated structure {Money.__module__}.{Money.__qualname__}>"
    lines = linecache.getlines(name)
    assert lines
    assert lines[0].startswith("def structure_Money(")
    assert any("__c_structure_amount(o['amount']" in line for line in lines)


class _Rate:
    """A value the converter below structures with a hook that has a bug."""


@attrs.frozen(kw_only=True)
class _Priced:
    name: str = attrs.field(metadata=meta(max_length=5))
    rate: _Rate


def test_a_failing_hook_shows_cattrs_note_and_generated_line() -> None:
    conv = make_converter()

    def broken(value: Any, _: Any) -> _Rate:
        raise LookupError("rate table not loaded")

    conv.register_structure_hook(_Rate, broken)
    with pytest.raises(LookupError) as exc:
        conv.structure({"name": "abc", "rate": 1}, _Priced)
    assert "Structuring class _Priced @ attribute rate" in exc.value.__notes__
    text = "".join(traceback.format_exception(exc.value))
    assert f"<cattrs generated structure {__name__}._Priced>" in text
    assert "rate table not loaded" in text


# Every problem at once -------------------------------------------------------------------


def _mou() -> dict[str, Any]:
    for line in _FIXTURE.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["id"] == "mou-kadin-kediri-surakarta-2021":
            doc["schema_version"] = Mou.SCHEMA_VERSION
            return copy.deepcopy(doc)
    raise LookupError("the fixture MoU is gone")


def test_a_valid_document_still_builds(conv: cattrs.Converter) -> None:
    mou = conv.structure(_mou(), Mou)
    assert mou.id == "mou-kadin-kediri-surakarta-2021"
    assert mou.parties[1].organization.name == "Kadin Surakarta"


def test_every_problem_of_a_record_is_reported_with_its_path(conv: cattrs.Converter) -> None:
    doc = _mou()
    doc["title"] = ""
    doc["scheme"] = 12
    doc["surplus"] = True
    del doc["id"]  # has a Python default, but documents must hold it
    org = doc["parties"][1]["organization"]
    del org["name"]
    org["kind"] = "guild"
    org["region"] = 3372
    org["motto"] = "maju"
    doc["signatures"][0]["date"] = "2021-13-45"
    with pytest.raises(ValidationError) as exc:
        conv.structure(doc, Mou)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("surplus", "kotakerja.unknown_key"),
        ("id", "kotakerja.missing"),
        ("title", "kotakerja.empty"),
        ("scheme", "kotakerja.enum"),
        ("parties[1].organization.motto", "kotakerja.unknown_key"),
        ("parties[1].organization.name", "kotakerja.missing"),
        ("parties[1].organization.kind", "kotakerja.enum"),
        ("parties[1].organization.region", "kotakerja.type"),
        ("signatures[0].date", "kotakerja.date.invalid"),
    ]
    by_path = {e.path: e for e in exc.value.errors}
    assert by_path["surplus"].message == "unknown key 'surplus' for Mou"
    assert by_path["parties[1].organization.motto"].message == (
        "unknown key 'motto' for Organization"
    )
    assert by_path["parties[1].organization.name"].message == "required"
    assert by_path["parties[1].organization.region"].pointer == "/parties/1/organization/region"
    assert by_path["parties[1].organization.region"].message == (
        "expected Region or null, got int 3372"
    )


def test_header_problems_come_first_and_rules_still_run_on_valid_fields(
    conv: cattrs.Converter,
) -> None:
    doc = _mou()
    doc["type"] = "meeting"
    doc["title"] = ""
    doc["signatures"][1]["party"] = 7  # a cross-field rule: no such party
    problems = _problems(conv, Mou, doc)
    assert problems[:2] == [("type", "kotakerja.record.wrong_type"), ("title", "kotakerja.empty")]
    assert len(problems) == 3
    assert problems[2][0].startswith("signatures[1]")
    # The same rule problem as the valid document with only that fault.
    alone = _mou()
    alone["signatures"][1]["party"] = 7
    assert _problems(conv, Mou, alone) == [problems[2]]


@attrs.frozen(kw_only=True)
class _Leaf:
    size: int = attrs.field(metadata=meta(minimum=1))
    label: str
    note: str | None = None

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class _Middle:
    code: str = attrs.field(metadata=meta(pattern=r"[A-Z]{2}"))
    leaves: tuple[_Leaf, ...]
    count: int = 0

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class _Top:
    name: str = attrs.field(metadata=meta(max_length=8))
    middle: _Middle
    title: str
    tags: tuple[str, ...] = ()

    __attrs_post_init__ = check_fields


def test_invalid_siblings_unknown_and_missing_keys_two_levels_down(
    conv: cattrs.Converter,
) -> None:
    doc = {
        "name": "far too long a name",
        "middle": {
            "code": "x1",
            "leaves": [
                {"size": 2, "label": "ok"},
                {"size": 0, "note": 5, "colour": "red"},
            ],
            "count": "3",
            "extra": None,
        },
        "tags": ["a", 1],
        "stray": 0,
    }
    assert _problems(conv, _Top, doc) == [
        ("stray", "kotakerja.unknown_key"),
        ("name", "kotakerja.too_long"),
        ("middle.extra", "kotakerja.unknown_key"),
        ("middle.code", "kotakerja.pattern"),
        ("middle.leaves[1].colour", "kotakerja.unknown_key"),
        ("middle.leaves[1].size", "kotakerja.out_of_range"),
        ("middle.leaves[1].label", "kotakerja.missing"),
        ("middle.leaves[1].note", "kotakerja.type"),
        ("middle.count", "kotakerja.type"),
        ("title", "kotakerja.missing"),
        ("tags[1]", "kotakerja.type"),
    ]
    fixed = copy.deepcopy(doc)
    fixed.update(name="short", title="t", tags=["a"])
    del fixed["stray"]
    fixed["middle"] = {"code": "AB", "leaves": [{"size": 2, "label": "ok"}]}
    assert conv.structure(fixed, _Top) == _Top(
        name="short",
        middle=_Middle(code="AB", leaves=(_Leaf(size=2, label="ok"),)),
        title="t",
        tags=("a",),
    )


def test_the_error_raised_chains_nothing_of_cattrs(conv: cattrs.Converter) -> None:
    with pytest.raises(ValidationError) as exc:
        conv.structure({"name": 1, "middle": {}, "title": "t"}, _Top)
    assert exc.value.__context__ is None
    assert exc.value.__cause__ is None


def test_rejections_leave_no_reference_cycles_behind(conv: cattrs.Converter) -> None:
    # cattrs' exception groups hold tracebacks whose frames hold the groups again;
    # each rejection must free them at once, not leave them to the cycle collector.
    doc = _mou()
    doc["title"] = ""
    doc["parties"][1]["organization"]["kind"] = "guild"
    doc["surplus"] = 1

    def reject(n: int) -> None:
        for _ in range(n):
            with contextlib.suppress(ValidationError):
                conv.structure(doc, Mou)

    reject(5)
    gc.collect()
    gc.disable()
    try:
        reject(200)
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable < 200, f"{unreachable} objects in reference cycles after 200 rejections"
