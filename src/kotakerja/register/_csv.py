"""Spreadsheet tables: one row per record, one column per field, lossless both ways.

Columns are ``type``, ``schema_version`` and then the record type's fields in
order. A cell holds text fields, codes, dates and enum values as written;
nested values (parties, signatures, lists) as compact JSON. An empty cell
means the field is absent.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(which a spreadsheet would run as a formula) is written with a leading ``'``, and
so is one that starts with ``'`` itself; the reader removes that one ``'``, so every
text comes back exactly as it was.

A table that cannot be read as a whole (not UTF-8, not comma-separated, a
header without ``type`` or with a column twice, a row over the size limit) raises
`ValidationError` with one of the `TABLE_CODES` and the path ``""``.
"""

from __future__ import annotations

import io
import types
from collections.abc import Iterable, Iterator
from typing import IO, Any, Union, get_args, get_origin

import cattrs

from .._errors import ErrorDetail, ValidationError
from .._model import field_specs
from ..records._base import Record, record_type
from ..serialization import cell_is_text, cell_text, from_dict, to_dict
from ..serialization import json_shape as _json_shape
from ..serialization._json import DEFAULT_MAX_SIZE, loads
from ._storage import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_PROBLEMS,
    DUPLICATE_ID,
    TOO_LARGE,
    PathLike,
    Readable,
    check_depth,
    clean_temporary,
    cut_notice,
    open_source,
)
from ._storage import atomic_write as atomic_write

__all__ = [
    "TABLE_CODES",
    "columns_for",
    "escape_cell",
    "read_csv",
    "unescape_cell",
    "write_csv",
]

TABLE_CODES = frozenset(
    {
        "kotakerja.csv.encoding",
        "kotakerja.csv.separator",
        "kotakerja.csv.no_type_column",
        "kotakerja.csv.duplicate_column",
        "kotakerja.csv.invalid",
        TOO_LARGE,
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


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_cell(text: str) -> str:
    """`text` safe to open in a spreadsheet: a leading ``'`` when it could start a formula.

    OWASP's rule for CSV injection: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return gets a ``'`` in front, and so does one starting with ``'``, so
    that `unescape_cell` can take exactly one away.

    >>> escape_cell("=HYPERLINK(1)"), escape_cell("'quoted"), escape_cell("plain")
    ("'=HYPERLINK(1)", "''quoted", 'plain')
    """
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    """The text `escape_cell` was given: one leading ``'`` removed."""
    return text[1:] if text.startswith("'") else text


def write_csv(
    path: PathLike,
    records: Iterable[Record],
    *,
    record_type: type[Record] | None = None,
    converter: cattrs.Converter | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> None:
    """Write records of one type as a CSV table, atomically.

    With `record_type`, an empty table (the header alone) can be written too. Cells
    that could start a formula are escaped (`escape_cell`). A row `read_csv` would
    refuse with the same `max_size` raises `ValidationError`
    (``kotakerja.storage.too_large``) and nothing is written.
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
        cells = [cell_text(data.get(c)) for c in cols]
        for c in cells:
            if c[:1] in ("{", "["):
                check_depth(c, DEFAULT_MAX_DEPTH)
        cells = [escape_cell(c) for c in cells]
        start = buffer.tell()
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
        if max_size is not None:
            size = len(buffer.getvalue()[start:].encode("utf-8"))
            if size > max_size:
                raise ValidationError.single(
                    f"[{r.id}]",
                    TOO_LARGE,
                    f"the row of {r.TYPE} {r.id} has {size} bytes; the limit is {max_size} "
                    "(raise max_size to allow more)",
                )
    atomic_write(path, (buffer.getvalue(),))
    clean_temporary(path)


class _RowTooLarge(Exception):
    pass


def read_csv(
    source: Readable,
    *,
    converter: cattrs.Converter | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    max_problems: int | None = DEFAULT_MAX_PROBLEMS,
    allow_special: bool = False,
) -> tuple[list[Record], list[tuple[int, ErrorDetail]]]:
    """Read a CSV table; return the records and the problems as (row number, detail).

    `source` is a path or a binary stream. The table is read row by row, so memory
    stays proportional to the largest row, which may have at most `max_size` bytes.
    Row numbers count the header as row 1, as spreadsheets do; a problem's path
    starts with the column name. A row whose id an earlier row already used is a
    problem at ``id`` (``kotakerja.register.duplicate_id``, naming the first row).
    After `max_problems` problems reading stops, and a last problem with the code
    ``kotakerja.storage.too_many_problems`` says so. A table that cannot be read at
    all (not UTF-8, not comma-separated, a bad header, a row over `max_size`) raises
    `ValidationError` with the path ``""`` and a ``kotakerja.csv.*`` code (or
    ``kotakerja.storage.too_large``); a special file ``kotakerja.storage.not_a_file``.
    """
    if max_problems is not None and max_problems < 1:
        raise ValueError(f"max_problems must be 1 or more (or None), not {max_problems}")
    records: list[Record] = []
    problems: list[tuple[int, ErrorDetail]] = []
    seen: dict[str, int] = {}
    import csv

    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, max_size or 0) if max_size is not None else 2**31 - 1)
    state = _LineState()
    try:
        with open_source(source, allow_special=allow_special) as handle:
            reader = csv.reader(_text_lines(handle, max_size, state))
            header = next(reader, None)
            if header is None:
                return records, problems
            _check_header(header)
            state.pending = 0
            for row_number, cells in enumerate(reader, start=2):
                state.pending = 0
                if not cells:
                    continue
                try:
                    record = _row_to_record(_row(header, cells), converter)
                except ValidationError as e:
                    errors: tuple[ErrorDetail, ...] = e.errors
                else:
                    first = seen.setdefault(record.id, row_number)
                    if first == row_number:
                        records.append(record)
                        continue
                    errors = (
                        ErrorDetail(
                            "id", DUPLICATE_ID, f"id {record.id!r} is already used on row {first}"
                        ),
                    )
                for err in errors:
                    if max_problems is not None and len(problems) >= max_problems:
                        problems.append(
                            (row_number, cut_notice(len(problems), f"row {row_number}"))
                        )
                        return records, problems
                    problems.append((row_number, err))
    except csv.Error as e:
        raise _table_error(
            "kotakerja.csv.invalid", f"not a readable CSV table: line {state.line}: {e}"
        ) from None
    except _RowTooLarge:
        raise _table_error(
            TOO_LARGE,
            f"the row ending on line {state.line} has more than {max_size} bytes; "
            f"the limit is {max_size} (raise max_size to allow more)",
        ) from None
    finally:
        csv.field_size_limit(limit)
    return records, problems


class _LineState:
    __slots__ = ("line", "pending")

    def __init__(self) -> None:
        self.line = 0
        self.pending = 0


def _text_lines(handle: IO[bytes], max_size: int | None, state: _LineState) -> Iterator[str]:
    """The lines of a table as text, counting the bytes of the row being read."""
    while True:
        raw = handle.readline(-1 if max_size is None else max_size + 2)
        if not raw:
            return
        if state.line == 0 and raw[:3] == b"\xef\xbb\xbf":
            raw = raw[3:]
        state.line += 1
        state.pending += len(raw)
        if max_size is not None and (
            state.pending > max_size + 2 or (len(raw) == max_size + 2 and not raw.endswith(b"\n"))
        ):
            raise _RowTooLarge
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise _table_error(
                "kotakerja.csv.encoding",
                f"not a UTF-8 CSV table: byte 0x{raw[e.start]:02x} on line {state.line} is not "
                "UTF-8; save the table as CSV UTF-8",
            ) from None
        yield from io.StringIO(text, newline="")


def _table_error(code: str, message: str) -> ValidationError:
    return ValidationError.single("", code, message)


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
    row: dict[str | None, str] = dict(zip(header, (unescape_cell(c) for c in cells), strict=False))
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
        if column in ("type", "schema_version") or cell_is_text(
            text, shapes.get(column, {"string"})
        ):
            data[column] = text
            continue
        try:
            check_depth(text, DEFAULT_MAX_DEPTH)
            data[column] = loads(text)
        except ValidationError as e:
            errors.append(ErrorDetail(column, "kotakerja.csv.bad_cell", e.errors[0].message))
    if errors:
        raise ValidationError(errors)
    record: Record = from_dict(cls, data, converter=converter)
    return record
