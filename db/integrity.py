"""Is this database file sound? SQLite's own checks, then the ledger's invariants.

``quick_check`` runs at every open (a damaged database is refused before anything
reads or writes it); ``check_file`` runs SQLite's full ``integrity_check`` and the
app's invariants, for ``office-ledger check`` and before a backup is kept or trusted.
Both work on the raw file with :mod:`sqlite3`, read-only, so they never touch a
damaged database.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from db.errors import DatabaseOpenError
from db.fields import FieldType
from db.kinds import SPECS

# Every table the checks cover comes from the record-kind registry (db/kinds.py): a
# new kind, child table or count is checked without an edit here.
SYNCED_TABLES = tuple(s.table for s in SPECS.values())
COUNTS: dict[str, tuple[str, ...]] = {  # the columns that count something, never below zero
    table: columns
    for table, columns in (
        *((s.table, tuple(f.db_column for f in s.stored_fields if f.type is FieldType.COUNT))
          for s in SPECS.values()),
        *((c.table, tuple(f.db_column for f in c.fields if f.type is FieldType.COUNT))
          for s in SPECS.values() for c in s.children),
    )
    if columns
}  # fmt: skip


def child_tables() -> tuple[tuple[str, str, str], ...]:
    """(child table, parent table, the child's column naming its parent's id): each
    kind's child rows, lists of codes and references to another record (an issue's
    newsletter), from the registry."""
    out: list[tuple[str, str, str]] = []
    for s in SPECS.values():
        out += [(c.table, s.table, c.parent_column) for c in s.children]
        out += [(f.codes_in.table, s.table, f.codes_in.parent_column)
                for f in s.code_lists if f.codes_in is not None]  # fmt: skip
        out += [(s.table, f.refers, f.db_column)
                for f in s.stored_fields if f.type is FieldType.REF and f.refers]  # fmt: skip
    return tuple(out)


# Child rows every live record has at least one of (an event's legs, a seminar's sessions).
REQUIRED_CHILDREN = tuple((s.table, c.table, c.parent_column, c.attr)
                          for s in SPECS.values() for c in s.children if c.min_rows)  # fmt: skip


class DatabaseDamaged(DatabaseOpenError):
    """SQLite found the file damaged; nothing was written to it."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        first = problems[0] if problems else "unreadable"
        super().__init__(
            f"{path} is damaged ({first}); nothing was written to it — restore the newest"
            " good backup (office-ledger restore --latest)"
        )


@dataclass
class CheckResult:
    """What ``check_file`` found: SQLite's problems, then the ledger's."""

    sqlite: list[str] = field(default_factory=list)
    ledger: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.sqlite and not self.ledger

    def lines(self) -> list[str]:
        return self.sqlite + self.ledger


def connect_ro(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection that never creates nor changes the file."""
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True)


def connect_check(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A connection for the checks: read-write when the disk allows (SQLite verifies
    CHECK constraints only on a writable database), with writes refused."""
    if immutable:
        return connect_ro(path, immutable=True)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    conn.execute("PRAGMA query_only = ON")
    return conn


def sqlite_check(
    conn: sqlite3.Connection, *, full: bool, limit: int = 20, foreign_keys: bool = True
) -> list[str]:
    """SQLite's problems (empty: sound); ``full`` is integrity_check (and, with
    ``foreign_keys``, the foreign-key check), else quick_check."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [line.strip() for r in conn.execute(f"PRAGMA {pragma}({limit})")
                for line in str(r[0]).splitlines()
                if line.strip() and not line.startswith("***")]  # fmt: skip
        if full and foreign_keys:
            rows += [f"foreign key: {r[0]} row {r[1]} names a missing {r[2]}"
                     for r in conn.execute("PRAGMA foreign_key_check")]  # fmt: skip
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else [r for r in rows if r != "ok"]


FULL_CHECK_LIMIT = 16 * 1024 * 1024  # bytes: below this, the full check at open too


def quick_check(path: Path, *, immutable: bool = False) -> None:
    """Raise :class:`DatabaseDamaged` when SQLite finds damage: its full integrity_check
    for a file up to 16 MiB (well under a second; quick_check misses an index that
    disagrees with its table, and the tallies read through indexes), quick_check above
    (0.3 s for 47 MB, where integrity_check takes over a second)."""
    try:
        conn = connect_check(path, immutable=immutable)
    except sqlite3.Error as exc:
        raise DatabaseDamaged(path, [str(exc)]) from exc
    try:
        size = path.stat().st_size
        problems = sqlite_check(conn, full=size <= FULL_CHECK_LIMIT, foreign_keys=False)
    finally:
        conn.close()
    if problems:
        raise DatabaseDamaged(path, problems)


def check_file(path: Path, *, immutable: bool = False) -> CheckResult:
    """The full check: integrity_check and foreign keys, then the ledger's invariants."""
    result = CheckResult()
    try:
        conn = connect_check(path, immutable=immutable)
    except sqlite3.Error as exc:
        result.sqlite.append(str(exc))
        return result
    try:
        result.sqlite = sqlite_check(conn, full=True)
        try:  # the ledger's rules too, unless the file cannot even be read
            result.ledger = ledger_problems(conn)
        except sqlite3.DatabaseError as exc:
            if not result.sqlite:
                result.sqlite.append(str(exc))
    finally:
        conn.close()
    return result


def ledger_problems(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """The app's own rules the schema cannot state, for every kind of the registry: a
    record held at legs or sessions has one, counts are not negative, version vectors
    agree with versions and the clock, no child row lacks its parent. A table an older
    database does not have yet is skipped."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "app_meta" not in tables:
        return []  # an empty file: nothing to hold to the rules yet
    found: list[str] = []
    for parent, child, key, attr in REQUIRED_CHILDREN:
        if {parent, child} <= tables:
            for (uuid,) in conn.execute(
                f"SELECT uuid FROM {parent} p WHERE NOT p.deleted AND NOT EXISTS"
                f" (SELECT 1 FROM {child} c WHERE c.{key} = p.id) LIMIT ?", (limit,)
            ):  # fmt: skip
                found.append(f"{parent} {uuid} has no {attr}")
    for table, columns in COUNTS.items():
        if table not in tables:
            continue
        key = "uuid" if table in SYNCED_TABLES else "rowid"  # a child row: its row number
        for column in columns:
            for uuid, value in conn.execute(
                f"SELECT {key}, {column} FROM {table} WHERE {column} < 0 LIMIT ?", (limit,)
            ):
                found.append(f"{table} {uuid}: {column} is {value}, below zero")
    row = conn.execute("SELECT value FROM app_meta WHERE key = 'lamport_clock'").fetchone()
    clock = int(row[0]) if row and str(row[0]).lstrip("-").isdigit() else None
    if clock is None:
        found.append("app_meta has no Lamport clock")
    for table in SYNCED_TABLES:
        if table not in tables:
            continue
        for uuid, version, device, vector in conn.execute(
            f"SELECT uuid, version, device_id, version_vector FROM {table}"
        ):
            problem = _vector_problem(version, device, vector, clock)
            if problem:
                found.append(f"{table} {uuid}: {problem}")
                if len(found) >= limit:
                    return found
    for child, parent, key in child_tables():
        if not {child, parent} <= tables:
            continue
        (n,) = conn.execute(
            f"SELECT count(*) FROM {child} c WHERE NOT EXISTS"
            f" (SELECT 1 FROM {parent} p WHERE p.id = c.{key})"
        ).fetchone()
        if n:
            found.append(f"{n} {child} rows without their {parent}")
    return found[:limit]


def _vector_problem(version: int, device: str, raw: object, clock: int | None) -> str:
    try:
        vector = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return "version vector is not readable"
    if not isinstance(vector, dict):
        return "version vector is not readable"
    if vector.get(device) != version:
        return f"version {version} is not its device's entry in the version vector"
    if any(not isinstance(v, int) or v > version for v in vector.values()):
        return f"version vector names a version above {version}"
    if clock is not None and version > clock:
        return f"version {version} is above this database's clock {clock}"
    return ""
