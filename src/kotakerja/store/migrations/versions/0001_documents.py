"""Records as JSON documents, with their references, regions and countries.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owner() -> sa.Column[int]:
    return sa.Column(
        "doc", sa.Integer, sa.ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("seq", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("id", sa.String, nullable=False, unique=True),
        sa.Column("type", sa.String, nullable=False, index=True),
        sa.Column("schema_version", sa.String, nullable=False),
        sa.Column("body", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("body_text", sa.Text),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "doc_references",
        _owner(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("path", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("to_type", sa.String, nullable=False),
        sa.Column("to_id", sa.String, nullable=False),
        sa.Index("ix_doc_references_to", "to_id", "to_type"),
        sa.Index("ix_doc_references_doc", "doc"),
    )
    op.create_table(
        "doc_regions",
        _owner(),
        sa.Column("code", sa.String, nullable=False),
        sa.Column("province_code", sa.String, nullable=False),
        sa.Index("ix_doc_regions_code", "code"),
        sa.Index("ix_doc_regions_province", "province_code"),
        sa.Index("ix_doc_regions_doc", "doc"),
    )
    op.create_table(
        "doc_countries",
        _owner(),
        sa.Column("code", sa.String, nullable=False),
        sa.Index("ix_doc_countries_code", "code"),
        sa.Index("ix_doc_countries_doc", "doc"),
    )


def downgrade() -> None:
    for name in ("doc_countries", "doc_regions", "doc_references", "documents"):
        op.drop_table(name)
