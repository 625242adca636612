"""Checked by mypy --strict: the analytics tables as a user sees them."""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

import kotakerja
from kotakerja import Record

records = list(kotakerja.examples())
assert_type(kotakerja.to_rows(records), dict[str, list[dict[str, Any]]])
assert_type(kotakerja.write_parquet(records, "tables"), dict[str, int])
assert_type(kotakerja.read_parquet("tables"), list[Record])
assert_type(kotakerja.from_arrow(kotakerja.to_arrow(records)), list[Record])
