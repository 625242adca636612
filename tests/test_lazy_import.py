"""The package loads its public names on first use, with the same names as before."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import kotakerja


def test_every_public_name_resolves_and_is_listed() -> None:
    names = set(kotakerja.__all__)
    assert names <= set(dir(kotakerja))
    assert names - {"__version__", "examples"} == set(kotakerja._LAZY)
    for name in kotakerja.__all__:
        assert getattr(kotakerja, name) is not None


def test_from_import_and_submodules() -> None:
    from kotakerja import Mou, from_json, to_json

    mou = kotakerja.examples().of_type(Mou)[0]
    assert from_json(Mou, to_json(mou)) == mou
    assert kotakerja.serialization.to_json is to_json
    assert kotakerja.register.iter_jsonl is kotakerja.iter_jsonl
    assert pickle.loads(pickle.dumps(mou)) == mou


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchName"):
        kotakerja.NoSuchName  # type: ignore[attr-defined]


def test_import_loads_no_records_and_no_slow_dependencies() -> None:
    code = (
        "import sys, kotakerja; "
        "print(sorted(m for m in ('attrs', 'cattrs', 'pendulum', 'icalendar', 'pycountry', "
        "'kotakerja.records', 'kotakerja.serialization') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_using_every_name_loads_neither_icalendar_nor_pycountry() -> None:
    code = (
        "import sys, kotakerja; [getattr(kotakerja, n) for n in kotakerja.__all__]; "
        "print(sorted(m for m in ('icalendar', 'pycountry', 'stdnum') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_fresh_process_reads_every_record_type_right_after_import(tmp_path: Path) -> None:
    path = tmp_path / "all.jsonl"
    kotakerja.examples().save_jsonl(path)
    code = f"""
import kotakerja
print(",".join(sorted(kotakerja.record_types())))
types = set()
with open({str(path)!r}, encoding="utf-8") as handle:
    for line in handle:
        types.add(kotakerja.from_json(kotakerja.Record, line).TYPE)
print(",".join(sorted(types)))
try:
    kotakerja.Ref(type="nonsense", id="x")
except kotakerja.ValidationError as e:
    print(e.codes[0])
print(len(kotakerja.json_schema(kotakerja.Record)["$defs"]) > 6)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    every = "agreement,event,export_release,export_shipment,meeting,mou"
    in_examples = "event,export_release,export_shipment,meeting,mou"
    assert out.stdout.split() == [every, in_examples, "kotakerja.ref.unknown_type", "True"]
