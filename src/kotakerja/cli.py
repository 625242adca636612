"""The ``kotakerja`` command: a thin layer over the public API."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from . import __version__
from ._errors import ValidationError
from .records._base import Record, record_types
from .serialization import json_schema
from .values._places import find_regions

__all__ = ["main"]


def _regions_search(args: argparse.Namespace, out: TextIO) -> int:
    try:
        found = find_regions(" ".join(args.name))
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
    search.add_argument("name", nargs="+", help="e.g. Solo, 'Kota Kediri', 33.72")
    search.set_defaults(func=_regions_search)

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
