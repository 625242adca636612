"""Bundled example records: agreements from the seed cases."""

from __future__ import annotations

from ..records._base import Record


def build() -> list[Record]:
    """The agreements examples."""
    return []
