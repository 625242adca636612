"""OpenAPI components and input records for web APIs."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

import kotakerja as kk


def _resolve(schemas: dict[str, object], name: str) -> dict[str, object]:
    return {"$ref": f"#/components/schemas/{name}", "components": {"schemas": schemas}}


def test_every_reference_points_into_components() -> None:
    schemas = kk.openapi_components()["schemas"]
    text = json.dumps(schemas)
    assert "#/$defs/" not in text
    names = set(re.findall(r'"#/components/schemas/([A-Za-z]+)"', text))
    assert "Scheme" in names
    assert names <= set(schemas)


def test_the_openapi_document_validates() -> None:
    from openapi_spec_validator import validate

    validate(
        {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": kk.openapi_components(),
        }
    )


@pytest.mark.parametrize("record", list(kk.examples()), ids=lambda r: r.id)
def test_records_validate_and_inputs_validate_without_server_fields(record: kk.Record) -> None:
    schemas = kk.openapi_components()["schemas"]
    data = kk.to_dict(record)
    name = type(record).__name__
    jsonschema.validate(data, _resolve(schemas, name))
    jsonschema.validate(data, _resolve(schemas, "Record"))
    given = {k: v for k, v in data.items() if k not in kk.openapi.SERVER_FIELDS}
    jsonschema.validate(given, _resolve(schemas, f"{name}Input"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _resolve(schemas, f"{name}Input"))
    rebuilt = kk.from_input(type(record), given, id=record.id)
    assert rebuilt == record


def test_from_input_assigns_id_and_refuses_server_fields() -> None:
    body = {"title": "X", "scheme": "ksdd", "parties": [{"region": "35.71"}, {"region": "33.72"}]}
    first = kk.from_input(kk.Mou, body)
    second = kk.from_input(kk.Mou, body)
    assert first.id != second.id
    assert first.id.startswith("mou-")
    with pytest.raises(kk.ValidationError) as caught:
        kk.from_input(kk.Mou, {**body, "type": "mou", "schema_version": "1.0"})
    assert [e.path for e in caught.value.errors] == ["type", "schema_version"]
    assert {e.code for e in caught.value.errors} == {"kotakerja.input.server_field"}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_validation_errors_become_problem_details(lang: str) -> None:
    body = {
        "title": "",
        "scheme": "ksdd",
        "parties": [{"region": "35.71"}, {"region": "99.99"}],
        "bogus": 1,
    }
    with pytest.raises(kk.ValidationError) as caught:
        kk.from_input(kk.Mou, body)
    problem = caught.value.to_problem(lang)
    schemas = kk.openapi_components()["schemas"]
    jsonschema.validate(problem, _resolve(schemas, "Problem"))
    assert problem["status"] == 422
    assert problem["title"] == {"id": "Data tidak valid", "en": "Invalid data"}[lang]
    pointers = {e["pointer"]: e for e in problem["errors"]}
    assert set(pointers) == {"/title", "/parties/1/region", "/bogus"}
    region = pointers["/parties/1/region"]
    assert region["code"] == "kotakerja.region.unknown"
    if lang == "id":
        assert region["detail"] == "Kode wilayah Kemendagri tidak dikenal."
    else:
        assert "99.99" in region["detail"]


def test_every_indonesian_detail_is_a_sentence_even_for_new_codes() -> None:
    error = kk.ValidationError(
        [
            kk.ErrorDetail("a", "kotakerja.money.something_new", "x"),
            kk.ErrorDetail("b", "acme.custom", "y"),
        ]
    )
    details = [e["detail"] for e in error.to_problem("id")["errors"]]
    assert details == ["Jumlah uang tidak sah.", "Data tidak sah."]
    with pytest.raises(ValueError, match="lang"):
        error.to_problem("fr")
