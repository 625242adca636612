"""The kotakerja command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    assert f"{path}:2: type:" in out
    assert "[kotakerja.record.unknown_type]" in out


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
    assert lines[0].startswith(f"{path}:2: scheme: expected one of 'ksdd', ")
    assert lines[0].endswith("got str 'ksdxx' [kotakerja.enum]")
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
