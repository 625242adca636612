"""``kotakerja db``: import records into a store and export them, and the ``--db`` option."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from ._errors import ErrorDetail, Finding, KotakerjaError, Severity, ValidationError
from ._progress import Progress
from .records._base import Record, record_types

if TYPE_CHECKING:
    from .register import Register
    from .store import Batch, Store

__all__ = ["add_db_option", "add_parser", "db_url", "register_from_db", "validate_db"]

ENVIRONMENT = "KOTAKERJA_DB"
_BATCH = 1000


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """The ``--db URL`` option of commands that read records."""
    parser.add_argument(
        "--db",
        metavar="URL",
        help=f"read the records from this database (default: ${ENVIRONMENT}), "
        "e.g. sqlite:///kerjasama.db",
    )


def db_url(args: argparse.Namespace) -> str | None:
    """The database a command reads when no file is named: ``--db``, else ``$KOTAKERJA_DB``."""
    return getattr(args, "db", None) or os.environ.get(ENVIRONMENT) or None


def _open(url: str) -> Store:
    from .store import open_store

    return open_store(url)


def register_from_db(url: str) -> Register:
    """Every record of the store at `url`, as a register (references not checked)."""
    with _open(url) as store:
        return store.to_register(check_references=False)


DbProblem = tuple[int, "str | None", "ErrorDetail | Finding"]
"""A problem of a stored record: its place (1 for the first record added, its line in
``db export``), its id (None when its body has none) and the problem, whose path is
inside the record."""


def validate_db(url: str, *, warnings: bool = True) -> tuple[str, int, list[DbProblem]]:
    """Decode every stored record and check every reference; with `warnings`, find what
    `check()` finds in the whole register (lineage findings included).

    Returns the database URL without its password, the number of stored records
    (those that cannot be decoded too) and the problems: decoding problems in the
    order of the records, then reference problems, then findings.
    """
    from ._check import check
    from .register import Register
    from .store._derive import decode

    records: list[Record] = []
    place: dict[str, int] = {}
    found: list[DbProblem] = []
    n = 0
    with _open(url) as store:
        shown = store.url
        for n, (_, body) in enumerate(store._bodies(), start=1):
            try:
                record = decode(body)
            except ValidationError as e:
                found.extend((n, _id_in(body), err) for err in e.errors)
                continue
            place[record.id] = n
            records.append(record)
    register = Register(records, check_references=False)
    for err in register.reference_problems():
        record_id, inner = _inside(err)
        found.append((place.get(record_id or "", 0), record_id, inner))
    if warnings:
        for finding in check(register):
            if finding.severity is not Severity.INFO:
                record_id, inner = _inside(ErrorDetail(finding.path, finding.code, ""))
                moved = attrs.evolve(finding, path=inner.path)
                found.append((place.get(record_id or "", 0), record_id, moved))
    return shown, n, found


def _inside(err: ErrorDetail) -> tuple[str | None, ErrorDetail]:
    """The record id of a register problem (``[mou-x].scheme``) and the problem inside it."""
    if not err.path.startswith("[") or not err.parts or not isinstance(err.parts[0], str):
        return None, err
    return err.parts[0], ErrorDetail.at(err.parts[1:], err.code, err.message)


def _id_in(body: Any) -> str | None:
    """The id a stored body gives, when it can be read at all."""
    from .serialization._json import loads

    try:
        data = loads(body, max_size=None) if isinstance(body, (str, bytes)) else body
    except ValidationError:
        return None
    found = data.get("id") if isinstance(data, dict) else None
    return found if isinstance(found, str) else None


# Import ------------------------------------------------------------------------------------


class _Unusable(Exception):
    """A file that cannot be read as records at all."""


class _Import:
    """One import: where each record came from, the problems, the rejects."""

    def __init__(self, out: TextIO, rejects: TextIO | None) -> None:
        self.out = out
        self.rejects = rejects
        self.where: dict[str, tuple[str, int]] = {}
        self.raw: dict[str, str | bytes] = {}
        self.problems = 0
        self.imported = 0

    def report(self, file: str, line: int, err: ErrorDetail, path: str | None = None) -> None:
        """One problem as every command prints it: ``file:line:column: code: path: message``."""
        self.problems += 1
        where = err.path if path is None else path
        self.out.write(
            f"{file}:{line}:1: {err.code}: {where + ': ' if where else ''}{err.message}\n"
        )

    def reject(self, text: str | bytes) -> None:
        if self.rejects is not None:
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            self.rejects.write(text.rstrip("\r\n") + "\n")


def _records_of(path: str, progress: Progress, done: list[int]) -> Iterator[Any]:
    """(line, record or ValidationError, raw text) for every record in a file or folder."""
    from .register import iter_jsonl
    from .register._storage import read_json_file
    from .serialization import from_dict

    if path == "-" or path.lower().endswith((".jsonl", ".ndjson")):
        handle = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        raw_lines: dict[int, bytes] = {}

        def lines() -> Iterator[bytes]:
            for number, raw in enumerate(handle, start=1):
                done[0] += len(raw)
                progress.update(done[0])
                raw_lines[number] = raw
                yield raw

        try:
            for result in iter_jsonl(lines()):
                raw = raw_lines.pop(result.line, b"")
                raw_lines.clear()
                yield result.line, result.record or result.error, raw
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()
        return
    if os.path.isdir(path):
        for file in sorted(Path(path).glob("*.json")):
            yield from _records_of(str(file), progress, done)
        return
    if path.lower().endswith(".csv"):
        from .register import read_csv

        try:
            records, problems = read_csv(path)
        except ValidationError as e:
            raise _Unusable(f"{path}: {e.errors[0].message}") from None
        for row, err in problems:
            yield row, ValidationError([err]), ""
        for record in records:
            yield 0, record, ""
        return
    if not path.lower().endswith(".json"):
        raise _Unusable(f"{path}: unknown file type; use a .json, .jsonl, .ndjson or .csv file")
    try:
        data = read_json_file(path)
    except ValidationError as e:
        raise _Unusable(f"{path}: {e.errors[0].message}") from None
    from .serialization._json import dumps

    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items, start=1):
        try:
            yield i, from_dict(Record, item), dumps(item)
        except ValidationError as e:
            yield i, e, dumps(item)


def _import(args: argparse.Namespace, out: TextIO) -> int:
    url = db_url(args)
    if url is None:
        print(
            f"kotakerja: db import: give the database with --db or ${ENVIRONMENT}", file=sys.stderr
        )
        return 2
    total = sum(os.path.getsize(p) for p in args.paths if os.path.isfile(p))
    progress = Progress("importing", total, sys.stderr)
    rejects = None
    if args.skip_invalid:
        rejects = open(args.rejects, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    job = _Import(sys.stderr, rejects)
    try:
        store = _open(url)
    except KotakerjaError as e:
        print(f"kotakerja: {e}", file=sys.stderr)
        return 2
    try:
        code = _import_into(store, args.paths, job, progress, skip=args.skip_invalid)
    except _Unusable as e:
        progress.close()
        print(f"kotakerja: {e}", file=sys.stderr)
        return 2
    finally:
        store.close()
        if rejects is not None:
            rejects.close()
    progress.close()
    if code == 0:
        skipped = f", {job.problems} problems (rejected records in {args.rejects})"
        print(
            f"{job.imported} records imported into {store.url}" + (skipped * bool(job.problems)),
            file=sys.stderr,
        )
    else:
        print(f"{job.problems} problems; nothing imported", file=sys.stderr)
    return code


def _import_into(
    store: Store, paths: Sequence[str], job: _Import, progress: Progress, *, skip: bool
) -> int:
    done = [0]
    failed = False

    class _Abort(Exception):
        pass

    try:
        with store.batch() as batch:
            pending: list[Record] = []
            for path in paths:
                if path != "-" and not os.path.exists(path):
                    raise _Unusable(f"{path}: no such file")
                for line, item, raw in _records_of(path, progress, done):
                    if isinstance(item, ValidationError):
                        for err in item.errors:
                            job.report(path, line, err)
                        job.reject(raw)
                        failed = True
                        continue
                    job.where[item.id] = (path, line)
                    if skip:
                        job.raw[item.id] = raw
                    pending.append(item)
                    if len(pending) >= _BATCH:
                        failed |= _flush(batch, pending, job, skip)
                failed |= _flush(batch, pending, job, skip)
            failed |= _settle(batch, job, skip)
            job.imported = len(batch.written)
            if failed and not skip:
                raise _Abort
    except _Abort:
        return 1
    return 0


def _flush(batch: Batch, pending: list[Record], job: _Import, skip: bool) -> bool:
    """Add the pending records; report duplicates now. True when there were problems."""
    if not pending:
        return False
    found = batch.add(*pending)
    pending.clear()
    for err in found:
        _report_at(job, err)
        if skip:
            record_id = _id_of(err.path)
            job.reject(job.raw.pop(record_id, ""))
    return bool(found)


def _settle(batch: Batch, job: _Import, skip: bool) -> bool:
    """Report reference problems; with `skip`, reject the records they name until none are left."""
    failed = False
    while True:
        problems = batch.problems()
        if not problems:
            return failed
        failed = True
        named = []
        for err in problems:
            _report_at(job, err)
            named.append(_id_of(err.path))
        if not skip:
            return True
        for record_id in dict.fromkeys(named):
            if record_id in batch.written:
                batch.remove(record_id, None)
                job.reject(job.raw.pop(record_id, ""))


def _id_of(path: str) -> str:
    return path[1 : path.index("]")] if path.startswith("[") else path


def _report_at(job: _Import, err: ErrorDetail) -> None:
    record_id = _id_of(err.path)
    file, line = job.where.get(record_id, ("(database)", 0))
    rest = err.path[len(record_id) + 2 :].lstrip(".")
    job.report(file, line, err, rest)


# Export ------------------------------------------------------------------------------------


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from .register import atomic_write
    from .serialization import to_dict
    from .serialization._json import dumps

    url = db_url(args)
    if url is None:
        print(
            f"kotakerja: db export: give the database with --db or ${ENVIRONMENT}", file=sys.stderr
        )
        return 2
    if args.format in ("folder", "csv", "parquet") and args.output in (None, "-"):
        print(f"kotakerja: db export --format {args.format} needs -o PATH", file=sys.stderr)
        return 2
    try:
        store = _open(url)
    except KotakerjaError as e:
        print(f"kotakerja: {e}", file=sys.stderr)
        return 2
    count = 0
    try:
        if args.format == "jsonl":

            def lines() -> Iterator[str]:
                nonlocal count
                for record in store:
                    count += 1
                    yield dumps(to_dict(record)) + "\n"

            if args.output in (None, "-"):
                for line in lines():
                    out.write(line)
                out.flush()
            else:
                atomic_write(args.output, lines())
        elif args.format == "folder":
            from .register._storage import write_folder

            records = list(store)
            write_folder(args.output, records)
            count = len(records)
        elif args.format == "csv":
            from .register import write_csv

            types = record_types()
            if args.type not in types:
                print(
                    "kotakerja: a CSV table holds records of one type; choose one with "
                    f"--type ({', '.join(sorted(types))})",
                    file=sys.stderr,
                )
                return 2
            rows = store.of_type(args.type)
            write_csv(args.output, rows, record_type=types[args.type])
            count = len(rows)
        else:
            return _export_parquet(store, args.output)
    except OSError as e:
        print(f"kotakerja: {args.output}: cannot write: {e.strerror}", file=sys.stderr)
        return 2
    finally:
        store.close()
    print(f"{count} records exported to {args.output or 'standard output'}", file=sys.stderr)
    return 0


def _export_parquet(store: Store, output: str) -> int:
    """One Parquet table per record type in the folder `output` (see `kotakerja.tables`)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        print('kotakerja: Parquet needs pyarrow: pip install "kotakerja[arrow]"', file=sys.stderr)
        return 2
    from .tables import write_parquet

    if os.path.exists(output) and not os.path.isdir(output):
        print(f"kotakerja: {output}: not a folder; Parquet tables go into a folder",
              file=sys.stderr)  # fmt: skip
        return 2
    counts = write_parquet(store, output)
    print(f"{sum(counts.values())} rows exported to {output} ({len(counts)} tables)",
          file=sys.stderr)  # fmt: skip
    return 0


def add_parser(sub: Any) -> None:
    """The ``db`` command and its ``import`` and ``export`` actions."""
    db = sub.add_parser("db", help="import records into a SQLite or PostgreSQL store, or export")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    imp = actions.add_parser(
        "import",
        help="add the records of files to a store: all or nothing, every problem with its line",
    )
    imp.add_argument(
        "paths", nargs="+", metavar="FILE", help="JSON Lines (- for standard input), JSON, CSV "
        "or a folder of JSON files"
    )  # fmt: skip
    add_db_option(imp)
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid records and write the others to the rejects file",
    )
    imp.add_argument(
        "--rejects",
        default="rejects.jsonl",
        metavar="PATH",
        help="where --skip-invalid writes rejected records (default: rejects.jsonl)",
    )
    imp.set_defaults(func=_import)

    exp = actions.add_parser("export", help="write every record of a store")
    add_db_option(exp)
    exp.add_argument("--format", choices=("jsonl", "folder", "csv", "parquet"), default="jsonl")
    exp.add_argument("-o", "--output", help="file or folder (default for jsonl: standard output)")
    exp.add_argument("--type", help="the record type of a CSV table (e.g. mou)")
    exp.set_defaults(func=_export)
