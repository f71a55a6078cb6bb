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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from db.storage.database import Database

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


def _admin(server: str) -> str:
    """The server's maintenance database, as psycopg itself takes it."""
    return _with_database(server, "postgres").replace("postgresql+psycopg://", "postgresql://")


@contextmanager
def fresh_database(prefix: str = "t", template: str | None = None) -> Iterator[str]:
    """A new database on the test server, empty or a copy of ``template`` (a database
    no one is connected to); yields its URL, drops it afterwards."""
    import psycopg

    server = server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    like = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(_admin(server), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{like}')
    try:
        yield _with_database(server, name)
    finally:
        with psycopg.connect(_admin(server), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Identity a database takes at its first open (db.storage.clock.ensure_device): left out
# of the templates below, so each copy made from them takes ids of its own, as a new
# ledger does.
_IDENTITY = ("ledger_id", "device_id", "device_name", "lamport_clock")


@pytest.fixture(scope="session")
def _pg_templates() -> Iterator[dict[str, str]]:
    """Template databases made once per test process (each pytest-xdist worker its own):
    "empty", the schema migrated to head without an identity, and "demo", the FY2023
    demo year copied in by ``office-ledger copy``'s code. ``CREATE DATABASE … TEMPLATE``
    copies one in a tenth of the time migrating or copying again takes."""
    import psycopg

    server = os.environ.get(ENV, "")
    made: dict[str, str] = {}
    yield made
    if server:
        with psycopg.connect(_admin(server), autocommit=True) as conn:
            for name in made.values():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _template(made: dict[str, str], key: str, fill: Any) -> str:
    """The template database ``key``, made by ``fill(url)`` on first use."""
    if key not in made:
        import psycopg

        server = server_url()
        name = f"tpl_{key}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(_admin(server), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made[key] = name
        fill(_with_database(server, name))
    return made[key]


def _fill_empty(url: str) -> None:
    from sqlalchemy import text

    from db.storage.database import open_database

    db = open_database(url)
    try:
        with db.engine.begin() as conn:
            conn.execute(text("DELETE FROM app_meta WHERE key = ANY(:keys)"),
                         {"keys": list(_IDENTITY)})  # fmt: skip
    finally:
        db.close()  # no connection left: a template must have none


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of an empty PostgreSQL database of this test's own."""
    with fresh_database() as url:
        yield url


# --- the core suites on both backends (issue #23 item 5) --------------------------------
# A module switches its ``db`` / ``demo_db`` to these with one line each
# (``db = both.db`` is not allowed by pytest: it redefines them as fixtures over these):
#
#     @pytest.fixture
#     def db(ledger_db): return ledger_db
#
# Each test then runs on SQLite always, and on PostgreSQL when a server is given
# (else that half skips with the line saying how).

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: "sqlite", or "postgresql" when a server is set."""
    if request.param == "postgresql":
        server_url()  # skips, saying how, when there is none
    return str(request.param)


@pytest.fixture
def ledger_db(backend: str, tmp_path: Path, _pg_templates: dict[str, str]) -> Iterator[Database]:
    """An empty, migrated ledger: a file of its own, or a database of its own on the server."""
    from db.storage.database import open_database

    if backend == "sqlite":
        db = open_database(tmp_path / "ledger.sqlite3")
        yield db
        db.close()
        return
    with fresh_database(template=_template(_pg_templates, "empty", _fill_empty)) as url:
        db = open_database(url)
        yield db
        db.close()


@pytest.fixture
def ledger_demo(
    backend: str, demo_template: Path, tmp_path: Path, _pg_templates: dict[str, str]
) -> Iterator[Database]:
    """The FY2023 demo year: a private copy of the template file, or on the server a copy
    of the template file copied in once (``office-ledger copy``'s own code,
    :mod:`db.storage.copying`)."""
    import shutil

    from db.storage.copying import copy_ledger
    from db.storage.database import open_database

    if backend == "sqlite":
        path = tmp_path / "demo.sqlite3"
        shutil.copyfile(demo_template, path)
        db = open_database(path)
        yield db
        db.close()
        return

    def fill(url: str) -> None:
        source = open_database(demo_template, reading=True)
        db = open_database(url)
        try:
            copy_ledger(source, db)
        finally:
            source.close()
            db.close()

    with fresh_database(template=_template(_pg_templates, "demo", fill)) as url:
        db = open_database(url)
        yield db
        db.close()


class _Raw:
    """A ledger's connection that runs SQL text with ``?`` placeholders, as sqlite3's does."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The rows as tuples (a list: ``dict()`` and unpacking take it as sqlite3's)."""
        return _Rows(tuple(r) for r in self.conn.exec_driver_sql(sql, tuple(params)))


class _Rows(list[tuple[Any, ...]]):
    def fetchone(self) -> tuple[Any, ...] | None:
        return self[0] if self else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return list(self)


@contextmanager
def raw_sql(db: Database) -> Iterator[_Raw]:
    """Read a ledger with plain SQL on either backend (``sqlite3.connect(db.path)`` did)."""
    with db.engine.begin() as conn:
        yield _Raw(conn)


@pytest.fixture
def ledgers(backend: str, tmp_path: Path, _pg_templates: dict[str, str]) -> Iterator[Any]:
    """Opens new, empty ledgers by name on this test's backend (``ledgers("hq")``): files
    in the test's folder, or databases of their own on the server; all closed after."""
    from contextlib import ExitStack

    from db.storage.database import open_database

    with ExitStack() as stack:

        def make(name: str) -> Database:
            if backend == "sqlite":
                db = open_database(tmp_path / f"{name}.sqlite3")
            else:
                empty = _template(_pg_templates, "empty", _fill_empty)
                db = open_database(stack.enter_context(fresh_database(template=empty)))
            stack.callback(db.close)
            return db

        yield make


PASSWORD_GROUP = "ledger_password_users"  # scripts/pg_cluster: its members give a password


@pytest.fixture
def password_role() -> Iterator[tuple[str, str]]:
    """A login role that must give its password (scram-sha-256: scripts/pg_cluster's
    pg_hba.conf line) and an empty database it owns: yields the database's URL without
    the password, and the password. Both dropped afterwards."""
    import psycopg

    server = server_url()
    admin = _with_database(server, "postgres")
    role, password = f"lp_{uuid.uuid4().hex[:10]}", uuid.uuid4().hex
    with psycopg.connect(admin, autocommit=True) as conn:
        try:  # once per server; another pytest-xdist worker may be making it now
            conn.execute(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN")
        except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
            pass
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE {PASSWORD_GROUP}")
        conn.execute(f'CREATE DATABASE "{role}" OWNER {role}')
    try:
        from sqlalchemy.engine import make_url

        url = make_url(server).set(database=role, username=role)
        yield url.render_as_string(hide_password=False), password
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{role}" WITH (FORCE)')
            conn.execute(f"DROP ROLE IF EXISTS {role}")
