"""Columns a newer Office Ledger wrote that this version does not know: kept, written back.

A record read from a workbook keeps such a column's value (the canonical text its row
hash used) with the column's kind and headers in its ``extras`` (JSON, see
:class:`db.base.SyncFields`). When this app exports the record again, each kept value
goes back into a column of the same header and kind, part of the row hash and of the
manifest's column list, so the newer app reads it as if it had never left.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from exports.xlsx_schema import Col, Sheet, row_hash, with_columns

Extra = dict[str, str]  # {"kind", "ja", "en", "text"}
TABLES = ("support_case", "event_booth", "newsletter", "newsletter_issue", "jetaa_event")


def extra_value(col: Col, text: str) -> Extra:
    return {"kind": col.kind, "ja": col.ja, "en": col.en, "text": text}


def cell(kind: str, value: str) -> Any:
    """The cell to write for a kept value: numbers, dates and booleans as such, the rest
    as its text (which is what the newer app wrote, and what it hashed)."""
    if value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "bool":
        return value == "1"
    return value


def stored(session: Session) -> dict[str, dict[str, Extra]]:
    """Every record's kept values by UUID (records without any are not listed)."""
    out: dict[str, dict[str, Extra]] = {}
    for table in TABLES:
        found = session.execute(text(f"SELECT uuid, extras FROM {table} WHERE extras IS NOT NULL"))
        for uuid, data in found:
            values = json.loads(data) if isinstance(data, str) else data
            if values:
                out[uuid] = values
    return out


def add_columns(sheet: Sheet, rows: list[list[Any]],
                kept: Mapping[str, dict[str, Extra]]) -> tuple[Sheet, list[list[Any]]]:  # fmt: skip
    """The sheet with a column per kept key of its records, and its rows with the values
    (blank for records without one) and their row hashes recomputed."""
    if not kept or not rows:
        return sheet, rows
    at = [c.key for c in sheet.columns].index("uuid")
    columns: dict[str, Col] = {}
    for row in rows:
        for key, value in kept.get(row[at], {}).items():
            if key not in columns:
                columns[key] = Col(key, value["ja"], value["en"], value["kind"])
    if not columns:
        return sheet, rows
    extra = sorted(columns.values(), key=lambda c: c.key)
    layout = with_columns(sheet, extra)
    hashed = [i for i, c in enumerate(layout.columns) if c.hashed]
    out = []
    for row in rows:
        mine = kept.get(row[at], {})
        cells = [cell(c.kind, mine[c.key]["text"]) if c.key in mine else None for c in extra]
        new = [*row[:-1], *cells, None]
        new[-1] = row_hash([new[i] for i in hashed])
        out.append(new)
    return layout, out
