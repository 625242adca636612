"""Money: exact decimals within the currency's minor units."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kotakerja import CurrencyMismatchError, Money, ValidationError, from_json, to_json
from kotakerja.testing import from_type
from kotakerja.values._money import format_amount, parse_amount


def _errs(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(e.path, e.code) for e in exc.value.errors]


def test_idr_with_three_decimals_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Money(amount=Decimal("12.345"), currency="IDR")
    assert _errs(exc) == [("amount", "kotakerja.money.too_many_decimals")]
    assert exc.value.errors[0].message == "amount 12.345 has 3 decimals; IDR allows at most 2"


def test_jpy_with_a_fraction_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Money(amount=Decimal("1.5"), currency="JPY")
    assert _errs(exc) == [("amount", "kotakerja.money.too_many_decimals")]


def test_omr_with_four_decimals_is_rejected_three_allowed() -> None:
    assert Money(amount=Decimal("1.234"), currency="OMR").amount == Decimal("1.234")
    with pytest.raises(ValidationError) as exc:
        Money(amount=Decimal("1.2345"), currency="OMR")
    assert _errs(exc) == [("amount", "kotakerja.money.too_many_decimals")]


def test_trailing_zeros_are_allowed_and_kept() -> None:
    m = Money(amount=Decimal("1500.00"), currency="JPY")
    assert str(from_json(Money, to_json(m)).amount) == "1500.00"


def test_float_amount_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Money(amount=1.5, currency="USD")  # type: ignore[arg-type]
    assert _errs(exc) == [("amount", "kotakerja.decimal.float")]


def test_unknown_currency_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Money(amount=Decimal(1), currency="ABC")
    assert _errs(exc) == [("currency", "kotakerja.money.unknown_currency")]


def test_adding_different_currencies_raises() -> None:
    with pytest.raises(CurrencyMismatchError):
        Money.of("1", "IDR") + Money.of("1", "USD")
    with pytest.raises(CurrencyMismatchError):
        assert Money.of("1", "IDR") < Money.of("1", "USD")


def test_arithmetic_and_sum() -> None:
    total = Money.sum([Money.of("1.50", "USD"), Money.of("2", "USD")], currency="USD")
    assert total == Money.of("3.50", "USD")
    assert Money.sum([], currency="IDR") == Money.zero("IDR")
    assert -Money.of("1", "USD") == Money.of("-1", "USD")


def test_formatting() -> None:
    assert Money.of("12500000.00", "IDR").format() == "Rp12.500.000,00"
    assert Money.of("12500000.00", "IDR").format(locale="en") == "IDR 12,500,000.00"


@pytest.mark.parametrize("text", ["1e5", " 1", "1,5", "+1", "", "NaN", "007", "1" * 101])
def test_amount_text_is_strict(text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_amount(text)
    assert exc.value.errors[0].code == "kotakerja.money.invalid_amount"


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_amount_text_round_trips(d: Decimal) -> None:
    back = parse_amount(format_amount(d))
    assert back == d
    assert back.as_tuple().exponent == d.as_tuple().exponent or d == 0


@given(from_type(Money))
def test_generated_money_round_trips(m: Money) -> None:
    assert from_json(Money, to_json(m)) == m


_ANY_DECIMAL = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=0).map(lambda d: d.scaleb(30)),
    st.decimals(allow_nan=False, allow_infinity=False, places=12),
    st.sampled_from([Decimal("0E-9"), Decimal("-0.00"), Decimal("1E+3"), Decimal("12.5000000")]),
)


def _too_many_decimals_reference(amount: Decimal, units: int) -> bool:
    exponent = amount.normalize().as_tuple().exponent
    return isinstance(exponent, int) and max(0, -exponent) > units


@given(_ANY_DECIMAL, st.sampled_from(["IDR", "JPY", "OMR", "CLF"]))
def test_decimals_rule_agrees_with_the_exponent_of_the_normalized_amount(
    amount: Decimal, currency: str
) -> None:
    from kotakerja.values._money import minor_units

    units = minor_units(currency)
    assert units is not None
    if _too_many_decimals_reference(amount, units):
        with pytest.raises(ValidationError) as exc:
            Money(amount=amount, currency=currency)
        assert _errs(exc) == [("amount", "kotakerja.money.too_many_decimals")]
    else:
        assert Money(amount=amount, currency=currency).amount is amount


@given(_ANY_DECIMAL)
def test_decimals_are_written_in_plain_notation_as_given(amount: Decimal) -> None:
    from kotakerja.serialization import format_decimal

    text = format_decimal(amount)
    expected = format(amount, "f")
    assert text == ("0" if expected == "-0" else expected)
    assert "E" not in text
    assert Decimal(text) == amount
