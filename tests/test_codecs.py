"""One codec per leaf type: the decoder, the encoder and the JSON Schema agree."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kotakerja
from kotakerja import HsCode, PartialDate, ValidationError
from kotakerja._model import check_fields
from kotakerja.serialization import _codecs
from kotakerja.serialization._codecs import Codec, codec_for, codecs

LEAF_TYPES = list(codecs())


def _name(t: Any) -> str:
    return getattr(t, "__name__", str(t))


_VALIDATORS: dict[Any, jsonschema.protocols.Validator] = {}


def _validator(t: Any) -> jsonschema.protocols.Validator:
    found = _VALIDATORS.get(t)
    if found is None:
        cls = jsonschema.Draft202012Validator
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
        found = _VALIDATORS[t] = cls(
            {**schema, **codecs()[t].schema()}, format_checker=cls.FORMAT_CHECKER
        )
    return found


def _decodes(codec: Codec, value: Any) -> bool:
    try:
        codec.decode(value)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("t", LEAF_TYPES, ids=_name)
@settings(max_examples=150)
@given(data=st.data())
def test_schema_accepts_exactly_what_the_decoder_accepts(t: Any, data: st.DataObject) -> None:
    codec = codecs()[t]
    value = data.draw(codec.json_values() | codec.near_misses(), label="value")
    assert _validator(t).is_valid(value) == _decodes(codec, value)


@pytest.mark.parametrize("t", LEAF_TYPES, ids=_name)
@settings(max_examples=50)
@given(data=st.data())
def test_every_generated_value_decodes_and_writes_back(t: Any, data: st.DataObject) -> None:
    codec = codecs()[t]
    value = data.draw(codec.json_values(), label="value")
    obj = codec.decode(value)
    assert codec.decode(codec.encode(obj)) == obj
    assert _validator(t).is_valid(codec.encode(obj))


@pytest.mark.parametrize(
    ("t", "text"),
    [
        (pendulum.Date, "2021-02-30"),
        (pendulum.Date, "0000-01-01"),
        (pendulum.Date, "2100-02-29"),
        (pendulum.DateTime, "2021-12-13T24:00+07:00"),
        (pendulum.DateTime, "2021-12-13T10:00:60+07:00"),
        (pendulum.DateTime, "2021-02-29T10:00+07:00"),
        (PartialDate, "0000"),
        (PartialDate, "2021-02-30"),
        (HsCode, "00000000"),
        (HsCode, "7701.00.00"),
        (Decimal, "1" * 101),
        (Decimal, "1\n"),
    ],
)
def test_values_the_library_rejects_are_rejected_by_the_schema(t: Any, text: str) -> None:
    codec = codec_for(t)
    assert codec is not None
    assert not _decodes(codec, text)
    assert not _validator(t).is_valid(text)


def test_patterns_do_not_let_a_final_newline_through() -> None:
    schema = kotakerja.json_schema(kotakerja.Mou)
    validator = jsonschema.Draft202012Validator(schema)
    doc = kotakerja.to_dict(kotakerja.examples().get("mou-jakarta-shanghai-2020"))
    assert validator.is_valid(doc)
    for edit in (
        lambda d: d.update(id=d["id"] + "\n"),
        lambda d: d.update(extensions={"org.example:key\n": 1}),
        lambda d: d["sources"][0].update(url="https://example.org/mou\n"),
    ):
        bad = kotakerja.to_dict(kotakerja.examples().get("mou-jakarta-shanghai-2020"))
        edit(bad)
        assert not validator.is_valid(bad)
        with pytest.raises(ValidationError):
            kotakerja.from_dict(kotakerja.Mou, bad)


@pytest.mark.parametrize(
    ("t", "value"),
    [
        (str, "a\ud800"),
        (int, 1.0),
        (float, 2**53),
        (pendulum.DateTime, "2021-12-13T10:00+07:00[Mars/Olympus]"),
        (pendulum.DateTime, "2021-12-13T10:00+08:00[Asia/Jakarta]"),
    ],
)
def test_rules_beyond_the_schema_are_declared(t: Any, value: Any) -> None:
    codec = codecs()[t]
    assert codec.beyond_schema
    assert _validator(t).is_valid(value)
    assert not _decodes(codec, value)


def test_rules_beyond_the_schema_are_in_the_docs() -> None:
    from pathlib import Path

    text = Path(__file__).parent.parent.joinpath("docs", "json-format.md").read_text("utf-8")
    for codec in codecs().values():
        for rule in codec.beyond_schema:
            assert rule in text, rule


class Grade(str):
    """A leaf type the library does not know: added as one codec in the test below."""


def _structure_grade(value: Any, _: Any) -> Grade:
    if type(value) is not str or not re.fullmatch("[A-E]", value):
        raise ValidationError.single("", "example.grade", "expected A to E")
    return Grade(value)


@attrs.frozen(kw_only=True)
class Report:
    grade: Grade

    __attrs_post_init__ = check_fields


def test_a_new_leaf_type_is_one_codec() -> None:
    codec = Codec(
        type=Grade,
        shape="string",
        structure=_structure_grade,
        unstructure=str,
        schema=lambda: {"type": "string", "pattern": "^[A-E]$(?!\\n)"},
        json_values=lambda: st.sampled_from("ABCDE"),
        near_misses=lambda: st.sampled_from(["F", "a", "", "A\n"]),
    )
    saved = dict(_codecs._CODECS)
    _codecs.register(codec)
    try:
        conv = kotakerja.make_converter()
        assert conv.structure("B", Grade) == "B"
        with pytest.raises(ValidationError):
            conv.structure("F", Grade)
        assert kotakerja.json_schema(Grade)["pattern"] == "^[A-E]$(?!\\n)"
        generated = conv.get_structure_hook(Report).kotakerja_fast.get()
        assert generated({"grade": "C"}) == Report(grade=Grade("C"))
        with pytest.raises(ValidationError) as exc:
            conv.structure({"grade": "F"}, Report)
        assert [(e.path, e.code) for e in exc.value.errors] == [("grade", "example.grade")]
        assert conv.unstructure(Report(grade=Grade("D"))) == {"grade": "D"}
    finally:
        _codecs._CODECS.clear()
        _codecs._CODECS.update(saved)
