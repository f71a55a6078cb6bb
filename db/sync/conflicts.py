"""Conflicts a person settles: two versions of one record made without seeing each other.

The merge (:mod:`db.sync.merge`) resolves a concurrent edit the same way on every laptop and
keeps the losing version in the ``conflict`` table. Here a person sees both side by
side (:func:`waiting`) and settles it (:func:`resolve`): keeping one side, or values
merged field by field, becomes a new version of the record, made on this laptop, whose
version vector covers both versions. It travels like any edit.

A conflict is settled wherever the record's version covers both of its versions
(:func:`settle`, run after every import and before every listing): so the new version
settles it on every laptop that imports it. Any later edit made in a database that
holds both versions covers them as well (it was made after seeing both), and settles
it too.

"Mine" is the version made in this database (under its device id now or before a
move); when neither was made here, the version this database holds now.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.schema.errors import ValidationError
from db.schema.kinds import RecordKind, Sync
from db.storage import clock
from db.storage.models import Conflict
from db.sync.sides import Shown, fields_of, from_payload, same

if TYPE_CHECKING:
    from db.storage.database import Database

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class Version:
    """One side of a conflict: the record's values and who made them, where and when."""

    row: Any  # the kind's dataclass, sync fields included
    laptop: str  # the device's name ("" when no file of it was imported here)
    office: str  # the device's office ("" when unknown)
    here: bool  # made in this database

    @property
    def sync(self) -> Sync:
        s: Sync = self.row.sync
        return s


@dataclass(frozen=True)
class Waiting:
    """A conflict waiting for a person: both versions and the fields where they differ."""

    id: int
    kind: RecordKind
    uuid: str
    label: str  # a person's name for the record (requester, event, title)
    detected_at: datetime
    mine: Version
    theirs: Version
    differences: tuple[Shown, ...]
    deleted_differs: bool  # one side is deleted, the other not


def settle(session: Session, uuids: Iterable[str] | None = None, *, mark: bool = True) -> int:
    """Mark settled the open conflicts (of these records; all if None) whose record's
    version covers both versions; return how many. ``mark=False`` (a read-only
    listing) writes nothing: the covered ones are only noted in ``session.info``."""
    query = select(Conflict).where(Conflict.resolved.is_(False))
    if uuids is not None:
        wanted = list(uuids)
        if not wanted:
            return 0
        query = query.where(Conflict.record_uuid.in_(wanted))
    done = 0
    for c in session.execute(query).scalars():
        vector = _vector(session, c.record_type, c.record_uuid)
        if vector is None:
            continue
        if vector.get(c.winner_device, 0) >= c.winner_version and (
            vector.get(c.loser_device, 0) >= c.loser_version
        ):
            if mark:
                c.resolved = True
            else:
                session.info.setdefault("covered", set()).add(c.id)
            done += 1
    if done and mark:
        session.flush()
    return done


def _vector(session: Session, kind: str, uuid: str) -> dict[str, int] | None:
    if kind not in set(RecordKind):
        return None
    found = session.execute(
        text(f"SELECT version_vector FROM {RecordKind(kind).spec.table} WHERE uuid = :u"),
        {"u": uuid},
    ).scalar()  # the table is one of the record kinds', never a caller's text
    if found is None:
        return None
    value = json.loads(found) if isinstance(found, str) else found
    return {str(k): int(v) for k, v in (value or {}).items()}


def _current(session: Session, kind: RecordKind, uuid: str) -> Any:
    """The record as this database holds it now, as the kind's dataclass with sync."""
    from dataclasses import replace

    from db.records.edit import _get, _values

    record = _get(session, kind, uuid)
    sync = Sync(record.uuid, record.version, record.device_id, dict(record.version_vector or {}),
                record.updated_at, bool(record.deleted))  # fmt: skip
    return replace(_values(kind, record), sync=sync)


def label(kind: RecordKind, row: Any) -> str:
    """A person's name for a record: requester, event name or title, with its date."""
    for attr in ("requester", "name", "title"):
        name = getattr(row, attr, None)
        if name:
            day = getattr(row, "start_date", None) or getattr(row, "issue_date", None)
            number = getattr(row, "number", "")
            return " ".join(str(x) for x in (name, number, f"({day})" if day else "") if x)
    return str(row.sync.uuid)


def _version(session: Session, row: Any, own: clock.Own,
             known: dict[str, dict[str, str]]) -> Version:  # fmt: skip
    device = row.sync.device_id
    if own.made(device, int(row.sync.version)):  # a former id: only up to the copy (#19)
        return Version(row, clock.device_name(session), "", True)
    info = known.get(device, {})
    return Version(row, str(info.get("name", "")), str(info.get("office", "")), False)


def _build(session: Session, c: Conflict, own: clock.Own,
           known: dict[str, dict[str, str]]) -> Waiting | None:  # fmt: skip
    if c.record_type not in set(RecordKind):
        return None
    kind = RecordKind(c.record_type)
    try:
        now = _current(session, kind, c.record_uuid)
        other = from_payload(kind, c.loser_payload)
    except (ValidationError, KeyError, TypeError, ValueError):
        return None  # a record or a kept version this version cannot read
    current, loser = _version(session, now, own, known), _version(session, other, own, known)
    mine, theirs = (loser, current) if loser.here and not current.here else (current, loser)
    differ = tuple(s for s in fields_of(kind) if not same(mine.row, theirs.row, s))
    return Waiting(c.id, kind, c.record_uuid, label(kind, now), c.detected_at, mine, theirs,
                   differ, mine.sync.deleted != theirs.sync.deleted)  # fmt: skip


def waiting(session: Session, *, write: bool = True) -> list[Waiting]:
    """The conflicts waiting for a person, oldest first (covered ones settled first;
    ``write=False``: left out, the database untouched, for a read-only listing)."""
    settle(session, mark=write)
    covered: set[int] = session.info.pop("covered", set())
    own, known = clock.own_versions(session), clock.known_devices(session)
    found = session.execute(
        select(Conflict).where(Conflict.resolved.is_(False)).order_by(Conflict.id)
    ).scalars()
    fresh = [c for c in found if c.id not in covered]
    return [w for c in fresh if (w := _build(session, c, own, known)) is not None]


def find(session: Session, key: str) -> Waiting:
    """The waiting conflict named by its number (``3``, ``#3``) or its record's UUID (or
    the UUID's start, :data:`MIN_PREFIX` hex characters at least, as ``history`` takes).

    A number names conflict #N when one waits under it; otherwise it is a UUID's start
    (a UUID may start with digits only: ``5078``).

    Raises:
        ValidationError: nothing waits under that name, or several do (then each is named).
    """
    key = key.strip().lstrip("#")
    if not key:
        raise ValidationError("give a conflict's number or its record's UUID; see"
                              " office-ledger conflicts", field="resolve")  # fmt: skip
    found = waiting(session)
    hits = [w for w in found if key.isdigit() and w.id == int(key)]
    if not hits and len(key) >= MIN_PREFIX and all(c in HEX for c in key.lower()):
        hits = [w for w in found if w.uuid.startswith(key.lower())]
    if not hits:
        raise ValidationError(f"no conflict waits for {key!r}; see office-ledger conflicts",
                              field="resolve")  # fmt: skip
    if len(hits) > 1:
        names = ", ".join(f"#{w.id}" for w in hits)
        raise ValidationError(f"{len(hits)} conflicts wait for {key!r} ({names}): give one"
                              " number", field="resolve")  # fmt: skip
    return hits[0]


MIN_PREFIX = 4  # the fewest characters of a UUID that name a conflict's record
HEX = frozenset("0123456789abcdef-")


def resolve(session: Session, conflict_id: int, keep: str | Any) -> Any:
    """Settle a conflict with a new version of its record made here; return the record.

    ``keep`` is :data:`MINE`, :data:`THEIRS`, or the values to keep (the kind's
    dataclass: a version merged field by field). The new version's vector covers both
    versions, so every laptop that imports it replaces either with it and settles the
    conflict. The one place a conflict is settled by a person (a record's history
    is written here, as ``conflict``).

    Raises:
        ValidationError: the conflict does not wait (any more), or merged values break
            a rule (nothing is written).
    """
    from db.records import history
    from db.records import write as records
    from db.records.edit import _apply, _changed, _changing, _get

    chosen = next((w for w in waiting(session) if w.id == conflict_id), None)
    if chosen is None:
        _settled_before(session, conflict_id)
        raise ValidationError(f"conflict #{conflict_id} does not wait any more", field="resolve")
    _claim(session, conflict_id)  # a second person settling it at once is told, not obeyed
    if keep == MINE:
        values, deleted = chosen.mine.row, chosen.mine.sync.deleted
    elif keep == THEIRS:
        values, deleted = chosen.theirs.row, chosen.theirs.sync.deleted
    else:
        values, deleted = keep, False
    record = _get(session, chosen.kind, chosen.uuid)
    before = _changing(session, chosen.kind, record)
    history.via(session, history.Source("conflict"))
    merged = dict(record.version_vector or {})
    for side in (chosen.mine.sync, chosen.theirs.sync):
        for device, version in {**side.version_vector, side.device_id: side.version}.items():
            merged[device] = max(merged.get(device, 0), int(version))
    record.version_vector = merged
    record.version = max(chosen.mine.sync.version, chosen.theirs.sync.version, record.version)
    if deleted:
        records.delete(session, record)
    else:
        _apply(session, chosen.kind, record, values)
        record.deleted = False
        records.save(session, record)  # the rules, a version newer than both sides
    _changed(session, chosen.kind, record, before, "conflict")
    settle(session, [chosen.uuid])
    return record


def _claim(session: Session, conflict_id: int) -> None:
    """Mark the conflict settled by this person, only if it is still open: of two people
    settling it at once, the second's UPDATE waits for the first to commit and then
    finds it settled (PostgreSQL's row lock, SQLite's one writer; issue #23).

    Raises:
        ValidationError: someone settled it meanwhile (who and when).
    """
    from sqlalchemy import update

    from db.hq import who
    from db.storage.base import utc_now

    done = session.execute(
        update(Conflict)
        .where(Conflict.id == conflict_id, Conflict.resolved.is_(False))
        .values(resolved=True, resolved_by=who.user(session), resolved_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    if getattr(done, "rowcount", 0) != 1:
        _settled_before(session, conflict_id)
        raise ValidationError(f"conflict #{conflict_id} does not wait any more", field="resolve")


def _settled_before(session: Session, conflict_id: int) -> None:
    """Raise the sentence for a conflict settled by a person before (if it was)."""
    from db.schema.words import Message, Term

    row = session.execute(
        select(Conflict.resolved_by, Conflict.resolved_at).where(
            Conflict.id == conflict_id, Conflict.resolved.is_(True))
    ).first()  # fmt: skip
    if row is None or row.resolved_at is None:
        return
    at = row.resolved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    user = row.resolved_by or Term("hq.someone")
    raise ValidationError(Message("hq.already_settled", {"id": conflict_id, "user": user,
                                                         "at": at}), field="resolve")  # fmt: skip


# The app's reads and writes, each in its own session (see db.read.lookups).
def waiting_in(db: Database) -> list[Waiting]:
    with db.session() as s:
        return waiting(s)


def resolve_in(db: Database, conflict_id: int, keep: str | Any) -> None:
    from db.hq import retry

    retry.run(db, lambda s: resolve(s, conflict_id, keep), what="hq.settle")
