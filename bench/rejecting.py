"""Time the detailed validation path: rejecting invalid documents.

    python bench/rejecting.py            # 10,000 rejections of each document

Valid documents never reach the detailed path (the generated fast path builds
them); it runs only when the fast path gives up, so its cost is the cost of
saying what is wrong with a document. Each line is the best of three runs.
"""

from __future__ import annotations

import argparse
import copy
import json
import pathlib
import time
from collections.abc import Callable
from typing import Any

import kotakerja
from kotakerja import Mou, Package, ValidationError

_FIXTURE = pathlib.Path(__file__).parent.parent / "tests" / "fixtures" / "records-1.0.jsonl"


def _mou() -> dict[str, Any]:
    for line in _FIXTURE.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["type"] == "mou" and len(doc["parties"]) == 2 and "signatures" in doc:
            doc["schema_version"] = Mou.SCHEMA_VERSION
            return dict(doc)
    raise LookupError("no MoU in the fixture")


def _documents() -> dict[str, tuple[type, dict[str, Any]]]:
    broken = _mou()
    broken["title"] = ""
    broken["scheme"] = 12
    broken["signatures"] = copy.deepcopy(broken["signatures"])
    broken["signatures"][1]["date"] = "2020-13-45"
    broken["surplus"] = True
    missing = _mou()
    del missing["title"]
    return {
        "package, one bad field": (Package, {"count": 0, "kind": "CT", "marks": "BATIK " * 100}),
        "mou, four problems": (Mou, broken),
        "mou, missing title": (Mou, missing),
    }


def _time(fn: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10_000)
    args = parser.parse_args()
    for name, (cls, doc) in _documents().items():

        def reject(cls: type = cls, doc: dict[str, Any] = doc, name: str = name) -> None:
            for _ in range(args.n):
                try:
                    kotakerja.from_dict(cls, doc)
                except ValidationError:
                    pass
                else:
                    raise AssertionError(f"{name} was accepted")

        reject()
        seconds = _time(reject)
        each = seconds / args.n * 1e6
        print(f"{name:<26} {args.n:>7} rejections {seconds:7.3f} s  {each:6.1f} µs each")


if __name__ == "__main__":
    main()
