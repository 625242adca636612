"""Generated (un)structure functions: the fast path of the converter.

For every attrs class the converter meets, Python source for one structure and
one unstructure function is generated from :func:`~kotakerja._model.field_specs`
and compiled once, its source registered in ``linecache``. Plain scalars (strings,
integers, booleans, enums, decimals) and their ``meta()`` constraints are checked
inline; leaf types whose codec says their objects may be shared are read through a
memo of the texts already seen; nested attrs classes call each other's generated
functions directly; any other type goes through the converter's own hook for it.

The structure function is a fast path only: it accepts a document only when it
is sure the detailed hook would accept it and build the same object. On any
doubt or failure it gives up, and the detailed hook runs from the start, so error
reports stay exactly as complete (same codes, paths, messages and order). Objects
built on the fast path skip the repeated per-field checks of their constructor
but always run their cross-field rules: a class that declares
``__attrs_post_init__ = check_fields`` has its fields set directly, any other is
built through ``__init__`` (:func:`~kotakerja._model.build_trusted`).
"""

from __future__ import annotations

import enum
import linecache
import operator
import re
import threading
import types
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import cattrs
import pendulum

from .._errors import ErrorDetail, Problems, ValidationError
from .._model import (
    INT_MAX,
    MAX_DECIMAL_TEXT,
    MAX_TEXT_LENGTH,
    JsonObject,
    build_trusted,
    check_fields,
    field_specs,
)
from ._codecs import (
    _DECIMAL_RX,
    Codec,
    _check_text,
    codec_for,
    parse_datetime,
)

__all__ = [
    "ENABLED",
    "FastPath",
    "float_check",
    "fast_structure",
    "fast_unstructure",
    "may_hold_float",
    "structure_fast_path",
    "type_may_hold_float",
    "unstructure_fast_path",
]

StructureHook = Callable[[Any, Any], Any]


ENABLED = True
"""Whether `make_converter` gives converters the generated fast path (tests compare both)."""


class _Slow(Exception):
    """The fast path cannot decide; the detailed hook must run.

    Raised as a class, so each raise makes a fresh instance: one shared instance
    would gather the traceback of every raise (and the frames and documents in it).
    """


_SLOW = _Slow


class _GiveUp(Problems):
    """The collector the fast path hands to cross-field rules: the first problem gives up.

    The detailed path then runs from the start and reports every problem, so nothing
    needs collecting here; one stateless instance serves every object and thread.
    """

    __slots__ = ()

    def __init__(self) -> None:
        pass

    def add(self, path: str | tuple[str | int, ...], code: str, message: str) -> None:
        raise _SLOW

    def extend(self, error: ValidationError, prefix: str | int = "") -> None:
        if error.errors:
            raise _SLOW

    def __bool__(self) -> bool:
        return False

    def __len__(self) -> int:
        return 0

    def __iter__(self) -> Iterator[ErrorDetail]:
        return iter(())

    def raise_if_any(self) -> None:
        pass


_GIVE_UP = _GiveUp()
_MISSING = object()
_TD = (tuple, dict, JsonObject)

_MEMO_MAX = 20_000


class _Memo:
    """Objects of an immutable leaf type by the text they were read from, shared between
    documents (codes and dates repeat from one document to the next)."""

    def __init__(self, codec: Codec) -> None:
        self.found: dict[str, Any] = {}
        self._decode = codec.decode

    def read(self, value: Any) -> Any:
        """Decode `value` (refusing what the codec refuses) and remember the object."""
        obj = self._decode(value)
        if len(self.found) >= _MEMO_MAX:
            self.found.clear()
        self.found[value] = obj
        return obj


_MEMOS: dict[Any, _Memo] = {}


def _memo(codec: Codec) -> _Memo:
    found = _MEMOS.get(codec.type)
    if found is None or found._decode != codec.decode:
        found = _MEMOS[codec.type] = _Memo(codec)
    return found


def _optional_member(t: Any) -> Any:
    """X for ``X | None``, else None."""
    if get_origin(t) in (Union, type(int | None)):
        args = get_args(t)
        members = [m for m in args if m is not type(None)]
        if len(members) == 1 and len(args) == 2:
            return members[0]
    return None


def _tuple_item(t: Any) -> Any:
    args = get_args(t)
    if get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


class _Source:
    """Lines of generated source with the names they refer to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ns: dict[str, Any] = {}
        self._n = 0

    def name(self, value: Any, hint: str = "c") -> str:
        self._n += 1
        key = f"_{hint}{self._n}"
        self.ns[key] = value
        return key

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def compile(self, fn_name: str, what: str) -> Any:
        """Compile the lines and return function `fn_name`; its source goes into linecache.

        Like attrs and cattrs, each generated function gets a unique file name whose
        text linecache knows, so tracebacks, debuggers and ``inspect.getsource`` show it.
        """
        text = "\n".join(self.lines) + "\n"
        filename = _unique_filename(what)
        code = compile(text, filename, "exec")
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        exec(code, self.ns)
        return self.ns[fn_name]


_FILENAMES: dict[str, int] = {}
_FILENAMES_LOCK = threading.Lock()


def _unique_filename(what: str) -> str:
    """``<kotakerja generated structure Mou>``, numbered from the second of a kind on."""
    with _FILENAMES_LOCK:
        n = _FILENAMES.get(what, 0) + 1
        _FILENAMES[what] = n
    suffix = f"-{n}" if n > 1 else ""
    return f"<kotakerja generated {what}{suffix}>"


# Structure ------------------------------------------------------------------------------


_MATCHERS: dict[str, tuple[set[str], Callable[[str], Any]]] = {}
_MEMO_LENGTH = 16
_MEMO_SIZE = 1024


def _matcher(pattern: str) -> tuple[set[str], Callable[[str], Any]]:
    """Short strings known to match `pattern`, and a fullmatch that adds to them.

    Codes (currencies, UN/LOCODEs, units, ...) repeat from document to document; a
    set look-up is several times cheaper than the regular expression. Only short
    strings are kept, and at most a thousand or so per pattern.
    """
    found = _MATCHERS.get(pattern)
    if found is not None:
        return found
    ok: set[str] = set()
    fullmatch = re.compile(pattern).fullmatch

    def check(value: str) -> Any:
        m = fullmatch(value)
        if m is not None and len(value) <= _MEMO_LENGTH and len(ok) < _MEMO_SIZE:
            ok.add(value)
        return m

    _MATCHERS[pattern] = (ok, check)
    return ok, check


def _emit_pattern(src: _Source, ind: int, var: str, pattern: str) -> None:
    ok, check = _matcher(pattern)
    known, rx = src.name(ok, "ok"), src.name(check, "rx")
    src.add(ind, f"if {var} not in {known} and {rx}({var}) is None: raise _SLOW")


def _length_test(var: str, spec: Any, is_str: bool) -> str | None:
    """A test true when `var` has a wrong length, or None when any length will do."""
    min_length = spec.get("min_length")
    if min_length is None and is_str:
        min_length = 1
    max_length = spec.get("max_length")
    if max_length is None and is_str:
        max_length = MAX_TEXT_LENGTH
    low = int(min_length) if min_length else None
    high = int(max_length) if max_length is not None else None
    if low is not None and high is not None:
        return f"not ({low} <= len({var}) <= {high})"
    if low == 1:
        return f"not {var}"
    if low is not None:
        return f"len({var}) < {low}"
    if high is not None:
        return f"len({var}) > {high}"
    return None


def _str_constraints(src: _Source, ind: int, var: str, spec: Any, is_str: bool) -> bool:
    """Inline length and pattern checks; False when a constraint needs the generic check."""
    test = _length_test(var, spec, is_str)
    if test is not None:
        src.add(ind, f"if {test}: raise _SLOW")
    pattern = spec.get("pattern")
    if pattern:
        if not is_str:
            return False
        _emit_pattern(src, ind, var, pattern)
    return True


def _emit_value(
    conv: cattrs.Converter,
    src: _Source,
    ind: int,
    t: Any,
    var: str,
    out: str,
    spec: Any,
    known: dict[str, Any],
) -> None:
    """Emit lines that check `var` as a `t` and assign the structured value to `out`.

    `spec` holds the field's ``meta()`` constraints (empty for tuple items).
    """
    hook = conv.get_structure_hook(t)
    inner = _optional_member(t)
    if inner is not None:
        src.add(ind, f"if {var} is None:")
        src.add(ind + 1, f"{out} = None")
        src.add(ind, "else:")
        _emit_value(conv, src, ind + 1, inner, var, out, spec, known)
        return
    if _emit_union(conv, src, ind, t, var, out, hook):
        _generic_constraints(src, ind, t, out, spec)
        return
    ranges = [spec.get(k) for k in ("minimum", "maximum", "exclusive_minimum")]
    if t is str and hook is known["str"]:
        test = _length_test(var, spec, True)
        src.add(ind, f"if type({var}) is not str{f' or {test}' if test else ''}: raise _SLOW")
        src.add(ind, f"if not {var}.isascii(): _check_text({var})")
        pattern = spec.get("pattern")
        if pattern:
            _emit_pattern(src, ind, var, pattern)
        if any(r is not None for r in ranges):
            _generic_constraints(src, ind, t, var, spec)
        src.add(ind, f"{out} = {var}")
        return
    if t is int and hook is known["int"]:
        src.add(ind, f"if type({var}) is not int: raise _SLOW")
        src.add(ind, f"if not -_INT_MAX <= {var} <= _INT_MAX: raise _SLOW")
        for key, op in (("minimum", "<"), ("maximum", ">"), ("exclusive_minimum", "<=")):
            bound = spec.get(key)
            if bound is not None:
                b = src.name(bound, "b")
                src.add(ind, f"if {var} {op} {b}: raise _SLOW")
        if spec.get("min_length") or spec.get("max_length") is not None or spec.get("pattern"):
            _generic_constraints(src, ind, t, var, spec)
        src.add(ind, f"{out} = {var}")
        return
    if t is bool and hook is known["bool"]:
        src.add(ind, f"if type({var}) is not bool: raise _SLOW")
        src.add(ind, f"{out} = {var}")
        return
    if (
        isinstance(t, type)
        and issubclass(t, enum.Enum)
        and hook in (known["enum"](t), known["str"], known["int"])
    ):
        by_value = {m.value: m for m in t}
        members = src.name(by_value, "e")
        if all(type(k) is str for k in by_value):
            src.add(ind, f"if type({var}) is not str: raise _SLOW")
        else:
            src.add(ind, f"if type({var}) is not str and type({var}) is not int: raise _SLOW")
        src.add(ind, f"{out} = {members}[{var}]")
        _generic_constraints(src, ind, t, out, spec)
        return
    codec = codec_for(t)
    if codec is not None and codec.shared and hook is codec.structure:
        memo = _memo(codec)
        found, read = src.name(memo.found, "m"), src.name(memo.read, "r")
        src.add(ind, f"{out} = {found}.get({var}) if type({var}) is str else None")
        src.add(ind, f"if {out} is None: {out} = {read}({var})")
        _generic_constraints(src, ind, t, out, spec)
        return
    if t is Decimal and hook is known["decimal"]:
        src.add(ind, f"if type({var}) is not str: raise _SLOW")
        src.add(ind, f"if len({var}) > _max_decimal: raise _SLOW")
        _emit_pattern(src, ind, var, _DECIMAL_RX.pattern)
        src.add(ind, f"{out} = _Decimal({var})")
        if any(spec.get(k) for k in ("min_length", "max_length", "pattern")):
            _generic_constraints(src, ind, t, out, spec)
        else:
            # A plain decimal string gives a finite Decimal: bounds compare directly.
            for key, op in (("minimum", ">="), ("maximum", "<="), ("exclusive_minimum", ">")):
                bound = spec.get(key)
                if bound is not None:
                    b = src.name(bound, "b")
                    src.add(ind, f"if not {out} {op} {b}: raise _SLOW")
        return
    if t is pendulum.DateTime and hook is known["datetime"]:
        src.add(ind, f"{out} = _parse_datetime({var})")
        _generic_constraints(src, ind, t, out, spec)
        return
    item = _tuple_item(t)
    if item is not None:
        src.add(ind, f"if type({var}) is not list: raise _SLOW")
        item_hook = conv.get_structure_hook(item)
        if item is str and item_hook is known["str"]:
            src.add(ind, f"for _x in {var}:")
            src.add(ind + 1, "if type(_x) is not str or not _x or len(_x) > _max_text: raise _SLOW")
            src.add(ind + 1, "if not _x.isascii(): _check_text(_x)")
            src.add(ind, f"{out} = tuple({var})")
        elif (
            isinstance(item, type)
            and issubclass(item, enum.Enum)
            and item_hook in (known["enum"](item), known["str"])
            and all(type(m.value) is str for m in item)
            and not _constraint_checks_of(item)
        ):
            member_of = src.name({m.value: m for m in item}.__getitem__, "e")
            src.add(ind, f"for _x in {var}:")
            src.add(ind + 1, "if type(_x) is not str: raise _SLOW")
            src.add(ind, f"{out} = tuple(map({member_of}, {var}))")
        else:
            fn = src.name(_item_function(conv, item, known), "f")
            src.add(ind, f"{out} = tuple(map({fn}, {var}))")
        if not _str_constraints(src, ind, out, spec, False):
            _generic_constraints(src, ind, t, out, spec)
        return
    fast = getattr(hook, "kotakerja_fast", None)
    if fast is not None:
        fn = src.name(fast.get(), "f")
        src.add(ind, f"{out} = {fn}({var})")
    else:
        h = src.name(hook, "h")
        tp = src.name(t, "t")
        src.add(ind, f"{out} = {h}({var}, {tp})")
    _generic_constraints(src, ind, t, out, spec)


_UNION_HOOK = ("kotakerja.serialization._converter", "_union_structure.<locals>.factory.<locals>.")


def _emit_union(
    conv: cattrs.Converter, src: _Source, ind: int, t: Any, var: str, out: str, hook: Any
) -> bool:
    """Emit lines reading a union of one shared string type (a partial date, a region) and
    one attrs class (a reported date, a foreign locality), maybe None; False when `t` is not
    such a union or the converter reads it with a hook of its own.

    The converter's union hook picks the one member whose JSON form is the value's and
    reads the value with that member's hook; so do these lines, the string member through
    the memo of its texts.
    """
    if get_origin(t) not in (Union, type(int | None)):
        return False
    if (getattr(hook, "__module__", None), getattr(hook, "__qualname__", "")[:-9]) != _UNION_HOOK:
        return False
    args = get_args(t)
    members = [m for m in args if m is not type(None)]
    if len(members) != 2:
        return False
    text_member = object_member = None
    for m in members:
        codec = codec_for(m)
        if codec is not None:
            if codec.shape != "string" or not codec.shared or text_member is not None:
                return False
            if conv.get_structure_hook(m) is not codec.structure:
                return False
            text_member = codec
        elif isinstance(m, type) and attrs.has(m) and object_member is None:
            fast = getattr(conv.get_structure_hook(m), "kotakerja_fast", None)
            if fast is None:
                return False
            object_member = fast
        else:
            return False
    if text_member is None or object_member is None:
        return False
    memo = _memo(text_member)
    found, read = src.name(memo.found, "m"), src.name(memo.read, "r")
    fn = src.name(object_member.get(), "f")
    src.add(ind, f"if type({var}) is str:")
    src.add(ind + 1, f"{out} = {found}.get({var})")
    src.add(ind + 1, f"if {out} is None: {out} = {read}({var})")
    src.add(ind, f"elif type({var}) is dict:")
    src.add(ind + 1, f"{out} = {fn}({var})")
    if len(args) == 3:
        src.add(ind, f"elif {var} is None:")
        src.add(ind + 1, f"{out} = None")
    src.add(ind, "else: raise _SLOW")
    return True


def _constraint_checks_of(t: Any) -> bool:
    from .._model import _constraint_checks

    return bool(_constraint_checks(t, {}))


def _generic_constraints(src: _Source, ind: int, t: Any, var: str, spec: Any) -> None:
    from .._model import _constraint_checks

    checks = _constraint_checks(t, spec)
    if checks:
        cs = src.name(tuple(checks), "k")
        src.add(ind, f"for _k in {cs}:")
        src.add(ind + 1, f"if _k({var}) is not None: raise _SLOW")


def _item_function(conv: cattrs.Converter, t: Any, known: dict[str, Any]) -> Callable[[Any], Any]:
    hook = conv.get_structure_hook(t)
    fast = getattr(hook, "kotakerja_fast", None)
    if fast is not None:
        f: Callable[[Any], Any] = fast.get()
        return f
    src = _Source()
    src.add(0, "def item(v):")
    src.ns.update(_structure_globals())
    _emit_value(conv, src, 1, t, "v", "r", {}, known)
    src.add(1, "return r")
    item_fn: Callable[[Any], Any] = src.compile("item", "item")
    return item_fn


def _structure_globals() -> dict[str, Any]:
    return {
        "_SLOW": _SLOW,
        "_MISSING": _MISSING,
        "_check_text": _check_text,
        "_INT_MAX": INT_MAX,
        "_max_decimal": MAX_DECIMAL_TEXT,
        "_max_text": MAX_TEXT_LENGTH,
        "_decimal_rx": _DECIMAL_RX.fullmatch,
        "_Decimal": Decimal,
        "_parse_datetime": parse_datetime,
    }


def _omitted_when_empty(s: Any) -> bool:
    default = s.attribute.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return not s.spec.get("required_in_json")
    return bool(default is None or default == ())


def _post_init_only_checks(cls: type) -> bool:
    """True when `cls` declares that building it is attrs' plain ``__init__`` plus the checks.

    A class declares it with ``__attrs_post_init__ = check_fields``: then the fast
    path may set the fields itself and run the cross-field rules, which is what
    ``__init__`` would do for a trusted instance. Any other class is built through
    its ``__init__``.
    """
    if getattr(cls, "__attrs_post_init__", None) is not check_fields:
        return False
    if getattr(cls, "__attrs_pre_init__", None) is not None:
        return False
    if "__attrs_cached_hash" in getattr(cls, "__slots__", ()):
        return False
    for a in attrs.fields(cls):
        if a.validator is not None or a.converter is not None or not a.init:
            return False
        if a.alias is not None and a.alias != a.name:
            return False
    return True


def _slot_setter(cls: type, name: str) -> Any:
    """The ``__set__`` of the slot `name` of `cls`, or None when it is not a plain slot."""
    for c in cls.__mro__:
        if name in c.__dict__:
            found = c.__dict__[name]
            return found.__set__ if type(found) is types.MemberDescriptorType else None
    return None


def fast_structure(
    conv: cattrs.Converter,
    cls: type,
    specs: list[Any],
    header: tuple[str, str] | None,
    kind: str | None,
    known: dict[str, Any],
) -> Callable[[Any], Any]:
    """Generate the fast structure function of attrs class `cls` (raises on any doubt)."""
    src = _Source()
    src.ns.update(_structure_globals())
    src.ns["_cls"] = cls
    src.add(0, "def structure(d):")
    src.add(1, "if type(d) is not dict: raise _SLOW")
    if header is not None:
        src.ns["_header"] = header
        src.add(1, 'if (d.get("type"), d.get("schema_version")) != _header: raise _SLOW')
    if kind is not None:
        src.ns["_kind"] = kind
        src.add(1, 'if d.get("kind") != _kind: raise _SLOW')
    local = {s.name: f"a{i}" for i, s in enumerate(specs)}
    required = [s for s in specs if s.required_in_json]
    # Fields written even when they hold their default come first: documents written
    # by kotakerja always have them, and once no key is left the rest are skipped.
    optional = sorted(
        (s for s in specs if not s.required_in_json), key=lambda s: _omitted_when_empty(s)
    )
    for s in required:
        src.add(1, f"v = d[{s.name!r}]")  # a missing key raises KeyError: the detailed path
        _emit_value(conv, src, 1, s.type, "v", local[s.name], s.spec, known)
    # Keys left to read: once none are, the other optional fields are absent; any
    # left at the end are unknown keys.
    given = len(required) + (2 if header is not None else 0) + (kind is not None)
    src.add(1, f"rest = len(d) - {given}")
    for s in optional:
        var = local[s.name]
        src.add(1, f"if rest and (v := d.get({s.name!r}, _MISSING)) is not _MISSING:")
        src.add(2, "rest -= 1")
        _emit_value(conv, src, 2, s.type, "v", var, s.spec, known)
        src.add(1, "else:")
        src.add(2, f"{var} = _MISSING")
    src.add(1, "if rest: raise _SLOW")
    if _post_init_only_checks(cls):
        src.ns["_new"] = object.__new__
        src.ns["_set"] = object.__setattr__
        src.add(1, "o = _new(_cls)")
        for a in attrs.fields(cls):
            var = local[a.name]
            default = a.default
            setter = _slot_setter(cls, a.name)
            put = f"_set(o, {a.name!r}, " if setter is None else f"{src.name(setter, 's')}(o, "
            if default is attrs.NOTHING:
                src.add(1, f"{put}{var})")
                continue
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                fac = src.name(default.factory, "d")
                expr = f"{fac}(o)" if default.takes_self else f"{fac}()"
            else:
                expr = src.name(default, "d")
            src.add(1, f"{put}{expr} if {var} is _MISSING else {var})")
        if getattr(cls, "_check_rules", None) is not None:
            src.ns["_give_up"] = _GIVE_UP
            src.add(1, "o._check_rules(_give_up)")
        src.add(1, "return o")
    else:
        src.add(1, "kw = {}")
        for name, var in local.items():
            src.add(1, f"if {var} is not _MISSING: kw[{name!r}] = {var}")
        src.ns["_build_trusted"] = build_trusted
        src.add(1, "return _build_trusted(_cls, kw)")
    return src.compile("structure", f"structure {cls.__qualname__}")  # type: ignore[no-any-return]


_BUILD_LOCK = threading.RLock()
_GIVE_UP_ON = (_Slow, ValidationError, LookupError, RecursionError)
"""What the generated functions raise when the detailed hook must decide; anything else is a bug."""


class FastPath:
    """A generated function, made on first use (classes may refer to each other)."""

    def __init__(self, make: Callable[[], Callable[[Any], Any]]) -> None:
        self._make = make
        self._building = False
        self.fn: Callable[[Any], Any] | None = None
        self.info: Callable[[], Any] | None = None
        """For unstructure functions: how to write the class inline in another."""

    def get(self) -> Callable[[Any], Any]:
        """The generated function; a trampoline to it while it is being generated."""
        if self.fn is not None:
            return self.fn
        with _BUILD_LOCK:  # one thread generates; recursion in it gets the trampoline
            if self.fn is None:
                if self._building:
                    return self._trampoline
                self._building = True
                try:
                    self.fn = self._make()
                finally:
                    self._building = False
            return self.fn

    def _trampoline(self, value: Any) -> Any:
        return self.get()(value)


def structure_fast_path(fast: FastPath, detailed: StructureHook) -> StructureHook:
    """The hook: the fast path, and the detailed hook from the start when it gives up."""

    def structure(data: Any, cl: Any) -> Any:
        fn = fast.fn or fast.get()
        try:
            return fn(data)
        except _GIVE_UP_ON:
            pass  # the detailed hook reads the document from the start and reports
        return detailed(data, cl)

    structure.kotakerja_fast = fast  # type: ignore[attr-defined]
    return structure


def unstructure_fast_path(fast: FastPath) -> Callable[[Any], Any]:
    """The unstructure hook: the generated function, made on first use."""

    def unstructure(obj: Any) -> Any:
        return (fast.fn or fast.get())(obj)

    unstructure.kotakerja_fast = fast  # type: ignore[attr-defined]
    return unstructure


# Unstructure ----------------------------------------------------------------------------


def _unstructure_expr(
    conv: cattrs.Converter, src: _Source, t: Any, var: str, field_hook: Any, known: dict[str, Any]
) -> str:
    """An expression giving the plain value of non-None `var` of type `t`."""
    inner = _optional_member(t)
    if inner is not None:
        t = inner
        field_hook = known["field_unstructure"](conv, t)
        if field_hook is None:
            return var
    if t in (str, int, bool, float) or t is Any:
        return var
    if isinstance(t, type) and issubclass(t, enum.Enum) and field_hook is known["enum_value"]:
        return f"{var}._value_"
    item = _tuple_item(t)
    if item is not None:
        item_hook = known["field_unstructure"](conv, item)
        if item_hook is None:
            return f"list({var})"
        expr = _unstructure_expr(conv, src, item, "_x", item_hook, known)
        if _optional_member(item) is not None and expr != "_x":
            expr = f"(None if _x is None else {expr})"
        call = re.fullmatch(r"(_h[0-9]+)\(_x\)", expr)
        if call:
            return f"list(map({call.group(1)}, {var}))"
        attribute = re.fullmatch(r"_x\.([a-z_]+)", expr)
        if attribute:
            getter = src.name(operator.attrgetter(attribute.group(1)), "g")
            return f"list(map({getter}, {var}))"
        return f"[{expr} for _x in {var}]"
    if field_hook is known["code_of"]:
        return f"{var}.code"
    if field_hook is known["format_iso"]:
        return f"{var}.format_iso()"
    fast = getattr(field_hook, "kotakerja_fast", None)
    h = src.name(fast.get() if fast is not None else field_hook, "h")
    return f"{h}({var})"


def _kept(t: Any, v: str) -> str:
    """The test that keeps a field left out when empty: None, or an empty tuple or dict."""
    base = _optional_member(t) or t
    if _tuple_item(base) is not None:
        return v  # checked fields hold tuples, never lists
    if base in (str, int, bool, float) or (isinstance(base, type) and attrs.has(base)):
        return f"{v} is not None"
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return f"{v} is not None"
    return f"{v} is not None and ({v} or type({v}) not in _TD)"


def fast_unstructure(
    conv: cattrs.Converter,
    cls: type,
    fields: list[tuple[str, Any, Any, bool]],
    header: tuple[str, str] | None,
    kind: str | None,
    known: dict[str, Any],
) -> Callable[[Any], dict[str, Any]]:
    """Generate the unstructure function of attrs class `cls`.

    `fields` holds, in output order, each field's name, type, hook (None when the
    value is already plain) and whether an empty value is left out. Single nested
    objects of generated classes are written inline, one level deep.
    """
    src = _Source()
    src.ns["_TD"] = _TD
    src.add(0, "def unstructure(o):")
    _emit_unstructure(conv, src, 1, (fields, header, kind), "o", "out", known, {cls}, 0)
    src.add(1, "return out")
    fn: Callable[[Any], dict[str, Any]] = src.compile(
        "unstructure", f"unstructure {cls.__qualname__}"
    )
    return fn


def _emit_unstructure(
    conv: cattrs.Converter,
    src: _Source,
    ind: int,
    info: tuple[list[tuple[str, Any, Any, bool]], tuple[str, str] | None, str | None],
    obj: str,
    out: str,
    known: dict[str, Any],
    chain: set[type],
    depth: int,
) -> None:
    fields, header, kind = info
    if header is not None:
        src.add(ind, f"{out} = {{'type': {header[0]!r}, 'schema_version': {header[1]!r}}}")
    else:
        src.add(ind, f"{out} = {{}}")
    if kind is not None:
        src.add(ind, f"{out}['kind'] = {kind!r}")
    v = f"v{depth}"
    for name, t, hook, omit in fields:
        key = repr(name)
        src.add(ind, f"{v} = {obj}.{name}")
        base = _optional_member(t) or t
        child_info = None
        if depth == 0 and hook is not None and isinstance(base, type) and base not in chain:
            base_hook = hook if base is t else known["field_unstructure"](conv, base)
            child = getattr(base_hook, "kotakerja_fast", None)
            info_fn = getattr(child, "info", None)
            child_info = info_fn() if info_fn is not None else None
        if child_info is not None:
            # A single nested object: written inline, no call.
            src.add(ind, f"if {v} is not None:")
            sub = f"out{depth + 1}"
            _emit_unstructure(
                conv, src, ind + 1, child_info, v, sub, known, chain | {base}, depth + 1
            )
            src.add(ind + 1, f"{out}[{key}] = {sub}")
            if not omit:
                src.add(ind, "else:")
                src.add(ind + 1, f"{out}[{key}] = None")
            continue
        expr = v if hook is None else _unstructure_expr(conv, src, t, v, hook, known)
        if omit:
            src.add(ind, f"if {_kept(t, v)}:")
            src.add(ind + 1, f"{out}[{key}] = {expr}")
        elif expr == v:
            src.add(ind, f"{out}[{key}] = {v}")
        else:
            src.add(ind, f"{out}[{key}] = None if {v} is None else {expr}")


# Floats ------------------------------------------------------------------------------------


def _may_hold_float(t: Any, seen: set[type]) -> bool:
    """Whether a value of type `t` may hold a float, through any field at any depth."""
    if t is float or t is Any:
        return True
    origin = get_origin(t)
    if origin is not None:
        if origin is Literal:
            return any(type(a) is float for a in get_args(t))
        return any(_may_hold_float(a, seen) for a in get_args(t) if a is not Ellipsis)
    if isinstance(t, type) and attrs.has(t):
        if t in seen:
            return False
        seen.add(t)
        return any(_may_hold_float(s.type, seen) for s in field_specs(t))
    return False


_FLOAT_CHECKS: dict[type, FastPath] = {}


def _float_check(cls: type) -> FastPath:
    try:
        return _FLOAT_CHECKS[cls]
    except KeyError:
        pass
    fp = _FLOAT_CHECKS[cls] = FastPath(lambda: _make_float_check(cls))
    return fp


def _make_float_check(cls: type) -> Callable[[Any], bool]:
    terms: list[str] = []
    src = _Source()
    for s in field_specs(cls):
        if not _may_hold_float(s.type, set()):
            continue
        base = _optional_member(s.type) or s.type
        item = _tuple_item(base)
        if item is not None and isinstance(item, type) and attrs.has(item):
            name = src.name(_float_check(item).get(), "f")
            terms.append(f"(o.{s.name} is not None and any(map({name}, o.{s.name})))")
        elif isinstance(base, type) and attrs.has(base):
            name = src.name(_float_check(base).get(), "f")
            terms.append(f"(o.{s.name} is not None and {name}(o.{s.name}))")
        else:
            # A falsy value (None, 0.0, empty) is written alike by both writers.
            terms.append(f"bool(o.{s.name})")
    src.add(0, "def may_hold_float(o):")
    src.add(1, f"return {' or '.join(terms) or 'False'}")
    fn: Callable[[Any], bool] = src.compile("may_hold_float", f"floats {cls.__qualname__}")
    return fn


def may_hold_float(obj: Any) -> bool:
    """Whether the plain data of kotakerja object `obj` may hold a float (or NaN).

    False only when no field at any depth can hold one, or those that can are empty;
    then its JSON text needs no float check.
    """
    cls = type(obj)
    if not attrs.has(cls):
        return True
    fp = _FLOAT_CHECKS.get(cls) or _float_check(cls)
    return bool((fp.fn or fp.get())(obj))


def type_may_hold_float(t: Any) -> bool:
    """Whether a value of type `t` may hold a float (or NaN) anywhere; True unless `t` is an
    attrs class none of whose fields, at any depth, can hold one."""
    if not (isinstance(t, type) and attrs.has(t)):
        return True
    return _may_hold_float(t, set())


def float_check(t: Any) -> Callable[[Any], bool] | None:
    """`may_hold_float` for objects of exactly type `t`; None when no `t` can hold a float."""
    if not type_may_hold_float(t):
        return None
    if not (isinstance(t, type) and attrs.has(t)):
        return lambda obj: True
    fn: Callable[[Any], bool] = _float_check(t).get()
    return fn
