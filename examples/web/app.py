"""An example web API over a kotakerja register, with FastAPI.

Run it with ``uvicorn app:create_app --factory`` from this folder (``pip install "kotakerja[web]"
uvicorn``). Records are kept in a folder of JSON files (``KOTAKERJA_FOLDER``, by
default ``./register``, started from the bundled examples); every change is
validated by kotakerja first, and a bad body gets an RFC 9457 problem with the
JSON Pointer and code of every problem.

The OpenAPI document FastAPI serves takes its schemas from
`kotakerja.openapi_components`, so a client generator sees the real record types
and the input schemas for creating them.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
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
    return {
        "description": "Problem",
        "content": {_PROBLEM: {"schema": _ref("Problem")}},
    }


def create_app(folder: str | Path | None = None) -> FastAPI:
    """The API over the register kept in `folder` (created from the examples if empty)."""
    root = Path(folder or os.environ.get("KOTAKERJA_FOLDER", "register"))
    if not root.exists() or not any(root.iterdir()):
        kk.examples().save_folder(root)
    state = {"register": kk.Register.load_folder(root)}
    lock = threading.Lock()
    app = FastAPI(title="kotakerja register", version=kk.__version__)

    @app.get(
        "/records",
        responses={
            200: {"description": "Records", **_json({"type": "array", "items": _ref("Record")})}
        },
    )
    def list_records(type: str | None = None) -> Response:
        register = state["register"]
        records = register.of_type(type) if type else tuple(register)
        return JSONResponse([kk.to_dict(r) for r in records])

    @app.get(
        "/records/{record_id}",
        responses={200: {"description": "The record", **_json(_ref("Record"))}, 404: _problems()},
    )
    def get_record(record_id: str) -> Response:
        try:
            record = state["register"][record_id]
        except KeyError:
            return _problem(404, "Not found", f"no record has the id {record_id!r}")
        return JSONResponse(kk.to_dict(record))

    def creator(cls: type[kk.Record]) -> Any:
        async def create_record(request: Request) -> Response:
            try:
                data = await request.json()
            except ValueError:
                return _problem(400, "Bad request", "the body is not JSON")
            try:
                record = kk.from_input(cls, data)
            except kk.ValidationError as e:
                return _invalid(e, request)
            with lock:
                try:
                    updated = state["register"].with_records(record)
                except kk.ValidationError as e:
                    return _invalid(e, request)
                updated.save_folder(root)
                state["register"] = updated
            return JSONResponse(kk.to_dict(record), status_code=201)

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
            text = render_report(state["register"], on=day, lang=lang, within=within, format="json")
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
