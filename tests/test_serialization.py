"""The serialization contract: strict input, every problem at once, exact round trips."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, ClassVar

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kotakerja
from conftest import paths_and_codes as _errors
from kotakerja import (
    Country,
    ForeignLocality,
    Money,
    Organization,
    PartialDate,
    Period,
    Person,
    Position,
    Record,
    Ref,
    Region,
    Source,
    ValidationError,
    from_dict,
    from_json,
    json_schema,
    make_converter,
    to_dict,
    to_json,
)
from kotakerja._model import meta
from kotakerja.serialization import format_datetime, parse_datetime
from kotakerja.testing import aware_datetimes, from_type


@attrs.frozen(kw_only=True)
class Sample(Record):
    """A record type used only by these tests."""

    TYPE: ClassVar[str] = "test_sample"

    title: str
    budget: Money | None = None
    when: PartialDate | None = None
    place: Region | ForeignLocality | None = None
    count: int = attrs.field(default=0, metadata=meta(minimum=0))
    tags: tuple[str, ...] = ()
    starts: pendulum.DateTime | None = None
    link: Ref | None = None


class TestErrors:
    def test_money_with_too_many_decimals_names_path_and_limit(self) -> None:
        with pytest.raises(ValidationError) as exc:
            from_json(Money, '{"amount": "12.345", "currency": "IDR"}')
        (err,) = exc.value.errors
        assert err.path == "amount"
        assert err.code == "kotakerja.money.too_many_decimals"
        assert "IDR allows at most 2" in err.message

    def test_three_mistakes_give_three_error_details(self) -> None:
        doc = {
            "type": "test_sample",
            "schema_version": "1.0",
            "id": "s-1",
            "title": 12,
            "count": -1,
            "colour": "red",
        }
        with pytest.raises(ValidationError) as exc:
            from_dict(Sample, doc)
        assert sorted(_errors(exc)) == [
            ("colour", "kotakerja.unknown_key"),
            ("count", "kotakerja.out_of_range"),
            ("title", "kotakerja.type"),
        ]

    def test_nested_errors_carry_full_paths(self) -> None:
        doc = {
            "type": "test_sample",
            "schema_version": "1.0",
            "id": "s-1",
            "title": "x",
            "budget": {"amount": 12.5, "currency": "IDR"},
            "tags": ["ok", None],
        }
        with pytest.raises(ValidationError) as exc:
            from_dict(Sample, doc)
        assert sorted(_errors(exc)) == [
            ("budget.amount", "kotakerja.type"),
            ("tags[1]", "kotakerja.type"),
        ]

    def test_str_lists_every_problem(self) -> None:
        with pytest.raises(ValidationError) as exc:
            from_dict(Money, {"amount": "1.5", "currency": "XXX1"})
        text = str(exc.value)
        assert text.startswith(("1 validation error", "2 validation errors"))
        for e in exc.value.errors:
            assert e.code in text

    def test_direct_construction_raises_the_same_error(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Money(amount=Decimal("12.345"), currency="IDR")
        assert _errors(exc) == [("amount", "kotakerja.money.too_many_decimals")]

    def test_validation_error_is_a_value_error_and_kotakerja_error(self) -> None:
        with pytest.raises(ValueError, match="validation error"):
            from_dict(Money, {})
        assert issubclass(ValidationError, kotakerja.KotakerjaError)


class TestStrictScalars:
    @pytest.mark.parametrize(
        ("value", "code"),
        [
            (None, "kotakerja.type"),
            (12345, "kotakerja.type"),
            (True, "kotakerja.type"),
            ("", "kotakerja.empty"),
        ],
    )
    def test_title_must_be_a_real_string(self, value: Any, code: str) -> None:
        doc = {"type": "test_sample", "schema_version": "1.0", "id": "a", "title": value}
        with pytest.raises(ValidationError) as exc:
            from_dict(Sample, doc)
        assert _errors(exc) == [("title", code)]

    @pytest.mark.parametrize("value", [1.9, "3", True, None])
    def test_int_is_not_coerced(self, value: Any) -> None:
        doc = {
            "type": "test_sample",
            "schema_version": "1.0",
            "id": "a",
            "title": "t",
            "count": value,
        }
        with pytest.raises(ValidationError) as exc:
            from_dict(Sample, doc)
        assert _errors(exc) == [("count", "kotakerja.type")]

    @pytest.mark.parametrize("amount", ["1e3", " 1", "1,5", "+1", "", "NaN", "007", "1."])
    def test_decimal_strings_are_plain(self, amount: str) -> None:
        with pytest.raises(ValidationError) as exc:
            from_dict(Money, {"amount": amount, "currency": "USD"})
        assert exc.value.errors[0].path == "amount"

    def test_float_amount_is_rejected(self) -> None:
        with pytest.raises(ValidationError) as exc:
            from_dict(Money, {"amount": 1.5, "currency": "USD"})
        assert _errors(exc) == [("amount", "kotakerja.type")]

    def test_enum_value_must_be_known(self) -> None:
        with pytest.raises(ValidationError) as exc:
            from_dict(Organization, {"name": "Kadin", "kind": "guild"})
        assert _errors(exc) == [("kind", "kotakerja.enum")]

    def test_unknown_region_code_is_rejected_with_path(self) -> None:
        doc = {
            "type": "test_sample",
            "schema_version": "1.0",
            "id": "a",
            "title": "t",
            "place": "99.99",
        }
        with pytest.raises(ValidationError) as exc:
            from_dict(Sample, doc)
        assert _errors(exc) == [("place", "kotakerja.region.unknown")]


class TestRecordHeader:
    def _doc(self, **over: Any) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "type": "test_sample",
            "schema_version": "1.0",
            "id": "a",
            "title": "t",
        }
        doc.update(over)
        return {k: v for k, v in doc.items() if v is not None}

    def test_wrong_type_is_rejected(self) -> None:
        with pytest.raises(ValidationError) as exc:
            from_dict(Sample, self._doc(type="mou"))
        assert _errors(exc) == [("type", "kotakerja.record.wrong_type")]

    def test_newer_major_version_is_rejected(self) -> None:
        with pytest.raises(ValidationError) as exc:
            from_dict(Sample, self._doc(schema_version="2.0"))
        assert _errors(exc) == [("schema_version", "kotakerja.record.newer_version")]
        assert "upgrade kotakerja" in exc.value.errors[0].message

    def test_newer_minor_version_is_rejected(self) -> None:
        # a newer minor version may carry facts this kotakerja would drop or misread
        with pytest.raises(ValidationError) as exc:
            from_dict(Sample, self._doc(schema_version="1.7"))
        assert _errors(exc) == [("schema_version", "kotakerja.record.newer_version")]

    def test_older_minor_version_is_accepted(self) -> None:
        assert from_dict(Sample, self._doc(schema_version="1.0")).title == "t"

    def test_id_is_required_in_documents(self) -> None:
        doc = self._doc()
        del doc["id"]
        with pytest.raises(ValidationError) as exc:
            from_dict(Sample, doc)
        assert _errors(exc) == [("id", "kotakerja.missing")]

    def test_generated_id_has_type_prefix(self) -> None:
        s = Sample(title="t")
        assert s.id.startswith("test_sample-")
        assert from_json(Sample, to_json(s)) == s

    def test_any_record_dispatches_on_type(self) -> None:
        s = Sample(title="t")
        assert from_dict(Record, to_dict(s)) == s

    def test_extensions_round_trip_and_need_namespaced_keys(self) -> None:
        s = Sample(title="t", extensions={"surakarta.go.id:arsip": {"no": [1, 2.5, None]}})
        assert from_json(Sample, to_json(s)) == s
        with pytest.raises(ValidationError) as exc:
            Sample(title="t", extensions={"arsip": 1})
        assert _errors(exc) == [("extensions.arsip", "kotakerja.extension.bad_key")]


class TestJsonText:
    @pytest.mark.parametrize(
        ("text", "code"),
        [
            (b"\xff\xfe{}", "kotakerja.json.encoding"),
            (b"\xef\xbb\xbf{}", "kotakerja.json.bom"),
            ('{"amount": "1", "amount": "2", "currency": "IDR"}', "kotakerja.json.duplicate_key"),
            ('{"amount": NaN}', "kotakerja.json.not_finite"),
            ('{"amount": Infinity}', "kotakerja.json.not_finite"),
            ('{"amount": ', "kotakerja.json.invalid"),
            ("[" * 100_000 + "]" * 100_000, "kotakerja.json.too_deep"),
            ('{"a": ' + "9" * 10_000 + "}", "kotakerja.json.invalid"),
        ],
    )
    def test_bad_json_text_is_a_validation_error(self, text: str | bytes, code: str) -> None:
        with pytest.raises(ValidationError) as exc:
            from_json(Money, text)
        assert exc.value.errors[0].code == code

    def test_size_limit_is_configurable(self) -> None:
        text = '{"amount": "1", "currency": "IDR"}'
        with pytest.raises(ValidationError) as exc:
            from_json(Money, text, max_size=10)
        assert exc.value.errors[0].code == "kotakerja.json.too_large"
        assert from_json(Money, text, max_size=None) == Money(amount=Decimal(1), currency="IDR")

    def test_lone_surrogate_is_rejected(self) -> None:
        doc = '{"type":"test_sample","schema_version":"1.0","id":"a","title":"\\ud800"}'
        with pytest.raises(ValidationError) as exc:
            from_json(Sample, doc)
        assert _errors(exc) == [("title", "kotakerja.text.unencodable")]

    def test_paired_surrogates_are_fine(self) -> None:
        doc = '{"type":"test_sample","schema_version":"1.0","id":"a","title":"\\ud83c\\udf89"}'
        assert from_json(Sample, doc).title == "\U0001f389"


class TestDateTimes:
    def test_named_zone_round_trips(self) -> None:
        t = pendulum.datetime(2021, 12, 13, 10, 0, tz="Asia/Jakarta")
        text = format_datetime(t)
        assert text == "2021-12-13T10:00:00+07:00[Asia/Jakarta]"
        back = parse_datetime(text)
        assert back == t
        assert back.timezone_name == "Asia/Jakarta"

    def test_time_without_offset_is_rejected(self) -> None:
        with pytest.raises(ValidationError) as exc:
            parse_datetime("2021-12-13T10:00:00")
        assert exc.value.errors[0].code == "kotakerja.datetime.naive"

    def test_offset_must_match_zone(self) -> None:
        with pytest.raises(ValidationError) as exc:
            parse_datetime("2021-12-13T10:00:00+08:00[Asia/Jakarta]")
        assert exc.value.errors[0].code == "kotakerja.datetime.offset_mismatch"

    def test_unknown_zone_is_rejected(self) -> None:
        with pytest.raises(ValidationError) as exc:
            parse_datetime("2021-12-13T10:00:00+07:00[Asia/Solo]")
        assert exc.value.errors[0].code == "kotakerja.time_zone.unknown"

    def test_naive_datetime_is_rejected_at_construction(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Sample(title="t", starts=pendulum.naive(2021, 12, 13, 10))
        assert _errors(exc) == [("starts", "kotakerja.datetime.naive")]

    @given(aware_datetimes())
    def test_generated_datetimes_round_trip(self, t: pendulum.DateTime) -> None:
        back = parse_datetime(format_datetime(t))
        assert back == t
        assert back.utcoffset() == t.utcoffset()


VALUE_TYPES = [
    Money,
    PartialDate,
    Period,
    Region,
    Country,
    ForeignLocality,
    Person,
    Position,
    Organization,
    Source,
    kotakerja.HsCode,
]


class TestRoundTrips:
    @pytest.mark.parametrize("cls", VALUE_TYPES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_value_types_round_trip_exactly(self, cls: type, data: st.DataObject) -> None:
        value = data.draw(from_type(cls))
        assert from_json(cls, to_json(value)) == value
        assert to_dict(from_dict(cls, to_dict(value))) == to_dict(value)

    @pytest.mark.parametrize("cls", VALUE_TYPES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_schema_accepts_what_to_dict_emits(self, cls: type, data: st.DataObject) -> None:
        value = data.draw(from_type(cls))
        jsonschema.Draft202012Validator(json_schema(cls)).validate(to_dict(value))

    def test_trailing_zeros_survive(self) -> None:
        m = Money(amount=Decimal("12.50"), currency="IDR")
        assert json.loads(to_json(m)) == {"amount": "12.50", "currency": "IDR"}
        assert str(from_json(Money, to_json(m)).amount) == "12.50"

    def test_region_serializes_as_code(self) -> None:
        s = Sample(title="t", place=Region.get("33.72"))
        assert to_dict(s)["place"] == "33.72"
        assert from_dict(Sample, to_dict(s)).place == Region.get("33.72")

    def test_union_of_region_and_locality_by_shape(self) -> None:
        shanghai = ForeignLocality.city("Shanghai", "CN", "Asia/Shanghai")
        s = Sample(title="t", place=shanghai)
        assert from_json(Sample, to_json(s)).place == shanghai


class TestSchema:
    def test_schema_rejects_money_with_too_many_decimals(self) -> None:
        v = jsonschema.Draft202012Validator(json_schema(Money))
        assert v.is_valid({"amount": "12.34", "currency": "IDR"})
        assert v.is_valid({"amount": "12.340", "currency": "IDR"})
        assert not v.is_valid({"amount": "12.345", "currency": "IDR"})
        assert not v.is_valid({"amount": "1.5", "currency": "JPY"})
        assert v.is_valid({"amount": "1500.00", "currency": "JPY"})
        assert not v.is_valid({"amount": "1.2345", "currency": "OMR"})
        assert not v.is_valid({"amount": "1", "currency": "IDR", "extra": 1})
        assert not v.is_valid({"amount": "1", "currency": "ZZZ"})

    def test_schema_rejects_unknown_keys_and_bad_types(self) -> None:
        v = jsonschema.Draft202012Validator(json_schema(Sample))
        ok = to_dict(Sample(title="t", place=Region.get("33.72")))
        assert v.is_valid(ok)
        assert not v.is_valid({**ok, "colour": "red"})
        assert not v.is_valid({**ok, "title": 5})
        assert not v.is_valid({**ok, "place": "99.99"})
        assert not v.is_valid({**ok, "type": "mou"})
        assert not v.is_valid({k: x for k, x in ok.items() if k != "id"})

    def test_schema_is_valid_2020_12(self) -> None:
        jsonschema.Draft202012Validator.check_schema(json_schema(Sample))


class TestConverter:
    def test_make_converter_returns_independent_converters(self) -> None:
        a, b = make_converter(), make_converter()
        assert a is not b
        a.register_unstructure_hook(Money, lambda m: f"{m.amount} {m.currency}")
        m = Money(amount=Decimal("1.00"), currency="USD")
        assert a.unstructure(m) == "1.00 USD"
        assert b.unstructure(m) == {"amount": "1.00", "currency": "USD"}
        assert to_dict(m, converter=a) == "1.00 USD"


def test_construction_checks_lists_become_tuples() -> None:
    s = Sample(title="t", tags=["a", "b"])  # type: ignore[arg-type]
    assert s.tags == ("a", "b")


def test_check_fields_reports_all_fields() -> None:
    with pytest.raises(ValidationError) as exc:
        Sample(title="", count=-5, tags=("x", 3))  # type: ignore[arg-type]
    assert sorted(_errors(exc)) == [
        ("count", "kotakerja.out_of_range"),
        ("tags[1]", "kotakerja.type"),
        ("title", "kotakerja.empty"),
    ]


@pytest.mark.parametrize(
    ("record_id", "edit", "path"),
    [
        ("mou-jakarta-shanghai-2020", lambda d: d.update(topics=["trade", ""]), "topics[1]"),
        ("mou-jakarta-shanghai-2020", lambda d: d.update(languages=[""]), "languages[0]"),
        ("meeting-jakarta-shanghai-2023", lambda d: d.update(topics=[""]), "topics[0]"),
    ],
)
def test_empty_strings_in_lists_are_rejected_as_the_schema_rejects_them(
    record_id: str, edit: Any, path: str
) -> None:
    doc = kotakerja.to_dict(kotakerja.examples().get(record_id))
    edit(doc)
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(kotakerja.Record, doc)
    assert [(e.path, e.code) for e in exc.value.errors] == [(path, "kotakerja.empty")]
    schema = kotakerja.json_schema(kotakerja.Record)
    assert not jsonschema.Draft202012Validator(schema).is_valid(doc)
    with pytest.raises(ValidationError) as built:
        kotakerja.Person(name="Gong Zheng", honorifics=("",))
    assert [(e.path, e.code) for e in built.value.errors] == [("honorifics[0]", "kotakerja.empty")]


@pytest.mark.parametrize("text", [None, 5, ["{}"], {"type": "mou"}])
def test_json_text_of_the_wrong_type_is_a_validation_error(text: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_json(kotakerja.Mou, text)
    assert [(e.path, e.code) for e in exc.value.errors] == [("", "kotakerja.json.type")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2021-12-13T10:00:00+07:00[Asia/Jakarta]", None),
        ("2021-12-13T10:00+07:00[Asia/Jakarta]", None),
        ("2021-12-13T10:00:00.5+07:00[Asia/Jakarta]", None),
        ("2021-12-13T03:00:00Z", None),
        ("1900-01-01T00:00:00+07:07:12[Asia/Jakarta]", None),
        ("2021-12-21T22:00:00+0700[Asia/Jakarta]", "kotakerja.datetime.unparseable"),
        ("2021-12-21T22:00:00+0700", "kotakerja.datetime.unparseable"),
        ("20211221T220000+07:00", "kotakerja.datetime.unparseable"),
        ("2021-W51-2T22:00:00+07:00", "kotakerja.datetime.unparseable"),
        ("2021-12-21 22:00:00+07:00", "kotakerja.datetime.unparseable"),
        ("2021-12-13T10:00:00", "kotakerja.datetime.naive"),
    ],
)
def test_times_are_read_in_the_form_the_schema_gives(text: str, code: str | None) -> None:
    import re

    from kotakerja.serialization._schema import DATETIME_PATTERN

    if code is None:
        assert format_datetime(parse_datetime(text)) is not None
        assert re.search(DATETIME_PATTERN, text)
    else:
        with pytest.raises(ValidationError) as exc:
            parse_datetime(text)
        assert [e.code for e in exc.value.errors] == [code]
        assert not re.search(DATETIME_PATTERN, text)


@pytest.mark.parametrize("version", ["01.0", "0001.0", "1", "1.", "1.0.0", " 1.0"])
def test_schema_versions_are_read_in_the_form_the_schema_gives(version: str) -> None:
    doc = kotakerja.to_dict(kotakerja.examples().get("mou-jakarta-shanghai-2020"))
    doc["schema_version"] = version
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(kotakerja.Record, doc)
    assert exc.value.errors[0].path == "schema_version"
    schema = kotakerja.json_schema(kotakerja.Record)
    assert not jsonschema.Draft202012Validator(schema).is_valid(doc)


@pytest.mark.parametrize(
    ("value", "path", "code"),
    [
        (10**5000, "extensions.a:b", "kotakerja.int.out_of_range"),
        ([1, "\ud800"], "extensions.a:b[1]", "kotakerja.text.unencodable"),
        ({"\udc00": 1}, "extensions.a:b", "kotakerja.text.unencodable"),
    ],
    ids=["huge-int", "surrogate-value", "surrogate-key"],
)
def test_extensions_that_json_cannot_write_are_rejected_when_built(
    value: Any, path: str, code: str
) -> None:
    mou = kotakerja.examples().get("mou-jakarta-shanghai-2020")
    with pytest.raises(ValidationError) as exc:
        attrs.evolve(mou, extensions={"a:b": value})
    assert [(e.path, e.code) for e in exc.value.errors] == [(path, code)]
    big = attrs.evolve(mou, extensions={"a:b": 10**800, "a:c": "ü"})
    assert kotakerja.from_json(kotakerja.Mou, kotakerja.to_json(big)) == big
