"""Findings: questionable but allowed things in a record, under a configurable policy."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._errors import Finding
from ._policy import Policy
from .records import Record

if TYPE_CHECKING:
    from .register import Register

__all__ = ["Policy", "check"]

_ORDER = {"error": 0, "warning": 1, "info": 2}


def check(record: Record | Register, policy: Policy | None = None) -> tuple[Finding, ...]:
    """Findings for `record`: allowed but questionable things, worst first.

    Records that have nothing questionable return an empty tuple. Each record type
    decides what to report in its ``findings(policy)`` method.

    Given a `Register`, the findings of all its records, each path starting with
    the record's id (``[mou-x].approvals``), and those across documents
    (`Register.lineage_findings`: an agreement outside the period or the parties
    of the MoU it implements); worst first, then in the register's order.
    """
    if isinstance(record, Record):
        found = list(_findings(record, policy or Policy()))
        found.sort(key=lambda f: (_ORDER[f.severity.value], f.path, f.code))
        return tuple(found)
    from .register import Register

    if not isinstance(record, Register):
        raise TypeError(
            f"check() takes a record or a register, not {type(record).__name__}; "
            "for a store, check store.to_register()"
        )
    rules = policy or Policy()
    position: dict[str, int] = {}
    ranked: list[tuple[int, int, str, str, Finding]] = []

    def rank(at: int, f: Finding) -> None:
        ranked.append((_ORDER[f.severity.value], at, f.path, f.code, f))

    for at, each in enumerate(record):
        position[each.id] = at
        for f in _findings(each, rules):
            rank(at, attrs.evolve(f, path=_within(each.id, f.path)))
    for f in record.lineage_findings():
        rank(position.get(f.path[1 : f.path.find("]")], len(position)), f)
    ranked.sort(key=lambda item: item[:4])
    return tuple(item[4] for item in ranked)


def _findings(record: Record, policy: Policy) -> list[Finding]:
    findings_of = getattr(record, "findings", None)
    return [] if findings_of is None else list(findings_of(policy))


def _within(record_id: str, path: str) -> str:
    """`path` inside the record `record_id`, as register problems write it."""
    return f"[{record_id}]" + ("." + path if path and not path.startswith("[") else path)
