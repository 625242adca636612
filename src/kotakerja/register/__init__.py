"""The register of records and its storage."""

from ._csv import columns_for, read_csv, write_csv
from ._register import Register
from ._storage import LineResult, append_jsonl, atomic_write, iter_jsonl

__all__ = [
    "LineResult",
    "Register",
    "append_jsonl",
    "atomic_write",
    "columns_for",
    "iter_jsonl",
    "read_csv",
    "write_csv",
]
