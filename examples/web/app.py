"""An example web API over a kotakerja register kept in a database, with FastAPI.

Run it with ``uvicorn app:create_app --factory`` from this folder (``pip install
"kotakerja[web]" uvicorn``). The register is a `kotakerja.Store` at the URL in
``KOTAKERJA_DB`` (default ``sqlite:///kerjasama.db``; a PostgreSQL URL works the
same with ``kotakerja[postgresql]``), filled with the bundled examples when empty.
Every write is validated by kotakerja first; a bad body gets an RFC 9457 problem
with the JSON Pointer and code of every problem; ``PUT`` takes the revision it
was based on (``If-Match``), so two clerks editing one record cannot overwrite
each other.

The OpenAPI document FastAPI serves takes its schemas from
`kotakerja.openapi_components`, so a client generator sees the real record types
and the input schemas for creating them.
"""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

import kotakerja as kk
from kotakerja.report import render_report

_PROBLEM = "application/problem+json"


def _problem(status: int, title: str, detail: str) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return JSONResponse(body, status_code=status, media_type=_PROBLEM)


def _invalid(error: kk.ValidationError, request: Request) -> JSONResponse:
    lang = "id" if request.headers.get("accept-language", "").startswith("id") else "en"
    return JSONResponse(error.to_problem(lang=lang), status_code=422, media_type=_PROBLEM)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _problems() -> dict[str, Any]:
    return {"description": "Problem", "content": {_PROBLEM: {"schema": _ref("Problem")}}}


def _record(store: kk.Store, record: kk.Record, status: int = 200) -> JSONResponse:
    etag = f'"{store.revision(record.id)}"'
    return JSONResponse(kk.to_dict(record), status_code=status, headers={"ETag": etag})


def create_app(url: str | None = None) -> FastAPI:
    """The API over the store at `url` (filled from the examples if empty)."""
    store = kk.open_store(url or os.environ.get("KOTAKERJA_DB", "sqlite:///kerjasama.db"))
    if len(store) == 0:
        store.add(*kk.examples())
    app = FastAPI(title="kotakerja register", version=kk.__version__)

    @app.get(
        "/records",
        responses={
            200: {"description": "Records", **_json({"type": "array", "items": _ref("Record")})}
        },
    )
    def list_records(type: str | None = None) -> Response:
        records = store.of_type(type) if type else tuple(store)
        return JSONResponse([kk.to_dict(r) for r in records])

    @app.get(
        "/records/{record_id}",
        responses={200: {"description": "The record", **_json(_ref("Record"))}, 404: _problems()},
    )
    def get_record(record_id: str) -> Response:
        try:
            record = store.get(record_id)
        except KeyError:
            return _problem(404, "Not found", f"no record has the id {record_id!r}")
        return _record(store, record)

    @app.put(
        "/records/{record_id}",
        openapi_extra={"requestBody": {"required": True, **_json(_ref("Record"))}},
        responses={
            200: {"description": "Replaced", **_json(_ref("Record"))},
            412: _problems(),
            422: _problems(),
            428: _problems(),
        },
    )
    async def put_record(record_id: str, request: Request) -> Response:
        match = request.headers.get("if-match", "").strip('"')
        if not match.isdigit():
            return _problem(428, "Precondition required", "send If-Match with the ETag you read")
        try:
            data = await request.json()
        except ValueError:
            return _problem(400, "Bad request", "the body is not JSON")
        try:
            record = kk.from_dict(kk.Record, data)
        except kk.ValidationError as e:
            return _invalid(e, request)
        if record.id != record_id:
            return _problem(422, "Unprocessable", f"the body is {record.id!r}, not {record_id!r}")
        try:
            store.put(record, revision=int(match))
        except kk.ConflictError as e:
            return _problem(412, "Precondition failed", str(e))
        except kk.ValidationError as e:
            return _invalid(e, request)
        return _record(store, record)

    def creator(cls: type[kk.Record]) -> Any:
        async def create_record(request: Request) -> Response:
            try:
                data = await request.json()
            except ValueError:
                return _problem(400, "Bad request", "the body is not JSON")
            try:
                record = kk.from_input(cls, data)
                store.add(record)
            except kk.ValidationError as e:
                return _invalid(e, request)
            return _record(store, record, status=201)

        return create_record

    for name, cls in sorted(kk.record_types().items()):
        app.add_api_route(
            f"/{name}",
            creator(cls),
            methods=["POST"],
            name=f"create_{name}",
            summary=f"Create a {cls.__name__}",
            openapi_extra={
                "requestBody": {"required": True, **_json(_ref(f"{cls.__name__}Input"))}
            },
            responses={
                201: {"description": "Created", **_json(_ref(cls.__name__))},
                422: _problems(),
            },
        )

    @app.get("/report")
    def report(on: str | None = None, lang: str = "id", within: str | None = None) -> Response:
        try:
            day = kk.PartialDate.parse(on) if on else None
            register = store.to_register(check_references=False)
            text = render_report(register, on=day, lang=lang, within=within, format="json")
        except kk.ValidationError as e:
            return _problem(400, "Bad request", e.errors[0].message)
        except ValueError as e:
            return _problem(400, "Bad request", str(e))
        return Response(text, media_type="application/json")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
            components = schema.setdefault("components", {})
            components.setdefault("schemas", {}).update(kk.openapi_components()["schemas"])
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
