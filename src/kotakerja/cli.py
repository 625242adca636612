"""The ``kotakerja`` command: a thin layer over the public API."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from ._errors import ErrorDetail, KotakerjaError, ValidationError
from .records._base import Record, record_types
from .register._locate import line_of, path_lines
from .register._storage import iter_jsonl, read_json_file
from .serialization import from_dict, json_schema, to_json
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
    name = _type_name(args.type)
    if args.type.casefold() == "all":
        cls: type = Record
    elif name is not None:
        cls = types[name]
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
    from .report import build_report, parse_within, render_report
    from .values._dates import PartialDate

    try:
        on = PartialDate.parse(args.on) if args.on else None
        within = parse_within(args.within) if args.within else None
        regions = [_region_code(r) for r in args.region]
        countries = [_country_code(c) for c in args.country]
    except ValidationError as e:
        print(f"kotakerja: {e.errors[0].message}", file=sys.stderr)
        return 2
    types = [_type_name(t) for t in args.type]
    if None in types:
        print(f"kotakerja: --type: unknown record type in {args.type}", file=sys.stderr)
        return 2
    try:
        # Like ics and convert, a file may point to records kept elsewhere (a table of
        # one record type, say); ids must still be unique.
        register = _load(args.path, check_references=False)
    except _Unusable as e:
        print(f"kotakerja: {e}", file=sys.stderr)
        return 2
    except (ValidationError, OSError) as e:
        print(f"kotakerja: {args.path}: cannot read: {e}", file=sys.stderr)
        return 2
    target = out
    if args.output:
        try:
            target = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as e:
            print(f"kotakerja: {args.output}: cannot write: {e.strerror}", file=sys.stderr)
            return 2
    try:
        options = {
            "on": on,
            "lang": args.lang,
            "within": within,
            "regions": regions,
            "countries": countries,
            "types": [t for t in types if t is not None],
        }
        if args.format == "table" and target.isatty():
            _rich_report(build_report(register, **options), target)
        else:
            target.write(render_report(register, format=args.format, **options))
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


def _load(
    path: str | None,
    kind: str | None = None,
    *,
    check_references: bool = True,
    option: str | None = None,
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
    path: str | None, kind: str | None = None, option: str | None = None
) -> Register | int:
    """The records at `path`, or the exit code after printing why they cannot be had:
    1 for invalid records (every problem listed), 2 for a file that cannot be read.

    References to records outside the file are allowed: converting or exporting part
    of a register is common."""
    try:
        return _load(path, kind, check_references=False, option=option)
    except ValidationError as e:
        for err in e.errors:
            print(f"kotakerja: {path}: {err}", file=sys.stderr)
        return 1
    except (_Unusable, OSError) as e:
        print(f"kotakerja: {e}", file=sys.stderr)
        return 2


def _ics(args: argparse.Namespace, out: TextIO) -> int:
    from .calendar import to_ical

    register = _load_or_exit_code(args.path)
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


def _import_sheet(args: argparse.Namespace, out: TextIO) -> int:
    from .register import Register
    from .sheets import read_sheet

    try:
        result = read_sheet(args.file, args.mapping)
    except (ValidationError, OSError) as e:
        for line in str(e).splitlines():
            print(line, file=sys.stderr)
        return 2
    except KotakerjaError as e:
        print(f"kotakerja import-sheet: {e}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(str(problem).encode("utf-8", "backslashreplace").decode("utf-8"), file=out)
    rows = len(result.records)
    if args.dry_run:
        print(
            f"{rows} rows valid, {len(result.rejected)} rejected (dry run: nothing written)",
            file=sys.stderr,
        )
        return 1 if result.problems else 0
    if result.problems and not args.skip_invalid:
        print(
            f"nothing imported: {len(result.rejected)} of {rows + len(result.rejected)} rows "
            "have problems (fix them, or use --skip-invalid)",
            file=sys.stderr,
        )
        return 1
    register = Register(result.records)
    target = Path(args.output) if args.output else None
    if target is None:
        for record in register:
            print(to_json(record), file=out)
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
        print(f"{len(result.rejected)} rejected rows written to {rejects}", file=sys.stderr)
    print(f"{rows} records imported to {args.output or 'standard output'}", file=sys.stderr)
    return 1 if result.problems else 0


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
    report.add_argument(
        "--within", help="window for expiring documents: 30d, 6w, 6m, 1y (default: 90d)"
    )
    report.add_argument(
        "--format",
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
    report.set_defaults(func=_report)

    validate = sub.add_parser(
        "validate",
        help="check JSON, JSON Lines or CSV files (a folder: its .json files); "
        "print every problem with its line",
    )
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="a file, or a folder of JSON files"
    )
    validate.add_argument(
        "--format", choices=("json", "jsonl", "csv"), help="override the file type"
    )
    validate.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    validate.set_defaults(func=_validate)

    convert = sub.add_parser("convert", help="convert records between JSON, JSON Lines and CSV")
    convert.add_argument("source")
    convert.add_argument("target")
    convert.add_argument("--from", dest="source_format", choices=("json", "jsonl", "csv"))
    convert.add_argument("--to", dest="target_format", choices=("json", "jsonl", "csv"))
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
    ics.add_argument(
        "--no-follow-ups", action="store_true", help="leave out the to-dos of follow-ups"
    )
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
