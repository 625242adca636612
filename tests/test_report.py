"""The plain-text report of a register."""

from __future__ import annotations

import kotakerja
from kotakerja import PartialDate
from kotakerja.report import render_report


def test_tables_fit_the_width_without_cutting_ids_or_dates() -> None:
    text = render_report(
        kotakerja.examples(), on=PartialDate.parse("2023-04-28"), lang="en", width=110
    )
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 110
    row = next(line for line in lines if line.startswith("mou-kadin-kediri-surakarta-2021 "))
    assert "13 December 2021" in row
    assert "…" in row


def test_report_names_status_in_the_chosen_language() -> None:
    day = PartialDate.parse("1 Desember 2021")
    english = render_report(kotakerja.examples(), on=day, lang="en")
    indonesian = render_report(kotakerja.examples(), on=day, lang="id")
    assert "Cooperation report as of 1 December 2021" in english
    assert "Laporan kerja sama per 1 Desember 2021" in indonesian
    kadin = next(line for line in indonesian.splitlines() if line.startswith("mou-kadin"))
    assert " draf " in kadin


def test_shipments_by_destination_with_status_at_the_end_of_the_day() -> None:
    reg = kotakerja.examples()
    before = render_report(reg, on=PartialDate.parse("2021-12-19"), lang="en")
    after = render_report(reg, on=PartialDate.parse("2021-12-20"), lang="id")
    section = after.split("Ekspor per negara tujuan\n", 1)[1].splitlines()
    countries = [line.split("  ")[0] for line in section[2:9]]
    assert countries == [
        "Brunei Darussalam",
        "Jepang",
        "Oman",
        "Qatar",
        "Singapura",
        "Taiwan",
        "Thailand",
    ]
    assert all("1 dilepas" in line and "1× tidak diketahui" in line for line in section[2:9])
    taiwan = next(line for line in before.splitlines() if line.startswith("Taiwan "))
    assert " TW " in taiwan
    assert "released" not in taiwan
    assert reg.shipments_by_destination()["TW"][0].id == "shipment-technolink-2021-tw"


def test_shipment_values_are_written_in_the_report_language() -> None:
    shipment = kotakerja.from_json(
        kotakerja.ExportShipment,
        '{"type":"export_shipment","schema_version":"1.0","id":"s1","consignee":{"country":"JP"},'
        '"goods":[{"description":"Kopi","value":{"amount":"1234.50","currency":"USD"}},'
        '{"description":"Teh","value":{"amount":"1.555","currency":"KWD"}}]}',
    )
    reg = kotakerja.Register([shipment])
    day = PartialDate.parse("2023-01-01")
    english = render_report(reg, on=day, lang="en", width=120)
    indonesian = render_report(reg, on=day, lang="id", width=120)
    assert "KWD 1.555; USD 1,234.50" in english
    assert "KWD 1,555; USD 1.234,50" in indonesian


def test_narrow_terminals_get_blocks_instead_of_tables_that_do_not_fit() -> None:
    for width in (60, 80, 100):
        for lang in ("id", "en"):
            text = render_report(
                kotakerja.examples(), on=PartialDate.parse("2023-09-01"), lang=lang, width=width
            )
            assert max(len(line) for line in text.splitlines()) <= width, (width, lang)
    text = render_report(
        kotakerja.examples(), on=PartialDate.parse("2023-09-01"), lang="en", width=80
    )
    lines = text.splitlines()
    at = lines.index("mou-kadin-kediri-surakarta-2021")
    block = lines[at + 1 : at + 7]
    assert block[0].split() == ["Kind", "MoU"]
    assert any(line.split()[:1] == ["Signed"] and "13 December 2021" in line for line in block)
    # Titles are wrapped, not cut.
    assert "…" not in text
