"""The bundled examples: the real cases kotakerja was founded on, as records."""

from __future__ import annotations

import functools

from ..records._base import Record
from . import _agreements, _meetings, _shipments

__all__ = ["example_records"]


@functools.cache
def example_records() -> tuple[Record, ...]:
    """Every bundled example record, agreements first, then meetings and shipments."""
    return (*_agreements.build(), *_meetings.build(), *_shipments.build())
