"""The kotakerja command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kotakerja
from kotakerja import __version__
from kotakerja.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_regions_search_lists_both_kediri(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "search", "Kediri"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == ["35.06", "35.71"]
    assert "Kabupaten Kediri" in out[0]


def test_regions_search_without_match_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "search", "Atlantis"]) == 1
    assert main(["regions", "search", "Atlantis", "Lemuria"]) == 1


def test_regions_search_takes_several_names_when_together_they_match_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["regions", "search", "Kota", "Kediri"]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["35.71"]
    assert main(["regions", "search", "Surakarta", "Kediri"]) == 0
    codes = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert codes == ["33.72", "35.06", "35.71"]


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "all"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("2020-12/schema")


def test_schema_of_unknown_type_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "nothing"]) == 2


def test_validate_missing_file_is_unusable(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "none.jsonl")]) == 2


def test_validate_reports_lines_of_a_json_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"type": "nothing", "id": "x"}, indent=2))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2:1: kotakerja.record.unknown_type: type: unknown record type" in out


def test_report_of_bundled_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--on", "2021-12-01", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Cooperation report as of 1 December 2021" in out
    kadin = next(line for line in out.splitlines() if line.startswith("mou-kadin"))
    assert "draft" in kadin
    assert main(["report", "--on", "28 April 2023"]) == 0
    out = capsys.readouterr().out
    assert "Laporan kerja sama per 28 April 2023" in out
    assert "berlaku" in out


def test_report_rejects_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--on", "besok"]) == 2


def test_validate_jsonl_reports_each_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kotakerja

    good = [kotakerja.to_json(r) for r in kotakerja.examples()]
    bad = good[0].replace('"scheme":"ksdpl"', '"scheme":"ksdxx"')
    path = tmp_path / "reg.jsonl"
    path.write_text("\n".join([good[1], bad, good[2], "{", '{"type":"mou"}']) + "\n")
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{path}:2:1: kotakerja.enum: scheme: expected one of 'ksdd', ")
    assert lines[0].endswith("got str 'ksdxx'")
    assert {line.split(":")[1] for line in lines} == {"2", "4", "5"}


def test_convert_jsonl_to_json_and_back_is_lossless(tmp_path: Path) -> None:
    import kotakerja

    src = tmp_path / "a.jsonl"
    kotakerja.examples().save_jsonl(src)
    assert main(["convert", str(src), str(tmp_path / "b.json")]) == 0
    assert main(["convert", str(tmp_path / "b.json"), str(tmp_path / "c.jsonl")]) == 0
    assert (tmp_path / "c.jsonl").read_text() == src.read_text()
    mous = tmp_path / "mous.jsonl"
    kotakerja.Register(kotakerja.examples().of_type(kotakerja.Mou)).save_jsonl(mous)
    assert main(["convert", str(mous), str(tmp_path / "d.csv")]) == 0
    assert main(["convert", str(tmp_path / "d.csv"), str(tmp_path / "e.jsonl")]) == 0
    assert (tmp_path / "e.jsonl").read_text() == mous.read_text()
    assert main(["validate", str(tmp_path / "d.csv")]) == 0


def test_ics_writes_the_calendar_of_the_bundled_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import icalendar

    target = tmp_path / "agenda.ics"
    assert main(["ics", "-o", str(target)]) == 0
    assert "5 calendar entries written to" in capsys.readouterr().err
    data = target.read_bytes()
    assert b"\r\n" in data
    calendar = icalendar.Calendar.from_ical(data)
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert "meeting-signing-kadin-kediri-surakarta-2021" in uids
    assert main(["ics", "-o", str(target), "--partial", "span", "--lang", "en"]) == 0
    spanned = icalendar.Calendar.from_ical(target.read_bytes())
    assert {str(e["UID"]) for e in spanned.walk("VEVENT")} > uids


def test_ics_reads_a_jsonl_register_and_rejects_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kotakerja

    src = tmp_path / "reg.jsonl"
    kotakerja.examples().save_jsonl(src)
    assert main(["ics", str(src)]) == 0
    assert capsys.readouterr().out.startswith("BEGIN:VCALENDAR")
    src.write_text('{"type":"meeting"}\n', encoding="utf-8")
    assert main(["ics", str(src)]) == 1
    assert "kotakerja.missing" in capsys.readouterr().err
    assert main(["ics", str(tmp_path / "none.txt")]) == 2


def test_convert_a_mixed_register_to_csv_needs_a_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kotakerja

    src = tmp_path / "all.jsonl"
    kotakerja.examples().save_jsonl(src)
    assert main(["convert", str(src), str(tmp_path / "x.csv")]) == 2
    assert "--type" in capsys.readouterr().err
    target = tmp_path / "shipments.csv"
    assert main(["convert", str(src), str(target), "--type", "export_shipment"]) == 0
    table = kotakerja.Register.load_csv(target, check_references=False)
    assert len(table) == 7
    assert main(["convert", str(src), str(target), "--type", "nothing"]) == 2


def test_report_lists_open_and_overdue_follow_ups(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--on", "2023-09-01", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Open follow-ups (4, overdue 1)" in out
    overdue = next(line for line in out.splitlines() if line.endswith("overdue"))
    assert overdue.startswith("meeting-jakarta-shanghai-2023")
    assert "August 2023" in overdue
    assert main(["report", "--on", "2023-09-01"]) == 0
    assert "Tindak lanjut terbuka (4, terlambat 1)" in capsys.readouterr().out


def test_convert_and_ics_accept_references_to_records_kept_elsewhere(tmp_path: Path) -> None:
    import icalendar

    import kotakerja

    ceremony = kotakerja.examples().get("meeting-signing-kadin-kediri-surakarta-2021")
    src = tmp_path / "ceremony.json"
    src.write_text(kotakerja.to_json(ceremony), encoding="utf-8")
    assert main(["convert", str(src), str(tmp_path / "ceremony.csv")]) == 0
    assert main(["ics", str(tmp_path / "ceremony.csv"), "-o", str(tmp_path / "c.ics")]) == 0
    entries = icalendar.Calendar.from_ical((tmp_path / "c.ics").read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in entries] == [ceremony.id]


def _cp1252_table(tmp_path: Path) -> Path:
    import kotakerja

    path = tmp_path / "mou-cp1252.csv"
    kotakerja.examples().save_csv(path, kotakerja.Mou)
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    return path


@pytest.mark.parametrize("command", ["validate", "report", "ics", "convert"])
def test_a_table_not_in_utf8_is_unusable_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = _cp1252_table(tmp_path)
    argv = [command, str(path)] + ([str(tmp_path / "out.jsonl")] if command == "convert" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"kotakerja: {path}: not a UTF-8 CSV table: byte 0x96 on line 2 is not UTF-8; "
        "save the table as CSV UTF-8"
    )
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "type;schema_version;id;title",
            "the columns are separated by semicolons; kotakerja tables use commas "
            "(save the table as CSV UTF-8, comma delimited)",
        ),
        (
            "id,title",
            "the header (row 1) has no 'type' column; the first row must hold the "
            "column names: type, schema_version, id, ...",
        ),
        ("type,schema_version,id,title,id", "the header has the column 'id' twice"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "report", "convert"])
def test_a_table_header_problem_is_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, header: str, message: str
) -> None:
    path = tmp_path / "mou.csv"
    sep = ";" if ";" in header else ","
    rows = [sep.join(["mou", "1.0", f"mou-{i}", "A", "x"][: header.count(sep) + 1]) for i in "ab"]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    argv = [command, str(path)] + ([str(tmp_path / "out.jsonl")] if command == "convert" else [])
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if line.startswith("kotakerja:")] == [
        f"kotakerja: {path}: {message}"
    ]
    assert captured.out == ""


def test_writing_where_no_file_can_be_says_so_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kotakerja

    src = tmp_path / "ex.jsonl"
    kotakerja.examples().save_jsonl(src)
    missing = tmp_path / "none" / "agenda.ics"
    assert main(["ics", "-o", str(missing)]) == 2
    folder = f"{str(missing.parent)!r}"
    assert capsys.readouterr().err == (
        f"kotakerja: {missing}: cannot write: the folder {folder} does not exist\n"
    )
    assert main(["ics", "-o", str(tmp_path)]) == 2
    assert (
        capsys.readouterr().err == f"kotakerja: {tmp_path}: cannot write: is a folder, not a file\n"
    )
    for target in ("x.json", "x.jsonl", "x.csv"):
        argv = ["convert", str(src), str(tmp_path / "none" / target), "--type", "mou"]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err == (
            f"kotakerja: {tmp_path / 'none' / target}: cannot write: the folder {folder} "
            "does not exist\n"
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ex.jsonl"]


def test_validate_a_folder_checks_its_json_files_as_report_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kotakerja

    reg = kotakerja.examples()
    reg.save_folder(tmp_path / "records")
    assert main(["validate", "--no-warnings", str(tmp_path / "records")]) == 0
    assert capsys.readouterr().err == f"{len(reg)} records checked, 0 errors\n"
    bad = tmp_path / "records" / "bad.json"
    bad.write_text('{\n  "type": "mou"\n}\n', encoding="utf-8")
    assert main(["validate", "-q", str(tmp_path / "records")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{bad}:1:1: kotakerja.missing: schema_version: " in "\n".join(out)
    assert main(["validate", str(tmp_path / "none")]) == 2
    assert f"kotakerja: {tmp_path / 'none'}: no such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["validate", "{src}"], ", or give the type with --format"),
        (["report", "{src}"], ", or give the type with --format"),
        (["ics", "{src}"], ", or give the type with --format"),
        (["convert", "{src}", "{dst}"], ", or give the type with --from"),
        (["convert", "{dst}", "{src}"], ", or give the type with --to"),
    ],
)
def test_an_unknown_file_type_names_the_options_the_command_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], option: str
) -> None:
    import kotakerja

    src = tmp_path / "reg.txt"
    dst = tmp_path / "reg.jsonl"
    kotakerja.examples().save_jsonl(src)
    kotakerja.examples().save_jsonl(dst)
    args = [a.format(src=src, dst=dst) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"kotakerja: {src}: unknown file type; use a .json, .jsonl, .ndjson or .csv file, "
        f"a folder of them, or - for standard input{option}"
    )


def test_errors_in_a_json_array_name_the_element(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kotakerja

    mous = [kotakerja.to_dict(m) for m in kotakerja.examples().of_type(kotakerja.Mou)]
    mous[1]["scheme"] = "ksdxx"
    path = tmp_path / "mous.json"
    text = json.dumps([mous[0], mous[1], 5], indent=2)
    path.write_text(text, encoding="utf-8")
    assert main(["validate", "--no-warnings", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    lines = text.splitlines()
    scheme = 1 + lines.index('    "scheme": "ksdxx",')
    five = 1 + lines.index("  5")
    assert [line.split(": ")[:3] for line in out] == [
        [f"{path}:{scheme}:1", "kotakerja.enum", "[1].scheme"],
        [f"{path}:{five}:1", "kotakerja.type", "[2]"],
    ]
    assert main(["convert", str(path), str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[2] for line in err] == ["[1].scheme", "[2]"]


def test_validate_clears_the_progress_bar_before_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    import kotakerja

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    good = [kotakerja.to_json(r) for r in kotakerja.examples()]
    path = tmp_path / "big.jsonl"
    copies = [g.replace('"id":"', '"id":"copy-') for g in good]  # ids used once
    path.write_text("\n".join([*good, '{"type":"mou"}', *copies]) + "\n", encoding="utf-8")
    screen = Terminal()
    monkeypatch.setattr("kotakerja._progress.PROGRESS_AFTER", 0.0)
    monkeypatch.setattr("sys.stdout", screen)
    monkeypatch.setattr("sys.stderr", screen)
    assert main(["validate", "--no-warnings", str(path)]) == 1
    text = screen.getvalue()
    assert "%" in text
    errors = [line for line in text.split("\n") if ": kotakerja.missing" in line]
    assert errors
    for line in errors:
        *before, shown = line.split("\r")
        assert shown.startswith(f"{path}:{len(good) + 1}:1: ")
        assert all(not part.strip() for part in before[-1:])


def test_a_json_file_with_a_byte_order_mark_is_read_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kotakerja

    path = tmp_path / "reg.json"
    text = json.dumps(kotakerja.examples().to_list(), indent=2, ensure_ascii=False)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert main(["validate", str(path)]) == 0
    assert main(["report", str(path)]) == 0
    assert main(["convert", str(path), str(tmp_path / "out.jsonl")]) == 0
    assert kotakerja.Register.load_jsonl(tmp_path / "out.jsonl") == kotakerja.examples()
    broken = text.replace('"ksdpl"', '"ksdxx"', 1)
    path.write_bytes(b"\xef\xbb\xbf" + broken.encode("utf-8"))
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    number = int(line.split(":")[1])
    assert '"ksdxx"' in broken.splitlines()[number - 1]


def test_a_text_with_a_carriage_return_survives_convert_to_csv_and_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    import kotakerja

    mou = kotakerja.examples().of_type(kotakerja.Mou)[0]
    reg = kotakerja.Register([attrs.evolve(mou, title="Line one\rline two")])
    reg.save_jsonl(tmp_path / "cr.jsonl")
    assert main(["convert", str(tmp_path / "cr.jsonl"), str(tmp_path / "cr.csv")]) == 0
    assert main(["validate", str(tmp_path / "cr.csv")]) == 0
    assert main(["convert", str(tmp_path / "cr.csv"), str(tmp_path / "back.jsonl")]) == 0
    assert kotakerja.Register.load_jsonl(tmp_path / "back.jsonl") == reg


def test_a_cell_over_the_csv_modules_default_limit_is_read_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    import kotakerja

    mou = kotakerja.examples().of_type(kotakerja.Mou)[0]
    big = attrs.evolve(mou, objectives=tuple(f"{i} " + "x" * 990 for i in range(200)))
    kotakerja.Register([big]).save_jsonl(tmp_path / "big.jsonl")
    assert main(["convert", str(tmp_path / "big.jsonl"), str(tmp_path / "big.csv")]) == 0
    assert main(["validate", str(tmp_path / "big.csv")]) == 0
    assert main(["report", str(tmp_path / "big.csv")]) == 0
    assert main(["convert", str(tmp_path / "big.csv"), str(tmp_path / "back.jsonl")]) == 0
    assert kotakerja.Register.load_jsonl(tmp_path / "back.jsonl") == kotakerja.Register([big])


@pytest.mark.parametrize("command", ["validate", "report", "ics", "convert"])
def test_a_json_file_that_is_not_json_is_unusable_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "reg.json"
    path.write_text("[\n  {", encoding="utf-8")
    argv = [command, str(path)] + ([str(tmp_path / "out.jsonl")] if command == "convert" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"kotakerja: {path}: invalid JSON at line 2 column 4: ")


def test_report_reads_a_table_of_one_record_type_as_ics_and_convert_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reg = kotakerja.examples()
    table = tmp_path / "meetings.csv"
    reg.save_csv(table, kotakerja.Meeting)
    assert main(["report", str(table), "--on", "2023-09-01", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Records: 7 meeting" in out
    assert "meeting-jakarta-shanghai-2023" in out
    twice = tmp_path / "twice.jsonl"
    reg.save_jsonl(twice)
    twice.write_text(twice.read_text() + twice.read_text().splitlines()[0] + "\n")
    assert main(["report", str(twice)]) == 1
    assert f"{twice}:{len(reg) + 1}:1: kotakerja.register.duplicate_id: id: " in (
        capsys.readouterr().err
    )
