"""Bundled example records: shipments from the seed cases."""

from __future__ import annotations

from ..records._base import Record


def build() -> list[Record]:
    """The shipments examples."""
    return []
