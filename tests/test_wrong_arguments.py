"""Public helpers given the wrong thing say what they take, in kotakerja's own errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import kotakerja
from conftest import paths_and_codes as _codes
from kotakerja import (
    HsCode,
    Money,
    PartialDate,
    Period,
    Region,
    ValidationError,
    classify_umkm,
    format_npwp,
    minor_units,
    normalize_topic,
)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: format_npwp("abc"), [("", "kotakerja.npwp.invalid")]),
        (lambda: format_npwp("01.234.567.8-901.000"), [("", "kotakerja.npwp.invalid")]),
        (lambda: format_npwp(None), [("", "kotakerja.type")]),
        (lambda: Period.parse(None), [("", "kotakerja.type")]),
        (lambda: HsCode.parse(None), [("", "kotakerja.type")]),
        (lambda: normalize_topic(None), [("", "kotakerja.type")]),
        (lambda: classify_umkm(capital=5), [("capital", "kotakerja.type")]),
        (lambda: minor_units("XYZ"), [("", "kotakerja.money.unknown_currency")]),
        (lambda: minor_units(None), [("", "kotakerja.money.unknown_currency")]),
    ],
    ids=[
        "npwp-short",
        "npwp-check-digit",
        "npwp-none",
        "period-none",
        "hs-none",
        "topic-none",
        "umkm-int",
        "currency-unknown",
        "currency-none",
    ],
)
def test_wrong_input_is_a_validation_error(call: Any, expected: list[tuple[str, str]]) -> None:
    with pytest.raises(ValidationError) as exc:
        call()
    assert _codes(exc) == expected


def test_the_right_input_still_works() -> None:
    assert minor_units("JPY") == 0
    assert minor_units("IDR") == 2
    assert minor_units("OMR") == 3
    assert Region.get("33").contains("33.72")
    assert not Region.get("35").contains("33.72")
    assert PartialDate.parse("Nopember 2023") == PartialDate(year=2023, month=11)
    assert PartialDate.parse("12 Pebruari 2022") == PartialDate(year=2022, month=2, day=12)


def test_with_records_takes_records_not_a_list() -> None:
    reg = kotakerja.Register()
    mou = kotakerja.examples().get("mou-jakarta-shanghai-2020")
    with pytest.raises(TypeError, match=r"with_records\(\*records\)"):
        reg.with_records([mou])  # type: ignore[arg-type]
    assert len(reg.with_records(mou)) == 1


def test_scheme_and_status_names_ignore_case() -> None:
    reg = kotakerja.examples()
    assert reg.documents(scheme="KSDPL") == reg.documents(scheme="ksdpl")
    on = PartialDate.parse("2023-09-01")
    assert reg.documents(status="IN_FORCE", on=on) == reg.documents(status="in_force", on=on)


def test_very_large_amounts_are_formatted_exactly() -> None:
    big = Money(amount=Decimal("-123456789012345678901234567890.12"), currency="USD")
    assert big.format("en") == "-USD 123,456,789,012,345,678,901,234,567,890.12"
    assert big.format() == "-USD 123.456.789.012.345.678.901.234.567.890,12"
