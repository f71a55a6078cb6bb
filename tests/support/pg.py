"""A PostgreSQL server for the tests that need one (issue #23), or a skip that says how.

The server's URL comes from ``OFFICE_LEDGER_TEST_PG`` (``.ci/run`` starts a throw-away
cluster with ``scripts/pg_cluster`` and sets it). Each test gets a database of its own,
created empty and dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ENV = "OFFICE_LEDGER_TEST_PG"
HOW = (
    f"no PostgreSQL server: set {ENV}=postgresql://USER@/postgres?host=SOCKET_DIR, or start "
    "one with `scripts/pg_cluster start /tmp/pg` (prints the URL), or run .ci/run"
)


def server_url() -> str:
    """The maintenance URL of the test server; skips the test when there is none."""
    url = os.environ.get(ENV, "")
    if not url:
        pytest.skip(HOW)
    return url


def _with_database(url: str, name: str) -> str:
    """``url`` naming the database ``name`` instead (the query string is kept)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def fresh_database(prefix: str = "t") -> Iterator[str]:
    """A new, empty database on the test server; yields its URL, drops it afterwards."""
    import psycopg

    server = server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = _with_database(server, "postgres").replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(server, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of an empty PostgreSQL database of this test's own."""
    with fresh_database() as url:
        yield url
