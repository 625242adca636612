"""Clerks' spreadsheets: XLSX and CSV import through a mapping, export back to XLSX."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

import kotakerja as kk
from kotakerja.cli import main

openpyxl = pytest.importorskip("openpyxl")

MAPPING = """
record = "agreement"
sheet = "Daftar PKS"
header_row = 2
header_rows = 2

[defaults]
scheme = "ksdd"
"signatures[0].party" = 0
"signatures[1].party" = 1

[[columns]]
header = "No"
field = "id"
template = "pks-kediri-{}"
required = true

[[columns]]
header = "Judul"
field = "title"
required = true

[[columns]]
header = "Pihak / Daerah 1"
field = "parties[0].region"
parse = "region"

[[columns]]
header = "Pihak / Daerah 2"
field = "parties[1].region"
parse = "region"

[[columns]]
header = "Tanggal TTD"
field = "signatures[0].date"
parse = "date"

[[columns]]
header = "Tanggal TTD Mitra"
field = "signatures[1].date"
parse = "date"

[[columns]]
header = "Nilai"
field = "budget"
parse = "money"
currency = "IDR"

[[columns]]
header = "Infrastruktur"
field = "infrastructure"
parse = "bool"
"""


def _workbook(path: Path) -> None:
    """A register the way a Bagian Kerja Sama keeps it: a title row, a two-row header
    with merged cells, blank rows, formulas, dates and Indonesian number formats."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Daftar PKS"
    ws["A1"] = "Daftar perjanjian kerja sama Kota Kediri 2021"
    ws.merge_cells("A1:H1")
    ws.append(
        ["No", "Judul", "Pihak", None, "Tanggal TTD", "Tanggal TTD Mitra", "Nilai", "Infrastruktur"]
    )
    ws.append([None, None, "Daerah 1", "Daerah 2", None, None, None, None])
    for column in "ABEFGH":
        ws.merge_cells(f"{column}2:{column}3")
    ws.merge_cells("C2:D2")
    ws.append(
        [
            1,
            "PKS promosi UMKM Kediri–Surakarta",
            "Kota Kediri",
            "Kota Surakarta",
            dt.datetime(2021, 12, 13),
            "13 Desember 2021",
            1500000,
            "tidak",
        ]
    )
    ws["G4"].number_format = "#.##0"
    ws.append([])  # a blank row between entries
    ws.append(
        [
            2,
            "PKS pelatihan ekspor",
            "35.71",
            "Kota Surakarta",
            "20/12/2021",
            "20 Desember 2021",
            "Rp 1,2 miliar",
            "ya",
        ]
    )
    ws.append(
        [
            "=A6+1",  # a formula openpyxl saves with no computed value
            "PKS pameran dagang",
            "Kediri",  # Kota or Kabupaten? ambiguous
            "Kota Surakarta",
            "2021-12-20",
            "2021-12-20",
            "Rp12.5",  # an English decimal point: refused, not guessed
            "mungkin",
        ]
    )
    wb.save(path)


@pytest.fixture
def sheet(tmp_path: Path) -> tuple[Path, Path]:
    book = tmp_path / "kerjasama.xlsx"
    _workbook(book)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return book, mapping


def test_xlsx_rows_become_records_and_problems_name_their_cells(
    sheet: tuple[Path, Path],
) -> None:
    book, mapping = sheet
    result = kk.read_sheet(book, mapping)
    assert [r.id for r in result.records] == ["pks-kediri-1", "pks-kediri-2"]
    first, second = result.records
    assert isinstance(first, kk.Agreement)
    assert first.budget == kk.Money(amount=Decimal("1500000"), currency="IDR")
    assert [p.region.code for p in first.parties if p.region] == ["35.71", "33.72"]
    assert str(first.signatures[0].date) == "2021-12-13"
    assert first.infrastructure is False
    assert second.budget == kk.Money(amount=Decimal("1200000000"), currency="IDR")
    assert str(second.signatures[0].date) == "2021-12-20"
    assert second.infrastructure is True
    located = {(p.location.split(":", 1)[1], p.code) for p in result.problems}
    assert located == {
        ("Daftar PKS!A7", "kotakerja.sheet.formula_not_computed"),
        ("Daftar PKS!C7", "kotakerja.region.ambiguous"),
        ("Daftar PKS!G7", "kotakerja.money.unparseable"),
        ("Daftar PKS!H7", "kotakerja.sheet.not_yes_no"),
    }
    assert [r.row for r in result.rejected] == [7]
    assert str(result.problems[0]).startswith(f"{book}:Daftar PKS!")


def test_record_level_problems_point_at_the_column_of_the_field(tmp_path: Path) -> None:
    table = tmp_path / "pks.csv"
    table.write_text(
        "No;Judul;Pihak / Daerah 1;Pihak / Daerah 2;Tanggal TTD;Tanggal TTD Mitra;Nilai;"
        "Infrastruktur\n"
        "1;PKS A;Kota Kediri;Kota Surakarta;13/12/2021;13/12/2021;Rp 1.000;tidak\n"
        "2;PKS B;Kota Kediri;Kota Surakarta;13/12/2021;13/12/2021;Rp 1.000,505;tidak\n",
        encoding="utf-8",
    )
    mapping = kk.SheetMapping.from_dict(
        {**_toml(MAPPING), "sheet": None, "header_row": None, "header_rows": 1}
    )
    result = kk.read_sheet(table, mapping)
    assert [r.id for r in result.records] == ["pks-kediri-1"]
    (problem,) = result.problems
    assert problem.location == f"{table}:3:7"
    assert problem.code == "kotakerja.money.too_many_decimals"
    assert (problem.row, problem.column) == (3, 7)


def _toml(text: str) -> dict[str, object]:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(text)


def test_duplicate_ids_in_a_sheet_are_rejected_with_both_rows(tmp_path: Path) -> None:
    table = tmp_path / "pks.csv"
    row = '1,PKS A,Kota Kediri,Kota Surakarta,13/12/2021,13/12/2021,"Rp 1.000",tidak\n'
    table.write_text(
        "No,Judul,Pihak / Daerah 1,Pihak / Daerah 2,Tanggal TTD,Tanggal TTD Mitra,Nilai,"
        "Infrastruktur\n" + row + "\n" + row,
        encoding="utf-8",
    )
    mapping = kk.SheetMapping.from_dict(
        {**_toml(MAPPING), "sheet": None, "header_row": None, "header_rows": 1}
    )
    result = kk.read_sheet(table, mapping)
    assert len(result.records) == 1
    (problem,) = result.problems
    assert problem.code == "kotakerja.register.duplicate_id"
    assert problem.location == f"{table}:4"
    assert "row 2" in problem.message


def test_a_mapped_header_missing_from_the_sheet_is_named(tmp_path: Path) -> None:
    table = tmp_path / "pks.csv"
    table.write_text("No,Judul\n1,PKS A\n", encoding="utf-8")
    mapping = kk.SheetMapping.from_dict(
        {**_toml(MAPPING), "sheet": None, "header_row": None, "header_rows": 1}
    )
    with pytest.raises(kk.ValidationError) as caught:
        kk.read_sheet(table, mapping)
    codes = {e.code for e in caught.value.errors}
    assert codes == {"kotakerja.sheet.missing_column"}
    assert len(caught.value.errors) == 6


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (
            {"record": "mou", "columns": [{"header": "A", "field": "id", "parse": "nope"}]},
            "kotakerja.sheet.unknown_parser",
        ),
        (
            {"record": "nope", "columns": [{"header": "A", "field": "id"}]},
            "kotakerja.record.unknown_type",
        ),
        ({"record": "mou", "columns": []}, "kotakerja.sheet.bad_mapping"),
        ({"record": "mou", "colums": []}, "kotakerja.sheet.bad_mapping"),
        (
            {"record": "mou", "columns": [{"header": "A", "field": "id", "x": 1}]},
            "kotakerja.sheet.bad_mapping",
        ),
    ],
)
def test_bad_mappings_are_validation_errors(data: dict[str, object], code: str) -> None:
    with pytest.raises(kk.ValidationError) as caught:
        kk.SheetMapping.from_dict(data)
    assert caught.value.errors[0].code.startswith(code.rsplit(".", 1)[0])


def test_cli_import_is_all_or_nothing(
    sheet: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, mapping = sheet
    target = tmp_path / "out.jsonl"
    code = main(["import-sheet", str(book), "--mapping", str(mapping), "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 1
    assert not target.exists()
    assert f"{book}:Daftar PKS!C7: kotakerja.region.ambiguous:" in out
    assert "nothing imported" in err


def test_cli_dry_run_writes_nothing(
    sheet: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, mapping = sheet
    code = main(["import-sheet", str(book), "--mapping", str(mapping), "--dry-run"])
    _, err = capsys.readouterr()
    assert code == 1
    assert "2 rows valid, 1 rejected" in err
    assert not list(tmp_path.glob("*.jsonl"))


def test_cli_skip_invalid_imports_the_rest_and_writes_rejects(
    sheet: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, mapping = sheet
    target = tmp_path / "out.jsonl"
    rejects = tmp_path / "ditolak.csv"
    code = main(
        [
            "import-sheet",
            str(book),
            "--mapping",
            str(mapping),
            "-o",
            str(target),
            "--skip-invalid",
            "--rejects",
            str(rejects),
        ]
    )
    capsys.readouterr()
    assert code == 1
    loaded = kk.Register.load_jsonl(target)
    assert sorted(r.id for r in loaded) == ["pks-kediri-1", "pks-kediri-2"]
    text = rejects.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("baris,No,Judul")
    assert "'=A6+1" in text  # a formula is written as text, never run
    assert "kotakerja.region.ambiguous" in text


def test_cli_clean_sheet_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "pks.csv"
    table.write_text(
        "No,Judul,Pihak / Daerah 1,Pihak / Daerah 2,Tanggal TTD,Tanggal TTD Mitra,Nilai,"
        "Infrastruktur\n1,PKS A,Kota Kediri,Kota Surakarta,13/12/2021,13/12/2021,"
        '"Rp 1.000",tidak\n',
        encoding="utf-8",
    )
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        MAPPING.replace('sheet = "Daftar PKS"\nheader_row = 2\nheader_rows = 2\n', ""),
        encoding="utf-8",
    )
    assert main(["import-sheet", str(table), "--mapping", str(mapping)]) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out)["budget"] == {"amount": "1000", "currency": "IDR"}


def test_export_round_trips_every_example_and_offers_enum_lists(tmp_path: Path) -> None:
    book = tmp_path / "ekspor.xlsx"
    records = kk.examples()
    kk.write_sheet(records, book)
    for kind in sorted({r.TYPE for r in records}):
        back = kk.read_sheet(book, kk.export_mapping(kind))
        assert back.ok, back.problems
        assert list(back.records) == [r for r in records if kind == r.TYPE]
    wb = openpyxl.load_workbook(book)
    validations = wb["mou"].data_validations.dataValidation
    assert any('"ksdd,' in (v.formula1 or "") or "ksdd" in (v.formula1 or "") for v in validations)
    assert wb["mou"]["B1"].value == "Sumber"


def test_export_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    record = kk.Mou(
        id="mou-formula",
        title='=HYPERLINK("http://example.invalid")',
        scheme=kk.Scheme.BUSINESS,
        parties=(
            kk.Party(organization=kk.Organization(name="A", kind=kk.OrganizationKind.COMPANY)),
            kk.Party(organization=kk.Organization(name="B", kind=kk.OrganizationKind.COMPANY)),
        ),
    )
    book = tmp_path / "x.xlsx"
    kk.write_sheet([record], book)
    cell = openpyxl.load_workbook(book)["mou"]["D2"]
    assert cell.data_type == "s"
    assert kk.read_sheet(book, kk.export_mapping("mou")).records == (record,)


@pytest.mark.parametrize(
    ("text", "currency", "amount", "code"),
    [
        ("Rp379.500.000.000", None, "379500000000", "IDR"),
        ("Rp 1,2 miliar", None, "1200000000", "IDR"),
        ("USD 12,5 juta", None, "12500000", "USD"),
        ("Rp 50.000,-", None, "50000", "IDR"),
        ("Rp 1.500.000,50", None, "1500000.50", "IDR"),
        ("1.000", "IDR", "1000", "IDR"),
        ("US$ 3 million", None, "3000000", "USD"),
        ("Rp 2,5 triliun", None, "2500000000000", "IDR"),
        ("750 ribu", "IDR", "750000", "IDR"),
        ("RM 1.000", None, "1000", "MYR"),
    ],
)
def test_money_parse_reads_indonesian_amounts(
    text: str, currency: str | None, amount: str, code: str
) -> None:
    money = kk.Money.parse(text, currency)
    assert money == kk.Money(amount=Decimal(amount), currency=code)
    assert str(money.amount) == amount


@pytest.mark.parametrize(
    ("text", "currency", "code"),
    [
        ("Rp 12.5", None, "kotakerja.money.unparseable"),
        ("12.5", "IDR", "kotakerja.money.unparseable"),
        ("¥ 100", None, "kotakerja.money.unknown_currency"),
        ("1.000", None, "kotakerja.money.no_currency"),
        ("USD 5", "IDR", "kotakerja.money.currency_mismatch"),
        ("Rp 1,005", None, "kotakerja.money.too_many_decimals"),
        ("seribu", "IDR", "kotakerja.money.unparseable"),
        ("", "IDR", "kotakerja.money.unparseable"),
    ],
)
def test_money_parse_refuses_what_it_cannot_read_exactly(
    text: str, currency: str | None, code: str
) -> None:
    with pytest.raises(kk.ValidationError) as caught:
        kk.Money.parse(text, currency)
    assert caught.value.errors[0].code == code


def test_yes_no() -> None:
    assert [kk.parse_yes_no(v) for v in ("Ya", "tidak", "sudah", "belum", 1, 0, True)] == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
    ]
    with pytest.raises(kk.ValidationError):
        kk.parse_yes_no("mungkin")


def test_progress_is_reported_per_row_with_the_sheet_size(sheet: tuple[Path, Path]) -> None:
    book, mapping = sheet
    seen: list[tuple[int, int]] = []
    kk.read_sheet(book, mapping, progress=lambda row, total: seen.append((row, total)))
    assert [row for row, _ in seen] == list(range(1, 8))
    assert {total for _, total in seen} == {7}


def test_import_sheet_draws_a_bar_on_a_terminal(
    sheet: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    book, mapping = sheet
    screen = Terminal()
    monkeypatch.setattr("kotakerja._progress.PROGRESS_AFTER", 0.0)
    monkeypatch.setattr("sys.stderr", screen)
    main(["import-sheet", str(book), "--mapping", str(mapping), "--dry-run"])
    assert "kerjasama.xlsx [" in screen.getvalue()
    assert "100%" in screen.getvalue()
