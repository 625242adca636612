"""The policy that findings are judged by: limits that vary by region or office."""

from __future__ import annotations

import attrs

from ._model import check_fields, meta

__all__ = ["Policy"]


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
