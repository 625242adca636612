"""Register queries across record types, CSV tables all or nothing, and streaming validation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kotakerja
from kotakerja import (
    DocumentStatus,
    ForeignLocality,
    LocalityLevel,
    Mou,
    PartialDate,
    Register,
    Scheme,
    ValidationError,
)


def test_documents_filter_by_scheme_and_status_on_a_date() -> None:
    reg = kotakerja.examples()
    assert [d.id for d in reg.documents(scheme=Scheme.BUSINESS)] == [
        "mou-kadin-kediri-surakarta-2021",
        "mou-umkm-kediri-surakarta-2021",
    ]
    before = PartialDate(year=2021, month=12, day=1)
    assert [d.id for d in reg.documents(status=DocumentStatus.IN_FORCE, on=before)] == [
        "mou-jakarta-shanghai-2020"
    ]
    assert reg.documents(scheme=Scheme.KSDD) == ()


def test_timeline_of_jakarta_with_shanghai_finds_the_locality_by_name_and_country() -> None:
    reg = kotakerja.examples()
    shanghai = ForeignLocality(
        name="SHANGHAI",
        country=kotakerja.Country.get("CN"),
        level=LocalityLevel.CITY,
        time_zone="Asia/Shanghai",
    )
    ids = [r.id for r in reg.timeline("31", shanghai)]
    assert ids[0] == "mou-jakarta-shanghai-2020"
    assert all(reg.involves(reg.get(i), "31") for i in ids)
    assert reg.timeline("31", "DE") == ()


def test_timeline_is_in_date_order_with_undated_records_last() -> None:
    first = kotakerja.examples().get("mou-jakarta-shanghai-2020")
    assert isinstance(first, Mou)
    undated = Mou(
        id="mou-undated",
        title="Rancangan kerja sama lanjutan",
        scheme=first.scheme,
        ksdpl_kind=first.ksdpl_kind,
        parties=first.parties,
    )
    later = Mou(
        id="mou-later",
        title="Kerja sama lanjutan",
        scheme=first.scheme,
        ksdpl_kind=first.ksdpl_kind,
        parties=first.parties,
        signatures=tuple(
            kotakerja.Signature(party=i, date=PartialDate(year=2024)) for i in range(2)
        ),
    )
    reg = Register([undated, later, first])
    assert [r.id for r in reg.timeline("CN")] == [
        "mou-jakarta-shanghai-2020",
        "mou-later",
        "mou-undated",
    ]
    assert undated.timeline_date() is None
    assert later.timeline_date() == PartialDate(year=2024)


def test_a_province_includes_its_cities_in_a_timeline() -> None:
    reg = kotakerja.examples()
    in_central_java = {r.id for r in reg.timeline("33")}
    assert {"mou-kadin-kediri-surakarta-2021", "mou-umkm-kediri-surakarta-2021"} <= in_central_java
    assert "mou-jakarta-shanghai-2020" not in in_central_java


def test_timeline_rejects_an_unknown_code() -> None:
    with pytest.raises(ValidationError) as exc:
        kotakerja.examples().timeline("99.99")
    assert exc.value.codes == ("kotakerja.region.unknown",)


def test_csv_table_loads_all_or_nothing(tmp_path: Path) -> None:
    reg = Register(kotakerja.examples().of_type(Mou))
    path = tmp_path / "mou.csv"
    assert reg.save_csv(path) == 3
    assert Register.load_csv(path) == reg
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",business,", ",bisnis,")
    lines[3] = lines[3].replace("mou-umkm-kediri-surakarta-2021", "bad id!")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        Register.load_csv(path)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("row 3: scheme", "kotakerja.enum"),
        ("row 4: id", "kotakerja.pattern"),
    ]


def test_save_csv_of_a_mixed_register_needs_a_type(tmp_path: Path) -> None:
    mixed = kotakerja.examples()
    path = tmp_path / "t.csv"
    with pytest.raises(ValueError, match="one record type"):
        mixed.save_csv(path)
    assert mixed.save_csv(path, Mou) == 3
    assert Register.load_csv(path) == Register(mixed.of_type(Mou))


def test_empty_csv_table_keeps_its_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    assert Register().save_csv(path, kotakerja.Agreement) == 0
    header = path.read_text(encoding="utf-8").splitlines()
    assert header == [",".join(kotakerja.register.columns_for(kotakerja.Agreement))]
    assert len(Register.load_csv(path)) == 0


_PEAK = """
import resource, sys
from kotakerja.cli import main
code = main(["validate", "-q", sys.argv[1]])
print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _validate_peak_kib(path: Path) -> tuple[int, int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    *errors, last = done.stdout.splitlines()
    code, peak = last.split()
    return int(code), int(peak), errors


def test_validating_100000_records_keeps_memory_flat(tmp_path: Path) -> None:
    template = json.loads(
        kotakerja.to_json(kotakerja.examples().get("mou-umkm-kediri-surakarta-2021"))
    )

    def write(path: Path, n: int, bad: set[int]) -> None:
        with path.open("w", encoding="utf-8") as out:
            for i in range(1, n + 1):
                doc = dict(template, id=f"mou-{i}")
                if i in bad:
                    doc["scheme"] = "bisnis"
                out.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")

    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    write(small, 1_000, set())
    write(large, 100_000, {7, 50_000, 100_000})
    assert large.stat().st_size > 100 * small.stat().st_size * 0.99
    code_small, peak_small, _ = _validate_peak_kib(small)
    code_large, peak_large, errors = _validate_peak_kib(large)
    assert (code_small, code_large) == (0, 1)
    assert [e.split(":")[1] for e in errors] == ["7", "50000", "100000"]
    # A file 100 times larger may cost a little more (allocator noise), not 100 times more:
    # keeping the records would take several hundred MiB here.
    assert peak_large - peak_small < 16 * 1024, (peak_small, peak_large)


def test_queries_take_names_as_well_as_enums_and_classes() -> None:
    reg = kotakerja.examples()
    assert reg.documents(scheme="ksdpl") == reg.documents(scheme=kotakerja.Scheme.KSDPL)
    assert [d.id for d in reg.documents(scheme="ksdpl")] == ["mou-jakarta-shanghai-2020"]
    on = kotakerja.PartialDate.parse("2023-09-01")
    assert reg.documents(status="in_force", on=on) == reg.documents(
        status=kotakerja.DocumentStatus.IN_FORCE, on=on
    )
    assert reg.of_type("mou") == reg.of_type(kotakerja.Mou)
    assert len(reg.of_type("mou")) == 3
    with pytest.raises(ValueError, match="unknown record type 'mous'"):
        reg.of_type("mous")
    with pytest.raises(ValueError, match="'ksdx'"):
        reg.documents(scheme="ksdx")


@pytest.mark.parametrize("thing", [None, 5, "mou", kotakerja.Money.zero("IDR")])
def test_check_refuses_what_is_not_a_record(thing: object) -> None:
    with pytest.raises(TypeError, match="check\\(\\) takes a record"):
        kotakerja.check(thing)  # type: ignore[arg-type]
    assert kotakerja.check(kotakerja.examples().get("mou-jakarta-shanghai-2020")) is not None


@pytest.mark.parametrize("place", [33, None, 33.72])
def test_a_place_of_the_wrong_type_is_a_type_error(place: object) -> None:
    with pytest.raises(TypeError, match="a place is a Region, Country or ForeignLocality"):
        kotakerja.examples().timeline(place)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="find_regions\\(\\) takes a name"):
        kotakerja.find_regions(place)  # type: ignore[arg-type]
