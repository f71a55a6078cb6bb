"""A ledger's records as plain values, to compare two ledgers after an exchange."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from exports.xlsx.export import read_records

if TYPE_CHECKING:
    from db.storage.database import Database


def snapshot(db: Database) -> dict[str, list[Any]]:
    """Every record (tombstones too) as plain values, without local ids."""
    found = read_records(db, None, None)
    return {
        k: sorted((dataclasses.replace(r, id=0) for r in v), key=lambda r: r.sync.uuid)
        for k, v in found.items()
    }
