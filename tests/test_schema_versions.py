"""Schema version 1.1: documents written under 1.0 load everywhere and are saved as 1.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import attrs
import jsonschema
import pytest
import sqlalchemy as sa

import kotakerja
from kotakerja import Record, Register, ValidationError, from_dict, from_json, migrate, to_json
from kotakerja.cli import main
from kotakerja.records import record_types

FIXTURES = Path(__file__).parent / "fixtures"
BUILT_IN = ("mou", "agreement", "event", "meeting", "export_shipment", "export_release")


def _old_lines() -> list[str]:
    """One 1.0 line per record of the examples and of a file written by the previous main."""
    written = (FIXTURES / "agreements-main-2026-12.jsonl").read_text().splitlines()
    taken = {json.loads(line)["id"] for line in written}
    lines = []
    for record in kotakerja.examples():
        if record.id in taken:
            continue
        doc = json.loads(to_json(record))
        assert doc["schema_version"] == "1.1"
        doc["schema_version"] = "1.0"
        lines.append(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    lines += written
    return lines


def _as_current(line: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(line)
    assert doc["schema_version"] == "1.0"
    return {**doc, "schema_version": "1.1"}


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "old.jsonl"
    path.write_text("\n".join(_old_lines()) + "\n", encoding="utf-8")
    return path


def test_every_record_type_is_at_1_1() -> None:
    types = record_types()
    assert {name: types[name].SCHEMA_VERSION for name in BUILT_IN} == dict.fromkeys(BUILT_IN, "1.1")
    assert {json.loads(line)["type"] for line in _old_lines()} == set(BUILT_IN)


def test_a_1_0_document_of_each_type_loads_and_is_saved_as_1_1() -> None:
    for line in _old_lines():
        record = from_json(Record, line)
        assert from_dict(Record, json.loads(line)) == record
        assert json.loads(to_json(record)) == _as_current(line)
        assert migrate(json.loads(line)) == _as_current(line)
        assert from_dict(Record, migrate(json.loads(line))) == record


def test_a_1_0_register_loads_from_jsonl_folder_and_csv(old_file: Path, tmp_path: Path) -> None:
    reg = Register.load_jsonl(old_file)
    saved = tmp_path / "new.jsonl"
    reg.save_jsonl(saved)
    assert [json.loads(x) for x in saved.read_text().splitlines()] == [
        _as_current(x) for x in old_file.read_text().splitlines()
    ]
    folder = tmp_path / "folder"
    reg.save_folder(folder)
    for path in folder.glob("*.json"):
        doc = json.loads(path.read_text())
        path.write_text(json.dumps({**doc, "schema_version": "1.0"}), encoding="utf-8")
    assert Register.load_folder(folder) == reg
    mous = Register([r for r in reg if r.TYPE == "mou"])
    table = tmp_path / "mous.csv"
    mous.save_csv(table)
    text = table.read_text(encoding="utf-8")
    assert "\nmou,1.1," in text
    assert "\nmou,1.0," not in text
    table.write_text(text.replace("\nmou,1.1,", "\nmou,1.0,"), encoding="utf-8")
    assert Register.load_csv(table) == mous


def test_the_cli_validates_converts_and_imports_a_1_0_file(
    old_file: Path, tmp_path: Path, sqlite_url: str
) -> None:
    assert main(["validate", str(old_file)]) == 0
    out = tmp_path / "out.jsonl"
    assert main(["convert", str(old_file), str(out)]) == 0
    assert [json.loads(x) for x in out.read_text().splitlines()] == [
        _as_current(x) for x in old_file.read_text().splitlines()
    ]
    assert main(["db", "import", str(old_file), "--db", sqlite_url]) == 0
    exported = tmp_path / "exported.jsonl"
    assert main(["db", "export", "--db", sqlite_url, "-o", str(exported)]) == 0
    assert Register.load_jsonl(exported) == Register.load_jsonl(old_file)
    assert '"schema_version":"1.0"' not in exported.read_text()


def test_the_store_reads_rows_holding_1_0_bodies(sqlite_url: str) -> None:
    reg = Register.load_jsonl(FIXTURES / "agreements-main-2026-12.jsonl")
    store = kotakerja.open_store(sqlite_url)
    try:
        store.add(*reg, check_references=False)
        with store._writer.begin() as conn:
            conn.execute(
                sa.text(
                    "UPDATE documents SET schema_version = '1.0', "
                    "body = json_set(body, '$.schema_version', '1.0')"
                )
            )
            bodies = conn.execute(sa.text("SELECT body FROM documents")).scalars().all()
        assert all(json.loads(b)["schema_version"] == "1.0" for b in bodies)
        for record in reg:
            assert store.get(record.id) == record
    finally:
        store.close()


@pytest.mark.parametrize("name", BUILT_IN)
def test_a_newer_minor_version_is_refused(name: str) -> None:
    doc = {"type": name, "schema_version": "1.2", "id": "x"}
    with pytest.raises(ValidationError) as exc:
        from_dict(Record, doc)
    assert ("schema_version", "kotakerja.record.newer_version") in [
        (e.path, e.code) for e in exc.value.errors
    ]
    with pytest.raises(ValidationError) as exc:
        migrate(doc)
    assert exc.value.codes == ("kotakerja.record.newer_version",)


def test_the_json_schema_accepts_the_versions_the_reader_does() -> None:
    schema = kotakerja.json_schema(kotakerja.Mou)
    prop = schema["$defs"]["Mou"]["properties"]["schema_version"]
    assert "Current: 1.1" in prop["description"]
    doc = kotakerja.to_dict(kotakerja.examples().get("mou-jakarta-shanghai-2020"))
    validator = jsonschema.Draft202012Validator(schema)
    for version, ok in [("1.0", True), ("1.1", True), ("1.2", False), ("2.0", False)]:
        assert validator.is_valid({**doc, "schema_version": version}) is ok


@attrs.frozen(kw_only=True)
class Chained(Record):
    """A record type two steps ahead of its oldest documents."""

    TYPE: ClassVar[str] = "test_chained"
    SCHEMA_VERSION: ClassVar[str] = "2.1"

    name: str
    label: str | None = None


@kotakerja.register_migration("test_chained", 1, "2.0")
def _rename(doc: dict[str, Any]) -> dict[str, Any]:
    doc["name"] = doc.pop("nama")
    return doc


@kotakerja.register_migration("test_chained", "2.0", "2.1")
def _label(doc: dict[str, Any]) -> dict[str, Any]:
    doc["label"] = doc.pop("tag", None) or "none"
    return doc


def test_migrations_run_in_a_chain_of_major_then_minor_steps() -> None:
    old = {"type": "test_chained", "schema_version": "1.4", "id": "c", "nama": "Solo"}
    up = migrate(old)
    assert up == {
        "type": "test_chained",
        "schema_version": "2.1",
        "id": "c",
        "name": "Solo",
        "label": "none",
    }
    assert old["schema_version"] == "1.4"
    assert from_dict(Chained, up) == Chained(id="c", name="Solo", label="none")
    mid = {"type": "test_chained", "schema_version": "2.0", "id": "c", "name": "A", "tag": "t"}
    assert migrate(mid)["label"] == "t"
    assert migrate(up) == up
    with pytest.raises(ValidationError) as exc:
        migrate({**old, "schema_version": "0.9"})
    assert exc.value.codes == ("kotakerja.record.no_migration",)
    with pytest.raises(ValidationError) as exc:
        migrate({**up, "schema_version": "2.2"})
    assert exc.value.codes == ("kotakerja.record.newer_version",)
