"""Records in SQLite (embedded) or PostgreSQL (shared), with the query API of `Register`.

Requires SQLAlchemy and Alembic (installed with kotakerja), and for PostgreSQL
psycopg 3 (``pip install kotakerja[postgresql]``).
"""

from ._schema import head_revision, schema_revision
from ._store import Batch, Store, open_store

__all__ = ["Batch", "Store", "head_revision", "open_store", "schema_revision"]
