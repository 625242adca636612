"""Errors as data: every problem has a path, a JSON Pointer, a code and a message."""

from __future__ import annotations

import json
import pickle

import attrs
import pytest

import kotakerja
from kotakerja import ErrorDetail, ValidationError


def test_pointer_follows_the_path() -> None:
    detail = ErrorDetail("parties[1].signatory.title", "kotakerja.empty", "must not be empty")
    assert detail.path == "parties[1].signatory.title"
    assert detail.pointer == "/parties/1/signatory/title"


def test_the_whole_document_is_the_empty_pointer() -> None:
    assert ErrorDetail("", "kotakerja.type", "expected object").pointer == ""


def test_pointer_escapes_tilde_and_slash_and_keeps_dotted_keys_whole(
    example_mou: kotakerja.Mou,
) -> None:
    with pytest.raises(ValidationError) as exc:
        attrs.evolve(example_mou, extensions={"arsip.go.id:a/b~c": [1, {"x.y": "\ud800"}]})
    bad_key, surrogate = exc.value.errors
    assert bad_key.pointer == "/extensions/arsip.go.id:a~1b~0c"
    assert surrogate.path == "extensions.arsip.go.id:a/b~c[1].x.y"
    assert surrogate.pointer == "/extensions/arsip.go.id:a~1b~0c/1/x.y"


def test_prefixing_keeps_the_pointer_exact() -> None:
    inner = ErrorDetail("title", "kotakerja.empty", "must not be empty")
    outer = inner.prefixed(1).prefixed("parties")
    assert outer.path == "parties[1].title"
    assert outer.pointer == "/parties/1/title"
    assert ErrorDetail.at(("a.b", 0), "c", "m").pointer == "/a.b/0"


def test_error_details_are_json_ready() -> None:
    detail = ErrorDetail("parties[1].signatory.title", "kotakerja.empty", "must not be empty")
    assert detail.to_dict() == {
        "path": "parties[1].signatory.title",
        "pointer": "/parties/1/signatory/title",
        "code": "kotakerja.empty",
        "message": "must not be empty",
    }
    error = ValidationError([detail, ErrorDetail("", "kotakerja.type", "expected object")])
    assert json.loads(json.dumps(error.to_dict())) == error.to_dict()
    assert [e["pointer"] for e in error.to_dict()["errors"]] == ["/parties/1/signatory/title", ""]


def test_a_decoding_error_points_into_the_document(example_mou: kotakerja.Mou) -> None:
    doc = kotakerja.to_dict(example_mou)
    doc["parties"][1]["name"] = ""
    with pytest.raises(ValidationError) as exc:
        kotakerja.from_dict(kotakerja.Mou, doc)
    pointers = [e.pointer for e in exc.value.errors]
    assert "/parties/1/name" in pointers


def test_details_pickle_and_compare_as_before() -> None:
    detail = ErrorDetail("a[0]", "c", "m")
    assert pickle.loads(pickle.dumps(detail)) == detail
    assert pickle.loads(pickle.dumps(detail)).pointer == "/a/0"
    assert repr(detail) == "ErrorDetail(path='a[0]', code='c', message='m')"
