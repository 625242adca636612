"""How the store reads records back: the JSON text once, decoded once, the collector held off."""

from __future__ import annotations

import gc
from typing import Any

import pytest
import sqlalchemy as sa

import kotakerja
from kotakerja.store import _store, open_store


def _selects(store: kotakerja.Store, fn: Any) -> list[str]:
    """The SELECT statements `fn` sends to the store's database."""
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    engine = store._engine
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        fn()
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    return seen


def test_a_record_is_read_as_its_json_text_alone(
    store_url: str, examples: kotakerja.Register
) -> None:
    # On PostgreSQL, selecting the JSONB column as well had the driver parse every
    # body into a dict, thrown away for the exact text beside it: twice the decoding.
    with open_store(store_url) as store:
        store.add(*examples)
        mou = examples.get("mou-jakarta-shanghai-2020")
        statements = _selects(store, lambda: store.get(mou.id))
        assert statements
        for sql in statements:
            columns = sql.upper().split(" FROM ", 1)[0]
            assert "DOCUMENTS.BODY," not in columns
            assert not columns.rstrip().endswith("DOCUMENTS.BODY")
        assert store.get(mou.id) == mou
        assert store.referring_to(mou) == examples.referring_to(mou)


def test_a_body_without_its_text_is_read_from_the_body(postgresql_url: str) -> None:
    example = next(iter(kotakerja.examples()))
    with open_store(postgresql_url) as store:
        store.add(example)
        with store._engine.begin() as conn:
            conn.execute(sa.text("UPDATE documents SET body_text = NULL"))
        assert store.get(example.id) == example
        assert list(store) == [example]


def test_records_are_decoded_with_the_collector_paused(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full collection walks every object of the program; landing in the middle of a
    # query's decoding it cost several times the query itself.
    states: list[bool] = []
    decode = _store._decode

    def watched(body: Any) -> kotakerja.Record:
        states.append(gc.isenabled())
        return decode(body)

    with open_store(sqlite_url) as store:
        store.add(*kotakerja.examples())
        monkeypatch.setattr(_store, "_decode", watched)
        assert gc.isenabled()
        store.of_type("mou")
        assert states
        assert not any(states)
        assert gc.isenabled()
        gc.disable()
        try:
            store._cache.clear()
            store.of_type("mou")
            assert not gc.isenabled()  # left as the program had it
        finally:
            gc.enable()
