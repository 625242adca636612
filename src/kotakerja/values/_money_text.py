"""Amounts as Indonesians write them: ``Rp379.500.000.000``, ``Rp 1,2 miliar``, ``USD 12,5 juta``.

Indonesian writing groups thousands with dots and writes decimals after a comma.
A dot that does not start a group of exactly three digits is ambiguous and refused,
never guessed: ``"12.5"`` could be twelve and a half or a typo for ``12.500``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .._errors import ValidationError

__all__ = ["read_amount"]

# Symbols and words written before or after an amount, with the ISO 4217 code they mean.
# Bare "$" and "¥" are left out on purpose: each stands for several currencies.
_SYMBOLS = {
    "rp": "IDR",
    "rp.": "IDR",
    "us$": "USD",
    "usd$": "USD",
    "s$": "SGD",
    "sg$": "SGD",
    "a$": "AUD",
    "au$": "AUD",
    "hk$": "HKD",
    "nt$": "TWD",
    "rm": "MYR",
    "rmb": "CNY",
    "€": "EUR",
    "£": "GBP",
    "₩": "KRW",
    "₱": "PHP",
    "฿": "THB",
    "dolar as": "USD",
    "dolar": "USD",
    "rupiah": "IDR",
    "ringgit": "MYR",
    "yuan": "CNY",
    "yen": "JPY",
    "won": "KRW",
    "euro": "EUR",
}

# Scale words, Indonesian first; "M" is the Indonesian abbreviation of miliar.
_SCALES = {
    "ribu": 3,
    "rb": 3,
    "rb.": 3,
    "juta": 6,
    "jt": 6,
    "jt.": 6,
    "miliar": 9,
    "milyar": 9,
    "m": 9,
    "triliun": 12,
    "trilyun": 12,
    "t": 12,
    "thousand": 3,
    "million": 6,
    "mn": 6,
    "billion": 9,
    "bn": 9,
    "trillion": 12,
}

_NUMBER = re.compile(
    r"(?P<sign>-)?(?P<int>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,(?P<frac>[0-9]+|-))?"
)
_SPLIT = re.compile(r"^(?P<pre>[^0-9-]*?)\s*(?P<num>-?[0-9][0-9.,-]*)\s*(?P<post>.*?)$")


def _fail(code: str, message: str) -> ValidationError:
    return ValidationError.single("", code, message)


def _currency_of(word: str) -> str | None:
    key = word.strip().lower()
    if not key:
        return None
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    if re.fullmatch(r"[a-z]{3}", key):
        return key.upper()
    raise _fail("kotakerja.money.unknown_currency", f"{word.strip()!r} is not a currency")


def read_amount(text: str, currency: str | None = None) -> tuple[Decimal, str]:
    """The amount and currency code of `text` written the Indonesian way (see `parse_money`).

    >>> read_amount("USD 12,5 juta")
    (Decimal('12500000'), 'USD')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_money() takes text, not {type(text).__name__}")
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    shown = cleaned if len(cleaned) <= 40 else cleaned[:37] + "..."
    if not cleaned or len(cleaned) > 200:
        raise _fail("kotakerja.money.unparseable", f"{shown!r} is not an amount")
    parts = _SPLIT.match(cleaned)
    if parts is None:
        raise _fail("kotakerja.money.unparseable", f"{shown!r} holds no amount")
    pre, num, post = parts["pre"], parts["num"], parts["post"]
    number = _NUMBER.fullmatch(num)
    if number is None:
        hint = ""
        if re.fullmatch(r"-?[0-9]+\.[0-9]{1,2}", num) or re.fullmatch(r"-?[0-9,]+\.[0-9]+", num):
            hint = (
                "; Indonesian amounts write decimals after a comma and group thousands "
                "with dots (12,5 or 1.500.000)"
            )
        raise _fail("kotakerja.money.unparseable", f"{shown!r} is not an amount{hint}")
    scale = 0
    words = post.split()
    if words and words[0].lower() in _SCALES:
        scale = _SCALES[words.pop(0).lower()]
    named = {c for c in (_currency_of(pre), _currency_of(" ".join(words))) if c}
    if len(named) > 1:
        raise _fail("kotakerja.money.unparseable", f"{shown!r} names two currencies")
    written = named.pop() if named else None
    if written and currency and written != currency:
        raise _fail(
            "kotakerja.money.currency_mismatch",
            f"{shown!r} is in {written}, but {currency} is expected",
        )
    code = written or currency
    if code is None:
        raise _fail(
            "kotakerja.money.no_currency",
            f"{shown!r} names no currency; write it (Rp, USD...) or give one",
        )
    frac = number["frac"]
    digits = number["int"].replace(".", "")
    sign = number["sign"] or ""
    amount = Decimal(f"{sign}{digits}.{frac}" if frac and frac != "-" else f"{sign}{digits}")
    if scale:
        amount = amount.scaleb(scale)
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))
        else:
            amount = Decimal(format(amount, "f"))
    return amount, code
