"""The short ways `to_dict` and `to_json` take with the default converter give what the long
ways give: the same data, the same text as the standard library writes, and a hook
registered on the default converter later still takes over."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest

import kotakerja
from kotakerja import Money, Mou, ValidationError
from kotakerja.serialization import _fast, get_converter, make_converter


def _stdlib(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


@pytest.mark.parametrize(
    "value",
    [1e-7, -2.5e-10, 0.00001, 1e20, 1.5, -0.0, 0.0, [0.1, {"deep": 3e-5}]],
)
def test_records_with_floats_in_extensions_write_what_the_standard_library_writes(
    value: Any,
) -> None:
    for record in list(kotakerja.examples())[:5]:
        with_float = attrs.evolve(record, extensions={"x:y": {"value": value}})
        text = kotakerja.to_json(with_float)
        assert text == _stdlib(kotakerja.to_dict(with_float))
        assert kotakerja.from_json(type(record), text) == with_float


def test_every_example_writes_what_the_standard_library_and_the_converter_write() -> None:
    conv = get_converter()
    for record in kotakerja.examples():
        data = kotakerja.to_dict(record)
        assert data == conv.unstructure(record)
        assert kotakerja.to_json(record) == _stdlib(data)
        assert kotakerja.to_json(record, converter=make_converter()) == _stdlib(data)


def test_values_that_cannot_hold_a_float_skip_the_check() -> None:
    money = Money(amount=Decimal("12.50"), currency="IDR")
    assert not _fast.type_may_hold_float(Money)
    assert kotakerja.to_json(money) == _stdlib(kotakerja.to_dict(money))
    assert kotakerja.to_json(money) == '{"amount":"12.50","currency":"IDR"}'


def test_which_types_may_hold_a_float() -> None:
    assert _fast.type_may_hold_float(Mou)  # its extensions hold any JSON
    assert not _fast.type_may_hold_float(Money)
    assert _fast.type_may_hold_float(dict)  # not an attrs class: unsure
    assert _fast.type_may_hold_float(float)


def test_a_hook_registered_on_the_default_converter_later_takes_over() -> None:
    class Box:
        def __init__(self, content: str) -> None:
            self.content = content

    # Without a hook cattrs gives the object back; with one, the hook decides.
    box = Box("teh")
    assert kotakerja.to_dict(box) is box
    get_converter().register_unstructure_hook(Box, lambda b: {"content": b.content})
    assert kotakerja.to_dict(box) == {"content": "teh"}
    assert kotakerja.to_json(box) == '{"content":"teh"}'


def test_a_missing_required_key_gets_the_detailed_report() -> None:
    record = next(r for r in kotakerja.examples() if isinstance(r, Mou))
    doc = kotakerja.to_dict(record)
    _fast.ENABLED = False
    try:
        detailed = make_converter()
    finally:
        _fast.ENABLED = True
    for key in ("id", "title", "scheme", "parties"):
        broken = copy.deepcopy(doc)
        del broken[key]
        with pytest.raises(ValidationError) as fast_error:
            kotakerja.from_dict(Mou, broken)
        with pytest.raises(ValidationError) as detailed_error:
            detailed.structure(copy.deepcopy(broken), Mou)
        assert fast_error.value.errors == detailed_error.value.errors
        assert (key, "kotakerja.missing") in [(e.path, e.code) for e in fast_error.value.errors]
