"""Records as flat tables: Arrow tables, Parquet files and plain rows for analytics.

One table per record type (``mou``, ``agreement``, ``meeting``, ``event``,
``export_shipment``, ``export_release``) and one per list of nested values, named
``<type>.<field>`` (``mou.parties``, ``meeting.follow_ups``,
``export_shipment.legs``, ``mou.signatures.witnesses``...). A row of a nested table
carries the id of its record (``<type>_id``), the place of every list it sits in
(``<field>_index``) and its own place (``index``): a stable key.

Columns are typed: a partial date is a ``date32`` (its first day) beside a
``<name>_precision`` column (``year``, ``month`` or ``day``); an amount of money a
``decimal128(38, 9)`` beside ``<name>_currency``; a zoned time a
``timestamp[us, UTC]`` beside ``<name>_zone``; regions, countries and trade codes
their codes; enums their values; a nested value its fields with the field name as
prefix (``venue_place_region``). Every record table also has the record's place in
the input (``position``), derived columns (``timeline_date``, ``regions``,
``countries``; ``status_today`` and ``days_to_expiry`` for MoUs and agreements;
``current_status`` and ``destination`` for shipments) and the record's full JSON
(``body``), from which `from_arrow` and `read_parquet` rebuild the records exactly.

Requires pyarrow (``pip install "kotakerja[arrow]"``), imported on first use.
"""

from __future__ import annotations

import datetime as _dt
import enum
import gc
import json
import operator
import os
import re
import types
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

import attrs
import pendulum

from ._model import field_specs
from .records._agreements import Document
from .records._base import Record, record_type, record_types
from .records._shipments import ExportShipment
from .serialization import from_json, json_schema, to_dict, to_json
from .values._dates import PartialDate
from .values._money import Money
from .values._places import Country, Region

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["from_arrow", "read_parquet", "table_names", "to_arrow", "to_rows", "write_parquet"]

PathLike = str | os.PathLike[str]

DECIMAL_PRECISION = 38
DECIMAL_SCALE = 9
"""Decimal columns are ``decimal128(38, 9)``; a value that does not fit exactly is null
there (the record's ``body`` keeps it)."""

_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_PRECISION = {1: "year", 2: "month", 3: "day"}

# Column kinds, turned into Arrow types when pyarrow is loaded.
STRING, INT, FLOAT, BOOL, DATE, TIMESTAMP, DECIMAL = (
    "string",
    "int64",
    "float64",
    "bool",
    "date32",
    "timestamp",
    "decimal",
)
STRINGS, INTS = "list<string>", "list<int64>"


def _arrow_type(kind: str) -> pa.DataType:
    import pyarrow as pa

    return {
        STRING: pa.string(),
        INT: pa.int64(),
        FLOAT: pa.float64(),
        BOOL: pa.bool_(),
        DATE: pa.date32(),
        TIMESTAMP: pa.timestamp("us", tz="UTC"),
        DECIMAL: pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        STRINGS: pa.list_(pa.string()),
        INTS: pa.list_(pa.int64()),
    }[kind]


# Leaf conversions --------------------------------------------------------------------------


def _day(value: _dt.date) -> int:
    return value.toordinal() - _EPOCH_ORDINAL


def _micros(value: _dt.datetime) -> int:
    delta = _dt.datetime.__sub__(value, _EPOCH)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _zone(value: _dt.datetime) -> str | None:
    tz = value.tzinfo
    name = getattr(tz, "name", None)
    return name if isinstance(name, str) else str(tz)


def _decimal(value: Decimal) -> Decimal | None:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -DECIMAL_SCALE:
        return None
    if value and value.adjusted() >= DECIMAL_PRECISION - DECIMAL_SCALE:
        return None
    return value


def _json_text(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, separators=(",", ":"))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _members(tp: Any) -> tuple[list[Any], bool]:
    """The non-None members of an annotation and whether None is allowed."""
    if get_origin(tp) in (Union, types.UnionType):
        args = get_args(tp)
        return [a for a in args if a is not type(None)], type(None) in args
    return [tp], False


_SCALAR: dict[type, bool] = {}


def _is_scalar_value(cls: type) -> bool:
    """Whether an attrs value type is written as one JSON scalar (a code such as ``"33.72"``)."""
    try:
        return _SCALAR[cls]
    except KeyError:
        pass
    schema = json_schema(cls)
    ref = schema.get("$ref", "")
    node = schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1], schema)
    result = bool(node.get("type") != "object")
    _SCALAR[cls] = result
    return result


def _code(value: Any) -> str:
    code = getattr(value, "code", None)
    if isinstance(code, str):
        return code
    data = to_dict(value)
    return data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)


# Plans: which columns and tables a record type gives ---------------------------------------


class _Plain:
    """Append a value as it is to one column (gathered by `_Compiler.nested`)."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index

    def __call__(self, v: Any, cols: list[list[Any]], row: _Row) -> None:
        cols[self.index].append(v)


class _Row:
    """What the columns of one record collect besides their own values."""

    __slots__ = ("countries", "regions")

    def __init__(self) -> None:
        self.regions: dict[str, None] = {}
        self.countries: dict[str, None] = {}


Emit = Callable[[Any, list[list[Any]], _Row], None]
"""Append one value's cells to the column lists of its table."""
Rows = Callable[[Any, tuple[Any, ...], dict[str, list[list[Any]]], _Row], None]
"""Append the rows of nested tables for one value, under the key of its row."""


@attrs.define
class _Table:
    name: str
    columns: list[tuple[str, str]] = attrs.Factory(list)

    def add(self, name: str, kind: str) -> int:
        if any(n == name for n, _ in self.columns):
            raise TypeError(f"column {name!r} twice in table {self.name!r}")
        self.columns.append((name, kind))
        return len(self.columns) - 1


@attrs.define
class _Plan:
    """The tables of one record type and how to fill them."""

    tables: list[_Table]
    emit: Emit
    rows: Rows


def _nothing(value: Any, cols: list[list[Any]], row: _Row) -> None:
    return None


def _no_rows(value: Any, key: tuple[Any, ...], out: dict[str, list[list[Any]]], row: _Row) -> None:
    return None


class _Compiler:
    def __init__(self, record: type[Record]) -> None:
        self.record = record
        self.tables: list[_Table] = []

    def table(self, name: str, keys: list[str]) -> _Table:
        table = _Table(name)
        for i, k in enumerate(keys):
            table.add(k, STRING if i == 0 else INT)
        self.tables.append(table)
        return table

    # One value in the current row ---------------------------------------------------------

    def value(
        self,
        tp: Any,
        prefix: str,
        table: _Table,
        keys: list[str],
        ancestors: tuple[type, ...],
    ) -> tuple[Emit, Rows]:
        members, _ = _members(tp)
        if len(members) > 1:
            return self.union(members, prefix, table, keys, ancestors)
        (tp,) = members
        origin = get_origin(tp)
        if origin is tuple:
            (item,) = [a for a in get_args(tp) if a is not Ellipsis]
            return self.sequence(item, prefix, table, keys, ancestors)
        if tp is Any or origin in (Mapping, dict) or tp in (Mapping, dict):
            i = table.add(prefix, STRING)

            def emit_json(v: Any, cols: list[list[Any]], row: _Row) -> None:
                cols[i].append(
                    None if v is None else json.dumps(dict(v), ensure_ascii=False, sort_keys=True)
                )

            return emit_json, _no_rows
        if tp is PartialDate:
            i = table.add(prefix, DATE)
            j = table.add(f"{prefix}_precision", STRING)

            def emit_partial(v: Any, cols: list[list[Any]], row: _Row) -> None:
                if v is None:
                    cols[i].append(None)
                    cols[j].append(None)
                else:
                    cols[i].append(_day(v.earliest()))
                    cols[j].append(
                        "year" if v.month is None else "month" if v.day is None else "day"
                    )

            return emit_partial, _no_rows
        if isinstance(tp, type) and issubclass(tp, _dt.datetime):
            i = table.add(prefix, TIMESTAMP)
            j = table.add(f"{prefix}_zone", STRING)

            def emit_time(v: Any, cols: list[list[Any]], row: _Row) -> None:
                cols[i].append(None if v is None else _micros(v))
                cols[j].append(None if v is None else _zone(v))

            return emit_time, _no_rows
        if tp is Money:
            i = table.add(prefix, DECIMAL)
            j = table.add(f"{prefix}_currency", STRING)

            def emit_money(v: Any, cols: list[list[Any]], row: _Row) -> None:
                cols[i].append(None if v is None else _decimal(v.amount))
                cols[j].append(None if v is None else v.currency)

            return emit_money, _no_rows
        if isinstance(tp, type) and attrs.has(tp) and not _is_scalar_value(tp):
            if tp in ancestors:  # a value inside itself (an organisation's members)
                return self.json_column(prefix, table)
            return self.nested(tp, prefix, table, keys, (*ancestors, tp))
        kind, convert = _scalar(tp)
        i = table.add(prefix, kind)
        if tp is Region:

            def emit_region(v: Any, cols: list[list[Any]], row: _Row) -> None:
                if v is None:
                    cols[i].append(None)
                else:
                    cols[i].append(v.code)
                    row.regions[v.code] = None

            return emit_region, _no_rows
        if tp is Country:

            def emit_country(v: Any, cols: list[list[Any]], row: _Row) -> None:
                if v is None:
                    cols[i].append(None)
                else:
                    cols[i].append(v.code)
                    row.countries[v.code] = None

            return emit_country, _no_rows
        if convert is None:
            return _Plain(i), _no_rows

        def emit_scalar(v: Any, cols: list[list[Any]], row: _Row) -> None:
            cols[i].append(None if v is None else convert(v))

        return emit_scalar, _no_rows

    def json_column(self, prefix: str, table: _Table) -> tuple[Emit, Rows]:
        i = table.add(prefix, STRING)

        def emit(v: Any, cols: list[list[Any]], row: _Row) -> None:
            cols[i].append(None if v is None else "[]" if v == () else _json_text(v))

        return emit, _no_rows

    def union(
        self,
        members: list[Any],
        prefix: str,
        table: _Table,
        keys: list[str],
        ancestors: tuple[type, ...],
    ) -> tuple[Emit, Rows]:
        parts = [
            (m, *self.value(m, _join(prefix, _snake(m.__name__)), table, keys, ancestors))
            for m in members
        ]

        def emit(v: Any, cols: list[list[Any]], row: _Row) -> None:
            for m, e, _ in parts:
                e(v if isinstance(v, m) else None, cols, row)

        def rows(v: Any, key: tuple[Any, ...], out: dict[str, list[list[Any]]], row: _Row) -> None:
            for m, _, r in parts:
                if isinstance(v, m):
                    r(v, key, out, row)

        return emit, rows

    def nested(
        self,
        cls: type,
        prefix: str,
        table: _Table,
        keys: list[str],
        ancestors: tuple[type, ...],
        skip: tuple[str, ...] = (),
    ) -> tuple[Emit, Rows]:
        start = len(table.columns)
        plain: list[tuple[str, int]] = []
        others: list[tuple[str, Emit]] = []
        row_parts: list[tuple[str, Rows]] = []
        for s in field_specs(cls):
            if s.name in skip:
                continue
            e, r = self.value(s.type, _join(prefix, s.name), table, keys, ancestors)
            if isinstance(e, _Plain):
                plain.append((s.name, e.index))
            elif e is not _nothing:
                others.append((s.name, e))
            if r is not _no_rows:
                row_parts.append((s.name, r))
        every = range(start, len(table.columns))
        get_plain = operator.attrgetter(*[n for n, _ in plain]) if plain else None
        plain_index = [i for _, i in plain]
        one = len(plain) == 1

        def emit(v: Any, cols: list[list[Any]], row: _Row) -> None:
            if v is None:
                for i in every:
                    cols[i].append(None)
                return
            if get_plain is not None:
                values = get_plain(v)
                if one:
                    cols[plain_index[0]].append(values)
                else:
                    for i, x in zip(plain_index, values, strict=True):
                        cols[i].append(x)
            for name, e in others:
                e(getattr(v, name), cols, row)

        def rows(v: Any, key: tuple[Any, ...], out: dict[str, list[list[Any]]], row: _Row) -> None:
            if v is not None:
                for name, r in row_parts:
                    r(getattr(v, name), key, out, row)

        return emit, (rows if row_parts else _no_rows)

    def sequence(
        self,
        item: Any,
        prefix: str,
        table: _Table,
        keys: list[str],
        ancestors: tuple[type, ...],
    ) -> tuple[Emit, Rows]:
        members, _ = _members(item)
        if len(members) == 1 and not (attrs.has(members[0]) and not _is_scalar_value(members[0])):
            kind, convert = _scalar(members[0])
            if kind not in (STRING, INT):
                return self.json_column(prefix, table)
            i = table.add(prefix, STRINGS if kind == STRING else INTS)
            is_region, is_country = members[0] is Region, members[0] is Country

            def emit_list(v: Any, cols: list[list[Any]], row: _Row) -> None:
                if v is None:
                    cols[i].append(None)
                    return
                values = list(v) if convert is None else [convert(x) for x in v]
                cols[i].append(values)
                if is_region:
                    row.regions.update(dict.fromkeys(values))
                elif is_country:
                    row.countries.update(dict.fromkeys(values))

            return emit_list, _no_rows
        if len(members) == 1 and members[0] in ancestors:
            return self.json_column(prefix, table)
        # A list of values: a table of its own, keyed by the row it belongs to.
        name = f"{table.name}.{prefix}"
        if "." in table.name:  # a list inside a list: the outer place is part of the key
            own_keys = [*keys[:-1], f"{_last(table.name)}_index", "index"]
        else:
            own_keys = [keys[0], "index"]
        child = self.table(name, own_keys)
        emit_item, rows_item = self.value(item, "", child, own_keys, ancestors)

        def rows(v: Any, key: tuple[Any, ...], out: dict[str, list[list[Any]]], row: _Row) -> None:
            if not v:
                return
            cols = out[name]
            width = len(key)
            for index, x in enumerate(v):
                for k in range(width):
                    cols[k].append(key[k])
                cols[width].append(index)
                emit_item(x, cols, row)
                if rows_item is not _no_rows:
                    rows_item(x, (*key, index), out, row)

        return _nothing, rows


def _join(prefix: str, name: str) -> str:
    return f"{prefix}_{name}" if prefix else name


def _last(table_name: str) -> str:
    return table_name.rsplit(".", 1)[-1]


def _scalar(tp: Any) -> tuple[str, Callable[[Any], Any] | None]:
    """The column kind of a one-cell value and how to convert it (None: as it is)."""
    if tp is bool:
        return BOOL, None
    if tp is int:
        return INT, None
    if tp is float:
        return FLOAT, None
    if tp is str:
        return STRING, None
    if tp is Decimal:
        return DECIMAL, _decimal
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return STRING, lambda v: v.value
    if isinstance(tp, type) and issubclass(tp, _dt.date) and not issubclass(tp, _dt.datetime):
        return DATE, _day
    if isinstance(tp, type) and attrs.has(tp):
        return STRING, _code
    raise TypeError(f"no column kind for {tp!r}")


_PLANS: dict[type[Record], _Plan] = {}


def _plan(cls: type[Record]) -> _Plan:
    try:
        return _PLANS[cls]
    except KeyError:
        pass
    c = _Compiler(cls)
    main = c.table(cls.TYPE, [])
    main.add("id", STRING)
    main.add("position", INT)
    emit_record, rows_record = c.nested(cls, "", main, [f"{cls.TYPE}_id"], (cls,), skip=("id",))
    for name, kind in _derived_columns(cls):
        main.add(name, kind)
    main.add("body", STRING)

    plan = _Plan(c.tables, emit_record, rows_record)
    _PLANS[cls] = plan
    return plan


def _derived_columns(cls: type[Record]) -> list[tuple[str, str]]:
    out = [
        ("timeline_date", DATE),
        ("timeline_date_precision", STRING),
        ("regions", STRINGS),
        ("countries", STRINGS),
    ]
    if issubclass(cls, Document):
        out += [("status_today", STRING), ("days_to_expiry", INT)]
    if issubclass(cls, ExportShipment):
        out += [("current_status", STRING), ("destination", STRING)]
    return out


def _derived(record: Record, row: _Row, today: PartialDate) -> list[Any]:
    date = record.timeline_date()
    out: list[Any] = [
        None if date is None else _day(date.earliest()),
        None if date is None else date.precision.value,
        list(row.regions),
        list(row.countries),
    ]
    if isinstance(record, Document):
        status = record.status_on(today)
        ends = record.possible_end()
        out += [
            None if status is None else status.value,
            None if ends is None else ends[0].toordinal() - today.earliest().toordinal(),
        ]
    if isinstance(record, ExportShipment):
        current = record.status
        out += [None if current is None else current.value, record.destination.code]
    return out


# Public functions ---------------------------------------------------------------------------


def table_names(types: Iterable[type[Record]] | None = None) -> list[str]:
    """The names of the tables `to_arrow` gives, record tables first.

    >>> table_names()[:2]
    ['mou', 'agreement']
    >>> "meeting.follow_ups" in table_names()
    True
    """
    return [t.name for t in _tables(types)]


def _record_classes(records: list[Record]) -> list[type[Record]]:
    known = list(record_types().values())
    for r in records:
        if type(r) not in known:
            known.append(type(r))
    return known


def _tables(types: Iterable[type[Record]] | None) -> list[_Table]:
    classes = list(record_types().values()) if types is None else list(types)
    plans = [_plan(cls) for cls in classes]
    return [p.tables[0] for p in plans] + [t for p in plans for t in p.tables[1:]]


def _columns(
    records: Iterable[Record], today: PartialDate | pendulum.Date | None
) -> tuple[list[_Table], dict[str, list[list[Any]]]]:
    items = list(records)
    for r in items:
        if not isinstance(r, Record):
            raise TypeError(f"expected records, not {type(r).__name__}")
    day = (
        PartialDate.today()
        if today is None
        else today
        if isinstance(today, PartialDate)
        else PartialDate.of(today)
    )
    classes = _record_classes(items)
    tables = _tables(classes)
    out: dict[str, list[list[Any]]] = {t.name: [[] for _ in t.columns] for t in tables}
    for position, record in enumerate(items):
        plan = _plan(type(record))
        cols = out[record.TYPE]
        row = _Row()
        cols[0].append(record.id)
        cols[1].append(position)
        plan.emit(record, cols, row)
        plan.rows(record, (record.id,), out, row)
        derived = _derived(record, row, day)
        base = len(cols) - 1 - len(derived)
        for k, value in enumerate(derived):
            cols[base + k].append(value)
        cols[-1].append(to_json(record).encode())
    return tables, out


def to_arrow(
    records: Iterable[Record], *, today: PartialDate | pendulum.Date | None = None
) -> dict[str, pa.Table]:
    """Records as Arrow tables keyed by name: the record tables, then the nested ones.

    Every table is there, empty when no record fills it, so that the columns do not
    depend on the data. `today` (default: today in Jakarta) is the day of the
    derived ``status_today`` and ``days_to_expiry``.

    >>> import kotakerja
    >>> day = kotakerja.PartialDate.parse("2024-01-01")
    >>> tables = kotakerja.to_arrow(kotakerja.examples(), today=day)
    >>> tables["mou"].num_rows, tables["mou.parties"].column_names[:3]
    (3, ['mou_id', 'index', 'region'])
    """
    import pyarrow as pa

    # Millions of small objects are made and kept: the cyclic collector would scan them
    # again and again for nothing, so it waits until the columns are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        tables, columns = _columns(records, today)
    finally:
        if collecting:
            gc.enable()
    out: dict[str, pa.Table] = {}
    for t in tables:
        arrays = []
        for (name, kind), values in zip(t.columns, columns[t.name], strict=True):
            if name == "body" and "." not in t.name:
                # the JSON of each record, already UTF-8: checked by the cast, not re-encoded
                arrays.append(pa.array(values, type=pa.binary()).cast(pa.string()))
            else:
                arrays.append(pa.array(values, type=_arrow_type(kind)))
        out[t.name] = pa.Table.from_arrays(arrays, names=[n for n, _ in t.columns])
    return out


def to_rows(
    records: Iterable[Record], *, today: PartialDate | pendulum.Date | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The tables of `to_arrow` as plain rows: dates, `Decimal`, UTC datetimes, lists.

    ``pandas.DataFrame(rows["mou"])`` makes a data frame of the MoUs.
    """
    return {name: table.to_pylist() for name, table in to_arrow(records, today=today).items()}


def from_arrow(tables: Mapping[str, pa.Table]) -> list[Record]:
    """The records of `to_arrow` tables, rebuilt from their ``body`` column, in input order.

    Nested tables are not needed; a record table missing from `tables` adds no records.
    """
    found: list[tuple[int, Record]] = []
    known = record_types()
    for name, table in tables.items():
        if "." in name:
            continue
        cls = known.get(name) or record_type(name)
        positions = table.column("position").to_pylist()
        bodies = table.column("body").to_pylist()
        found.extend((p, from_json(cls, b)) for p, b in zip(positions, bodies, strict=True))
    found.sort(key=lambda item: item[0])
    return [r for _, r in found]


def write_parquet(
    records: Iterable[Record],
    directory: PathLike,
    *,
    today: PartialDate | pendulum.Date | None = None,
) -> dict[str, int]:
    """Write one ``<table>.parquet`` file per table of `to_arrow` into `directory`.

    The folder is created when missing; each file is written beside its final name
    and then renamed into place. Returns the number of rows of each table.
    DuckDB reads the folder with ``read_parquet('DIR/mou.parquet')``.
    """
    import pyarrow.parquet as pq

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, table in to_arrow(records, today=today).items():
        target = folder / f"{name}.parquet"
        tmp = folder / f".{name}.parquet.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, target)
        counts[name] = table.num_rows
    return counts


def read_parquet(directory: PathLike) -> list[Record]:
    """The records of a folder written by `write_parquet`, exactly as they were written.

    Only the record tables (``mou.parquet``, ``meeting.parquet``...) are read.
    """
    import pyarrow.parquet as pq

    folder = Path(directory)
    if not folder.is_dir():
        raise NotADirectoryError(f"{directory} is not a folder of Parquet files")
    tables = {
        path.name[: -len(".parquet")]: pq.read_table(path, columns=["position", "body"])
        for path in sorted(folder.glob("*.parquet"))
        if "." not in path.name[: -len(".parquet")]
    }
    return from_arrow(tables)
