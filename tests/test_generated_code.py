"""The generated fast path: debuggable source, and built from what classes declare."""

from __future__ import annotations

import inspect
import linecache
import traceback
from typing import Any

import attrs
import pytest

import kotakerja
from kotakerja import Money, Mou
from kotakerja._model import check_fields, meta
from kotakerja.serialization import _fast, make_converter


def _generated(cls: type) -> Any:
    return make_converter().get_structure_hook(cls).kotakerja_fast.get()


def test_generated_source_is_in_linecache() -> None:
    fn = _generated(Money)
    filename = fn.__code__.co_filename
    assert filename.startswith("<kotakerja generated structure Money")
    assert linecache.getlines(filename)
    assert inspect.getsource(fn).startswith("def structure(d):")


def test_each_generated_function_has_its_own_file_name() -> None:
    first, second = _generated(Money), _generated(Money)
    assert first.__code__.co_filename != second.__code__.co_filename
    assert inspect.getsource(first) == inspect.getsource(second)


def test_tracebacks_through_generated_code_show_its_lines() -> None:
    conv = make_converter()
    hook = conv.get_unstructure_hook(Money)
    with pytest.raises(AttributeError) as exc:
        hook(object())
    text = "".join(traceback.format_exception(exc.value))
    assert "<kotakerja generated unstructure Money" in text
    assert "o.amount" in text


@attrs.frozen(kw_only=True)
class _Declared:
    name: str = attrs.field(metadata=meta(max_length=5))

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class _Written:
    """Its post-init does what check_fields does, but says so only in its code."""

    name: str = attrs.field(metadata=meta(max_length=5))

    def __attrs_post_init__(self) -> None:
        check_fields(self)


def test_direct_building_follows_the_declaration_not_the_bytecode() -> None:
    assert _fast._post_init_only_checks(_Declared)
    assert _fast._post_init_only_checks(Mou)
    assert not _fast._post_init_only_checks(_Written)
    assert "_build_trusted" in inspect.getsource(_generated(_Written))
    assert "_build_trusted" not in inspect.getsource(_generated(_Declared))
    for cls in (_Declared, _Written):
        assert kotakerja.from_dict(cls, {"name": "abc"}) == cls(name="abc")
        with pytest.raises(kotakerja.ValidationError):
            kotakerja.from_dict(cls, {"name": "abcdef"})
