"""Hypothesis strategies for every public kotakerja type, for testing code that uses them.

>>> from kotakerja.testing import from_type
>>> from kotakerja import Money
>>> strategy = from_type(Money)  # a SearchStrategy of valid Money values

Requires hypothesis (installed with the ``test`` extra). Strategies produce valid
instances only; every generated record round-trips through JSON exactly.
"""

from __future__ import annotations

from ._core import (
    aware_datetimes,
    decimals_for,
    extensions,
    from_type,
    partial_dates,
    periods,
    record_ids,
    register_strategy,
    reported_dates,
    texts,
)
from ._shipments import export_shipments

__all__ = [
    "aware_datetimes",
    "decimals_for",
    "export_shipments",
    "extensions",
    "from_type",
    "partial_dates",
    "periods",
    "record_ids",
    "register_strategy",
    "reported_dates",
    "texts",
]
