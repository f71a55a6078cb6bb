"""Is this database file sound? SQLite's own checks, then the ledger's invariants.

``quick_check`` runs before a ledger is first written (a damaged database is refused
before anything writes it; when, see :mod:`db.storage.check_gate`); ``check_file`` runs
SQLite's full ``integrity_check`` and the app's invariants, for ``office-ledger check``
and before a backup is kept or trusted. Both work on the raw file with :mod:`sqlite3`,
read-only, so they never touch a damaged database.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.schema.errors import DatabaseOpenError
from db.schema.fields import FieldType
from db.schema.kinds import SPECS

# Every table the checks cover comes from the record-kind registry (db/schema/kinds.py): a
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
    rows: list[str] = []
    try:  # row by row: SQLite may stop with an error after naming some damage
        for r in conn.execute(f"PRAGMA {pragma}({limit})"):
            rows += [line.strip() for line in str(r[0]).splitlines()
                     if line.strip() and not line.startswith("***")]  # fmt: skip
        if full and foreign_keys:
            rows += [f"foreign key: {r[0]} row {r[1]} names a missing {r[2]}"
                     for r in conn.execute("PRAGMA foreign_key_check")]  # fmt: skip
    except sqlite3.DatabaseError as exc:
        if full and not rows:  # integrity_check stops at a tree it cannot read, saying
            rows = [r for r in sqlite_check(conn, full=False, limit=limit) if r != str(exc)]
            if not rows:  # quick_check names the damaged pages, or stops too
                rows = unreadable_trees(conn)
            return [*rows, str(exc)]
        rows.append(str(exc))
        return _named(conn, [r for r in rows if r != "ok"])
    return [] if rows == ["ok"] else _named(conn, [r for r in rows if r != "ok"])


_TREE = re.compile(r"\b(Tree|tree) (\d+)\b")
_PAGE = re.compile(r"\b(Page|page) (\d+)\b")


def _named(conn: sqlite3.Connection, problems: list[str]) -> list[str]:
    """SQLite names a damaged b-tree by its root page ("Tree 7 page 1234 …") and a page
    by its number ("Page 37: …"): add the table or index each belongs to, so ``check``
    says which (issue #21)."""
    try:
        roots = {int(r[0]): f"{r[1]} {r[2]}" for r in conn.execute(
            "SELECT rootpage, type, name FROM sqlite_master WHERE rootpage > 0")}  # fmt: skip
        file = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    except sqlite3.DatabaseError:
        return problems  # the schema itself is unreadable: SQLite's words as they are
    owners = page_owners(Path(file), roots) if file else {}

    def tree(match: re.Match[str]) -> str:
        held = roots.get(int(match.group(2)))
        return f"{match.group(0)} ({held})" if held else match.group(0)

    def page(match: re.Match[str]) -> str:
        held = owners.get(int(match.group(2)))
        return f"{match.group(0)} (of {held})" if held else match.group(0)

    named = []
    for problem in problems:
        if _TREE.search(problem):
            named.append(_TREE.sub(tree, problem))
        else:
            named.append(_PAGE.sub(page, problem, count=1))
    return named


def unreadable_trees(conn: sqlite3.Connection) -> list[str]:
    """The tables whose rows SQLite cannot read (each scanned in full, no index), and
    the indexes its ``dbstat`` cannot walk: what ``check`` names when SQLite's own
    checks stop at the damage with only "malformed"."""
    found: list[str] = []
    try:
        trees = conn.execute(
            "SELECT type, name FROM sqlite_master WHERE rootpage > 0 ORDER BY rootpage"
        ).fetchall()
    except sqlite3.DatabaseError:
        return found
    for kind, name in trees:
        try:
            if kind == "table":
                for _row in conn.execute(f'SELECT * FROM "{name}" NOT INDEXED'):
                    pass
            else:
                conn.execute("SELECT count(*) FROM dbstat WHERE name = ?", (name,)).fetchone()
        except sqlite3.DatabaseError as exc:
            if "dbstat" not in str(exc):  # a SQLite built without it: tables only
                found.append(f"{kind} {name} cannot be read: {exc}")
    return found


def page_owners(path: Path, roots: dict[int, str]) -> dict[int, str]:
    """Which table or index each b-tree page of the file belongs to, read from the file
    itself by following the interior pages down from each root (a damaged page is named
    by the page that points to it). Overflow and free pages are not followed; a page
    only in the write-ahead log is read as the file holds it. Only when damage is found."""
    owners: dict[int, str] = {}
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
            size = int.from_bytes(head[16:18], "big")
            size = 65536 if size == 1 else size
            pages = path.stat().st_size // size if size >= 512 else 0
            for root, name in roots.items():
                todo = [root]
                while todo:
                    number = todo.pop()
                    if number in owners or not 0 < number <= pages:
                        continue
                    owners[number] = name
                    fh.seek((number - 1) * size)
                    data = fh.read(size)
                    at = 100 if number == 1 else 0
                    if data[at : at + 1] not in (b"\x02", b"\x05"):
                        continue  # a leaf (or a damaged page): nothing below it
                    cells = int.from_bytes(data[at + 3 : at + 5], "big")
                    todo.append(int.from_bytes(data[at + 8 : at + 12], "big"))
                    for n in range(cells):
                        ptr = int.from_bytes(data[at + 12 + 2 * n : at + 14 + 2 * n], "big")
                        todo.append(int.from_bytes(data[ptr : ptr + 4], "big"))
    except OSError:
        return owners
    return owners


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


def ledger_problems(conn: Any, limit: int = 20, *, postgresql: bool = False) -> list[str]:
    """The app's own rules the schema cannot state, for every kind of the registry: a
    record held at legs or sessions has one, counts are not negative, version vectors
    agree with versions and the clock, no child row lacks its parent. A table or column
    an older database does not have yet is skipped (its backups are checked too).
    ``conn``: a sqlite3 connection, or with ``postgresql`` a server's cursor taking the
    same SQL (:class:`db.storage.pg.dialect.RawCursor`)."""
    tables = {r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        if postgresql else "SELECT name FROM sqlite_master WHERE type='table'")}  # fmt: skip
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

    def has(table: str) -> set[str]:  # an older database may lack a newer column
        if postgresql:
            return {r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND table_name = ?", (table,))}  # fmt: skip
        return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}

    for table, columns in COUNTS.items():
        if table not in tables:
            continue
        key = ("uuid" if table in SYNCED_TABLES else "ctid" if postgresql
               else "rowid")  # a child row: its row number  # fmt: skip
        present = has(table)
        for column in (c for c in columns if c in present):
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
        if not {child, parent} <= tables or key not in has(child):
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
