"""The ``kotakerja`` command: a thin layer over the public API."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, TextIO

from . import __version__
from ._cli_db import add_db_option, db_url
from ._errors import ErrorDetail, KotakerjaError, ValidationError
from ._progress import Progress
from .records._base import Record, record_types
from .register import bounded_lines, iter_jsonl, open_source, read_bounded
from .register._locate import line_of, path_lines
from .serialization import from_dict, json_schema, to_json
from .serialization._json import DEFAULT_MAX_SIZE, loads
from .values._places import find_regions

if TYPE_CHECKING:
    from .register import Register

__all__ = ["build_parser", "main", "reference_pages"]


def _regions_search(args: argparse.Namespace, out: TextIO) -> int:
    try:
        found = find_regions(" ".join(args.name))
        if not found and len(args.name) > 1:
            # "Solo Kediri": no region has both words, so each is a name of its own.
            found = tuple(dict.fromkeys(r for name in args.name for r in find_regions(name)))
    except ValidationError as e:
        for err in e.errors:
            _say(f"kotakerja: {err.message}")
        return 2
    if not found:
        _say(f"no region matches {' '.join(args.name)!r}")
        return 1
    width = max(len(r.name) for r in found)
    for r in found:
        province = "" if r.is_province else f"  ({r.province.name})"
        _write(
            out,
            f"{r.code:<6} {r.name:<{width}}  {r.level.value:<22} {r.time_zone} "
            f"{r.tz_abbreviation}{province}\n",
        )
    return 0


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    types = record_types()
    name = _type_name(args.type)
    if args.type.casefold() == "all":
        cls: type = Record
    elif name is not None:
        cls = types[name]
    else:
        known = ", ".join(sorted(types))
        _say(f"kotakerja: unknown type {args.type!r}; known: {known}, all")
        return 2
    out.write(json.dumps(json_schema(cls), ensure_ascii=False, indent=2) + "\n")
    return 0


# Output ------------------------------------------------------------------------------


def _write(stream: TextIO, text: str) -> None:
    """Write `text`, with what the stream's encoding cannot hold as backslash escapes
    (a lone surrogate from a JSON key, say): a message never crashes the command."""
    if not text.isascii():
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
                text = text.encode("utf-8", "backslashreplace").decode("utf-8")
            else:
                try:
                    text = text.encode(encoding, "backslashreplace").decode(encoding)
                except LookupError:
                    text = text.encode("ascii", "backslashreplace").decode("ascii")
    stream.write(text)


def _say(text: str) -> None:
    """A line on standard error: a message about the command, not about the data."""
    _write(sys.stderr, text + "\n")


class _Problems:
    """Prints problems in the data (``file:line:column: code: message``, or JSON lines)
    and counts them; after `limit` problems, only counts."""

    def __init__(self, stream: TextIO, style: str, limit: int) -> None:
        self.stream = stream
        self.style = style
        self.limit = limit
        self.errors = 0
        self.warnings = 0
        self.shown = 0
        self.progress: Progress | None = None

    def add(
        self,
        file: str,
        line: int,
        code: str,
        message: str,
        *,
        path: str = "",
        column: int = 1,
        severity: str = "error",
        pointer: str | None = None,
    ) -> None:
        if severity == "error":
            self.errors += 1
        else:
            self.warnings += 1
        if self.limit and self.shown >= self.limit:
            return
        self.shown += 1
        if self.progress is not None:
            self.progress.clear()
        if self.style == "json":
            item = {
                "file": file,
                "line": line,
                "column": column,
                "severity": severity,
                "code": code,
                "path": path,
                "pointer": ErrorDetail(path, code, message).pointer if pointer is None else pointer,
                "message": message,
            }
            text = json.dumps(item, ensure_ascii=True) + "\n"
        else:
            words = "" if severity == "error" else f"{severity}: "
            where = f"{path}: " if path else ""
            text = f"{file}:{line}:{column}: {code}: {words}{where}{message}\n"
        _write(self.stream, text)
        self.stream.flush()

    def detail(self, file: str, line: int, err: ErrorDetail, column: int = 1) -> None:
        self.add(
            file, line, err.code, err.message, path=err.path, column=column, pointer=err.pointer
        )

    def finish(self) -> None:
        hidden = self.errors + self.warnings - self.shown
        if hidden:
            noun = "problem" if hidden == 1 else "problems"
            _say(f"kotakerja: {hidden} more {noun} not shown (--max-problems {self.limit})")


# Inputs ------------------------------------------------------------------------------

_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}
_STDIN = "-"
_STDIN_NAME = "<stdin>"
_AT = re.compile(r"at line (\d+) column (\d+)")


class _Unusable(Exception):
    """Input that cannot be read as records at all (exit code 2)."""


class _Input:
    """One input: a file (named, or found in a folder) or standard input; or, with
    `error`, a path that cannot be read, said when its turn comes."""

    __slots__ = ("error", "kind", "name", "path")

    def __init__(
        self, name: str, path: str | None, kind: str | None, error: str | None = None
    ) -> None:
        self.name = name
        self.path = path
        self.kind = kind
        self.error = error


def _kind_of(path: str, given: str | None, option: str | None = None) -> str:
    """The file type of `path`: `given`, or what its name ends in."""
    if given:
        return given
    lower = path.lower()
    for ext, kind in _KINDS.items():
        if lower.endswith(ext):
            return kind
    use = "a .json, .jsonl, .ndjson or .csv file, a folder of them, or - for standard input"
    if option:
        use = f"{use}, or give the type with {option}"
    raise _Unusable(f"{path}: unknown file type; use {use}")


def _folder_files(folder: str) -> list[str]:
    """The files of a supported type in `folder` and the folders below it, in name order;
    hidden files and folders (a name starting with a dot) are passed over."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in _KINDS:
                found.append(os.path.join(root, name))
    return found


def _inputs(paths: Sequence[str], given: str | None, option: str | None) -> Iterator[_Input]:
    """Each input of `paths`: a folder stands for every supported file inside it (their
    type by extension), ``-`` for standard input. A missing path, one whose type is
    unknown and a folder without a single file to read come with their `error`."""
    for path in paths:
        if path == _STDIN:
            yield _Input(_STDIN_NAME, None, given)
        elif os.path.isdir(path):
            files = _folder_files(path)
            if not files:
                error = f"{path}: the folder holds no .json, .jsonl, .ndjson or .csv files"
                yield _Input(path, path, None, error)
            for file in files:
                yield _Input(file, file, _kind_of(file, None))
        elif not os.path.lexists(path):
            yield _Input(path, path, None, f"{path}: no such file or folder")
        else:
            try:
                yield _Input(path, path, _kind_of(path, given, option))
            except _Unusable as e:
                yield _Input(path, path, None, str(e))


@contextlib.contextmanager
def _open_regular(path: str, max_size: int | None) -> Iterator[IO[bytes]]:
    """`path` opened for reading, when it is a regular file of at most `max_size` bytes
    (None: of any size), as the library's readers open files (`open_source`): a FIFO
    with no writer would block an ordinary open, and a device such as /dev/zero never
    ends."""
    stack = contextlib.ExitStack()
    try:
        handle = stack.enter_context(open_source(path))
    except FileNotFoundError:
        raise _Unusable(f"{path}: no such file") from None
    except ValidationError:  # kotakerja.storage.not_a_file
        raise _Unusable(
            f"{path}: not a regular file (a device, pipe or socket); give a file, "
            "a folder, or - for standard input"
        ) from None
    except OSError as e:
        raise _Unusable(f"{path}: cannot read: {e.strerror}") from None
    with stack:
        size = os.fstat(handle.fileno()).st_size
        if max_size is not None and size > max_size:
            raise _Unusable(
                f"{path}: the file has {size} bytes; the limit is {max_size} "
                "(raise it with --max-size)"
            )
        yield handle


def _too_large(name: str, max_size: int) -> _Unusable:
    return _Unusable(
        f"{name}: more than {max_size} bytes; the limit is {max_size} (raise it with --max-size)"
    )


def _read_capped(handle: IO[bytes], name: str, max_size: int) -> bytes:
    try:
        return read_bounded(handle, max_size)
    except ValidationError:  # kotakerja.storage.too_large
        raise _too_large(name, max_size) from None


def _stdin_bytes(max_size: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream put in its place (as tests do)
        text = sys.stdin.read(max_size + 1)
        data = text.encode("utf-8", "surrogateescape")
        if len(data) > max_size:
            raise _too_large(_STDIN_NAME, max_size)
        return data
    return _read_capped(stream, _STDIN_NAME, max_size)


def _sniff(data: bytes) -> str:
    """The type of standard input given without --format: a JSON array is JSON, an
    object on a line of its own JSON Lines, another object JSON; anything else CSV."""
    text = data[3:] if data[:3] == b"\xef\xbb\xbf" else data
    stripped = text.lstrip()
    if stripped[:1] == b"[":
        return "json"
    if stripped[:1] == b"{":
        first = stripped.split(b"\n", 1)[0]
        try:
            loads(first.strip())
        except ValidationError:
            return "json"
        return "jsonl"
    return "csv"


class _Lines:
    """Line numbers in one JSON document, worked out when a problem first needs them."""

    __slots__ = ("_lines", "_text")

    def __init__(self, text: bytes) -> None:
        self._text: bytes | None = text
        self._lines: dict[str, int] | None = None

    def line(self, path: str) -> int:
        if self._lines is None:
            assert self._text is not None
            self._lines = path_lines(self._text.decode("utf-8-sig", "replace"))
            self._text = None
        return line_of(self._lines, path)


Where = tuple[str, "int | tuple[_Lines, str]"]
"""Where a record is: the input's name and its line, or the lines of its document and
its path there (worked out only when needed)."""


def _line(where: Where, path: str = "") -> int:
    at = where[1]
    if isinstance(at, int):
        return at
    lines, base = at
    return lines.line(_join(base, path))


def _join(base: str, path: str) -> str:
    if not path:
        return base
    if not base or path.startswith("["):
        return base + path
    return f"{base}.{path}"


class _Reader:
    """Reads records from inputs as a stream, reporting every problem on the way.

    It remembers each id with where it was first seen (not the record), so a
    duplicate id is reported at once, with both places, across all inputs; with
    `references`, it also keeps the references to ids not seen yet and reports
    those still dangling at the end.
    """

    def __init__(self, args: argparse.Namespace, problems: _Problems) -> None:
        given: int | None = args.max_size
        # Without --max-size, what is read whole (a .json or .csv file, standard input)
        # and each line of JSON Lines have the library's limit; a JSON Lines file,
        # read a line at a time, may be of any size.
        self.max_size: int = DEFAULT_MAX_SIZE if given is None else given
        self.stream_size: int | None = given
        self.problems = problems
        self.records = 0
        self.unusable = False
        self.ids: dict[str, tuple[Where, str]] = {}
        self.pending: list[tuple[Where, str, str, str, str, str]] = []
        self.references = False
        self._walker: Register | None = None

    # Records --------------------------------------------------------------------------

    def read(self, inputs: Iterable[_Input]) -> Iterator[tuple[Record, Where]]:
        """The valid records of every input, in order; problems are reported, unreadable
        inputs said on standard error (and `unusable` set)."""
        for item in inputs:
            try:
                yield from self._read_one(item)
            except _Unusable as e:
                _say(f"kotakerja: {e}")
                self.unusable = True
            except OSError as e:
                _say(f"kotakerja: {item.name}: cannot read: {e.strerror or e}")
                self.unusable = True

    def _read_one(self, item: _Input) -> Iterator[tuple[Record, Where]]:
        if item.error is not None:
            raise _Unusable(item.error)
        if item.path is None:
            data = _stdin_bytes(self.max_size)
            kind = item.kind or _sniff(data)
            if kind == "jsonl":
                yield from self._jsonl(item.name, io.BytesIO(data), len(data))
            elif kind == "json":
                yield from self._json(item.name, data)
            else:
                yield from self._csv_bytes(item.name, data)
            return
        limit = self.stream_size if item.kind == "jsonl" else self.max_size
        with _open_regular(item.path, limit) as handle:
            if item.kind == "jsonl":
                size = os.fstat(handle.fileno()).st_size
                yield from self._jsonl(item.name, handle, size)
                return
            data = _read_capped(handle, item.name, self.max_size)
        if item.kind == "json":
            yield from self._json(item.name, data)
        else:
            yield from self._csv_bytes(item.name, data)

    def _jsonl(self, name: str, handle: IO[bytes], size: int) -> Iterator[tuple[Record, Where]]:
        progress = Progress(os.path.basename(name), size, sys.stderr)
        self.problems.progress = progress

        def lines() -> Iterator[bytes]:
            """Each line, one item per line of the file, read by the library's bounded
            reader; a line over the limit is a problem said here, and an empty line in
            its place keeps the count."""
            found = bounded_lines(handle, self.max_size, skip_long=True, max_total=self.stream_size)
            while True:
                try:
                    number, raw = next(found)
                except StopIteration:
                    return
                except ValidationError:  # kotakerja.storage.too_large: the whole input
                    assert self.stream_size is not None
                    raise _too_large(name, self.stream_size) from None
                if raw is None:
                    self.records += 1
                    self.problems.add(
                        name,
                        number,
                        "kotakerja.json.too_large",
                        f"the line has more than {self.max_size} bytes; the limit is "
                        f"{self.max_size} (raise it with --max-size)",
                    )
                    raw = b"\n"
                progress.update(handle.tell())
                yield raw

        try:
            for result in iter_jsonl(lines(), max_size=self.max_size, max_problems=None):
                self.records += 1
                if result.error is not None:
                    for err in result.error.errors:
                        column = 1
                        if err.code == "kotakerja.json.invalid" and not err.path:
                            m = _AT.search(err.message)
                            column = int(m.group(2)) if m else 1
                        self.problems.detail(name, result.line, err, column=column)
                elif result.record is not None:
                    where: Where = (name, result.line)
                    self._seen(result.record, where)
                    yield result.record, where
        finally:
            progress.close()
            self.problems.progress = None

    def _json(self, name: str, data: bytes) -> Iterator[tuple[Record, Where]]:
        text = data[3:] if data[:3] == b"\xef\xbb\xbf" else data
        try:
            document = loads(text, max_size=self.max_size)
        except ValidationError as e:
            raise _Unusable(f"{name}: {e.errors[0].message}") from None
        lines = _Lines(data)
        many = isinstance(document, list)
        items = document if many else [document]
        for i, item in enumerate(items):
            base = f"[{i}]" if many else ""
            self.records += 1
            try:
                record = from_dict(Record, item)
            except ValidationError as e:
                for err in e.errors:
                    located = err.prefixed(i) if many else err
                    self.problems.detail(name, lines.line(located.path), located)
                continue
            where: Where = (name, (lines, base))
            self._seen(record, where)
            yield record, where

    def _csv_bytes(self, name: str, data: bytes) -> Iterator[tuple[Record, Where]]:
        """A CSV table; its lines are spreadsheet rows (the header is row 1)."""
        from .register import read_csv

        handle = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)  # noqa: SIM115
        try:
            with handle:
                handle.write(data)
            try:
                records, problems = read_csv(handle.name, max_size=None, max_problems=None)
            except ValidationError as e:  # the table as a whole: TABLE_CODES
                raise _Unusable(f"{name}: {e.errors[0].message}") from None
        finally:
            os.unlink(handle.name)
        bad_rows = {row for row, _ in problems}
        for row, err in problems:
            self.problems.detail(name, row, err)
        rows = iter(r for r in _csv_rows(data) if r not in bad_rows)
        self.records += len(records) + len(bad_rows)
        for record in records:
            where: Where = (name, next(rows, 0))
            self._seen(record, where)
            yield record, where

    # Ids and references ------------------------------------------------------------------

    def _seen(self, record: Record, where: Where) -> None:
        first = self.ids.get(record.id)
        if first is not None:
            (first_where, first_type) = first
            self.problems.add(
                where[0],
                _line(where, "id"),
                "kotakerja.register.duplicate_id",
                f"id {record.id!r} ({record.TYPE}) is already used by a {first_type} at "
                f"{first_where[0]}:{_line(first_where, 'id')}",
                path="id",
            )
            return
        self.ids[record.id] = (where, record.TYPE)
        if self.references:
            self._check_references(record, where)

    def _check_references(self, record: Record, where: Where) -> None:
        if self._walker is None:
            from .register import Register

            self._walker = Register()
        for path, ref in self._walker.references(record):
            if ref.id == record.id and ref.type == record.TYPE:
                self.problems.add(
                    where[0],
                    _line(where, path),
                    "kotakerja.register.self_reference",
                    f"{record.TYPE} {record.id} points to itself",
                    path=path,
                )
                continue
            target = self.ids.get(ref.id)
            if target is None:
                self.pending.append((where, path, record.TYPE, record.id, ref.type, ref.id))
            else:
                self._reference(where, path, record.TYPE, record.id, ref.type, ref.id, target)

    def _reference(
        self,
        where: Where,
        path: str,
        from_type: str,
        from_id: str,
        ref_type: str,
        ref_id: str,
        target: tuple[Where, str] | None,
    ) -> None:
        if target is None:
            self.problems.add(
                where[0],
                _line(where, path),
                "kotakerja.register.dangling_reference",
                f"{from_type} {from_id} points to {ref_type} {ref_id}, which is in none "
                "of the inputs",
                path=path,
            )
        elif target[1] != ref_type:
            self.problems.add(
                where[0],
                _line(where, path),
                "kotakerja.register.wrong_reference_type",
                f"{from_type} {from_id} points to {ref_type} {ref_id}, but {ref_id} is a "
                f"{target[1]} (at {target[0][0]}:{_line(target[0], 'id')})",
                path=path,
            )

    def finish(self) -> None:
        """Report the references that point to no record of any input."""
        pending, self.pending = self.pending, []
        for where, path, from_type, from_id, ref_type, ref_id in pending:
            target = self.ids.get(ref_id)
            self._reference(where, path, from_type, from_id, ref_type, ref_id, target)


def _csv_rows(data: bytes) -> Iterator[int]:
    """The spreadsheet row of each non-empty row after the header, as `read_csv` counts."""
    import csv

    text = data.decode("utf-8-sig", "replace")
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        next(reader, None)
        for row, cells in enumerate(reader, start=2):
            if cells:
                yield row
    except csv.Error:
        return
    finally:
        csv.field_size_limit(limit)


# Commands ----------------------------------------------------------------------------


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from ._check import check

    if not args.paths:
        return _validate_db_or_examples(args, out)
    problems = _Problems(out, args.problems, args.max_problems)
    reader = _Reader(args, problems)
    reader.references = not args.no_references
    lineage = _Lineage(reader)
    inputs = lineage.remember(_inputs(args.paths, args.format, "--format"))
    for record, where in reader.read(inputs):
        if args.no_warnings:
            continue
        lineage.see(record, where)
        for f in check(record):
            if f.severity.value != "info":
                problems.add(
                    where[0],
                    _line(where, f.path),
                    f.code,
                    f.message,
                    path=f.path,
                    severity="warning",
                )
    reader.finish()
    lineage.report(args, problems)
    problems.finish()
    _summary(args, reader.records, problems)
    if reader.unusable:
        return 2
    return 1 if problems.errors else 0


class _Lineage:
    """What the findings across documents (`Register.lineage_findings`) need, gathered
    while the records stream by: the documents that implement another and the documents
    they implement, nothing of the others, so memory stays flat.

    A document implemented by one read later is not kept when it comes; it is read
    again from its file at the end (from standard input, read whole anyway, every
    document is kept)."""

    def __init__(self, reader: _Reader) -> None:
        from . import Document, LinkRole

        self.document = Document
        self.implements = LinkRole.IMPLEMENTS
        self.reader = reader
        self.kept: dict[str, tuple[Record, Where]] = {}
        self.wanted: set[str] = set()
        self.inputs: dict[str, _Input] = {}

    def remember(self, inputs: Iterable[_Input]) -> Iterator[_Input]:
        for item in inputs:
            self.inputs.setdefault(item.name, item)
            yield item

    def see(self, record: Record, where: Where) -> None:
        if not isinstance(record, self.document):
            return
        first = self.reader.ids.get(record.id)
        if first is None or first[0] is not where:
            return  # a second use of an id: a problem of its own
        targets = [x.to.id for x in record.document_links() if x.role is self.implements]
        if targets or record.id in self.wanted or where[0] == _STDIN_NAME:
            self.kept[record.id] = (record, where)
        self.wanted.update(targets)

    def report(self, args: argparse.Namespace, problems: _Problems) -> None:
        """Print the findings across documents, each at the line of its document."""
        if not self.wanted:
            return
        from .register import Register

        self._read_again(args)
        register = Register((r for r, _ in self.kept.values()), check_references=False)
        for f in register.lineage_findings():
            record_id, path = _split_register_path(f.path)
            where = self.kept[record_id][1]
            problems.add(
                where[0], _line(where, path), f.code, f.message, path=path, severity="warning"
            )

    def _read_again(self, args: argparse.Namespace) -> None:
        """Read the implemented documents that were not kept from their files again."""
        ids = self.reader.ids
        missing = {i for i in self.wanted - self.kept.keys() if i in ids}
        names = dict.fromkeys(ids[i][0][0] for i in missing)
        found: dict[str, tuple[Record, Where]] = {}
        for name in names:
            item = self.inputs.get(name)
            if item is None or item.path is None:
                continue
            quiet = _Reader(args, _Problems(io.StringIO(), "text", 1))
            try:
                for record, where in quiet._read_one(item):
                    if record.id in missing and ids[record.id][0][0] == name:
                        found.setdefault(record.id, (record, where))
            except (_Unusable, OSError):
                continue  # gone since it was read: its findings are left out
        # In the order of reading, so that the findings come in that order too.
        order = {rid: n for n, rid in enumerate(ids)}
        merged = {**self.kept, **found}
        self.kept = dict(sorted(merged.items(), key=lambda kv: order.get(kv[0], 0)))


def _split_register_path(path: str) -> tuple[str, str]:
    """``[mou-x].parties[2]`` as ``("mou-x", "parties[2]")``."""
    end = path.index("]")
    return path[1:end], path[end + 1 :].removeprefix(".")


def _summary(args: argparse.Namespace, records: int, problems: _Problems) -> None:
    if args.quiet:
        return
    noun = "error" if problems.errors == 1 else "errors"
    summary = f"{records} records checked, {problems.errors} {noun}"
    if problems.warnings:
        summary += f", {problems.warnings} warning" + "s" * (problems.warnings != 1)
    _say(summary)


def _validate_db_or_examples(args: argparse.Namespace, out: TextIO) -> int:
    """With no file named: the records of ``--db`` (or ``$KOTAKERJA_DB``), else the examples.

    Problems in a database are printed as those of files: the file is the database URL
    without its password, the line the record's place (1 for the first added: its
    line in ``kotakerja db export``), and the path starts with the record's id."""
    from ._cli_db import validate_db
    from ._errors import KotakerjaError

    url = db_url(args)
    problems = _Problems(out, args.problems, args.max_problems)
    if url is None:
        from . import examples

        _summary(args, len(examples()), problems)
        return 0
    try:
        shown, records, found = validate_db(url, warnings=not args.no_warnings)
    except KotakerjaError as e:
        _say(f"kotakerja: {e}")
        return 2
    for line, record_id, item in found:
        inner = item if isinstance(item, ErrorDetail) else ErrorDetail(item.path, item.code, "")
        problems.add(
            shown,
            line,
            item.code,
            item.message,
            path=inner.path if record_id is None else _join(f"[{record_id}]", inner.path),
            severity="error" if isinstance(item, ErrorDetail) else "warning",
            pointer=inner.pointer,
        )
    problems.finish()
    _summary(args, records, problems)
    return 1 if problems.errors else 0


def _load(args: argparse.Namespace, option: str = "--format") -> Register | int:
    """The register of the inputs (the bundled examples when none are given), or the exit
    code after saying why it cannot be had: 1 for problems in the data (each printed on
    standard error), 2 for an input that cannot be read.

    References to records outside the inputs are allowed: reporting on, converting or
    exporting part of a register is common. Ids must be unique across the inputs."""
    from . import examples
    from .register import Register

    if not args.paths:
        url = db_url(args) if hasattr(args, "db") else None
        if url is None:
            return examples()
        from ._cli_db import register_from_db
        from ._errors import KotakerjaError

        try:
            return register_from_db(url)
        except KotakerjaError as e:
            _say(f"kotakerja: {e}")
            return 2
    problems = _Problems(sys.stderr, args.problems, args.max_problems)
    reader = _Reader(args, problems)
    records = [record for record, _ in reader.read(_inputs(args.paths, args.format, option))]
    problems.finish()
    if reader.unusable:
        return 2
    if problems.errors:
        return 1
    return Register(records, check_references=False)


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from .report import build_report, parse_within, render_report
    from .values._dates import PartialDate

    try:
        on = PartialDate.parse(args.on) if args.on else None
        within = parse_within(args.within) if args.within else None
        regions = [_region_code(r) for r in args.region]
        countries = [_country_code(c) for c in args.country]
    except ValidationError as e:
        _say(f"kotakerja: {e.errors[0].message}")
        return 2
    types = [_type_name(t) for t in args.type]
    if None in types:
        _say(f"kotakerja: --type: unknown record type in {args.type}")
        return 2
    register = _load(args)
    if isinstance(register, int):
        return register
    target = out
    if args.output not in (None, "-"):
        try:
            target = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as e:
            _say(f"kotakerja: {args.output}: cannot write: {e.strerror}")
            return 2
    try:
        options: dict[str, Any] = {
            "on": on,
            "lang": args.lang,
            "within": within,
            "regions": regions,
            "countries": countries,
            "types": [t for t in types if t is not None],
        }
        if args.output_format == "table" and target.isatty():
            _rich_report(build_report(register, **options), target)
        else:
            width = shutil.get_terminal_size().columns if target.isatty() else None
            text = render_report(register, format=args.output_format, width=width, **options)
            _write(target, text)
    finally:
        if target is not out:
            target.close()
    return 0


def _rich_report(report: Any, out: TextIO) -> None:
    """The report as rich tables, for a terminal."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False)
    console.print(f"[bold]{report.title}[/bold]")
    console.print(", ".join(f"{n} {t}" for t, n in report.counts.items()))
    for section in report.sections:
        table = Table(title=section.title, title_justify="left", expand=False)
        for heading in section.header:
            table.add_column(heading, overflow="fold")
        for row in section.rows:
            table.add_row(*row)
        console.print(table)


def _region_code(text: str) -> str:
    from .values._places import Region

    found = find_regions(text)
    if len(found) == 1:
        return found[0].code
    if found:
        names = ", ".join(f"{r.name} ({r.code})" for r in found[:4])
        raise ValidationError.single(
            "", "kotakerja.region.ambiguous", f"--region {text!r} could be {names}"
        )
    if not text.replace(".", "").isdigit():
        raise ValidationError.single(
            "", "kotakerja.region.not_found", f"--region: no region is called {text!r}"
        )
    return Region.get(text).code


def _country_code(text: str) -> str:
    from .values._places import Country

    if len(text) == 2 and text.isalpha():
        return Country.get(text.upper()).code
    return Country.find(text).code


def _type_name(text: str) -> str | None:
    """A record type from its name in any case or its class name (``Mou``, ``ExportShipment``)."""
    folded = text.replace("-", "_").casefold()
    for name, cls in record_types().items():
        if folded in (name.casefold(), cls.__name__.casefold()):
            return name
    return None


def _import_sheet(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from .register import Register
    from .sheets import read_sheet

    bar = Progress(os.path.basename(args.file), 0, sys.stderr)

    def advance(row: int, total: int) -> None:
        bar.total = max(total, 1)
        bar.update(row)

    try:
        result = read_sheet(args.file, args.mapping, progress=advance)
    except ValidationError as e:
        for err in e.errors:
            _say(f"{err.path}: {err.code}: {err.message}" if err.path else str(err))
        return 2
    except (KotakerjaError, OSError) as e:
        _say(f"kotakerja: {e}")
        return 2
    finally:
        bar.close()
    for problem in result.problems:
        _write(out, f"{problem}\n")
    rows = len(result.records)
    if args.dry_run:
        _say(f"{rows} rows valid, {len(result.rejected)} rejected (dry run: nothing written)")
        return 1 if result.problems else 0
    if result.problems and not args.skip_invalid:
        _say(
            f"nothing imported: {len(result.rejected)} of {rows + len(result.rejected)} rows "
            "have problems (fix them, or use --skip-invalid)"
        )
        return 1
    register = Register(result.records)
    target = Path(args.output) if args.output not in (None, "-") else None
    try:
        if target is None:
            for record in register:
                _write(out, to_json(record) + "\n")
        elif target.suffix == ".csv":
            register.save_csv(target)
        elif target.suffix == ".xlsx":
            from .sheets import write_sheet

            write_sheet(register, target, lang=args.lang)
        else:
            register.save_jsonl(target)
        if result.rejected:
            rejects = Path(args.rejects or f"{args.file}.rejects.csv")
            result.write_rejects(rejects)
            _say(f"{len(result.rejected)} rejected rows written to {rejects}")
    except OSError as e:
        _say(f"kotakerja: cannot write: {e}")
        return 2
    _say(f"{rows} records imported to {args.output or 'standard output'}")
    return 1 if result.problems else 0


def _ics(args: argparse.Namespace, out: TextIO) -> int:
    from .calendar import to_ical

    register = _load(args)
    if isinstance(register, int):
        return register
    data = to_ical(
        register, locale=args.lang, partial=args.partial, follow_ups=not args.no_follow_ups
    )
    entries = data.count(b"BEGIN:VEVENT")
    if args.output in (None, "-"):
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            out.write(data.decode("utf-8"))
        else:  # bytes as they are: iCalendar lines end in CRLF on every platform
            out.flush()
            buffer.write(data)
            buffer.flush()
    else:
        from .register import atomic_write

        try:
            atomic_write(args.output, (data.decode("utf-8"),))
        except OSError as e:
            _say(f"kotakerja: {args.output}: cannot write: {e.strerror}")
            return 2
    _say(f"{entries} calendar entries written to {args.output or 'standard output'}")
    return 0


def _convert(args: argparse.Namespace, out: TextIO) -> int:
    try:
        dst_kind = _kind_of(args.target, args.target_format, "--to")
    except _Unusable as e:
        _say(f"kotakerja: {e}")
        return 2
    register = _load(args, "--from")
    if isinstance(register, int):
        return register
    written = len(register)
    if dst_kind == "parquet":
        return _convert_to_parquet(register, args.target)
    if dst_kind == "csv":
        types = sorted({r.TYPE for r in register})
        if args.type is None and len(types) != 1:
            _say(
                "kotakerja: a CSV table holds records of one type; choose one with --type "
                f"({', '.join(types) or 'no records'})"
            )
            return 2
        try:
            cls = record_types()[args.type or types[0]]
        except KeyError:
            _say(f"kotakerja: unknown type {args.type!r}")
            return 2
    try:
        if dst_kind == "csv":
            written = register.save_csv(args.target, cls)
        elif dst_kind == "jsonl":
            register.save_jsonl(args.target)
        else:
            register.save_json(args.target)
    except OSError as e:
        _say(f"kotakerja: {args.target}: cannot write: {e.strerror}")
        return 2
    except ValidationError as e:  # more than a reader takes: kotakerja.storage.too_large
        _say(f"kotakerja: {args.target}: not written: {e.errors[0].message}")
        return 2
    _say(f"{written} records written to {args.target}")
    return 0


def _convert_to_parquet(register: Register, target: str) -> int:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        _say('kotakerja: Parquet needs pyarrow: pip install "kotakerja[arrow]"')
        return 2
    from .tables import write_parquet

    if os.path.exists(target) and not os.path.isdir(target):
        _say(f"kotakerja: {target}: not a folder; Parquet tables go into a folder")
        return 2
    try:
        counts = write_parquet(register, target)
    except OSError as e:
        _say(f"kotakerja: {target}: cannot write: {e.strerror}")
        return 2
    _say(f"{len(register)} records written to {target} ({len(counts)} tables)")
    return 0


_SIZE = re.compile(r"(\d+)\s*([kmg]?)i?b?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _size(text: str) -> int:
    """A size in bytes: ``1000``, ``512K``, ``64M``, ``2G`` (powers of 1024)."""
    m = _SIZE.fullmatch(text.strip())
    if m is None or int(m.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 1000, 512K, 64M or 2G")
    return int(m.group(1)) * _UNITS[m.group(2).lower()]


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of 0 or more")
    return int(text)


def _add_input_options(
    parser: argparse.ArgumentParser, *, format_option: str = "--format", alias: bool = True
) -> None:
    """The options of every command that reads records: the input type, the limits, and
    how problems are printed. A command that reads records from elsewhere adds its own
    options beside these."""
    group = parser.add_argument_group("input")
    names = (
        [format_option]
        if format_option == "--format" or not alias
        else [
            format_option,
            "--format",
        ]
    )
    group.add_argument(
        *names,
        dest="format",
        choices=("json", "jsonl", "csv"),
        help="the type of the named files and of standard input (default: by the "
        "name's extension; files in a folder always go by their extension)",
    )
    group.add_argument(
        "--max-size",
        type=_size,
        metavar="SIZE",
        help="refuse an input larger than this, e.g. 512K, 64M, 2G (default: 64M for "
        "what is read whole, a .json or .csv file or standard input, and for each line "
        "of JSON Lines; a JSON Lines file may be of any size)",
    )
    group.add_argument(
        "--max-problems",
        type=_count,
        default=1000,
        metavar="N",
        help="print at most N problems, then only count them (0: no limit; default: 1000)",
    )
    group.add_argument(
        "--problems",
        choices=("text", "json"),
        default="text",
        help="print problems as file:line:column: code: message lines (text) or as JSON "
        "lines (json)",
    )


_INPUTS_HELP = (
    "JSON, JSON Lines or CSV files, folders (every such file inside), or - for standard input"
)


def _subcommands(sub: Any) -> None:
    """Add every subcommand to `sub`, the parser's subparsers."""
    regions = sub.add_parser("regions", help="look up Indonesian provinces, regencies and cities")
    regions_sub = regions.add_subparsers(dest="regions_command", metavar="ACTION", required=True)
    search = regions_sub.add_parser("search", help="find regions by name, alias or code")
    search.add_argument(
        "name",
        nargs="+",
        help="e.g. Solo, Kota Kediri, 33.72; words that together match no region are "
        "searched one by one (Solo Kediri)",
    )
    search.set_defaults(func=_regions_search)

    report = sub.add_parser("report", help="summary of a register (default: the bundled examples)")
    report.add_argument("paths", nargs="*", metavar="PATH", help=_INPUTS_HELP)
    report.add_argument("--lang", choices=("id", "en"), default="id", help="language of the report")
    report.add_argument("--on", help="the date to report on (default: today), e.g. 2023-04-28")
    report.add_argument(
        "--within", help="window for expiring documents: 30d, 6w, 6m, 1y (default: 90d)"
    )
    report.add_argument(
        "--format",
        dest="output_format",
        choices=("table", "json", "csv", "markdown", "html"),
        default="table",
        help="table (a terminal gets rich tables), json, csv, markdown or one HTML page",
    )
    report.add_argument(
        "--region", action="append", default=[], help="only records involving this region"
    )
    report.add_argument(
        "--country", action="append", default=[], help="only records involving this country"
    )
    report.add_argument(
        "--type", action="append", default=[], help="only records of this type (mou, Meeting...)"
    )
    report.add_argument("-o", "--output", help="write to this file (default: standard output)")
    _add_input_options(report, format_option="--from", alias=False)
    add_db_option(report)
    report.set_defaults(func=_report)

    validate = sub.add_parser(
        "validate",
        help="check records in files, folders or standard input; print every problem "
        "with its file and line",
    )
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help=_INPUTS_HELP + " (none: the records of --db)"
    )
    validate.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    validate.add_argument(
        "--no-references",
        action="store_true",
        help="allow references to records that are in none of the inputs",
    )
    validate.add_argument(
        "--no-warnings", action="store_true", help="do not print the findings of check()"
    )
    _add_input_options(validate)
    add_db_option(validate)
    validate.set_defaults(func=_validate)

    convert = sub.add_parser("convert", help="convert records between JSON, JSON Lines and CSV")
    convert.add_argument("paths", nargs="+", metavar="SOURCE", help=_INPUTS_HELP)
    convert.add_argument("target", help="the .json, .jsonl or .csv file to write")
    convert.add_argument(
        "--to",
        dest="target_format",
        choices=("json", "jsonl", "csv", "parquet"),
        help="parquet: TARGET is a folder, one .parquet file per table (needs pyarrow)",
    )
    convert.add_argument(
        "--type", help="the record type a CSV table holds (e.g. mou), when there are several"
    )
    _add_input_options(convert, format_option="--from")
    convert.set_defaults(func=_convert)

    ics = sub.add_parser(
        "ics", help="write the meetings and events of a register as an iCalendar file"
    )
    ics.add_argument(
        "paths", nargs="*", metavar="PATH", help=_INPUTS_HELP + " (default: the bundled examples)"
    )
    ics.add_argument("-o", "--output", help="the .ics file to write (default: standard output)")
    ics.add_argument("--lang", choices=("id", "en"), default="id", help="language of the texts")
    ics.add_argument(
        "--partial",
        choices=("skip", "span"),
        default="skip",
        help="dates known only to the month or year: leave out (skip) or span the whole period",
    )
    ics.add_argument(
        "--no-follow-ups", action="store_true", help="leave out the to-dos of follow-ups"
    )
    _add_input_options(ics)
    add_db_option(ics)
    ics.set_defaults(func=_ics)

    sheet = sub.add_parser(
        "import-sheet",
        help="read a clerk's spreadsheet (XLSX or CSV) through a column mapping (TOML)",
    )
    sheet.add_argument("file", help="the .xlsx or .csv file")
    sheet.add_argument("--mapping", required=True, help="the TOML file mapping columns to fields")
    sheet.add_argument(
        "-o", "--output", help="write the records here: .jsonl, .csv or .xlsx (default: stdout)"
    )
    sheet.add_argument("--dry-run", action="store_true", help="report problems, write nothing")
    sheet.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows and write the others to a rejects file",
    )
    sheet.add_argument("--rejects", help="the rejects file (default: FILE.rejects.csv)")
    sheet.add_argument("--lang", choices=("id", "en"), default="id", help="headers of an .xlsx")
    sheet.set_defaults(func=_import_sheet)

    schema = sub.add_parser("schema", help="print the JSON Schema of a record type")
    schema.add_argument("type", help="a record type such as mou, meeting; or 'all'")
    schema.set_defaults(func=_schema)

    from ._cli_db import add_parser as add_db_parser

    add_db_parser(sub)


def build_parser() -> argparse.ArgumentParser:
    """The ``kotakerja`` argument parser: every subcommand, its arguments and help."""
    parser = argparse.ArgumentParser(
        prog="kotakerja",
        description="Records of Indonesian regional cooperation: MoUs, agreements, meetings, "
        "export shipments. Exit status: 0 all valid, 1 problems in the data, 2 a usage "
        "error or an input that cannot be read.",
    )
    parser.add_argument("--version", action="version", version=f"kotakerja {__version__}")
    _subcommands(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def _commands(
    parser: argparse.ArgumentParser, prefix: str
) -> Iterator[tuple[str, str, argparse.ArgumentParser]]:
    """(name, help, parser) of every subcommand below `parser`, depth first."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                full = f"{prefix} {name}"
                nested = list(_commands(sub, full))
                if nested:
                    yield from nested
                else:
                    yield full, helps.get(name, ""), sub


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reference_pages() -> dict[str, str]:
    """Markdown reference pages, one per subcommand, made from the argument parser.

    Keys are file names (``report.md``, ``db-import.md``); the docs keep these pages
    under ``docs/reference/cli/`` and a test keeps them equal to what this returns.
    """
    parser = build_parser()
    pages: dict[str, str] = {}
    for full, summary, sub in _commands(parser, "kotakerja"):
        name = full.removeprefix("kotakerja ").replace(" ", "-")
        usage = " ".join(sub.format_usage().removeprefix("usage: ").split())
        lines = [f"# `{full}`", "", summary[:1].upper() + summary[1:] + ".", ""]
        lines += ["```text", usage, "```", ""]
        rows = []
        for action in sub._actions:
            if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
                continue
            names = (
                ", ".join(f"`{o}`" for o in action.option_strings)
                or f"`{action.metavar or action.dest}`"
            )
            text = action.help or ""
            if action.choices is not None and not isinstance(action.choices, dict):
                text += " (one of: " + ", ".join(f"`{c}`" for c in action.choices) + ")"
            if action.option_strings and action.default not in (None, False, [], argparse.SUPPRESS):
                text += f" Default: `{action.default}`."
            rows.append(f"| {names} | {_cell(text.strip())} |")
        if rows:
            lines += ["| argument | meaning |", "| --- | --- |", *rows, ""]
        lines += [
            "Exit status: 0 all valid, 1 problems in the data, 2 a usage error or an input "
            "that cannot be read. See [the command line](../../cli.md) for inputs, limits "
            "and the problem format.",
            "",
        ]
        pages[f"{name}.md"] = "\n".join(lines)
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with `argv` (default: the process arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace, TextIO], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return func(args, sys.stdout)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
