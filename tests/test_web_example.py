"""The example FastAPI application in examples/web serves a register."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

import kotakerja as kk

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent


def _load_app_module() -> Any:
    path = ROOT / "examples" / "web" / "app.py"
    spec = importlib.util.spec_from_file_location("kotakerja_example_web", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(_load_app_module().create_app(f"sqlite:///{tmp_path / 'kerjasama.db'}"))


NEW_MOU = {
    "title": "Kesepakatan bersama Kota Kediri dan Kota Surakarta",
    "scheme": "ksdd",
    "parties": [{"region": "35.71"}, {"region": "33.72"}],
}


def test_lists_and_gets_records(client: TestClient) -> None:
    listed = client.get("/records", params={"type": "mou"}).json()
    assert {r["id"] for r in listed} >= {"mou-jakarta-shanghai-2020"}
    got = client.get("/records/mou-jakarta-shanghai-2020")
    assert got.status_code == 200
    assert kk.from_dict(kk.Record, got.json()) == kk.examples()["mou-jakarta-shanghai-2020"]


def test_unknown_record_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/records/absent")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_creating_a_record_assigns_server_fields_and_persists(
    client: TestClient, tmp_path: Path
) -> None:
    response = client.post("/mou", json=NEW_MOU)
    assert response.status_code == 201
    created = response.json()
    assert created["type"] == "mou"
    assert created["id"].startswith("mou-")
    assert response.headers["etag"] == '"1"'
    store = kk.open_store(f"sqlite:///{tmp_path / 'kerjasama.db'}")
    assert store.get(created["id"]).title == NEW_MOU["title"]


def test_invalid_body_gets_every_problem_with_pointers(client: TestClient) -> None:
    body = {**NEW_MOU, "parties": [{"region": "35.71"}, {"region": "99.99"}], "bogus": 1}
    response = client.post("/mou", json=body, headers={"accept-language": "id"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    pointers = {e["pointer"] for e in problem["errors"]}
    assert pointers == {"/parties/1/region", "/bogus"}


def test_server_fields_in_the_body_are_refused(client: TestClient) -> None:
    response = client.post("/mou", json={**NEW_MOU, "id": "mou-x"})
    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["/id"]


def test_report_endpoint(client: TestClient) -> None:
    data = client.get("/report", params={"on": "2023-09-01", "within": "6m"}).json()
    assert data["date"] == "2023-09-01"
    assert client.get("/report", params={"within": "soon"}).status_code == 400


def test_served_openapi_document_validates(client: TestClient) -> None:
    from openapi_spec_validator import validate

    document = client.get("/openapi.json").json()
    validate(document)
    schemas = document["components"]["schemas"]
    assert "MouInput" in schemas
    assert "id" not in schemas["MouInput"]["properties"]
    body = document["paths"]["/mou"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/MouInput"}


def test_put_needs_the_revision_it_was_based_on(client: TestClient) -> None:
    got = client.get("/records/mou-jakarta-shanghai-2020")
    etag = got.headers["etag"]
    body = {**got.json(), "title": "Nota kesepahaman kota bersahabat Jakarta–Shanghai"}
    assert client.put("/records/mou-jakarta-shanghai-2020", json=body).status_code == 428
    first = client.put("/records/mou-jakarta-shanghai-2020", json=body, headers={"if-match": etag})
    assert first.status_code == 200
    assert first.headers["etag"] != etag
    stale = client.put("/records/mou-jakarta-shanghai-2020", json=body, headers={"if-match": etag})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
