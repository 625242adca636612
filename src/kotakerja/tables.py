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
import linecache
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
    if value == ():
        return "[]"
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


Fill = Callable[[Any, str, dict[str, None], dict[str, None]], None]
"""Append a record's cells (all but id, position, derived columns and body) and the rows
of its nested tables; the last two arguments gather regions and countries."""


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
    """The tables of one record type and, given their column lists, the function filling them."""

    tables: list[_Table]
    make: Callable[[dict[str, list[list[Any]]]], Fill]


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines] or ["    pass"]


class _Generator:
    """Write the Python source of a record type's `Fill` function, one line per cell.

    Straight-line code with the column appends bound once keeps the cost per cell to
    about a list append; the source is kept in `linecache`, so tracebacks show it.
    """

    def __init__(self, record: type[Record]) -> None:
        self.record = record
        self.tables: list[_Table] = []
        self.binds: list[str] = []
        self.consts: dict[str, Any] = {}
        self.count = 0

    def var(self, stem: str = "v") -> str:
        self.count += 1
        return f"{stem}{self.count}"

    def const(self, obj: Any) -> str:
        for name, value in self.consts.items():
            if value is obj:
                return name
        name = f"k{len(self.consts)}"
        self.consts[name] = obj
        return name

    def table(self, name: str, keys: list[str]) -> _Table:
        table = _Table(name)
        self.tables.append(table)
        for i, k in enumerate(keys):
            self.col(table, k, STRING if i == 0 else INT)
        return table

    def col(self, table: _Table, name: str, kind: str) -> str:
        i = table.add(name, kind)
        t = self.tables.index(table)
        append = f"a{t}_{i}"
        self.binds.append(f"{append} = out[{table.name!r}][{i}].append")
        return append

    def appends(self, table: _Table, start: int) -> list[str]:
        t = self.tables.index(table)
        return [f"a{t}_{i}" for i in range(start, len(table.columns))]

    # One value: the lines that append its cells, `x` naming it (None allowed) -------------

    def value(
        self,
        tp: Any,
        x: str,
        prefix: str,
        table: _Table,
        keys: list[str],
        ancestors: tuple[type, ...],
    ) -> list[str]:
        members, _ = _members(tp)
        if len(members) > 1:
            lines = []
            for m in members:
                y = self.var()
                lines.append(f"{y} = {x} if isinstance({x}, {self.const(m)}) else None")
                lines += self.value(m, y, _join(prefix, _snake(m.__name__)), table, keys, ancestors)
            return lines
        (tp,) = members
        origin = get_origin(tp)
        if origin is tuple:
            (item,) = [a for a in get_args(tp) if a is not Ellipsis]
            return self.sequence(item, x, prefix, table, keys, ancestors)
        if tp is Any or origin in (Mapping, dict) or tp in (Mapping, dict):
            a = self.col(table, prefix, STRING)
            return [f"{a}(None if {x} is None else {self.const(_mapping_text)}({x}))"]
        if tp is PartialDate:
            a = self.col(table, prefix, DATE)
            b = self.col(table, f"{prefix}_precision", STRING)
            return [
                f"if {x} is None:",
                f"    {a}(None)",
                f"    {b}(None)",
                "else:",
                f"    {a}({self.const(_partial_day)}({x}))",
                f"    {b}('year' if {x}.month is None else 'month' if {x}.day is None else 'day')",
            ]
        if isinstance(tp, type) and issubclass(tp, _dt.datetime):
            a = self.col(table, prefix, TIMESTAMP)
            b = self.col(table, f"{prefix}_zone", STRING)
            return [
                f"{a}(None if {x} is None else {self.const(_micros)}({x}))",
                f"{b}(None if {x} is None else {self.const(_zone)}({x}))",
            ]
        if tp is Money:
            a = self.col(table, prefix, DECIMAL)
            b = self.col(table, f"{prefix}_currency", STRING)
            return [
                f"{a}(None if {x} is None else {self.const(_decimal)}({x}.amount))",
                f"{b}(None if {x} is None else {x}.currency)",
            ]
        if isinstance(tp, type) and attrs.has(tp) and not _is_scalar_value(tp):
            if tp in ancestors:  # a value inside itself (an organisation's members)
                return self.json_column(x, prefix, table)
            return self.nested(tp, x, prefix, table, keys, (*ancestors, tp))
        try:
            kind, convert = _scalar(tp)
        except TypeError:  # a type of an application's own: its JSON, as text
            return self.json_column(x, prefix, table)
        a = self.col(table, prefix, kind)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return [f"{a}(None if {x} is None else {x}._value_)"]
        if tp is Region or tp is Country:
            seen = "rg" if tp is Region else "ct"
            return [
                f"if {x} is None:",
                f"    {a}(None)",
                "else:",
                f"    {a}({x}.code)",
                f"    {seen}[{x}.code] = None",
            ]
        if convert is None:
            return [f"{a}({x})"]
        return [f"{a}(None if {x} is None else {self.const(convert)}({x}))"]

    def json_column(self, x: str, prefix: str, table: _Table) -> list[str]:
        a = self.col(table, prefix, STRING)
        return [f"{a}(None if {x} is None else {self.const(_json_text)}({x}))"]

    def nested(
        self,
        cls: type,
        x: str,
        prefix: str,
        table: _Table,
        keys: list[str],
        ancestors: tuple[type, ...],
        skip: tuple[str, ...] = (),
    ) -> list[str]:
        start = len(table.columns)
        body = self.fields(cls, x, prefix, table, keys, ancestors, skip)
        nones = [f"{a}(None)" for a in self.appends(table, start)]
        return [f"if {x} is None:", *_indent(nones), "else:", *_indent(body)]

    def fields(
        self,
        cls: type,
        x: str,
        prefix: str,
        table: _Table,
        keys: list[str],
        ancestors: tuple[type, ...],
        skip: tuple[str, ...] = (),
    ) -> list[str]:
        body: list[str] = []
        for s in field_specs(cls):
            if s.name in skip:
                continue
            y = self.var()
            body.append(f"{y} = {x}.{s.name}")
            body += self.value(s.type, y, _join(prefix, s.name), table, keys, ancestors)
        return body

    def sequence(
        self,
        item: Any,
        x: str,
        prefix: str,
        table: _Table,
        keys: list[str],
        ancestors: tuple[type, ...],
    ) -> list[str]:
        members, _ = _members(item)
        one = members[0]
        if len(members) == 1 and not (attrs.has(one) and not _is_scalar_value(one)):
            kind, convert = _scalar(one)
            if kind not in (STRING, INT):
                return self.json_column(x, prefix, table)
            a = self.col(table, prefix, STRINGS if kind == STRING else INTS)
            e = self.var("e")
            if convert is None:
                made = f"list({x})"
            elif isinstance(one, type) and issubclass(one, enum.Enum):
                made = f"[{e}._value_ for {e} in {x}]"
            else:
                made = f"[{self.const(convert)}({e}) for {e} in {x}]"
            lines = [f"{a}(None if {x} is None else {made})"]
            if one is Region or one is Country:
                seen = "rg" if one is Region else "ct"
                lines += [f"for {e} in {x} or ():", f"    {seen}[{e}.code] = None"]
            return lines
        if len(members) == 1 and one in ancestors:
            return self.json_column(x, prefix, table)
        # A list of values: a table of its own, keyed by the row it belongs to.
        name = f"{table.name}.{prefix}"
        if "." in table.name:  # a list inside a list: the outer place is part of the key
            outer = f"{_last(table.name)}_index"
            names = [f"{self.tables[0].name}_id", *self._key_names(table), outer, "index"]
        else:
            names = [f"{table.name}_id", "index"]
        child = self.table(name, names)
        index, element = self.var("i"), self.var("e")
        key_appends = self.appends(child, 0)
        own_keys = [*keys, index]
        body = [f"{a}({k})" for a, k in zip(key_appends, own_keys, strict=True)]
        body += self.value(item, element, "", child, own_keys, ancestors)
        return [f"for {index}, {element} in enumerate({x} or ()):", *_indent(body)]

    def _key_names(self, table: _Table) -> list[str]:
        """The names of the enclosing list places in `table`'s key (not the record id)."""
        names = [n for n, _ in table.columns]
        end = names.index("index")
        return names[1:end]

    def build(self) -> _Plan:
        main = self.table(self.record.TYPE, [])
        main.add("id", STRING)
        main.add("position", INT)
        body = self.fields(self.record, "r", "", main, ["rid"], (self.record,), skip=("id",))
        for name, kind in _derived_columns(self.record):
            main.add(name, kind)
        main.add("body", STRING)
        source = "\n".join(
            [
                "def make(out):",
                *_indent(self.binds),
                "    def fill(r, rid, rg, ct):",
                *_indent(_indent(body)),
                "    return fill",
                "",
            ]
        )
        filename = f"<kotakerja.tables {self.record.__module__}.{self.record.__qualname__}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        namespace = dict(self.consts)
        exec(compile(source, filename, "exec"), namespace)
        return _Plan(self.tables, namespace["make"])


def _partial_day(value: PartialDate) -> int:
    return _dt.date(value.year, value.month or 1, value.day or 1).toordinal() - _EPOCH_ORDINAL


def _mapping_text(value: Mapping[str, Any]) -> str:
    if not value:
        return "{}"
    return json.dumps(to_dict(value), ensure_ascii=False, sort_keys=True)


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
    plan = _PLANS[cls] = _Generator(cls).build()
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


def _derived(
    record: Record, regions: dict[str, None], countries: dict[str, None], today: PartialDate
) -> list[Any]:
    date = record.timeline_date()
    out: list[Any] = [
        None if date is None else _day(date.earliest()),
        None if date is None else date.precision.value,
        list(regions),
        list(countries),
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


def _builtin_types() -> list[type[Record]]:
    """The record types of the package itself: their tables are always there."""
    return [c for c in record_types().values() if c.__module__.startswith("kotakerja.")]


def _record_classes(records: list[Record]) -> list[type[Record]]:
    known = _builtin_types()
    for r in records:
        if type(r) not in known:
            known.append(type(r))
    return known


def _tables(types: Iterable[type[Record]] | None) -> list[_Table]:
    classes = _builtin_types() if types is None else list(types)
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
    fills = {cls: _plan(cls).make(out) for cls in classes}
    for position, record in enumerate(items):
        cols = out[record.TYPE]
        rid = record.id
        regions: dict[str, None] = {}
        countries: dict[str, None] = {}
        cols[0].append(rid)
        cols[1].append(position)
        fills[type(record)](record, rid, regions, countries)
        derived = _derived(record, regions, countries, day)
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
        out: dict[str, pa.Table] = {}
        for t in tables:
            arrays = []
            for (name, kind), values in zip(t.columns, columns.pop(t.name), strict=True):
                if name == "body" and "." not in t.name:
                    # the JSON of each record, already UTF-8: checked by the cast, not re-encoded
                    arrays.append(pa.array(values, type=pa.binary()).cast(pa.string()))
                else:
                    arrays.append(pa.array(values, type=_arrow_type(kind)))
            out[t.name] = pa.Table.from_arrays(arrays, names=[n for n, _ in t.columns])
    finally:
        if collecting:
            gc.enable()
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
