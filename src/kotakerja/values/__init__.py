"""Value types that know nothing of records: money, dates, places, trade codes."""

from ._dates import _TWO_DIGITS as TWO_DIGITS
from ._dates import PartialDate
from ._money import Money, minor_units
from ._places import Country, Region, all_regions
from ._places import _pycountry as load_pycountry
from ._trade import HsCode

__all__ = [
    "TWO_DIGITS",
    "Country",
    "HsCode",
    "Money",
    "PartialDate",
    "Region",
    "all_regions",
    "load_pycountry",
    "minor_units",
]
