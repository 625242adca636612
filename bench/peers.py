"""One declaration per benchmark shape, four peer models built from it.

Each shape of `run.py` declares its classes once, as `Model`s: the fields with what
each holds (a `Kind`), whether it is required, optional or has a default kotakerja
writes, and the cross-field rules of the class. From that one declaration come:

- the **equivalent** pydantic models and msgspec Structs, which check what kotakerja
  checks on the shape (table look-ups, aware times in their zones, decimals as written,
  enums, cross-field rules);
- the **declarative-only** pydantic models and msgspec Structs, which check what the two
  libraries express without code: required and unknown keys, JSON types, lengths,
  patterns, bounds and allowed values. Aware times, decimals, codes and partial dates
  stay strings checked by their form; no look-ups, no cross-field rules.

Every rule has a short name in `RULES`; a `Kind` names the rules its values get in the
equivalent models, a `Model` the rules of its class. `run.py` holds the broken documents
of each shape to those names (each must break a rule the shape's models check) and prints
the table of rules that docs/performance.md shows (``python bench/run.py --rules``).
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import msgspec
import pydantic
from msgspec import UNSET, UnsetType
from pydantic import Field

RULES: dict[str, str] = {}
"""Every rule a peer model may check, by short name: what the docs say of it."""


def rule(name: str, text: str) -> str:
    """Register rule `name` with its description; returns the name."""
    assert name not in RULES or RULES[name] == text, name
    RULES[name] = text
    return name


rule("keys", "required keys present, unknown keys rejected")
rule("types", "JSON types as declared, no coercion (a number is not a string)")
rule("lengths", "string lengths (never empty unless said) and list lengths")
rule("patterns", "patterns (ids, UN/LOCODE form, ...)")
rule("bounds", "integer bounds")
rule("values", "allowed values of enums")


@dataclass(frozen=True)
class Kind:
    """What a field holds, and how each of the four peer models reads and writes it."""

    declarative: Any
    """The type in the declarative-only pydantic models."""
    msgspec_declarative: Any
    """The type in the declarative-only msgspec Structs."""
    pydantic: Any
    """The type in the equivalent pydantic models."""
    msgspec: Any
    """The type in the equivalent msgspec Structs."""
    check: Callable[[Any], Any] | None = None
    """Run on a present value in the equivalent Structs' ``__post_init__``."""
    converts: bool = False
    """The value `check` returns replaces the one read (HS codes kept as digits)."""
    rules: tuple[str, ...] = ()
    """The rules the equivalent models check on the value (names in `RULES`)."""
    form: tuple[str, ...] = ("types",)
    """The rules the declarative-only models check on it."""

    def written(self, value: Any) -> Any:
        """A default value as the declarative-only models hold it (enums as their values)."""
        return value.value if isinstance(value, enum.Enum) else value


def _m(pattern: str) -> str:
    """A pattern for msgspec, which searches with Python's re, whose $ also matches before
    a final newline."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern


def text(min_length: int = 1, max_length: int | None = None) -> Kind:
    """A string of bounded length (never empty by default), the same in all four models."""
    p = Annotated[str, Field(min_length=min_length, max_length=max_length)]
    m = Annotated[str, msgspec.Meta(min_length=min_length, max_length=max_length)]
    return Kind(p, m, p, m, rules=("lengths",), form=("types", "lengths"))


def pattern(regex: str) -> Kind:
    """A string of a fixed form, the same in all four models."""
    p = Annotated[str, Field(pattern=regex)]
    m = Annotated[str, msgspec.Meta(pattern=_m(regex))]
    return Kind(p, m, p, m, rules=("patterns",), form=("types", "patterns"))


def integer(ge: int) -> Kind:
    p = Annotated[int, Field(ge=ge)]
    m = Annotated[int, msgspec.Meta(ge=ge)]
    return Kind(p, m, p, m, rules=("bounds",), form=("types", "bounds"))


def tag(value: str) -> Kind:
    """The ``type`` of a record: one fixed string."""
    t = Literal[value]  # type: ignore[valid-type]
    return Kind(t, t, t, t, rules=("values",), form=("types", "values"))


def of_enum(cls: type[enum.Enum]) -> Kind:
    """One of kotakerja's enums: the enum itself in the equivalent models, its values as a
    ``Literal`` in the declarative-only ones."""
    values = Literal[tuple(m.value for m in cls)]  # type: ignore[valid-type]
    return Kind(values, values, cls, cls, rules=("values",), form=("types", "values"))


def checked(
    form: str | None,
    check: Callable[[Any], Any],
    rule_name: str,
    *,
    pydantic_type: Any = None,
    msgspec_type: Any = str,
    converts: bool = False,
    also_pattern: bool = False,
) -> Kind:
    """A string checked by code in the equivalent models (a look-up, a real date, ...) and
    only by its form `form` (a pattern, or None for any string) in the declarative ones.

    `also_pattern` keeps the form's pattern in the equivalent models as well.
    """
    declarative = str if form is None else Annotated[str, Field(pattern=form)]
    msgspec_declarative = str if form is None else Annotated[str, msgspec.Meta(pattern=_m(form))]
    if pydantic_type is None:
        pydantic_type = (
            Annotated[str, Field(pattern=form), pydantic.AfterValidator(check)]
            if also_pattern and form
            else Annotated[str, pydantic.AfterValidator(check)]
        )
    if also_pattern and form and msgspec_type is str:
        msgspec_type = Annotated[str, msgspec.Meta(pattern=_m(form))]
    return Kind(
        declarative,
        msgspec_declarative,
        pydantic_type,
        msgspec_type,
        check=check if msgspec_type is str or also_pattern else None,
        converts=converts,
        rules=(rule_name, *(("patterns",) if also_pattern and form else ())),
        form=("types", "patterns") if form else ("types",),
    )


REQUIRED: Any = object()
"""The default of a field that must be given."""


@dataclass(frozen=True)
class F:
    """One field: its name, what it holds (a `Kind`, or the name of another `Model` of the
    shape), and its default.

    `default` is `REQUIRED`, None (optional: left out of the JSON when None), or a value
    kotakerja writes when it is the default (an enum member, a tuple of them). A `many`
    field is a list of such items, left out when empty unless it is required.
    """

    name: str
    kind: Kind | str
    default: Any = None
    many: bool = False
    min_items: int | None = None

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass(frozen=True)
class Model:
    """One class of a shape: its fields in the order kotakerja writes them, its rules."""

    name: str
    fields: tuple[F, ...]
    check: Callable[[Any], None] | None = None
    """The cross-field rules: raises ValueError at the first problem."""
    rules: tuple[str, ...] = ()
    """The names (in `RULES`) of the rules `check` holds."""


def field_rules(model: Model) -> Iterable[str]:
    """Names of the rules the equivalent models check on the fields of `model`."""
    yield "keys"
    for f in model.fields:
        if f.min_items:
            yield "lengths"
        if isinstance(f.kind, Kind):
            yield from f.kind.rules
        else:
            yield "types"


def form_rules(model: Model) -> Iterable[str]:
    """Names of the rules the declarative-only models check on the fields of `model`."""
    yield "keys"
    for f in model.fields:
        if f.min_items:
            yield "lengths"
        yield from (f.kind.form if isinstance(f.kind, Kind) else ("types",))


# pydantic --------------------------------------------------------------------------------


class PModel(pydantic.BaseModel, extra="forbid", strict=True):
    """Unknown keys rejected; no coercion (a number is not a string, nor the reverse)."""


class PPlain(pydantic.BaseModel, extra="forbid", strict=True):
    """The base of the declarative-only pydantic models."""


def _with_rules(check: Callable[[Any], None]) -> Any:
    def rules(self: Any) -> Any:
        check(self)
        return self

    return pydantic.model_validator(mode="after")(rules)


def pydantic_models(
    models: Iterable[Model], *, equivalent: bool, module: str
) -> dict[str, type[pydantic.BaseModel]]:
    """The pydantic models of a shape's classes (listed with each class after those it
    holds), by name.

    Equivalent models leave out None and empty lists when writing
    (``model_dump_json(exclude_none=True)`` with ``exclude_if`` on lists), as kotakerja
    leaves out empty optional fields; defaults kotakerja writes stay written.
    """
    built: dict[str, type[pydantic.BaseModel]] = {}
    for m in models:
        annotations: dict[str, Any] = {}
        namespace: dict[str, Any] = {"__module__": module, "__annotations__": annotations}
        for f in m.fields:
            if isinstance(f.kind, Kind):
                t = f.kind.pydantic if equivalent else f.kind.declarative
            else:
                t = built[f.kind]
            if f.many:
                meta = [Field(min_length=f.min_items)] if f.min_items else []
                if equivalent and not f.required:
                    meta.append(Field(exclude_if=operator.not_))
                t = Annotated[(list[t], *meta)] if meta else list[t]  # type: ignore[valid-type]
                if not f.required:
                    default = [] if f.default is None else list(f.default)
                    if not equivalent and isinstance(f.kind, Kind):
                        default = [f.kind.written(v) for v in default]
                    namespace[f.name] = default
            elif f.default is None:
                t = t | None
                namespace[f.name] = None
            elif not f.required:
                kind = f.kind
                assert isinstance(kind, Kind)
                namespace[f.name] = f.default if equivalent else kind.written(f.default)
            annotations[f.name] = t
        if equivalent and m.check is not None:
            namespace["_rules"] = _with_rules(m.check)
        prefix = "P" if equivalent else "PDecl"
        base = PModel if equivalent else PPlain
        built[m.name] = type(prefix + m.name, (base,), namespace)  # type: ignore[assignment]
    return built


# msgspec ---------------------------------------------------------------------------------


class MStruct(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Unknown keys rejected; None, empty lists and UNSET left out when writing."""


class MPlain(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """The base of the declarative-only Structs."""


def _post_init(m: Model) -> Callable[[Any], None] | None:
    """The equivalent Struct's ``__post_init__``: the code checks of its fields, the defaults
    kotakerja writes (the field holds UNSET, which `omit_defaults` would drop, until then)
    and the cross-field rules."""
    checks = [f for f in m.fields if isinstance(f.kind, Kind) and f.kind.check is not None]
    written = [f for f in m.fields if not f.required and f.default is not None]
    rules = m.check
    if not (checks or written or rules):
        return None

    def post_init(self: Any) -> None:
        for f in checks:
            value = getattr(self, f.name)
            if value is None or value is UNSET:
                continue
            kind = f.kind
            assert isinstance(kind, Kind)
            assert kind.check is not None
            if f.many:
                results = [kind.check(v) for v in value]
                if kind.converts:
                    setattr(self, f.name, results)
            else:
                result = kind.check(value)
                if kind.converts:
                    setattr(self, f.name, result)
        for f in written:
            if getattr(self, f.name) is UNSET:
                setattr(self, f.name, list(f.default) if f.many else f.default)
        if rules is not None:
            rules(self)

    return post_init


def msgspec_structs(models: Iterable[Model], *, equivalent: bool, module: str) -> dict[str, type]:
    """The msgspec Structs of a shape's classes (listed with each class after those it
    holds), by name; keyword-only, so a required field may follow optional ones."""
    built: dict[str, type] = {}
    for m in models:
        fields: list[Any] = []
        for f in m.fields:
            if isinstance(f.kind, Kind):
                t = f.kind.msgspec if equivalent else f.kind.msgspec_declarative
            else:
                t = built[f.kind]
            if f.many:
                t = (
                    Annotated[list[t], msgspec.Meta(min_length=f.min_items)]  # type: ignore[valid-type]
                    if f.min_items
                    else list[t]  # type: ignore[valid-type]
                )
            if f.required:
                fields.append((f.name, t))
            elif f.default is None:
                default = msgspec.field(default_factory=list) if f.many else None
                fields.append((f.name, t if f.many else t | None, default))
            elif equivalent:
                fields.append((f.name, t | UnsetType, UNSET))
            else:
                kind = f.kind
                assert isinstance(kind, Kind)
                if f.many:
                    values = [kind.written(v) for v in f.default]
                    factory = msgspec.field(default_factory=lambda v=values: list(v))
                    fields.append((f.name, t, factory))
                else:
                    fields.append((f.name, t, kind.written(f.default)))
        namespace: dict[str, Any] = {}
        post_init = _post_init(m) if equivalent else None
        if post_init is not None:
            namespace["__post_init__"] = post_init
        built[m.name] = msgspec.defstruct(
            ("M" if equivalent else "MDecl") + m.name,
            fields,
            bases=(MStruct if equivalent else MPlain,),
            module=module,
            namespace=namespace,
            kw_only=True,
        )
    return built


@dataclass(frozen=True)
class Peers:
    """The four peer models of one shape's top-level class, and the rules they check."""

    pydantic: type[pydantic.BaseModel]
    msgspec: type
    pydantic_declarative: type[pydantic.BaseModel]
    msgspec_declarative: type
    rules: tuple[str, ...] = field(default=())
    """What the equivalent models check, in `RULES` order."""
    declarative_rules: tuple[str, ...] = field(default=())
    """What the declarative-only models check."""


def peers(models: tuple[Model, ...], module: str) -> Peers:
    """The four peer models of a shape whose top-level class is the last of `models`."""
    top = models[-1].name
    found = {r for m in models for r in field_rules(m)} | {r for m in models for r in m.rules}
    form = {r for m in models for r in form_rules(m)}
    unknown = (found | form) - RULES.keys()
    assert not unknown, f"rules without a description: {sorted(unknown)}"
    return Peers(
        pydantic_models(models, equivalent=True, module=module)[top],
        msgspec_structs(models, equivalent=True, module=module)[top],
        pydantic_models(models, equivalent=False, module=module)[top],
        msgspec_structs(models, equivalent=False, module=module)[top],
        tuple(r for r in RULES if r in found),
        tuple(r for r in RULES if r in form),
    )
