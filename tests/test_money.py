"""Money: exact decimals within the currency's minor units."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import paths_and_codes as _errs
from kotakerja import CurrencyMismatchError, Money, ValidationError, from_json, to_json
from kotakerja.testing import from_type
from kotakerja.values._money import format_amount, parse_amount


def test_idr_with_three_decimals_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Money(amount=Decimal("12.345"), currency="IDR")
    assert _errs(exc) == [("amount", "kotakerja.money.too_many_decimals")]
    assert exc.value.errors[0].message == (
        "amount 12.345 has 3 decimals; IDR allows at most 2. 12.345 IDR: did you mean 12345?"
    )


def test_jpy_with_a_fraction_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Money(amount=Decimal("1.5"), currency="JPY")
    assert _errs(exc) == [("amount", "kotakerja.money.too_many_decimals")]


def test_omr_with_four_decimals_is_rejected_three_allowed() -> None:
    assert Money(amount=Decimal("1.234"), currency="OMR").amount == Decimal("1.234")
    with pytest.raises(ValidationError) as exc:
        Money(amount=Decimal("1.2345"), currency="OMR")
    assert _errs(exc) == [("amount", "kotakerja.money.too_many_decimals")]


def test_trailing_zeros_within_the_minor_units_are_kept() -> None:
    m = Money(amount=Decimal("1500.50"), currency="USD")
    assert str(from_json(Money, to_json(m)).amount) == "1500.50"


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
    exponent = amount.as_tuple().exponent
    return isinstance(exponent, int) and max(0, -exponent) > units


@given(_ANY_DECIMAL, st.sampled_from(["IDR", "JPY", "OMR", "CLF"]))
def test_decimals_rule_counts_the_decimals_as_written(amount: Decimal, currency: str) -> None:
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


class TestAmountsAsWritten:
    def test_indonesian_thousands_are_not_read_as_a_fraction(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Money.of("75.000", "IDR")
        assert _errs(exc) == [("amount", "kotakerja.money.too_many_decimals")]
        assert "75.000 IDR: did you mean 75000?" in exc.value.errors[0].message

    def test_grouped_thousands_get_the_same_hint(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Money.of("1.500.000", "IDR")
        assert _errs(exc) == [("amount", "kotakerja.money.invalid_amount")]
        assert "1.500.000 IDR: did you mean 1500000?" in exc.value.errors[0].message
        with pytest.raises(ValidationError) as exc:
            parse_amount("-12.500.000")
        assert "did you mean -12500000?" in exc.value.errors[0].message

    @pytest.mark.parametrize(
        ("amount", "currency"),
        [("1.00", "JPY"), ("1.0", "JPY"), ("0.0", "KRW"), ("12.500", "USD"), ("1.23450", "OMR")],
    )
    def test_trailing_zeros_past_the_minor_units_are_refused(
        self, amount: str, currency: str
    ) -> None:
        with pytest.raises(ValidationError) as exc:
            Money.of(amount, currency)
        assert _errs(exc) == [("amount", "kotakerja.money.too_many_decimals")]

    def test_no_thousands_hint_where_three_decimals_are_usual_or_allowed(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Money.of("1.5", "JPY")
        assert "did you mean" not in exc.value.errors[0].message
        assert Money.of("75.000", "KWD").amount == Decimal("75.000")

    def test_multiplying_drops_only_zeros_past_the_minor_units(self) -> None:
        assert str((Money.of("12.50", "IDR") * Decimal("1.5")).amount) == "18.75"
        assert str((Money.of("12.50", "IDR") * 2).amount) == "25.00"
        with pytest.raises(ValidationError):
            Money.of("0.01", "USD") * Decimal("0.5")
