"""Merge versions of records made on other laptops: plan first, then apply.

Rules (the same on every laptop, so any files in any order, repeated, converge):

* a record this database has never seen is added (a tombstone too, so that a
  deleted record cannot come back later from an older file);
* the same version again changes nothing;
* a version whose vector covers ours was made after seeing ours: it replaces ours
  (a tombstone replaces it too: the record is deleted here);
* a version that ours covers is older: nothing changes;
* two versions that do not cover each other were made without seeing each other: a
  conflict. The one with the greater ``(version, device_id)`` wins everywhere; the
  losing version is kept in the ``conflict`` table for a person to review
  (:mod:`db.sync.conflicts`); a version that covers both sides settles it.

The resulting record is the greatest version seen under ``(version, device_id)``,
which is what makes the merge commutative, associative and idempotent.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.records import history, store
from db.schema.kinds import RecordKind
from db.storage import clock
from db.storage.base import utc_now
from db.storage.models import Conflict
from db.sync.batch import ColumnBatch

ACTIONS = ("new", "updated", "deleted", "unchanged", "conflict")


@dataclass(frozen=True)
class Local:
    version: int
    device_id: str
    vector: dict[str, int]
    deleted: bool


@dataclass(frozen=True)
class Decision:
    kind: str
    incoming: Any  # a db.read.rows dataclass
    local: Local | None
    action: str
    incoming_wins: bool


@dataclass
class Plan:
    decisions: dict[str, list[Decision]] = field(default_factory=dict)
    # Records new here that stay in their batch's columns: kind -> (batch, indexes).
    bulk: dict[str, tuple[ColumnBatch, list[int]]] = field(default_factory=dict)
    # Per kind: fields the incoming versions' app did not have (left as stored), and the
    # values they keep of columns a newer app wrote, by UUID (see db.records.store).
    partial: Mapping[str, store.Partial] = field(default_factory=dict)
    extras: Mapping[str, store.Extras] = field(default_factory=dict)
    # Records whose incoming version is a hand edit accepted here (their history says so).
    hand_edited: frozenset[str] = frozenset()

    def counts(self) -> dict[str, dict[str, int]]:
        """Per record type: how many new / updated / deleted / unchanged / conflicting."""
        out = {}
        for kind, decisions in self.decisions.items():
            tally = Counter(d.action for d in decisions)
            tally["new"] += len(self.bulk[kind][1]) if kind in self.bulk else 0
            out[kind] = {action: tally.get(action, 0) for action in ACTIONS}
        return out

    @property
    def changes(self) -> int:
        bulk = sum(len(indexes) for _, indexes in self.bulk.values())
        return bulk + sum(1 for ds in self.decisions.values() for d in ds if d.incoming_wins)


def covers(a: Mapping[str, int], b: Mapping[str, int]) -> bool:
    """Whether vector ``a`` has seen everything ``b`` has."""
    return all(a.get(device, 0) >= version for device, version in b.items())


def decide(kind: str, row: Any, local: Local | None) -> Decision:
    sync = row.sync
    if local is None:
        return Decision(kind, row, None, "deleted" if sync.deleted else "new", True)
    if (sync.version, sync.device_id) == (local.version, local.device_id):
        return Decision(kind, row, local, "unchanged", False)
    if covers(sync.version_vector, local.vector):
        action = "deleted" if sync.deleted and not local.deleted else "updated"
        return Decision(kind, row, local, action, True)
    if covers(local.vector, sync.version_vector):
        return Decision(kind, row, local, "unchanged", False)
    wins = (sync.version, sync.device_id) > (local.version, local.device_id)
    return Decision(kind, row, local, "conflict", wins)


def _locals(session: Session, kind: str, uuids: list[str]) -> dict[str, Local]:
    table = store.KINDS[kind].table
    found = session.execute(
        text(f"SELECT uuid, version, device_id, version_vector, deleted FROM {table}"
             " WHERE uuid IN (SELECT value FROM json_each(:u))"),
        {"u": json.dumps(uuids)},
    )  # fmt: skip
    return {u: Local(v, d, json.loads(vec) if vec else {}, bool(x)) for u, v, d, vec, x in found}


def plan(session: Session, incoming: Mapping[str, Sequence[Any]],
         partial: Mapping[str, store.Partial] | None = None,
         extras: Mapping[str, store.Extras] | None = None) -> Plan:  # fmt: skip
    """Decide, without writing, what importing these versions would do.

    ``partial``: per kind, fields the versions' app version did not have (a replaced
    record keeps its own); ``extras``: per kind and UUID, values of columns a newer app
    wrote, kept with the record.
    """
    result = Plan(partial=partial or {}, extras=extras or {})
    for kind in store.ORDER:
        rows = incoming.get(kind, ())
        if isinstance(rows, ColumnBatch):
            _plan_batch(session, result, rows)
            continue
        known = _locals(session, kind, [r.sync.uuid for r in rows]) if rows else {}
        result.decisions[kind] = [decide(kind, r, known.get(r.sync.uuid)) for r in rows]
    return result


def _plan_batch(session: Session, result: Plan, batch: ColumnBatch) -> None:
    """Records of the batch never seen here stay columns; the others are decided one by one."""
    kind = batch.kind
    extras = [r.sync.uuid for r in batch.extras]
    known = _locals(session, kind, batch.uuids + extras)
    uuids = batch.uuids
    bulk = [i for i in batch.as_columns() if uuids[i] not in known]
    in_bulk = set(bulk)
    others = [batch[i] for i in range(batch.size) if i not in in_bulk] + batch.extras
    result.bulk[kind] = (batch, bulk)
    result.decisions[kind] = [decide(kind, r, known.get(r.sync.uuid)) for r in others]


def apply(session: Session, planned: Plan) -> dict[str, dict[str, int]]:
    """Carry out a plan inside the caller's transaction; return its counts."""
    from db.sync.bulk import larger_page_cache

    with larger_page_cache(session.connection()):
        return _apply(session, planned)


def _apply(session: Session, planned: Plan) -> dict[str, dict[str, int]]:
    highest = 0
    for kind in store.ORDER:
        decisions = planned.decisions.get(kind, [])
        spec = store.KINDS[kind]
        fresh = [d.incoming for d in decisions if d.incoming_wins and d.local is None]
        newer = [d.incoming for d in decisions if d.incoming_wins and d.local is not None]
        conflicts = [d for d in decisions if d.action == "conflict"]
        losers_here = local_rows(session, kind, [r.sync.uuid for r in newer])
        if kind in planned.bulk:
            batch, indexes = planned.bulk[kind]
            store.insert_batch(session, spec, batch, indexes)
            versions = batch.columns["version"]
            highest = max([highest, *(versions[i] for i in indexes)])
            cols = batch.columns
            history.created(session, kind, ((cols["uuid"][i], versions[i], cols["device_id"][i],
                                             cols["updated_at"][i], False) for i in indexes),
                            "import")  # fmt: skip
        kept = planned.extras.get(kind)
        store.insert(session, spec, fresh, kept)
        hand = planned.hand_edited
        history.created(session, kind, (r.sync for r in fresh if r.sync.uuid not in hand),
                        "import")  # fmt: skip
        history.created(session, kind, (r.sync for r in fresh if r.sync.uuid in hand),
                        "hand_edit")  # fmt: skip
        store.replace(session, spec, newer, planned.partial.get(kind), kept)
        _replaced(session, kind, newer, losers_here, planned)
        for d in conflicts:
            loser = losers_here[d.incoming.sync.uuid] if d.incoming_wins else d.incoming
            _record_conflict(session, kind, d, loser)
        highest = max([highest, *(d.incoming.sync.version for d in decisions)])
    if highest:
        clock.observe(session, highest)
    from db.sync.conflicts import settle  # a version that covers both sides settles a conflict

    settle(session)
    return planned.counts()


def _replaced(session: Session, kind: str, newer: list[Any], before: Mapping[str, Any],
              planned: Plan) -> None:  # fmt: skip
    """The history of records replaced by incoming versions: what changed, and the values
    the replaced versions had. Fields the sender's app lacked stay as they were."""
    if not newer:
        return
    partial = planned.partial.get(kind) or store.Partial()
    spec = RecordKind(kind).spec
    same = [f.name for f in spec.fields if f.db_column in partial.columns]
    same += [c.attr for c in spec.children if partial.children.get(c.table, ()) is None]
    changes: dict[str, list[history.Change]] = {"import": [], "hand_edit": []}
    for row in newer:
        old = before[row.sync.uuid]
        was, now = history.values(kind, old), history.values(kind, row)
        for name in same:
            if name in was:
                now[name] = was[name]
        how = "hand_edit" if row.sync.uuid in planned.hand_edited else "import"
        changes[how].append(history.Change(row.sync.uuid, old.sync, was, row.sync, now))
    history.changed(session, kind, changes["import"], "import")
    history.changed(session, kind, changes["hand_edit"], "hand_edit")


def local_rows(session: Session, kind: str, uuids: list[str]) -> dict[str, Any]:
    """The full local rows (children included) of these records, before they are replaced."""
    if not uuids:
        return {}
    from db.read.rows import by_uuid

    return {r.sync.uuid: r for r in by_uuid(session, kind, uuids)}


def payload(row: Any) -> dict[str, Any]:
    """A record as JSON-ready data (dates as ISO text) for the conflict table."""
    data: dict[str, Any] = json.loads(json.dumps(asdict(row), default=str, ensure_ascii=False))
    return data


def _record_conflict(session: Session, kind: str, d: Decision, loser: Any) -> None:
    winner = d.incoming.sync if d.incoming_wins else d.local
    assert winner is not None and d.local is not None
    loser_sync = loser.sync
    exists = session.execute(
        text("SELECT 1 FROM conflict WHERE record_uuid = :u AND loser_version = :v"
             " AND loser_device = :d"),
        {"u": d.incoming.sync.uuid, "v": loser_sync.version, "d": loser_sync.device_id},
    ).first()  # fmt: skip
    if exists:
        return
    session.add(
        Conflict(
            record_type=kind,
            record_uuid=d.incoming.sync.uuid,
            winner_version=winner.version,
            winner_device=winner.device_id,
            loser_version=loser_sync.version,
            loser_device=loser_sync.device_id,
            loser_payload=payload(loser),
            detected_at=utc_now(),
        )
    )
    session.flush()
