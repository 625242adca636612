"""Storage of records: JSON Lines (streaming), one JSON file per record, atomic writes."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import cattrs

from .._errors import ErrorDetail, ValidationError
from ..records._base import Record
from ..serialization import from_dict, to_dict
from ..serialization._json import DEFAULT_MAX_SIZE, dumps, loads

__all__ = [
    "LineResult",
    "append_jsonl",
    "atomic_write",
    "iter_jsonl",
    "read_folder",
    "read_json_file",
    "write_folder",
    "write_jsonl",
]

PathLike = str | os.PathLike[str]


@attrs.frozen(kw_only=True)
class LineResult:
    """One line of a JSON Lines file: the record, or the problems that line has."""

    line: int
    record: Record | None = None
    error: ValidationError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _parse_line(
    number: int, raw: str | bytes, converter: cattrs.Converter | None, max_size: int | None
) -> LineResult:
    try:
        data = loads(raw, max_size=max_size)
        record = from_dict(Record, data, converter=converter)
    except ValidationError as e:
        return LineResult(line=number, error=e)
    return LineResult(line=number, record=record)


def iter_jsonl(
    source: PathLike | Iterable[bytes] | Iterable[str],
    *,
    converter: cattrs.Converter | None = None,
    max_line_size: int | None = DEFAULT_MAX_SIZE,
) -> Iterator[LineResult]:
    """Read a JSON Lines file one line at a time, validating each record as it comes.

    Memory stays flat whatever the file's size. Blank lines are skipped; every
    other line yields a `LineResult` with its 1-based line number.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            yield from iter_jsonl(handle, converter=converter, max_line_size=max_line_size)
        return
    lines: Iterable[str | bytes] = source
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        if number == 1 and isinstance(stripped, bytes) and stripped.startswith(b"\xef\xbb\xbf"):
            stripped = stripped[3:]
        yield _parse_line(number, stripped, converter, max_line_size)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: PathLike, chunks: Iterable[str]) -> None:
    """Write text to `path` so that a crash leaves either the old file or the new one.

    The text goes to a temporary file beside `path`, is flushed to disk, and then
    replaces `path` in one rename. An `OSError` names `path`, never the temporary file.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise _about(e, path, directory) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(e, OSError):
            raise _about(e, path, directory) from None
        raise
    _fsync_dir(directory)


def _about(error: OSError, path: PathLike, directory: Path) -> OSError:
    """The same error, about the file the caller named rather than a temporary one."""
    if not directory.exists():
        return FileNotFoundError(
            errno.ENOENT, f"the folder {str(directory)!r} does not exist", str(path)
        )
    if not directory.is_dir():
        return NotADirectoryError(errno.ENOTDIR, f"{str(directory)!r} is not a folder", str(path))
    return type(error)(error.errno, error.strerror, str(path))


def write_jsonl(
    path: PathLike, records: Iterable[Record], *, converter: cattrs.Converter | None = None
) -> None:
    """Save records as JSON Lines, atomically."""
    atomic_write(path, (dumps(to_dict(r, converter=converter)) + "\n" for r in records))


def append_jsonl(
    path: PathLike, record: Record, *, converter: cattrs.Converter | None = None
) -> None:
    """Append one record as one line; the line is written with a single write call.

    With ``O_APPEND`` a reader never sees half a line from a writer that finished,
    and concurrent appenders do not interleave within a line. A file whose last
    line has no line end (as some editors save it) gets one first. Anything but a
    record is refused with `TypeError`.
    """
    if not isinstance(record, Record):
        raise TypeError(f"append_jsonl writes records, not {type(record).__name__}")
    line = (dumps(to_dict(record, converter=converter)) + "\n").encode("utf-8")
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    try:
        size = os.fstat(fd).st_size
        if size:
            os.lseek(fd, size - 1, os.SEEK_SET)
            if os.read(fd, 1) != b"\n":
                line = b"\n" + line
        written = os.write(fd, line)
        if written != len(line):
            raise OSError(f"short write to {path}: {written} of {len(line)} bytes")
        os.fsync(fd)
    finally:
        os.close(fd)


def _file_name(record: Record) -> str:
    return _file_name_of(record.id)


def _file_name_of(record_id: str) -> str:
    return record_id.replace(":", "_") + ".json"


def write_folder(
    directory: PathLike, records: Iterable[Record], *, converter: cattrs.Converter | None = None
) -> None:
    """Save each record as ``<id>.json`` in `directory`, each file written atomically.

    Files of records no longer present are removed after all new files are in place;
    other files, JSON or not, are left alone. A file in the folder's place raises
    `NotADirectoryError`.
    """
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    keep: set[str] = set()
    for record in records:
        name = _file_name(record)
        keep.add(name)
        atomic_write(folder / name, (dumps(to_dict(record, converter=converter), indent=2), "\n"))
    for old in folder.glob("*.json"):
        if old.name not in keep and _is_record_file(old):
            old.unlink()


def _is_record_file(path: Path) -> bool:
    """True when `path` holds one record document of a known type (a file save_folder wrote)."""
    from ..records._base import record_types

    try:
        data = loads(path.read_bytes(), max_size=DEFAULT_MAX_SIZE)
    except (OSError, ValidationError):
        return False
    return (
        type(data) is dict
        and data.get("type") in record_types()
        and type(data.get("schema_version")) is str
        and type(data.get("id")) is str
        and path.name == _file_name_of(data["id"])
    )


def read_folder(
    directory: PathLike, *, converter: cattrs.Converter | None = None
) -> tuple[list[Record], list[ErrorDetail]]:
    """Read every ``*.json`` file of a folder; problems carry the file name in their path.

    A missing folder raises `FileNotFoundError`, a file in its place `NotADirectoryError`.
    """
    folder = Path(directory)
    if not folder.is_dir():
        if folder.exists():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(directory))
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(directory))
    records: list[Record] = []
    problems: list[ErrorDetail] = []
    for file in sorted(folder.glob("*.json")):
        try:
            records.append(from_dict(Record, read_json_file(file), converter=converter))
        except ValidationError as e:
            problems.extend(
                ErrorDetail(f"[{file.name}]" + ("." + x.path if x.path else ""), x.code, x.message)
                for x in e.errors
            )
    return records, problems


def read_json_file(path: PathLike) -> Any:
    """The JSON document in a file, parsed strictly; a leading UTF-8 byte-order mark,
    as Windows Notepad writes, is skipped (text given to `loads` may not have one)."""
    data = Path(path).read_bytes()
    return loads(data[3:] if data[:3] == b"\xef\xbb\xbf" else data)
