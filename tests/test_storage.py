"""Register storage: JSON Lines, folders, atomic writes, integrity."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import attrs
import pytest

import kotakerja
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


def _mou_table(tmp_path: Path, *rows: str) -> Path:
    from kotakerja import Mou
    from kotakerja.register import columns_for

    path = tmp_path / "mou.csv"
    path.write_text(",".join(columns_for(Mou)) + "\n" + "".join(rows), encoding="utf-8")
    return path


def test_csv_table_not_in_utf8_is_a_validation_error(tmp_path: Path) -> None:
    from kotakerja.register import read_csv

    path = _mou_table(tmp_path)
    path.write_bytes(path.read_bytes() + "mou,1.0,m,Kerja sama caf\u00e9\n".encode("cp1252"))
    expected = [
        (
            "",
            "kotakerja.csv.encoding",
            "not a UTF-8 CSV table: byte 0xe9 on line 2 is not UTF-8; save the table as CSV UTF-8",
        )
    ]
    with pytest.raises(ValidationError) as exc:
        read_csv(path)
    assert [(e.path, e.code, e.message) for e in exc.value.errors] == expected
    with pytest.raises(ValidationError) as exc:
        Register.load_csv(path)
    assert [(e.path, e.code, e.message) for e in exc.value.errors] == expected


def test_csv_table_of_cp1252_examples_names_the_line(tmp_path: Path) -> None:
    import kotakerja

    path = tmp_path / "mou.csv"
    kotakerja.examples().save_csv(path, kotakerja.Mou)
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    with pytest.raises(ValidationError) as exc:
        Register.load_csv(path)
    assert [e.code for e in exc.value.errors] == ["kotakerja.csv.encoding"]
    assert exc.value.errors[0].message.startswith("not a UTF-8 CSV table: byte 0x96 on line 2 ")


def test_csv_header_with_semicolons_is_named_once(tmp_path: Path) -> None:
    from kotakerja import Mou
    from kotakerja.register import columns_for, read_csv

    path = tmp_path / "mou.csv"
    path.write_text(";".join(columns_for(Mou)) + "\nmou;1.0;m\nmou;1.0;n\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        read_csv(path)
    assert [(e.path, e.code, e.message) for e in exc.value.errors] == [
        (
            "",
            "kotakerja.csv.separator",
            "the columns are separated by semicolons; kotakerja tables use commas "
            "(save the table as CSV UTF-8, comma delimited)",
        )
    ]


def test_csv_header_without_a_type_column_is_named_once(tmp_path: Path) -> None:
    from kotakerja.register import read_csv

    path = tmp_path / "mou.csv"
    path.write_text("id,title\nm,A\nn,B\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        read_csv(path)
    assert [(e.path, e.code, e.message) for e in exc.value.errors] == [
        (
            "",
            "kotakerja.csv.no_type_column",
            "the header (row 1) has no 'type' column; the first row must hold the "
            "column names: type, schema_version, id, ...",
        )
    ]


def test_csv_header_with_a_column_twice_is_rejected(tmp_path: Path) -> None:
    from kotakerja.register import read_csv

    path = tmp_path / "mou.csv"
    path.write_text("type,schema_version,id,title,title\nmou,1.0,m,A,B\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        read_csv(path)
    assert [(e.path, e.code, e.message) for e in exc.value.errors] == [
        ("", "kotakerja.csv.duplicate_column", "the header has the column 'title' twice")
    ]


def test_csv_round_trip_keeps_line_ends_quotes_and_separators(tmp_path: Path) -> None:
    import kotakerja
    from kotakerja.register import read_csv, write_csv

    mou = kotakerja.examples().of_type(kotakerja.Mou)[0]
    titles = [
        "Line one\rline two",
        "Line one\nline two",
        "Line one\r\nline two",
        'Kerja sama "kota kembar", tahap 2; lanjutan',
        "ends in a return\r",
        "\rstarts with one",
    ]
    mous = [attrs.evolve(mou, id=f"mou-{i}", title=t) for i, t in enumerate(titles)]
    path = tmp_path / "mou.csv"
    write_csv(path, mous)
    records, problems = read_csv(path)
    assert problems == []
    assert [r.title for r in records if isinstance(r, kotakerja.Mou)] == titles
    assert records == mous


def test_csv_cell_over_the_csv_modules_default_limit_reads_back(tmp_path: Path) -> None:
    import csv

    import kotakerja
    from kotakerja.register import read_csv, write_csv

    mou = kotakerja.examples().of_type(kotakerja.Mou)[0]
    big = attrs.evolve(mou, objectives=tuple(f"{i} " + "x" * 990 for i in range(200)))
    path = tmp_path / "mou.csv"
    write_csv(path, [big])
    before = csv.field_size_limit()
    assert before < len(path.read_text(encoding="utf-8"))
    assert read_csv(path) == ([big], [])
    assert csv.field_size_limit() == before


def test_csv_row_over_the_size_limit_is_a_validation_error(tmp_path: Path) -> None:
    import csv

    from kotakerja.register import read_csv

    path = _mou_table(tmp_path, "mou,1.0,m," + "x" * 2000 + "\n")
    before = csv.field_size_limit(500)
    try:
        with pytest.raises(ValidationError) as exc:
            read_csv(path, max_size=1000)
        assert csv.field_size_limit() == 500
    finally:
        csv.field_size_limit(before)
    assert [(e.path, e.code, e.message) for e in exc.value.errors] == [
        (
            "",
            "kotakerja.storage.too_large",
            "the row ending on line 2 has more than 1000 bytes; the limit is 1000 "
            "(raise max_size to allow more)",
        )
    ]


def test_append_starts_a_new_line_when_the_file_lacks_a_final_one(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    append_jsonl(path, Note(id="a", text="x"))
    path.write_bytes(path.read_bytes().rstrip(b"\n"))  # as an editor may save it
    append_jsonl(path, Note(id="b", text="y"))
    append_jsonl(path, Note(id="c", text="z"))
    assert [(r.line, r.record.id) for r in iter_jsonl(path) if r.record] == [
        (1, "a"),
        (2, "b"),
        (3, "c"),
    ]
    assert all(r.ok for r in iter_jsonl(path))


@pytest.mark.parametrize("value", [{"type": "test_note", "id": "a", "text": "x"}, None, "a"])
def test_append_refuses_anything_but_a_record(tmp_path: Path, value: object) -> None:
    path = tmp_path / "log.jsonl"
    with pytest.raises(TypeError) as exc:
        append_jsonl(path, value)  # type: ignore[arg-type]
    assert str(exc.value) == f"append_jsonl writes records, not {type(value).__name__}"
    assert not path.exists()


def test_append_refuses_a_value_object(tmp_path: Path) -> None:
    from decimal import Decimal

    from kotakerja import Money

    path = tmp_path / "log.jsonl"
    append_jsonl(path, Note(id="a", text="x"))
    before = path.read_bytes()
    with pytest.raises(TypeError) as exc:
        append_jsonl(path, Money(amount=Decimal("1"), currency="IDR"))  # type: ignore[arg-type]
    assert str(exc.value) == "append_jsonl writes records, not Money"
    assert path.read_bytes() == before


def test_atomic_write_errors_name_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    from kotakerja.register import atomic_write

    missing = tmp_path / "none" / "agenda.ics"
    with pytest.raises(FileNotFoundError) as exc:
        atomic_write(missing, ("x",))
    assert exc.value.filename == str(missing)
    assert exc.value.strerror == f"the folder {str(missing.parent)!r} does not exist"
    with pytest.raises(IsADirectoryError) as exc_dir:
        atomic_write(tmp_path, ("x",))
    assert exc_dir.value.filename == str(tmp_path)
    assert exc_dir.value.strerror == "is a folder, not a file"
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError) as exc_file:
        atomic_write(tmp_path / "file" / "a.json", ("x",))
    assert exc_file.value.filename == str(tmp_path / "file" / "a.json")
    assert ".tmp" not in str(exc.value) + str(exc_dir.value) + str(exc_file.value)
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_load_folder_of_a_missing_folder_or_a_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as exc:
        Register.load_folder(tmp_path / "none")
    assert exc.value.filename == str(tmp_path / "none")
    assert exc.value.strerror == "no such folder"
    (tmp_path / "reg.jsonl").write_text("")
    with pytest.raises(NotADirectoryError) as exc_file:
        Register.load_folder(tmp_path / "reg.jsonl")
    assert exc_file.value.filename == str(tmp_path / "reg.jsonl")
    assert len(Register.load_folder(tmp_path)) == 0


def test_folder_files_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    import kotakerja

    reg = Register([Note(id="a", text="x")])
    reg.save_folder(tmp_path)
    path = tmp_path / "a.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert Register.load_folder(tmp_path) == reg
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_json(Record, path.read_bytes())
    assert [e.code for e in exc.value.errors] == ["kotakerja.json.bom"]


@pytest.mark.parametrize("cls", [kotakerja.Record, kotakerja.Money, kotakerja.Party])
def test_a_table_is_of_one_record_type(tmp_path: Path, cls: type) -> None:
    with pytest.raises(TypeError, match="a CSV table holds records of one record type"):
        kotakerja.examples().save_csv(tmp_path / "t.csv", cls)
    assert not (tmp_path / "t.csv").exists()


def test_saving_a_folder_removes_only_files_of_records_it_wrote(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    Register([Note(id="a", text="x"), Note(id="b", text="y")]).save_folder(folder)
    (folder / "settings.json").write_text('{"theme": "dark"}')
    (folder / "list.json").write_text("[1, 2]")
    (folder / "notes.txt").write_text("kept")
    Register([Note(id="a", text="x")]).save_folder(folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "a.json",
        "list.json",
        "notes.txt",
        "settings.json",
    ]
    with pytest.raises(NotADirectoryError):
        Register([Note(id="a", text="x")]).save_folder(folder / "notes.txt")
