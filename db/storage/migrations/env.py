"""Alembic environment: runs on the connection handed over by :mod:`db.storage.database`."""

from __future__ import annotations

from alembic import context

import db.storage.models  # noqa: F401  (registers every table on Base.metadata)
from db.storage.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
