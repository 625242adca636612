"""Places through time: former names and codes, Indonesian country names, foreign
localities without UN/LOCODE, and a foreign venue's zone checked against its country."""

from __future__ import annotations

import pytest

from kotakerja import (
    Country,
    ForeignLocality,
    LocalityLevel,
    Meeting,
    MeetingKind,
    PlaceName,
    Region,
    ValidationError,
    Venue,
    check,
    find_regions,
    from_dict,
    resolve_region,
    to_dict,
    zone_country,
)


@pytest.mark.parametrize(
    ("written", "code", "note"),
    [
        ("Bandarlampung", "18.71", "Bandarlampung: written as one word"),
        ("Ujung Pandang", "73.71", "Ujung Pandang: name of the city until PP 86/1999 restored "
         "Makassar"),
        ("Kota Ujung Pandang", "73.71", "Ujung Pandang: name of the city until PP 86/1999 "
         "restored Makassar"),
        ("92.71", "96.71", "92.71: code before the region was split from Papua Barat into Papua "
         "Barat Daya in 2022 (UU 29/2022)"),
        ("91.09", "94.04", "91.09: code before the region was split from Papua into a new "
         "province in 2022 (UU 14, 15 and 16/2022)"),
        ("Irian Jaya Barat", "92", "Irian Jaya Barat: name of the province until PP 24/2007 "
         "renamed it Papua Barat"),
        ("Bandar Lampung", "18.71", None),
        ("Solo", "33.72", None),
        ("96.71", "96.71", None),
    ],
)  # fmt: skip
def test_former_names_spellings_and_codes_resolve_with_a_note(
    written: str, code: str, note: str | None
) -> None:
    match = resolve_region(written)
    assert (match.region.code, match.written, match.note) == (code, written, note)


def test_former_codes_and_names_are_found_too() -> None:
    assert [r.code for r in find_regions("92.71")] == ["96.71"]
    assert [r.code for r in find_regions("Ujung Pandang")] == ["73.71"]
    assert find_regions("92.99") == ()


def test_today_s_codes_are_still_the_identity() -> None:
    with pytest.raises(ValidationError) as exc:
        Region.get("92.71")
    assert exc.value.errors[0].code == "kotakerja.region.unknown"


def test_a_bare_name_at_two_levels_is_ambiguous() -> None:
    with pytest.raises(ValidationError) as exc:
        resolve_region("Kediri")
    err = exc.value.errors[0]
    assert err.code == "kotakerja.region.ambiguous"
    assert "35.06 Kabupaten Kediri" in err.message
    assert "35.71 Kota Kediri" in err.message


def test_a_place_name_keeps_what_was_written_and_lists_what_it_can_be() -> None:
    kediri = PlaceName(written="Kediri")
    assert [r.code for r in kediri.candidates()] == ["35.06", "35.71"]
    assert kediri.region() is None
    sorong = PlaceName(written="Sorong", province=Region.get("96"))
    assert [r.code for r in sorong.candidates()] == ["96.01", "96.71"]
    assert PlaceName(written="Ujung Pandang").region() == Region.get("73.71")
    assert to_dict(sorong) == {"written": "Sorong", "province": "96"}
    assert from_dict(PlaceName, to_dict(sorong)) == sorong


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Tiongkok", "CN"),
        ("Cina", "CN"),
        ("Taiwan", "TW"),
        ("Jepang", "JP"),
        ("Korea Selatan", "KR"),
        ("Belanda", "NL"),
        ("Jerman", "DE"),
        ("Singapura", "SG"),
        ("Brunei Darussalam", "BN"),
        ("Arab Saudi", "SA"),
        ("Uni Emirat Arab", "AE"),
        ("Amerika Serikat", "US"),
        ("Myanmar", "MM"),
        ("  korea   selatan ", "KR"),
        ("South Korea", "KR"),
        ("DEU", "DE"),
    ],
)
def test_countries_by_indonesian_and_english_name(name: str, code: str) -> None:
    assert Country.find(name).code == code


def test_an_unknown_country_name_is_an_error() -> None:
    with pytest.raises(ValidationError) as exc:
        Country.find("Atlantis")
    assert exc.value.errors[0].code == "kotakerja.country.unknown"


def test_zones_belong_to_countries() -> None:
    assert zone_country("Asia/Shanghai") == "CN"
    assert zone_country("Asia/Ujung_Pandang") == "ID"  # an old name of Asia/Makassar
    assert zone_country("UTC") is None
    assert "Asia/Jayapura" in Country.get("ID").time_zones


def test_a_foreign_locality_needs_no_locode() -> None:
    shanghai = ForeignLocality(
        name="Shanghai",
        country=Country.get("CN"),
        level=LocalityLevel.CITY,
        time_zone="Asia/Shanghai",
        subdivision="CN-SH",
    )
    assert shanghai.locode is None
    assert from_dict(ForeignLocality, to_dict(shanghai)) == shanghai


def test_a_foreign_locality_s_codes_are_of_its_country() -> None:
    with pytest.raises(ValidationError) as exc:
        ForeignLocality(
            name="Osaka",
            country=Country.get("JP"),
            level=LocalityLevel.PREFECTURE,
            time_zone="Asia/Tokyo",
            subdivision="CN-SH",
            locode="CNSHA",
        )
    assert sorted((e.path, e.code) for e in exc.value.errors) == [
        ("locode", "kotakerja.locality.locode_country"),
        ("subdivision", "kotakerja.locality.unknown_subdivision"),
    ]


def _meeting_in(zone: str) -> Meeting:
    place = ForeignLocality(
        name="Shanghai", country=Country.get("CN"), level=LocalityLevel.CITY, time_zone=zone
    )
    return Meeting(
        id="meeting-shanghai",
        title="Pertemuan bilateral",
        kind=MeetingKind.BILATERAL,
        venue=Venue(name="Balai Kota Shanghai", place=place),
        topics=("trade",),
    )


def test_a_foreign_venue_s_zone_is_checked_against_its_country() -> None:
    assert [f.code for f in check(_meeting_in("Asia/Shanghai")) if "venue" in f.code] == []
    found = [f for f in check(_meeting_in("Asia/Tokyo")) if f.code.startswith("kotakerja.venue")]
    assert [(f.code, f.path) for f in found] == [
        ("kotakerja.venue.zone_not_in_country", "venue.place.time_zone")
    ]
    assert "Asia/Shanghai" in found[0].message


def test_an_event_venue_abroad_is_checked_too() -> None:
    from kotakerja import Event, EventKind

    place = ForeignLocality(
        name="Shanghai", country=Country.get("CN"), level=LocalityLevel.CITY, time_zone="Asia/Tokyo"
    )
    fair = Event(
        id="event-ciie-2023",
        title="China International Import Expo",
        kind=EventKind.TRADE_FAIR,
        venues=(Venue(name="NECC", place=place),),
    )
    assert [(f.code, f.path) for f in check(fair) if f.code.startswith("kotakerja.venue")] == [
        ("kotakerja.venue.zone_not_in_country", "venues[0].place.time_zone")
    ]


def test_babel_loads_only_when_a_country_is_looked_up_by_name() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kotakerja\n"
        "kotakerja.Country.get('CN'); kotakerja.Region.get('33.72')\n"
        "print('babel' in sys.modules)\n"
        "kotakerja.Country.find('Tiongkok')\n"
        "print('babel' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]
