"""Reports people read: windows, filters, formats, English names, the HTML timeline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import kotakerja as kk
from kotakerja import PartialDate
from kotakerja.cli import main
from kotakerja.report import Within, parse_within, render_report

DAY = PartialDate.parse("2023-09-01")


def _expiring_mou() -> kk.Mou:
    return kk.Mou(
        id="mou-kediri-surakarta-2021",
        title="Kesepakatan bersama Kota Kediri dan Kota Surakarta",
        scheme=kk.Scheme.KSDD,
        parties=(kk.Party(region=kk.Region.get("35.71")), kk.Party(region=kk.Region.get("33.72"))),
        signatures=(
            kk.Signature(party=0, date=PartialDate.parse("2021-03-01")),
            kk.Signature(party=1, date=PartialDate.parse("2021-03-01")),
        ),
        term=kk.Term(end=PartialDate.parse("2024-01-15")),
    )


@pytest.mark.parametrize(
    ("text", "days"),
    [("30d", 30), ("30", 30), ("6w", 42), ("6m", 182), ("1y", 366), ("6 bulan", 182)],
)
def test_windows_count_from_the_report_day(text: str, days: int) -> None:
    assert parse_within(text).days_from(DAY) == days


def test_a_bad_window_is_a_validation_error() -> None:
    with pytest.raises(kk.ValidationError) as caught:
        parse_within("soon")
    assert caught.value.errors[0].code == "kotakerja.report.bad_window"


def test_within_decides_what_is_expiring() -> None:
    reg = kk.examples().with_records(_expiring_mou())
    short = render_report(reg, on=DAY, lang="en", within="30d")
    long = render_report(reg, on=DAY, lang="en", within="6m")
    assert "Expiring within 30 days\n  (none)" in short
    assert "Expiring within 6 months\n  mou-kediri-surakarta-2021: 15 January 2024" in long
    data = json.loads(render_report(reg, on=DAY, format="json", within=Within(6, "m")))
    assert data["expiring"]["items"] == [
        {"id": "mou-kediri-surakarta-2021", "expires": "2024-01-15"}
    ]


def test_english_reports_use_official_english_names() -> None:
    reg = kk.Register([_expiring_mou()])
    data = json.loads(render_report(reg, on=DAY, lang="en", format="json"))
    assert data["documents"]["items"][0]["parties"] == [
        "Kediri City Government",
        "Surakarta City Government",
    ]
    assert kk.Region.get("31").government("en") == (
        "Government of the Special Capital Region of Jakarta"
    )
    assert kk.Region.get("31.74").english_name == "South Jakarta Administrative City"
    assert kk.Region.get("35.06").english_name == "Kediri Regency"
    assert kk.Region.get("32").government("en") == "Provincial Government of West Java"
    assert "Daerah Khusus" not in render_report(kk.examples(), on=DAY, lang="en", format="html")


def test_filters_by_region_country_and_type() -> None:
    reg = kk.examples()
    solo = json.loads(render_report(reg, on=DAY, format="json", regions=["33.72"]))
    assert "mou-jakarta-shanghai-2020" not in {d["id"] for d in solo["documents"]["items"]}
    china = json.loads(render_report(reg, on=DAY, format="json", countries=["CN"]))
    assert [d["id"] for d in china["documents"]["items"]] == ["mou-jakarta-shanghai-2020"]
    only = json.loads(render_report(reg, on=DAY, format="json", types=["export_shipment"]))
    assert set(only["counts"]) == {"export_shipment"}


def test_csv_report_is_one_table_with_a_section_column() -> None:
    text = render_report(kk.examples(), on=DAY, format="csv", lang="en")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["section"] for r in rows} >= {"documents", "follow_ups", "shipments"}
    assert all(not (r["title"] or "").startswith(("=", "+", "@")) for r in rows)


def test_markdown_report_escapes_pipes() -> None:
    mou = kk.Mou(
        id="mou-pipe",
        title="A | B",
        scheme=kk.Scheme.KSDD,
        parties=(kk.Party(region=kk.Region.get("35.71")), kk.Party(region=kk.Region.get("33.72"))),
    )
    text = render_report(kk.Register([mou]), on=DAY, format="markdown")
    assert "| mou-pipe | MoU | A \\| B |" in text
    assert text.startswith("# Laporan kerja sama per 1 September 2023\n")


def test_html_report_is_one_valid_page_with_an_svg_timeline() -> None:
    html5lib = pytest.importorskip("html5lib")
    text = render_report(kk.examples(), on=DAY, format="html", lang="en")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    doc = parser.parse(text)
    svg = doc.find(".//{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    lanes = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "Kadin Surakarta" in lanes or "Kadin Kota Kediri" in lanes
    assert any(c.tag.endswith("circle") for c in svg.iter())  # meetings
    assert any(r.get("class") == "mou" for r in svg.iter("{http://www.w3.org/2000/svg}rect"))
    assert "<script" not in text
    assert doc.find(".//table") is not None


def test_html_escapes_record_text() -> None:
    mou = kk.Mou(
        id="mou-script",
        title="<script>alert(1)</script>",
        scheme=kk.Scheme.KSDD,
        parties=(kk.Party(region=kk.Region.get("35.71")), kk.Party(region=kk.Region.get("33.72"))),
        signatures=(
            kk.Signature(party=0, date=PartialDate.parse("2021-03-01")),
            kk.Signature(party=1, date=PartialDate.parse("2021-03-01")),
        ),
    )
    text = render_report(kk.Register([mou]), on=DAY, format="html")
    assert "<script>" not in text
    assert "&lt;script&gt;" in text


def test_cli_report_writes_formats_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "laporan.html"
    code = main(["report", "--on", "2023-09-01", "--format", "html", "-o", str(target)])
    assert code == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", "--format", "json", "--within", "6m", "--type", "MoU"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["counts"]) == {"mou"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "--within", "soon"], "is not a window"),
        (["report", "--type", "nope"], "unknown record type"),
        (["report", "--region", "Atlantis"], "no region"),
    ],
)
def test_cli_report_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("name", ["Mou", "MOU", "mou", "ExportShipment", "export-shipment"])
def test_schema_takes_type_names_in_any_case_and_class_names(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", name]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] in ("Mou", "ExportShipment")


def test_register_items_by_id() -> None:
    reg = kk.examples()
    assert reg["mou-jakarta-shanghai-2020"].TYPE == "mou"
    assert reg[kk.Ref(type="mou", id="mou-jakarta-shanghai-2020")].TYPE == "mou"
    with pytest.raises(KeyError):
        reg["mou:absent"]
