"""Folder storage: one file per record under a collision-free name; round trips of every kind."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotakerja import Agreement, Meeting, Mou, Record, ValidationError
from kotakerja import register as storage
from kotakerja.register import Register
from kotakerja.testing import from_type


@attrs.frozen(kw_only=True)
class Memo(Record):
    """A record type used only by these tests."""

    TYPE: ClassVar[str] = "test_storage_memo"

    text: str


def _memo_json(record_id: str, text: str = "x") -> str:
    return json.dumps(
        {"type": Memo.TYPE, "schema_version": "1.0", "id": record_id, "text": text}, indent=2
    )


def test_ids_that_shared_a_file_name_are_both_saved(tmp_path: Path) -> None:
    reg = Register([Memo(id="mou:1", text="colon"), Memo(id="mou_1", text="underscore")])
    reg.save_folder(tmp_path / "reg")
    assert Register.load_folder(tmp_path / "reg") == reg
    assert sorted(p.name for p in (tmp_path / "reg").iterdir()) == ["mou%3a1.json", "mou_1.json"]


def test_ids_differing_in_case_are_both_saved(tmp_path: Path) -> None:
    reg = Register([Memo(id="MoU-1", text="upper"), Memo(id="mou-1", text="lower")])
    reg.save_folder(tmp_path / "reg")
    names = [p.name for p in (tmp_path / "reg").iterdir()]
    assert len({n.casefold() for n in names}) == 2
    assert Register.load_folder(tmp_path / "reg") == reg


@given(st.lists(st.text(min_size=1, max_size=140), min_size=2, max_size=6, unique=True))
def test_file_names_differ_where_file_systems_fold_case_and_normalise(ids: list[str]) -> None:
    names = [storage.file_name_for(i) for i in ids]
    folded = {unicodedata.normalize("NFC", n).casefold() for n in names}
    assert len(folded) == len(ids)
    for name in names:
        assert name.isascii()
        assert name == name.lower()
        assert len(name.encode()) <= 210
        assert not name.startswith(".")
        assert "/" not in name
        assert "\\" not in name


@given(st.text(min_size=1, max_size=16))  # 16 characters fit in a name uncut
def test_file_names_decode_to_the_id(record_id: str) -> None:
    from urllib.parse import unquote

    name = storage.file_name_for(record_id)
    assert unquote(name.removesuffix(".json"), errors="surrogatepass") == record_id


def test_unicode_forms_of_one_name_get_two_file_names() -> None:
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    assert storage.file_name_for(nfc) != storage.file_name_for(nfd)


@pytest.mark.parametrize(
    ("record_id", "name"),
    [
        ("mou-2020", "mou-2020.json"),
        ("a.b", "a.b.json"),
        ("x.", "x%2e.json"),
        ("con", "%63on.json"),
        ("Mou:1", "%4dou%3a1.json"),
    ],
)
def test_file_names_are_readable_for_plain_ids(record_id: str, name: str) -> None:
    assert storage.file_name_for(record_id) == name


def test_a_long_id_gets_a_short_unique_name() -> None:
    a, b = "A" * 127 + "x", "A" * 127 + "y"
    assert storage.file_name_for(a) != storage.file_name_for(b)
    assert len(storage.file_name_for(a)) <= 205


def test_a_folder_saved_by_earlier_versions_loads_and_is_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "reg"
    folder.mkdir()
    (folder / "mou_1.json").write_text(_memo_json("mou:1", "old"), encoding="utf-8")
    (folder / "b.json").write_text(_memo_json("b"), encoding="utf-8")
    reg = Register.load_folder(folder)
    assert reg.get("mou:1") == Memo(id="mou:1", text="old")
    reg.with_records(Memo(id="mou:1", text="new"), replace=True).save_folder(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["b.json", "mou%3a1.json"]
    assert Register.load_folder(folder).get("mou:1") == Memo(id="mou:1", text="new")


def test_one_id_in_two_files_names_both(tmp_path: Path) -> None:
    folder = tmp_path / "reg"
    folder.mkdir()
    (folder / "a.json").write_text(_memo_json("a"), encoding="utf-8")
    (folder / "copy of a.json").write_text(_memo_json("a"), encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        Register.load_folder(folder)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("[copy of a.json].id", "kotakerja.register.duplicate_id")
    ]
    assert "also in a.json" in exc.value.errors[0].message


def test_two_records_never_share_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kotakerja.register import _storage

    monkeypatch.setattr(_storage, "file_name_for", lambda record_id: "same.json")
    reg = Register([Memo(id="a", text="x"), Memo(id="b", text="y")])
    with pytest.raises(ValidationError) as exc:
        reg.save_folder(tmp_path / "reg")
    assert exc.value.codes == ("kotakerja.storage.name_clash",)
    assert not (tmp_path / "reg").exists()


# Round trips of generated registers -------------------------------------------------------

_ID_CHARS = "aAbB0:_.-"
_ids = st.text(_ID_CHARS, min_size=1, max_size=6).map(lambda s: "x" + s)
_records = st.one_of(from_type(Mou), from_type(Agreement), from_type(Meeting))


@st.composite
def _registers(draw: st.DrawFn) -> Register:
    ids = draw(st.lists(_ids, min_size=1, max_size=6, unique=True))
    # ids that differ only in case, or in ':' against '_', side by side
    twin = ids[0].swapcase() if ids[0].swapcase() not in ids else None
    swapped = ids[0].replace(":", "_") if ":" in ids[0] else None
    for extra in (twin, swapped):
        if extra is not None and extra not in ids:
            ids.append(extra)
    records = [attrs.evolve(draw(_records), id=i) for i in ids]
    return Register(records, check_references=False)


_slow = settings(
    max_examples=10,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Callable[[], Path]]:
    """Fresh folders in memory where the system has one: every save flushes to disk."""
    shm = Path("/dev/shm")
    base = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() and os.access(shm, os.W_OK) else tmp_path
    yield lambda: Path(tempfile.mkdtemp(dir=base))
    if base != tmp_path:
        shutil.rmtree(base, ignore_errors=True)


@_slow
@given(_registers())
def test_folder_round_trip(scratch: Callable[[], Path], reg: Register) -> None:
    folder = scratch() / "reg"
    reg.save_folder(folder)
    assert Register.load_folder(folder, check_references=False) == reg


@_slow
@given(_registers())
def test_jsonl_and_json_round_trip(scratch: Callable[[], Path], reg: Register) -> None:
    tmp_path = scratch()
    reg.save_jsonl(tmp_path / "reg.jsonl")
    assert Register.load_jsonl(tmp_path / "reg.jsonl", check_references=False) == reg
    reg.save_json(tmp_path / "reg.json")
    assert Register.load_json(tmp_path / "reg.json", check_references=False) == reg


@_slow
@given(st.lists(_ids, min_size=1, max_size=5, unique=True), st.data())
def test_csv_round_trip(scratch: Callable[[], Path], ids: list[str], data: st.DataObject) -> None:
    tmp_path = scratch()
    reg = Register(
        [attrs.evolve(data.draw(from_type(Mou)), id=i) for i in ids], check_references=False
    )
    reg.save_csv(tmp_path / "mou.csv")
    assert Register.load_csv(tmp_path / "mou.csv", check_references=False) == reg
