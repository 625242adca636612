"""The codec registry is the one definition of each leaf type.

The strategies of `kotakerja.testing`, the CSV cells and the JSON Schema come from it:
what a strategy gives writes and reads back exactly, in JSON and in a CSV cell, and
the schema accepts it; changing a codec changes the strategies; a defect found in text
has one code however the text arrives.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import kotakerja
from kotakerja import PartialDate, ValidationError
from kotakerja._model import _strip_optional, field_specs
from kotakerja.register import unescape_cell, write_csv
from kotakerja.serialization import Codec, codec_for, codecs, format_datetime, register_codec
from kotakerja.testing import (
    aware_datetimes,
    decimals_for,
    from_type,
    partial_dates,
    texts,
)

LEAF_TYPES = list(codecs())


def _name(t: Any) -> str:
    return getattr(t, "__name__", str(t))


def _codec(t: Any) -> Codec:
    codec = codec_for(t)
    assert codec is not None, t
    return codec


_VALIDATORS: dict[Any, jsonschema.protocols.Validator] = {}


def _schema_accepts(t: Any, value: Any) -> bool:
    found = _VALIDATORS.get(t)
    if found is None:
        cls = jsonschema.Draft202012Validator
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **_codec(t).schema()}
        found = _VALIDATORS[t] = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return bool(found.is_valid(value))


def _check_round_trips(t: Any, obj: Any) -> None:
    codec = _codec(t)
    encoded = codec.encode(obj)
    assert _schema_accepts(t, encoded), encoded
    back = codec.decode(encoded)
    assert back == obj
    assert codec.encode(back) == encoded  # as written: trailing zeros, zone, precision
    cell = codec.cell(obj)
    assert type(cell) is str
    from_cell = codec.read_cell(cell)
    assert from_cell == obj
    assert codec.encode(from_cell) == encoded
    # A cell holds what JSON would, written as the CSV tables write it.
    assert cell == (encoded if type(encoded) is str else json.dumps(encoded))


@pytest.mark.parametrize("t", LEAF_TYPES, ids=_name)
@settings(max_examples=30)
@given(data=st.data())
def test_every_leaf_strategy_round_trips_through_json_and_a_cell(
    t: Any, data: st.DataObject
) -> None:
    _check_round_trips(t, data.draw(from_type(t), label="value"))


BOUNDED = [
    (str, texts()),
    (str, texts(0, 5)),
    (PartialDate, partial_dates()),
    (PartialDate, partial_dates(min_year=1, max_year=3)),
    (pendulum.DateTime, aware_datetimes()),
    (pendulum.DateTime, aware_datetimes(("Asia/Jayapura", "America/St_Johns"))),
    (Decimal, decimals_for("IDR")),
    (Decimal, decimals_for("JPY", 10)),
    (Decimal, decimals_for("OMR")),
]


@pytest.mark.parametrize(("t", "strategy"), BOUNDED, ids=lambda x: _name(x)[:20])
@settings(max_examples=25)
@given(data=st.data())
def test_the_bounded_testing_strategies_round_trip_too(
    t: Any, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    _check_round_trips(t, data.draw(strategy, label="value"))


@settings(max_examples=25)
@given(
    dates=partial_dates(2001, 2003),
    times=aware_datetimes(("Asia/Makassar",)),
    amounts=decimals_for("JPY", 99),
    text=texts(2, 4),
)
def test_the_bounds_hold(
    dates: PartialDate, times: pendulum.DateTime, amounts: Decimal, text: str
) -> None:
    assert 2001 <= dates.year <= 2003
    assert times.timezone_name == "Asia/Makassar"
    assert 2000 <= times.in_timezone("UTC").year <= 2035
    assert 0 <= amounts < 100
    assert amounts == amounts.to_integral_value()  # JPY has no minor units
    assert 2 <= len(text) <= 4
    assert text.strip()


@pytest.fixture
def replaced() -> Iterator[Any]:
    """Replace codecs for the length of a test: ``replaced(t, json_values)``."""
    saved: dict[Any, Codec] = {}

    def replace(t: Any, values: Any) -> None:
        saved.setdefault(t, _codec(t))
        register_codec(attrs.evolve(_codec(t), json_values=values))

    try:
        yield replace
    finally:
        for codec in saved.values():
            register_codec(codec)


def test_the_testing_strategies_follow_the_codecs(replaced: Any) -> None:
    replaced(PartialDate, lambda **_: st.just("1999-09"))
    replaced(pendulum.DateTime, lambda **_: st.just("2030-01-02T03:04:05+09:00[Asia/Tokyo]"))
    replaced(Decimal, lambda **_: st.just("7.25"))
    replaced(str, lambda **_: st.just("Surakarta"))
    replaced(int, lambda **_: st.just(7))
    replaced(pendulum.Date, lambda **_: st.just("2024-02-29"))

    def first(strategy: st.SearchStrategy[Any]) -> Any:
        return find(strategy, lambda _: True)

    assert first(partial_dates()) == PartialDate(year=1999, month=9)
    assert format_datetime(first(aware_datetimes())) == ("2030-01-02T03:04:05+09:00[Asia/Tokyo]")
    assert str(first(decimals_for("USD"))) == "7.25"
    assert first(texts()) == "Surakarta"
    assert first(from_type(int)) == 7
    assert first(from_type(pendulum.Date)) == pendulum.Date(2024, 2, 29)


def test_csv_cells_are_the_codec_cells(tmp_path: Path) -> None:
    """Every column of a leaf type holds the codec's cell of the field's value."""
    by_type: dict[type[kotakerja.Record], list[kotakerja.Record]] = {}
    for record in kotakerja.examples():
        by_type.setdefault(type(record), []).append(record)
    checked: set[Any] = set()
    for cls, records in by_type.items():
        path = tmp_path / f"{cls.TYPE}.csv"
        write_csv(path, records)
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
        for record, row in zip(records, rows, strict=True):
            for spec in field_specs(cls):
                codec = codec_for(_strip_optional(spec.type))
                value = getattr(record, spec.name)
                if codec is None or value is None or spec.name == "schema_version":
                    continue
                assert unescape_cell(row[spec.name]) == codec.cell(value), spec.name
                checked.add(codec.type)
    assert {str, PartialDate} <= checked


def _lone_surrogate_errors() -> dict[str, list[tuple[str, str, str]]]:
    mou = kotakerja.examples().get("mou-jakarta-shanghai-2020")
    assert isinstance(mou, kotakerja.Mou)
    doc = kotakerja.to_dict(mou)
    doc["title"] = "caf\udce9"
    text = json.dumps(doc)  # ASCII JSON: the lone surrogate is written \udce9
    routes: dict[str, Any] = {
        "constructor": lambda: attrs.evolve(mou, title="caf\udce9"),
        "from_dict": lambda: kotakerja.from_dict(kotakerja.Mou, doc),
        "from_json": lambda: kotakerja.from_json(kotakerja.Mou, text),
        "from_json bytes": lambda: kotakerja.from_json(kotakerja.Mou, text.encode()),
        "codec": lambda: _codec(str).decode("caf\udce9"),
    }
    found = {}
    for name, route in routes.items():
        with pytest.raises(ValidationError) as exc:
            route()
        found[name] = [(e.path, e.code, e.message) for e in exc.value.errors]
    return found


def test_a_lone_surrogate_has_one_code_and_message_on_every_route() -> None:
    found = _lone_surrogate_errors()
    codec = found.pop("codec")
    message = "text contains a lone surrogate code point, which UTF-8 cannot write"
    assert codec == [("", "kotakerja.text.unencodable", message)]
    for name, errors in found.items():
        assert errors == [("title", "kotakerja.text.unencodable", message)], name
