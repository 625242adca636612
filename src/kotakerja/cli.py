"""The ``kotakerja`` command: a thin layer over the public API."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from ._cli_db import add_db_option, db_url
from ._errors import ErrorDetail, ValidationError
from .records._base import Record, record_types
from .register._locate import line_of, path_lines
from .register._storage import iter_jsonl, read_json_file
from .serialization import from_dict, json_schema
from .values._places import find_regions

if TYPE_CHECKING:
    from .register import Register

__all__ = ["main"]


def _regions_search(args: argparse.Namespace, out: TextIO) -> int:
    try:
        found = find_regions(" ".join(args.name))
        if not found and len(args.name) > 1:
            # "Solo Kediri": no region has both words, so each is a name of its own.
            found = tuple(dict.fromkeys(r for name in args.name for r in find_regions(name)))
    except ValidationError as e:
        for err in e.errors:
            print(f"kotakerja: {err.message}", file=sys.stderr)
        return 2
    if not found:
        print(f"no region matches {' '.join(args.name)!r}", file=sys.stderr)
        return 1
    width = max(len(r.name) for r in found)
    for r in found:
        province = "" if r.is_province else f"  ({r.province.name})"
        out.write(
            f"{r.code:<6} {r.name:<{width}}  {r.level.value:<22} {r.time_zone} "
            f"{r.tz_abbreviation}{province}\n"
        )
    return 0


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    types = record_types()
    if args.type == "all":
        cls: type = Record
    elif args.type in types:
        cls = types[args.type]
    else:
        known = ", ".join(sorted(types))
        print(f"kotakerja: unknown type {args.type!r}; known: {known}, all", file=sys.stderr)
        return 2
    out.write(json.dumps(json_schema(cls), ensure_ascii=False, indent=2) + "\n")
    return 0


class _Progress:
    """A one-line progress bar on a terminal's stderr; silent when piped."""

    def __init__(self, label: str, total: int, stream: TextIO) -> None:
        self.label = label
        self.total = max(total, 1)
        self.stream = stream
        self.enabled = stream.isatty() and total >= _PROGRESS_MIN_BYTES
        self.last = -1

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        percent = min(100, done * 100 // self.total)
        if percent != self.last:
            self.last = percent
            bar = "#" * (percent // 4)
            self.stream.write(f"\r{self.label} [{bar:<25}] {percent:3d}%")
            self.stream.flush()

    def clear(self) -> None:
        """Blank the bar's line, so that other output starts on a clean line; the next
        update draws the bar again."""
        if self.enabled and self.last >= 0:
            self.stream.write("\r" + " " * (len(self.label) + 35) + "\r")
            self.stream.flush()
            self.last = -1

    def close(self) -> None:
        self.clear()


_PROGRESS_MIN_BYTES = 4 * 1024 * 1024


def _print_error(
    out: TextIO, file: str, line: int, err: ErrorDetail, path: str | None = None
) -> None:
    where = (err.path if path is None else path) or "(record)"
    out.write(f"{file}:{line}: {where}: {err.message} [{err.code}]\n")


def _validate_jsonl(path: str, out: TextIO) -> tuple[int, int]:
    """Validate a JSON Lines file; return (records, errors)."""
    size = os.path.getsize(path)
    progress = _Progress(os.path.basename(path), size, sys.stderr)
    records = errors = 0
    done = 0
    with open(path, "rb") as handle:

        def lines() -> Iterator[bytes]:
            nonlocal done
            for raw in handle:
                done += len(raw)
                progress.update(done)
                yield raw

        for result in iter_jsonl(lines()):
            records += 1
            if result.error is not None:
                progress.clear()
                for err in result.error.errors:
                    errors += 1
                    _print_error(out, path, result.line, err)
                out.flush()
    progress.close()
    return records, errors


def _validate_json(path: str, out: TextIO) -> tuple[int, int]:
    """Validate a JSON file holding one record or an array of records."""
    try:
        data = read_json_file(path)
    except ValidationError as e:
        raise _Unusable(f"{path}: {e.errors[0].message}") from None
    items = data if isinstance(data, list) else [data]
    prefix_index = isinstance(data, list)
    lines: dict[str, int] | None = None
    errors = 0
    for i, item in enumerate(items):
        try:
            from_dict(Record, item)
        except ValidationError as e:
            if lines is None:
                lines = path_lines(Path(path).read_bytes().decode("utf-8-sig"))
            for err in e.errors:
                located = err.prefixed(i).path if prefix_index else err.path
                errors += 1
                _print_error(out, path, line_of(lines, located), err, located)
    return len(items), errors


def _validate_csv(path: str, out: TextIO) -> tuple[int, int]:
    """Validate a CSV table; the line is the spreadsheet row (header is row 1)."""
    from .register import read_csv

    try:
        records, problems = read_csv(path)
    except ValidationError as e:
        raise _Unusable(f"{path}: {e.errors[0].message}") from None
    for row, err in problems:
        _print_error(out, path, row, err)
    rows = len(records) + len({row for row, _ in problems})
    return rows, len(problems)


class _Unusable(Exception):
    """Input that cannot be read as records at all (exit code 2)."""


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    total_records = total_errors = 0
    unusable = False
    if not args.paths:
        total_records, total_errors, unusable = _validate_db_or_examples(args, out)
    for path, in_folder in _files_of(args.paths):
        try:
            if not os.path.isfile(path):
                raise _Unusable(f"{path}: no such file")
            kind = "json" if in_folder else _kind_of(path, args.format, "--format")
            if kind == "jsonl":
                n, bad = _validate_jsonl(path, out)
            elif kind == "json":
                n, bad = _validate_json(path, out)
            else:
                n, bad = _validate_csv(path, out)
        except _Unusable as e:
            print(f"kotakerja: {e}", file=sys.stderr)
            unusable = True
            continue
        except OSError as e:
            print(f"kotakerja: {path}: {e.strerror}", file=sys.stderr)
            unusable = True
            continue
        total_records += n
        total_errors += bad
    if not args.quiet:
        noun = "error" if total_errors == 1 else "errors"
        print(f"{total_records} records checked, {total_errors} {noun}", file=sys.stderr)
    if unusable:
        return 2
    return 1 if total_errors else 0


def _validate_db_or_examples(args: argparse.Namespace, out: TextIO) -> tuple[int, int, bool]:
    """With no file named: the records of ``--db`` (or ``$KOTAKERJA_DB``), else the examples."""
    from ._cli_db import validate_db
    from ._errors import KotakerjaError

    url = db_url(args)
    if url is None:
        from . import examples

        return len(examples()), 0, False
    try:
        records, errors = validate_db(url, out)
    except KotakerjaError as e:
        print(f"kotakerja: {e}", file=sys.stderr)
        return 0, 0, True
    return records, errors, False


def _files_of(paths: Sequence[str]) -> Iterator[tuple[str, bool]]:
    """Each path given, with a folder replaced by its ``*.json`` files (as `report` reads
    it); with whether the file was found in a folder."""
    for path in paths:
        if os.path.isdir(path):
            for file in sorted(Path(path).glob("*.json")):
                yield str(file), True
        else:
            yield path, False


def _kind_of(
    path: str, given: str | None, option: str | None = None, *, folders: bool = True
) -> str:
    """The file type of `path`: `given`, or what its name ends in; `option` is the command
    line option that gives the type, and `folders` whether a folder may be given instead."""
    if given:
        return given
    lower = path.lower()
    for ext, kind in (
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".json", "json"),
        (".csv", "csv"),
    ):
        if lower.endswith(ext):
            return kind
    use = "a .json, .jsonl, .ndjson or .csv file" + (", or a folder of .json files" * folders)
    if option:
        use = f"{use}, or give the type with {option}"
    raise _Unusable(f"{path}: unknown file type; use {use}")


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from .report import render_report
    from .values._dates import PartialDate

    try:
        on = PartialDate.parse(args.on) if args.on else None
    except ValidationError as e:
        print(f"kotakerja: --on: {e.errors[0].message}", file=sys.stderr)
        return 2
    try:
        # Like ics and convert, a file may point to records kept elsewhere (a table of
        # one record type, say); ids must still be unique.
        register = _load(args.path, check_references=False, db=db_url(args))
    except _Unusable as e:
        print(f"kotakerja: {e}", file=sys.stderr)
        return 2
    except (ValidationError, OSError) as e:
        print(f"kotakerja: {args.path}: cannot read: {e}", file=sys.stderr)
        return 2
    width = shutil.get_terminal_size().columns if out.isatty() else None
    out.write(render_report(register, on=on, lang=args.lang, width=width))
    return 0


def _load(
    path: str | None,
    kind: str | None = None,
    *,
    check_references: bool = True,
    option: str | None = None,
    db: str | None = None,
) -> Register:
    """The register at `path` (JSON Lines, JSON, CSV or a folder); the examples when None.

    `kind` overrides the file type the name suggests (`option` names the command
    line option that gives it). Without `check_references`, a file may point to
    records kept elsewhere (a table of one record type, say). A file that cannot
    be read as a whole raises `_Unusable`; invalid records raise `ValidationError`.
    """
    from . import examples
    from .register import Register
    from .register._csv import TABLE_CODES

    checked = check_references
    if path is None and db is not None:
        from ._cli_db import register_from_db
        from ._errors import KotakerjaError

        try:
            return register_from_db(db)
        except KotakerjaError as e:
            raise _Unusable(str(e)) from None
    if path is None:
        return examples()
    if os.path.isdir(path):
        return Register.load_folder(path, check_references=checked)
    kind = _kind_of(path, kind, option)
    if kind == "jsonl":
        return Register.load_jsonl(path, check_references=checked)
    if kind == "csv":
        try:
            return Register.load_csv(path, check_references=checked)
        except ValidationError as e:
            if e.errors[0].code in TABLE_CODES and not e.errors[0].path:
                raise _Unusable(f"{path}: {e.errors[0].message}") from None
            raise
    try:
        data = read_json_file(path)
    except ValidationError as e:
        raise _Unusable(f"{path}: {e.errors[0].message}") from None
    if not isinstance(data, list):
        return Register([from_dict(Record, data)], check_references=checked)
    records: list[Record] = []
    problems: list[ErrorDetail] = []
    for i, item in enumerate(data):
        try:
            records.append(from_dict(Record, item))
        except ValidationError as e:
            problems.extend(err.prefixed(i) for err in e.errors)
    if problems:
        raise ValidationError(problems)
    return Register(records, check_references=checked)


def _load_or_exit_code(
    path: str | None, kind: str | None = None, option: str | None = None, db: str | None = None
) -> Register | int:
    """The records at `path`, or the exit code after printing why they cannot be had:
    1 for invalid records (every problem listed), 2 for a file that cannot be read.

    References to records outside the file are allowed: converting or exporting part
    of a register is common."""
    try:
        return _load(path, kind, check_references=False, option=option, db=db)
    except ValidationError as e:
        for err in e.errors:
            print(f"kotakerja: {path}: {err}", file=sys.stderr)
        return 1
    except (_Unusable, OSError) as e:
        print(f"kotakerja: {e}", file=sys.stderr)
        return 2


def _ics(args: argparse.Namespace, out: TextIO) -> int:
    from .calendar import to_ical

    register = _load_or_exit_code(args.path, db=db_url(args))
    if isinstance(register, int):
        return register
    data = to_ical(register, locale=args.lang, partial=args.partial)
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
            print(f"kotakerja: {args.output}: cannot write: {e.strerror}", file=sys.stderr)
            return 2
    print(f"{entries} calendar entries written to {args.output or 'standard output'}",
          file=sys.stderr)  # fmt: skip
    return 0


def _convert(args: argparse.Namespace, out: TextIO) -> int:
    from .register import atomic_write
    from .serialization._json import dumps

    try:
        dst_kind = _kind_of(args.target, args.target_format, "--to", folders=False)
    except _Unusable as e:
        print(f"kotakerja: {e}", file=sys.stderr)
        return 2
    register = _load_or_exit_code(args.source, args.source_format, "--from")
    if isinstance(register, int):
        return register
    written = len(register)
    if dst_kind == "parquet":
        return _convert_to_parquet(register, args.target)
    if dst_kind == "csv":
        types = sorted({r.TYPE for r in register})
        if args.type is None and len(types) != 1:
            print(
                "kotakerja: a CSV table holds records of one type; choose one with --type "
                f"({', '.join(types) or 'no records'})",
                file=sys.stderr,
            )
            return 2
        try:
            cls = record_types()[args.type or types[0]]
        except KeyError:
            print(f"kotakerja: unknown type {args.type!r}", file=sys.stderr)
            return 2
    try:
        if dst_kind == "csv":
            written = register.save_csv(args.target, cls)
        elif dst_kind == "jsonl":
            register.save_jsonl(args.target)
        else:
            atomic_write(args.target, (dumps(register.to_list(), indent=2), "\n"))
    except OSError as e:
        print(f"kotakerja: {args.target}: cannot write: {e.strerror}", file=sys.stderr)
        return 2
    print(f"{written} records written to {args.target}", file=sys.stderr)
    return 0


def _convert_to_parquet(register: Register, target: str) -> int:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        print('kotakerja: Parquet needs pyarrow: pip install "kotakerja[arrow]"', file=sys.stderr)
        return 2
    from .tables import write_parquet

    if os.path.exists(target) and not os.path.isdir(target):
        print(f"kotakerja: {target}: not a folder; Parquet tables go into a folder",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        counts = write_parquet(register, target)
    except OSError as e:
        print(f"kotakerja: {target}: cannot write: {e.strerror}", file=sys.stderr)
        return 2
    print(f"{len(register)} records written to {target} ({len(counts)} tables)",
          file=sys.stderr)  # fmt: skip
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kotakerja",
        description="Records of Indonesian regional cooperation: MoUs, agreements, meetings, "
        "export shipments.",
    )
    parser.add_argument("--version", action="version", version=f"kotakerja {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    report.add_argument("path", nargs="?", help="JSON Lines, JSON, CSV or a folder of JSON files")
    report.add_argument("--lang", choices=("id", "en"), default="id")
    report.add_argument("--on", help="the date to report on (default: today), e.g. 2023-04-28")
    add_db_option(report)
    report.set_defaults(func=_report)

    validate = sub.add_parser(
        "validate",
        help="check JSON, JSON Lines or CSV files (a folder: its .json files); "
        "print every problem with its line",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a file, or a folder of JSON files (none: the records of --db)",
    )
    add_db_option(validate)
    validate.add_argument(
        "--format", choices=("json", "jsonl", "csv"), help="override the file type"
    )
    validate.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    validate.set_defaults(func=_validate)

    convert = sub.add_parser("convert", help="convert records between JSON, JSON Lines and CSV")
    convert.add_argument("source")
    convert.add_argument("target")
    convert.add_argument("--from", dest="source_format", choices=("json", "jsonl", "csv"))
    convert.add_argument(
        "--to",
        dest="target_format",
        choices=("json", "jsonl", "csv", "parquet"),
        help="parquet: TARGET is a folder, one .parquet file per table (needs pyarrow)",
    )
    convert.add_argument(
        "--type", help="the record type a CSV table holds (e.g. mou), when there are several"
    )
    convert.set_defaults(func=_convert)

    ics = sub.add_parser(
        "ics", help="write the meetings and events of a register as an iCalendar file"
    )
    ics.add_argument(
        "path", nargs="?", help="JSON Lines, JSON, CSV or a folder (default: the bundled examples)"
    )
    ics.add_argument("-o", "--output", help="the .ics file to write (default: standard output)")
    ics.add_argument("--lang", choices=("id", "en"), default="id", help="language of the texts")
    ics.add_argument(
        "--partial",
        choices=("skip", "span"),
        default="skip",
        help="dates known only to the month or year: leave out (skip) or span the whole period",
    )
    add_db_option(ics)
    ics.set_defaults(func=_ics)

    schema = sub.add_parser("schema", help="print the JSON Schema of a record type")
    schema.add_argument("type", help="a record type such as mou, meeting; or 'all'")
    schema.set_defaults(func=_schema)

    from ._cli_db import add_parser as add_db_parser

    add_db_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with `argv` (default: the process arguments); return the exit code."""
    parser = _parser()
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
