"""Writes that cannot lose a record: permissions, locked appends, saves killed half-way."""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

from kotakerja import Record
from kotakerja.register import Register, append_jsonl, atomic_write, iter_jsonl

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@attrs.frozen(kw_only=True)
class Entry(Record):
    """A record type used only by these tests."""

    TYPE: ClassVar[str] = "test_storage_entry"

    text: str


@pytest.fixture
def fast_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory where the system has one, so that the many fsyncs cost little."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# Permissions ----------------------------------------------------------------------------

_SAVES: dict[str, Callable[[Register, Path], Path]] = {
    "jsonl": lambda reg, d: (reg.save_jsonl(d / "r.jsonl"), d / "r.jsonl")[1],
    "json": lambda reg, d: (reg.save_json(d / "r.json"), d / "r.json")[1],
    "csv": lambda reg, d: (reg.save_csv(d / "r.csv"), d / "r.csv")[1],
    "folder": lambda reg, d: (reg.save_folder(d / "f"), d / "f" / "a.json")[1],
}


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    before = os.umask(0o022)
    os.umask(before)
    yield os.umask
    os.umask(before)


@pytest.mark.parametrize("kind", sorted(_SAVES))
@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_a_new_file_follows_the_umask(
    tmp_path: Path, umask: Callable[[int], None], kind: str, mask: int
) -> None:
    umask(mask)
    path = _SAVES[kind](Register([Entry(id="a", text="x")]), tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize("kind", sorted(_SAVES))
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_an_overwritten_file_keeps_its_mode(
    tmp_path: Path, umask: Callable[[int], None], kind: str, mode: int
) -> None:
    umask(0o077)
    reg = Register([Entry(id="a", text="x")])
    path = _SAVES[kind](reg, tmp_path)
    path.chmod(mode)
    _SAVES[kind](Register([Entry(id="a", text="y")]), tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_atomic_write_leaves_no_temporary_file_when_the_text_fails(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")

    def chunks() -> Iterator[str]:
        yield "new"
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        atomic_write(path, chunks())
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_temporary_files_of_a_killed_save_are_ignored_and_later_removed(tmp_path: Path) -> None:
    reg = Register([Entry(id="a", text="x")])
    reg.save_folder(tmp_path)
    stale = tmp_path / ".a.json.0123456789ab.tmp"
    stale.write_text('{"half": ')
    fresh = tmp_path / ".b.json.0123456789ab.tmp"
    fresh.write_text('{"type": "test_storage_entry", "schema_version": "1.0", "id": "a", ')
    assert Register.load_folder(tmp_path) == reg
    old = time.time() - 3600
    os.utime(stale, (old, old))
    reg.save_folder(tmp_path)
    assert not stale.exists()
    assert fresh.exists()  # perhaps a save in progress: left alone
    assert Register.load_folder(tmp_path) == reg


# Concurrent appends ---------------------------------------------------------------------


def _children(count: int, work: Callable[[int], None]) -> list[int]:
    """Run `work(i)` in `count` forked processes that start together; their exit codes."""
    start_r, start_w = os.pipe()
    pids = []
    for i in range(count):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            code = 1
            try:
                os.close(start_w)
                os.read(start_r, 1)
                work(i)
                code = 0
            finally:
                os._exit(code)
        pids.append(pid)
    os.close(start_r)
    os.write(start_w, b"go" * count)
    os.close(start_w)
    return [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]


@pytest.mark.parametrize("round_", [1, 2, 3])
def test_four_processes_appending_at_once_lose_nothing(fast_dir: Path, round_: int) -> None:
    path = fast_dir / "log.jsonl"
    per_process = 2000

    def work(i: int) -> None:
        for n in range(per_process):
            append_jsonl(path, Entry(id=f"p{i}-{n}", text="x" * (n % 50 + 1)))

    assert _children(4, work) == [0, 0, 0, 0]
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    assert b"" not in lines[:-1], "a blank line was written"
    assert len(lines) - 1 == 4 * per_process
    results = list(iter_jsonl(path, max_problems=None))
    assert all(r.ok for r in results)
    assert {r.record.id for r in results if r.record} == {
        f"p{i}-{n}" for i in range(4) for n in range(per_process)
    }


# Saves killed at random points ----------------------------------------------------------

_IDS = ("r0", "R0", "r:0", "r_0", "r1", "R1", "r:1", "r_1")


def _state(k: int) -> Register:
    """The register the writer saves at step `k`: ids that differ in case and ':'/'_' only."""
    return Register([Entry(id=i, text=f"v{k}") for i in _IDS[: k % len(_IDS) + 1]])


def _save(kind: str, target: Path, k: int) -> None:
    if kind == "append":
        append_jsonl(target, Entry(id=f"a{k}", text="x" * (k * 7919 % 5000 + 1)))  # across pages
    elif kind == "jsonl":
        _state(k).save_jsonl(target)
    elif kind == "csv":
        _state(k).save_csv(target)
    else:
        _state(k).save_folder(target)


def _load(kind: str, target: Path) -> Register:
    if kind in ("append", "jsonl"):
        return Register.load_jsonl(target)
    if kind == "csv":
        return Register.load_csv(target)
    return Register.load_folder(target)


def _check(kind: str, loaded: Register, done: int) -> int:
    """Whether the register on disk holds everything saved up to step `done`; the step now."""
    if kind == "append":
        ids = {r.id for r in loaded}
        assert ids in ({f"a{k}" for k in range(done + 1)}, {f"a{k}" for k in range(done + 2)})
        return len(ids) - 1
    if kind in ("jsonl", "csv"):
        assert loaded in (_state(done), _state(done + 1))
        return done if loaded == _state(done) else done + 1
    before, after = _state(done), _state(done + 1)
    for record in loaded:  # every file is the old record or the new one, whole
        assert record in before or record in after
    both = {r.id for r in before} & {r.id for r in after}
    assert both <= {r.id for r in loaded}
    return done


def _kill_mid_write(kind: str, target: Path, start: int, rng: random.Random) -> int:
    """Fork a writer saving steps `start`, `start + 1`, ...; kill it; the last step it finished."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.close(read_end)
            k = start
            while True:
                _save(kind, target, k)
                os.write(write_end, f"{k}\n".encode())
                k += 1
        finally:
            os._exit(1)
    os.close(write_end)
    time.sleep(rng.uniform(0.0, 0.015))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as reports:
        steps = reports.read().split()
    return int(steps[-1]) if steps else start - 1


@pytest.mark.parametrize("kind", ["append", "jsonl", "csv", "folder"])
def test_a_writer_killed_at_any_point_loses_no_saved_record(fast_dir: Path, kind: str) -> None:
    rng = random.Random(f"kill-{kind}")
    target = fast_dir / {"append": "r.jsonl", "jsonl": "r.jsonl", "csv": "r.csv"}.get(kind, "f")
    _save(kind, target, 0)
    done = 0
    for _ in range(50):  # 200 kills over the four kinds
        finished = _kill_mid_write(kind, target, done + 1, rng)
        done = max(done, finished)
        done = _check(kind, _load(kind, target), done)


def test_an_append_cut_short_is_skipped_and_then_removed(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    append_jsonl(path, Entry(id="a", text="x"))
    whole = path.read_bytes()
    path.write_bytes(whole + b'{"type":"test_storage_entry","schema_version":"1.0","id":"b","te')
    assert [r.id for r in Register.load_jsonl(path)] == ["a"]
    append_jsonl(path, Entry(id="c", text="x"))
    assert [r.id for r in Register.load_jsonl(path)] == ["a", "c"]
    assert path.read_bytes().count(b"\n") == 2


def test_a_last_line_without_line_end_is_kept_when_whole_or_reported_when_bad(
    tmp_path: Path,
) -> None:
    from kotakerja import ValidationError

    path = tmp_path / "log.jsonl"
    append_jsonl(path, Entry(id="a", text="x"))
    path.write_bytes(path.read_bytes().rstrip(b"\n"))  # as an editor may save it
    append_jsonl(path, Entry(id="b", text="x"))
    assert [r.id for r in Register.load_jsonl(path)] == ["a", "b"]
    path.write_bytes(path.read_bytes() + b'{"id": "typed by hand"')
    with pytest.raises(ValidationError) as exc:
        Register.load_jsonl(path)
    assert exc.value.codes == ("kotakerja.json.invalid",)
