"""Rebuilding derived rows from the stored bodies, for schema upgrades."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ._derive import decode, derive

__all__ = ["rebuild_dates"]


def rebuild_dates(connection: sa.Connection) -> None:
    """Fill the document-date and follow-up tables from every stored MoU, agreement and meeting."""
    meta = sa.MetaData()
    documents = sa.Table("documents", meta, autoload_with=connection)
    tables = {
        name: sa.Table(name, meta, autoload_with=connection)
        for name in ("doc_terms", "doc_follow_ups")
    }
    query = sa.select(documents.c.seq, documents.c.body, documents.c.body_text).where(
        documents.c.type.in_(("mou", "agreement", "meeting"))
    )
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
    for seq, body, text in connection.execute(query):
        derived = derive(decode(body if text is None else text))
        for name in tables:
            rows[name].extend(row | {"doc": seq} for row in derived[name])
    for name, table in tables.items():
        if rows[name]:
            connection.execute(table.insert(), rows[name])
