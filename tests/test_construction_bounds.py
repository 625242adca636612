"""What is built can be saved and read back: bounds are checked at construction."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import kotakerja
from conftest import paths_and_codes as _errors
from kotakerja import (
    Attendance,
    Money,
    PartialDate,
    Register,
    ShipmentStatus,
    StatusEvent,
    ValidationError,
    from_json,
    to_json,
)


class TestIntegers:
    @pytest.mark.parametrize("count", [2**53, -(2**53), 10**5000], ids=["2**53", "-2**53", "huge"])
    def test_an_integer_past_the_json_safe_range_is_refused(self, count: int) -> None:
        with pytest.raises(ValidationError) as exc:
            Attendance(count=count, description="wali kota")
        assert _errors(exc) == [("count", "kotakerja.int.out_of_range")]
        assert len(str(exc.value)) < 300

    def test_the_largest_safe_integer_round_trips(self) -> None:
        a = Attendance(count=2**53 - 1, description="wali kota")
        assert from_json(Attendance, to_json(a)) == a


class TestDecimals:
    @pytest.mark.parametrize("amount", ["1E+200", "1E-150", "-1" + "0" * 100])
    def test_a_decimal_too_long_to_write_is_refused(self, amount: str) -> None:
        with pytest.raises(ValidationError) as exc:
            Money(amount=Decimal(amount), currency="XAU")
        assert _errors(exc) == [("amount", "kotakerja.decimal.out_of_range")]

    def test_a_budget_of_1e200_is_refused_instead_of_saved_unreadable(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Money(amount=Decimal("1E+200"), currency="IDR")
        assert _errors(exc) == [("amount", "kotakerja.decimal.out_of_range")]

    def test_the_longest_decimal_allowed_round_trips(self) -> None:
        m = Money(amount=Decimal("9" * 100), currency="IDR")
        assert from_json(Money, to_json(m)) == m
        m = Money(amount=Decimal("1E+99"), currency="IDR")
        assert from_json(Money, to_json(m)) == m


class TestText:
    def test_a_lone_surrogate_is_refused_where_the_record_is_built(
        self, example_mou: kotakerja.Mou
    ) -> None:
        with pytest.raises(ValidationError) as exc:
            attrs.evolve(example_mou, title="caf\udce9")
        assert _errors(exc) == [("title", "kotakerja.text.unencodable")]

    def test_a_lone_surrogate_in_a_tuple_of_texts_is_refused(
        self, example_mou: kotakerja.Mou
    ) -> None:
        mou = example_mou
        with pytest.raises(ValidationError) as exc:
            attrs.evolve(mou, topics=(*mou.topics, "\ud800x"))
        assert [code for _, code in _errors(exc)] == ["kotakerja.text.unencodable"]

    def test_text_past_the_default_limit_is_refused(self) -> None:
        with pytest.raises(ValidationError) as exc:
            StatusEvent(
                status=ShipmentStatus.RELEASED,
                date=PartialDate(year=2021),
                note="x" * (kotakerja._model.MAX_TEXT_LENGTH + 1),
            )
        assert _errors(exc) == [("note", "kotakerja.text.too_long")]

    def test_a_register_of_valid_records_always_saves(
        self, tmp_path: Path, example_mou: kotakerja.Mou
    ) -> None:
        mou = attrs.evolve(example_mou, title="café ☕ \U0001f389")
        path = tmp_path / "r.jsonl"
        Register([mou]).save_jsonl(path)
        assert list(Register.load_jsonl(path)) == [mou]


@pytest.mark.parametrize(
    "value",
    [{"a:b": "x" * 100_001}, {"a:b": {"\ud800": 1}}, {"a:b": [10**5000]}],
    ids=["long-text", "surrogate-key", "huge-int"],
)
def test_extension_values_are_bounded_like_fields(
    value: dict[str, Any], example_mou: kotakerja.Mou
) -> None:
    with pytest.raises(ValidationError) as exc:
        attrs.evolve(example_mou, extensions=value)
    assert exc.value.codes[0] in {
        "kotakerja.text.too_long",
        "kotakerja.text.unencodable",
        "kotakerja.int.out_of_range",
    }
