"""Small value types that know nothing of records: money, dates, places, people, trade.

Other packages of kotakerja import from here, never the private modules' own
underscore names. Users import from ``kotakerja``.
"""

from __future__ import annotations

from .._errors import ValidationError
from .._zones import canonical_zones, zone_problem
from ._dates import _TWO_DIGITS as TWO_DIGITS
from ._dates import PartialDate
from ._money import Money, minor_units
from ._places import _CACHE as REGION_CACHE
from ._places import Country, Region, all_regions
from ._places import _pycountry as pycountry_module
from ._trade import HsCode

__all__ = [
    "REGION_CACHE",
    "TWO_DIGITS",
    "Country",
    "HsCode",
    "Money",
    "PartialDate",
    "Region",
    "all_regions",
    "minor_units",
    "canonical_zones",
    "check_zone_name",
    "pycountry_module",
    "zone_problem",
]


def check_zone_name(name: object, path: str = "") -> str:
    """`name` itself when it is a canonical IANA zone name, else a `ValidationError`.

    Host-dependent names (``localtime``, ``posix/...``, ``right/...``, ``Factory``)
    are refused; a near miss gets a hint (``Asia/Jakarat``: did you mean
    ``Asia/Jakarta``?). Code: ``kotakerja.time_zone.unknown``.

    >>> check_zone_name("Asia/Jakarta")
    'Asia/Jakarta'
    """
    problem = zone_problem(name)
    if problem is None and isinstance(name, str):
        return name
    raise ValidationError.single(path, "kotakerja.time_zone.unknown", problem or "")
