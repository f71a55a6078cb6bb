"""This database's device identity and its Lamport clock.

Each laptop's database has a device id (a UUID made when the file was created) and a
counter. Every local edit takes the next counter value as the record's ``version``;
every imported version raises the counter to at least its own, so an edit made after
seeing another version always orders after it. Two versions compare by
``(version, device_id)``: the same order on every laptop, with no clock to trust.

Beside the device id the database keeps where it was last opened
(:func:`db.storage.machine.identity`): a file opened on another computer, at another path or
as another file (a copy, a restored backup) takes a new device id, so two copies never
make versions under one id. The ids a database had before are kept with the copy
point (the clock when it was copied: versions under a former id up to then are this
database's own, later ones the other copy's), and the names of the other laptops whose
files were imported (for the Conflicts view).

The ledger id names the database itself (its backups are found by it, see
:mod:`db.storage.backup`): made at creation, kept when one of its own backups is restored, new
for a copy (a file opened in a new place). A database from before ledger ids takes its
device id as its ledger id, so the backups it already has stay its own.
"""

from __future__ import annotations

import json
import logging
import platform
import uuid
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.storage.models import AppMeta

DEVICE_ID = "device_id"
DEVICE_NAME = "device_name"
CLOCK = "lamport_clock"
PLACE = "opened_at_place"  # db.storage.machine.identity() of the last open
FORMER = "former_device_ids"  # JSON list: the ids this database had before a move
# and, for each, the clock at the copy ({"id", "upto"}): its versions up to then only
LEDGER = "ledger_id"  # this database's identity: made at creation, new for a copy
DEVICES = "known_devices"  # JSON: device id -> {"name", "office"} of imported files

log = logging.getLogger("office_ledger.db")


def ensure_device(session: Session, place: str | None = None) -> str:
    """Give this database a device id and a clock if it has none yet; return the id.

    ``place`` is where the file is being opened (:func:`db.storage.machine.identity`): if the
    database was last opened elsewhere, it was copied or moved, and takes a new device
    id. A database that never kept a place (made by an older version) just keeps it.
    """
    existing = session.get(AppMeta, DEVICE_ID)
    if existing is None:
        device = str(uuid.uuid4())
        session.add_all(
            [
                AppMeta(key=LEDGER, value=str(uuid.uuid4())),
                AppMeta(key=DEVICE_ID, value=device),
                AppMeta(key=DEVICE_NAME, value=platform.node() or "laptop"),
                AppMeta(key=CLOCK, value="0"),
            ]
        )
        if place is not None:
            session.add(AppMeta(key=PLACE, value=place))
        session.flush()
        return device
    if place is None:
        return existing.value
    stored = session.get(AppMeta, PLACE)
    if stored is None:
        session.add(AppMeta(key=PLACE, value=place))
    elif stored.value != place:
        log.info("database opened in a new place (%s, was %s): new device id", place,
                 stored.value)  # fmt: skip
        stored.value = place
        return new_identity(session, copy=True)
    if session.get(AppMeta, LEDGER) is None:  # made before ledger ids: its device id
        session.add(AppMeta(key=LEDGER, value=existing.value))
    session.flush()
    return existing.value


def new_identity(session: Session, *, copy: bool = False) -> str:
    """Give a copied or restored database file its own device id (keeping its clock);
    return it. The former id is kept with the copy point (the clock now): the versions
    it made up to here are this database's own; later ones are the other copy's.

    ``copy``: the file is a copy (a new place), so it becomes a new ledger too; a restore
    of the database's own backup keeps its ledger id.

    Two laptops must never share a device id; a database restored or copied onto
    another laptop calls this before making any edit.
    """
    device = str(uuid.uuid4())
    current = session.get_one(AppMeta, DEVICE_ID)
    if session.get(AppMeta, LEDGER) is None:  # made before ledger ids: its device id
        session.add(AppMeta(key=LEDGER, value=current.value))
    if copy:
        session.get_one(AppMeta, LEDGER).value = str(uuid.uuid4())
    entry = {"id": current.value, "upto": clock_value(session)}
    _set_json(session, FORMER, [*_former(session), entry])
    current.value = device
    session.flush()
    return device


def ledger_id(session: Session) -> str:
    """This database's identity (its device id when it predates ledger ids)."""
    found = session.get(AppMeta, LEDGER)
    return found.value if found is not None else device_id(session)


def _get_json(session: Session, key: str, default: Any) -> Any:
    found = session.get(AppMeta, key)
    if found is None:
        return default
    try:
        return json.loads(found.value)
    except ValueError:  # damaged by hand: start again
        return default


def _set_json(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    found = session.get(AppMeta, key)
    if found is None:
        session.add(AppMeta(key=key, value=text))
    else:
        found.value = text


def _former(session: Session) -> list[dict[str, Any]]:
    """The former ids with their copy points (``upto`` None: every version, as kept by
    an app that did not record the copy point)."""
    found = _get_json(session, FORMER, [])
    out: list[dict[str, Any]] = []
    for x in found if isinstance(found, list) else []:
        if isinstance(x, dict) and x.get("id"):
            upto = x.get("upto")
            out.append({"id": str(x["id"]), "upto": int(upto) if upto is not None else None})
        elif isinstance(x, str):
            out.append({"id": x, "upto": None})
    return out


def former_ids(session: Session) -> list[str]:
    """The device ids this database had before it was copied or moved, oldest first."""
    return [x["id"] for x in _former(session)]


class Own:
    """Which versions this database made itself: every version under its device id, and
    under a former id those up to the copy point (``(device, version) in own``)."""

    def __init__(self, device: str, former: list[dict[str, Any]]) -> None:
        self.device = device
        self.upto: dict[str, int | None] = {}
        for x in former:
            bound = self.upto.get(x["id"], 0)
            self.upto[x["id"]] = None if bound is None or x["upto"] is None else max(
                bound, x["upto"])  # fmt: skip

    def made(self, device: str, version: int) -> bool:
        if device == self.device:
            return True
        if device not in self.upto:
            return False
        bound = self.upto[device]
        return bound is None or version <= bound


def own_versions(session: Session) -> Own:
    """This database's own versions (see :class:`Own`)."""
    return Own(device_id(session), _former(session))


def own_ids(session: Session) -> set[str]:
    """Every device id versions made in this database carry (now and before a move);
    whether a version is its own needs :func:`own_versions` (the copy point)."""
    return {device_id(session), *former_ids(session)}


def remember_device(session: Session, device: str, name: str, office: str) -> None:
    """Keep the name and office of a laptop whose file was imported (from its manifest)."""
    if not device:
        return
    known = known_devices(session)
    if known.get(device) != {"name": name, "office": office}:
        known[device] = {"name": name, "office": office}
        _set_json(session, DEVICES, known)


def known_devices(session: Session) -> dict[str, dict[str, str]]:
    """Device id -> {"name", "office"} of the laptops whose files were imported."""
    found = _get_json(session, DEVICES, {})
    return found if isinstance(found, dict) else {}


def device_id(session: Session) -> str:
    return session.execute(select(AppMeta.value).where(AppMeta.key == DEVICE_ID)).scalar_one()


def device_name(session: Session) -> str:
    return session.execute(select(AppMeta.value).where(AppMeta.key == DEVICE_NAME)).scalar_one()


def set_device_name(session: Session, name: str) -> None:
    name = name.strip()
    if not name:
        from db.schema.errors import ValidationError

        raise ValidationError("the device name cannot be empty", field="device_name")
    session.get_one(AppMeta, DEVICE_NAME).value = name


def tick(session: Session, count: int = 1, *, at_least: int = 0) -> int:
    """Reserve ``count`` consecutive versions; return the first.

    ``at_least`` is the highest version the caller has seen of the record being
    edited, so the new version is newer than it even if it came from another laptop.
    """
    row = session.execute(
        text(
            "UPDATE app_meta SET value = CAST(max(CAST(value AS INTEGER), :floor) + :n AS TEXT)"
            " WHERE key = :key RETURNING value"
        ),
        {"floor": at_least, "n": count, "key": CLOCK},
    ).scalar_one()
    return int(row) - count + 1


def observe(session: Session, version: int) -> None:
    """Raise the clock to ``version`` after importing a version made elsewhere."""
    session.execute(
        text(
            "UPDATE app_meta SET value = CAST(max(CAST(value AS INTEGER), :v) AS TEXT)"
            " WHERE key = :key"
        ),
        {"v": version, "key": CLOCK},
    )


def clock_value(session: Session) -> int:
    return int(session.execute(select(AppMeta.value).where(AppMeta.key == CLOCK)).scalar_one())
