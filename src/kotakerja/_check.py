"""Findings: questionable but allowed things in a record, under a configurable policy."""

from __future__ import annotations

from ._errors import Finding
from ._policy import Policy
from .records import Record

__all__ = ["Policy", "check"]


def check(record: Record, policy: Policy | None = None) -> tuple[Finding, ...]:
    """Findings for `record`: allowed but questionable things, worst first.

    Records that have nothing questionable return an empty tuple. Each record type
    decides what to report in its ``findings(policy)`` method.
    """
    if not isinstance(record, Record):
        raise TypeError(
            f"check() takes a record, not {type(record).__name__}; "
            "for a register, check each of its records"
        )
    findings_of = getattr(record, "findings", None)
    if findings_of is None:
        return ()
    found: list[Finding] = list(findings_of(policy or Policy()))
    order = {"error": 0, "warning": 1, "info": 2}
    found.sort(key=lambda f: (order[f.severity.value], f.path, f.code))
    return tuple(found)
