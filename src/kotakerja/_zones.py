"""Time zone names: canonical IANA names only, the same on every machine.

``zoneinfo`` also finds names that depend on how the host installed its time
zone data (``localtime``, ``posixrules``, ``posix/...``, ``right/...``) and the
placeholder ``Factory``; a record written with one of them could not be read
elsewhere, so they are refused like a misspelt name.
"""

from __future__ import annotations

import functools
import zoneinfo

__all__ = ["canonical_zones", "zone_problem"]

_HOST_NAMES = frozenset({"localtime", "posixrules", "Factory"})
_HOST_PREFIXES = ("posix/", "right/")


@functools.cache
def canonical_zones() -> frozenset[str]:
    """Every IANA zone name accepted in a record, e.g. ``Asia/Jakarta`` or ``UTC``."""
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if name not in _HOST_NAMES and not name.startswith(_HOST_PREFIXES)
    )


@functools.cache
def _by_casefold() -> dict[str, str]:
    return {name.casefold(): name for name in canonical_zones()}


def zone_problem(name: object) -> str | None:
    """None when `name` is a canonical IANA zone name, else a message with a hint.

    >>> zone_problem("Asia/Jakarta") is None
    True
    >>> zone_problem("Asia/Jakarat")
    "'Asia/Jakarat' is not an IANA time zone; did you mean 'Asia/Jakarta'?"
    """
    if type(name) is str and name in canonical_zones():
        return None
    shown = repr(name if not isinstance(name, str) or len(name) <= 60 else name[:57] + "...")
    message = f"{shown} is not an IANA time zone"
    if not isinstance(name, str) or len(name) > 60:
        return message
    for prefix in _HOST_PREFIXES:
        if name.startswith(prefix) and name[len(prefix) :] in canonical_zones():
            return f"{message}; did you mean {name[len(prefix) :]!r}?"
    same_but_case = _by_casefold().get(name.strip().casefold())
    if same_but_case is not None:
        return f"{message}; did you mean {same_but_case!r}?"
    import difflib  # only for a name that is wrong

    close = difflib.get_close_matches(name, canonical_zones(), n=1, cutoff=0.8)
    if close:
        return f"{message}; did you mean {close[0]!r}?"
    return message
