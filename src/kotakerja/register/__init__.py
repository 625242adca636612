"""The register of records and its storage."""

from ._csv import columns_for, escape_cell, read_csv, unescape_cell, write_csv
from ._register import Place, Register, as_day, as_place, release_link_problems
from ._storage import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_PROBLEMS,
    DEFAULT_MAX_SIZE,
    LineResult,
    Readable,
    append_jsonl,
    atomic_write,
    bounded_lines,
    file_name_for,
    iter_jsonl,
    open_source,
    read_bounded,
    read_folder,
    read_json_file,
)

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_PROBLEMS",
    "DEFAULT_MAX_SIZE",
    "LineResult",
    "Place",
    "Register",
    "Readable",
    "append_jsonl",
    "as_day",
    "as_place",
    "atomic_write",
    "bounded_lines",
    "columns_for",
    "escape_cell",
    "file_name_for",
    "iter_jsonl",
    "open_source",
    "read_bounded",
    "read_csv",
    "read_folder",
    "read_json_file",
    "release_link_problems",
    "unescape_cell",
    "write_csv",
]
