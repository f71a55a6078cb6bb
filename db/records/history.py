"""Every version of every record, as this laptop saw it: the history writer and readers.

One row of ``record_history`` per version stored here, written in the transaction of
the change it records, by whichever path made the change:

* :func:`changed` — a record replaced by a newer version (a form's edit, a delete or
  undelete, an imported or hand-edited version, a conflict's resolution, an earlier
  version brought back). It takes the values before and after (:func:`values`): the
  fields that differ go into the new row's ``changes``, and the values before go into
  the ``payload`` of the row of the version they were, so that version can be brought
  back later;
* :func:`created` — records new here (one row each, cheap enough for bulk imports).

The newest row of a record has no payload: its values are the record's own. ``how``
says through what the version came (:data:`HOW`); its origin where from (for an
import: the file's name, office, export id and time, the exporting laptop; stored
once per import in ``record_history_origin``). Who made
it is the laptop's login user for versions made here; a version made on another laptop
is known by its device (named when the workbook's manifest names it). History rows
do not travel: each laptop records what it saw arrive (docs/design.md).

The source of the changes of a transaction is set once with :func:`via`.
"""

from __future__ import annotations

import dataclasses
import getpass
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from operator import attrgetter
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.schema.fields import Field, FieldType
from db.schema.kinds import Record, RecordKind, Sync
from db.storage.base import UTCDateTime, utc_now

# Through what a version came; each is a db.schema.words key "history.how.<how>".
HOW = ("form", "undo", "delete", "undelete", "restore", "import", "hand_edit", "conflict",
       "sheet_import", "sheet_change", "sheet_gone", "demo", "existing", "earlier")  # fmt: skip

_UTC = UTCDateTime()
_SOURCE = "history_source"


@dataclass(frozen=True)
class Source:
    """Through what the changes of a transaction come, and where from."""

    how: str = "form"
    origin: Mapping[str, Any] | None = None  # an import's file, office, export id and time
    author: str | None = None  # None: this laptop's login user (for versions made here)


def login_user() -> str:
    """Who is using this laptop (the operating system's login name)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (a container): not worth failing a save
        return ""


def via(session: Session, source: Source) -> None:
    """Say through what this transaction's changes come (until the transaction ends)."""
    session.info[_SOURCE] = source


def source_of(session: Session) -> Source:
    found = session.info.get(_SOURCE)
    return found if isinstance(found, Source) else Source()


def _jsonable(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:  # most values
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


_PLAIN = (FieldType.TEXT, FieldType.NOTE, FieldType.COUNT, FieldType.BOOL, FieldType.OFFICE,
          FieldType.COUNTRY)  # fmt: skip


@cache
def _plan(kind: str) -> tuple[tuple[str, ...], Any, tuple[int, ...]]:
    """The fields :func:`values` keeps of a kind (then its child rows), a getter of them
    all, and which of them need converting (dates, codes, lists, child rows)."""
    spec = RecordKind(kind).spec
    own = [f for f in spec.fields if f.type is not FieldType.REF and not (f.derived and f.stored)]
    names = tuple(f.name for f in own) + tuple(c.attr for c in spec.children)
    convert = tuple(i for i, f in enumerate(own) if f.type not in _PLAIN)
    convert += tuple(range(len(own), len(names)))
    return names, attrgetter(*names), convert


def values(kind: str, row: Record) -> dict[str, Any]:
    """A record's values as JSON-ready data, by field name: what a person edits and
    sees (no row id, sync fields, first day derived from the legs, nor the issue's link
    to its newsletter by UUID)."""
    names, get, convert = _plan(kind)
    found = list(get(row))
    for i in convert:
        found[i] = _jsonable(found[i])
    return dict(zip(names, found, strict=True))


def _field_value(f: Field, value: Any) -> Any:
    if value is None:
        return None
    if f.type is FieldType.DATE:
        return date.fromisoformat(value)
    if f.type is FieldType.CODE and f.enum is not None:
        return f.enum(value)
    if f.type is FieldType.CODES:
        return tuple(f.enum(v) if f.enum is not None else v for v in value)
    if f.type is FieldType.TEXTS:
        return tuple(value)
    return value


def record(kind: str, data: Mapping[str, Any]) -> Record:
    """The record of these values (as :func:`values` gave them), for a form or an edit."""
    spec = RecordKind(kind).spec
    out: dict[str, Any] = {f.name: _field_value(f, data[f.name]) for f in spec.fields
                           if f.name in data and f.type is not FieldType.REF}  # fmt: skip
    for child in spec.children:
        rows = data.get(child.attr) or []
        if child.scalar:
            out[child.attr] = tuple(rows)
        else:
            out[child.attr] = tuple(
                child.row_type(**{f.name: _field_value(f, r.get(f.name)) for f in child.fields
                                  if f.name in r})
                for r in rows
            )  # fmt: skip
    found: Record = spec.row_type(**out)
    return found


def differences(
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any],
    deleted: tuple[bool, bool] = (False, False),
) -> dict[str, list[Any]] | None:
    """``{field: [before, after]}`` for the fields that differ (``deleted`` too), or None
    for a record with no earlier version."""
    if before is None:
        return None
    out = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if deleted[0] != deleted[1]:
        out["deleted"] = list(deleted)
    return out


def _device(session: Session) -> tuple[str, str]:
    cached: tuple[str, str] | None = session.info.get("history_device")
    if cached is None:
        sql = "SELECT key, value FROM app_meta WHERE key IN ('device_id', 'device_name')"
        found: dict[str, str] = {k: v for k, v in session.execute(text(sql))}
        cached = (found.get("device_id", ""), found.get("device_name", ""))
        session.info["history_device"] = cached
    return cached


def _who(session: Session, source: Source, device_id: str) -> tuple[str | None, str | None]:
    """(author, device name) of a version made by ``device_id`` through ``source``."""
    here, name = _device(session)
    if device_id == here:
        from db.hq import who  # the database role on PostgreSQL (issue #23)

        return (source.author if source.author is not None else who.user(session)), name
    origin = source.origin or {}
    if device_id in (origin.get("device_id"), *origin.get("former_device_ids", ())):
        return None, origin.get("device_name")  # the exporting laptop, before or after a move
    return None, None


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


_INSERT = (
    "INSERT INTO record_history (record_type, record_uuid, version, device_id, device_name,"
    " author, how, origin_id, deleted, updated_at, recorded_at, changes, payload)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _origin_id(session: Session, source: Source) -> int | None:
    """The row of ``record_history_origin`` for the source's origin, made once per
    transaction (an import of 100,000 records stores its file and export once)."""
    if not source.origin:
        return None
    made: dict[str, int] = session.info.setdefault("history_origins", {})
    key = _dumps(dict(source.origin)) or ""
    if key not in made:
        made[key] = session.execute(
            text("INSERT INTO record_history_origin (origin) VALUES (:o) RETURNING id"),
            {"o": key},
        ).scalar_one()
    return made[key]


def _time(value: Any) -> Any:
    return _UTC.process_bind_param(value, None) if isinstance(value, datetime) else value  # type: ignore[arg-type]


def created(session: Session, kind: str, syncs: Iterable[Any], how: str | None = None) -> None:
    """One row per record new here; ``syncs`` hold uuid, version, device_id, updated_at
    and deleted (:class:`db.schema.kinds.Sync`, or tuples in that order)."""
    source = source_of(session)
    if how is not None:
        source = dataclasses.replace(source, how=how)
    origin = _origin_id(session, source)
    now = _time(utc_now())
    rows = []
    for s in syncs:
        uuid, version, device, updated, deleted = (
            (s.uuid, s.version, s.device_id, s.updated_at, s.deleted) if isinstance(s, Sync)
            else s)  # fmt: skip
        author, name = _who(session, source, device)
        rows.append((str(kind), uuid, version, device, name, author, source.how, origin,
                     1 if deleted else 0, _time(updated), now, None, None))  # fmt: skip
    if rows:
        session.connection().exec_driver_sql(_INSERT, rows)


@dataclass(frozen=True)
class Change:
    """One record replaced by a newer version: its versions and values before and after."""

    uuid: str
    before: Sync
    before_values: Mapping[str, Any]
    after: Sync
    after_values: Mapping[str, Any]


def changed(session: Session, kind: str, changes: Sequence[Change],
            how: str | None = None) -> None:  # fmt: skip
    """Record records replaced by newer versions (see the module's docstring)."""
    if not changes:
        return
    source = source_of(session)
    if how is not None:
        source = dataclasses.replace(source, how=how)
    conn = session.connection()
    newest = {
        u: (i, v, d, p is not None)
        for u, i, v, d, p in conn.execute(
            text("SELECT record_uuid, id, version, device_id, payload FROM record_history"
                 " WHERE id IN (SELECT max(id) FROM record_history WHERE record_uuid IN"
                 " (SELECT value FROM json_each(:u)) GROUP BY record_uuid)"),
            {"u": json.dumps([c.uuid for c in changes])},
        )
    }  # fmt: skip
    fill: list[tuple[str | None, int]] = []
    rows: list[tuple[Any, ...]] = []
    now, origin = _time(utc_now()), _origin_id(session, source)
    for c in changes:
        before = _dumps(dict(c.before_values))
        last = newest.get(c.uuid)
        if last is not None and (last[1], last[2]) == (c.before.version, c.before.device_id):
            if not last[3]:
                fill.append((before, last[0]))
        else:  # the version replaced was stored without a history row: keep it now
            rows.append((str(kind), c.uuid, c.before.version, c.before.device_id, None, None,
                         "earlier", None, 1 if c.before.deleted else 0,
                         _time(c.before.updated_at), now, None, before))  # fmt: skip
        author, name = _who(session, source, c.after.device_id)
        diff = differences(c.before_values, c.after_values, (c.before.deleted, c.after.deleted))
        rows.append((str(kind), c.uuid, c.after.version, c.after.device_id, name, author,
                     source.how, origin, 1 if c.after.deleted else 0,
                     _time(c.after.updated_at), now, _dumps(diff), None))  # fmt: skip
    if fill:
        conn.exec_driver_sql("UPDATE record_history SET payload = ? WHERE id = ?", fill)
    conn.exec_driver_sql(_INSERT, rows)


# Reading ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Version:
    """A version of a record as the history shows it."""

    id: int
    version: int
    device_id: str
    device_name: str | None
    author: str | None
    how: str
    origin: Mapping[str, Any] | None
    deleted: bool
    updated_at: datetime
    recorded_at: datetime
    changes: Mapping[str, list[Any]] | None
    values: Mapping[str, Any] | None  # None: not kept (the newest: see the record)
    current: bool = False


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _version(r: Any) -> Version:
    at, seen = datetime.fromisoformat(r[8]), datetime.fromisoformat(r[9])
    return Version(r[0], r[1], r[2], r[3], r[4], r[5], _json(r[6]), bool(r[7]), at, seen,
                   _json(r[10]), _json(r[11]))  # fmt: skip


def versions(session: Session, uuid: str) -> list[Version]:
    """The record's versions seen here, oldest first (the last one is the record's own)."""
    found = session.execute(
        text("SELECT h.id, version, device_id, device_name, author, how, o.origin, deleted,"
             " updated_at, recorded_at, changes, payload FROM record_history h"
             " LEFT JOIN record_history_origin o ON o.id = h.origin_id"
             " WHERE record_uuid = :u ORDER BY h.id"),
        {"u": uuid},
    ).all()  # fmt: skip
    out = [_version(r) for r in found]
    if out:
        out[-1] = dataclasses.replace(out[-1], current=True)
    return out


def kind_of(session: Session, uuid: str) -> str | None:
    """The record type of a UUID stored here (None: no such record)."""
    for kind in RecordKind:
        hit = session.execute(text(f"SELECT 1 FROM {kind.spec.table} WHERE uuid = :u"),
                              {"u": uuid}).first()  # fmt: skip
        if hit is not None:
            return str(kind)
    return None


def find_uuid(session: Session, prefix: str) -> list[str]:
    """The UUIDs stored here that start with ``prefix`` (a person types the first few)."""
    prefix = prefix.strip().lower()
    found: list[str] = []
    for kind in RecordKind:
        found += session.execute(
            text(f"SELECT uuid FROM {kind.spec.table} WHERE uuid LIKE :p || '%' ESCAPE '\\'"),
            {"p": prefix.replace("%", "\\%").replace("_", "\\_")},
        ).scalars().all()  # fmt: skip
    return found


@dataclass(frozen=True)
class Deleted:
    """A deleted record, as the list of deleted records shows it."""

    kind: str
    uuid: str
    office: str
    title: str
    deleted_at: datetime


def _title_column(kind: RecordKind) -> str:
    """The column that names a record for a person (a case's requester, an event's name)."""
    if kind is RecordKind.NEWSLETTER_ISSUE:
        return "(SELECT title FROM newsletter n WHERE n.id = t.newsletter_id) || ' ' || t.number"
    spec = kind.spec
    wordy = [f for f in spec.stored_fields if f.type in (FieldType.TEXT, FieldType.NOTE)]
    named = [f for f in wordy if f.required]  # a case's requester, a seminar's title
    if named:
        return f"t.{named[0].db_column}"
    # no text a record must have (a cooking event): the first of its texts given
    return "coalesce(" + ", ".join(f"nullif(t.{f.db_column}, '')" for f in wordy) + ", '')"


def deleted_records(session: Session, kind: str | None = None) -> list[Deleted]:
    """Records deleted here or on another laptop (tombstones), newest deletion first."""
    out: list[Deleted] = []
    for k in RecordKind if kind is None else (RecordKind(kind),):
        office = ("(SELECT office_code FROM newsletter n WHERE n.id = t.newsletter_id)"
                  if k is RecordKind.NEWSLETTER_ISSUE else "t.office_code")  # fmt: skip
        found = session.execute(text(
            f"SELECT t.uuid, {office}, {_title_column(k)}, t.updated_at"
            f" FROM {k.spec.table} t WHERE t.deleted = 1"))  # fmt: skip
        out += [Deleted(str(k), u, o or "", t or "", datetime.fromisoformat(at))
                for u, o, t, at in found]  # fmt: skip
    out.sort(key=lambda d: d.deleted_at, reverse=True)
    return out
