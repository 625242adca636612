"""The database schema of a store: created and upgraded by the Alembic revisions shipped here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from .._errors import KotakerjaError

__all__ = ["MIGRATIONS", "ensure_schema", "head_revision", "schema_revision", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")
"""The folder of the store's Alembic revisions."""


def _config(connection: sa.Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this kotakerja knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def schema_revision(connection: sa.Connection) -> str | None:
    """The schema revision of a database; None when it has none yet."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: sa.Connection, revision: str = "head") -> None:
    """Bring the schema of the database on `connection` up to `revision`."""
    from alembic import command

    command.upgrade(_config(connection), revision)


def _lock(connection: sa.Connection) -> None:
    if connection.dialect.name == "postgresql":
        # One process creates or upgrades the schema; the others wait and find it done.
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(7349271)"))


def ensure_schema(engine: sa.Engine) -> None:
    """Create the schema of an empty database, upgrade an older one, refuse a newer one."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    with engine.connect() as conn:
        current = schema_revision(conn)
    if current == head:
        return
    with engine.execution_options(kotakerja_write=True).begin() as conn:
        _lock(conn)
        current = schema_revision(conn)
        if current == head:
            return
        known = {r.revision for r in script.walk_revisions()}
        if current is not None and current not in known:
            raise KotakerjaError(
                f"the database at {engine.url.render_as_string(hide_password=True)} has "
                f"schema revision {current}, newer than this kotakerja understands "
                f"(up to {head}); upgrade kotakerja"
            )
        upgrade(conn)
