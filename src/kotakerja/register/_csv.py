"""Spreadsheet tables: one row per record, one column per field, lossless both ways.

Columns are ``type``, ``schema_version`` and then the record type's fields in
order. A cell holds text fields, codes, dates and enum values as written;
nested values (parties, signatures, lists) as compact JSON. An empty cell
means the field is absent.

A table that cannot be read as a whole (not UTF-8, not comma-separated, a
header without ``type`` or with a column twice, a cell over the size limit) raises
`ValidationError` with one of the `TABLE_CODES` and the path ``""``.
"""

from __future__ import annotations

import io
import json
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import cattrs

from .._errors import ErrorDetail, ValidationError
from .._model import field_specs
from ..records._base import Record, record_type
from ..serialization import from_dict, to_dict
from ..serialization import json_shape as _json_shape
from ..serialization._json import DEFAULT_MAX_SIZE, loads
from ._storage import PathLike, atomic_write

__all__ = ["TABLE_CODES", "columns_for", "read_csv", "write_csv"]

TABLE_CODES = frozenset(
    {
        "kotakerja.csv.encoding",
        "kotakerja.csv.separator",
        "kotakerja.csv.no_type_column",
        "kotakerja.csv.duplicate_column",
        "kotakerja.csv.invalid",
    }
)
"""Codes of the problems that make a whole table unreadable (rather than one row)."""


def columns_for(cls: type[Record]) -> list[str]:
    """The CSV columns of a record type, in order."""
    names = [s.name for s in field_specs(cls)]
    base = ["id", "sources", "extensions"]
    return ["type", "schema_version", "id", *[n for n in names if n not in base], *base[1:]]


def _shapes(tp: Any) -> set[str]:
    members = get_args(tp) if get_origin(tp) in (Union, types.UnionType) else (tp,)
    return {_json_shape(m) for m in members if m is not type(None)}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_csv(
    path: PathLike,
    records: Iterable[Record],
    *,
    record_type: type[Record] | None = None,
    converter: cattrs.Converter | None = None,
) -> None:
    """Write records of one type as a CSV table, atomically.

    With `record_type`, an empty table (the header alone) can be written too.
    """
    rows = list(records)
    if not rows and record_type is None:
        raise ValueError("no records to write; give record_type for an empty table")
    cls = record_type or type(rows[0])
    from ..records._base import record_types

    if record_types().get(getattr(cls, "TYPE", "")) is not cls:
        known = ", ".join(sorted(record_types()))
        raise TypeError(f"a CSV table holds records of one record type ({known}), not {cls!r}")
    if any(type(r) is not cls for r in rows):
        raise ValueError("a CSV table holds records of one type")
    cols = columns_for(cls)
    import csv  # on first use: it is not needed to import kotakerja

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # The writer quotes a cell holding "\n" but not one holding a bare "\r", which a
    # reader takes for a line end: a row with one is written with every cell quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(cols)
    for r in rows:
        data = to_dict(r, converter=converter)
        cells = [_cell(data.get(c)) for c in cols]
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
    atomic_write(path, (buffer.getvalue(),))


def read_csv(
    path: PathLike, *, converter: cattrs.Converter | None = None
) -> tuple[list[Record], list[tuple[int, ErrorDetail]]]:
    """Read a CSV table; return the records and the problems as (row number, detail).

    Row numbers count the header as row 1, as spreadsheets do; a problem's path
    starts with the column name. A table that cannot be read at all (not UTF-8,
    not comma-separated, a bad header) raises `ValidationError` with the path
    ``""`` and a ``kotakerja.csv.*`` code.
    """
    records: list[Record] = []
    problems: list[tuple[int, ErrorDetail]] = []
    import csv

    text = _decode(Path(path).read_bytes())
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, DEFAULT_MAX_SIZE))
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None:
            return records, problems
        _check_header(header)
        for row_number, cells in enumerate(reader, start=2):
            if not cells:
                continue
            try:
                records.append(_row_to_record(_row(header, cells), converter))
            except ValidationError as e:
                problems.extend((row_number, err) for err in e.errors)
    except csv.Error as e:
        raise _table_error(
            "kotakerja.csv.invalid", f"not a readable CSV table: line {reader.line_num}: {e}"
        ) from None
    finally:
        csv.field_size_limit(limit)
    return records, problems


def _table_error(code: str, message: str) -> ValidationError:
    return ValidationError.single("", code, message)


def _decode(data: bytes) -> str:
    start = 3 if data[:3] == b"\xef\xbb\xbf" else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as e:
        offset = start + e.start
        line = data.count(b"\n", 0, offset) + 1
        raise _table_error(
            "kotakerja.csv.encoding",
            f"not a UTF-8 CSV table: byte 0x{data[offset]:02x} on line {line} is not UTF-8; "
            "save the table as CSV UTF-8",
        ) from None


def _check_header(header: list[str]) -> None:
    if "type" not in header:
        if len(header) == 1 and ";" in header[0]:
            raise _table_error(
                "kotakerja.csv.separator",
                "the columns are separated by semicolons; kotakerja tables use commas "
                "(save the table as CSV UTF-8, comma delimited)",
            )
        raise _table_error(
            "kotakerja.csv.no_type_column",
            "the header (row 1) has no 'type' column; the first row must hold the "
            "column names: type, schema_version, id, ...",
        )
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise _table_error(
                "kotakerja.csv.duplicate_column", f"the header has the column {name!r} twice"
            )
        seen.add(name)


def _row(header: list[str], cells: list[str]) -> dict[str | None, str]:
    row: dict[str | None, str] = dict(zip(header, cells, strict=False))
    if len(cells) > len(header):
        row[None] = ""
    return row


def _row_to_record(row: dict[Any, Any], converter: cattrs.Converter | None) -> Record:
    name = row.get("type") or ""
    cls = record_type(name)
    shapes = {s.name: _shapes(s.type) for s in field_specs(cls)}
    data: dict[str, Any] = {}
    errors: list[ErrorDetail] = []
    for column, text in row.items():
        if column is None:
            errors.append(
                ErrorDetail("", "kotakerja.csv.extra_cells", "row has more cells than columns")
            )
            continue
        if text is None or text == "":
            continue
        kinds = shapes.get(column, {"string"})
        if (
            column in ("type", "schema_version")
            or kinds == {"string"}
            or ("string" in kinds and text[:1] not in "{[")
        ):
            data[column] = text
            continue
        try:
            data[column] = loads(text)
        except ValidationError as e:
            errors.append(ErrorDetail(column, "kotakerja.csv.bad_cell", e.errors[0].message))
    if errors:
        raise ValidationError(errors)
    record: Record = from_dict(cls, data, converter=converter)
    return record
