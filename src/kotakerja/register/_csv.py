"""Spreadsheet tables: one row per record, one column per field, lossless both ways.

Columns are ``type``, ``schema_version`` and then the record type's fields in
order. A cell holds text fields, codes, dates and enum values as written;
nested values (parties, signatures, lists) as compact JSON. An empty cell
means the field is absent.
"""

from __future__ import annotations

import io
import json
import types
from collections.abc import Iterable
from typing import Any, Union, get_args, get_origin

import cattrs

from .._errors import ErrorDetail, ValidationError
from .._model import field_specs
from ..records._base import Record, record_type
from ..serialization import from_dict, to_dict
from ..serialization._converter import _json_shape
from ..serialization._json import loads
from ._storage import PathLike, atomic_write

__all__ = ["columns_for", "read_csv", "write_csv"]


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
    if any(type(r) is not cls for r in rows):
        raise ValueError("a CSV table holds records of one type")
    cols = columns_for(cls)
    import csv  # on first use: it is not needed to import kotakerja

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=cols, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        data = to_dict(r, converter=converter)
        writer.writerow({c: _cell(data.get(c)) for c in cols})
    atomic_write(path, (buffer.getvalue(),))


def read_csv(
    path: PathLike, *, converter: cattrs.Converter | None = None
) -> tuple[list[Record], list[tuple[int, ErrorDetail]]]:
    """Read a CSV table; return the records and the problems as (row number, detail).

    Row numbers count the header as row 1, as spreadsheets do; a problem's path
    starts with the column name.
    """
    records: list[Record] = []
    problems: list[tuple[int, ErrorDetail]] = []
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row_number, row in enumerate(reader, start=2):
            try:
                records.append(_row_to_record(row, converter))
            except ValidationError as e:
                problems.extend((row_number, err) for err in e.errors)
    return records, problems


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
