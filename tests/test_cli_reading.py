"""The command reads through the library's bounded readers: one set of size and line limits."""

from __future__ import annotations

import inspect
import io
import json
from pathlib import Path

import pytest

import kotakerja
from kotakerja import ValidationError, cli
from kotakerja.cli import main
from kotakerja.register import bounded_lines, iter_jsonl, read_bounded

MOU = kotakerja.examples().get("mou-umkm-kediri-surakarta-2021")


def test_the_command_keeps_no_line_reader_of_its_own() -> None:
    source = inspect.getsource(cli)
    assert "readline(" not in source
    assert ".read(max_size + 1)" not in source.replace("sys.stdin.read(max_size + 1)", "")


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_the_command_and_the_library_agree_on_the_longest_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, end: str
) -> None:
    line = kotakerja.to_json(MOU)
    limit = len(line.encode("utf-8"))
    path = tmp_path / "reg.jsonl"
    path.write_bytes((line + end).encode("utf-8"))
    monkeypatch.setattr(cli, "DEFAULT_MAX_SIZE", limit)
    assert main(["validate", "-q", "--no-warnings", str(path)]) == 0
    assert [r.ok for r in iter_jsonl(path, max_size=limit)] == [True]
    monkeypatch.setattr(cli, "DEFAULT_MAX_SIZE", limit - 1)
    assert main(["validate", "-q", "--no-warnings", "--problems", "json", str(path)]) == 1
    (problem,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert (problem["line"], problem["code"]) == (1, "kotakerja.json.too_large")
    (result,) = iter_jsonl(path, max_size=limit - 1)
    assert result.error is not None
    assert result.error.errors[0].code == "kotakerja.storage.too_large"


def test_bounded_lines_stops_after_a_long_line_or_reads_past_it() -> None:
    data = b"x" * 25 + b"\n" + b"ok\r\n" + b"y" * 40 + b"\n" + b"end"
    assert list(bounded_lines(io.BytesIO(data), 10)) == [(1, None)]
    assert list(bounded_lines(io.BytesIO(data), 10, skip_long=True)) == [
        (1, None),
        (2, b"ok\r\n"),
        (3, None),
        (4, b"end"),
    ]
    assert list(bounded_lines(io.BytesIO(b"a" * 10 + b"\r\n"), 10)) == [(1, b"a" * 10 + b"\r\n")]
    assert list(bounded_lines(io.BytesIO(b"a" * 11 + b"\n"), 10)) == [(1, None)]


def test_bounded_lines_refuses_more_than_max_total_in_all() -> None:
    data = b"1234\n" * 10
    assert len(list(bounded_lines(io.BytesIO(data), 10, max_total=50))) == 10
    with pytest.raises(ValidationError) as exc:
        list(bounded_lines(io.BytesIO(data), 10, max_total=49))
    assert exc.value.errors[0].code == "kotakerja.storage.too_large"
    # a long line skipped counts too
    with pytest.raises(ValidationError):
        list(bounded_lines(io.BytesIO(b"z" * 100 + b"\nok\n"), 10, skip_long=True, max_total=60))


def test_read_bounded_refuses_one_byte_more() -> None:
    assert read_bounded(io.BytesIO(b"a" * 8), 8) == b"a" * 8
    with pytest.raises(ValidationError, match="the limit is 7"):
        read_bounded(io.BytesIO(b"a" * 8), 7)


def test_a_jsonl_file_growing_past_max_size_while_read_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "reg.jsonl"
    path.write_text(kotakerja.to_json(MOU) + "\n", encoding="utf-8")
    size = path.stat().st_size
    real = cli.bounded_lines

    def growing(handle: io.BufferedReader, *args: object, **kw: object) -> object:
        with path.open("a", encoding="utf-8") as more:
            more.write(kotakerja.to_json(MOU) + "\n")
        return real(handle, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "bounded_lines", growing)
    assert main(["validate", "-q", "--max-size", str(size), str(path)]) == 2
    assert f"kotakerja: {path}: more than {size} bytes; the limit is {size}" in (
        capsys.readouterr().err
    )
