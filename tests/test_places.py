"""Regions, countries and foreign localities."""

from __future__ import annotations

import pytest

from kotakerja import (
    Country,
    ForeignLocality,
    LocalityLevel,
    Region,
    RegionLevel,
    ValidationError,
    all_regions,
    find_regions,
)


def test_region_by_code() -> None:
    solo = Region.get("33.72")
    assert solo.name == "Kota Surakarta"
    assert solo.level is RegionLevel.KOTA
    assert solo.time_zone == "Asia/Jakarta"
    assert solo.tz_abbreviation == "WIB"
    assert solo.province.name == "Jawa Tengah"
    assert Region.get("33.72") is solo


@pytest.mark.parametrize("code", ["99.99", "3372", "33.7", "", "33.72 "])
def test_unknown_or_malformed_code_is_rejected(code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Region.get(code)
    assert [(e.path, e.code) for e in exc.value.errors] == [("", "kotakerja.region.unknown")]


def test_region_fields_must_match_the_table() -> None:
    with pytest.raises(ValidationError) as exc:
        Region(code="33.72", name="Kota Solo", level=RegionLevel.KOTA, time_zone="Asia/Jakarta")
    assert exc.value.errors[0].code == "kotakerja.region.mismatch"


def test_table_has_every_region() -> None:
    regions = all_regions()
    assert len(regions) == 552
    assert sum(r.is_province for r in regions) == 38


def test_bare_name_at_two_levels_returns_both() -> None:
    assert [r.code for r in find_regions("Kediri")] == ["35.06", "35.71"]
    assert [r.code for r in find_regions("Kota Kediri")] == ["35.71"]
    assert [r.code for r in find_regions("kabupaten kediri")] == ["35.06"]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Solo", "33.72"),
        ("DKI Jakarta", "31"),
        ("Jogja", "34"),
        ("surak", "33.72"),
        ("33.72", "33.72"),
    ],
)
def test_aliases_and_prefixes(query: str, first: str) -> None:
    assert find_regions(query)[0].code == first


def test_empty_query_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        find_regions("  ")
    assert exc.value.errors[0].code == "kotakerja.region.empty_query"


def test_province_contains_its_cities() -> None:
    jateng = Region.get("33")
    assert jateng.contains(Region.get("33.72"))
    assert not jateng.contains(Region.get("35.71"))
    assert Region.get("33.72") in jateng.children()


def test_country_names() -> None:
    de = Country.get("DE")
    assert de.name_id == "Jerman"
    assert de.name == "Germany"
    assert Country.find("Jerman") == de
    assert Country.find("DEU") == de
    assert Country.find("taiwan").code == "TW"


@pytest.mark.parametrize("code", ["de", "XX", "DEU"])
def test_unknown_country_is_rejected(code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Country.get(code)
    assert exc.value.errors[0].code == "kotakerja.country.unknown"


def test_foreign_locality() -> None:
    shanghai = ForeignLocality.city("Shanghai", "CN", "Asia/Shanghai")
    assert shanghai.level is LocalityLevel.CITY
    with pytest.raises(ValidationError) as exc:
        ForeignLocality(
            name="Solo", country=Country.get("ID"), level=LocalityLevel.CITY, time_zone="Asia/Solo"
        )
    assert sorted((e.path, e.code) for e in exc.value.errors) == [
        ("country", "kotakerja.locality.not_foreign"),
        ("time_zone", "kotakerja.time_zone.unknown"),
    ]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("CN", "Tiongkok"),
        ("TL", "Timor Leste"),
        ("TW", "Taiwan"),
        ("RU", "Rusia"),
        ("DE", "Jerman"),
    ],
)
def test_countries_have_their_official_indonesian_short_names(code: str, name: str) -> None:
    assert Country.get(code).name_id == name
    assert Country.get(code).format("id") == name


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Kota Solo", "33.72"),
        ("Kab. Kediri", "35.06"),
        ("Kabupaten Kediri", "35.06"),
        ("Kota Jogja", "34.71"),
        ("Jateng", "33"),
        ("jatim", "35"),
        ("Kepri", "21"),
        ("NTT", "53"),
        ("Provinsi Jabar", "32"),
    ],
)
def test_regions_are_found_as_the_press_names_them(query: str, first: str) -> None:
    found = find_regions(query)
    assert found[0].code == first


def test_every_province_abbreviation_names_a_province() -> None:
    from kotakerja.values._places import ALIASES

    for alias, codes in ALIASES.items():
        for code in codes:
            assert Region.get(code).code == code, alias
