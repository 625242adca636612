"""Benchmark kotakerja against equivalent pydantic v2 and msgspec models, in one run.

    pip install -e ".[bench]"
    python bench/run.py                 # full table
    python bench/run.py --quick --json out.json

Every ratio is kotakerja's time (or size) divided by the other's: below 1 means
kotakerja wins. The shape measured is an MoU with parties, signatures and topics,
serialized exactly as `kotakerja.to_json` writes it.
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

# Equivalent models ----------------------------------------------------------------------

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


# Data -----------------------------------------------------------------------------------


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
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def jsonl_per_record(n: int, template: list[Mou]) -> tuple[float, int]:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    n, repeat = (200, 3) if args.quick else (1000, 5)
    mous = make_mous(n)
    texts = [kotakerja.to_json(m).encode() for m in mous]
    assert all(PMou.model_validate_json(t) for t in texts)
    assert all(msgspec.json.decode(t, type=MMou) for t in texts)
    p_objs = [PMou.model_validate_json(t) for t in texts]
    m_objs = [msgspec.json.decode(t, type=MMou) for t in texts]

    k_dec = best_of(lambda: [kotakerja.from_json(Mou, t) for t in texts], repeat)
    p_dec = best_of(lambda: [PMou.model_validate_json(t) for t in texts], repeat)
    m_dec = best_of(lambda: [msgspec.json.decode(t, type=MMou) for t in texts], repeat)
    k_enc = best_of(lambda: [kotakerja.to_json(m) for m in mous], repeat)
    p_enc = best_of(lambda: [o.model_dump_json(exclude_defaults=True) for o in p_objs], repeat)
    m_enc = best_of(lambda: [msgspec.json.encode(o) for o in m_objs], repeat)
    k_mem = size_of(lambda: [kotakerja.from_json(Mou, t) for t in texts])
    p_mem = size_of(lambda: [PMou.model_validate_json(t) for t in texts])
    m_mem = size_of(lambda: [msgspec.json.decode(t, type=MMou) for t in texts])
    k_imp = import_time("import kotakerja", repeat)
    d_imp = import_time("import attrs, cattrs, pendulum", repeat)
    small, small_peak = jsonl_per_record(1_000, mous)
    large, large_peak = jsonl_per_record(100_000 if not args.quick else 10_000, mous)

    ratios = {
        "decode_vs_pydantic": k_dec / p_dec,
        "decode_vs_msgspec": k_dec / m_dec,
        "encode_vs_pydantic": k_enc / p_enc,
        "encode_vs_msgspec": k_enc / m_enc,
        "memory_vs_msgspec": k_mem / m_mem,
        "memory_vs_pydantic": k_mem / p_mem,
        "import_vs_deps": k_imp / d_imp,
        "jsonl_per_record_100k_vs_1k": large / small,
    }
    rows = [
        ("decode+validate, µs/doc", k_dec, p_dec, m_dec, 1e6 / n),
        ("encode, µs/doc", k_enc, p_enc, m_enc, 1e6 / n),
        ("memory, bytes/object", k_mem, p_mem, m_mem, 1.0),
    ]
    print(
        f"kotakerja {kotakerja.__version__}, pydantic {pydantic.VERSION}, msgspec "
        f"{msgspec.__version__}, Python {platform.python_version()}, {platform.machine()}"
    )
    print(f"{'measure':<26}{'kotakerja':>12}{'pydantic':>12}{'msgspec':>12}")
    for label, k, p, m, scale in rows:
        print(f"{label:<26}{k * scale:>12.1f}{p * scale:>12.1f}{m * scale:>12.1f}")
    print(f"import, ms: kotakerja {k_imp * 1e3:.0f}, attrs+cattrs+pendulum {d_imp * 1e3:.0f}")
    print(
        f"JSONL µs/record: 1k {small * 1e6:.1f}, large {large * 1e6:.1f}; "
        f"peak KiB {small_peak // 1024} vs {large_peak // 1024}"
    )
    for key, value in ratios.items():
        print(f"  {key:<30} {value:6.2f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"ratios": ratios}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
