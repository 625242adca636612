"""Bounded reading: sizes, special files, nesting, the number of problems, duplicate ids."""

from __future__ import annotations

import inspect
import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

import kotakerja
from kotakerja import KotakerjaError, Record, ValidationError
from kotakerja import register as storage
from kotakerja.register import Register, iter_jsonl, read_csv


@attrs.frozen(kw_only=True)
class Slip(Record):
    """A record type used only by these tests."""

    TYPE: ClassVar[str] = "test_storage_slip"

    text: str
    extra: int | None = None


def _line(record_id: str, text: str = "x") -> str:
    return json.dumps({"type": Slip.TYPE, "schema_version": "1.0", "id": record_id, "text": text})


def _csv(*rows: str) -> str:
    return "type,schema_version,id,text,extra,sources,extensions\n" + "".join(
        r + "\n" for r in rows
    )


def test_the_limits_are_public() -> None:
    assert kotakerja.DEFAULT_MAX_SIZE == storage.DEFAULT_MAX_SIZE == 64 * 1024 * 1024
    assert kotakerja.DEFAULT_MAX_PROBLEMS == storage.DEFAULT_MAX_PROBLEMS == 100
    assert kotakerja.DEFAULT_MAX_DEPTH == 100


@pytest.mark.parametrize(
    "reader",
    ["load_jsonl", "load_json", "load_csv", "load_folder", "iter_jsonl", "read_csv"],
)
def test_every_reader_takes_the_same_limits(reader: str) -> None:
    function = getattr(Register, reader, None) or getattr(storage, reader)
    params = inspect.signature(function).parameters
    assert params["max_size"].default == storage.DEFAULT_MAX_SIZE
    assert params["max_problems"].default == storage.DEFAULT_MAX_PROBLEMS


# Special files --------------------------------------------------------------------------


_CHILD = """
import resource, sys, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a failure is a MemoryError
from kotakerja import ValidationError
from kotakerja.register import Register, read_csv
from kotakerja.register._storage import read_json_file
readers = {
    "jsonl": Register.load_jsonl,
    "json": getattr(Register, "load_json", Register.load_jsonl),  # before load_json: jsonl
    "csv": Register.load_csv,
    "raw json": read_json_file,
    "read_csv": read_csv,
}
import ast
path, options = sys.argv[1], ast.literal_eval(sys.argv[2])
for name, read in readers.items():
    tracemalloc.start()
    try:
        read(path, **options)
    except ValidationError as e:
        peak = tracemalloc.get_traced_memory()[1]
        print(name, e.codes[-1], peak < 2_000_000, e.errors[-1].message)
    tracemalloc.stop()
"""


def _read_in_child(path: str, **options: object) -> list[str]:
    """Run every reader on `path` in a child with 1 GiB of memory and a minute to finish."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, path, repr(options)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_is_refused_without_reading_it() -> None:
    lines = _read_in_child("/dev/zero")
    assert len(lines) == 5
    for line in lines:
        assert " kotakerja.storage.not_a_file True /dev/zero is a character device" in line


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_allowed_is_read_within_the_limit() -> None:
    lines = _read_in_child("/dev/zero", allow_special=True, max_size=100_000)
    assert len(lines) == 5
    for line in lines:
        assert " kotakerja.storage.too_large True " in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_and_never_opened(tmp_path: Path) -> None:
    """Opening a FIFO with no writer blocks: the child's time limit turns a hang into a failure."""
    fifo = tmp_path / "records.jsonl"
    os.mkfifo(fifo)
    lines = _read_in_child(str(fifo))
    assert len(lines) == 5
    for line in lines:
        assert " kotakerja.storage.not_a_file True " in line
        assert "is a named pipe (FIFO), not a regular file" in line


def test_the_error_is_a_kotakerja_error() -> None:
    assert issubclass(ValidationError, KotakerjaError)


# Sizes ----------------------------------------------------------------------------------


def test_a_line_over_the_limit_stops_reading_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(_line("a") + "\n" + _line("b", "y" * 500) + "\n" + _line("c") + "\n")
    with pytest.raises(ValidationError) as exc:
        Register.load_jsonl(path, max_size=200)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("line 2", "kotakerja.storage.too_large")
    ]
    assert Register.load_jsonl(path, max_size=600).get("c") == Slip(id="c", text="x")


def test_a_json_document_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps([json.loads(_line(f"r{i}")) for i in range(20)]))
    with pytest.raises(ValidationError) as exc:
        Register.load_json(path, max_size=100)
    assert exc.value.codes == ("kotakerja.storage.too_large",)
    size = path.stat().st_size
    assert exc.value.errors[0].message == (
        f"the document has {size} bytes; the limit is 100 (raise max_size to allow more)"
    )
    assert len(Register.load_json(path, max_size=None)) == 20


def test_standard_input_is_read_through_the_same_bounds() -> None:
    stream = io.BytesIO((_line("a") + "\n" + _line("b", "y" * 500) + "\n").encode())
    with pytest.raises(ValidationError) as exc:
        Register.load_jsonl(stream, max_size=200)
    assert exc.value.codes == ("kotakerja.storage.too_large",)
    table = io.BytesIO(_csv("test_storage_slip,1.0,a,x,,,").encode())
    assert Register.load_csv(table).get("a") == Slip(id="a", text="x")
    assert len(Register.load_json(io.BytesIO(_line("a").encode()))) == 1


def test_save_json_refuses_what_load_json_would_refuse(tmp_path: Path) -> None:
    reg = Register([Slip(id=f"r{i}", text="x" * 50) for i in range(30)])
    path = tmp_path / "r.json"
    path.write_text("[]\n")
    with pytest.raises(ValidationError) as exc:
        reg.save_json(path, max_size=1000)
    assert exc.value.codes == ("kotakerja.storage.too_large",)
    assert "the limit is 1000" in exc.value.errors[0].message
    assert path.read_text() == "[]\n"  # left as it was
    reg.save_json(path)
    assert Register.load_json(path) == reg
    size = path.stat().st_size
    reg.save_json(path, max_size=size)
    assert Register.load_json(path, max_size=size) == reg
    with pytest.raises(ValidationError):
        reg.save_json(path, max_size=size - 1)


def test_writers_and_readers_share_their_default_limit() -> None:
    for writer in (
        Register.save_json,
        Register.save_jsonl,
        Register.save_folder,
        Register.save_csv,
        kotakerja.append_jsonl,
    ):
        assert inspect.signature(writer).parameters["max_size"].default == storage.DEFAULT_MAX_SIZE


def test_jsonl_and_csv_writers_refuse_a_record_over_the_limit(tmp_path: Path) -> None:
    reg = Register([Slip(id="a", text="x"), Slip(id="b", text="y" * 500)])
    for save in (reg.save_jsonl, reg.save_csv, reg.save_folder):
        target = tmp_path / save.__name__
        with pytest.raises(ValidationError) as exc:
            save(target, max_size=300)
        assert exc.value.codes == ("kotakerja.storage.too_large",)
        assert not target.exists()
    with pytest.raises(ValidationError):
        kotakerja.append_jsonl(tmp_path / "log.jsonl", reg.get("b"), max_size=300)
    assert not (tmp_path / "log.jsonl").exists()


# Nesting --------------------------------------------------------------------------------


def _deep(depth: int) -> str:
    record = json.loads(_line("deep"))
    record["extensions"] = {"x.y:z": "@"}
    text = json.dumps(record)
    return text.replace('"@"', "[" * depth + "]" * depth)


def test_deeply_nested_json_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(_deep(300_000) + "\n")  # 0.6 MB
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as exc:
            Register.load_jsonl(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(e.path, e.code) for e in exc.value.errors] == [("line 1", "kotakerja.json.too_deep")]
    assert peak < 20_000_000


def test_nesting_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(_deep(60))
    assert len(Register.load_json(path)) == 1
    path.write_text(_deep(150))
    with pytest.raises(ValidationError) as exc:
        Register.load_json(path)
    assert exc.value.codes == ("kotakerja.json.too_deep",)
    assert "152 deep; the limit is 100" in exc.value.errors[0].message


def test_brackets_inside_strings_do_not_count(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(_line("a", "[" * 500 + '"' + "{" * 500) + "\n")
    assert Register.load_jsonl(path).get("a") == Slip(id="a", text="[" * 500 + '"' + "{" * 500)


# Problems -------------------------------------------------------------------------------


def test_a_flood_of_bad_lines_stops_at_max_problems(tmp_path: Path) -> None:
    path = tmp_path / "zeros.jsonl"
    path.write_bytes(b"0\n" * 500_000)  # 1 MB
    with pytest.raises(ValidationError) as exc:
        Register.load_jsonl(path)
    errors = exc.value.errors
    assert len(errors) == storage.DEFAULT_MAX_PROBLEMS + 1
    assert errors[-1].code == "kotakerja.storage.too_many_problems"
    assert errors[-1].message.startswith("100 problems reported; reading stopped at line 101")
    assert "cut" in errors[-1].message
    with pytest.raises(ValidationError) as exc:
        Register.load_jsonl(path, max_problems=3)
    assert len(exc.value.errors) == 4


def test_iter_jsonl_ends_with_the_cut_notice(tmp_path: Path) -> None:
    path = tmp_path / "zeros.jsonl"
    path.write_bytes(b"0\n" * 50)
    results = list(iter_jsonl(path, max_problems=5))
    assert [r.line for r in results] == [1, 2, 3, 4, 5, 6]
    assert results[-1].error is not None
    assert results[-1].error.codes == ("kotakerja.storage.too_many_problems",)


def test_csv_and_json_problems_are_capped_too(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(_csv(*["test_storage_slip,1.0,a,x,notanumber,,"] * 50))
    _records, problems = read_csv(path, max_problems=5)
    assert len(problems) == 6
    assert problems[-1][1].code == "kotakerja.storage.too_many_problems"
    with pytest.raises(ValidationError) as exc:
        Register.load_csv(path, max_problems=5)
    assert len(exc.value.errors) == 6
    items = [{"type": Slip.TYPE, "schema_version": "1.0", "id": f"r{i}"} for i in range(50)]
    (tmp_path / "r.json").write_text(json.dumps(items))
    with pytest.raises(ValidationError) as exc:
        Register.load_json(tmp_path / "r.json", max_problems=5)
    assert len(exc.value.errors) == 6
    assert exc.value.errors[-1].code == "kotakerja.storage.too_many_problems"


def test_folder_problems_are_capped(tmp_path: Path) -> None:
    for i in range(20):
        (tmp_path / f"r{i:02}.json").write_text("0")
    with pytest.raises(ValidationError) as exc:
        Register.load_folder(tmp_path, max_problems=4)
    assert len(exc.value.errors) == 5
    assert exc.value.errors[-1].code == "kotakerja.storage.too_many_problems"


# Duplicate ids --------------------------------------------------------------------------


def test_duplicate_ids_in_a_table_name_both_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        _csv(
            "test_storage_slip,1.0,a,x,,,",
            "test_storage_slip,1.0,b,x,,,",
            "test_storage_slip,1.0,a,y,,,",
        )
    )
    records, problems = read_csv(path)
    assert [r.id for r in records] == ["a", "b"]
    assert [(row, e.path, e.code) for row, e in problems] == [
        (4, "id", "kotakerja.register.duplicate_id")
    ]
    assert problems[0][1].message == "id 'a' is already used on row 2"
    with pytest.raises(ValidationError) as exc:
        Register.load_csv(path)
    assert exc.value.paths == ("row 4: id",)


def test_duplicate_ids_in_json_lines_name_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join([_line("a"), _line("b"), _line("a", "y")]) + "\n")
    with pytest.raises(ValidationError) as exc:
        Register.load_jsonl(path)
    assert [(e.path, e.code, e.message) for e in exc.value.errors] == [
        ("line 3: id", "kotakerja.register.duplicate_id", "id 'a' is already used on line 1")
    ]


def test_duplicate_ids_in_a_json_array_name_both_items(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text("[" + ",".join([_line("a"), _line("a", "y")]) + "]")
    with pytest.raises(ValidationError) as exc:
        Register.load_json(path)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("[1].id", "kotakerja.register.duplicate_id")
    ]


def test_convert_to_json_writes_only_what_it_can_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kotakerja.cli import main
    from kotakerja.register import _storage

    source = tmp_path / "r.jsonl"
    Register([Slip(id=f"r{i}", text="x" * 40) for i in range(40)]).save_jsonl(source)
    target = tmp_path / "r.json"
    assert main(["convert", str(source), str(target)]) == 0
    assert len(Register.load_json(target)) == 40
    target.unlink()
    # the writer's limit is the reader's: with a small one, nothing is written
    real = _storage.write_json
    monkeypatch.setattr(
        _storage, "write_json", lambda path, records, **kw: real(path, records, max_size=1000)
    )
    from kotakerja.register import _register

    monkeypatch.setattr(_register, "write_json", _storage.write_json)
    assert main(["convert", str(source), str(target)]) == 2
    assert "the limit is 1000" in capsys.readouterr().err
    assert not target.exists()


def test_an_empty_json_array_is_an_empty_register(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text("[]")
    assert len(Register.load_json(tmp_path / "r.json")) == 0


def test_a_folder_named_like_a_record_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.json").mkdir()
    (tmp_path / "b.json").write_text(_line("b"))
    assert [r.id for r in Register.load_folder(tmp_path)] == ["b"]


def test_validate_reports_duplicate_ids_with_their_rows_and_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kotakerja.cli import main

    table = tmp_path / "t.csv"
    table.write_text(_csv("test_storage_slip,1.0,a,x,,,", "test_storage_slip,1.0,a,y,,,"))
    lines = tmp_path / "t.jsonl"
    lines.write_text(_line("a") + "\n" + _line("a") + "\n")
    assert main(["validate", str(table), str(lines)]) == 1
    out = capsys.readouterr().out
    assert (
        f"{table}:3: id: id 'a' is already used on row 2 [kotakerja.register.duplicate_id]" in out
    )
    assert (
        f"{lines}:2: id: id 'a' is already used on line 1 [kotakerja.register.duplicate_id]" in out
    )
