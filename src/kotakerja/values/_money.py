"""Money: an exact `Decimal` amount in an ISO 4217 currency (*nilai uang*)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

from .._errors import KotakerjaError, Problems, ValidationError
from .._model import check_fields, meta
from ._money_text import read_amount

__all__ = ["CurrencyMismatchError", "Money", "format_amount", "minor_units", "parse_amount"]

_MINOR_EXCEPTIONS: dict[str, int | None] = {
    **dict.fromkeys(
        [
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ],
        0,
    ),
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
    **dict.fromkeys(["CLF", "UYW"], 4),
    **dict.fromkeys(
        ["XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA", "XTS", "XXX"],
        None,
    ),
}
"""ISO 4217 minor units that differ from the usual 2; None where the code has none."""

_AMOUNT_RX = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


class CurrencyMismatchError(KotakerjaError, ValueError):
    """Arithmetic or comparison between amounts in different currencies."""


@functools.cache
def _known(code: str) -> bool:
    import pycountry

    return pycountry.currencies.get(alpha_3=code) is not None


def minor_units(currency: str) -> int | None:
    """Decimal places an amount in `currency` may have (None: no fixed limit).

    An unknown currency code is a `ValidationError` (``kotakerja.money.unknown_currency``).
    """
    units = _MINOR_EXCEPTIONS.get(currency, 2)
    if units == 2 and not (isinstance(currency, str) and _known(currency)):
        raise ValidationError.single(
            "", "kotakerja.money.unknown_currency", f"{currency!r} is not an ISO 4217 currency"
        )
    return units


def parse_amount(text: str) -> Decimal:
    """Parse a plain decimal string strictly: digits, optional minus sign, one dot."""
    if not isinstance(text, str) or len(text) > 100 or not _AMOUNT_RX.fullmatch(text):
        message = f"{str(text)[:40]!r} is not a plain decimal amount"
        hint = _thousands_hint(text) if isinstance(text, str) and len(text) <= 100 else None
        if hint is not None:
            message = f"{text}: did you mean {hint}? {message} (write no thousands separators)"
        raise ValidationError.single("", "kotakerja.money.invalid_amount", message)
    return Decimal(text)


def format_amount(amount: Decimal) -> str:
    """An amount in plain positional notation, trailing zeros as written."""
    return format(amount, "f")


def _decimals_written(amount: Decimal) -> int:
    """Decimal places as written, trailing zeros included: ``12.50`` has 2."""
    exponent = amount.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


_THOUSANDS_RX = re.compile(r"-?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def _thousands_hint(text: str) -> str | None:
    """``1500000`` for ``1.500.000``: Indonesian writing groups thousands with dots."""
    if _THOUSANDS_RX.fullmatch(text):
        return text.replace(".", "")
    return None


@attrs.frozen(kw_only=True)
class Money:
    """An amount and its currency; never a float.

    >>> Money.of("12.50", "IDR").format()
    'Rp12,50'
    """

    RULES = ("amount needs no more decimals than the currency's ISO 4217 minor units",)

    amount: Decimal
    currency: str = attrs.field(metadata=meta(pattern=r"[A-Z]{3}"))

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if not _known(self.currency):
            p.add(
                "currency",
                "kotakerja.money.unknown_currency",
                f"{self.currency!r} is not an ISO 4217 currency",
            )
            return
        units = _MINOR_EXCEPTIONS.get(self.currency, 2)  # a known currency, checked above
        if units is None:
            return
        written = _decimals_written(self.amount)
        if written > units:
            text = format_amount(self.amount)
            places = "1 decimal" if written == 1 else f"{written} decimals"
            message = f"amount {text} has {places}; {self.currency} allows at most {units}"
            hint = _thousands_hint(text)
            if hint is not None and units < 3:
                message += f". {text} {self.currency}: did you mean {hint}?"
            p.add("amount", "kotakerja.money.too_many_decimals", message)

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str) -> Money:
        """Money from a decimal string, an int or a Decimal, decimals as written.

        ``Money.of("75.000", "IDR")`` is refused (three decimals), not read as 75:
        in Indonesian writing it is seventy-five thousand.
        """
        if isinstance(amount, str):
            hint = _thousands_hint(amount) if len(amount) <= 100 else None
            if hint is not None and amount.count(".") > 1:
                raise ValidationError.single(
                    "amount",
                    "kotakerja.money.invalid_amount",
                    f"{amount} {currency}: did you mean {hint}? "
                    "Amounts are written without thousands separators",
                )
        value = parse_amount(amount) if isinstance(amount, str) else amount
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise ValidationError.single(
                "amount", "kotakerja.money.invalid_amount", f"{amount!r} is not an exact amount"
            )
        return cls(amount=Decimal(value), currency=currency)

    @classmethod
    def parse(cls, text: str, currency: str | None = None) -> Money:
        """Money from text as Indonesians write it: ``"Rp379.500.000.000"``, ``"Rp 1,2 miliar"``.

        Thousands are grouped with dots and decimals follow a comma; ``currency`` applies
        when the text names none. See `parse_money`.
        """
        amount, code = read_amount(text, currency)
        return cls(amount=amount, currency=code)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(amount=Decimal(0), currency=currency)

    @classmethod
    def sum(cls, items: Iterable[Money], *, currency: str) -> Money:
        """The total of `items`, all in `currency` (zero when empty)."""
        total = cls.zero(currency)
        for item in items:
            total = total + item
        return total

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatchError(
                f"cannot combine {self.currency} and {other.currency} amounts"
            )

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return Money(amount=self.amount + other.amount, currency=self.currency)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return Money(amount=self.amount - other.amount, currency=self.currency)

    def __neg__(self) -> Money:
        return Money(amount=-self.amount, currency=self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        """The amount times `factor`; zeros past the currency's decimals are dropped."""
        if isinstance(factor, bool) or not isinstance(factor, (int, Decimal)):
            return NotImplemented
        product = self.amount * factor
        units = _MINOR_EXCEPTIONS.get(self.currency, 2)
        if units is not None and _decimals_written(product) > units:
            exact = product.quantize(Decimal(1).scaleb(-units))
            if exact == product:
                product = exact  # 12.50 * 1.5 is 18.75 in IDR, not 18.750
        return Money(amount=product, currency=self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.amount >= other.amount

    def format(self, locale: str = "id") -> str:
        """``Rp12.500.000,00`` (Indonesian) or ``IDR 12,500,000.00`` (English)."""
        text = format_amount(self.amount.copy_abs())  # exact: abs() rounds to 28 digits
        whole, _, frac = text.partition(".")
        grouped = f"{int(whole):,}"
        sign = "-" if self.amount < 0 else ""
        if locale == "en":
            return f"{sign}{self.currency} {grouped}" + (f".{frac}" if frac else "")
        grouped = grouped.replace(",", ".")
        number = grouped + (f",{frac}" if frac else "")
        if self.currency == "IDR":
            return f"{sign}Rp{number}"
        return f"{sign}{self.currency} {number}"

    def __str__(self) -> str:
        return f"{format_amount(self.amount)} {self.currency}"


def parse_money(text: str, currency: str | None = None) -> Money:
    """Read an amount as written in Indonesian: thousands with dots, decimals after a comma.

    ``currency`` is the currency when the text names none (a column of rupiah amounts);
    a text that names another currency is refused. Scale words (``ribu``, ``juta``,
    ``miliar``, ``triliun`` and their abbreviations, or English ``million``...) multiply
    exactly; an English decimal point (``12.5``) is refused, never guessed.

    >>> parse_money("Rp379.500.000.000").format()
    'Rp379.500.000.000'
    >>> str(parse_money("USD 12,5 juta"))
    '12500000 USD'
    """
    return Money.parse(text, currency)
