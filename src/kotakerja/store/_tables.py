"""The tables of a store: one row per record holding its JSON, and rows derived from it.

The JSON body is the truth; every derived row is rebuilt from it in the transaction
that writes the body. Dates are kept as day ordinals (``date.toordinal()``), so a
range test is an integer comparison on every database.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

__all__ = [
    "countries",
    "documents",
    "follow_ups",
    "metadata",
    "references",
    "regions",
    "terms",
]

metadata = sa.MetaData()

# PostgreSQL keeps the body as JSONB, for its operators and indexes; JSONB rewrites
# numbers (1e300 comes back as an integer), so the exact text is kept beside it in
# `body_text` and read from there. SQLite keeps the text itself in `body`.
Body = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("seq", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("id", sa.String, nullable=False, unique=True),
    sa.Column("type", sa.String, nullable=False, index=True),
    sa.Column("schema_version", sa.String, nullable=False),
    sa.Column("body", Body, nullable=False),
    sa.Column("body_text", sa.Text),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sqlite_autoincrement=True,  # a removed record's number is never given to another
)


def _owner() -> sa.Column[int]:
    return sa.Column(
        "doc", sa.Integer, sa.ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False
    )


references = sa.Table(
    "doc_references",
    metadata,
    _owner(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("path", sa.String, nullable=False),
    sa.Column("role", sa.String, nullable=False),
    sa.Column("to_type", sa.String, nullable=False),
    sa.Column("to_id", sa.String, nullable=False),
    sa.Index("ix_doc_references_to", "to_id", "to_type"),
    sa.Index("ix_doc_references_doc", "doc"),
)

regions = sa.Table(
    "doc_regions",
    metadata,
    _owner(),
    sa.Column("code", sa.String, nullable=False),
    sa.Column("province_code", sa.String, nullable=False),
    sa.Index("ix_doc_regions_code", "code"),
    sa.Index("ix_doc_regions_province", "province_code"),
    sa.Index("ix_doc_regions_doc", "doc"),
)

countries = sa.Table(
    "doc_countries",
    metadata,
    _owner(),
    sa.Column("code", sa.String, nullable=False),
    sa.Index("ix_doc_countries_code", "code"),
    sa.Index("ix_doc_countries_doc", "doc"),
)

# Added by the second revision: dates of documents (MoUs and agreements) and follow-ups.

terms = sa.Table(
    "doc_terms",
    metadata,
    sa.Column(
        "doc", sa.Integer, sa.ForeignKey("documents.seq", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("scheme", sa.String, nullable=False, index=True),
    sa.Column("start_day", sa.Integer),
    sa.Column("start_precision", sa.String),
    sa.Column("signed_first", sa.Integer),
    sa.Column("signed_last", sa.Integer),
    sa.Column("end_first", sa.Integer, index=True),
    sa.Column("end_last", sa.Integer, index=True),
    sa.Column("end_wide", sa.Boolean, nullable=False, index=True),
    sa.Column("end_precision", sa.String),
    sa.Column("terminated_day", sa.Integer),
)

follow_ups = sa.Table(
    "doc_follow_ups",
    metadata,
    _owner(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("status", sa.String, nullable=False),
    sa.Column("due_first", sa.Integer),
    sa.Column("due_last", sa.Integer, index=True),
    sa.Column("due_precision", sa.String),
    sa.Column("closed_day", sa.Integer),
    sa.Index("ix_doc_follow_ups_doc", "doc"),
)
