"""Extensions: application data that a frozen record keeps frozen."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest

import kotakerja
from kotakerja import Mou, from_json, to_json


def test_the_callers_dict_is_copied_and_later_changes_do_not_reach_the_record(
    example_mou: Mou,
) -> None:
    given = {"a.id:list": [1, 2], "a.id:obj": {"k": [3]}}
    mou = attrs.evolve(example_mou, extensions=given)
    given["a.id:list"].append({1, 2})  # type: ignore[attr-defined]
    given["a.id:obj"]["k"].append(4)  # type: ignore[index]
    given["a.id:new"] = 5
    assert dict(mou.extensions) == {"a.id:list": (1, 2), "a.id:obj": {"k": (3,)}}
    assert from_json(Mou, to_json(mou)) == mou


def test_nested_values_cannot_be_changed_after_construction(example_mou: Mou) -> None:
    mou = attrs.evolve(example_mou, extensions={"a.id:list": [1, [2]], "a.id:obj": {"k": 1}})
    with pytest.raises(TypeError):
        mou.extensions["a.id:x"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        mou.extensions["a.id:list"].append(3)
    with pytest.raises(TypeError):
        mou.extensions["a.id:obj"]["k"] = 2


def test_frozen_extensions_write_the_same_json_and_compare_equal_after_a_round_trip(
    example_mou: Mou,
) -> None:
    data = {"a.id:x": [1, "two", None, True, 1.5, {"y": [[]]}], "a.id:empty": {}}
    mou = attrs.evolve(example_mou, extensions=data)
    back = from_json(Mou, to_json(mou))
    assert back == mou
    assert back.extensions == data
    assert kotakerja.to_dict(mou)["extensions"] == data
    assert hash(back.extensions) == hash(mou.extensions)
    assert pickle.loads(pickle.dumps(mou)) == mou
    assert copy.deepcopy(mou) == mou


def test_records_without_extensions_write_none(example_mou: Mou) -> None:
    mou = attrs.evolve(example_mou, extensions={})
    assert "extensions" not in kotakerja.to_dict(mou)
    assert mou.extensions == {}
