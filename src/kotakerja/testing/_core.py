"""The strategy registry and strategies for value types; records register their own."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import importlib
import types
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import pendulum
from hypothesis import strategies as st

from .._errors import ValidationError
from .._model import field_specs
from ..records._base import ID_PATTERN
from ..serialization import codec_for
from ..values._dates import DateQualifier, PartialDate, Period, ReportedDate, TimeOfDay
from ..values._money import Money, minor_units
from ..values._people import (
    ActingStatus,
    Organization,
    OrganizationKind,
    Person,
    Position,
    RoleClass,
)
from ..values._places import Country, ForeignLocality, LocalityLevel, Region
from ..values._rates import UNIT_CODES, Quantity, RatePeriod
from ..values._trade import HsCode

T = TypeVar("T")

_STRATEGIES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {}
_PLUGINS = (
    "kotakerja.testing._agreements",
    "kotakerja.testing._shipments",
    "kotakerja.testing._meetings",
)
_loaded = False

# Leaf values come from the codec registry (`_leaf`); the bounds below keep them to what
# realistic records hold.
_FIRST_DAY = dt.date(1990, 1, 1)
_LAST_DAY = dt.date(2040, 12, 31)

COUNTRIES = ("DE", "CN", "JP", "TW", "TH", "QA", "SG", "OM", "BN", "MY", "AU", "NL", "KR", "US")


def register_strategy(
    cls: type[T],
) -> Callable[[Callable[[], st.SearchStrategy[T]]], Callable[[], st.SearchStrategy[T]]]:
    """Register the strategy factory used by :func:`from_type` for `cls`."""

    def decorate(fn: Callable[[], st.SearchStrategy[T]]) -> Callable[[], st.SearchStrategy[T]]:
        _STRATEGIES[cls] = fn
        return fn

    return decorate


def _load_plugins() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for name in _PLUGINS:
            importlib.import_module(name)


def _leaf(t: type[T], **bounds: Any) -> st.SearchStrategy[T]:
    """Objects of a leaf type, from the JSON values its codec gives within `bounds`."""
    codec = codec_for(t)
    assert codec is not None, t
    strategy: st.SearchStrategy[T] = codec.strategy(**bounds)
    return strategy


def texts(min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    """Non-blank text with letters of several scripts."""
    return _leaf(str, min_size=min_size, max_size=max_size, readable=True)


def record_ids(prefix: str = "rec") -> st.SearchStrategy[str]:
    """Record ids matching the id pattern."""
    return st.from_regex(rf"\A{prefix}-[a-z0-9]{{1,12}}\Z").filter(
        lambda s: __import__("re").fullmatch(ID_PATTERN, s) is not None
    )


def partial_dates(
    min_year: int = _FIRST_DAY.year, max_year: int = _LAST_DAY.year
) -> st.SearchStrategy[PartialDate]:
    """Partial dates of every precision."""
    return _leaf(PartialDate, min_year=min_year, max_year=max_year)


@st.composite
def periods(draw: st.DrawFn, open_end: bool = True) -> Period:
    """Periods whose end is never before their start."""
    start = draw(partial_dates())
    if open_end and draw(st.booleans()):
        return Period(start=start)
    end = draw(partial_dates(min_year=start.year, max_year=start.year + 10))
    if end.before(start) is True:
        end = start
    return Period(start=start, end=end)


def aware_datetimes(zones: tuple[str, ...] | None = None) -> st.SearchStrategy[pendulum.DateTime]:
    """Aware pendulum date-times in named IANA zones, whole seconds or with microseconds.

    In `zones`, or in several zones of Indonesia and of its partners when not given.
    """
    return _leaf(
        pendulum.DateTime,
        zones=zones,
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2035, 12, 31),
        fixed_offsets=False,
    )


def decimals_for(currency: str, max_value: int = 10**12) -> st.SearchStrategy[Decimal]:
    """Non-negative decimals that fit a currency's minor units, trailing zeros included.

    Decimals are counted as written, so trailing zeros stay within the minor units
    (``1500.00`` is not a JPY amount).
    """
    units = minor_units(currency)
    return _leaf(Decimal, min_value=0, max_value=max_value, places=4 if units is None else units)


def extensions() -> st.SearchStrategy[dict[str, Any]]:
    """Extension mappings with namespaced keys and JSON values."""
    keys = st.from_regex(r"\A[a-z]{2,8}\.[a-z]{2,4}:[a-z_]{1,10}\Z")
    leaves = (
        st.none()
        | _leaf(bool)
        | _leaf(int, minimum=-(10**6), maximum=10**6)
        | _leaf(float)
        | texts(0, 10)
    )
    values = st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts(1, 5), inner, max_size=3),
        max_leaves=6,
    )
    return st.dictionaries(keys, values, max_size=2)


@register_strategy(Money)
def _money() -> st.SearchStrategy[Money]:
    return st.sampled_from(("IDR", "USD", "JPY", "OMR", "EUR", "QAR", "CNY")).flatmap(
        lambda c: decimals_for(c).map(lambda a: Money(amount=a, currency=c))
    )


@register_strategy(Region)
def _region() -> st.SearchStrategy[Region]:
    return _leaf(Region)


@register_strategy(Country)
def _country() -> st.SearchStrategy[Country]:
    return _leaf(Country, codes=COUNTRIES)


@register_strategy(ForeignLocality)
def _locality() -> st.SearchStrategy[ForeignLocality]:
    return st.sampled_from(
        (
            ("Shanghai", "CN", LocalityLevel.CITY, "Asia/Shanghai"),
            ("Berlin", "DE", LocalityLevel.STATE, "Europe/Berlin"),
            ("Osaka", "JP", LocalityLevel.PREFECTURE, "Asia/Tokyo"),
            ("Doha", "QA", LocalityLevel.CITY, "Asia/Qatar"),
        )
    ).map(
        lambda t: ForeignLocality(name=t[0], country=Country.get(t[1]), level=t[2], time_zone=t[3])
    )


@st.composite
def reported_dates(draw: st.DrawFn) -> ReportedDate:
    """Reported dates of every kind: plain, quarters, weeks, early/mid/late, about, open
    bounds, and full dates with a part of the day or a clock time (maybe approximate)."""
    kind = draw(st.sampled_from([None, *DateQualifier, TimeOfDay.MORNING]))
    day_date = draw(_leaf(pendulum.Date, min_value=_FIRST_DAY, max_value=_LAST_DAY))
    year, month, day = day_date.year, day_date.month, day_date.day
    if kind is DateQualifier.QUARTER:
        return ReportedDate(
            date=PartialDate(year=year), qualifier=kind, quarter=draw(st.integers(1, 4))
        )
    if kind is DateQualifier.WEEK:
        if draw(st.booleans()):  # an ISO week of the year
            weeks = pendulum.Date(year, 12, 28).isocalendar()[1]
            return ReportedDate(
                date=PartialDate(year=year), qualifier=kind, week=draw(st.integers(1, weeks))
            )
        weeks = 5 if calendar.monthrange(year, month)[1] >= 29 else 4
        return ReportedDate(
            date=PartialDate(year=year, month=month),
            qualifier=kind,
            week=draw(st.integers(1, weeks)),
        )
    if kind in (DateQualifier.EARLY, DateQualifier.MID, DateQualifier.LATE):
        date = draw(st.sampled_from((PartialDate(year=year), PartialDate(year=year, month=month))))
        return ReportedDate(date=date, qualifier=kind)
    if isinstance(kind, DateQualifier):
        return ReportedDate(date=draw(partial_dates()), qualifier=kind)
    full = PartialDate(year=year, month=month, day=day)
    if kind is None:
        return ReportedDate(date=draw(st.sampled_from((full, PartialDate(year=year)))))
    part = draw(st.none() | st.sampled_from(list(TimeOfDay)))
    if part is None or draw(st.booleans()):
        first, last = (0, 23) if part is None else part.hours
        hour, minute = draw(st.integers(first, last)), draw(st.integers(0, 59))
        return ReportedDate(
            date=full,
            time_of_day=part,
            time=f"{hour:02d}:{minute:02d}",
            time_approximate=draw(st.booleans()),
        )
    return ReportedDate(date=full, time_of_day=part)


@register_strategy(ReportedDate)
def _reported_date() -> st.SearchStrategy[ReportedDate]:
    return reported_dates()


@register_strategy(Quantity)
def _quantity() -> st.SearchStrategy[Quantity]:
    return st.builds(
        Quantity,
        amount=decimals_for("IDR", 10**6).filter(lambda d: d > 0),
        unit=st.sampled_from(sorted(UNIT_CODES)),
        per=st.none() | st.sampled_from(list(RatePeriod)),
    )


@register_strategy(HsCode)
def _hs_code() -> st.SearchStrategy[HsCode]:
    return _leaf(HsCode)


@register_strategy(PartialDate)
def _partial_date() -> st.SearchStrategy[PartialDate]:
    return partial_dates()


@register_strategy(Period)
def _period() -> st.SearchStrategy[Period]:
    return periods()


def _for_annotation(tp: Any, spec: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    if tp is str:
        pattern = spec.get("pattern")
        if pattern:
            return _leaf(str, pattern=pattern)
        max_size = min(int(spec.get("max_length") or 30), 30)
        return texts(max(int(spec.get("min_length") or 1), 1), max_size)
    if tp is int:
        lo = spec.get("minimum")
        hi = spec.get("maximum")
        return _leaf(
            int,
            minimum=int(lo) if lo is not None else 0,
            maximum=int(hi) if hi is not None else 10**6,
        )
    if tp is float:
        return _leaf(float, minimum=-1e6, maximum=1e6)
    if tp is Decimal:
        return decimals_for("IDR", 10**9)
    if tp is pendulum.DateTime:
        return aware_datetimes()
    if tp is pendulum.Date:
        return _leaf(pendulum.Date, min_value=_FIRST_DAY, max_value=_LAST_DAY)
    if tp is Any:
        return st.none()
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return st.one_of(
            *[st.none() if m is type(None) else _for_annotation(m, spec) for m in get_args(tp)]
        )
    if origin is tuple:
        inner = _for_annotation(get_args(tp)[0], {})
        min_size = int(spec.get("min_length") or 0)
        max_size = max(min_size, 3)
        return st.lists(inner, min_size=min_size, max_size=max_size).map(tuple)
    if origin in (dict, Mapping):
        return extensions()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if isinstance(tp, type):
        return from_type(tp)
    raise TypeError(f"no strategy for {tp!r}")


def _generic(cls: type[T]) -> st.SearchStrategy[T]:
    fields = {}
    for s in field_specs(cls):
        strategy = _for_annotation(s.type, s.spec)
        if s.attribute.default is not attrs.NOTHING and s.name not in ("id",):
            strategy = st.just(_DEFAULT) | strategy
        fields[s.name] = strategy

    def build(**kwargs: Any) -> T | None:
        given = {k: v for k, v in kwargs.items() if v is not _DEFAULT}
        try:
            return cls(**given)
        except ValidationError:
            return None

    return st.builds(build, **fields).filter(lambda x: x is not None)  # type: ignore[return-value]


_DEFAULT = object()


def from_type(cls: type[T]) -> st.SearchStrategy[T]:
    """A strategy of valid instances of any kotakerja class (value or record)."""
    _load_plugins()
    factory = _STRATEGIES.get(cls)
    if factory is not None:
        return st.deferred(factory)
    if codec_for(cls) is not None:
        leaf: type[Any] = cls
        return st.deferred(lambda: _leaf(leaf))
    if not attrs.has(cls):
        raise TypeError(f"{cls!r} is not a kotakerja class")
    target: type[Any] = cls
    return st.deferred(lambda: _generic(target))


_ORG_KINDS = [k for k in OrganizationKind if k not in (OrganizationKind.GROUP,)]


@st.composite
def _organization_of(
    draw: st.DrawFn,
    allow_group: bool = True,
    kinds: tuple[OrganizationKind, ...] | None = None,
    domestic: bool = False,
) -> Organization:
    """Organisations of any kind (or of `kinds`), Indonesian or foreign (or `domestic` only)."""
    choices = kinds or (*_ORG_KINDS, *([OrganizationKind.GROUP] if allow_group else []))
    kind = draw(st.sampled_from(choices))
    foreign = kind is OrganizationKind.FOREIGN_GOVERNMENT or (
        not domestic and kind is not OrganizationKind.REGIONAL_GOVERNMENT and draw(st.booleans())
    )
    region = (
        None
        if foreign
        else draw(st.none() | _region())
        if kind is not OrganizationKind.REGIONAL_GOVERNMENT
        else draw(_region())
    )
    country = draw(_country()) if foreign else None
    members: tuple[Organization, ...] = ()
    if kind is OrganizationKind.GROUP:
        members = tuple(draw(st.lists(_organization_of(allow_group=False), max_size=2)))
    nib = None if foreign else draw(st.none() | st.from_regex(r"\A[0-9]{13}\Z"))
    return Organization(
        name=draw(texts()),
        kind=kind,
        abbreviation=draw(st.none() | texts(1, 8)),
        region=region,
        country=country,
        nib=nib,
        npwp=None
        if foreign
        else draw(st.none() | st.sampled_from(("013000666091000", "016090524017000"))),
        members=members,
    )


@register_strategy(Organization)
def _organization() -> st.SearchStrategy[Organization]:
    return _organization_of()


@register_strategy(Person)
def _person() -> st.SearchStrategy[Person]:
    return st.builds(Person, name=texts(), honorifics=st.lists(texts(1, 5), max_size=2).map(tuple))


@register_strategy(Position)
def _position() -> st.SearchStrategy[Position]:
    return st.builds(
        Position,
        title=texts(),
        role=st.sampled_from(list(RoleClass)),
        organization=st.none() | _organization_of(allow_group=False),
        acting=st.sampled_from(list(ActingStatus)),
        period=st.none() | periods(),
    )
