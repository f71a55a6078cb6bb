"""A ledger on a PostgreSQL server (issue #23): headquarters' shared database.

``open_database("postgresql://user@host/dbname")`` opens it with these helpers
(:func:`db.storage.database.open_server`): the
URL is the user's (``postgresql://`` or ``postgres://``; SQLAlchemy's
``postgresql+psycopg://`` too), the driver psycopg 3. A password is never part of what
is shown or logged (:func:`display`): when the URL has none, it comes from the
system keyring (:func:`keyring_password`, kept there by :func:`keep_password`).

Opening checks the server answers, is new enough, and holds an Office Ledger schema no
newer than this app's; an empty database is given the schema, an older one upgraded —
Alembic's scripts in one transaction (PostgreSQL's DDL is transactional: an upgrade is
all or nothing without the SQLite file copy). Each failure is one line in the user's
language (:class:`ServerRefused`). The database's identity is its ledger id in
``app_meta``; there is no file, no path, no one-writer lock: the server lets several
HQ users write at once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from db.schema.errors import DatabaseOpenError
from db.schema.words import Message

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger("office_ledger.db")

KEYRING_SERVICE = "Office Ledger PostgreSQL"
OLDEST_SERVER = 12  # EXECUTE FUNCTION in triggers, generated plans the app relies on


class ServerRefused(DatabaseOpenError):
    """The server could not be reached or refused the open (one line, ja/en)."""


def is_url(target: object) -> bool:
    """Whether ``target`` (``--db``'s value) names a PostgreSQL database."""
    from db.storage.pg.target import is_url as named

    return named(target)


def _parsed(url: str):  # type: ignore[no-untyped-def]
    from sqlalchemy.engine import make_url

    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    return parsed.set(drivername="postgresql+psycopg")


def without_password(url: str) -> str:
    """``url`` for a tool to connect with (``pg_dump``): ``postgresql://``, no password,
    the query's values percent-encoded as libpq reads them."""
    parsed = _parsed(url).set(drivername="postgresql")._replace(password=None)
    return str(parsed.render_as_string(hide_password=True))


def display(url: str) -> str:
    """``url`` as shown to people and logs: ``postgresql://user@host/db``, no password,
    a socket's or certificate's path in the query as typed (not percent-encoded)."""
    from urllib.parse import unquote

    base, _, query = without_password(url).partition("?")
    return f"{base}?{unquote(query)}" if query else base


def keyring_user(url: str) -> str:
    """The keyring's user name for ``url``'s password: ``user@host:port/db``."""
    p = _parsed(url)
    host = p.host or p.query.get("host") or "localhost"
    return f"{p.username or ''}@{host}:{p.port or 5432}/{p.database or ''}"


class KeyringUnreadable(ServerRefused):
    """The system keyring could not be read (or written) for a server's password: one
    line saying so and how to keep the password (``office-ledger server-password``)."""


def keyring_password(url: str) -> str | None:
    """The password kept for ``url`` in the system keyring, or None when none is kept.

    Raises:
        KeyringUnreadable: the keyring could not be read (none on a headless Linux, a
            locked macOS Keychain, Windows' Credential Manager refusing): said at once
            in one line, rather than as the server's refusal of a login without it.
    """
    import keyring
    from keyring.errors import KeyringError

    try:
        found: str | None = keyring.get_password(KEYRING_SERVICE, keyring_user(url))
    except KeyringError as exc:
        raise _keyring_unusable(exc, url) from None
    return found


def keep_password(url: str, password: str) -> None:
    """Keep the password of ``url``'s role in the system keyring (never in a file).

    Raises:
        ServerRefused: the keyring cannot be used (none on a headless Linux, a locked
            macOS Keychain, Windows' Credential Manager refusing): said in one line.
    """
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_user(url), password)
    except KeyringError as exc:
        raise _keyring_unusable(exc, url) from None


def _keyring_unusable(exc: BaseException, url: str) -> KeyringUnreadable:
    lines = str(exc).strip().splitlines()
    detail = lines[0] if lines else type(exc).__name__
    return KeyringUnreadable(Message("pg.keyring", {"where": display(url), "detail": detail}))


def keyring_failure(url: str) -> ServerRefused | None:
    """Why the keyring could not give ``url``'s password (its one line), or None when
    it can be used: a refused login then says the keyring, not a wrong password; and
    when it holds no password for ``url``, how to keep one there."""
    if _parsed(url).password is not None:
        return None
    try:
        kept = keyring_password(url)
    except KeyringUnreadable as exc:
        return exc
    if kept is None:
        return ServerRefused(Message("pg.no_kept_password", {"where": display(url)}))
    return None


def engine_url(url: str) -> str:
    """The SQLAlchemy URL to connect with: psycopg 3, the keyring's password if needed."""
    parsed = _parsed(url)
    if parsed.password is None:
        try:
            password = keyring_password(url)
        except KeyringUnreadable as exc:  # a server that trusts this computer needs none
            log.info("%s", exc.text("en"))  # (nothing to say); one that asks is told this
            password = None  # line then, by refused()
        if password is not None:
            parsed = parsed.set(password=password)
    return str(parsed.render_as_string(hide_password=False))


def make_engine(url: str) -> Engine:
    from sqlalchemy import create_engine

    from db.storage.pg.dialect import install

    engine = create_engine(engine_url(url), pool_pre_ping=True)
    install(engine)
    return engine


def refused(exc: BaseException, url: str) -> ServerRefused | None:
    """The one line for a connection failure (refused, password, no database, TLS, the
    server's access rules), or None."""
    cause = getattr(exc, "orig", None) or exc
    text = str(cause)
    where = display(url)
    low = text.lower()
    detail = text.strip().splitlines()[0].rsplit("failed: ", 1)[-1] if text.strip() else ""
    if "certificate" in low:  # TLS: the server's certificate is not the one expected
        return ServerRefused(Message("pg.certificate", {"where": where, "detail": detail}))
    if "pg_hba.conf" in low:  # the server's rules turn this computer or user away
        key = "pg.needs_tls" if "no encryption" in low else "pg.not_allowed"
        return ServerRefused(Message(key, {"where": where}))
    if "password authentication failed" in low or "no password supplied" in low:
        key = "pg.password"
    elif "does not exist" in low and "database" in low:
        key = "pg.no_database"
    elif "role" in low and "does not exist" in low:
        key = "pg.password"
    elif (
        "connection refused" in low
        or "no such file or directory" in low
        or "could not translate host name" in low
        or "timeout" in low
        or "connection to server" in low
    ):
        key = "pg.unreachable"
    else:
        return None
    if "password" in low:  # a password was asked for: the keyring may be what failed
        unusable = keyring_failure(url)
        if unusable is not None:
            return unusable
    return ServerRefused(Message(key, {"where": where}))


def failed(exc: BaseException, url: str) -> ServerRefused | None:
    """The one line for any error of the server's or of its driver while opening
    (:func:`refused`'s, else ``pg.failed`` with the server's first line), or None
    when ``exc`` is not the server's (a bug)."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError | psycopg.Error):
        return None
    found = refused(exc, url)
    if found is not None:
        return found
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    detail = lines[0] if lines else type(cause).__name__
    return ServerRefused(Message("pg.failed", {"where": display(url), "detail": detail}))


def connect_check(engine: Engine, url: str) -> str | None:
    """The database's schema revision (None: empty); refuses an unreachable or old server."""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            version = conn.dialect.server_version_info or (0,)
            if int(version[0]) < OLDEST_SERVER:
                raise ServerRefused(
                    Message(
                        "pg.too_old",
                        {"where": display(url), "version": version[0], "oldest": OLDEST_SERVER},
                    )  # fmt: skip
                )
            if not inspect(conn).has_table("alembic_version"):
                if inspect(conn).get_table_names():
                    raise ServerRefused(Message("pg.not_ledger", {"where": display(url)}))
                return None
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            return row[0] if row else None
    except DBAPIError as exc:
        found = failed(exc, url)
        if found is None:  # pragma: no cover - a DBAPIError is always the server's
            raise
        raise found from None
