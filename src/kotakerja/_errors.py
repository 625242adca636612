"""Errors and findings: every problem carries a path, a stable code and a message."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

__all__ = [
    "ConflictError",
    "ErrorDetail",
    "Finding",
    "KotakerjaError",
    "Problems",
    "Severity",
    "ValidationError",
    "PathPart",
    "format_path",
    "join_path",
    "json_pointer",
    "split_path",
]


def join_path(prefix: str | int, path: str) -> str:
    """Join a field name or list index to a relative path.

    >>> join_path("parties", "[1].signatory")
    'parties[1].signatory'
    >>> join_path(1, "title")
    '[1].title'
    """
    head = f"[{prefix}]" if isinstance(prefix, int) else prefix
    if not path:
        return head
    if not head:
        return path
    if path.startswith("["):
        return head + path
    return f"{head}.{path}"


PathPart = str | int
"""One step of a path: a field or key name, or a list index."""

_PART_RX = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def split_path(path: str) -> tuple[PathPart, ...]:
    """The steps of a dotted path.

    >>> split_path("parties[1].signatory.title")
    ('parties', 1, 'signatory', 'title')
    """
    return tuple(int(m[1]) if m[1] is not None else m[2] for m in _PART_RX.finditer(path))


def format_path(parts: Iterable[PathPart]) -> str:
    """A dotted path from its steps: ``parties[1].signatory.title``."""
    out = ""
    for part in parts:
        out = join_path(out, f"[{part}]" if isinstance(part, int) else part)
    return out


def json_pointer(parts: Iterable[PathPart]) -> str:
    """An RFC 6901 JSON Pointer from the steps of a path (``~`` and ``/`` escaped).

    >>> json_pointer(("parties", 1, "signatory", "title"))
    '/parties/1/signatory/title'
    >>> json_pointer(("extensions", "a/b~c"))
    '/extensions/a~1b~0c'
    """
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _parts_of(detail: ErrorDetail) -> tuple[PathPart, ...]:
    return split_path(detail.path)


@attrs.frozen
class ErrorDetail:
    """One problem in one input: where (`path`), what kind (`code`), and why (`message`).

    `path` is relative to the object being validated: `""` is the object itself,
    `parties[1].signatory.title` a nested field. `pointer` is the same place as an
    RFC 6901 JSON Pointer into the document (``/parties/1/signatory/title``).
    """

    path: str
    code: str
    message: str
    parts: tuple[PathPart, ...] = attrs.field(
        default=attrs.Factory(_parts_of, takes_self=True), eq=False, repr=False
    )
    """The steps of `path`; exact even when a key holds a dot (an extension key)."""

    @classmethod
    def at(cls, parts: Iterable[PathPart], code: str, message: str) -> ErrorDetail:
        """A problem at the place given by its steps (keys may hold dots or slashes)."""
        steps = tuple(parts)
        return cls(format_path(steps), code, message, steps)

    @property
    def pointer(self) -> str:
        """The place as an RFC 6901 JSON Pointer: ``/parties/1/signatory/title``."""
        return json_pointer(self.parts)

    def prefixed(self, prefix: str | int) -> ErrorDetail:
        """The same problem seen from the parent object: `prefix` is one field, key or index."""
        head = () if prefix == "" else (prefix,)
        return ErrorDetail(
            join_path(prefix, self.path), self.code, self.message, (*head, *self.parts)
        )

    def to_dict(self) -> dict[str, str]:
        """JSON-ready: ``{"path", "pointer", "code", "message"}``."""
        return {
            "path": self.path,
            "pointer": self.pointer,
            "code": self.code,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = self.path or "(root)"
        return f"{where}: {self.message} [{self.code}]"


class KotakerjaError(Exception):
    """Root of every exception kotakerja raises on purpose."""


class ConflictError(KotakerjaError):
    """A write based on a revision of a record that another writer has since replaced."""


class ValidationError(KotakerjaError, ValueError):
    """Input that does not make a valid kotakerja object; `.errors` holds every problem."""

    errors: tuple[ErrorDetail, ...]

    def __init__(self, errors: Iterable[ErrorDetail]) -> None:
        self.errors = tuple(errors)
        if not self.errors:
            raise ValueError("ValidationError needs at least one ErrorDetail")
        super().__init__(self.errors)

    @classmethod
    def single(cls, path: str, code: str, message: str) -> ValidationError:
        """A validation error with exactly one problem."""
        return cls((ErrorDetail(path, code, message),))

    def prefixed(self, prefix: str | int) -> ValidationError:
        """The same problems with `prefix` in front of every path."""
        return ValidationError(e.prefixed(prefix) for e in self.errors)

    def to_dict(self) -> dict[str, list[dict[str, str]]]:
        """JSON-ready: ``{"errors": [{"path", "pointer", "code", "message"}, ...]}``."""
        return {"errors": [e.to_dict() for e in self.errors]}

    def to_problem(self, lang: str = "en", *, status: int = 422) -> dict[str, Any]:
        """An RFC 9457 problem-details body for an HTTP response, in ``id`` or ``en``.

        ``{"type", "title", "status", "detail", "errors": [{"pointer", "code",
        "detail"}]}``: each pointer an RFC 6901 JSON Pointer into the request body,
        each detail in the language asked for.

        >>> problem = ValidationError.single("title", "kotakerja.missing", "x").to_problem("id")
        >>> (problem.get("status"), problem.get("errors")[0].get("detail"))
        (422, 'Wajib diisi.')
        """
        from ._problem import problem_of

        return problem_of(self, lang, status)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of all problems, in order."""
        return tuple(e.code for e in self.errors)

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of all problems, in order."""
        return tuple(e.path for e in self.errors)

    def __str__(self) -> str:
        n = len(self.errors)
        head = "1 validation error" if n == 1 else f"{n} validation errors"
        return head + "\n" + "\n".join(f"  {e}" for e in self.errors)

    def __repr__(self) -> str:
        return f"ValidationError({list(self.errors)!r})"

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[ErrorDetail, ...]]]:
        return (type(self), (self.errors,))


class Problems:
    """Collects problems while validating, so one input reports all of them at once.

    >>> p = Problems()
    >>> p.add("amount", "kotakerja.money.too_many_decimals", "too many decimals")
    >>> p.raise_if_any()
    Traceback (most recent call last):
    ...
    kotakerja._errors.ValidationError: 1 validation error
      amount: too many decimals [kotakerja.money.too_many_decimals]
    """

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: list[ErrorDetail] = []

    def add(self, path: str | tuple[PathPart, ...], code: str, message: str) -> None:
        """Record a problem at `path`: a dotted path, or its steps when a key holds a dot."""
        if isinstance(path, tuple):
            self._items.append(ErrorDetail.at(path, code, message))
        else:
            self._items.append(ErrorDetail(path, code, message))

    def extend(self, error: ValidationError, prefix: str | int = "") -> None:
        """Take over the problems of `error`, seen from `prefix`."""
        if prefix == "":
            self._items.extend(error.errors)
        else:
            self._items.extend(e.prefixed(prefix) for e in error.errors)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[ErrorDetail]:
        return iter(self._items)

    def raise_if_any(self) -> None:
        if self._items:
            raise ValidationError(self._items)


class Severity(str, enum.Enum):
    """How much a finding matters (*tingkat*)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@attrs.frozen(kw_only=True)
class Finding:
    """Something allowed but questionable, reported by `kotakerja.check()`.

    Unlike a `ValidationError`, a finding never stops a record from being built.
    """

    severity: Severity
    code: str
    path: str
    message: str

    def __str__(self) -> str:
        where = self.path or "(root)"
        return f"{self.severity.value}: {where}: {self.message} [{self.code}]"
