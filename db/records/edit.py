"""Edits the app makes, by record kind, UUID and plain values (no ORM objects out).

Each call is one transaction and one new version (see :mod:`db.records.write`); undoing an
edit is a further edit back to the old values, so undo travels to other laptops like
any change. The values are the record kinds' own dataclasses (:mod:`db.schema.kinds`), with
no sync fields; what they carry is copied to and from the ORM objects by the kind's
declaration, so a field added there is edited here without more code. A newsletter
issue names its newsletter by title within the office: a new title makes a new
newsletter.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.records import history
from db.records import write as records
from db.schema.errors import NothingToRestore, ValidationError
from db.schema.fields import Field, FieldType
from db.schema.kinds import IssueRow, Record, RecordKind
from db.schema.words import Message, Term
from db.storage.database import Database
from db.storage.models import Newsletter

_model = records.model_of  # the ORM class mapped to a table


def _clean(f: Field, value: Any) -> Any:
    """A value as stored: one-line texts without surrounding blanks, lists as lists."""
    if f.type is FieldType.TEXT and isinstance(value, str):
        return value.strip()
    if f.type is FieldType.TEXTS:
        return list(value or ())
    return value


def _apply(session: Session | None, kind: RecordKind, record: Any, values: Record) -> None:
    """Copy the values onto the ORM record: its columns, codes and child rows."""
    spec = kind.spec
    for f in spec.stored_fields:
        if not f.derived and f.type is not FieldType.REF:
            setattr(record, f.db_column, _clean(f, getattr(values, f.name)))
    for f in spec.code_lists:
        assert f.codes_in is not None
        model, column = _model(f.codes_in.table), f.codes_in.column
        wanted = list(dict.fromkeys(getattr(values, f.name)))
        kept = [x for x in getattr(record, f.name) if getattr(x, column) in wanted]
        have = {getattr(x, column) for x in kept}  # rows that stay keep their keys: no churn
        setattr(record, f.name, kept + [model(**{column: c}) for c in wanted if c not in have])
    for child in spec.children:
        model = _model(child.table)
        rows = getattr(values, child.attr)
        if child.scalar:
            (only,) = child.fields
            names = dict.fromkeys(n.strip() for n in rows if n.strip())
            setattr(record, child.attr, [model(**{only.db_column: n}) for n in names])
        else:
            setattr(record, child.attr, [
                model(**{f.db_column: _clean(f, getattr(r, f.name)) for f in child.fields})
                for r in rows
            ])  # fmt: skip
    if isinstance(values, IssueRow):
        if session is not None:
            record.newsletter = newsletter_for(session, values.office_code, values.title)
        elif not values.title.strip():
            raise _title_required()


def apply_values(session: Session, kind: RecordKind, values: Record) -> Any:
    """A new ORM record of the kind holding these values (not saved yet)."""
    record = _model(kind.spec.table)()
    _apply(session, kind, record, values)
    return record


def _values(kind: RecordKind, record: Any) -> Record:
    """An ORM record's values as the kind's dataclass (no id or sync fields)."""
    spec = kind.spec
    out: dict[str, Any] = {
        f.name: getattr(record, f.db_column)
        for f in spec.stored_fields if f.type is not FieldType.REF
    }  # fmt: skip
    for f in spec.fields:
        if f.type is FieldType.TEXTS:
            out[f.name] = tuple(out[f.name] or ())
    for f in spec.code_lists:
        assert f.codes_in is not None
        out[f.name] = tuple(getattr(x, f.codes_in.column) for x in getattr(record, f.name))
    for child in spec.children:
        items = getattr(record, child.attr)
        if child.scalar:
            out[child.attr] = tuple(getattr(x, child.fields[0].db_column) for x in items)
        else:
            out[child.attr] = tuple(
                child.row_type(**{f.name: getattr(x, f.db_column) for f in child.fields})
                for x in items
            )
    if kind is RecordKind.NEWSLETTER_ISSUE:
        letter = record.newsletter
        out.update(office_code=letter.office_code, title=letter.title)
    row: Record = spec.row_type(**out)
    return row


def _title_required() -> ValidationError:
    return ValidationError(Message("rule.required", {"field": Term("field.newsletter_title")}),
                           field="title")  # fmt: skip


def newsletter_for(session: Session, office_code: str, title: str) -> Newsletter:
    """The office's live newsletter of this title, made (as a new record) if there is none."""
    title = title.strip()
    if not title:
        raise _title_required()
    found = session.execute(
        select(Newsletter).where(Newsletter.office_code == office_code,
                                 Newsletter.title == title, Newsletter.deleted.is_(False))
    ).scalars().first()  # fmt: skip
    if found is None:
        found = Newsletter(office_code=office_code, title=title)
        records.save(session, found)
    return found


def _get(session: Session, kind: RecordKind, uuid: str) -> Any:
    model = _model(kind.spec.table)
    found = session.execute(select(model).where(model.uuid == uuid)).scalar_one_or_none()
    if found is None:
        from db.schema.words import word

        raise ValidationError(f"no {word(kind.spec.noun)} {uuid}", field="uuid")
    return found


def values_of(db: Database, uuid: str, kind: str = RecordKind.SUPPORT_CASE) -> Any:
    with db.session() as s:
        return _values(RecordKind(kind), _get(s, RecordKind(kind), uuid))


def create(db: Database, kind: str, values: Record, how: str = "form") -> str:
    """Store a new record; return its UUID. Raises ValidationError naming the field."""
    k = RecordKind(kind)
    with db.session() as s:
        history.via(s, history.Source(how))
        record = apply_values(s, k, values)
        records.save(s, record)
        return str(record.uuid)


def _changing(s: Session, k: RecordKind, record: Any) -> tuple[Any, dict[str, Any]]:
    """What the record is before a change: its sync fields and values (for its history)."""
    return records.sync_of(record), history.values(k, _values(k, record))


def _changed(s: Session, k: RecordKind, record: Any, before: tuple[Any, dict[str, Any]],
             how: str) -> None:  # fmt: skip
    after = records.sync_of(record)
    history.changed(s, k, [history.Change(after.uuid, before[0], before[1], after,
                                          history.values(k, _values(k, record)))], how)  # fmt: skip


def update_in(session: Session, kind: str, uuid: str, values: Record, how: str, *,
              undelete: bool = False) -> None:  # fmt: skip
    """In the caller's transaction: store the record's new values as a new version
    (``undelete``: live again, if it was deleted)."""
    k = RecordKind(kind)
    record = _get(session, k, uuid)
    before = _changing(session, k, record)
    if undelete:
        record.deleted = False
    _apply(session, k, record, values)
    records.save(session, record)
    _changed(session, k, record, before, how)


def delete_in(session: Session, kind: str, uuid: str, how: str) -> None:
    """In the caller's transaction: delete (tombstone) a record, as a new version."""
    k = RecordKind(kind)
    record = _get(session, k, uuid)
    if not record.deleted:
        before = _changing(session, k, record)
        records.delete(session, record)
        _changed(session, k, record, before, how)


def update(db: Database, kind: str, uuid: str, values: Record, how: str = "form",
           *, seen: int | None = None, undelete: bool = False) -> None:  # fmt: skip
    """Store the record's new values as a new version (and in its history).

    ``seen``: the version the values were edited from (a form's); if someone else has
    changed or deleted the record since, :class:`db.schema.errors.StaleEdit` is raised
    and nothing is written (:func:`db.records.write.claim`). ``undelete``: live again,
    if it was deleted (a person keeps their edit of a record someone else deleted)."""
    k = RecordKind(kind)
    with db.session() as s:
        records.claim(s, k, uuid, seen)
        record = _get(s, k, uuid)
        before = _changing(s, k, record)
        if undelete:
            record.deleted = False
        _apply(s, k, record, values)
        records.save(s, record)
        _changed(s, k, record, before, how)


def set_deleted(db: Database, uuid: str, deleted: bool,
                kind: str = RecordKind.SUPPORT_CASE, how: str | None = None,
                *, seen: int | None = None) -> None:  # fmt: skip
    """Delete (tombstone) or bring back a record, as a new version (``seen``: as
    :func:`update`)."""
    k = RecordKind(kind)
    with db.session() as s:
        records.claim(s, k, uuid, seen)
        record = _get(s, k, uuid)
        if record.deleted != deleted:
            before = _changing(s, k, record)
            (records.delete if deleted else records.restore)(s, record)
            _changed(s, k, record, before, how or ("delete" if deleted else "undelete"))


def restore_version(db: Database, uuid: str, version: int, device: str | None = None,
                    *, dry_run: bool = False, seen: int | None = None) -> int:  # fmt: skip
    """Bring back an earlier version of a record (its values, deleted or not) as a new
    version, which travels like any edit; return the new version's number.

    ``device`` (a prefix of the device id) picks one of two versions of the same number.
    ``dry_run`` only checks that it can be done (nothing is written). ``seen``: as
    :func:`update`.

    Raises:
        NothingToRestore: the version's values (and deleted or not) are the record's
            values now; nothing is written (a restore would make an empty version).
        ValidationError: no such record or version, the version's values were not kept,
            or they break a rule a record must keep now.
        StaleEdit: ``seen`` given and the record changed since.
    """
    with db.session() as s:
        kind = history.kind_of(s, uuid)
        if kind is None:
            raise ValidationError(Message("history.no_record", {"uuid": uuid}), field="uuid")
        k = RecordKind(kind)
        records.claim(s, k, uuid, seen)
        found = [v for v in history.versions(s, uuid) if v.version == version
                 and (device is None or v.device_id.startswith(device))]  # fmt: skip
        if len(found) != 1:
            key = "history.no_version" if not found else "history.which_version"
            raise ValidationError(Message(key, {"version": version}), field="version")
        chosen = found[0]
        if chosen.current:
            raise ValidationError(Message("history.is_current", {"version": version}),
                                  field="version")  # fmt: skip
        if chosen.values is None:
            raise ValidationError(Message("history.not_kept", {"version": version}),
                                  field="version")  # fmt: skip
        record = _get(s, k, uuid)
        now = history.values(k, _values(k, record))
        if (history.values(k, history.record(k, chosen.values)) == now
                and bool(record.deleted) == bool(chosen.deleted)):  # fmt: skip
            raise NothingToRestore(Message("history.same_values", {"version": version,
                                   "current": int(record.version)}), field="version")  # fmt: skip
        history.via(s, history.Source("restore", {"version": chosen.version,
                                                  "device_id": chosen.device_id}))  # fmt: skip
        before = _changing(s, k, record)
        _apply(s, k, record, history.record(k, chosen.values))
        record.deleted = chosen.deleted
        records.save(s, record)
        _changed(s, k, record, before, "restore")
        made = int(record.version)
        if dry_run:
            s.rollback()  # (the record's attributes expire: read nothing after this)
        return made


def opened(db: Database, uuid: str, kind: str = RecordKind.SUPPORT_CASE) -> tuple[Any, int]:
    """The record's values and version, read together: what a form shows, and the
    version its save is checked against (``seen`` of :func:`update`)."""
    with db.session() as s:
        record = _get(s, RecordKind(kind), uuid)
        return _values(RecordKind(kind), record), int(record.version)


def version_of(db: Database, uuid: str, kind: str = RecordKind.SUPPORT_CASE) -> int:
    """The record's current version (every write makes a new one, on every backend: an
    undo uses it to see whether someone else changed the record since)."""
    with db.session() as s:
        return int(_get(s, RecordKind(kind), uuid).version)


def is_deleted(db: Database, uuid: str, kind: str = RecordKind.SUPPORT_CASE) -> bool:
    with db.session() as s:
        return bool(_get(s, RecordKind(kind), uuid).deleted)


def check(values: Record, kind: str = RecordKind.SUPPORT_CASE) -> None:
    """Raise the ValidationError a save from a form would raise, without writing
    anything: the rules with the length limits, and a choice for each ``required``
    field of several codes (a case's support given: issue #19). That choice binds the
    forms only: an office's own sheet has no such column, and records stored or sent
    before may have none."""
    k = RecordKind(kind)
    record = _model(k.spec.table)()
    _apply(None, k, record, values)
    records.validate(record, lengths=True)
    for f in k.spec.fields:
        if f.required and f.type is FieldType.CODES and not getattr(values, f.name, ()):
            raise ValidationError(Message("rule.choose_one", {"field": Term(f.label)}),
                                  field=f.name)  # fmt: skip
