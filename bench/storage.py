"""Time and memory of register storage: bounded readers, locked appends, folder saves.

    python bench/storage.py            # a register of 6,900 records
    python bench/storage.py --copies 50

Prints, for the bundled examples copied until the register is large: the size of
each format on disk, the time to save and load it, the peak memory Python holds
while loading (tracemalloc), the time of 2,000 appends by one process and by four
at once, and the time the nesting check takes on the JSON Lines text. Memory of
the streaming readers (JSON Lines, CSV) follows the largest record; the ``.json``
reader holds the whole document.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import attrs

import kotakerja
from kotakerja import Mou, Register
from kotakerja.register import append_jsonl
from kotakerja.register._storage import check_depth


def _timed(fn: Callable[[], object]) -> tuple[float, int]:
    tracemalloc.start()
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak


def _register(copies: int) -> Register:
    base = kotakerja.examples()
    return Register(
        [attrs.evolve(r, id=f"{r.id}-{i}") for i in range(copies) for r in base],
        check_references=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=300)
    args = parser.parse_args()
    reg = _register(args.copies)
    folder = Path(tempfile.mkdtemp())
    print(f"{len(reg)} records")
    saves: dict[str, tuple[Callable[[], object], Callable[[], object], Path]] = {
        "jsonl": (
            lambda: reg.save_jsonl(folder / "r.jsonl"),
            lambda: Register.load_jsonl(folder / "r.jsonl", check_references=False),
            folder / "r.jsonl",
        ),
        "json": (
            lambda: reg.save_json(folder / "r.json"),
            lambda: Register.load_json(folder / "r.json", check_references=False),
            folder / "r.json",
        ),
        "csv (mou)": (
            lambda: reg.save_csv(folder / "r.csv", Mou),
            lambda: Register.load_csv(folder / "r.csv", check_references=False),
            folder / "r.csv",
        ),
        "folder": (
            lambda: reg.save_folder(folder / "f"),
            lambda: Register.load_folder(folder / "f", check_references=False),
            folder / "f",
        ),
    }
    for name, (save, load, path) in saves.items():
        saved, _ = _timed(save)
        loaded, peak = _timed(load)
        size = (
            sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
        )
        print(
            f"{name:10} {size / 1e6:7.1f} MB  save {saved:6.2f} s  load {loaded:6.2f} s  "
            f"load peak {peak / 1e6:7.1f} MB"
        )
    text = (folder / "r.jsonl").read_bytes()
    checked, _ = _timed(lambda: [check_depth(line) for line in text.splitlines()])
    print(f"nesting check over the JSON Lines text: {checked:.3f} s")

    record = next(iter(reg))
    log = folder / "log.jsonl"
    alone, _ = _timed(
        lambda: [append_jsonl(log, attrs.evolve(record, id=f"x{i}")) for i in range(2000)]
    )
    print(f"2,000 appends, one process: {alone:.2f} s")
    shared = folder / "shared.jsonl"
    start = time.perf_counter()
    pids = []
    for p in range(4):
        pid = os.fork()
        if pid == 0:
            try:
                for i in range(2000):
                    append_jsonl(shared, attrs.evolve(record, id=f"p{p}-{i}"))
            finally:
                os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    print(f"4 x 2,000 appends at once: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
