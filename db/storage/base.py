"""Declarative base, naming convention and the sync fields every record carries.

Every record that travels between laptops (support cases, event booths, newsletters
and their issues, JETAA events) mixes in :class:`SyncFields`:

* ``uuid`` – made on the laptop that created the record, never changes;
* ``version`` – a Lamport counter; ``(version, device_id)`` orders all edits of one
  record across laptops (see :mod:`db.storage.clock`);
* ``device_id`` – the device that made *this* version;
* ``version_vector`` – for each device that edited the record, the newest version it
  made in this version's history (this version included). One version descends from
  another when its vector is at least the other's everywhere; when neither does, the
  two edits were made without seeing each other (a conflict for a person to review);
* ``updated_at`` – wall-clock UTC time of this version (for people, not for ordering);
* ``deleted`` – the tombstone flag; records are never hard-deleted;
* ``extras`` – values of columns a newer Office Ledger wrote into an exchange
  workbook that this version does not know, kept so that they travel on unharmed
  (JSON ``{key: {"kind", "ja", "en", "text"}}``, NULL when there are none; see
  :mod:`exports.xlsx.extras`).

Child rows (event legs, JETAA sessions, participating local governments, support
types) belong to their parent record and are versioned with it: a record and its
children are one unit of change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ColumnClause, Integer, MetaData, String, false, literal_column
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

LIVE: ColumnClause[Any] = literal_column(
    "0"
)  # compared literally: SQLite then uses partial indexes

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every ORM class; its metadata names constraints for batch migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime stored as ISO 8601 text (``...Z``), sortable."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("updated_at must be timezone-aware (UTC)")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value)  # "...Z" is UTC; 10x faster than strptime


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class SyncFields:
    """Columns that let a record be merged across laptops (see the module docstring)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-10)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, sort_order=-9)
    version: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(String(36))
    version_vector: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    extras: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
