"""Rejecting input stays cheap and precise: no leaks, no raw errors, every problem named."""

from __future__ import annotations

import gc
import json
import tracemalloc
from decimal import Decimal
from typing import Any

import jsonschema
import pytest

import kotakerja
from kotakerja import Coordinates, Money, Package, ValidationError


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(e.path, e.code) for e in exc.value.errors]


def _invalid_package() -> dict[str, Any]:
    # About 700 bytes of JSON, valid to the generated path but for its count.
    return {"count": 0, "kind": "CT", "marks": "BATIK SOLO / " * 52}


def test_rejecting_many_documents_does_not_keep_them() -> None:
    doc = _invalid_package()
    assert 650 <= len(json.dumps(doc)) <= 750

    def reject(n: int) -> None:
        for _ in range(n):
            with pytest.raises(ValidationError):
                kotakerja.from_dict(Package, dict(doc))

    reject(200)  # hooks built, caches warm
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        reject(20_000)
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert retained < 512 * 1024, f"{retained} bytes retained after 20,000 rejections"


@pytest.mark.parametrize(
    "count",
    [10**5000, -(10**5000), 2**53, -(2**53), 2**64],
    ids=["5001-digits", "minus-5001-digits", "2**53", "minus-2**53", "2**64"],
)
def test_integers_beyond_the_range_are_validation_errors(count: int) -> None:
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(Package, {"count": count, "kind": "CT"})
    assert _errors(exc) == [("count", "kotakerja.int.out_of_range")]


def test_the_largest_integer_in_range_is_read() -> None:
    package = kotakerja.from_dict(Package, {"count": 2**53 - 1, "kind": "CT"})
    assert package.count == 2**53 - 1


def test_schema_gives_the_same_integer_range() -> None:
    validator = jsonschema.Draft202012Validator(kotakerja.json_schema(Package))
    assert validator.is_valid({"count": 2**53 - 1, "kind": "CT"})
    assert not validator.is_valid({"count": 2**53, "kind": "CT"})


def test_a_huge_integer_for_a_number_field_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(Coordinates, {"latitude": 10**5000, "longitude": 0})
    assert _errors(exc) == [("latitude", "kotakerja.int.out_of_range")]


@pytest.mark.parametrize(
    "amount",
    ["1" + "0" * 100, "-1" + "0" * 200, "0." + "1" * 99, "-" + "1" * 100],
    ids=["101-digits", "201-digits", "99-decimals", "minus-100-digits"],
)
def test_decimals_beyond_the_bounds_are_out_of_range(amount: str) -> None:
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(Money, {"amount": amount, "currency": "XXX"})
    assert _errors(exc) == [("amount", "kotakerja.decimal.out_of_range")]
    schema = kotakerja.json_schema(Money)
    assert not jsonschema.Draft202012Validator(schema).is_valid(
        {"amount": amount, "currency": "XXX"}
    )


@pytest.mark.parametrize(
    "amount",
    ["9" * 100, "0." + "0" * 97 + "1", "-" + "9" * 97 + ".5"],
    ids=["100-digits", "98-decimals", "both"],
)
def test_decimals_at_the_bounds_are_read(amount: str) -> None:
    money = kotakerja.from_dict(Money, {"amount": amount, "currency": "XXX"})
    assert kotakerja.to_dict(money)["amount"] == amount
    schema = kotakerja.json_schema(Money)
    assert jsonschema.Draft202012Validator(schema).is_valid({"amount": amount, "currency": "XXX"})


def test_a_decimal_that_can_be_built_can_be_read_back() -> None:
    with pytest.raises(ValidationError) as exc:
        Money(amount=Decimal("1E+200"), currency="IDR")
    assert _errors(exc) == [("amount", "kotakerja.decimal.out_of_range")]
    largest = Money(amount=Decimal("9" * 97 + ".00"), currency="IDR")
    assert kotakerja.from_json(Money, kotakerja.to_json(largest)) == largest


@pytest.mark.parametrize("given", ["fast", "detailed"])
def test_text_beyond_the_length_limit_is_refused_when_read(given: str) -> None:
    doc = {"count": 1, "kind": "CT", "marks": "x" * 100_001}
    if given == "detailed":
        doc["count"] = 0
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(Package, doc)
    assert ("marks", "kotakerja.text.too_long") in _errors(exc)


def test_every_sibling_of_an_invalid_field_is_reported() -> None:
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(Money, {"amount": "abc", "currency": "XYZ", "bogus": 1})
    assert sorted(_errors(exc)) == [
        ("amount", "kotakerja.decimal.invalid"),
        ("bogus", "kotakerja.unknown_key"),
        ("currency", "kotakerja.money.unknown_currency"),
    ]


def test_a_rule_that_needs_the_invalid_field_reports_nothing_more() -> None:
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(Money, {"amount": "abc", "currency": "IDR"})
    assert _errors(exc) == [("amount", "kotakerja.decimal.invalid")]
