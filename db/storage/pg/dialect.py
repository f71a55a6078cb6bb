"""PostgreSQL's counterparts of the ledger's SQLite-only pieces (issue #23).

The ledger's SQL was written for SQLite, which stores booleans as 0/1: its raw queries
and SQLAlchemy expressions compare ``deleted = 0`` literally, so SQLite uses its partial
indexes (``WHERE deleted = 0``; :data:`db.storage.base.LIVE`). PostgreSQL has a real
boolean type and no ``boolean = integer`` operator; :data:`COMPAT` gives it one (and
``<>``), as simple SQL functions the planner inlines, so ``deleted = 0`` becomes
``deleted = false`` before planning and the same SQL text serves both backends.

:data:`SUMMARY_TRIGGERS` keeps the per-day tally summary (``support_case_day``) as
SQLite's triggers do (:mod:`db.storage.tally_summary`), in PL/pgSQL: one row function
for insert, delete and the update of a tallied column.

Migration 0001 runs :data:`COMPAT` and 0010 :data:`SUMMARY_TRIGGERS` on PostgreSQL only.
:data:`COMPAT` also gives PostgreSQL the few SQLite functions the raw SQL fast paths use
(``json_each`` over a JSON array's text, ``group_concat``, ``strftime`` of a date,
the two-argument ``max``), with SQLite's meaning.

The raw SQL (``exec_driver_sql``) is written with ``?`` placeholders and 0/1 for
booleans; :func:`install` makes a PostgreSQL engine take it as it is: ``?`` becomes
psycopg's ``%s``, a Python int is sent untyped (so PostgreSQL reads ``0`` as ``false``
into a boolean column, as a number elsewhere), and after an insert that chose its own
ids (``INSERT INTO t (id, …)``) the table's id sequence is moved past them. What such
SQL (and untyped ``text()``) reads comes back as SQLite gives it: JSON as its text, a
date as ``YYYY-MM-DD``, a boolean as 0 or 1 — the callers parse what they read.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

COMPAT: tuple[str, ...] = (
    "CREATE OR REPLACE FUNCTION ledger_bool_eq_int(boolean, integer) RETURNS boolean"
    " LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1 = ($2 <> 0)'",
    "CREATE OR REPLACE FUNCTION ledger_bool_ne_int(boolean, integer) RETURNS boolean"
    " LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1 <> ($2 <> 0)'",
    "CREATE OPERATOR = (LEFTARG = boolean, RIGHTARG = integer,"
    " FUNCTION = ledger_bool_eq_int, NEGATOR = <>)",
    "CREATE OPERATOR <> (LEFTARG = boolean, RIGHTARG = integer,"
    " FUNCTION = ledger_bool_ne_int, NEGATOR = =)",
    "CREATE OR REPLACE FUNCTION json_each(text) RETURNS TABLE (value text)"
    " LANGUAGE sql IMMUTABLE STRICT AS 'SELECT json_array_elements_text($1::json)'",
    "CREATE OR REPLACE FUNCTION ledger_concat(text, text) RETURNS text LANGUAGE sql"
    " IMMUTABLE AS 'SELECT CASE WHEN $1 IS NULL THEN $2 WHEN $2 IS NULL THEN $1"
    " ELSE $1 || '','' || $2 END'",
    "CREATE AGGREGATE group_concat(text) (SFUNC = ledger_concat, STYPE = text)",
    "CREATE OR REPLACE FUNCTION strftime(text, date) RETURNS text LANGUAGE sql IMMUTABLE"
    " STRICT AS 'SELECT to_char($2, replace(replace(replace($1, ''%Y'', ''YYYY''),"
    " ''%m'', ''MM''), ''%d'', ''DD''))'",
    "CREATE OR REPLACE FUNCTION max(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE"
    " AS 'SELECT greatest($1, $2)'",
)

_KEY = "day, office_code, requester_category, counted"
_OLD = (
    "day = to_char(OLD.start_date, 'YYYY-MM-DD') AND office_code = OLD.office_code"
    " AND requester_category = OLD.requester_category AND counted = OLD.counted::int"
)
SUMMARY_TRIGGERS: tuple[str, ...] = (
    "CREATE OR REPLACE FUNCTION support_case_day_change() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'INSERT' AND NOT OLD.deleted THEN"
    f" UPDATE support_case_day SET cases = cases - 1 WHERE {_OLD};"
    f" DELETE FROM support_case_day WHERE {_OLD} AND cases <= 0;"
    " END IF;"
    " IF TG_OP <> 'DELETE' AND NOT NEW.deleted THEN"
    f" INSERT INTO support_case_day ({_KEY}, cases) VALUES"
    " (to_char(NEW.start_date, 'YYYY-MM-DD'), NEW.office_code, NEW.requester_category,"
    " NEW.counted::int, 1)"
    f" ON CONFLICT ({_KEY}) DO UPDATE SET cases = support_case_day.cases + 1;"
    " END IF;"
    " RETURN NULL; END $$",
    "CREATE TRIGGER support_case_day_change AFTER INSERT OR DELETE OR UPDATE OF deleted,"
    " start_date, office_code, requester_category, counted ON support_case"
    " FOR EACH ROW EXECUTE FUNCTION support_case_day_change()",
)

SUMMARY_REBUILD: tuple[str, ...] = (
    "DELETE FROM support_case_day",
    f"INSERT INTO support_case_day ({_KEY}, cases)"
    " SELECT to_char(start_date, 'YYYY-MM-DD'), office_code, requester_category,"
    " counted::int, count(*) FROM support_case WHERE NOT deleted GROUP BY start_date,"
    " office_code, requester_category, counted",
)


def is_postgresql(bind: object) -> bool:
    """Whether a connection or engine (Alembic's ``op.get_bind()``) is PostgreSQL's."""
    return getattr(getattr(bind, "dialect", None), "name", "") == "postgresql"


_QUOTED_OR_MARK = re.compile(r"'(?:[^']|'')*'|\?|%")
_OWN_IDS = re.compile(r"^\s*INSERT INTO (\w+) \(id,", re.IGNORECASE)
# After an insert that chose its own ids: the table's id sequence moved past them, never
# back (ids another transaction or a deleted row took are not handed out again).
_MOVE_PAST = (
    "SELECT setval(q.schemaname || '.' || q.sequencename, m.top)"
    " FROM pg_sequences q, (SELECT max(id) AS top FROM {table}) m"
    " WHERE q.schemaname || '.' || q.sequencename = pg_get_serial_sequence('{table}', 'id')"
    " AND m.top > coalesce(q.last_value, 0)"
)


def _placeholders(sql: str) -> str:
    """SQLite's ``?`` as psycopg's ``%s``, a ``?`` in quotes left alone; every literal
    ``%`` doubled, in quotes too (psycopg reads ``'%Y'`` as a placeholder as well)."""

    def swap(m: re.Match[str]) -> str:
        found = m.group(0)
        return "%s" if found == "?" else found.replace("%", "%%")

    return _QUOTED_OR_MARK.sub(swap, sql)


@cache
def _adapters() -> tuple[type, type, type]:
    import psycopg.adapt

    class UntypedInt(psycopg.adapt.Dumper):
        oid = 0  # unknown: the server types it from where it stands

        def dump(self, obj: int) -> bytes:
            return str(int(obj)).encode()

    class AsText(psycopg.adapt.Loader):
        def load(self, data: Any) -> str:
            return bytes(data).decode("utf-8")

    class BoolAsInt(psycopg.adapt.Loader):
        def load(self, data: Any) -> int:
            return 1 if bytes(data) == b"t" else 0

    return UntypedInt, AsText, BoolAsInt


def _reads_as_sqlite(cursor: Any) -> None:
    _, as_text, bool_as_int = _adapters()
    for name in ("json", "jsonb", "date"):
        cursor.adapters.register_loader(name, as_text)
    cursor.adapters.register_loader("bool", bool_as_int)


def _sqlite_text(cursor: Any, statement: str) -> str:
    """``statement`` (SQLite's ``?`` placeholders) for psycopg, ints sent untyped."""
    cursor.adapters.register_dumper(int, _adapters()[0])
    return _placeholders(statement)


class RawCursor:
    """A psycopg cursor that takes the ledger's raw SQL as a sqlite3 cursor does."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor
        _reads_as_sqlite(cursor)

    def execute(self, sql: str, params: Any = ()) -> RawCursor:
        self.cursor.execute(_sqlite_text(self.cursor, sql), tuple(params))
        return self

    def fetchall(self) -> list[Any]:
        return list(self.cursor.fetchall())

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    def __iter__(self) -> Any:
        return iter(self.cursor)


def driver_cursor(session: Any) -> Any:
    """A plain driver cursor on the session's connection (same transaction), taking
    SQLite's SQL text on either backend: tuples fetched in C, no Row per fetch."""
    conn = session.connection()
    cursor = conn.connection.driver_connection.cursor()
    return RawCursor(cursor) if conn.dialect.name == "postgresql" else cursor


def install(engine: Any) -> None:
    """Make ``engine`` (PostgreSQL) run the ledger's raw SQL (see the module's docstring)."""
    from sqlalchemy import event
    from sqlalchemy.sql.elements import TextClause

    def before(_conn: Any, cursor: Any, statement: str, parameters: Any,
               context: Any, _many: bool) -> tuple[str, Any]:  # fmt: skip
        if context is None:
            return statement, parameters
        raw = context.compiled is None
        if raw or isinstance(getattr(context.compiled, "statement", None), TextClause):
            _reads_as_sqlite(cursor)
        if raw and "?" in statement:
            statement = _sqlite_text(cursor, statement)
        return statement, parameters

    def after(_conn: Any, cursor: Any, statement: str, *_rest: Any) -> None:
        own = _OWN_IDS.match(statement)
        if own is not None:  # on a cursor of its own: this one's rows and count stay
            with cursor.connection.cursor() as mover:
                mover.execute(_MOVE_PAST.format(table=own.group(1)))

    event.listen(engine, "before_cursor_execute", before, retval=True)
    event.listen(engine, "after_cursor_execute", after)
