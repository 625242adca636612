"""Amounts per period and quantities with a unit: *Rp5 juta per bulan*, *500 ton per hari*."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal

import attrs

from .._errors import Problems, ValidationError
from .._model import check_fields, meta
from ._money import Money, format_amount

__all__ = ["UNIT_CODES", "UNIT_HINTS", "MoneyRate", "Quantity", "RatePeriod"]


class RatePeriod(str, enum.Enum):
    """The period an amount or quantity is counted over (*per periode*)."""

    DAY = "day"
    """Per hari."""
    WEEK = "week"
    """Per minggu."""
    MONTH = "month"
    """Per bulan."""
    QUARTER = "quarter"
    """Per triwulan."""
    YEAR = "year"
    """Per tahun."""


_PERIOD_ID = {
    RatePeriod.DAY: "hari",
    RatePeriod.WEEK: "minggu",
    RatePeriod.MONTH: "bulan",
    RatePeriod.QUARTER: "triwulan",
    RatePeriod.YEAR: "tahun",
}
_PER_YEAR = {RatePeriod.MONTH: 12, RatePeriod.QUARTER: 4, RatePeriod.YEAR: 1}

UNIT_CODES: Mapping[str, str] = {
    "KGM": "kilogram",
    "GRM": "gram",
    "TNE": "tonne",
    "LTR": "litre",
    "MLT": "millilitre",
    "MTQ": "cubic metre",
    "MTR": "metre",
    "MTK": "square metre",
    "H87": "piece",
    "C62": "one (unit)",
    "SET": "set",
    "PR": "pair",
    "DZN": "dozen",
}
"""UN/ECE Recommendation 20 units accepted for quantities."""

_UNIT_ID = {
    "KGM": "kg",
    "GRM": "gram",
    "TNE": "ton",
    "LTR": "liter",
    "MLT": "mililiter",
    "MTQ": "m³",
    "MTR": "meter",
    "MTK": "m²",
    "H87": "buah",
    "C62": "unit",
    "SET": "set",
    "PR": "pasang",
    "DZN": "lusin",
}

UNIT_HINTS: Mapping[str, str] = {
    "PCE": "H87",
    "PCS": "H87",
    "PC": "H87",
    "KG": "KGM",
    "L": "LTR",
    "LT": "LTR",
    "M": "MTR",
    "G": "GRM",
    "T": "TNE",
    "TON": "TNE",
}
"""Unit spellings that are not Rec 20 codes, with the code meant."""


def unit_problem(unit: str) -> str | None:
    """The message for a unit that is not a known Rec 20 code, else None."""
    if unit in UNIT_CODES:
        return None
    hint = UNIT_HINTS.get(unit)
    advice = f"; use {hint!r} ({UNIT_CODES[hint]})" if hint else "; known: " + ", ".join(UNIT_CODES)
    return f"{unit!r} is not a UN/ECE Rec 20 unit{advice}"


@attrs.frozen(kw_only=True)
class MoneyRate:
    """Money per period as a source states it: a budget per year, an allowance per month.

    The amount keeps its currency and decimals as written; nothing is converted.

    >>> MoneyRate(amount=Money.of("5000000", "IDR"), per=RatePeriod.MONTH).format()
    'Rp5.000.000 per bulan'
    """

    RULES = ("the amount is not negative",)

    amount: Money
    per: RatePeriod

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    def _check_rules(self, p: Problems) -> None:
        if self.amount.amount < 0:
            p.add("amount.amount", "kotakerja.money.negative", "an amount per period is negative")

    def per_year(self) -> Money:
        """The yearly amount of a monthly, quarterly or yearly rate (exact: 12 months, 4 quarters).

        Days and weeks do not divide a year evenly: those raise `ValidationError`
        (``kotakerja.rate.not_yearly``) rather than guess a count.
        """
        times = _PER_YEAR.get(self.per)
        if times is None:
            raise ValidationError.single(
                "per",
                "kotakerja.rate.not_yearly",
                f"an amount per {self.per.value} has no exact yearly total",
            )
        return self.amount * times

    def format(self, locale: str = "id") -> str:
        """``Rp5.000.000 per bulan`` or ``IDR 5,000,000 per month``."""
        unit = self.per.value if locale == "en" else _PERIOD_ID[self.per]
        return f"{self.amount.format(locale)} per {unit}"

    def __str__(self) -> str:
        return self.format("en")


@attrs.frozen(kw_only=True)
class Quantity:
    """An amount of a UN/ECE Rec 20 unit, optionally per period: *500 ton per hari*.

    >>> Quantity(amount=Decimal(500), unit="TNE", per=RatePeriod.DAY).format()
    '500 ton per hari'
    """

    RULES = ("the unit is a known Rec 20 code",)

    amount: Decimal = attrs.field(metadata=meta(exclusive_minimum=0))
    unit: str = attrs.field(metadata=meta(pattern=r"[A-Z0-9]{1,3}"))
    per: RatePeriod | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    def _check_rules(self, p: Problems) -> None:
        problem = unit_problem(self.unit)
        if problem is not None:
            p.add("unit", "kotakerja.quantity.unknown_unit", problem)

    def format(self, locale: str = "id") -> str:
        """``500 ton per hari`` or ``500 TNE per day``."""
        number = format_amount(self.amount)
        if locale == "en":
            text = f"{number} {self.unit}"
            return text if self.per is None else f"{text} per {self.per.value}"
        text = f"{number.replace('.', ',')} {_UNIT_ID[self.unit]}"
        return text if self.per is None else f"{text} per {_PERIOD_ID[self.per]}"

    def __str__(self) -> str:
        return self.format("en")
