"""Dates of MoUs and agreements and of meeting follow-ups, filled from the stored bodies.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kotakerja.store._rebuild import rebuild_dates

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "doc_terms",
        sa.Column(
            "doc",
            sa.Integer,
            sa.ForeignKey("documents.seq", ondelete="CASCADE"),
            primary_key=True,
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
    op.create_table(
        "doc_follow_ups",
        sa.Column(
            "doc", sa.Integer, sa.ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("due_first", sa.Integer),
        sa.Column("due_last", sa.Integer, index=True),
        sa.Column("due_precision", sa.String),
        sa.Column("closed_day", sa.Integer),
        sa.Index("ix_doc_follow_ups_doc", "doc"),
    )
    rebuild_dates(op.get_bind())


def downgrade() -> None:
    op.drop_table("doc_follow_ups")
    op.drop_table("doc_terms")
