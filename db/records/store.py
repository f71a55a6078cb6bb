"""Write records given as plain values (:mod:`db.read.rows`) into the database, as they are.

This is the merge's write path: a version made elsewhere is stored with its own
UUID, version, device, vector and time (no new version is stamped, unlike
:mod:`db.records.write`). New records go in with executemany; a newer version replaces the
row's columns and all its child rows. Values are converted to the storage format
SQLAlchemy uses for these columns, so the ORM reads them back unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from itertools import repeat
from operator import attrgetter
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.schema.errors import ValidationError
from db.schema.fields import Child as KindChild
from db.schema.fields import Field as KindField
from db.schema.kinds import MERGE_ORDER, SPECS, SYNC_COLUMNS, KindSpec, RecordKind
from db.storage.base import UTCDateTime

_UTC = UTCDateTime()


def storage(value: Any) -> Any:
    """A Python value in the form the ORM stores it (text dates, 0/1, JSON text)."""
    kind = type(value)
    if kind is str or kind is int or value is None:  # most values: stored as they are
        return value
    if kind is date:
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return _UTC.process_bind_param(value, None)  # type: ignore[arg-type]
    if isinstance(value, date):
        return value.isoformat()
    text = getattr(value, "text", None)  # exports.xlsx.schema.JsonValue: already JSON
    if isinstance(text, str):
        return text
    if isinstance(value, dict | list | tuple):
        return json.dumps(value if not isinstance(value, tuple) else list(value),
                          ensure_ascii=False, sort_keys=True)  # fmt: skip
    return value


def utc_text(value: datetime) -> str:
    """``updated_at`` as stored (see :class:`db.storage.base.UTCDateTime`), quickly when in UTC."""
    if value.tzinfo is UTC:
        return value.isoformat(timespec="microseconds")[:-6] + "Z"
    return _UTC.process_bind_param(value, None)  # type: ignore[arg-type,return-value]


@cache
def _attrs(columns: tuple[str, ...]) -> Any:
    return attrgetter(*columns)


@cache
def _converted(table: str, columns: tuple[str, ...]) -> tuple[int, ...]:
    """Which of the table's columns need :func:`storage` (dates, JSON); sqlite3 binds the
    others as they are (str and int subclasses such as the code enums and bool too)."""
    from sqlalchemy import JSON, Date, DateTime

    from db.storage.base import Base

    types = Base.metadata.tables[table].c
    return tuple(i for i, name in enumerate(columns)
                 if isinstance(types[name].type, Date | DateTime | JSON | UTCDateTime))  # fmt: skip


@dataclass(frozen=True)
class Child:
    table: str
    parent_column: str
    columns: tuple[str, ...]
    values: Callable[[Any], list[tuple[Any, ...]]]  # the row -> child tuples (no parent id)


@dataclass(frozen=True)
class Kind:
    """How one record type is stored: its table, columns and child tables."""

    name: str
    table: str
    columns: tuple[str, ...]
    children: tuple[Child, ...] = ()

    def main_values(self, row: Any, extra: dict[str, Any] | None = None) -> list[Any]:
        sync = row.sync
        vector = getattr(sync.version_vector, "text", None)  # JSON text as read from a file
        values = [sync.uuid, sync.version, sync.device_id,
                  storage(sync.version_vector) if vector is None else vector,
                  utc_text(sync.updated_at), 1 if sync.deleted else 0]  # fmt: skip
        if extra:
            return values + [storage(extra.get(c, getattr(row, c, None))) for c in self.columns]
        own = list(_attrs(self.columns)(row))
        for i in _converted(self.table, self.columns):
            own[i] = storage(own[i])
        return values + own


@dataclass(frozen=True)
class Partial:
    """What incoming versions of one record type do not say, because the app version that
    wrote them did not have those fields: replacing a record leaves them as stored here."""

    columns: frozenset[str] = frozenset()  # the record table's own columns
    # child table -> its columns kept by position (None: the child rows are all kept)
    children: Mapping[str, frozenset[str] | None] = field(default_factory=dict)


Extras = Mapping[str, Mapping[str, Any]]  # uuid -> {key: kept value, or None: cleared}


def merged_extras(stored: Any, incoming: Mapping[str, Any] | None) -> str | None:
    """A record's ``extras`` JSON after a version with these kept values replaced it:
    keys the version carries are taken from it (None removes one), others stay."""
    before = json.loads(stored) if isinstance(stored, str) else dict(stored or {})
    after = dict(before or {})
    for key, value in (incoming or {}).items():
        if value is None:
            after.pop(key, None)
        else:
            after[key] = value
    return json.dumps(after, ensure_ascii=False, sort_keys=True) if after else None


def _child(child: KindChild) -> Child:
    """A child table's storage from its declaration: position first, then its fields."""
    names = tuple(f.db_column for f in child.fields)
    if child.scalar:
        return Child(child.table, child.parent_column, ("position", *names),
                     lambda r: list(enumerate(getattr(r, child.attr), 1)))  # fmt: skip
    get = attrgetter(*(f.name for f in child.fields))

    def values(row: Any) -> list[tuple[Any, ...]]:
        return [(n, *map(storage, get(item))) for n, item in enumerate(getattr(row, child.attr), 1)]

    return Child(child.table, child.parent_column, ("position", *names), values)


def _codes(f: KindField) -> Child:
    """A field of several codes: one child row per distinct code, in the order given."""
    assert f.codes_in is not None, f"{f.name} declares no table for its codes"
    name = f.name
    return Child(f.codes_in.table, f.codes_in.parent_column, (f.codes_in.column,),
                 lambda r: [(str(t),) for t in dict.fromkeys(getattr(r, name))])  # fmt: skip


def _kind(s: KindSpec) -> Kind:
    children = tuple(_codes(f) for f in s.code_lists) + tuple(_child(c) for c in s.children)
    return Kind(s.kind, s.table, s.stored_columns, children)


KINDS: dict[str, Kind] = {kind: _kind(s) for kind, s in SPECS.items()}
ORDER = MERGE_ORDER


def newsletter_ids(session: Session, uuids: set[str]) -> dict[str, int]:
    if not uuids:
        return {}
    found = session.execute(
        text("SELECT uuid, id FROM newsletter WHERE uuid IN (SELECT value FROM json_each(:u))"),
        {"u": json.dumps(sorted(uuids))},
    )
    return {u: i for u, i in found}


def _extra(kind: Kind, row: Any, letters: dict[str, int]) -> dict[str, Any] | None:
    if kind.name is not RecordKind.NEWSLETTER_ISSUE:
        return None
    try:
        return {"newsletter_id": letters[row.newsletter_uuid]}
    except KeyError:
        raise ValidationError(
            f"newsletter issue {row.sync.uuid} belongs to newsletter {row.newsletter_uuid},"
            " which is neither in this file nor in the database",
            field="newsletter_uuid",
        ) from None


def _set_extras(session: Session, kind: Kind, values: list[tuple[str | None, int]]) -> None:
    if values:
        session.connection().exec_driver_sql(
            f"UPDATE {kind.table} SET extras = ? WHERE id = ?", values
        )


def insert(session: Session, kind: Kind, rows: Sequence[Any], extras: Extras | None = None) -> None:
    """Insert records that this database does not have yet (ids assigned here), with the
    values they keep of columns a newer app wrote (``extras``, by UUID)."""
    if not rows:
        return
    letters = newsletter_ids(session, {r.newsletter_uuid for r in rows}) if (
        kind.name is RecordKind.NEWSLETTER_ISSUE) else {}  # fmt: skip
    conn = session.connection()
    first = (conn.exec_driver_sql(f"SELECT max(id) FROM {kind.table}").scalar() or 0) + 1
    columns = ("id", *SYNC_COLUMNS, *kind.columns)
    sql = (f"INSERT INTO {kind.table} ({', '.join(columns)})"
           f" VALUES ({', '.join('?' * len(columns))})")  # fmt: skip
    conn.exec_driver_sql(
        sql,
        [(first + n, *kind.main_values(r, _extra(kind, r, letters))) for n, r in enumerate(rows)],
    )
    for child in kind.children:
        _insert_children(session, child, [(first + n, r) for n, r in enumerate(rows)])
    if extras:
        _set_extras(
            session,
            kind,
            [
                (merged_extras(None, extras[r.sync.uuid]), first + n)
                for n, r in enumerate(rows)
                if r.sync.uuid in extras
            ],
        )


def _insert_children(
    session: Session,
    child: Child,
    parents: list[tuple[int, Any]],
    keep: frozenset[str] = frozenset(),
    before: Mapping[tuple[int, Any], tuple[Any, ...]] | None = None,
) -> None:
    values = [(pid, *v) for pid, row in parents for v in child.values(row)]
    if keep:  # columns the incoming rows lack: the stored row at the same position's values
        at = [i + 1 for i, c in enumerate(child.columns) if c in keep]
        for n, v in enumerate(values):
            old = (before or {}).get((v[0], v[1]))
            if old is not None:
                patched = list(v)
                for i, value in zip(at, old, strict=True):
                    patched[i] = value
                values[n] = tuple(patched)
    if values:
        cols = (child.parent_column, *child.columns)
        session.connection().exec_driver_sql(
            f"INSERT INTO {child.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            values,
        )


def replace(session: Session, kind: Kind, rows: Sequence[Any], partial: Partial | None = None,
            extras: Extras | None = None) -> None:  # fmt: skip
    """Overwrite existing records (matched by UUID) with these versions, children too.

    What ``partial`` names (fields the versions' app did not have) stays as stored;
    the records' kept values of a newer app's columns are merged (:func:`merged_extras`).
    """
    if not rows:
        return
    partial = partial or Partial()
    letters = newsletter_ids(session, {r.newsletter_uuid for r in rows}) if (
        kind.name is RecordKind.NEWSLETTER_ISSUE) else {}  # fmt: skip
    conn = session.connection()
    ids, kept = {}, {}
    for uuid, row_id, stored in conn.execute(
        text(f"SELECT uuid, id, extras FROM {kind.table}"
             " WHERE uuid IN (SELECT value FROM json_each(:u))"),
        {"u": json.dumps([r.sync.uuid for r in rows])},
    ):  # fmt: skip
        ids[uuid], kept[uuid] = row_id, stored
    names = (*SYNC_COLUMNS, *kind.columns)
    taken = [i for i, c in enumerate(names) if c not in partial.columns]
    assignments = ", ".join(f"{names[i]} = ?" for i in taken)
    values = [kind.main_values(r, _extra(kind, r, letters)) for r in rows]
    conn.exec_driver_sql(
        f"UPDATE {kind.table} SET {assignments} WHERE id = ?",
        [(*(v[i] for i in taken), ids[r.sync.uuid]) for v, r in zip(values, rows, strict=True)],
    )
    for child in kind.children:
        keep = partial.children.get(child.table, frozenset())
        if keep is None:
            continue  # the sender's app had no such child rows: the stored ones stay
        parents = [(ids[r.sync.uuid], r) for r in rows]
        before = _stored_children(session, child, keep, [p for p, _ in parents])
        conn.exec_driver_sql(
            f"DELETE FROM {child.table} WHERE {child.parent_column} = ?",
            [(p,) for p, _ in parents],
        )
        _insert_children(session, child, parents, keep, before)
    if extras:
        _set_extras(
            session,
            kind,
            [
                (merged_extras(kept[r.sync.uuid], extras[r.sync.uuid]), ids[r.sync.uuid])
                for r in rows
                if r.sync.uuid in extras
            ],
        )


def _stored_children(session: Session, child: Child, keep: frozenset[str],
                     parents: list[int]) -> dict[tuple[int, Any], tuple[Any, ...]]:  # fmt: skip
    """The stored values of the kept columns of these parents' child rows, by position."""
    if not keep:
        return {}
    cols = [c for c in child.columns if c in keep]
    found = session.connection().execute(
        text(f"SELECT {child.parent_column}, position, {', '.join(cols)} FROM {child.table}"
             f" WHERE {child.parent_column} IN (SELECT value FROM json_each(:p))"),
        {"p": json.dumps(parents)},
    )  # fmt: skip
    return {(r[0], r[1]): tuple(r[2:]) for r in found}


def insert_batch(session: Session, kind: Kind, batch: Any, indexes: Sequence[int]) -> None:
    """Insert records never seen here straight from a :class:`db.sync.batch.ColumnBatch`.

    The batch's columns hold storage-ready values under the table's column names
    (``updated_at`` as :func:`utc_text`, ``version_vector`` as JSON text, dates as
    ISO text, ``counted`` as 0/1) and, for support cases, ``types``: each case's codes.
    Rows are zipped from the columns, never built as objects.
    """
    if not indexes:
        return
    if (
        kind.name is not RecordKind.SUPPORT_CASE
    ):  # pragma: no cover - only support cases come in batches
        raise ValueError(f"no batch insert for {kind.name}")
    cols = batch.columns
    everything = len(indexes) == batch.size

    def pick(name: str) -> list[Any]:
        column: list[Any] = cols[name]
        return column if everything else [column[i] for i in indexes]

    conn = session.connection()
    first = (conn.exec_driver_sql(f"SELECT max(id) FROM {kind.table}").scalar() or 0) + 1
    ids = range(first, first + len(indexes))
    kept = ("extras",) if "extras" in cols else ()  # values of a newer app's columns (JSON)
    names = ("id", *SYNC_COLUMNS, *kind.columns, *kept)
    values = [ids, *(pick(c) if c != "deleted" else repeat(0) for c in SYNC_COLUMNS),
              *(pick(c) for c in (*kind.columns, *kept))]  # fmt: skip
    conn.exec_driver_sql(
        f"INSERT INTO {kind.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        list(zip(*values)),  # noqa: B905 - repeat() is endless; the others are equal
    )
    for f in SPECS[kind.name].code_lists:  # each list of codes into its own table
        assert f.codes_in is not None
        table = f.codes_in
        children = [(i, code) for i, codes in zip(ids, pick(f.name), strict=True)
                    for code in dict.fromkeys(codes)]  # fmt: skip
        if children:
            conn.exec_driver_sql(f"INSERT INTO {table.table} ({table.parent_column},"
                                 f" {table.column}) VALUES (?, ?)", children)  # fmt: skip
