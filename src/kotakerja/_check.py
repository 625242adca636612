"""Findings: questionable but allowed things in a record, under a configurable policy."""

from __future__ import annotations

import attrs

from ._errors import Finding
from ._model import check_fields, meta
from .records._base import Record

__all__ = ["Policy", "check"]


@attrs.frozen(kw_only=True)
class Policy:
    """Limits and expectations that vary by region or office; none of them is law.

    The defaults follow common practice: MoUs and public-service agreements for at
    most 5 years, infrastructure agreements for at most 25.
    """

    mou_max_years: int = attrs.field(default=5, metadata=meta(minimum=1))
    agreement_max_years: int = attrs.field(default=5, metadata=meta(minimum=1))
    infrastructure_max_years: int = attrs.field(default=25, metadata=meta(minimum=1))
    expiring_within_days: int = attrs.field(default=90, metadata=meta(minimum=0))
    acting_signatory_needs_consent: bool = True

    __attrs_post_init__ = check_fields


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
