"""Business size classes of PP 7/2021 (*klasifikasi usaha mikro, kecil, menengah*)."""

from __future__ import annotations

import enum
from decimal import Decimal

from .._errors import ValidationError
from ._money import Money

__all__ = ["UmkmClass", "classify_umkm"]


class UmkmClass(str, enum.Enum):
    """Size class of a business under PP 7/2021 (*kelas usaha*)."""

    MIKRO = "mikro"
    """Usaha mikro: capital up to Rp1 miliar, or annual sales up to Rp2 miliar."""
    KECIL = "kecil"
    """Usaha kecil: capital above Rp1 M up to Rp5 M, or sales above Rp2 M up to Rp15 M."""
    MENENGAH = "menengah"
    """Usaha menengah: capital above Rp5 M up to Rp10 M, or sales above Rp15 M up to Rp50 M."""
    BESAR = "besar"
    """Usaha besar: above the menengah limits, so not an UMKM."""


_MILIAR = Decimal(1_000_000_000)
_CAPITAL_LIMITS = ((UmkmClass.MIKRO, 1), (UmkmClass.KECIL, 5), (UmkmClass.MENENGAH, 10))
_SALES_LIMITS = ((UmkmClass.MIKRO, 2), (UmkmClass.KECIL, 15), (UmkmClass.MENENGAH, 50))


def _by_limits(amount: Money, limits: tuple[tuple[UmkmClass, int], ...], what: str) -> UmkmClass:
    if not isinstance(amount, Money):
        raise ValidationError.single(
            what,
            "kotakerja.type",
            f"{what} is Money in rupiah (Money.of('1000000', 'IDR')), not {type(amount).__name__}",
        )
    if amount.currency != "IDR":
        raise ValidationError.single(
            what,
            "kotakerja.umkm.not_rupiah",
            f"PP 7/2021 limits are in rupiah; {what} is given in {amount.currency}",
        )
    if amount.amount < 0:
        raise ValidationError.single(what, "kotakerja.money.negative", f"{what} cannot be negative")
    for cls, limit in limits:
        if amount.amount <= limit * _MILIAR:
            return cls
    return UmkmClass.BESAR


def classify_umkm(
    *, capital: Money | None = None, annual_sales: Money | None = None
) -> UmkmClass | None:
    """The PP 7/2021 class from business capital (without land and buildings) or annual sales.

    Capital decides when it is given (the criterion for a business's founding,
    PP 7/2021 art. 35); annual sales otherwise. None when neither is known.

    >>> classify_umkm(annual_sales=Money.of("2000000000", "IDR")).value
    'mikro'
    >>> classify_umkm(capital=Money.of("1000000001", "IDR")).value
    'kecil'
    """
    if capital is not None:
        return _by_limits(capital, _CAPITAL_LIMITS, "capital")
    if annual_sales is not None:
        return _by_limits(annual_sales, _SALES_LIMITS, "annual_sales")
    return None
