"""Trade vocabulary: HS codes, Incoterms, origin forms by destination and date."""

from __future__ import annotations

import pytest

from kotakerja import (
    GoodsLine,
    HsCode,
    Incoterm,
    PartialDate,
    ValidationError,
    allowed_origin_rules,
    from_dict,
    from_json,
    json_schema,
    origin_rules,
    to_json,
)


@pytest.mark.parametrize("text", ["0901.21.10", "09012110", "0901 21 10"])
def test_hs_code_accepts_dotted_and_plain(text: str) -> None:
    hs = HsCode.parse(text)
    assert hs.code == "09012110"
    assert hs.format() == "0901.21.10"
    assert (hs.chapter, hs.heading, hs.subheading) == ("09", "0901", "090121")
    assert from_json(HsCode, to_json(hs)) == hs
    assert to_json(hs) == '"09012110"'


@pytest.mark.parametrize("text", ["0901.2", "0901211O", "090121100", "٠٩٠١٢١١٠"])
def test_bad_hs_codes_are_rejected(text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        HsCode.parse(text)
    assert exc.value.errors[0].code == "kotakerja.hs.invalid"


@pytest.mark.parametrize(
    "text",
    ["09012120", "0901.21.20", "0901 21 20", "0901.21.2", "0901.21.200", "0901.21.2x", ""],
)
def test_hs_code_schema_accepts_what_the_library_reads(text: str) -> None:
    import re

    pattern = json_schema(HsCode)["$defs"]["HsCode"]["pattern"]
    if re.search(pattern, text) is None:
        with pytest.raises(ValidationError):
            from_dict(HsCode, text)
    else:
        assert from_dict(HsCode, text).code == text.replace(".", "").replace(" ", "")


def test_sea_only_incoterms() -> None:
    assert {i for i in Incoterm if i.sea_only} == {
        Incoterm.FAS,
        Incoterm.FOB,
        Incoterm.CFR,
        Incoterm.CIF,
    }


def _forms(country: str, on: PartialDate) -> set[str]:
    return {r.agreement for r in allowed_origin_rules(country, on)}


def test_origin_forms_for_the_technolink_destinations() -> None:
    day = PartialDate(year=2021, month=12, day=20)
    assert _forms("QA", day) == {"NON-PREF"}
    assert _forms("OM", day) == {"NON-PREF"}
    assert "ATIGA" in _forms("TH", day)
    assert "ATIGA" in _forms("BN", day)
    assert {"AJCEP", "IJEPA"} <= _forms("JP", day)
    assert "RCEP" not in _forms("JP", day)
    assert "RCEP" in _forms("JP", PartialDate(year=2023, month=1, day=2))


def test_uncertain_rows_are_marked() -> None:
    rules = origin_rules()
    assert len(rules) == 58
    assert any(r.uncertain for r in rules)
    assert next(r for r in rules if r.agreement == "NON-PREF").non_preferential


@pytest.mark.parametrize("text", ["0000.00.00", "7701.00.00"])
def test_hs_chapters_that_do_not_exist_are_rejected(text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        from_dict(GoodsLine, {"description": "x", "hs_code": text})
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("hs_code", "kotakerja.hs.unknown_chapter")
    ]
    assert HsCode.parse("9801.00.00").chapter == "98"


def test_hs_code_of_the_wrong_type_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as exc:
        HsCode.parse(None)  # type: ignore[arg-type]
    assert [e.code for e in exc.value.errors] == ["kotakerja.type"]
