"""``kotakerja db import|export`` and the ``--db`` option of report, validate and ics."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import kotakerja
from kotakerja.cli import main


@pytest.fixture
def examples_file(tmp_path: Path) -> Path:
    path = tmp_path / "examples.jsonl"
    kotakerja.examples().save_jsonl(path)
    return path


def test_import_then_export_gives_back_every_record(
    store_url: str, examples_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "import", str(examples_file), "--db", store_url]) == 0
    assert "23 records imported" in capsys.readouterr().err
    out = tmp_path / "out.jsonl"
    assert main(["db", "export", "--db", store_url, "-o", str(out)]) == 0
    assert kotakerja.Register.load_jsonl(out) == kotakerja.examples()
    assert out.read_text(encoding="utf-8") == examples_file.read_text(encoding="utf-8")


def test_an_import_with_a_bad_line_imports_nothing_and_names_the_line(
    sqlite_url: str, examples_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = examples_file.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace('"id"', '"idx"', 1)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["db", "import", str(bad), "--db", sqlite_url]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:5:1: kotakerja.unknown_key: idx: unknown key 'idx'" in err
    assert "nothing imported" in err
    with kotakerja.open_store(sqlite_url) as store:
        assert len(store) == 0


def test_a_dangling_reference_is_reported_at_the_line_of_the_record_that_has_it(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = next(r for r in kotakerja.examples() if r.id == "meeting-jakarta-shanghai-2023")
    path = tmp_path / "one.jsonl"
    path.write_text("\n" + kotakerja.to_json(meeting) + "\n", encoding="utf-8")
    assert main(["db", "import", str(path), "--db", sqlite_url]) == 1
    err = capsys.readouterr().err
    assert (
        f"{path}:2:1: kotakerja.register.dangling_reference: referenced[0]: meeting "
        "meeting-jakarta-shanghai-2023 points to mou"
    ) in err


def test_skip_invalid_imports_the_rest_and_writes_the_rejects(
    sqlite_url: str, examples_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = examples_file.read_text(encoding="utf-8").splitlines()
    broken = lines[0].replace('"id"', '"idx"', 1)
    mou_id = json.loads(lines[0])["id"]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([broken, *lines[1:]]) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    args = ["db", "import", str(source), "--db", sqlite_url, "--skip-invalid"]
    assert main([*args, "--rejects", str(rejects)]) == 0
    rejected = rejects.read_text(encoding="utf-8").splitlines()
    assert rejected[0] == broken
    with kotakerja.open_store(sqlite_url) as store:
        assert mou_id not in store
        assert len(store) + len(rejected) == len(lines)
        assert store.to_register().reference_problems() == []
    assert len(rejected) > 1  # records pointing to the rejected MoU went with it


def test_commands_read_the_database_named_by_option_or_environment(
    sqlite_url: str,
    examples_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["db", "import", str(examples_file), "--db", sqlite_url]) == 0
    capsys.readouterr()
    assert main(["report", "--on", "2023-09-01"]) == 0
    from_examples = capsys.readouterr().out
    assert main(["report", "--on", "2023-09-01", "--db", sqlite_url]) == 0
    assert capsys.readouterr().out == from_examples
    monkeypatch.setenv("KOTAKERJA_DB", sqlite_url)
    assert main(["validate"]) == 0
    assert "23 records checked, 0 errors" in capsys.readouterr().err
    ics = tmp_path / "x.ics"
    assert main(["ics", "-o", str(ics)]) == 0
    # DTSTAMP is the time of writing: the two may fall in different seconds
    stamp = re.compile(rb"DTSTAMP:[0-9TZ]+\r\n")
    assert stamp.sub(b"", ics.read_bytes()) == stamp.sub(
        b"", kotakerja.to_ical(kotakerja.examples())
    )
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["report", str(empty)]) == 0  # a file named wins over the database
    assert "23" not in capsys.readouterr().out.splitlines()[2]


def test_export_as_a_folder_and_a_csv_table(
    sqlite_url: str, examples_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "import", str(examples_file), "--db", sqlite_url]) == 0
    folder = tmp_path / "records"
    assert main(["db", "export", "--db", sqlite_url, "--format", "folder", "-o", str(folder)]) == 0
    assert kotakerja.Register.load_folder(folder) == kotakerja.examples()
    table = tmp_path / "mou.csv"
    args = ["db", "export", "--db", sqlite_url, "--format", "csv", "--type", "mou"]
    assert main([*args, "-o", str(table)]) == 0
    assert kotakerja.Register.load_csv(table, check_references=False) == kotakerja.Register(
        kotakerja.examples().of_type("mou")
    )
    assert main(["db", "export", "--db", sqlite_url, "--format", "csv", "-o", str(table)]) == 2


def test_db_commands_without_a_database_say_how_to_name_one(
    examples_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KOTAKERJA_DB", raising=False)
    assert main(["db", "import", str(examples_file)]) == 2
    assert "give the database with --db or $KOTAKERJA_DB" in capsys.readouterr().err
    assert main(["report", "--db", "nonsense"]) == 2
    assert "not a database URL" in capsys.readouterr().err


def test_export_as_parquet_tables(
    sqlite_url: str, examples_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyarrow")
    from kotakerja.tables import read_parquet

    assert main(["db", "import", str(examples_file), "--db", sqlite_url]) == 0
    folder = tmp_path / "tables"
    assert main(["db", "export", "--db", sqlite_url, "--format", "parquet", "-o", str(folder)]) == 0
    assert "tables)" in capsys.readouterr().err
    assert kotakerja.Register(read_parquet(folder)) == kotakerja.examples()
