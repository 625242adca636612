"""The command line contract: inputs, exit codes, problem lines, limits (docs/cli.md)."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest

import kotakerja
from kotakerja.cli import main

EXAMPLES = kotakerja.examples()
READERS = ["validate", "report", "ics", "convert"]


def _argv(command: str, *inputs: str | Path, out: Path | None = None) -> list[str]:
    argv = [command, *map(str, inputs)]
    if command == "convert":
        argv.append(str(out or Path(str(inputs[0]) + ".out.jsonl")))
    return argv


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _jsonl(records: list[kotakerja.Record]) -> str:
    return "".join(kotakerja.to_json(r) + "\n" for r in records)


# Inputs: files, folders of every format, standard input -------------------------------


@pytest.mark.parametrize("command", READERS)
def test_a_folder_of_jsonl_and_csv_files_is_read_not_passed_as_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    mous = kotakerja.Register(EXAMPLES.of_type(kotakerja.Mou))
    mous.save_csv(folder / "mou.csv")
    others = [r for r in EXAMPLES if not isinstance(r, kotakerja.Mou)]
    (folder / "others.jsonl").write_text(_jsonl(others), encoding="utf-8")
    assert main(_argv(command, folder, out=tmp_path / "all.jsonl")) == 0
    if command == "validate":
        assert f"{len(EXAMPLES)} records checked, 0 errors" in capsys.readouterr().err
    if command == "convert":
        assert kotakerja.Register.load_jsonl(tmp_path / "all.jsonl") == EXAMPLES
    (folder / "others.jsonl").write_text(
        _jsonl(others) + '{"type": "mou", "id": "broken"}\n', encoding="utf-8"
    )
    capsys.readouterr()
    assert main(_argv(command, folder, out=tmp_path / "all.jsonl")) == 1
    line = len(others) + 1
    err = capsys.readouterr()
    assert f"{folder / 'others.jsonl'}:{line}:1: kotakerja.missing: " in err.out + err.err


@pytest.mark.parametrize("command", READERS)
def test_a_folder_with_nothing_to_read_is_unusable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    (tmp_path / "notes.txt").write_text("nothing here", encoding="utf-8")
    assert main(_argv(command, tmp_path, out=tmp_path / "x.jsonl")) == 2
    assert (
        f"kotakerja: {tmp_path}: the folder holds no .json, .jsonl, .ndjson or .csv files"
        in capsys.readouterr().err
    )


def test_a_record_folder_below_a_folder_is_read_and_hidden_files_are_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    EXAMPLES.save_folder(tmp_path / "records")
    (tmp_path / ".tmp.jsonl").write_text("junk\n", encoding="utf-8")
    assert main(["validate", "--no-warnings", str(tmp_path)]) == 0
    assert capsys.readouterr().err == f"{len(EXAMPLES)} records checked, 0 errors\n"


@pytest.mark.parametrize(("fmt", "option"), [("jsonl", []), ("json", []), ("csv", ["--format"])])
def test_standard_input_is_read_by_every_command(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    option: list[str],
) -> None:
    mous = kotakerja.Register(EXAMPLES.of_type(kotakerja.Mou))
    mous.save_csv(tmp_path / "m.csv")
    data = {
        "jsonl": _jsonl(list(mous)).encode(),
        "json": json.dumps(mous.to_list(), indent=2).encode(),
        "csv": (tmp_path / "m.csv").read_bytes(),
    }[fmt]
    extra = [*option, fmt] if option else []
    for command in READERS:
        _stdin(monkeypatch, data)
        assert main([*_argv(command, "-", out=tmp_path / "o.jsonl"), *extra]) == 0, command
    assert kotakerja.Register.load_jsonl(tmp_path / "o.jsonl") == mous
    _stdin(monkeypatch, data.replace(b"ksdpl", b"ksdxx"))
    capsys.readouterr()
    assert main(["validate", "-", *extra]) == 1
    assert "<stdin>:" in capsys.readouterr().out


# Exit codes and problem lines -----------------------------------------------------------


@pytest.mark.parametrize("command", READERS)
def test_problems_in_the_data_exit_1_with_the_same_line_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "reg.jsonl"
    path.write_text(_jsonl(list(EXAMPLES)) + '{"type":"meeting"}\n', encoding="utf-8")
    assert main(_argv(command, path)) == 1
    captured = capsys.readouterr()
    lines = (captured.out if command == "validate" else captured.err).splitlines()
    expected = f"{path}:{len(EXAMPLES) + 1}:1: kotakerja.missing: schema_version: "
    assert any(line.startswith(expected) for line in lines)
    if command != "validate":
        assert captured.out == ""
        assert not Path(str(path) + ".out.jsonl").exists()


@pytest.mark.parametrize("command", READERS)
def test_an_unreadable_input_exits_2_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert main(_argv(command, tmp_path / "none.jsonl")) == 2
    assert f"kotakerja: {tmp_path / 'none.jsonl'}: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("command", READERS)
def test_duplicate_ids_are_problems_with_both_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.json"
    mou = EXAMPLES.of_type(kotakerja.Mou)[0]
    first.write_text(_jsonl(list(EXAMPLES)), encoding="utf-8")
    second.write_text(json.dumps([kotakerja.to_dict(mou)], indent=2), encoding="utf-8")
    assert main(_argv(command, first, second, out=tmp_path / "x.jsonl")) == 1
    captured = capsys.readouterr()
    line = 1 + [r.id for r in EXAMPLES].index(mou.id)
    assert (
        f"{second}:5:1: kotakerja.register.duplicate_id: id: id {mou.id!r} (mou) is already "
        f"used by a mou at {first}:{line}"
    ) in captured.out + captured.err


def test_dangling_references_across_inputs_name_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meetings = [r for r in EXAMPLES if isinstance(r, kotakerja.Meeting)]
    rest = [r for r in EXAMPLES if not isinstance(r, kotakerja.Meeting)]
    (tmp_path / "meetings.jsonl").write_text(_jsonl(meetings), encoding="utf-8")
    (tmp_path / "rest.jsonl").write_text(_jsonl(rest), encoding="utf-8")
    both = [str(tmp_path / "meetings.jsonl"), str(tmp_path / "rest.jsonl")]
    assert main(["validate", "-q", "--no-warnings", *both]) == 0
    assert main(["validate", "-q", "--no-warnings", both[0]]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out
    assert all(": kotakerja.register.dangling_reference: " in line for line in out)
    assert all(line.startswith(both[0] + ":") for line in out)
    assert main(["validate", "-q", "--no-references", "--no-warnings", both[0]]) == 0


def test_findings_are_warnings_that_never_change_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "reg.jsonl"
    EXAMPLES.save_jsonl(path)
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert ": kotakerja.approval.dprd_missing: warning: approvals: " in captured.out
    assert captured.err.endswith(" 0 errors, 2 warnings\n")


def test_problems_as_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "reg.json"
    path.write_text('[\n  {"type": "mou",\n   "id": "x"}\n]\n', encoding="utf-8")
    assert main(["validate", "--problems", "json", str(path)]) == 1
    items = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert items
    keys = {"file", "line", "column", "severity", "code", "path", "pointer", "message"}
    assert set(items[0]) == keys
    assert ("/0/schema_version", "[0].schema_version") in {(i["pointer"], i["path"]) for i in items}
    assert {(i["file"], i["line"], i["column"], i["severity"]) for i in items} == {
        (str(path), 2, 1, "error")
    }
    assert "kotakerja.missing" in {i["code"] for i in items}


def test_a_line_of_json_that_does_not_parse_has_its_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "reg.jsonl"
    path.write_text('{"type": "mou", oops}\n', encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.startswith(f"{path}:1:17: kotakerja.json.invalid: ")


def test_a_key_with_a_lone_surrogate_is_printed_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "reg.jsonl"
    path.write_text('{"type": "mou", "\\ud800x": 1}\n', encoding="utf-8")
    for encoding in ("utf-8", "ascii", "cp1252"):
        for style in ("text", "json"):
            out = io.BytesIO()
            stream = io.TextIOWrapper(out, encoding=encoding, errors="strict")
            monkeypatch.setattr(sys, "stdout", stream)
            monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding=encoding))
            assert main(["validate", "--problems", style, str(path)]) == 1
            stream.flush()
            assert b"\\ud800x" in out.getvalue(), (encoding, style)


# Limits -------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "convert"])
def test_a_device_is_refused_not_read_for_ever(
    capsys: pytest.CaptureFixture[str], command: str, tmp_path: Path
) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    argv = [*_argv(command, "/dev/zero", out=tmp_path / "x.jsonl"), "--format", "json"]
    assert main(argv) == 2
    assert "kotakerja: /dev/zero: not a regular file" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", ["validate", "convert"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    result: list[int] = []
    argv = _argv(command, fifo, out=tmp_path / "x.jsonl")
    worker = threading.Thread(target=lambda: result.append(main(argv)), daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # unblock the reader so the test run can go on
        with open(fifo, "wb"):
            pass
        worker.join(5)
        pytest.fail("the command waited for a writer to the named pipe")
    assert result == [2]
    assert f"kotakerja: {fifo}: not a regular file" in capsys.readouterr().err


@pytest.mark.parametrize("command", READERS)
def test_an_input_over_max_size_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    path = tmp_path / "reg.jsonl"
    EXAMPLES.save_jsonl(path)
    size = path.stat().st_size
    assert main([*_argv(command, path), "--max-size", str(size)]) == 0
    assert main([*_argv(command, path), "--max-size", str(size - 1)]) == 2
    assert (
        f"kotakerja: {path}: the file has {size} bytes; the limit is {size - 1}"
        in capsys.readouterr().err
    )
    _stdin(monkeypatch, path.read_bytes())
    assert main([*_argv(command, "-", out=tmp_path / "x.jsonl"), "--max-size", "1K"]) == 2
    assert "kotakerja: <stdin>: more than 1024 bytes" in capsys.readouterr().err


def test_max_size_takes_units_and_refuses_nonsense(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate", "x.jsonl", "--max-size", "lots"])
    assert exc.value.code == 2
    assert "'lots' is not a size" in capsys.readouterr().err


def test_max_problems_stops_printing_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"type": "nothing"}\n' * 5, encoding="utf-8")
    assert main(["validate", "--max-problems", "2", str(path)]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert "kotakerja: 3 more problems not shown (--max-problems 2)" in captured.err
    assert "5 records checked, 5 errors" in captured.err
    assert main(["validate", "--max-problems", "0", str(path)]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 5


def test_without_max_size_a_jsonl_file_may_be_large_but_not_its_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kotakerja import cli

    monkeypatch.setattr(cli, "DEFAULT_MAX_SIZE", 4000)
    path = tmp_path / "reg.jsonl"
    long = '{"type": "mou", "title": "' + "x" * 9000 + '"}'
    path.write_text(_jsonl(list(EXAMPLES)[:3]) + long + '\n{"type": "nothing"}\n', "utf-8")
    assert path.stat().st_size > 4000
    assert main(["validate", "--no-warnings", "--no-references", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[:2] for line in out] == [
        [f"{path}:4:1", "kotakerja.json.too_large"],
        [f"{path}:5:1", "kotakerja.record.unknown_type"],
    ]
    json_path = tmp_path / "reg.json"
    json_path.write_text(json.dumps(EXAMPLES.to_list()), encoding="utf-8")
    assert main(["validate", str(json_path)]) == 2
    assert "the limit is 4000 (raise it with --max-size)" in capsys.readouterr().err


def test_a_duplicate_in_a_csv_table_is_at_its_spreadsheet_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "mou.csv"
    kotakerja.Register(EXAMPLES.of_type(kotakerja.Mou)).save_csv(table)
    header, *rows = table.read_text(encoding="utf-8").splitlines()
    broken = rows[0].replace(",ksdpl,", ",ksdxx,")
    assert broken != rows[0]
    table.write_text("\n".join([header, broken, "", *rows]) + "\n", encoding="utf-8")
    assert main(["validate", "--no-warnings", "--no-references", str(table)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith(f"{table}:2:1: kotakerja.enum: scheme: ")
    table.write_text("\n".join([header, broken, "", *rows, rows[1]]) + "\n", encoding="utf-8")
    assert main(["validate", "--no-warnings", "--no-references", str(table)]) == 1
    out = capsys.readouterr().out.splitlines()
    last = 4 + len(rows)
    assert out[1].startswith(f"{table}:{last}:1: kotakerja.register.duplicate_id: id: ")
    assert out[1].endswith("already used on row 5")
