"""Storage of records: JSON Lines (streaming), one JSON file per record, atomic writes.

Every reader is bounded: it reads regular files only (unless told otherwise), never
more than `max_size` bytes at once (a whole ``.json`` document, or one line of JSON
Lines), never JSON nested deeper than `DEFAULT_MAX_DEPTH`, and stops after
`max_problems` problems. Every writer refuses what the matching reader would refuse
with the same limits, so a file kotakerja writes is a file kotakerja reads.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import re
import secrets
import stat
import time
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import IO, Any

import attrs
import cattrs

from .._errors import ErrorDetail, ValidationError
from ..records._base import Record
from ..serialization import from_dict, to_dict
from ..serialization._json import DEFAULT_MAX_SIZE, dumps, loads

try:
    import fcntl as _fcntl
except ImportError:  # pragma: no cover - Windows has no advisory locks of this kind
    _fcntl = None  # type: ignore[assignment]

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_PROBLEMS",
    "DEFAULT_MAX_SIZE",
    "LineResult",
    "Readable",
    "append_jsonl",
    "atomic_write",
    "bounded_lines",
    "check_depth",
    "clean_temporary",
    "file_name_for",
    "iter_jsonl",
    "open_source",
    "read_folder",
    "read_bounded",
    "read_json_file",
    "write_folder",
    "write_json",
    "write_jsonl",
]

PathLike = str | os.PathLike[str]
Readable = PathLike | IO[bytes]
"""Where records are read from: a path, or a binary stream such as ``sys.stdin.buffer``."""

DEFAULT_MAX_PROBLEMS = 100
"""Problems a reader reports before it stops reading and says that more were cut."""

DEFAULT_MAX_DEPTH = 100
"""Deepest nesting of arrays and objects a reader accepts in one JSON document."""

TOO_LARGE = "kotakerja.storage.too_large"
TOO_DEEP = "kotakerja.json.too_deep"
NOT_A_FILE = "kotakerja.storage.not_a_file"
TOO_MANY_PROBLEMS = "kotakerja.storage.too_many_problems"
NAME_CLASH = "kotakerja.storage.name_clash"
DUPLICATE_ID = "kotakerja.register.duplicate_id"


# Limits ---------------------------------------------------------------------------------


def _too_large(what: str, size: int | str, max_size: int, path: str = "") -> ValidationError:
    return ValidationError.single(
        path,
        TOO_LARGE,
        f"{what} has {size} bytes; the limit is {max_size} (raise max_size to allow more)",
    )


_STRING_RX = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def check_depth(data: bytes | str, max_depth: int | None = DEFAULT_MAX_DEPTH) -> None:
    """Refuse JSON text nesting arrays and objects deeper than `max_depth`, before parsing it.

    The check runs at C speed on the bytes (strings removed, brackets counted), so a
    hostile document is refused without being parsed into a deep structure.
    """
    if max_depth is None:
        return
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if raw.count(b"[") + raw.count(b"{") <= max_depth:
        return
    skeleton = _STRING_RX.sub(b"", raw).translate(_BRACKETS, _NOT_BRACKETS)
    deepest = max(accumulate(array("b", skeleton)), default=0)
    if deepest > max_depth:
        raise ValidationError.single(
            "",
            TOO_DEEP,
            f"document nests arrays and objects {deepest} deep; the limit is {max_depth}",
        )


class CappedProblems:
    """Problems found while reading, up to `max_problems`; the one after that stops reading."""

    def __init__(self, max_problems: int | None) -> None:
        if max_problems is not None and max_problems < 1:
            raise ValueError(f"max_problems must be 1 or more (or None), not {max_problems}")
        self.items: list[ErrorDetail] = []
        self.limit = max_problems
        self.cut = False

    def add(self, details: Iterable[ErrorDetail]) -> bool:
        """Keep `details` within the limit; False once a problem had to be cut."""
        for detail in details:
            if self.limit is not None and len(self.items) >= self.limit:
                self.cut = True
                return False
            self.items.append(detail)
        return True

    def notice(self, where: str) -> ErrorDetail:
        return cut_notice(len(self.items), where)

    def raise_if_any(self, where: str) -> None:
        if self.cut:
            raise ValidationError([*self.items, self.notice(where)])
        if self.items:
            raise ValidationError(self.items)


def cut_notice(reported: int, where: str) -> ErrorDetail:
    """The last problem of a capped report: how many were reported, and that more were cut."""
    return ErrorDetail(
        "",
        TOO_MANY_PROBLEMS,
        f"{reported} problems reported; reading stopped at {where} and further problems "
        "were cut (raise max_problems to see more)",
    )


# Opening --------------------------------------------------------------------------------


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _not_a_file(path: PathLike, mode: int) -> ValidationError:
    return ValidationError.single(
        "",
        NOT_A_FILE,
        f"{os.fspath(path)} is a {_kind(mode)}, not a regular file; "
        "pass allow_special=True to read it",
    )


@contextlib.contextmanager
def open_source(source: Readable, *, allow_special: bool = False) -> Iterator[IO[bytes]]:
    """A binary stream for `source`; a path must name a regular file unless `allow_special`.

    The path is looked at with `os.stat` first, so a named pipe is never opened (opening
    one blocks until a writer comes) and a device such as ``/dev/zero`` is never read.
    A stream given as it is stays open after use.
    """
    if not isinstance(source, (str, os.PathLike)):
        yield source
        return
    info = os.stat(source)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", os.fspath(source))
    if not stat.S_ISREG(info.st_mode) and not allow_special:
        raise _not_a_file(source, info.st_mode)
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            if not allow_special:  # swapped for a special file since the stat above
                raise _not_a_file(source, mode)
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle


def read_bounded(handle: IO[bytes], max_size: int | None, what: str = "the document") -> bytes:
    """Everything in `handle`, read in pieces, refused as soon as it passes `max_size`.

    Over the limit: `ValidationError` with ``kotakerja.storage.too_large``, before
    reading when a regular file is larger, else once one byte more has been read.
    """
    if max_size is None:
        return handle.read()
    size = 0
    with contextlib.suppress(OSError, AttributeError, ValueError):  # a stream without a file
        info = os.fstat(handle.fileno())
        size = info.st_size if stat.S_ISREG(info.st_mode) else 0
    if size > max_size:
        raise _too_large(what, size, max_size)
    pieces: list[bytes] = []
    total = 0
    while total <= max_size:
        piece = handle.read(min(1 << 20, max_size + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    if total > max_size:
        raise _too_large(what, f"more than {max_size}", max_size)
    return b"".join(pieces)


# JSON documents -------------------------------------------------------------------------


def read_json_file(
    source: Readable,
    *,
    max_size: int | None = DEFAULT_MAX_SIZE,
    max_depth: int | None = DEFAULT_MAX_DEPTH,
    allow_special: bool = False,
) -> Any:
    """The JSON document in a file (or binary stream), parsed strictly within the limits.

    A leading UTF-8 byte-order mark, as Windows Notepad writes, is skipped (text given
    to `loads` may not have one). More than `max_size` bytes raise `ValidationError`
    with the code ``kotakerja.storage.too_large``, nesting deeper than `max_depth`
    ``kotakerja.json.too_deep``, a special file ``kotakerja.storage.not_a_file``.
    """
    with open_source(source, allow_special=allow_special) as handle:
        data = read_bounded(handle, max_size, "the document")
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    check_depth(data, max_depth)
    return loads(data, max_size=None)


def _document(data: Any, max_size: int | None, max_depth: int | None, indent: int | None) -> str:
    """`data` as JSON text, refused when the readers would refuse it with these limits."""
    text = dumps(data, indent=indent)
    size = len(text.encode("utf-8")) + 1  # and the line end
    if max_size is not None and size > max_size:
        raise _too_large("the document", size, max_size)
    check_depth(text, max_depth)
    return text


def write_json(
    path: PathLike,
    records: Iterable[Record],
    *,
    converter: cattrs.Converter | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> None:
    """Save records as one JSON array, atomically.

    A document `read_json_file` would refuse with the same `max_size` (the default
    by default) is not written: `ValidationError` with ``kotakerja.storage.too_large``
    is raised and `path` is left as it was. Save a larger register as JSON Lines.
    """
    data = [to_dict(r, converter=converter) for r in records]
    text = _document(data, max_size, DEFAULT_MAX_DEPTH, 2)
    atomic_write(path, (text, "\n"))
    clean_temporary(path)


# JSON Lines -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class LineResult:
    """One line of a JSON Lines file: the record, or the problems that line has."""

    line: int
    record: Record | None = None
    error: ValidationError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_record(
    raw: str | bytes, converter: cattrs.Converter | None, max_depth: int | None
) -> Record:
    """One record from one JSON document (already within the size limit)."""
    check_depth(raw, max_depth)
    record: Record = from_dict(Record, loads(raw, max_size=None), converter=converter)
    return record


def bounded_lines(
    handle: IO[bytes],
    max_size: int | None,
    *,
    skip_long: bool = False,
    max_total: int | None = None,
) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` of a binary stream; the line is None when it is over `max_size`.

    A line may have `max_size` bytes besides its line end (``\n`` or ``\r\n``); at
    most that much (plus the line end) is held at once. After a line over the limit
    nothing more is read, since what follows it cannot be trusted to be bounded either
    (``/dev/zero`` has no line end at all); with `skip_long`, the rest of that line
    is read past, a piece at a time, and reading goes on with the next line. More
    than `max_total` bytes in all raise `ValidationError`
    (``kotakerja.storage.too_large``).
    """
    number = 0
    total = 0
    piece = -1 if max_size is None else max_size + 2
    while True:
        raw = handle.readline(piece)
        if not raw:
            return
        number += 1
        total += len(raw)
        too_long = False
        if max_size is not None and len(raw) > max_size:
            body = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1] if raw.endswith(b"\n") else raw
            too_long = len(body) > max_size or not raw.endswith(b"\n")
        if too_long and skip_long:
            rest = raw
            while rest and not rest.endswith(b"\n"):
                rest = handle.readline(piece)
                total += len(rest)
                if max_total is not None and total > max_total:
                    break
        if max_total is not None and total > max_total:
            raise _too_large("the input", f"more than {max_total}", max_total)
        if not too_long:
            yield number, raw
            continue
        yield number, None
        if not skip_long:
            return


def iter_jsonl(
    source: Readable | Iterable[bytes] | Iterable[str],
    *,
    converter: cattrs.Converter | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    max_problems: int | None = DEFAULT_MAX_PROBLEMS,
    allow_special: bool = False,
) -> Iterator[LineResult]:
    """Read a JSON Lines file one line at a time, validating each record as it comes.

    `source` is a path, a binary stream (``sys.stdin.buffer``) or an iterable of
    lines. Memory stays proportional to the longest line, which may have at most
    `max_size` bytes. Blank lines are skipped; every other line yields a
    `LineResult` with its 1-based line number. A record whose id an earlier line
    already used is a problem of its line (``kotakerja.register.duplicate_id``,
    naming the first line). After `max_problems` problems a last result with the
    code ``kotakerja.storage.too_many_problems`` says that more were cut, and
    reading stops; so it does after a line over `max_size`.
    """
    problems = CappedProblems(max_problems)
    seen: dict[str, int] = {}
    for number, raw, unterminated in _numbered_lines(source, max_size, allow_special):
        if raw is None:
            error = _too_large(f"line {number}", f"more than {max_size}", max_size or 0)
            kept = _keep(problems, error)
            if kept is not None:
                yield LineResult(line=number, error=kept)
            if problems.cut:
                yield LineResult(
                    line=number, error=ValidationError([problems.notice(f"line {number}")])
                )
            return
        stripped = raw.strip()
        if not stripped:
            continue
        if number == 1 and isinstance(stripped, bytes) and stripped.startswith(b"\xef\xbb\xbf"):
            stripped = stripped[3:]
        try:
            record = parse_record(stripped, converter, DEFAULT_MAX_DEPTH)
        except ValidationError as e:
            if unterminated and _is_torn(stripped, e):
                return
            error = e
        else:
            first = seen.setdefault(record.id, number)
            if first == number:
                yield LineResult(line=number, record=record)
                continue
            error = ValidationError.single(
                "id", DUPLICATE_ID, f"id {record.id!r} is already used on line {first}"
            )
        kept = _keep(problems, error)
        if kept is not None:
            yield LineResult(line=number, error=kept)
        if problems.cut:
            notice = problems.notice(f"line {number}")
            yield LineResult(line=number, error=ValidationError([notice]))
            return


def _keep(problems: CappedProblems, error: ValidationError) -> ValidationError | None:
    before = len(problems.items)
    problems.add(error.errors)
    kept = problems.items[before:]
    return ValidationError(kept) if kept else None


def _numbered_lines(
    source: Readable | Iterable[bytes] | Iterable[str], max_size: int | None, allow_special: bool
) -> Iterator[tuple[int, bytes | str | None, bool]]:
    """``(number, line, unterminated)``; the last flags a file's last line with no line end."""
    if isinstance(source, (str, os.PathLike)) or hasattr(source, "readline"):
        with open_source(source, allow_special=allow_special) as handle:  # type: ignore[arg-type]
            for number, raw in bounded_lines(handle, max_size):
                yield number, raw, raw is not None and not raw.endswith(b"\n")
        return
    lines: Iterable[bytes | str] = source
    for count, item in enumerate(lines, start=1):
        size = len(item.encode("utf-8", "surrogatepass") if isinstance(item, str) else item)
        if max_size is not None and size > max_size + 2 and len(item.rstrip()) > max_size:
            yield count, None, False
            return
        yield count, item, False


_WRITTEN_START = b'{"type":"'


def _is_torn(tail: bytes | str, error: ValidationError | None = None) -> bool:
    """Whether a last line with no line end is an append cut short (a kill mid-write).

    Such a line starts as every line `append_jsonl` writes and is JSON cut off; it
    was never saved, so readers skip it and the next append removes it.
    """
    raw = tail.encode("utf-8", "surrogatepass") if isinstance(tail, str) else tail
    if not raw.startswith(_WRITTEN_START) or b"\n" in raw:
        return False
    if error is None:
        try:
            loads(raw, max_size=None)
        except ValidationError as e:
            error = e
        else:
            return False
    return error.codes == ("kotakerja.json.invalid",)


def _line(record: Record, converter: cattrs.Converter | None, max_size: int | None) -> bytes:
    """A record as one JSON Lines line, refused when a reader would refuse it."""
    line = dumps(to_dict(record, converter=converter)).encode("utf-8")
    if max_size is not None and len(line) > max_size:
        raise _too_large(f"the line of {record.TYPE} {record.id}", len(line), max_size)
    check_depth(line)
    return line + b"\n"


# Atomic writes and locks ----------------------------------------------------------------


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: PathLike, chunks: Iterable[str]) -> None:
    """Write text to `path` so that a crash leaves either the old file or the new one.

    The text goes to a hidden temporary file beside `path` (``.<name>.<random>.tmp``),
    is flushed to disk, and then replaces `path` in one rename, after which the folder
    is flushed too. A file that existed keeps its permission bits; a new one gets
    those the umask allows, as any file the user creates. If writing fails (or
    `chunks` raises) the temporary file is removed and `path` is left as it was. An
    `OSError` names `path`, never the temporary file.
    """
    target = Path(path)
    directory = target.parent
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    try:
        existing: int | None = os.stat(target).st_mode
    except FileNotFoundError:
        existing = None
    except OSError as e:
        raise _about(e, path, directory) from None
    tmp = directory / f".{target.name[:200]}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, 0o666)  # the umask takes its part, as for any new file
    except OSError as e:
        raise _about(e, path, directory) from None
    try:
        if existing is not None and stat.S_ISREG(existing) and hasattr(os, "fchmod"):
            os.fchmod(fd, stat.S_IMODE(existing))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
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


@contextlib.contextmanager
def _locked(path: PathLike) -> Iterator[None]:
    """Hold the advisory lock of an existing file while it is replaced (no-op without one)."""
    fd = -1
    if _fcntl is not None:
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                fd = -1
    try:
        if fd >= 0:
            _fcntl.flock(fd, _fcntl.LOCK_EX)
        yield
    finally:
        if fd >= 0:
            os.close(fd)  # closing releases the lock


def write_jsonl(
    path: PathLike,
    records: Iterable[Record],
    *,
    converter: cattrs.Converter | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> None:
    """Save records as JSON Lines, atomically, holding the file's lock against appenders.

    A record whose line `iter_jsonl` would refuse with the same `max_size` stops the
    save with ``kotakerja.storage.too_large`` and leaves `path` as it was.
    """
    with _locked(path):
        atomic_write(path, (_line(r, converter, max_size).decode("utf-8") for r in records))
    clean_temporary(path)


def append_jsonl(
    path: PathLike,
    record: Record,
    *,
    converter: cattrs.Converter | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> None:
    """Append one record as one whole line, under the file's advisory lock.

    Appenders in several processes take turns (``fcntl.flock``), so lines never
    interleave and no blank line appears; a save that replaces the file takes the
    same lock, and an appender that finds the file replaced appends to the new one.
    A file whose last line has no line end (as some editors save it) gets one first.
    Anything but a record is refused with `TypeError`; a line over `max_size` with
    ``kotakerja.storage.too_large``.
    """
    if not isinstance(record, Record):
        raise TypeError(f"append_jsonl writes records, not {type(record).__name__}")
    line = _line(record, converter, max_size)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    while True:
        fd = os.open(path, flags, 0o666)
        try:
            if _fcntl is not None:
                _fcntl.flock(fd, _fcntl.LOCK_EX)
                if os.fstat(fd).st_ino != _inode(path):
                    continue  # replaced by a save while waiting: append to the new file
            size = os.fstat(fd).st_size
            data = line
            if size:
                tail = _unterminated_tail(fd, size, max_size or DEFAULT_MAX_SIZE)
                if tail and _is_torn(tail):
                    os.ftruncate(fd, size - len(tail))  # an append killed mid-write
                elif tail is None or tail:
                    data = b"\n" + line
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            if not size:
                _fsync_dir(Path(path).parent)
            return
        finally:
            os.close(fd)


def _unterminated_tail(fd: int, size: int, limit: int, chunk: int = 1 << 16) -> bytes | None:
    """The bytes after the file's last line end (empty when it ends in one); None over `limit`."""
    os.lseek(fd, size - 1, os.SEEK_SET)
    if os.read(fd, 1) == b"\n":
        return b""
    tail = b""
    end = size
    while end > 0:
        start = max(0, end - chunk)
        os.lseek(fd, start, os.SEEK_SET)
        block = os.read(fd, end - start)
        cut = block.rfind(b"\n")
        if cut >= 0:
            return block[cut + 1 :] + tail
        tail = block + tail
        if len(tail) > limit:
            return None
        end = start
    return tail


def _inode(path: PathLike) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


# Folders --------------------------------------------------------------------------------

_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
)
_LONGEST = 200


def file_name_for(record_id: str) -> str:
    """The file name of a record in a folder: its id, escaped, then ``.json``.

    Every character outside ``a-z 0-9 - _ .`` is written as ``%xx`` (lowercase hex of its
    UTF-8 bytes), so ``Mou:1``, ``mou:1`` and ``mou_1`` get three names that differ on
    every file system, including those that ignore case or normalise Unicode. A
    leading or trailing dot and Windows device names are escaped too. A name longer
    than 200 characters is cut and ends in the SHA-256 of the id instead.

    >>> file_name_for("mou:1"), file_name_for("Mou_1")
    ('mou%3a1.json', '%4dou_1.json')
    """
    escaped = "".join(
        c if c in _SAFE else "".join(f"%{b:02x}" for b in c.encode("utf-8", "surrogatepass"))
        for c in record_id
    )
    if escaped.startswith("."):
        escaped = "%2e" + escaped[1:]
    if escaped.endswith("."):
        escaped = escaped[:-1] + "%2e"
    if escaped.split(".", 1)[0] in _RESERVED:
        escaped = "".join(f"%{b:02x}" for b in escaped[0].encode()) + escaped[1:]
    if len(escaped) > _LONGEST:
        digest = hashlib.sha256(record_id.encode("utf-8", "surrogatepass")).hexdigest()
        escaped = escaped[: _LONGEST - 65] + "~" + digest
    return escaped + ".json"


def _legacy_file_name(record_id: str) -> str:
    """The name earlier versions gave a record's file (``:`` written as ``_``)."""
    return record_id.replace(":", "_") + ".json"


def write_folder(
    directory: PathLike,
    records: Iterable[Record],
    *,
    converter: cattrs.Converter | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> None:
    """Save each record as ``<escaped id>.json`` in `directory`, each file written atomically.

    Before anything is written every record gets its file name (`file_name_for`); two
    records that would share one raise `ValidationError` with
    ``kotakerja.storage.name_clash``, and a file `read_folder` would refuse with the
    same `max_size` raises ``kotakerja.storage.too_large``: nothing is written then.
    Files of records no longer present (under today's names or earlier versions')
    are removed after all new files are in place; other files, JSON or not, are
    left alone, and so are temporary files of a save in progress. A file in the
    folder's place raises `NotADirectoryError`.
    """
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    texts: dict[str, tuple[str, str]] = {}
    for record in records:
        name = file_name_for(record.id)
        if name in texts:
            raise ValidationError.single(
                f"[{record.id}].id",
                NAME_CLASH,
                f"ids {texts[name][0]!r} and {record.id!r} would both be saved as {name}",
            )
        texts[name] = (
            record.id,
            _document(to_dict(record, converter=converter), max_size, DEFAULT_MAX_DEPTH, 2),
        )
    folder.mkdir(parents=True, exist_ok=True)
    for name, (_, text) in texts.items():
        atomic_write(folder / name, (text, "\n"))
    for old in folder.glob("*.json"):
        if old.name not in texts and _is_record_file(old):
            old.unlink()
    clean_temporary(folder, pattern="*.json")


def clean_temporary(
    path: PathLike, *, pattern: str | None = None, older_than: float = 600.0
) -> None:
    """Remove the temporary files that saves of `path` killed long ago left behind.

    With `pattern`, `path` is a folder and the saves are of its files matching the
    pattern (``"*.json"``). Readers never read these files; one younger than
    `older_than` seconds may belong to a save in progress and stays.
    """
    target = Path(path)
    folder, name = (target, pattern) if pattern is not None else (target.parent, None)
    if name is None:
        name = glob.escape(target.name[:200])
    cutoff = time.time() - older_than
    for tmp in folder.glob(f".{name}.*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                tmp.unlink()


def _is_record_file(path: Path) -> bool:
    """True when `path` holds one record document of a known type under a name a save gives."""
    from ..records._base import record_types

    try:
        data = read_json_file(path)
    except (OSError, ValidationError):
        return False
    return (
        type(data) is dict
        and data.get("type") in record_types()
        and type(data.get("schema_version")) is str
        and type(data.get("id")) is str
        and path.name in (file_name_for(data["id"]), _legacy_file_name(data["id"]))
    )


def read_folder(
    directory: PathLike,
    *,
    converter: cattrs.Converter | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    max_problems: int | None = DEFAULT_MAX_PROBLEMS,
) -> tuple[list[Record], list[ErrorDetail]]:
    """Read every ``*.json`` file of a folder; problems carry the file name in their path.

    The id inside a file is the record's id, whatever the file's name (folders saved
    by earlier versions load as they are). Hidden files (a leading dot, such as the
    temporary files of an interrupted save) are skipped; a file that is not a
    regular file is a problem (``kotakerja.storage.not_a_file``) and is not opened; a
    file over `max_size` bytes is one too. Two files holding one id are
    ``kotakerja.register.duplicate_id``, naming both files. After `max_problems`
    problems reading stops and the last problem says that more were cut.
    A missing folder raises `FileNotFoundError`, a file in its place `NotADirectoryError`.
    """
    folder = Path(directory)
    if not folder.is_dir():
        if folder.exists():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(directory))
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(directory))
    records: list[Record] = []
    problems = CappedProblems(max_problems)
    seen: dict[str, str] = {}
    for file in sorted(folder.glob("*.json")):
        if file.name.startswith(".") or file.is_dir():
            continue
        try:
            record = from_dict(Record, read_json_file(file, max_size=max_size), converter=converter)
        except ValidationError as e:
            errors: tuple[ErrorDetail, ...] = e.errors
        else:
            first = seen.setdefault(record.id, file.name)
            if first == file.name:
                records.append(record)
                continue
            errors = (ErrorDetail("id", DUPLICATE_ID, f"id {record.id!r} is also in {first}"),)
        details = (
            ErrorDetail(f"[{file.name}]" + ("." + x.path if x.path else ""), x.code, x.message)
            for x in errors
        )
        if not problems.add(details):
            problems.items.append(problems.notice(file.name))
            break
    return records, problems.items
