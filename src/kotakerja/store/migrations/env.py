"""Alembic environment of the store: runs on the connection `open_store` hands over."""

from __future__ import annotations

from alembic import context

from kotakerja.store._tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
