"""Clerks' spreadsheets in and out: XLSX or CSV sheets read through a column mapping.

A Bagian Kerja Sama keeps its register as a sheet: one row per MoU, headers in
Indonesian, amounts written ``Rp1.500.000``, dates as ``20 Desember 2021`` or as
spreadsheet dates, regions by name. A `SheetMapping` names, for each column, the
field it fills (``parties[0].region``) and the parser that reads it; `read_sheet`
turns every row into a validated record and every problem into a `SheetProblem`
that names the sheet, row and column (``register.xlsx:Sheet1!C14``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from ._errors import ErrorDetail, KotakerjaError, ValidationError
from .records._base import Record, record_type, record_types
from .serialization import from_dict, to_dict
from .values._dates import PartialDate
from .values._money import Money
from .values._places import Country, Region, find_regions

__all__ = [
    "PARSERS",
    "ColumnMapping",
    "SheetImport",
    "SheetMapping",
    "SheetProblem",
    "export_mapping",
    "parse_yes_no",
    "read_sheet",
    "write_sheet",
]

PathLike = str | Path
Parser = Callable[[Any, "ColumnMapping"], Any]

_MAX_CELL = 128 * 1024


def _fail(code: str, message: str) -> ValidationError:
    return ValidationError.single("", code, message)


def _text_of(value: Any) -> str:
    """A cell as text; whole numbers stored as floats lose their ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


_YES = {"ya", "y", "yes", "true", "benar", "1", "v", "✓", "sudah", "ada"}
_NO = {"tidak", "tdk", "t", "no", "n", "false", "salah", "0", "belum", "tidak ada", "-"}


def parse_yes_no(value: Any) -> bool:
    """``ya``/``tidak`` (and ``yes``/``no``, ``sudah``/``belum``, ``1``/``0``) as a bool.

    >>> parse_yes_no("Ya"), parse_yes_no("tidak")
    (True, False)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = _text_of(value).lower() if value is not None else ""
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _fail("kotakerja.sheet.not_yes_no", f"{text[:40]!r} is not ya/tidak")


def _parse_text(value: Any, column: ColumnMapping) -> Any:
    text = _text_of(value)
    return column.template.format(text) if column.template else text


def _parse_raw(value: Any, column: ColumnMapping) -> Any:
    return value if isinstance(value, str) else _text_of(value)


def _parse_int(value: Any, column: ColumnMapping) -> Any:
    if isinstance(value, bool):
        raise _fail("kotakerja.sheet.not_integer", f"{value!r} is not a whole number")
    if isinstance(value, int):
        return value
    text = _text_of(value).replace(".", "") if isinstance(value, str) else _text_of(value)
    if not re.fullmatch(r"-?[0-9]{1,18}", text):
        raise _fail("kotakerja.sheet.not_integer", f"{text[:40]!r} is not a whole number")
    return int(text)


def _parse_decimal(value: Any, column: ColumnMapping) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _text_of(value)
    text = _text_of(value)
    if re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?|-?[0-9]+(,[0-9]+)?", text):
        return text.replace(".", "").replace(",", ".")
    raise _fail(
        "kotakerja.sheet.not_decimal",
        f"{text[:40]!r} is not a number written as 1.234,5",
    )


def _parse_money(value: Any, column: ColumnMapping) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if column.currency is None:
            raise _fail(
                "kotakerja.money.no_currency",
                "a number with no currency; give the column a currency in the mapping",
            )
        try:
            amount = Decimal(_text_of(value))
        except InvalidOperation:
            raise _fail("kotakerja.money.unparseable", f"{value!r} is not an amount") from None
        return to_dict(Money(amount=amount, currency=column.currency))
    return to_dict(Money.parse(_text_of(value), column.currency))


def _parse_date(value: Any, column: ColumnMapping) -> Any:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise _fail(
                "kotakerja.sheet.date_with_time",
                f"{value.isoformat()} has a time of day; a date was expected",
            )
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text_of(value)
    return str(PartialDate.parse(text))


def _parse_region(value: Any, column: ColumnMapping) -> Any:
    text = _text_of(value)
    if re.fullmatch(r"[0-9]{2}(\.[0-9]{2}){0,3}", text):
        return Region.get(text).code
    found = find_regions(text)
    if len(found) == 1:
        return found[0].code
    if not found:
        raise _fail("kotakerja.region.not_found", f"no region is called {text[:60]!r}")
    names = ", ".join(f"{r.name} ({r.code})" for r in found[:4])
    raise _fail(
        "kotakerja.region.ambiguous",
        f"{text[:60]!r} could be {names}; write Kota or Kabupaten, or the code",
    )


def _parse_country(value: Any, column: ColumnMapping) -> Any:
    text = _text_of(value)
    if re.fullmatch(r"[A-Z]{2}", text):
        return Country.get(text).code
    return Country.find(text).code


def _parse_bool(value: Any, column: ColumnMapping) -> Any:
    return parse_yes_no(value)


def _parse_json(value: Any, column: ColumnMapping) -> Any:
    text = _text_of(value)
    try:
        return json.loads(text)
    except ValueError:
        raise _fail("kotakerja.sheet.not_json", f"{text[:40]!r} is not JSON") from None


PARSERS: Mapping[str, Parser] = {
    "text": _parse_text,
    "raw": _parse_raw,
    "int": _parse_int,
    "decimal": _parse_decimal,
    "money": _parse_money,
    "date": _parse_date,
    "region": _parse_region,
    "country": _parse_country,
    "bool": _parse_bool,
    "json": _parse_json,
}
"""Cell parsers by name; ``list:<name>`` splits a cell on `ColumnMapping.separator`."""


def _parser_name_ok(name: str) -> bool:
    return name.removeprefix("list:") in PARSERS


@attrs.frozen(kw_only=True)
class ColumnMapping:
    """How one column fills a record: header text, field path, parser.

    `field` is a path into the record's JSON (``title``, ``parties[0].region``,
    ``budget``); `parse` one of `PARSERS` or ``list:<parser>``; `currency` the
    currency of a money column whose cells name none; `template` formats text
    (``"mou-kediri-{}"``); blank cells are left out unless `required`.
    """

    header: str
    field: str
    parse: str = attrs.field(default="text")
    currency: str | None = None
    template: str | None = None
    separator: str = ";"
    required: bool = False

    @parse.validator
    def _known_parser(self, _: Any, value: str) -> None:
        if not _parser_name_ok(value):
            raise _fail(
                "kotakerja.sheet.unknown_parser",
                f"column {self.header!r}: unknown parser {value!r}; "
                f"use one of {', '.join(sorted(PARSERS))} or list:<parser>",
            )

    def read(self, value: Any) -> Any:
        """The JSON-ready value of one cell."""
        name = self.parse
        if name.startswith("list:"):
            item = PARSERS[name[5:]]
            parts = [p.strip() for p in _text_of(value).split(self.separator)]
            return [item(p, self) for p in parts if p]
        return PARSERS[name](value, self)


@attrs.frozen(kw_only=True)
class SheetMapping:
    """Which sheet holds which record type, and what each column means.

    Written as TOML and loaded with `SheetMapping.load`::

        record = "mou"
        sheet = "Daftar MoU"
        header_rows = 2
        [defaults]
        scheme = "ksdpd"
        [[columns]]
        header = "No. Register"
        field = "id"
        template = "mou-kediri-{}"

    A header spanning several rows (merged cells) is matched as the texts of its
    rows joined with ``" / "``: ``"Pihak / Daerah"``.
    """

    record: str
    columns: tuple[ColumnMapping, ...]
    sheet: str | None = None
    header_row: int | None = None
    header_rows: int = 1
    defaults: Mapping[str, Any] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        record_type(self.record)  # an unknown type is a ValidationError
        if self.header_rows < 1 or (self.header_row is not None and self.header_row < 1):
            raise _fail("kotakerja.sheet.bad_mapping", "header rows are counted from 1")
        seen: set[str] = set()
        for column in self.columns:
            key = _header_key(column.header)
            if key in seen:
                raise _fail(
                    "kotakerja.sheet.bad_mapping", f"header {column.header!r} is mapped twice"
                )
            seen.add(key)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SheetMapping:
        """A mapping from parsed TOML or JSON data."""
        if not isinstance(data, Mapping):
            raise _fail("kotakerja.sheet.bad_mapping", "a mapping is a table of settings")
        allowed = {"record", "sheet", "header_row", "header_rows", "defaults", "columns"}
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise _fail("kotakerja.sheet.bad_mapping", f"unknown mapping keys: {unknown}")
        columns = data.get("columns", [])
        if not isinstance(columns, list) or not columns:
            raise _fail("kotakerja.sheet.bad_mapping", "a mapping needs [[columns]]")
        try:
            built = tuple(ColumnMapping(**c) for c in columns)
            return cls(
                record=data.get("record", ""),
                columns=built,
                sheet=data.get("sheet"),
                header_row=data.get("header_row"),
                header_rows=data.get("header_rows", 1),
                defaults=dict(data.get("defaults", {})),
            )
        except TypeError as e:
            raise _fail("kotakerja.sheet.bad_mapping", f"mapping: {e}") from None

    @classmethod
    def load(cls, path: PathLike) -> SheetMapping:
        """A mapping from a TOML file."""
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except OSError as e:
            raise KotakerjaError(f"{path}: cannot read the mapping: {e.strerror}") from None
        except tomllib.TOMLDecodeError as e:
            raise _fail("kotakerja.sheet.bad_mapping", f"{path}: {e}") from None
        return cls.from_dict(data)


@attrs.frozen
class SheetProblem:
    """One problem in a sheet: where (`location`, ``file.xlsx:Sheet1!C14``), code, message."""

    location: str
    code: str
    message: str
    row: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.code}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return attrs.asdict(self)


@attrs.frozen
class RejectedRow:
    """A row left out of an import: its number, its cells and why."""

    row: int
    cells: tuple[Any, ...]
    problems: tuple[SheetProblem, ...]


@attrs.frozen
class SheetImport:
    """What `read_sheet` found: the valid records, every problem, the rows left out."""

    records: tuple[Record, ...]
    problems: tuple[SheetProblem, ...]
    rejected: tuple[RejectedRow, ...]
    header: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> None:
        """A `ValidationError` listing every problem (path = location) if there are any."""
        if self.problems:
            raise ValidationError(ErrorDetail(p.location, p.code, p.message) for p in self.problems)

    def write_rejects(self, path: PathLike) -> None:
        """The rejected rows as CSV (UTF-8 with BOM, for spreadsheets) plus a problems column."""
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["baris", *self.header, "masalah"])
            for rejected in self.rejected:
                cells = [_neutral(_text_of(c)) if c is not None else "" for c in rejected.cells]
                reasons = "; ".join(f"{p.code}: {p.message}" for p in rejected.problems)
                writer.writerow([rejected.row, *cells, _neutral(reasons)])


def _neutral(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r", "'") else text


def _header_key(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).casefold()


_PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")


def _path_tokens(path: str) -> list[str | int]:
    tokens: list[str | int] = []
    pos = 0
    for m in _PATH_TOKEN.finditer(path):
        tokens.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
        if pos < len(path) and path[pos] == ".":
            pos += 1
    if not tokens:
        raise _fail("kotakerja.sheet.bad_mapping", f"{path!r} is not a field path")
    return tokens


def _set_path(target: dict[str, Any], tokens: Sequence[str | int], value: Any) -> None:
    node: Any = target
    for here, nxt in itertools.pairwise(tokens):
        child: Any = {} if isinstance(nxt, str) else []
        if isinstance(here, int):
            while len(node) <= here:
                node.append(None)
            if node[here] is None:
                node[here] = child
            node = node[here]
        else:
            node = node.setdefault(here, child)
    last = tokens[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
        node[last] = value
    else:
        node[last] = value


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class _Sheet:
    """Rows of one sheet as lists of cell values, streamed, with their 1-based numbers."""

    def __init__(self, path: Path, sheet: str | None) -> None:
        self.path = path
        self.is_csv = path.suffix.lower() in (".csv", ".txt")
        self.name = sheet or ""
        self._formulas: Iterator[Sequence[Any]] | None = None
        self.total = 0
        """How many rows the sheet says it has, once reading has begun (0: unknown)."""

    def location(self, row: int, column: int | None) -> str:
        if self.is_csv:
            return f"{self.path}:{row}" + (f":{column + 1}" if column is not None else "")
        cell = f"{_column_letter(column)}{row}" if column is not None else f"{row}"
        return f"{self.path}:{self.name}!{cell}"

    def rows(self) -> Iterator[tuple[int, list[Any], list[bool]]]:
        """(row number, values, is-uncomputed-formula flags) for every row."""
        if self.is_csv:
            yield from self._csv_rows()
        else:
            yield from self._xlsx_rows()

    def _csv_rows(self) -> Iterator[tuple[int, list[Any], list[bool]]]:
        try:
            raw = self.path.read_bytes()
        except OSError as e:
            raise KotakerjaError(f"{self.path}: cannot read: {e.strerror}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        sample = text[:4096]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        csv.field_size_limit(max(csv.field_size_limit(), _MAX_CELL))
        self.total = text.count("\n") + 1
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, cells in enumerate(reader, start=1):
            yield number, [c if c.strip() else None for c in cells], [False] * len(cells)

    def _xlsx_rows(self) -> Iterator[tuple[int, list[Any], list[bool]]]:
        try:
            import openpyxl
        except ImportError:  # pragma: no cover - the sheets extra is missing
            raise KotakerjaError(
                "reading XLSX needs openpyxl: pip install 'kotakerja[sheets]'"
            ) from None
        try:
            values = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
            formulas = openpyxl.load_workbook(self.path, read_only=True, data_only=False)
        except OSError as e:
            raise KotakerjaError(f"{self.path}: cannot read: {e.strerror}") from None
        except Exception as e:  # openpyxl raises zipfile/KeyError/ValueError for bad files
            raise _fail(
                "kotakerja.sheet.unreadable", f"{self.path}: not an XLSX workbook ({e})"
            ) from None
        try:
            names = values.sheetnames
            name = self.name or names[0]
            if name not in names:
                raise _fail(
                    "kotakerja.sheet.no_such_sheet",
                    f"{self.path}: no sheet {name!r}; sheets: {', '.join(names)}",
                )
            self.name = name
            self.total = int(values[name].max_row or 0)
            v_rows = values[name].iter_rows(values_only=True)
            f_rows = formulas[name].iter_rows(values_only=True)
            for number, (vals, forms) in enumerate(zip(v_rows, f_rows, strict=False), start=1):
                cells = list(vals)
                flags = [
                    i < len(cells) and cells[i] is None and isinstance(f, str) and f[:1] == "="
                    for i, f in enumerate(forms)
                ]
                for i, flag in enumerate(flags):
                    if flag:
                        cells[i] = forms[i]  # kept as written, for the rejects file
                yield number, cells, flags
        finally:
            values.close()
            formulas.close()


def _blank(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def read_sheet(
    path: PathLike,
    mapping: SheetMapping | PathLike,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> SheetImport:
    """Read a clerk's sheet (XLSX or CSV) into validated records through `mapping`.

    Never raises for problems in the data: each becomes a `SheetProblem` naming the
    sheet, row and column; a row with any problem is left out and listed in
    `SheetImport.rejected`. An unreadable file or a mapping whose headers are not in
    the sheet is a `ValidationError` (or `KotakerjaError` for the file system).
    Rows are streamed: memory grows with the records kept, not the file.
    `progress`, when given, is called with each row's number and the sheet's row count.
    """
    if not isinstance(mapping, SheetMapping):
        mapping = SheetMapping.load(mapping)
    sheet = _Sheet(Path(path), mapping.sheet)
    cls = record_type(mapping.record)
    defaults = [(_path_tokens(k), v) for k, v in mapping.defaults.items()]
    problems: list[SheetProblem] = []
    records: list[Record] = []
    rejected: list[RejectedRow] = []
    seen_ids: dict[str, int] = {}
    header: list[str] = []
    header_parts: list[list[Any]] = []
    where: dict[str, int] = {}
    field_column: list[tuple[list[str | int], int]] = []
    start = mapping.header_row
    for number, cells, uncomputed in sheet.rows():
        if progress is not None:
            progress(number, sheet.total)
        if not header:
            if start is None:
                if _blank(cells):
                    continue
                start = number
            if number < start:
                continue
            header_parts.append(list(cells))
            if len(header_parts) < mapping.header_rows:
                continue
            header = _combine_header(header_parts)
            where = _locate_columns(mapping, header, sheet, number)
            field_column = [
                (_path_tokens(c.field), where[_header_key(c.header)]) for c in mapping.columns
            ]
            continue
        if _blank(cells):
            continue
        row_problems: list[SheetProblem] = []
        data: dict[str, Any] = {"type": cls.TYPE, "schema_version": cls.SCHEMA_VERSION}
        for tokens, value in defaults:
            _set_path(data, tokens, json.loads(json.dumps(value)))
        for column in mapping.columns:
            index = where[_header_key(column.header)]
            value = cells[index] if index < len(cells) else None
            if index < len(uncomputed) and uncomputed[index]:
                row_problems.append(
                    SheetProblem(
                        sheet.location(number, index),
                        "kotakerja.sheet.formula_not_computed",
                        "a formula with no computed value; open and save the workbook in a "
                        "spreadsheet program first",
                        number,
                        index + 1,
                    )
                )
                continue
            if value is None or (isinstance(value, str) and not value.strip()):
                if column.required:
                    row_problems.append(
                        SheetProblem(
                            sheet.location(number, index),
                            "kotakerja.sheet.required",
                            f"{column.header!r} is empty",
                            number,
                            index + 1,
                        )
                    )
                continue
            if isinstance(value, str) and len(value) > _MAX_CELL:
                row_problems.append(
                    SheetProblem(
                        sheet.location(number, index),
                        "kotakerja.text.too_long",
                        f"a cell of {len(value)} characters; at most {_MAX_CELL}",
                        number,
                        index + 1,
                    )
                )
                continue
            try:
                _set_path(data, _path_tokens(column.field), column.read(value))
            except ValidationError as e:
                row_problems.extend(
                    SheetProblem(
                        sheet.location(number, index), d.code, d.message, number, index + 1
                    )
                    for d in e.errors
                )
        if not row_problems:
            try:
                record = from_dict(Record, data)
            except ValidationError as e:
                for d in e.errors:
                    at = _column_of(d.path, field_column)
                    message = f"{d.path}: {d.message}" if d.path else d.message
                    row_problems.append(
                        SheetProblem(
                            sheet.location(number, at),
                            d.code,
                            message,
                            number,
                            None if at is None else at + 1,
                        )
                    )
            else:
                first = seen_ids.setdefault(record.id, number)
                if first != number:
                    row_problems.append(
                        SheetProblem(
                            sheet.location(number, None),
                            "kotakerja.register.duplicate_id",
                            f"id {record.id!r} is also used in row {first}",
                            number,
                        )
                    )
                else:
                    records.append(record)
        if row_problems:
            problems.extend(row_problems)
            rejected.append(RejectedRow(number, tuple(cells), tuple(row_problems)))
    if not header:
        raise _fail("kotakerja.sheet.no_header", f"{path}: the sheet has no header row")
    return SheetImport(tuple(records), tuple(problems), tuple(rejected), tuple(header))


def _combine_header(parts: list[list[Any]]) -> list[str]:
    width = max(len(p) for p in parts)
    rows = [
        [_text_of(c) if c is not None else "" for c in p] + [""] * (width - len(p)) for p in parts
    ]
    # Merged cells hold their text in the first cell only: carry it right in every header
    # row but the last, so "Pihak" over two columns names both.
    for row in rows[:-1]:
        for i in range(1, width):
            if not row[i]:
                row[i] = row[i - 1]
    return [" / ".join(t for t in (r[i] for r in rows) if t) for i in range(width)]


def _locate_columns(
    mapping: SheetMapping, header: list[str], sheet: _Sheet, row: int
) -> dict[str, int]:
    keys: dict[str, int] = {}
    for i, text in enumerate(header):
        keys.setdefault(_header_key(text), i)
    missing = [c.header for c in mapping.columns if _header_key(c.header) not in keys]
    if missing:
        found = ", ".join(repr(h) for h in header if h) or "nothing"
        raise ValidationError(
            ErrorDetail(
                sheet.location(row, None),
                "kotakerja.sheet.missing_column",
                f"no column headed {m!r}; the header row holds {found}",
            )
            for m in missing
        )
    return {_header_key(c.header): keys[_header_key(c.header)] for c in mapping.columns}


def _column_of(path: str, field_column: list[tuple[list[str | int], int]]) -> int | None:
    """The column whose field is the longest prefix of an error's `path`."""
    tokens = _path_tokens(path) if path else []
    best: tuple[int, int] | None = None
    for field, index in field_column:
        n = len(field)
        covers = tokens[:n] == field or (bool(tokens) and field[: len(tokens)] == tokens)
        if covers and (best is None or n > best[0]):
            best = (n, index)
    return None if best is None else best[1]


# ---------------------------------------------------------------- export


_HEADERS: dict[str, dict[str, str]] = {
    "id": {
        "id": "ID",
        "title": "Judul",
        "kind": "Jenis",
        "scheme": "Skema",
        "parties": "Pihak",
        "signatures": "Penandatanganan",
        "term": "Jangka waktu",
        "budget": "Anggaran",
        "sources": "Sumber",
        "extensions": "Ekstensi",
        "status": "Status",
        "summary": "Ringkasan",
        "start": "Mulai",
        "end": "Selesai",
        "venue": "Tempat",
        "exporter": "Eksportir",
        "consignee": "Penerima",
        "lines": "Barang",
        "legs": "Pengangkutan",
        "follow_ups": "Tindak lanjut",
        "outcomes": "Hasil",
        "topics": "Bidang",
        "references": "Rujukan",
    },
    "en": {},
}


def _label(field: str, lang: str) -> str:
    if lang == "id" and field in _HEADERS["id"]:
        return _HEADERS["id"][field]
    return field.replace("_", " ").capitalize() if field != "id" else "ID"


def _field_kind(cls: type, field: str) -> tuple[str, list[str] | None]:
    """("enum", values), ("text", None) or ("json", None) for a record field."""
    import enum
    import typing

    tp = typing.get_type_hints(cls).get(field)
    options = [tp, *typing.get_args(tp)] if tp is not None else []
    for option in options:
        if isinstance(option, type) and issubclass(option, enum.Enum):
            return "enum", [str(m.value) for m in option]
    if tp is str or (typing.get_args(tp) and set(typing.get_args(tp)) <= {str, type(None)}):
        return "text", None
    return "json", None


def export_mapping(record: str, *, lang: str = "id") -> SheetMapping:
    """The mapping that reads back a sheet `write_sheet` wrote for the `record` type."""
    cls = record_type(record)
    columns = []
    for f in attrs.fields(cls):
        parse = "json" if _field_kind(cls, f.name)[0] == "json" else "raw"
        columns.append(ColumnMapping(header=_label(f.name, lang), field=f.name, parse=parse))
    return SheetMapping(record=cls.TYPE, sheet=cls.TYPE, columns=tuple(columns))


def write_sheet(records: Iterable[Record], path: PathLike, *, lang: str = "id") -> None:
    """Write `records` to an XLSX workbook: one sheet per record type, human headers.

    Columns follow the record's fields; an enum column gets a drop-down list of its
    values; nested values are written as JSON text, so `read_sheet` with
    `export_mapping` gives back the same records.
    """
    if lang not in ("id", "en"):
        raise ValueError(f"lang is 'id' or 'en', not {lang!r}")
    try:
        import openpyxl
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.worksheet.datavalidation import DataValidation
    except ImportError:  # pragma: no cover - the sheets extra is missing
        raise KotakerjaError(
            "writing XLSX needs openpyxl: pip install 'kotakerja[sheets]'"
        ) from None
    workbook = openpyxl.Workbook(write_only=True)
    by_type: dict[str, list[Record]] = {}
    for record in records:
        if not isinstance(record, Record):
            raise TypeError(f"write_sheet() takes records, not {type(record).__name__}")
        by_type.setdefault(record.TYPE, []).append(record)
    for name in [n for n in record_types() if n in by_type]:
        cls = record_type(name)
        fields = [f.name for f in attrs.fields(cls)]
        sheet = workbook.create_sheet(name)
        sheet.append([_label(f, lang) for f in fields])
        kinds = [_field_kind(cls, f) for f in fields]
        for i, (_, choices) in enumerate(kinds):
            if choices and sum(len(c) + 1 for c in choices) < 255:
                letter = _column_letter(i)
                check = DataValidation(
                    type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
                )
                check.add(f"{letter}2:{letter}1048576")
                sheet.data_validations.append(check)
        for record in by_type[name]:
            data = to_dict(record)
            row: list[Any] = []
            for field, (kind, _) in zip(fields, kinds, strict=True):
                value = data.get(field)
                if value is not None and kind == "json":
                    value = json.dumps(value, ensure_ascii=False)
                if isinstance(value, str) and value.startswith("="):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # text, never a formula
                    value = cell
                row.append(value)
            sheet.append(row)
    if not by_type:
        workbook.create_sheet("kosong" if lang == "id" else "empty")
    workbook.save(path)
