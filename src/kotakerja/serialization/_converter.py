"""The one converter factory: strict (un)structure hooks for every kotakerja type.

All hooks live here, registered explicitly on a fresh :class:`cattrs.Converter`;
nothing is registered on a global converter. Attrs classes get generated hooks
that structure every field, collect every problem with its path, and construct
the object only when the input is clean, so the class's own rules then run once.
"""

from __future__ import annotations

import contextlib
import enum
import re
import threading
import types
from collections.abc import Callable, Mapping
from typing import Any, Literal, Union, cast, get_args, get_origin

import attrs
import cattrs
import cattrs.gen
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from .._errors import ErrorDetail, Problems, ValidationError, join_path
from .._model import JsonObject, describe_value, field_specs
from ..records import Record, record_type
from . import _fast
from ._codecs import (
    _VERSION_RX,
    StructureHook,
    _enum_hook,
    _json_copy,
    _structure_bool,
    _structure_datetime,
    _structure_decimal,
    _structure_int,
    _structure_str,
    _type_error,
    code_of,
    codec_for,
    codecs,
    format_datetime,
    format_decimal,
    format_iso,
    parse_date,
    parse_datetime,
    parse_decimal,
)
from ._fast import (
    FastPath,
    fast_structure,
    fast_unstructure,
    structure_fast_path,
    unstructure_fast_path,
)
from ._fast import _omitted_when_empty as _omit_empty

__all__ = [
    "format_datetime",
    "json_shape",
    "format_decimal",
    "make_converter",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
]

UnstructureHook = Callable[[Any], Any]

# Containers ---------------------------------------------------------------------------


def _is_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_union(t: Any) -> bool:
    return get_origin(t) in (Union, types.UnionType)


def _is_mapping(t: Any) -> bool:
    return get_origin(t) in (dict, Mapping)


def _is_literal(t: Any) -> bool:
    return get_origin(t) is Literal


def _tuple_structure(conv: cattrs.Converter) -> Callable[[Any], StructureHook]:
    def factory(t: Any) -> StructureHook:
        inner_t = get_args(t)[0]
        inner: StructureHook | None = None

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            nonlocal inner
            if type(value) is not list and type(value) is not tuple:
                raise _type_error("array", value)
            if inner is None:
                inner = conv.get_structure_hook(inner_t)
            out = []
            errors: list[ErrorDetail] | None = None
            for i, item in enumerate(value):
                try:
                    out.append(inner(item, inner_t))
                except ValidationError as e:
                    errors = errors or []
                    errors.extend(x.prefixed(i) for x in e.errors)
            if errors:
                raise ValidationError(errors)
            return tuple(out)

        return structure

    return factory


def json_shape(t: Any) -> str:
    """The JSON type a kotakerja type is written as: string, number, boolean, array, object."""
    codec = codec_for(t)
    if codec is not None:
        return "number" if codec.shape == "integer" else codec.shape
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return "string"
    if _is_tuple(t):
        return "array"
    return "object"


def _value_shape(value: Any) -> str:
    t = type(value)
    if t is str:
        return "string"
    if t is bool:
        return "boolean"
    if t is int or t is float:
        return "number"
    if t is list or t is tuple:
        return "array"
    if t is dict:
        return "object"
    return "other"


def _union_structure(conv: cattrs.Converter) -> Callable[[Any], StructureHook]:
    def factory(t: Any) -> StructureHook:
        members = [m for m in get_args(t) if m is not type(None)]
        optional = len(members) != len(get_args(t))
        by_shape: dict[str, list[Any]] = {}
        for m in members:
            by_shape.setdefault(json_shape(m), []).append(m)
        kinds: dict[str, Any] = {}
        for m in by_shape.get("object", []):
            kind = getattr(m, "KIND", None)
            if kind is not None:
                kinds[kind] = m
        names = " or ".join(getattr(m, "__name__", str(m)) for m in members)
        if optional:
            names += " or null"

        def structure(value: Any, _: Any) -> Any:
            if value is None:
                if optional:
                    return None
                raise _type_error(names, value)
            candidates = by_shape.get(_value_shape(value))
            if not candidates:
                raise _type_error(names, value)
            if len(candidates) == 1:
                m = candidates[0]
                return conv.get_structure_hook(m)(value, m)
            if kinds and type(value) is dict:
                kind = value.get("kind")
                m = kinds.get(kind) if type(kind) is str else None
                if m is None:
                    allowed = ", ".join(repr(k) for k in kinds)
                    raise ValidationError.single(
                        "kind",
                        "kotakerja.enum",
                        f"expected one of {allowed}, got {describe_value(kind)}",
                    )
                return conv.get_structure_hook(m)(value, m)
            first: ValidationError | None = None
            for m in candidates:
                try:
                    return conv.get_structure_hook(m)(value, m)
                except ValidationError as e:
                    first = first or e
            assert first is not None
            raise first

        return structure

    return factory


def _mapping_structure(t: Any) -> StructureHook:
    def structure(value: Any, _: Any) -> dict[str, Any]:
        if type(value) is not dict:
            raise _type_error("object", value)
        copied: dict[str, Any] = _json_copy(value)
        return copied

    return structure


def _literal_structure(t: Any) -> StructureHook:
    allowed = get_args(t)
    shown = ", ".join(repr(a) for a in allowed)

    def structure(value: Any, _: Any) -> Any:
        for a in allowed:
            if type(value) is type(a) and value == a:
                return a
        raise ValidationError.single(
            "", "kotakerja.enum", f"expected one of {shown}, got {describe_value(value)}"
        )

    return structure


# Attrs classes --------------------------------------------------------------------------


def _header_errors(cls: type[Record], data: dict[str, Any]) -> list[ErrorDetail]:
    errors: list[ErrorDetail] = []
    given_type = data.get("type")
    if "type" not in data:
        errors.append(ErrorDetail("type", "kotakerja.missing", f"required; must be {cls.TYPE!r}"))
    elif given_type != cls.TYPE:
        errors.append(
            ErrorDetail(
                "type",
                "kotakerja.record.wrong_type",
                f"expected {cls.TYPE!r}, got {describe_value(given_type)}",
            )
        )
    version = data.get("schema_version")
    if "schema_version" not in data:
        errors.append(
            ErrorDetail(
                "schema_version",
                "kotakerja.missing",
                f"required; current is {cls.SCHEMA_VERSION!r}",
            )
        )
        return errors
    m = _VERSION_RX.fullmatch(version) if type(version) is str else None
    if m is None:
        errors.append(
            ErrorDetail(
                "schema_version",
                "kotakerja.record.bad_version",
                f"expected a version such as {cls.SCHEMA_VERSION!r}, got {describe_value(version)}",
            )
        )
        return errors
    ours = tuple(int(part) for part in cls.SCHEMA_VERSION.split("."))
    major = int(m.group(1))
    if (major, int(m.group(2))) > ours:
        errors.append(
            ErrorDetail(
                "schema_version",
                "kotakerja.record.newer_version",
                f"document is {cls.TYPE} schema version {version}, newer than this "
                f"kotakerja understands ({cls.SCHEMA_VERSION}); upgrade kotakerja",
            )
        )
    elif major < ours[0]:
        errors.append(
            ErrorDetail(
                "schema_version",
                "kotakerja.record.older_version",
                f"document is {cls.TYPE} schema version {version}; "
                f"upgrade it with kotakerja.migrate() first",
            )
        )
    return errors


def _ordered_specs(cls: type) -> list[Any]:
    specs = list(field_specs(cls))
    if isinstance(cls, type) and issubclass(cls, Record):
        base = {"sources", "extensions"}
        specs = [s for s in specs if s.name not in base] + [s for s in specs if s.name in base]
    return specs


class _Found(threading.local):
    """The values the field hooks of the class being structured have produced.

    cattrs keeps them in its generated function until it builds the object; when a
    field is invalid the class's rules still run on the valid ones, so each field
    hook records its value here too. Nested classes swap in their own dict.
    """

    values: dict[str, Any] | None = None


_FOUND = _Found()


class _Constraint(Exception):
    """A field's constraint check failed: its ``(path, code, message)`` problems."""

    def __init__(self, found: list[tuple[str, str, str]]) -> None:
        self.found = found


def _field_hook(
    conv: cattrs.Converter, name: str, tp: Any, checks: tuple[Any, ...], record: bool
) -> StructureHook:
    """The hook cattrs calls for field `name`: its codec, then its constraint checks.

    Problems are raised with paths relative to the field (a `ValidationError`, or a
    `_Constraint` for the field's own checks); the note cattrs attaches names the
    field, and the translation puts it in front.
    """
    inner: StructureHook | None = None

    def structure(value: Any, _: Any) -> Any:
        nonlocal inner
        if inner is None:
            inner = conv.get_structure_hook(tp)
        result = inner(value, tp)
        if record:
            _FOUND.values[name] = result  # type: ignore[index]
        for check in checks:
            found = check(result)
            if found is not None:
                raise _Constraint(found)
        return result

    return structure


def _forget(exc: BaseException, keep: BaseException | None = None) -> None:
    """Drop the tracebacks and chained exceptions of `exc` and everything it groups.

    cattrs collects the exceptions of the fields in its generated function; each
    traceback holds that function's frame, whose list of errors holds the
    exceptions again. Nothing of it may outlive the translation, but for `keep`,
    an exception that propagates as raised, with its traceback.
    """
    stack = [exc]
    while stack:
        e = stack.pop()
        if e is keep:
            continue
        e.__traceback__ = None
        if e.__context__ is not None:
            stack.append(e.__context__)
            e.__context__ = None
        if e.__cause__ is not None:
            stack.append(e.__cause__)
            e.__cause__ = None
        if isinstance(e, BaseValidationError):
            stack.extend(e.exceptions)


class _Unexpected(Exception):
    """An exception that is no validation problem: it propagates as raised."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def _note_of(exc: BaseException) -> AttributeValidationNote | IterableValidationNote | None:
    """The note cattrs attached to `exc` naming the field or element it is about."""
    for note in getattr(exc, "__notes__", ()):
        if type(note) is AttributeValidationNote or type(note) is IterableValidationNote:
            return note
    return None


def _noted_problems(
    exc: BaseException, note: AttributeValidationNote | IterableValidationNote, data: Any
) -> list[ErrorDetail]:
    """The problems of one field (attribute note) or element (iterable note) of `data`."""
    # An iterable note's `index` attribute hides the method of str.
    index = cast("str | int", note.index)
    step = note.name if isinstance(note, AttributeValidationNote) else index
    if type(exc) is _Constraint:
        return [ErrorDetail(join_path(step, p), c, m) for p, c, m in exc.found]
    if type(exc) is KeyError and exc.args == (step,) and not (type(data) is dict and step in data):
        return [ErrorDetail(str(step), "kotakerja.missing", "required")]
    inner = None
    if type(data) is dict:
        inner = data.get(step)
    elif type(data) is list and type(step) is int and -len(data) <= step < len(data):
        inner = data[step]
    return [x.prefixed(step) for x in _problems(exc, inner)]


def _problems(exc: BaseException, data: Any = None) -> list[ErrorDetail]:
    """The kotakerja problems in a cattrs exception (group), paths relative to its object.

    Walks the groups as :func:`cattrs.transform_error` does: a field's problems get
    the field's name in front (the attribute note), an element's its index or key
    (the iterable note). `data` is the mapping the exception is about, for the
    order in which unknown keys are reported. Raises `_Unexpected` for an exception
    that is no validation problem.
    """
    if isinstance(exc, ValidationError):
        return list(exc.errors)
    if isinstance(exc, _Constraint):
        return [ErrorDetail(p, c, m) for p, c, m in exc.found]
    if isinstance(exc, RecursionError):
        return [ErrorDetail("", "kotakerja.json.too_deep", "value nests too deeply")]
    if isinstance(exc, ForbiddenExtraKeysError):
        extra = exc.extra_fields
        keys = [k for k in data if k in extra] if type(data) is dict else sorted(extra, key=str)
        return [
            ErrorDetail(
                str(key), "kotakerja.unknown_key", f"unknown key {str(key)!r} for {exc.cl.__name__}"
            )
            for key in keys
        ]
    if isinstance(exc, BaseValidationError):
        out: list[ErrorDetail] = []
        for sub in exc.exceptions:
            note = _note_of(sub)
            out.extend(_problems(sub, data) if note is None else _noted_problems(sub, note, data))
        return out
    raise _Unexpected(exc)


def _attrs_structure(conv: cattrs.Converter, fast: bool = True) -> Callable[[Any], StructureHook]:
    def factory(cls: Any) -> StructureHook:
        specs = _ordered_specs(cls)
        is_record = issubclass(cls, Record)
        kind = cls.__dict__.get("KIND")
        header_keys = frozenset(
            (("type", "schema_version") if is_record else ()) + (("kind",) if kind else ())
        )
        has_rules = getattr(cls, "_check_rules", None) is not None
        rank = {s.name: i for i, s in enumerate(specs)}
        # Fields with a Python default that documents must still hold: cattrs
        # leaves them out when absent, so they are reported here.
        defaulted = [
            s.name for s in specs if s.required_in_json and s.attribute.default is not attrs.NOTHING
        ]
        generated: Callable[[Any], Any] | None = None

        def generate() -> Callable[[Any], Any]:
            overrides: dict[str, Any] = {
                s.name: cattrs.gen.override(
                    struct_hook=_field_hook(conv, s.name, s.type, s.constraint_checks, has_rules)
                )
                for s in specs
            }
            fn: Callable[[Any], Any] = cattrs.gen.make_dict_structure_fn(
                cls,
                conv,
                _cattrs_forbid_extra_keys=True,
                _cattrs_detailed_validation=True,
                **overrides,
            )
            return fn

        def structure(data: Any, _: Any) -> Any:
            nonlocal generated
            if type(data) is not dict:
                raise _type_error(f"object ({cls.__name__})", data)
            if generated is None:
                generated = generate()
            errors: list[ErrorDetail] = _header_errors(cls, data) if is_record else []
            if kind is not None and data.get("kind") != kind:
                errors.append(
                    ErrorDetail(
                        "kind",
                        "kotakerja.enum",
                        f"expected {kind!r}, got {describe_value(data.get('kind'))}",
                    )
                )
            body = data
            if header_keys and not header_keys.isdisjoint(data):
                body = {k: v for k, v in data.items() if k not in header_keys}
            values: dict[str, Any] = {}
            if has_rules:
                outer = _FOUND.values
                _FOUND.values = values
            built: Any = None
            ranked: list[tuple[int, ErrorDetail]] = []
            construction: BaseException | None = None
            unexpected: BaseException | None = None
            try:
                built = generated(body)
            except ClassValidationError as group:
                try:
                    for sub in group.exceptions:
                        note = _note_of(sub)
                        if isinstance(note, AttributeValidationNote):
                            r = rank[note.name]
                            ranked.extend((r, x) for x in _noted_problems(sub, note, body))
                        elif isinstance(sub, ForbiddenExtraKeysError):
                            ranked.extend((-1, x) for x in _problems(sub, body))
                        else:  # building the object failed: its fields were all valid
                            construction = sub
                except _Unexpected as e:
                    unexpected = e.exc
                _forget(group, keep=unexpected)
            finally:
                if has_rules:
                    _FOUND.values = outer
            if unexpected is not None:
                raise unexpected
            for name in defaulted:
                if name not in data:
                    ranked.append((rank[name], ErrorDetail(name, "kotakerja.missing", "required")))
            if ranked:
                ranked.sort(key=_first)
                errors.extend(x for _, x in ranked)
            if errors:
                if has_rules:
                    errors.extend(_rules_on_valid_fields(cls, values, errors))
                raise ValidationError(errors)
            if construction is not None:
                raise construction
            return built

        if not fast:
            return structure
        header = (cls.TYPE, cls.SCHEMA_VERSION) if is_record else None
        fast_path = FastPath(lambda: fast_structure(conv, cls, specs, header, kind, _known()))
        return structure_fast_path(fast_path, structure)

    return factory


def _first(item: tuple[int, ErrorDetail]) -> int:
    return item[0]


_HEAD = re.compile(r"[^.\[]*")


def _rules_on_valid_fields(
    cls: type, kwargs: dict[str, Any], errors: list[ErrorDetail]
) -> list[ErrorDetail]:
    """Problems the class's rules find in the fields that are valid, beside those that are not.

    The rules run on an object holding only the valid fields (and the defaults of
    fields not given); a rule that needs an invalid field stops at it, so what it
    reported before is about valid fields only.
    """
    failed = {_HEAD.match(e.path).group() for e in errors}  # type: ignore[union-attr]
    obj: Any = object.__new__(cls)
    for a in attrs.fields(cls):
        if a.name in kwargs:
            object.__setattr__(obj, a.name, kwargs[a.name])
        elif a.name not in failed and a.default is not attrs.NOTHING:
            default = a.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                if default.takes_self:
                    continue
                default = default.factory()
            object.__setattr__(obj, a.name, default)
    found = Problems()
    # A rule that reaches a field that is not valid stops there; what it found stands.
    with contextlib.suppress(AttributeError):
        try:
            obj._check_rules(found)
        except ValidationError as e:
            found.extend(e)
    return [
        e
        for e in found
        if e.path and _HEAD.match(e.path).group() not in failed  # type: ignore[union-attr]
    ]


def _enum_value(v: enum.Enum) -> Any:
    return v.value


def _field_unstructure(conv: cattrs.Converter, t: Any) -> UnstructureHook | None:
    """The unstructure hook for a field type, or None where the value is already JSON."""
    if t in (str, int, bool, float) or t is Any:
        return None
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return _enum_value
    if _is_literal(t):
        return None
    if _is_tuple(t):
        inner_t = get_args(t)[0]
        inner = _field_unstructure(conv, inner_t)
        if inner is None:
            return list
        return lambda v: [inner(x) for x in v]
    if _is_mapping(t):
        return _json_copy
    if _is_union(t):
        members = [m for m in get_args(t) if m is not type(None)]
        if len(members) == 1:
            only = _field_unstructure(conv, members[0])
            if only is None:
                return None
            return lambda v: None if v is None else only(v)
        cache: dict[type, UnstructureHook | None] = {}

        def union(v: Any) -> Any:
            if v is None:
                return None
            t = type(v)
            try:
                h = cache[t]
            except KeyError:
                h = cache[t] = _field_unstructure(conv, t)
            return v if h is None else h(v)

        return union
    hook: UnstructureHook = conv.get_unstructure_hook(t)
    return hook


def _attrs_unstructure(
    conv: cattrs.Converter, fast: bool = True
) -> Callable[[Any], UnstructureHook]:
    def factory(cls: Any) -> UnstructureHook:
        specs = _ordered_specs(cls)
        is_record = issubclass(cls, Record)
        header = (cls.TYPE, cls.SCHEMA_VERSION) if is_record else None
        kind = cls.__dict__.get("KIND")

        def info() -> Any:
            fields = [
                (s.name, s.type, _field_unstructure(conv, s.type), _omit_empty(s)) for s in specs
            ]
            return fields, header, kind

        def make() -> UnstructureHook:
            fields, header_, kind_ = info()
            return fast_unstructure(conv, cls, fields, header_, kind_, _known())

        if fast:
            fast_path = FastPath(make)
            fast_path.info = info
            return unstructure_fast_path(fast_path)

        # The reference implementation the generated functions must match.
        fields: list[tuple[str, UnstructureHook | None, bool]] | None = None

        def unstructure(obj: Any) -> dict[str, Any]:
            nonlocal fields
            if fields is None:
                fields = [(s.name, _field_unstructure(conv, s.type), _omit_empty(s)) for s in specs]
            out: dict[str, Any] = {}
            if is_record:
                out["type"] = cls.TYPE
                out["schema_version"] = cls.SCHEMA_VERSION
            if kind is not None:
                out["kind"] = kind
            for name, hook, omit in fields:
                v = getattr(obj, name)
                if omit and (v is None or (not v and type(v) in (tuple, dict, JsonObject))):
                    continue
                out[name] = v if hook is None or v is None else hook(v)
            return out

        return unstructure

    return factory


def _known() -> dict[str, Any]:
    """The hooks the generated functions may inline when a converter still uses them."""
    return {
        "str": _structure_str,
        "int": _structure_int,
        "bool": _structure_bool,
        "enum": _enum_hook,
        "enum_value": _enum_value,
        "field_unstructure": _field_unstructure,
        "format_iso": format_iso,
        "code_of": code_of,
        "decimal": _structure_decimal,
        "datetime": _structure_datetime,
    }


def make_converter() -> cattrs.Converter:
    """A fresh converter configured for every kotakerja type.

    Extend it for your application with ``register_structure_hook`` and friends;
    the hooks here are registered on this converter only.
    """
    conv = cattrs.Converter(forbid_extra_keys=True)

    fast = _fast.ENABLED
    conv.register_structure_hook_factory(attrs.has, _attrs_structure(conv, fast))
    conv.register_unstructure_hook_factory(attrs.has, _attrs_unstructure(conv, fast))
    conv.register_structure_hook_factory(_is_tuple, _tuple_structure(conv))
    conv.register_structure_hook_factory(_is_union, _union_structure(conv))
    conv.register_structure_hook_factory(_is_mapping, _mapping_structure)
    conv.register_structure_hook_factory(_is_literal, _literal_structure)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    conv.register_unstructure_hook_factory(
        lambda t: _is_tuple(t) or _is_union(t) or _is_mapping(t),
        lambda t: _field_unstructure(conv, t) or (lambda v: v),
    )
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda t: _enum_value
    )

    for codec in codecs().values():
        conv.register_structure_hook(codec.type, codec.structure)
        if codec.unstructure is not None:
            conv.register_unstructure_hook(codec.type, codec.unstructure)
    conv.register_structure_hook_func(lambda t: t is Record, _structure_any_record(conv))
    conv.register_structure_hook_func(lambda t: t is type(None), _structure_none)
    conv.register_structure_hook_func(lambda t: t is Any, lambda v, _: _json_copy(v))
    return conv


def _structure_none(value: Any, _: Any) -> None:
    if value is None:
        return
    raise _type_error("null", value)


def _structure_any_record(conv: cattrs.Converter) -> StructureHook:
    """Structure a document of any record type, chosen by its ``type`` key."""

    def structure(value: Any, cl: Any) -> Any:
        if type(value) is not dict:
            raise _type_error("a record object", value)
        name = value.get("type")
        if type(name) is not str:
            raise ValidationError.single(
                "type",
                "kotakerja.missing" if name is None else "kotakerja.type",
                f"a record needs a string 'type', got {describe_value(name)}",
            )
        cls = record_type(name)
        return conv.get_structure_hook(cls)(value, cls)

    return structure
