"""Benchmark kotakerja against equivalent pydantic v2 and msgspec models, in one run.

    pip install -e ".[bench]"
    python bench/run.py                 # full table
    python bench/run.py --quick --json out.json

Every ratio is kotakerja's time (or size) divided by the other's: below 1 means
kotakerja wins. Each shape (an MoU with parties, signatures and topics, ...) is
defined three ways in one self-contained block that ends with ``SHAPES.append``;
a headline ratio sums the times of all shapes. Documents are serialized exactly
as `kotakerja.to_json` writes them.

To add a shape, copy the MoU block: the pydantic model, the msgspec struct, a
deterministic ``make_*`` function returning kotakerja objects, and one
``SHAPES.append(Shape(...))``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import msgspec
import pydantic

import kotakerja
from kotakerja import (
    Mou,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    Person,
    Position,
    RoleClass,
    Scheme,
    Signature,
    SigningMethod,
    all_regions,
)
from kotakerja.register import iter_jsonl


@dataclass(frozen=True)
class Shape:
    """One document shape, defined the same way in the three libraries."""

    name: str
    kotakerja_type: type
    pydantic_model: type[pydantic.BaseModel]
    msgspec_struct: type
    make: Callable[[int], list[Any]]
    """Deterministic kotakerja objects, sized like real records."""


SHAPES: list[Shape] = []


# Shape: MoU -------------------------------------------------------------------------------

CODE = r"^[0-9]{2}(\.[0-9]{2})?$"
DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
Method = Literal["in_person", "post", "electronic"]
SchemeName = Literal["ksdd", "ksdpk", "ksdpl", "ksdll", "business", "other"]


class POrg(pydantic.BaseModel, extra="forbid", strict=True):
    name: Annotated[str, pydantic.Field(min_length=1, max_length=300)]
    kind: str
    region: Annotated[str, pydantic.Field(pattern=CODE)] | None = None


class PParty(pydantic.BaseModel, extra="forbid", strict=True):
    region: Annotated[str, pydantic.Field(pattern=CODE)] | None = None
    organization: POrg | None = None
    document_number: str | None = None


class PPerson(pydantic.BaseModel, extra="forbid", strict=True):
    name: Annotated[str, pydantic.Field(min_length=1)]


class PPosition(pydantic.BaseModel, extra="forbid", strict=True):
    title: Annotated[str, pydantic.Field(min_length=1)]
    role: str
    acting: Literal["definitive", "pj", "plt", "pjs"] = "definitive"


class PSignature(pydantic.BaseModel, extra="forbid", strict=True):
    party: Annotated[int, pydantic.Field(ge=0)]
    signatory: PPerson | None = None
    position: PPosition | None = None
    date: Annotated[str, pydantic.Field(pattern=DATE)] | None = None
    method: Method = "in_person"


class PMou(pydantic.BaseModel, extra="forbid", strict=True):
    type: Literal["mou"]
    schema_version: str
    id: Annotated[str, pydantic.Field(pattern=ID)]
    title: Annotated[str, pydantic.Field(min_length=1, max_length=1000)]
    scheme: SchemeName
    topics: list[str] = []
    parties: Annotated[list[PParty], pydantic.Field(min_length=2)]
    signatures: list[PSignature] = []
    kind: str = "kesepakatan_bersama"


class MOrg(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
    kind: str
    region: Annotated[str, msgspec.Meta(pattern=CODE)] | None = None


class MParty(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    region: Annotated[str, msgspec.Meta(pattern=CODE)] | None = None
    organization: MOrg | None = None
    document_number: str | None = None


class MPerson(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(min_length=1)]


class MPosition(msgspec.Struct, forbid_unknown_fields=True):
    title: Annotated[str, msgspec.Meta(min_length=1)]
    role: str
    acting: Literal["definitive", "pj", "plt", "pjs"] = "definitive"


class MSignature(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    party: Annotated[int, msgspec.Meta(ge=0)]
    signatory: MPerson | None = None
    position: MPosition | None = None
    date: Annotated[str, msgspec.Meta(pattern=DATE)] | None = None
    method: Method = "in_person"


class MMou(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    type: Literal["mou"]
    schema_version: str
    id: Annotated[str, msgspec.Meta(pattern=ID)]
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]
    scheme: SchemeName
    parties: Annotated[list[MParty], msgspec.Meta(min_length=2)]
    topics: list[str] = []
    signatures: list[MSignature] = []
    kind: str = "kesepakatan_bersama"


def make_mous(n: int) -> list[Mou]:
    """Deterministic business MoUs between chambers of two regions, signed in person."""
    regions = [r for r in all_regions() if not r.is_province]
    out = []
    for i in range(n):
        a, b = regions[i % len(regions)], regions[(i * 7 + 3) % len(regions)]
        day = PartialDate(year=2015 + i % 10, month=1 + i % 12, day=1 + i % 28)
        parties = tuple(
            Party(
                organization=Organization(
                    name=f"Kadin {r.short_name}",
                    kind=OrganizationKind.CHAMBER_OF_COMMERCE,
                    region=r,
                ),
                document_number=f"{i:04d}/KADIN/{r.code}/{day.year}",
            )
            for r in (a, b)
        )
        signatures = tuple(
            Signature(
                party=k,
                signatory=Person(name=f"Ketua {k} {i}"),
                position=Position(title=f"Ketua {p.name}", role=RoleClass.CHAIR),
                date=day,
                method=SigningMethod.IN_PERSON,
            )
            for k, p in enumerate(parties)
        )
        out.append(
            Mou(
                id=f"mou-bench-{i}",
                title=f"Kerja sama business to business {a.short_name} dan {b.short_name}",
                scheme=Scheme.BUSINESS,
                topics=("umkm", "trade", "tourism"),
                parties=parties,
                signatures=signatures,
            )
        )
    return out


SHAPES.append(Shape("mou", Mou, PMou, MMou, make_mous))


# Timing ---------------------------------------------------------------------------------


def best_of(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def size_of(build: Callable[[], list[Any]]) -> float:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    objects = build()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / len(objects)


def import_time(code: str, repeat: int) -> float:
    """Median wall time of a fresh interpreter running `code`, with bytecode caches warm.

    Installed packages have their bytecode compiled at install time; a source
    checkout run with PYTHONDONTWRITEBYTECODE would compile kotakerja on every run
    and not its dependencies. A private cache directory, warmed once for both
    sides, measures them alike without writing into the source tree.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as cache:
        env["PYTHONPYCACHEPREFIX"] = cache
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def jsonl_per_record(n: int, template: list[Any]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "reg.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i in range(n):
                m = template[i % len(template)]
                f.write(kotakerja.to_json(m).replace(m.id, f"{m.id}-{i}") + "\n")
        t0 = time.perf_counter()
        count = sum(1 for r in iter_jsonl(path) if r.ok)
        elapsed = time.perf_counter() - t0
        assert count == n
        tracemalloc.start()
        for _ in iter_jsonl(path):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return elapsed / n, peak


@dataclass
class Measured:
    """Seconds (or bytes) per library for one measure of one shape: kotakerja, pydantic, msgspec."""

    k: float
    p: float
    m: float


def measure_shape(shape: Shape, n: int, repeat: int) -> dict[str, Measured]:
    objs = shape.make(n)
    cls, pm, ms = shape.kotakerja_type, shape.pydantic_model, shape.msgspec_struct
    texts = [kotakerja.to_json(o).encode() for o in objs]
    assert all(kotakerja.from_json(cls, t) == o for t, o in zip(texts, objs, strict=True))
    p_objs = [pm.model_validate_json(t) for t in texts]
    m_objs = [msgspec.json.decode(t, type=ms) for t in texts]
    return {
        "decode": Measured(
            best_of(lambda: [kotakerja.from_json(cls, t) for t in texts], repeat),
            best_of(lambda: [pm.model_validate_json(t) for t in texts], repeat),
            best_of(lambda: [msgspec.json.decode(t, type=ms) for t in texts], repeat),
        ),
        "encode": Measured(
            best_of(lambda: [kotakerja.to_json(o) for o in objs], repeat),
            best_of(lambda: [o.model_dump_json(exclude_defaults=True) for o in p_objs], repeat),
            best_of(lambda: [msgspec.json.encode(o) for o in m_objs], repeat),
        ),
        "memory": Measured(
            size_of(lambda: [kotakerja.from_json(cls, t) for t in texts]),
            size_of(lambda: [pm.model_validate_json(t) for t in texts]),
            size_of(lambda: [msgspec.json.decode(t, type=ms) for t in texts]),
        ),
    }


def total(per_shape: dict[str, dict[str, Measured]], key: str) -> Measured:
    rows = [m[key] for m in per_shape.values()]
    return Measured(sum(r.k for r in rows), sum(r.p for r in rows), sum(r.m for r in rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    n, repeat = (200, 3) if args.quick else (1000, 5)
    per_shape = {shape.name: measure_shape(shape, n, repeat) for shape in SHAPES}
    decode, encode, memory = (total(per_shape, k) for k in ("decode", "encode", "memory"))
    k_imp = import_time("import kotakerja", repeat + 4)
    d_imp = import_time("import attrs, cattrs, pendulum", repeat + 4)
    records = [
        o
        for shape in SHAPES
        if issubclass(shape.kotakerja_type, kotakerja.Record)
        for o in shape.make(200)
    ]
    small, small_peak = jsonl_per_record(1_000, records)
    large, large_peak = jsonl_per_record(100_000 if not args.quick else 10_000, records)

    ratios = {
        "decode_vs_pydantic": decode.k / decode.p,
        "decode_vs_msgspec": decode.k / decode.m,
        "encode_vs_pydantic": encode.k / encode.p,
        "encode_vs_msgspec": encode.k / encode.m,
        "memory_vs_msgspec": memory.k / memory.m,
        "memory_vs_pydantic": memory.k / memory.p,
        "import_vs_deps": k_imp / d_imp,
        "jsonl_per_record_100k_vs_1k": large / small,
    }
    print(
        f"kotakerja {kotakerja.__version__}, pydantic {pydantic.VERSION}, msgspec "
        f"{msgspec.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores"
    )
    print(f"{'shape':<8}{'measure':<26}{'kotakerja':>12}{'pydantic':>12}{'msgspec':>12}")
    for name, measures in per_shape.items():
        for key, label, scale in (
            ("decode", "decode+validate, µs/doc", 1e6 / n),
            ("encode", "encode, µs/doc", 1e6 / n),
            ("memory", "memory, bytes/object", 1.0),
        ):
            r = measures[key]
            print(
                f"{name:<8}{label:<26}{r.k * scale:>12.1f}{r.p * scale:>12.1f}{r.m * scale:>12.1f}"
            )
    print(f"import, ms: kotakerja {k_imp * 1e3:.0f}, attrs+cattrs+pendulum {d_imp * 1e3:.0f}")
    print(
        f"JSONL µs/record: 1k {small * 1e6:.1f}, large {large * 1e6:.1f}; "
        f"peak KiB {small_peak // 1024} vs {large_peak // 1024}"
    )
    for key, value in ratios.items():
        print(f"  {key:<30} {value:6.2f}")
    if args.json:
        shapes = {
            name: {
                **{f"{key}_vs_pydantic": r.k / r.p for key, r in measures.items()},
                **{f"{key}_vs_msgspec": r.k / r.m for key, r in measures.items()},
            }
            for name, measures in per_shape.items()
        }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"ratios": ratios, "shapes": shapes}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
