"""CSV cells safe to open in a spreadsheet, and read back exactly as they were written."""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotakerja import Record, ValidationError
from kotakerja import register as storage
from kotakerja.register import Register, read_csv


@attrs.frozen(kw_only=True)
class Cell(Record):
    """A record type used only by these tests."""

    TYPE: ClassVar[str] = "test_csv_cell"

    text: str
    count: int | None = None


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://x","klik")',
        "+62 21 555",
        "-1+1",
        "@SUM(A1)",
        "\tindented",
        "\rreturn",
        "'quoted",
    ],
)
def test_a_cell_that_could_start_a_formula_is_written_with_a_quote(
    tmp_path: Path, value: str
) -> None:
    reg = Register([Cell(id="a", text=value)])
    path = tmp_path / "t.csv"
    reg.save_csv(path)
    row = path.read_bytes().decode("utf-8").split("\n", 1)[1]
    assert ",'" + value[:1] in row or ",\"'" + value[:1] in row
    assert Register.load_csv(path) == reg


def test_plain_text_and_numbers_are_written_as_they_are(tmp_path: Path) -> None:
    reg = Register([Cell(id="a", text="Kota Surakarta", count=-5)])
    path = tmp_path / "t.csv"
    reg.save_csv(path)
    assert path.read_text().split("\n")[1] == "test_csv_cell,1.1,a,Kota Surakarta,'-5,,"
    assert Register.load_csv(path) == reg


def test_a_table_typed_by_hand_reads_a_leading_quote_as_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "type,schema_version,id,text,count,sources,extensions\ntest_csv_cell,1.0,a,'=1+1,-3,,\n"
    )
    assert Register.load_csv(path).get("a") == Cell(id="a", text="=1+1", count=-3)


@given(st.text())
def test_escaping_round_trips_every_text(text: str) -> None:
    escaped = storage.escape_cell(text)
    assert storage.unescape_cell(escaped) == text
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(dir=shm))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1).filter(
    lambda s: bool(s.strip())
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_text, min_size=1, max_size=4))
def test_a_table_round_trips_every_text(scratch: Path, texts: list[str]) -> None:
    try:
        reg = Register([Cell(id=f"c{i}", text=t) for i, t in enumerate(texts)])
    except ValidationError:
        return  # text the record itself refuses (control characters, say)
    path = scratch / "t.csv"
    reg.save_csv(path)
    records, problems = read_csv(path)
    assert problems == []
    assert Register(records) == reg
    with path.open(encoding="utf-8", newline="") as handle:
        for row in list(csv.reader(handle))[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
