"""Columns a newer Office Ledger wrote that this version does not know: kept, written back.

A record read from a workbook keeps such a column's value (the canonical text its row
hash used) with the column's kind and headers in its ``extras`` (JSON, see
:class:`db.base.SyncFields`). When this app exports the record again, each kept value
goes back into a column of the same header and kind, part of the row hash and of the
manifest's column list, so the newer app reads it as if it had never left. Fields of a
deleted record's data (the tombstone's JSON) that this version does not know are kept
the same way, as ``payload.<field>``, and go back into the data.
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
PAYLOAD = "payload"  # the kind of a kept field of a tombstone's data (not a column)
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
    (blank for records without one) and their row hashes recomputed. Kept fields of a
    tombstone's data (kind ``payload``) go back into the data, not into a column."""
    if not kept or not rows:
        return sheet, rows
    keys = [c.key for c in sheet.columns]
    at = keys.index("uuid")
    data_at = keys.index("payload") if "payload" in keys else None
    columns: dict[str, Col] = {}
    into_data = False
    for row in rows:
        for key, value in kept.get(row[at], {}).items():
            if value["kind"] == PAYLOAD:
                into_data = into_data or data_at is not None
            elif key not in columns:
                columns[key] = Col(key, value["ja"], value["en"], value["kind"])
    if not columns and not into_data:
        return sheet, rows
    extra = sorted(columns.values(), key=lambda c: c.key)
    layout = with_columns(sheet, extra)
    hashed = [i for i, c in enumerate(layout.columns) if c.hashed]
    out = []
    for row in rows:
        mine = kept.get(row[at], {})
        if data_at is not None and any(v["kind"] == PAYLOAD for v in mine.values()):
            row = list(row)
            row[data_at] = _with_fields(row[data_at], mine)
        cells = [cell(c.kind, mine[c.key]["text"]) if c.key in mine else None for c in extra]
        new = [*row[:-1], *cells, None]
        new[-1] = row_hash([new[i] for i in hashed])
        out.append(new)
    return layout, out


def _with_fields(data: str, mine: Mapping[str, Extra]) -> str:
    """A tombstone's data with the kept fields back in (its own fields win)."""
    values = json.loads(data)
    for key, value in mine.items():
        if value["kind"] == PAYLOAD:
            values.setdefault(key.removeprefix("payload."), json.loads(value["text"]))
    return json.dumps(values, ensure_ascii=False, sort_keys=True)
