"""The generated fast path gives exactly what the detailed path gives: objects, documents, errors.

Every record type registered with the testing strategies is covered, so record
types added later are compared too.
"""

from __future__ import annotations

import copy
import datetime
import json
import threading
from typing import Any

import attrs
import cattrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kotakerja
from kotakerja import Mou, PartialDate, Record, ValidationError
from kotakerja._model import check_fields, meta
from kotakerja.serialization import _fast, _json, make_converter
from kotakerja.serialization._codecs import format_datetime, parse_datetime
from kotakerja.testing import from_type
from test_hostile import _slots

_PUBLIC_TYPES = [
    cls for name, cls in sorted(kotakerja.record_types().items()) if not name.startswith("test_")
]
_VALUE_TYPES = [
    kotakerja.Person,
    kotakerja.Position,
    kotakerja.Organization,
    kotakerja.Party,
    kotakerja.Signature,
    kotakerja.Source,
    kotakerja.Money,
    kotakerja.Period,
]


@pytest.fixture(scope="module")
def fast() -> cattrs.Converter:
    assert _fast.ENABLED
    return make_converter()


@pytest.fixture(scope="module")
def detailed() -> cattrs.Converter:
    _fast.ENABLED = False
    try:
        conv = make_converter()
    finally:
        _fast.ENABLED = True
    return conv


def _outcome(conv: cattrs.Converter, cls: type, doc: Any) -> Any:
    try:
        return ("ok", conv.structure(copy.deepcopy(doc), cls))
    except ValidationError as e:
        return ("error", [(x.path, x.code, x.message) for x in e.errors])


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.builds(list),
    st.builds(dict),
    st.builds(lambda: ["x"]),
    st.builds(lambda: {"kind": "x"}),
    st.just("2021-02-30"),
    st.just("33.72"),
)


@st.composite
def _documents(draw: st.DrawFn) -> tuple[dict[str, Any], type[Record]]:
    """A valid document of a record type, then maybe one to three mutations."""
    cls = draw(st.sampled_from(_PUBLIC_TYPES))
    doc = kotakerja.to_dict(draw(from_type(cls)))
    for _ in range(draw(st.integers(0, 3))):
        slots = _slots(doc)
        if not slots:
            break
        *parent_path, last = draw(st.sampled_from(slots))
        parent: Any = doc
        for k in parent_path:
            parent = parent[k]
        op = draw(st.sampled_from(["drop", "duplicate", "retype", "corrupt", "extra"]))
        if op == "drop":
            del parent[last]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif op == "corrupt" and isinstance(parent[last], str):
            value = parent[last]
            parent[last] = draw(st.sampled_from(["", " ", value[:-1], value + "\u0000", "\ud800"]))
        elif op == "extra" and isinstance(parent, dict):
            parent["unknown"] = 1
        else:
            parent[last] = draw(_JUNK)
    return doc, cls


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(_documents())
def test_fast_and_detailed_paths_agree(
    fast: cattrs.Converter, detailed: cattrs.Converter, case: tuple[dict[str, Any], type]
) -> None:
    doc, cls = case
    got = _outcome(fast, cls, doc)
    assert got == _outcome(detailed, cls, doc)
    assert _outcome(fast, Record, doc) == _outcome(detailed, Record, doc)


_REPLACEMENTS: list[Any] = [
    None,
    "",
    " ",
    "x" * 1001,
    "\ud800",
    "2021-02-30",
    "33.72",
    0,
    -1,
    10**6,
    1.5,
    True,
    [],
    [{}],
    {},
    {"kind": "x"},
]


def test_every_slot_of_the_examples_mutated_agrees(
    fast: cattrs.Converter, detailed: cattrs.Converter
) -> None:
    """Each value of each bundled example replaced by each odd value, or dropped."""
    checked = 0
    for record in kotakerja.examples():
        cls = type(record)
        good = kotakerja.to_dict(record)
        for *parent_path, last in _slots(good):
            for replacement in [_DROP, *_REPLACEMENTS]:
                doc = copy.deepcopy(good)
                parent: Any = doc
                for k in parent_path:
                    parent = parent[k]
                if replacement is _DROP:
                    del parent[last]
                else:
                    parent[last] = replacement
                assert _outcome(fast, cls, doc) == _outcome(detailed, cls, doc), (last, replacement)
                checked += 1
    assert checked > 1000


_DROP = object()


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.data())
def test_valid_documents_take_the_fast_path(fast: cattrs.Converter, data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(_PUBLIC_TYPES + _VALUE_TYPES))
    obj = data.draw(from_type(cls))
    doc = json.loads(kotakerja.to_json(obj))
    generated = fast.get_structure_hook(cls).kotakerja_fast.get()
    assert generated(doc) == obj


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.data())
def test_generated_unstructure_matches_the_reference(
    fast: cattrs.Converter, detailed: cattrs.Converter, data: st.DataObject
) -> None:
    cls = data.draw(st.sampled_from(_PUBLIC_TYPES + _VALUE_TYPES))
    obj = data.draw(from_type(cls))
    plain = fast.unstructure(obj)
    assert plain == detailed.unstructure(obj)
    assert json.dumps(plain) == json.dumps(detailed.unstructure(obj))


def test_fast_built_objects_still_run_cross_field_rules(fast: cattrs.Converter) -> None:
    doc = kotakerja.to_dict(next(r for r in kotakerja.examples() if isinstance(r, Mou)))
    doc["signatures"] = [{"party": 7}]
    with pytest.raises(ValidationError) as e:
        fast.structure(doc, Mou)
    assert [(x.path, x.code) for x in e.value.errors] == [
        ("signatures[0].party", "kotakerja.signature.unknown_party")
    ]
    doc["signatures"] = []
    doc["languages"] = ["id", "IDN"]
    with pytest.raises(ValidationError) as e:
        fast.structure(doc, Mou)
    assert [(x.path, x.code) for x in e.value.errors] == [
        ("languages[1]", "kotakerja.language.invalid")
    ]


def test_constructors_still_check_every_field() -> None:
    with pytest.raises(ValidationError) as e:
        kotakerja.Person(name="")
    assert [(x.path, x.code) for x in e.value.errors] == [("name", "kotakerja.empty")]
    # A constructor called while a trusted build is under way is still checked.
    with pytest.raises(ValidationError):
        kotakerja.Person(name=3)  # type: ignore[arg-type]


# JSON backends -----------------------------------------------------------------------------

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=12,
)


def _stdlib(fn: Any, *args: Any, **kw: Any) -> Any:
    saved = _json._orjson
    _json._orjson = None  # type: ignore[assignment]
    try:
        return _result(fn, *args, **kw)
    finally:
        _json._orjson = saved


def _result(fn: Any, *args: Any, **kw: Any) -> Any:
    try:
        return ("ok", fn(*args, **kw))
    except ValidationError as e:
        return ("error", [(x.path, x.code, x.message) for x in e.errors])
    except (ValueError, TypeError) as e:
        return ("raised", type(e))


needs_orjson = pytest.mark.skipif(_json._orjson is None, reason="orjson is not installed")


@needs_orjson
@settings(max_examples=300, database=None)
@given(_JSON)
def test_orjson_writes_what_the_standard_library_writes(value: Any) -> None:
    assert _result(_json.dumps, value) == _stdlib(_json.dumps, value)


@needs_orjson
@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.data())
def test_orjson_writes_records_like_the_standard_library(data: st.DataObject) -> None:
    obj = data.draw(from_type(data.draw(st.sampled_from(_PUBLIC_TYPES))))
    assert _result(kotakerja.to_json, obj) == _stdlib(kotakerja.to_json, obj)


@needs_orjson
@pytest.mark.parametrize(
    "value",
    [
        1e-5,
        3.5e-7,
        -2.5e-10,
        1e16,
        1e300,
        5e-324,
        float("nan"),
        float("inf"),
        2**64,
        2**63,
        -(2**63) - 1,
        "\ud800",
        {1: 2},
        PartialDate(year=2020),
    ],
)
def test_orjson_edge_values_match(value: Any) -> None:
    assert _result(_json.dumps, [value]) == _stdlib(_json.dumps, [value])


@needs_orjson
@settings(max_examples=300, database=None)
@given(_JSON, st.sampled_from([None, (",", ":"), (", ", ": ")]), st.booleans())
def test_orjson_reads_what_the_standard_library_reads(
    value: Any, separators: Any, as_bytes: bool
) -> None:
    text = json.dumps(value, separators=separators, ensure_ascii=False)
    data: str | bytes = text.encode("utf-8", "surrogatepass") if as_bytes else text
    assert _result(_json.loads, data) == _stdlib(_json.loads, data)


@needs_orjson
@pytest.mark.parametrize(
    "text",
    [
        b'{"a":1,"a":2}',
        b'{"a":{"b":1,"b":1}}',
        b"[NaN]",
        b"[-Infinity]",
        b'["\\ud800"]',
        b'"\xed\xa0\x80"',
        b"[" + b"9" * 5000 + b"]",
        b"[18446744073709551616]",
        b"[1e400]",
        b"[" * 2000 + b"]" * 2000,
        b"[" * 100_000 + b"]" * 100_000,
        b"\xef\xbb\xbf{}",
        b"",
        b"{}",
        b'{"a":1}',
        b"[1.0,0.00001,1e-05,1E5]",
        b'["\\u00e9","\xc3\xa9"]',
        '{"a":"\ud800"}',
        '\ufeff{"a":1}',
    ],
)
def test_orjson_hostile_input_matches(text: str | bytes) -> None:
    assert _result(_json.loads, text) == _stdlib(_json.loads, text)
    assert _result(kotakerja.from_json, Mou, text) == _stdlib(kotakerja.from_json, Mou, text)


def _floats_in(value: Any) -> bool:
    """Whether `value` holds a float that the two JSON writers could write differently.

    Zero (0.0 and -0.0) is written alike by both, so only non-zero floats count.
    """
    if type(value) is float:
        return value != 0.0
    if isinstance(value, dict):
        return any(_floats_in(v) for v in value.values())
    if isinstance(value, list):
        return any(_floats_in(v) for v in value)
    return False


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.data())
def test_float_free_objects_have_no_float_in_their_data(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(_PUBLIC_TYPES + _VALUE_TYPES))
    obj = data.draw(from_type(cls))
    if not _fast.may_hold_float(obj):
        assert not _floats_in(kotakerja.to_dict(obj))
        data = kotakerja.to_dict(obj)
        assert _json.dumps(data, floats=False) == json.dumps(
            data, ensure_ascii=False, separators=(",", ":")
        )


def test_extensions_with_floats_are_noticed() -> None:
    record = next(iter(kotakerja.examples()))
    with_float = attrs.evolve(record, extensions={"x:y": [{"z": 1e-7}]})
    assert _fast.may_hold_float(with_float)
    assert not _fast.may_hold_float(record)
    assert '"z":1e-07' in kotakerja.to_json(with_float)


def test_first_use_from_many_threads_is_safe() -> None:
    conv = make_converter()
    records = list(kotakerja.examples())
    docs = [(type(r), kotakerja.to_dict(r)) for r in records]
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for (cls, doc), record in zip(docs, records, strict=True):
                assert conv.structure(doc, cls) == record
                assert conv.unstructure(record) == doc
        except BaseException as e:
            failures.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


_BUILT: list[str] = []


@attrs.frozen(kw_only=True)
class _Logged:
    """A class whose ``__attrs_post_init__`` does more than check: built through ``__init__``."""

    name: str = attrs.field(metadata=meta(max_length=5))

    def __attrs_post_init__(self) -> None:
        check_fields(self)
        _BUILT.append(self.name)


def test_classes_with_their_own_post_init_are_built_through_init(
    fast: cattrs.Converter, detailed: cattrs.Converter
) -> None:
    assert not _fast._post_init_only_checks(_Logged)
    assert _fast._post_init_only_checks(Mou)
    _BUILT.clear()
    generated = fast.get_structure_hook(_Logged).kotakerja_fast.get()
    assert generated({"name": "abc"}) == _Logged(name="abc")
    assert _BUILT == ["abc", "abc"]
    for doc in ({"name": "toolong"}, {"name": ""}, {"name": 1}, {}):
        assert _outcome(fast, _Logged, doc) == _outcome(detailed, _Logged, doc)
    # The trust given to one converter-built instance is not left over for the next.
    with pytest.raises(ValidationError):
        _Logged(name=5)  # type: ignore[arg-type]


def _zoned_reference(text: str) -> Any:
    """What parse_datetime gave through pendulum alone, before its shortcut."""
    base, zone_name = text[: text.index("[")], text[text.index("[") + 1 : -1]
    parsed = datetime.datetime.fromisoformat(base)
    return pendulum.instance(parsed).in_timezone(pendulum.timezone(zone_name))


_ZONES = ["Asia/Jakarta", "Asia/Jayapura", "America/New_York", "Europe/London", "Asia/Kolkata"]


@settings(max_examples=300, database=None)
@given(
    instant=st.datetimes(
        min_value=datetime.datetime(1901, 1, 1),
        max_value=datetime.datetime(2099, 12, 31),
    ),
    zone=st.sampled_from(_ZONES),
)
def test_zoned_times_parse_as_pendulum_parses_them(instant: Any, zone: str) -> None:
    aware = instant.replace(tzinfo=datetime.timezone.utc).astimezone(pendulum.timezone(zone))
    text = aware.isoformat() + f"[{zone}]"
    got, want = parse_datetime(text), _zoned_reference(text)
    assert (repr(got), got.fold, got.tzinfo, type(got)) == (
        repr(want),
        want.fold,
        want.tzinfo,
        type(want),
    )
    assert format_datetime(got) == format_datetime(want)


@pytest.mark.parametrize(
    "text",
    [
        "2021-11-07T01:30:00-04:00[America/New_York]",
        "2021-11-07T01:30:00-05:00[America/New_York]",
        "2021-10-31T01:30:00+01:00[Europe/London]",
        "2021-10-31T01:30:00+00:00[Europe/London]",
        "2021-12-13T10:00:00.123456+07:00[Asia/Jakarta]",
        "2021-12-13T10:00:00+00:00[UTC]",
        "2021-12-13T03:00:00+00:00[Etc/UTC]",
    ],
)
def test_zoned_times_on_folds_parse_as_pendulum_parses_them(text: str) -> None:
    got, want = parse_datetime(text), _zoned_reference(text)
    assert (repr(got), got.fold, got.tzinfo) == (repr(want), want.fold, want.tzinfo)
