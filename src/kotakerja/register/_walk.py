"""Walk a record's fields to find what it points to and where it is: refs, regions, countries."""

from __future__ import annotations

import enum
import types
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import attrs
import pendulum

from .._model import field_specs
from ..records._base import Ref
from ..values._dates import PartialDate
from ..values._places import Country, ForeignLocality, Region

__all__ = ["walk"]

_LEAVES: tuple[type, ...] = (str, int, float, bool, Decimal, pendulum.Date, pendulum.DateTime)
_TARGETS = (Ref, Region, Country, ForeignLocality)
_CAN_HOLD: dict[Any, bool] = {}


def _can_hold(tp: Any) -> bool:
    """Whether a value of annotation `tp` can contain a target somewhere inside."""
    try:
        return _CAN_HOLD[tp]
    except KeyError:
        pass
    _CAN_HOLD[tp] = False
    result = False
    origin = get_origin(tp)
    if origin in (Union, types.UnionType, tuple):
        result = any(_can_hold(a) for a in get_args(tp) if a is not Ellipsis)
    elif isinstance(tp, type):
        if tp in _TARGETS:
            result = True
        elif tp in _LEAVES or tp is PartialDate or issubclass(tp, enum.Enum):
            result = False
        elif attrs.has(tp):
            result = any(_can_hold(s.type) for s in field_specs(tp))
    _CAN_HOLD[tp] = result
    return result


_PLANS: dict[type, tuple[str, ...] | None] = {}


def _plan(cls: type) -> tuple[str, ...] | None:
    """Names of the fields of `cls` that can hold a target; None when `cls` is no attrs class."""
    try:
        return _PLANS[cls]
    except KeyError:
        pass
    plan = tuple(s.name for s in field_specs(cls) if _can_hold(s.type)) if attrs.has(cls) else None
    _PLANS[cls] = plan
    return plan


def walk(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Yield ``(path, value)`` for every Ref, Region, Country and ForeignLocality in `obj`."""
    out: list[tuple[str, Any]] = []
    _collect(obj, path, out)
    return iter(out)


def _collect(obj: Any, path: str, out: list[tuple[str, Any]]) -> None:
    if isinstance(obj, _TARGETS):
        out.append((path, obj))
        if isinstance(obj, ForeignLocality):
            out.append(((f"{path}.country" if path else "country"), obj.country))
        return
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            _collect(item, f"{path}[{i}]", out)
        return
    plan = _plan(type(obj))
    if not plan:
        return
    for name in plan:
        value = getattr(obj, name)
        if value is None or (isinstance(value, tuple) and not value):
            continue
        _collect(value, f"{path}.{name}" if path else name, out)
