"""The write path: create, edit, delete (tombstone) and restore records, one at a time
or in bulk, each write stamped with a new version from :mod:`db.storage.clock`.

Every change to a record goes through here so that the sync fields, the derived
``start_date`` of events and the validation rules are applied in one place.
"""

from __future__ import annotations

import os
import uuid as uuidlib
from collections.abc import Iterable
from functools import cache
from operator import attrgetter
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.records import history, rules
from db.records.store import storage
from db.schema.countries import codes
from db.schema.errors import StaleEdit, ValidationError
from db.schema.fields import FieldType, defaults
from db.schema.kinds import SYNC_COLUMNS, CaseRow, RecordKind, Sync
from db.storage import clock
from db.storage.base import Base, SyncFields, UTCDateTime, utc_now
from db.storage.models import SupportCase


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def new_uuids(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs as text, from one read of ``os.urandom``.

    The same values ``uuid.uuid4()`` makes, about six times faster for bulk inserts.
    """
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes((b & 0x0F) | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes((b & 0x3F) | 0x80 for b in raw[8::16])  # RFC 4122 variant
    text = raw.hex()
    out = []
    for i in range(0, 32 * count, 32):
        h = text[i : i + 32]
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def kind_of(record: SyncFields) -> RecordKind:
    """The record kind of an ORM record (its table's name)."""
    return RecordKind(record.__tablename__)  # type: ignore[attr-defined]


def validate(record: SyncFields, *, lengths: bool = False) -> None:
    """Check the rules a record must keep before it is stored (see :mod:`db.records.rules`).

    Country codes typed in lower case or with blanks are normalised first. ``lengths``
    adds the length limits, for what a person types (see :func:`db.records.rules.check`).

    Raises:
        ValidationError: with ``field`` set to the first offending field.
    """
    spec = kind_of(record).spec
    _fill_defaults(record, spec.row_type)
    for child in spec.children:
        for row in getattr(record, child.attr):
            if child.row_type is not None:
                _fill_defaults(row, child.row_type)
            country = getattr(row, "country", None)
            if isinstance(country, str) and country.strip().upper() in codes():
                row.country = country.strip().upper()
    rules.check(spec, record, lengths=lengths)


def _fill_defaults(record: Any, row_type: Any) -> None:
    """The declared defaults of fields an ORM object was made without (its columns'
    defaults would apply only when it is flushed, after the rules have run)."""
    for name, value in defaults(row_type).items():
        if hasattr(record, name) and getattr(record, name) is None:
            setattr(record, name, value)


def _derive(record: SyncFields) -> None:
    """Number the child rows in order and set a derived first day (an event's, a JETAA
    event's or a seminar's) from its legs or sessions, as the declaration says."""
    spec = kind_of(record).spec
    for child in spec.children:
        for position, row in enumerate(getattr(record, child.attr), 1):
            row.position = position
    derived = [f for f in spec.fields if f.derived and f.type is FieldType.DATE]
    stops = [c for c in spec.children if not c.scalar]
    if derived and stops:
        rows = getattr(record, stops[0].attr)
        setattr(record, derived[0].db_column, min(r.start_date for r in rows))


def save(session: Session, record: SyncFields) -> SyncFields:
    """Store a new record or a new version of an edited one; return it.

    A new record gets its UUID here. An edit takes a newer version than any seen and
    adds it to the record's version vector.
    """
    new = record.uuid is None
    if new:
        record.uuid = new_uuid()
        record.deleted = False
    validate(record)
    _derive(record)
    _stamp(session, record)
    session.add(record)
    session.flush()
    if new:  # an edit's history is written by its caller, who knows the values before
        history.created(session, kind_of(record), [sync_of(record)])
    return record


def sync_of(record: SyncFields) -> Sync:
    """The sync fields of an ORM record (which version of which record it holds)."""
    return Sync(record.uuid, record.version, record.device_id, dict(record.version_vector or {}),
                record.updated_at, bool(record.deleted))  # fmt: skip


def _stamp(session: Session, record: SyncFields) -> None:
    with session.no_autoflush:  # the record is not ready to be written before its version
        record.version = clock.tick(session, at_least=record.version or 0)
        record.device_id = clock.device_id(session)
        record.version_vector = {**(record.version_vector or {}), record.device_id: record.version}
        record.updated_at = utc_now()


@cache
def model_of(table: str) -> Any:
    """The ORM class mapped to a table."""
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table:
            return mapper.class_
    raise KeyError(table)


def claim(session: Session, kind: RecordKind, uuid: str, seen: int | None) -> None:
    """Take the record for an edit made on what was read at version ``seen`` (the
    version a form showed), first thing in the edit's transaction; None: take it as it is.

    A conditional UPDATE (``WHERE version = seen``, changing nothing) that holds until
    the transaction ends: on SQLite it takes the database's write lock, on PostgreSQL
    the row's lock, where a concurrent writer's commit is seen (READ COMMITTED re-reads
    the row after the wait) so exactly one of two edits of the same version goes in.

    Raises:
        StaleEdit: someone else changed or deleted the record since ``seen``; nothing
            was written (the caller's transaction rolls back).
    """
    if seen is None:
        return
    model = model_of(kind.spec.table)
    took = session.execute(
        update(model.__table__).where(model.uuid == uuid, model.version == seen)
        .values(version=model.version)
    )  # fmt: skip
    if getattr(took, "rowcount", 0) == 1:
        return
    now = session.execute(select(model.version, model.deleted).where(model.uuid == uuid)).first()
    if now is None:
        from db.schema.words import Message

        raise ValidationError(Message("history.no_record", {"uuid": uuid}), field="uuid")
    made = history.versions(session, uuid)
    last = made[-1] if made and made[-1].version == now[0] else None
    who = (last.author or last.device_name) if last is not None else None
    from db.schema.fiscal import moment

    when = {lang: moment(last.updated_at, lang) for lang in ("ja", "en")} if last else None
    raise StaleEdit(uuid, seen, int(now[0]), bool(now[1]), who, when)


def delete(session: Session, record: SyncFields) -> None:
    """Mark the record deleted (a tombstone that travels like any other version)."""
    record.deleted = True
    _stamp(session, record)
    session.flush()


def restore(session: Session, record: SyncFields) -> None:
    """Bring a deleted record back as a new version (undo of a delete)."""
    record.deleted = False
    _stamp(session, record)
    session.flush()


_CASE = RecordKind.SUPPORT_CASE.spec
_CASE_COLUMNS = ("id", *SYNC_COLUMNS, *_CASE.stored_columns)
_INSERT_CASE = (
    f"INSERT INTO support_case ({', '.join(_CASE_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(_CASE_COLUMNS))})"
)


def _check_batch(batch: list[CaseRow]) -> None:
    """The support-case rules over the whole batch at once; the first bad row named."""
    columns = {f.name: [getattr(c, f.name) for c in batch] for f in _CASE.fields}
    if rules.columns_pass(_CASE, columns):
        return
    for n, case in enumerate(batch, 1):
        found = rules.problem(_CASE, case)
        if found is not None:
            raise ValidationError(f"row {n}: {found}", field=found.field)


def bulk_insert_cases(session: Session, cases: Iterable[CaseRow],
                      uuids: list[str] | None = None) -> int:  # fmt: skip
    """Insert many new support cases with two executemany statements; return the count.

    The rows are written in the same storage format SQLAlchemy uses for these columns
    (ISO dates, 0/1 booleans, enum codes, :class:`db.storage.base.UTCDateTime` text), straight
    to the driver: SQLAlchemy's per-value processing would triple the time. Versions
    are reserved from the clock in one step; ids are assigned here (the transaction
    holds the write lock) so that the support types link without a round trip per row.
    ``uuids`` gives the records' UUIDs (an office's sheet derives them from its rows);
    new ones are made if not.

    Raises:
        ValidationError: a row breaks a rule; nothing of the batch is written.
    """
    batch = list(cases)
    if not batch:
        return 0
    _check_batch(batch)
    device = clock.device_id(session)
    first_version = clock.tick(session, len(batch))
    first_id = (session.execute(select(func.max(SupportCase.id))).scalar() or 0) + 1
    now = UTCDateTime().process_bind_param(utc_now(), session.bind.dialect)  # type: ignore[union-attr]
    uuids = list(uuids) if uuids is not None else new_uuids(len(batch))
    if len(uuids) != len(batch):
        raise ValueError(f"{len(uuids)} UUIDs for {len(batch)} cases")
    own = attrgetter(*_CASE.stored_columns)
    rows: list[tuple[Any, ...]] = []
    made: list[tuple[str, int, str, str | None, bool]] = []
    code_rows: dict[str, list[tuple[int, str]]] = {f.name: [] for f in _CASE.code_lists}
    for n, case in enumerate(batch):
        row_id = first_id + n
        version = first_version + n
        values = [storage(v) for v in own(case)]
        rows.append((row_id, uuids[n], version, device, f'{{"{device}": {version}}}', now, 0,
                     *values))  # fmt: skip
        made.append((uuids[n], version, device, now, False))
        for name, found in code_rows.items():
            found.extend((row_id, str(t)) for t in dict.fromkeys(getattr(case, name)))
    conn = session.connection()
    conn.exec_driver_sql(_INSERT_CASE, rows)
    for f in _CASE.code_lists:
        assert f.codes_in is not None
        table = f.codes_in
        if code_rows[f.name]:
            conn.exec_driver_sql(f"INSERT INTO {table.table} ({table.parent_column},"
                                 f" {table.column}) VALUES (?, ?)", code_rows[f.name])  # fmt: skip
    history.created(session, RecordKind.SUPPORT_CASE, made)
    return len(rows)
