"""Register storage: JSON Lines, folders, atomic writes, integrity."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import attrs
import pytest

from kotakerja import Record, Ref, ValidationError
from kotakerja.register import Register, append_jsonl, iter_jsonl
from kotakerja.register._locate import line_of, path_lines


@attrs.frozen(kw_only=True)
class Note(Record):
    """A record type used only by these tests."""

    TYPE: ClassVar[str] = "test_note"

    text: str
    about: Ref | None = None


def test_duplicate_ids_and_dangling_refs_name_both_ends() -> None:
    a = Note(id="a", text="x")
    with pytest.raises(ValidationError) as exc:
        Register(
            [a, Note(id="a", text="y"), Note(id="b", text="z", about=Ref(type="test_note", id="c"))]
        )
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("[a].id", "kotakerja.register.duplicate_id"),
        ("[b].about", "kotakerja.register.dangling_reference"),
    ]
    assert "points to test_note c" in exc.value.errors[1].message


def test_jsonl_round_trip(tmp_path: Path) -> None:
    reg = Register(
        [Note(id="a", text="x"), Note(id="b", text="y", about=Ref(type="test_note", id="a"))]
    )
    path = tmp_path / "reg.jsonl"
    reg.save_jsonl(path)
    assert Register.load_jsonl(path) == reg
    assert reg.referring_to(reg.get("a")) == (reg.get("b"),)


def test_jsonl_errors_carry_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"type":"test_note","schema_version":"1.0","id":"a","text":"x"}\n'
        "\n"
        '{"type":"test_note","schema_version":"1.0","id":"b","text":5}\n'
        "not json\n"
    )
    results = list(iter_jsonl(path))
    assert [r.line for r in results if not r.ok] == [3, 4]
    with pytest.raises(ValidationError) as exc:
        Register.load_jsonl(path)
    assert [e.path for e in exc.value.errors] == ["line 3: text", "line 4"]


def test_append_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    append_jsonl(path, Note(id="a", text="x"))
    append_jsonl(path, Note(id="b", text="y"))
    assert [r.record.id for r in iter_jsonl(path) if r.record] == ["a", "b"]


def test_folder_round_trip(tmp_path: Path) -> None:
    reg = Register([Note(id="a", text="x"), Note(id="b:c", text="y")])
    reg.save_folder(tmp_path / "f")
    assert Register.load_folder(tmp_path / "f") == reg


def test_failed_save_leaves_old_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "reg.jsonl"
    Register([Note(id="a", text="x")]).save_jsonl(path)
    before = path.read_text()

    class Boom(Exception):
        pass

    def records() -> object:
        yield Note(id="b", text="y")
        raise Boom

    from kotakerja.register._storage import write_jsonl

    with pytest.raises(Boom):
        write_jsonl(path, records())  # type: ignore[arg-type]
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["reg.jsonl"]


def test_path_lines_point_at_values() -> None:
    text = '{\n  "a": 1,\n  "b": [\n    {"c": 2}\n  ]\n}'
    lines = path_lines(text)
    assert lines["a"] == 2
    assert lines["b[0]"] == 4
    assert line_of(lines, "b[0].missing") == 4


def test_csv_table_of_the_seed_mous_round_trips_losslessly(tmp_path: Path) -> None:
    import kotakerja
    from kotakerja.register import columns_for, read_csv, write_csv

    mous = list(kotakerja.examples().of_type(kotakerja.Mou))
    path = tmp_path / "mou.csv"
    write_csv(path, mous)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == columns_for(kotakerja.Mou)
    assert header[:4] == ["type", "schema_version", "id", "title"]
    records, problems = read_csv(path)
    assert problems == []
    assert records == mous


def test_csv_import_reports_every_bad_row_with_its_column(tmp_path: Path) -> None:
    import kotakerja
    from kotakerja.register import read_csv, write_csv

    mous = list(kotakerja.examples().of_type(kotakerja.Mou))
    path = tmp_path / "mou.csv"
    write_csv(path, mous)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",ksdpl,", ",ksdxx,")
    lines[3] = lines[3].replace("mou-umkm-kediri-surakarta-2021", "bad id!")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records, problems = read_csv(path)
    assert [r.id for r in records] == ["mou-kadin-kediri-surakarta-2021"]
    assert [(row, e.path, e.code) for row, e in problems] == [
        (2, "scheme", "kotakerja.enum"),
        (4, "id", "kotakerja.pattern"),
    ]
