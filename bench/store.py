"""Benchmark the store: importing 100,000 records and querying them, SQLite and PostgreSQL.

    python bench/store.py                        # 100,000 records, SQLite only
    python bench/store.py --postgresql auto      # also PostgreSQL, on a throwaway server
    python bench/store.py --postgresql URL --records 20000 --json out.json

The records are the bundled examples, copied with new ids, their dates moved by a
different number of days per copy and their regions changed, so that each query
below returns a realistic handful of records rather than thousands. Targets:

- import (``kotakerja db import``) at most 2x the time of `Register.load_jsonl`
  on the same file, with a peak resident memory under 150 MB;
- ``expiring_within``, ``overdue_follow_ups``, ``referring_to`` and ``by_region``
  under 20 ms each on SQLite (30 ms on PostgreSQL), each returning at most 100
  records.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import kotakerja
from kotakerja import Record, from_dict, to_dict
from kotakerja.serialization._json import dumps

_FULL = re.compile(r"^(\d{4}-\d{2}-\d{2})(.*)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _regions() -> tuple[list[str], list[str]]:
    """Provinces and regencies/cities on western Indonesian time, as codes."""
    jakarta = [r for r in kotakerja.all_regions() if r.time_zone == "Asia/Jakarta"]
    return (
        sorted(r.code for r in jakarta if r.is_province),
        sorted(r.code for r in jakarta if not r.is_province),
    )


def _copy(data: Any, k: int, shift: int, places: dict[str, str]) -> Any:
    if isinstance(data, dict):
        if set(data) == {"type", "id"}:
            return {"type": data["type"], "id": f"{data['id']}-{k}"}
        return {key: _copy(value, k, shift, places) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(v, k, shift, places) for v in data]
    if isinstance(data, str):
        if data in places:
            return places[data]
        m = _FULL.match(data)
        if m:
            day = dt.date.fromisoformat(m.group(1)) + dt.timedelta(days=shift)
            return day.isoformat() + m.group(2)
        m = _MONTH.match(data)
        if m:
            months = int(m.group(1)) * 12 + int(m.group(2)) - 1 + shift // 30
            return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return data


def generate(count: int) -> Iterator[Record]:
    """At least `count` valid records: whole copies of the examples, each self-contained."""
    base = [to_dict(r) for r in kotakerja.examples()]
    provinces, regencies = _regions()
    # Every other copy moves Bandar Lampung (named by four records of each copy) to a
    # regency of a pool kept apart: each of those is then named by about 70 records.
    apart, regencies = regencies[-120:], regencies[:-120]
    made = k = 0
    while made < count:
        shift = (k * 7919) % 3650 - 1825
        places = {
            "31": provinces[k % len(provinces)],
            "33.72": regencies[k % len(regencies)],
            "35.71": regencies[(k * 7 + 3) % len(regencies)],
            "18.71": (
                apart[(k // 2) % len(apart)] if k % 2 else regencies[(k * 13 + 5) % len(regencies)]
            ),
        }
        copies = []
        try:
            for doc in base:
                d = _copy(doc, k, shift, places)
                d["id"] = f"{doc['id']}-{k}"
                if d["type"] == "mou" and "term" not in d:
                    d["term"] = {"years": 1 + k % 5}
                copies.append(from_dict(Record, d))
            kotakerja.Register(copies)
        except kotakerja.ValidationError:
            k += 1
            continue
        yield from copies
        made += len(copies)
        k += 1


def _child(code: str) -> tuple[float, float]:
    """CPU seconds and peak resident MB of `code` run in a fresh interpreter.

    CPU time rather than wall time: on a shared machine the wall clock measures the
    neighbours too. The peak is the child's own high-water mark (``VmHWM``), not
    ``ru_maxrss``: on Linux a child's ``ru_maxrss`` starts at the peak of the process
    that started it, so it reported this benchmark's own memory whenever that was larger.
    """
    wrapped = (
        "import resource, time, sys\n"
        f"{code}\n"
        "u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "peak = u.ru_maxrss\n"
        "try:\n"
        "    with open('/proc/self/status') as f:\n"
        "        peak = next(int(x.split()[1]) for x in f if x.startswith('VmHWM:'))\n"
        "except OSError:\n"
        "    pass\n"
        "print(u.ru_utime + u.ru_stime, peak, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapped], check=True, capture_output=True, text=True
    )
    seconds, peak_kb = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(peak_kb) / 1024


def _timed(fn: Callable[[], Any], repeat: int = 7) -> tuple[float, float, int]:
    """Milliseconds of the first call (nothing decoded yet) and the median of the next."""
    start = time.perf_counter()
    fn()
    cold = (time.perf_counter() - start) * 1000
    times = []
    size = 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        size = len(result)
    return cold, statistics.median(times) * 1000, size


def query_times(target: kotakerja.Store | kotakerja.Register) -> dict[str, float]:
    """First-call and repeated times (ms) and answer sizes of the four timed queries.

    `target` is a store or a register holding the records of `generate`.
    """
    # Days on which each query finds a handful of the copies: a month before the end
    # of the first copy's MoU, and a month after the first follow-up due date.
    first = target.get("mou-kadin-kediri-surakarta-2021-0")
    ends = first.possible_end() if isinstance(first, kotakerja.Document) else None
    assert ends is not None
    expiring_on = kotakerja.PartialDate.of(ends[0].subtract(days=30))
    dues = [
        e.follow_up.due.latest()
        for e in target.open_follow_ups(on=kotakerja.PartialDate.parse("2099"))
        if e.follow_up.due is not None
    ]
    overdue_on = kotakerja.PartialDate.of(min(dues).add(days=60))
    mou = target.get("mou-jakarta-shanghai-2020-0")
    rare = _regions()[1][-1]  # one of the pool kept apart in `generate`
    if isinstance(target, kotakerja.Store):
        target._cache.clear()  # nothing decoded yet: the first calls start cold
    queries: dict[str, Callable[[], Any]] = {
        "expiring_within": lambda: target.expiring_within(30, on=expiring_on),
        "overdue_follow_ups": lambda: target.overdue_follow_ups(on=overdue_on),
        "referring_to": lambda: target.referring_to(mou),
        "by_region": lambda: target.by_region(rare),
    }
    out: dict[str, float] = {}
    for name, fn in queries.items():
        cold, ms, size = _timed(fn)
        out[f"{name}_first_ms"] = round(cold, 1)
        out[f"{name}_ms"] = round(ms, 1)
        out[f"{name}_count"] = size
    return out


def measure(url: str, path: Path, records: int) -> dict[str, Any]:
    """Import time and memory, and the query times, on one database."""
    load = f"import kotakerja; kotakerja.Register.load_jsonl({str(path)!r})"
    run = f"from kotakerja.cli import main; main(['db', 'import', {str(path)!r}, '--db', {url!r}])"
    load_s, load_mb = _child(load)
    import_s, import_mb = _child(run)
    out: dict[str, Any] = {
        "records": records,
        "load_jsonl_cpu_s": round(load_s, 2),
        "load_jsonl_peak_mb": round(load_mb, 1),
        "import_cpu_s": round(import_s, 2),
        "import_ratio": round(import_s / load_s, 2),
        "import_peak_mb": round(import_mb, 1),
    }
    with kotakerja.open_store(url) as store:
        assert len(store) == records
        out.update(query_times(store))
    return out


def _postgresql() -> Iterator[str]:
    """Start a throwaway PostgreSQL server; yield the URL of an empty database."""
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl is None:
        raise SystemExit("pg_ctl is not on the PATH")
    bindir = Path(os.path.realpath(pg_ctl)).parent
    base = Path(tempfile.mkdtemp(prefix="kotakerja-bench-pg-"))
    runner: list[str] = []
    if os.geteuid() == 0:
        import pwd

        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        runner = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = base / "data"
    subprocess.run([*runner, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "bench"],
                   check=True, capture_output=True)  # fmt: skip
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1"
    subprocess.run([*runner, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"),
                    "-w", "start", "-o", options], check=True, capture_output=True)  # fmt: skip
    try:
        yield f"postgresql+psycopg://bench@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*runner, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                        "stop"], check=False, capture_output=True)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--postgresql", help="a database URL, or 'auto' for a throwaway server")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kotakerja-bench-"))
    try:
        path = work / "records.jsonl"
        count = 0
        with path.open("w", encoding="utf-8") as f:
            for record in generate(args.records):
                f.write(dumps(to_dict(record)) + "\n")
                count += 1
        results = {"sqlite": measure(f"sqlite:///{work / 'store.db'}", path, count)}
        if args.postgresql == "auto":
            servers = _postgresql()
            results["postgresql"] = measure(next(servers), path, count)
            servers.close()
        elif args.postgresql:
            results["postgresql"] = measure(args.postgresql, path, count)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
