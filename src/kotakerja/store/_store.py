"""Store: records in SQLite or PostgreSQL, with the query API of `Register`.

Each record is one row holding its JSON body; references, regions, countries,
document dates and follow-up due dates are derived rows, rebuilt from the body in
the transaction that writes it. A query narrows the candidates in SQL on those
rows, decodes only the candidates and lets `Register` give the exact answer, so a
store and a register holding the same records answer every query alike.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

import pendulum
import sqlalchemy as sa

from .._errors import ConflictError, ErrorDetail, KotakerjaError, ValidationError
from ..records._agreements import Document, DocumentStatus, Lineage, Scheme
from ..records._base import Record, Ref, record_types
from ..records._meetings import FollowUpEntry
from ..records._shipments import ExportShipment
from ..register import Place, Register, as_day, as_place, release_link_problems
from ..serialization import to_dict, to_json
from ..serialization._json import dumps, loads
from ..values._dates import PartialDate
from ..values._places import Country, ForeignLocality, Region
from . import _tables as t
from ._derive import WIDE_END, derive
from ._derive import decode as _decode
from ._schema import ensure_schema

__all__ = ["Batch", "Store", "open_store"]

R = TypeVar("R", bound=Record)


_DERIVED = (t.references, t.regions, t.countries, t.terms, t.follow_ups)
_LAST_ORDINAL = _dt.date.max.toordinal()
_RELEASE_TYPES = ("export_release", "export_shipment")
_LINK_FIELDS = ("links", "mou")  # where a document's links to other documents sit


def _at(record_id: str, path: str) -> str:
    return f"[{record_id}]" + ("." + path if path and not path.startswith("[") else path)


def _dumps(data: Any) -> str:
    return dumps(data)


def _loads(text: str | bytes) -> Any:
    return loads(text, max_size=None)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while records are decoded.

    Decoding makes many small objects that live on (records, their values, the
    cache). Each batch of them counts towards a full collection, which walks every
    object of the program: with a few thousand records decoded and cached, one takes
    about 50 ms, several times the cost of a query, and lands on whichever query
    happens to cross the threshold. Paused, the decoded objects are looked at once,
    afterwards, by one young-generation collection.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by `_sqlite_begin`
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-16384")
    cursor.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    # A writer takes the write lock when it begins, so that two writers wait for each
    # other (busy timeout) instead of failing when a reader turns into a writer.
    immediate = conn.get_execution_options().get("kotakerja_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def open_store(url: str | sa.URL, *, echo: bool = False) -> Store:
    """Open (and, when empty, create) the store at a SQLAlchemy database URL.

    ``sqlite:///kerjasama.db`` is a file beside the program, the embedded default;
    ``postgresql+psycopg://user@host/db`` a shared register (install
    ``kotakerja[postgresql]``). An empty database gets the current schema; an older
    one is upgraded; one whose schema is newer than this kotakerja raises
    `KotakerjaError`.
    """
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise KotakerjaError(
            f"{str(url)!r} is not a database URL; write e.g. sqlite:///kerjasama.db "
            "or postgresql+psycopg://user@host/dbname"
        ) from None
    try:
        engine = sa.create_engine(
            parsed, echo=echo, json_serializer=_dumps, json_deserializer=_loads
        )
    except (ImportError, sa.exc.NoSuchModuleError) as e:
        raise KotakerjaError(
            f"cannot open {parsed.render_as_string(hide_password=True)}: {e}; for PostgreSQL "
            "install kotakerja[postgresql]"
        ) from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name != "postgresql":
        engine.dispose()
        raise KotakerjaError(f"a store lives in SQLite or PostgreSQL, not {engine.dialect.name}")
    try:
        ensure_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


class Store:
    """Records in a SQL database, with the queries of `Register` and the same answers.

    Open one with `open_store`. Writes (`add`, `put`, `remove`) are each one
    transaction, checked as a `Register` checks its records; `put` takes the
    revision it was based on and raises `ConflictError` when another writer came
    first. Iterating a store yields its records in the order they were added.

    >>> import kotakerja
    >>> store = kotakerja.open_store("sqlite://")
    >>> store.add(*kotakerja.examples())
    >>> store.timeline("31", "CN")[0].id
    'mou-jakarta-shanghai-2020'
    """

    __slots__ = ("_cache", "_engine", "_lock", "_writer")

    _CACHE_SIZE = 4096
    """Decoded records kept for repeated queries, by (row, revision): a record that
    changes gets a new revision, so a cached copy is never stale."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(kotakerja_write=True)
        self._cache: dict[tuple[int, int], Record] = {}
        self._lock = threading.Lock()

    # Lifetime ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The database URL, without its password."""
        return self._engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    def close(self) -> None:
        """Close every connection to the database."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.url}: {len(self)} records>"

    # Writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def batch(self) -> Iterator[Batch]:
        """One transaction for many `Batch.add` calls: all records are written, or none.

        References are checked when the block ends, so a record may point to one
        added later in the same block.
        """
        with self._writer.begin() as conn:
            batch = Batch(conn)
            yield batch
            batch.finish()

    def add(self, *records: Record, check_references: bool = True) -> None:
        """Add records, all or none; a duplicate id or a dangling reference is refused.

        The problems are those `Register` reports for the same records: a
        `ValidationError` with ``kotakerja.register.duplicate_id``,
        ``kotakerja.register.dangling_reference`` and the like.
        """
        with self._writer.begin() as conn:
            batch = Batch(conn, check_references=check_references)
            batch.add(*records)
            batch.finish()

    def put(
        self, record: Record, *, revision: int | None = None, check_references: bool = True
    ) -> int:
        """Write `record` in place of the one with its id (or add it); return its new revision.

        With `revision`, the write happens only if the stored record is still at that
        revision (0: only if there is none); otherwise `ConflictError` is raised and
        nothing changes. Every successful put increments the revision, even when the
        record is unchanged.
        """
        if not isinstance(record, Record):
            raise TypeError(f"put() takes a record, not {type(record).__name__}")
        with self._writer.begin() as conn:
            batch = Batch(conn, check_references=check_references)
            new = batch.replace(record, revision)
            batch.finish()
        return new

    def remove(self, id: str, *, revision: int | None = None) -> None:
        """Remove the record with this id; records that point to it must go first.

        `KeyError` when there is none; `ConflictError` when `revision` is given and
        the record has moved on; `ValidationError` naming every reference to it.
        """
        with self._writer.begin() as conn:
            batch = Batch(conn)
            batch.remove(id, revision)
            batch.finish()

    def revision(self, id: str) -> int:
        """The current revision of a record: 1 when added, one more for each put."""
        with self._engine.connect() as conn:
            found = conn.execute(
                sa.select(t.documents.c.revision).where(t.documents.c.id == id)
            ).scalar()
        if found is None:
            raise KeyError(id)
        return int(found)

    # Reading -----------------------------------------------------------------------------

    def _select(self, where: Any = None) -> list[Record]:
        docs = t.documents.c
        query = sa.select(docs.seq, docs.revision, _BODY).order_by(docs.seq)
        if where is not None:
            query = query.where(where)
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        out = []
        cache = self._cache
        with _collector_paused():
            for seq, revision, body in rows:
                key = (seq, revision)
                record = cache.get(key)
                if record is None:
                    record = _decode(body)
                    with self._lock:
                        if len(cache) >= self._CACHE_SIZE:
                            del cache[next(iter(cache))]
                        cache[key] = record
                out.append(record)
        return out

    def _stream(self) -> Iterator[Record]:
        """Every record, read a thousand at a time so that memory stays flat."""
        for _, body in self._bodies():
            yield _decode(body)

    def _candidates(self, where: Any) -> Register:
        return Register(self._select(where), check_references=False)

    def __iter__(self) -> Iterator[Record]:
        return self._stream()

    def __len__(self) -> int:
        with self._engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar_one()
            )

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Ref):
            return self.resolve(item) is not None
        if isinstance(item, Record):
            found = self._one(item.id)
            return found == item
        if not isinstance(item, str):
            return False
        with self._engine.connect() as conn:
            return (
                conn.execute(sa.select(t.documents.c.seq).where(t.documents.c.id == item)).first()
                is not None
            )

    def _one(self, id: str) -> Record | None:
        found = self._select(t.documents.c.id == id)
        return found[0] if found else None

    def _bodies(self, batch: int = 1000) -> Iterator[tuple[int, Any]]:
        """(insertion number, stored JSON body) of every record, undecoded."""
        docs = t.documents.c
        last = 0
        while True:
            query = sa.select(docs.seq, _BODY).where(docs.seq > last).order_by(docs.seq)
            with self._engine.connect() as conn:
                rows = conn.execute(query.limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield row[0], row[1]
            last = rows[-1][0]

    def to_register(self, *, check_references: bool = True) -> Register:
        """Every record, as a `Register` in memory."""
        return Register(self, check_references=check_references)

    @overload
    def get(self, key: str) -> Record: ...
    @overload
    def get(self, key: Ref) -> Record: ...

    def get(self, key: str | Ref) -> Record:
        """The record with this id (or this reference); `KeyError` if absent."""
        record = self._one(key.id if isinstance(key, Ref) else key)
        if record is None:
            raise KeyError(key.id if isinstance(key, Ref) else key)
        if isinstance(key, Ref) and key.type != record.TYPE:
            raise KeyError(f"{key} points to a {record.TYPE}, not a {key.type}")
        return record

    def resolve(self, ref: Ref) -> Record | None:
        """The record a reference points to, or None when it is not in the store."""
        record = self._one(ref.id)
        if record is None or ref.type != record.TYPE:
            return None
        return record

    @overload
    def of_type(self, cls: type[R]) -> tuple[R, ...]: ...
    @overload
    def of_type(self, cls: str) -> tuple[Record, ...]: ...
    def of_type(self, cls: type[R] | str) -> tuple[R, ...] | tuple[Record, ...]:
        """All records of one class (or record type name, ``"mou"``), in insertion order."""
        if isinstance(cls, str):
            known = record_types()
            if cls not in known:
                raise ValueError(f"unknown record type {cls!r}; known: {', '.join(sorted(known))}")
            return tuple(self._select(t.documents.c.type == cls))
        name = getattr(cls, "TYPE", None)
        if record_types().get(name) is not cls:  # type: ignore[arg-type]
            return ()
        return tuple(r for r in self._select(t.documents.c.type == name) if type(r) is cls)

    def referring_to(self, target: Record | Ref) -> tuple[Record, ...]:
        """Records that point to `target`."""
        ref = target.ref if isinstance(target, Record) else target
        rows = sa.select(t.references.c.doc).where(
            t.references.c.to_id == ref.id, t.references.c.to_type == ref.type
        )
        return self._candidates(t.documents.c.seq.in_(rows)).referring_to(ref)

    def _involving(self, target: Region | Country | ForeignLocality) -> Any:
        if isinstance(target, Region):
            match = t.regions.c.code == target.code
            if target.is_province:
                match = sa.or_(match, t.regions.c.province_code == target.code)
            return t.documents.c.seq.in_(sa.select(t.regions.c.doc).where(match))
        code = target.code if isinstance(target, Country) else target.country.code
        return t.documents.c.seq.in_(sa.select(t.countries.c.doc).where(t.countries.c.code == code))

    def by_region(self, region: Region | str) -> tuple[Record, ...]:
        """Records involving `region`; a province includes its regencies and cities."""
        target = Region.get(region) if isinstance(region, str) else region
        return self._candidates(self._involving(target)).by_region(target)

    def by_country(self, country: Country | str) -> tuple[Record, ...]:
        """Records involving a partner country (ISO code or `Country`)."""
        target = Country.get(country) if isinstance(country, str) else country
        return self._candidates(self._involving(target)).by_country(target)

    def timeline(self, *places: Place) -> tuple[Record, ...]:
        """Every record that involves all of `places`, in date order (undated last)."""
        targets = [as_place(p) for p in places]
        where = sa.and_(sa.true(), *(self._involving(p) for p in targets))
        return self._candidates(where).timeline(*targets)

    def documents(
        self,
        *,
        scheme: Scheme | str | None = None,
        status: DocumentStatus | str | None = None,
        on: PartialDate | pendulum.Date | None = None,
    ) -> tuple[Document, ...]:
        """MoUs and agreements, in insertion order; optionally of one scheme or status."""
        rows = sa.select(t.terms.c.doc)
        if scheme is not None:
            wanted = Scheme(scheme.lower() if isinstance(scheme, str) else scheme)
            rows = rows.where(t.terms.c.scheme == wanted.value)
        if status is not None:
            DocumentStatus(status.lower() if isinstance(status, str) else status)
            on = as_day(on)
        return self._candidates(t.documents.c.seq.in_(rows)).documents(
            scheme=scheme, status=status, on=on
        )

    def lineage(self, document: Document | Ref | str) -> Lineage:
        """The documents `document` links to and those linking to it, with their roles.

        Only the document's own targets and the records whose links point to it
        (found in the references table) are read; see `Register.lineage`.
        """
        doc = document if isinstance(document, Document) else self.get(document)
        if not isinstance(doc, Document):
            raise TypeError(f"lineage() takes an MoU or an agreement, not a {doc.TYPE}")
        refs = t.references.c
        linking = sa.select(refs.doc).where(
            refs.to_id == doc.id, refs.to_type == doc.TYPE, refs.role.in_(_LINK_FIELDS)
        )
        targets = sorted({link.to.id for link in doc.document_links()})
        where = sa.or_(t.documents.c.seq.in_(linking), t.documents.c.id.in_(targets))
        return self._candidates(where).lineage(doc)

    def expiring_within(
        self, days: int, *, on: PartialDate | pendulum.Date | None = None
    ) -> tuple[Document, ...]:
        """Documents in force on `on` whose term may end within `days` days (see `Register`)."""
        if days < 0:
            raise ValueError(f"days must be 0 or more, not {days}")
        day = as_day(on)
        first = day.earliest().toordinal()
        horizon = min(first + days, _LAST_ORDINAL)
        terms = t.terms.c
        near = sa.select(terms.doc).where(
            terms.end_first >= first - WIDE_END,
            terms.end_first <= horizon,
            terms.end_last >= first,
        )
        wide = sa.select(terms.doc).where(
            terms.end_wide == sa.true(), terms.end_last >= first, terms.end_first <= horizon
        )
        rows = sa.union_all(near, wide)
        return self._candidates(t.documents.c.seq.in_(rows)).expiring_within(days, on=day)

    def open_follow_ups(
        self, *, on: PartialDate | pendulum.Date | None = None
    ) -> tuple[FollowUpEntry, ...]:
        """Follow-ups of every meeting still open on `on` (default today), earliest due first."""
        day = as_day(on)
        rows = sa.select(t.follow_ups.c.doc).where(
            sa.or_(
                t.follow_ups.c.status == "open",
                t.follow_ups.c.closed_day.is_not(None),
            )
        )
        return self._candidates(t.documents.c.seq.in_(rows)).open_follow_ups(on=day)

    def overdue_follow_ups(
        self, *, on: PartialDate | pendulum.Date | None = None
    ) -> tuple[FollowUpEntry, ...]:
        """The open follow-ups whose due date has certainly passed on `on` (default today)."""
        day = as_day(on)
        rows = sa.select(t.follow_ups.c.doc).where(
            t.follow_ups.c.due_last < day.earliest().toordinal(),
            sa.or_(
                t.follow_ups.c.status == "open",
                t.follow_ups.c.closed_day.is_not(None),
            ),
        )
        return self._candidates(t.documents.c.seq.in_(rows)).overdue_follow_ups(on=day)

    def shipments_by_destination(self) -> dict[str, tuple[ExportShipment, ...]]:
        """Export shipments grouped by destination country code, in insertion order."""
        return self._candidates(t.documents.c.type == "export_shipment").shipments_by_destination()


class Batch:
    """Writes inside one transaction of a store; see `Store.batch`."""

    __slots__ = (
        "_changed",
        "_check",
        "_conn",
        "_duplicates",
        "_found",
        "_problems",
        "_removed",
        "_targets",
    )

    def __init__(self, conn: sa.Connection, *, check_references: bool = True) -> None:
        self._conn = conn
        self._check = check_references
        self._changed: dict[str, int] = {}  # id -> seq of what this batch wrote or removed
        self._problems: list[ErrorDetail] = []
        self._duplicates: list[ErrorDetail] = []
        self._removed: set[str] = set()
        self._targets: dict[str, list[str]] = {}  # id -> ids its references point to
        self._found: list[ErrorDetail] | None = None  # `problems()`, until the next write

    @property
    def written(self) -> set[str]:
        """The ids of the records this batch has added or replaced (and not removed)."""
        return set(self._changed) - self._removed

    def add(self, *records: Record) -> list[ErrorDetail]:
        """Add records; return the duplicates among them, which are left out.

        References are checked when the batch ends (see `problems`), so a record may
        point to one added later in the same batch.
        """
        self._found = None
        fresh: dict[str, Record] = {}
        problems: list[ErrorDetail] = []
        for record in records:
            if not isinstance(record, Record):
                raise TypeError(f"a store holds records, not {type(record).__name__}")
            if record.id in fresh:
                other = fresh[record.id]
                problems.append(_duplicate(record, other.TYPE))
                continue
            fresh[record.id] = record
        if fresh:
            stored = self._conn.execute(
                sa.select(t.documents.c.id, t.documents.c.type).where(
                    t.documents.c.id.in_(list(fresh))
                )
            ).all()
            for found_id, found_type in stored:
                problems.append(_duplicate(fresh.pop(found_id), found_type))
        self._duplicates.extend(problems)
        if not fresh:
            return problems
        now = _dt.datetime.now(_dt.timezone.utc)
        try:
            _insert_documents(self._conn, fresh.values(), now)
        except sa.exc.IntegrityError:
            raise ValidationError(_duplicate(r, "record") for r in fresh.values()) from None
        docs = t.documents.c
        seq_of = dict(
            self._conn.execute(sa.select(docs.id, docs.seq).where(docs.id.in_(list(fresh)))).all()
        )
        written = [(seq_of[i], r) for i, r in fresh.items()]
        self._derive(written)
        for seq, record in written:
            self._changed[record.id] = seq
        self._check_release_links(list(fresh.values()))
        return problems

    def replace(self, record: Record, revision: int | None) -> int:
        """Put `record` in place of the stored one of its id; return the new revision."""
        self._found = None
        docs = t.documents.c
        now = _dt.datetime.now(_dt.timezone.utc)
        current = self._conn.execute(
            sa.select(docs.seq, docs.revision).where(docs.id == record.id)
        ).first()
        if current is None:
            if revision not in (None, 0):
                raise ConflictError(
                    f"{record.TYPE} {record.id} is not in the store; it cannot be at "
                    f"revision {revision}"
                )
            self.add(record)
            return 1
        seq, stored = current
        if revision is not None and revision != stored:
            raise ConflictError(
                f"{record.TYPE} {record.id} is at revision {stored}, not {revision}: "
                "someone else changed it; read it again and redo the change"
            )
        update = (
            t.documents.update()
            .where(docs.seq == seq, docs.revision == stored)
            .values(_row(record, now, self._conn.dialect.name) | {"revision": docs.revision + 1})
        )
        if self._conn.execute(update).rowcount != 1:
            raise ConflictError(
                f"{record.TYPE} {record.id} changed while it was being written; "
                "read it again and redo the change"
            )
        for table in _DERIVED:
            self._conn.execute(table.delete().where(table.c.doc == seq))
        self._derive([(seq, record)])
        self._changed[record.id] = seq
        self._check_release_links([record])
        return int(stored) + 1

    def remove(self, id: str, revision: int | None) -> None:
        """Remove a record; references to it are reported when the batch ends."""
        self._found = None
        docs = t.documents.c
        current = self._conn.execute(
            sa.select(docs.seq, docs.revision, docs.type).where(docs.id == id)
        ).first()
        if current is None:
            raise KeyError(id)
        seq, stored, type_ = current
        if revision is not None and revision != stored:
            raise ConflictError(f"{type_} {id} is at revision {stored}, not {revision}")
        for table in _DERIVED:
            self._conn.execute(table.delete().where(table.c.doc == seq))
        self._conn.execute(t.documents.delete().where(docs.seq == seq))
        self._changed[id] = seq
        self._removed.add(id)

    def _derive(self, written: Iterable[tuple[int, Record]]) -> None:
        rows: dict[str, list[dict[str, Any]]] = {}
        for seq, record in written:
            derived = derive(record)
            if record.TYPE in _RELEASE_TYPES:
                self._targets[record.id] = [r["to_id"] for r in derived["doc_references"]]
            for name, table_rows in derived.items():
                bucket = rows.setdefault(name, [])
                for i, row in enumerate(table_rows):
                    row["doc"] = seq
                    if name == "doc_references":
                        row["position"] = i
                    bucket.append(row)
        for table in _DERIVED:
            if rows.get(table.name):
                _insert_many(self._conn, table, rows[table.name])

    def problems(self) -> list[ErrorDetail]:
        """Reference problems of what the batch wrote, as `Register` reports them."""
        if not self._check or not self._changed:
            return []
        if self._found is None:
            gone = {f"[{i}]" for i in self._removed}
            links = [p for p in self._problems if p.path[: p.path.find("]") + 1] not in gone]
            self._found = self._reference_problems() + links
        return list(self._found)

    def finish(self) -> None:
        """Raise `ValidationError` with every problem of the batch, duplicates first."""
        problems = self._duplicates + self.problems()
        if problems:
            raise ValidationError(problems)

    def _reference_problems(self) -> list[ErrorDetail]:
        """Dangling, mistyped and self references from or to what the batch changed."""
        refs, docs = t.references.c, t.documents
        owner = docs.alias("owner")
        target = docs.alias("target")
        changed_ids = list(self._changed)
        changed_seqs = list(self._changed.values())
        problems: list[tuple[int, int, ErrorDetail]] = []
        for chunk in _chunks(changed_ids, changed_seqs):
            ids, seqs = chunk
            query = (
                sa.select(
                    owner.c.seq,
                    owner.c.id,
                    owner.c.type,
                    refs.position,
                    refs.path,
                    refs.to_type,
                    refs.to_id,
                    target.c.type,
                )
                .select_from(
                    t.references.join(owner, owner.c.seq == refs.doc).outerjoin(
                        target, target.c.id == refs.to_id
                    )
                )
                .where(sa.or_(refs.doc.in_(seqs), refs.to_id.in_(ids)))
            )
            for (
                seq,
                from_id,
                from_type,
                position,
                path,
                to_type,
                to_id,
                found,
            ) in self._conn.execute(query):
                detail = _reference_problem(from_id, from_type, path, to_type, to_id, found)
                if detail is not None:
                    problems.append((seq, position, detail))
        unique = {(s, p): d for s, p, d in problems}
        return [unique[k] for k in sorted(unique)]

    def _check_release_links(self, written: Sequence[Record]) -> None:
        """Release ↔ shipment links around `written`, judged as `Register` judges them."""
        if not self._check:
            return
        mine = [r for r in written if r.TYPE in _RELEASE_TYPES]
        if not mine:
            return
        refs, docs = t.references.c, t.documents.c
        ids = {r.id for r in mine}
        targets = {i for r in mine for i in self._targets.pop(r.id, ())}
        # Step by step, each on an index: what the batch's records point to, the records
        # pointing to any of those, then the releases and shipments among them.
        seqs = _select_in(self._conn, sa.select(docs.seq), docs.id, ids)
        listed = set(_select_in(self._conn, sa.select(refs.to_id), refs.doc, seqs))
        near = set(_select_in(self._conn, sa.select(refs.doc), refs.to_id, ids | targets | listed))
        # The type is tested here rather than in SQL, where it would lead the planner to
        # the index on type, which holds every release and shipment.
        pick = sa.select(docs.seq, docs.id, docs.type)
        rows = _select_in(self._conn, pick, docs.id, ids | targets)
        rows += _select_in(self._conn, pick, docs.seq, near)
        found = {seq: id_ for seq, id_, type_ in rows if type_ in _RELEASE_TYPES}
        order = [found[seq] for seq in sorted(found)]
        known = {r.id: r for r in mine}
        others = [i for i in order if i not in known]
        if others:
            bodies = self._conn.execute(sa.select(docs.id, _BODY).where(docs.id.in_(others)))
            known.update((row[0], _decode(row[1])) for row in bodies)
        records = [known[i] for i in order]
        # The link rules of Register itself, on the records around the batch.
        self._problems.extend(release_link_problems(records))


def _chunks(
    ids: list[str], seqs: list[int], size: int = 900
) -> Iterator[tuple[list[str], list[int]]]:
    for i in range(0, max(len(ids), 1), size):
        yield ids[i : i + size], seqs[i : i + size]


def _select_in(conn: sa.Connection, query: Any, column: Any, values: Iterable[Any]) -> list[Any]:
    """The rows of `query` where `column` is one of `values`, asked a few hundred at a time."""
    wanted = list(values)
    out: list[Any] = []
    for i in range(0, len(wanted), 900):
        rows = conn.execute(query.where(column.in_(wanted[i : i + 900])))
        if len(query.selected_columns) == 1:
            out.extend(rows.scalars())
        else:
            out.extend(tuple(row) for row in rows)
    return out


def _insert_many(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert plain rows (numbers and strings) through the driver's own executemany.

    Much faster than a compiled insert for many small rows; the derived tables hold
    nothing that needs SQLAlchemy's type processing.
    """
    names = [c.name for c in table.columns]
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))})"
    conn.exec_driver_sql(sql, [tuple(row.get(n) for n in names) for row in rows])


def _insert_documents(conn: sa.Connection, records: Iterable[Record], now: _dt.datetime) -> None:
    """Insert new records at revision 1 through the driver's executemany (see `_insert_many`)."""
    if conn.dialect.name == "postgresql":
        stamp: Any = now
        sql = (
            "INSERT INTO documents (id, type, schema_version, body, body_text, revision, "
            "created_at, updated_at) VALUES (%s, %s, %s, CAST(%s AS JSONB), %s, 1, %s, %s)"
        )
        rows: list[tuple[Any, ...]] = []
        for r in records:
            text = to_json(r)
            rows.append((r.id, r.TYPE, r.SCHEMA_VERSION, text, text, stamp, stamp))
    else:
        # SQLite: the text SQLAlchemy's JSON and DateTime types write and read back.
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        sql = (
            "INSERT INTO documents (id, type, schema_version, body, revision, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)"
        )
        rows = [(r.id, r.TYPE, r.SCHEMA_VERSION, to_json(r), stamp, stamp) for r in records]
    conn.exec_driver_sql(sql, rows)


def _row(record: Record, now: _dt.datetime, dialect: str) -> dict[str, Any]:
    body = to_dict(record)
    return {
        "id": record.id,
        "type": record.TYPE,
        "schema_version": record.SCHEMA_VERSION,
        "body": body,
        "body_text": dumps(body) if dialect == "postgresql" else None,
        "updated_at": now,
    }


_BODY = sa.func.coalesce(t.documents.c.body_text, sa.cast(t.documents.c.body, sa.Text)).label(
    "body"
)
"""The exact JSON text of a record's body, undecoded.

PostgreSQL keeps it in ``body_text`` (its JSONB ``body`` rewrites numbers), SQLite in
``body`` itself. Selecting the text alone matters on PostgreSQL: selecting the JSONB
column too has the driver parse every body into a dict that is thrown away.
"""


def _duplicate(record: Record, other_type: str) -> ErrorDetail:
    return ErrorDetail(
        _at(record.id, "id"),
        "kotakerja.register.duplicate_id",
        f"id {record.id!r} is used by a {other_type} and a {record.TYPE}",
    )


def _reference_problem(
    from_id: str, from_type: str, path: str, to_type: str, to_id: str, found: str | None
) -> ErrorDetail | None:
    where = _at(from_id, path)
    if to_id == from_id and to_type == from_type and found is not None:
        return ErrorDetail(
            where, "kotakerja.register.self_reference", f"{from_type} {from_id} points to itself"
        )
    if found is None:
        return ErrorDetail(
            where,
            "kotakerja.register.dangling_reference",
            f"{from_type} {from_id} points to {to_type} {to_id}, which is not in the register",
        )
    if found != to_type:
        return ErrorDetail(
            where,
            "kotakerja.register.wrong_reference_type",
            f"{from_type} {from_id} points to {to_type} {to_id}, but {to_id} is a {found}",
        )
    return None
