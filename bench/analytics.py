"""Benchmark the register's indexes and the Arrow/Parquet export on generated registers.

    pip install -e ".[arrow,bench]" duckdb
    python bench/analytics.py                 # 50,000 records for the register, 100,000 for Parquet
    python bench/analytics.py --quick         # 5,000 and 10,000

Records are copies of the bundled examples under fresh ids, references rewritten so
that every copy is a valid register of its own (MoUs, meetings, events, shipments and
releases pointing to each other). Targets, checked at the end (exit status 1 if missed):

* `Register.with_records` (one record), `Register.without` (one record) and
  `Register.referring_to` each under 5 ms at 50,000 records;
* `kotakerja.write_parquet` at most 3 times `Register.save_jsonl` of the same records;
* DuckDB counting records per type and region over the Parquet folder in under 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import kotakerja
from kotakerja import Record, Register


def generate(n: int) -> list[Record]:
    """About `n` records: copies of the bundled examples, ids suffixed with the copy number."""
    examples = list(kotakerja.examples())
    ids = sorted((r.id for r in examples), key=len, reverse=True)
    pattern = re.compile('"(' + "|".join(re.escape(i) for i in ids) + ')"')
    bodies = [kotakerja.to_json(r) for r in examples]
    out: list[Record] = []
    copy = 0
    while len(out) < n:
        for body in bodies:
            text = pattern.sub(lambda m, c=copy: f'"{m.group(1)}-{c}"', body)  # type: ignore[misc]
            out.append(kotakerja.from_json(kotakerja.Record, text))
        copy += 1
    return out[: n - n % len(bodies)] if n >= len(bodies) else out


def best_of(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_register(n: int) -> dict[str, float]:
    records = generate(n)
    start = time.perf_counter()
    reg = Register(records)
    built = time.perf_counter() - start
    # a new meeting pointing to records already there (its references are checked)
    meeting = next(r for r in records if r.TYPE == "meeting" and reg.references(r))
    body = json.loads(kotakerja.to_json(meeting))
    body["id"] = "bench-extra"
    one = kotakerja.from_dict(kotakerja.Record, body)
    # a meeting that nothing points to can go; an MoU many records point to is the target
    leaf = next(r for r in reversed(records) if not reg.referring_to(r))
    target = next(r for r in records if r.TYPE == "mou")
    replaced = reg.get(leaf.id)
    reg.referring_to(target)  # the index is built on first use
    return {
        "records": len(reg),
        "build_s": built,
        "with_records_ms": best_of(lambda: reg.with_records(one)) * 1000,
        "with_records_replace_ms": best_of(lambda: reg.with_records(replaced, replace=True)) * 1000,
        "without_ms": best_of(lambda: reg.without(leaf.id)) * 1000,
        "referring_to_ms": best_of(lambda: reg.referring_to(target)) * 1000,
    }


def bench_parquet(n: int) -> dict[str, float]:
    import duckdb

    records = generate(n)
    reg = Register(records)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "parquet"
        jsonl = best_of(lambda: reg.save_jsonl(Path(tmp) / "all.jsonl"), 3)
        parquet = best_of(lambda: kotakerja.write_parquet(reg, folder), 3)
        types = ("mou", "agreement", "meeting", "event", "export_shipment", "export_release")
        files = ", ".join(f"'{folder}/{name}.parquet'" for name in types)
        query = f"""
            SELECT type, region, count(*) AS records FROM (
                SELECT regexp_extract(filename, '([a-z_]+)\\.parquet$', 1) AS type,
                       unnest(regions) AS region
                FROM read_parquet([{files}], union_by_name = true, filename = true)
            ) GROUP BY ALL
        """
        con = duckdb.connect()
        counted = best_of(lambda: con.sql(query).fetchall(), 3)
    return {
        "records": len(reg),
        "save_jsonl_s": jsonl,
        "write_parquet_s": parquet,
        "parquet_over_jsonl": parquet / jsonl,
        "duckdb_counts_s": counted,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the records")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    results = {
        "register": bench_register(50_000 // scale),
        "parquet": bench_parquet(100_000 // scale),
    }
    for part, numbers in results.items():
        for name, value in numbers.items():
            print(f"{part:9} {name:26} {value:10.3f}")
    missed = [
        name
        for name, ok in [
            ("with_records", results["register"]["with_records_ms"] < 5),
            ("with_records replace", results["register"]["with_records_replace_ms"] < 5),
            ("without", results["register"]["without_ms"] < 5),
            ("referring_to", results["register"]["referring_to_ms"] < 5),
            ("parquet vs jsonl", results["parquet"]["parquet_over_jsonl"] <= 3),
            ("duckdb counts", results["parquet"]["duckdb_counts_s"] < 0.5),
        ]
        if not ok
    ]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if missed:
        print("missed:", ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
