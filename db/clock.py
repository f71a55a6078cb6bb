"""This database's device identity and its Lamport clock.

Each laptop's database has a device id (a UUID made when the file was created) and a
counter. Every local edit takes the next counter value as the record's ``version``;
every imported version raises the counter to at least its own, so an edit made after
seeing another version always orders after it. Two versions compare by
``(version, device_id)``: the same order on every laptop, with no clock to trust.
"""

from __future__ import annotations

import platform
import uuid

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.models import AppMeta

DEVICE_ID = "device_id"
DEVICE_NAME = "device_name"
CLOCK = "lamport_clock"


def ensure_device(session: Session) -> str:
    """Give this database a device id and a clock if it has none yet; return the id."""
    existing = session.get(AppMeta, DEVICE_ID)
    if existing is not None:
        return existing.value
    device = str(uuid.uuid4())
    session.add_all(
        [
            AppMeta(key=DEVICE_ID, value=device),
            AppMeta(key=DEVICE_NAME, value=platform.node() or "laptop"),
            AppMeta(key=CLOCK, value="0"),
        ]
    )
    session.flush()
    return device


def new_identity(session: Session) -> str:
    """Give a copied database file its own device id (keeping its clock); return it.

    Two laptops must never share a device id; a database restored or copied onto
    another laptop calls this before making any edit.
    """
    device = str(uuid.uuid4())
    session.get_one(AppMeta, DEVICE_ID).value = device
    session.flush()
    return device


def device_id(session: Session) -> str:
    return session.execute(select(AppMeta.value).where(AppMeta.key == DEVICE_ID)).scalar_one()


def device_name(session: Session) -> str:
    return session.execute(select(AppMeta.value).where(AppMeta.key == DEVICE_NAME)).scalar_one()


def set_device_name(session: Session, name: str) -> None:
    name = name.strip()
    if not name:
        from db.errors import ValidationError

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
