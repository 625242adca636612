"""The rows derived from a record: what the store's queries look up by index."""

from __future__ import annotations

from typing import Any

import pendulum

from ..records._agreements import Document
from ..records._base import Record, Ref, record_types
from ..records._meetings import Meeting
from ..register._walk import walk
from ..serialization import from_dict, migrate
from ..serialization._json import loads
from ..values._dates import PartialDate
from ..values._places import Country, Region

__all__ = ["WIDE_END", "Derived", "decode", "derive"]

WIDE_END = 400
"""Days between the first and the last possible end above which an end is "wide".

Queries look ends up by their first day within a window widened by this much;
the few wider ends (``end_wide``) are looked up apart.
"""

Derived = dict[str, list[dict[str, Any]]]
"""Rows for each derived table, by table name, without the owning ``doc`` column."""


def _day(date: Any) -> int:
    return int(date.toordinal())


def _first(date: PartialDate | None) -> int | None:
    return None if date is None else _day(date.earliest())


def _last(date: PartialDate | None) -> int | None:
    return None if date is None else _day(date.latest())


def _precision(date: PartialDate | None) -> str | None:
    return None if date is None else date.precision.value


def derive(record: Record) -> Derived:
    """Every derived row of `record`: references, regions, countries, terms, follow-ups."""
    refs: list[dict[str, Any]] = []
    region_codes: dict[str, str] = {}
    country_codes: dict[str, None] = {}
    for path, value in walk(record):
        if isinstance(value, Ref):
            role = path.split(".", 1)[0].split("[", 1)[0]
            refs.append({"path": path, "role": role, "to_type": value.type, "to_id": value.id})
        elif isinstance(value, Region):
            region_codes[value.code] = value.province_code
        elif isinstance(value, Country):
            country_codes[value.code] = None
    rows: Derived = {
        "doc_references": refs,
        "doc_regions": [{"code": c, "province_code": p} for c, p in region_codes.items()],
        "doc_countries": [{"code": c} for c in country_codes],
        "doc_terms": [],
        "doc_follow_ups": [],
    }
    if isinstance(record, Document):
        ends = record.possible_end()
        if ends is not None and record.renews_automatically():
            ends = (ends[0], pendulum.Date(9999, 12, 31))  # the end moves on with each renewal
        start = record.effective_on()
        signed = record.signed_on()
        term_end = record.term.end if record.term is not None else None
        rows["doc_terms"].append(
            {
                "scheme": record.scheme.value,
                "start_day": _first(start),
                "start_precision": _precision(start),
                "signed_first": _first(signed),
                "signed_last": _last(signed),
                "end_first": None if ends is None else _day(ends[0]),
                "end_last": None if ends is None else _day(ends[1]),
                "end_wide": ends is not None and _day(ends[1]) - _day(ends[0]) > WIDE_END,
                "end_precision": _precision(term_end),
                "terminated_day": (
                    None if record.termination is None else _first(record.termination.date)
                ),
            }
        )
    elif isinstance(record, Meeting):
        rows["doc_follow_ups"] = [
            {
                "position": i,
                "status": f.status.value,
                "due_first": _first(f.due),
                "due_last": _last(f.due),
                "due_precision": _precision(f.due),
                "closed_day": _first(f.closed_on),
            }
            for i, f in enumerate(record.follow_ups)
        ]
    return rows


def decode(body: Any) -> Record:
    """The record a stored body holds, upgraded first when written under an older schema.

    Records written by an older kotakerja are migrated as they are read, as files are.
    """
    if isinstance(body, (str, bytes)):
        body = loads(body, max_size=None)
    name = body.get("type") if isinstance(body, dict) else None
    cls = record_types().get(name) if isinstance(name, str) else None
    if cls is not None and body.get("schema_version") != cls.SCHEMA_VERSION:
        body = migrate(body)
    return from_dict(Record, body)
