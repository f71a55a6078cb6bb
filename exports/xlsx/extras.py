"""Columns a newer Office Ledger wrote that this version does not know: kept, written back.

A record read from a workbook keeps such a column's value (the canonical text its row
hash used) with the column's kind and headers in its ``extras`` (JSON, see
:class:`db.storage.base.SyncFields`). When this app exports the record again, each kept value
goes back into a column of the same header and kind, part of the row hash and of the
manifest's column list, so the newer app reads it as if it had never left. Fields of a
deleted record's data (the tombstone's JSON) that this version does not know are kept
the same way, as ``payload.<field>``, and go back into the data. A child sheet's
unknown columns (event legs, local governments, JETAA sessions) are kept with the
parent record as ``<sheet>.<column>``, their texts by the child row's position.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.schema.kinds import SPECS
from exports.xlsx.schema import Col, Sheet, row_hash, with_columns

# {"kind", "ja", "en", "text"}; a child sheet's column: {"kind", "ja", "en", "sheet",
# "column", "rows": {position: text}}
Extra = dict[str, Any]
PAYLOAD = "payload"  # the kind of a kept field of a tombstone's data (not a column)
TABLES = tuple(str(k) for k in SPECS)


def extra_value(col: Col, text: str) -> Extra:
    return {"kind": col.kind, "ja": col.ja, "en": col.en, "text": text}


def child_value(sheet: str, col: Col) -> Extra:
    """An empty kept child column (its texts by child row position are added)."""
    return {"kind": col.kind, "ja": col.ja, "en": col.en, "sheet": sheet, "column": col.key,
            "rows": {}}  # fmt: skip


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
    (blank for records without one) and their row hashes recomputed.

    A child sheet's kept columns come from the parent record, by the child row's
    position; kept fields of a tombstone's data (kind ``payload``) go back into the
    data, not into a column.
    """
    if not kept or not rows:
        return sheet, rows
    keys = [c.key for c in sheet.columns]
    child = "parent_uuid" in keys
    at = keys.index("parent_uuid" if child else "uuid")
    position_at = keys.index("position") if child else -1
    data_at = keys.index("payload") if "payload" in keys else None
    mine_sheet = sheet.key if child else None
    columns: dict[str, Col] = {}
    into_data = False
    for row in rows:
        for name, value in kept.get(row[at], {}).items():
            if value["kind"] == PAYLOAD:
                into_data = into_data or data_at is not None
            elif value.get("sheet") == mine_sheet and name not in columns:
                key = value.get("column", name)
                columns[name] = Col(key, value["ja"], value["en"], value["kind"])
    if not columns and not into_data:
        return sheet, rows
    extra = sorted(columns.items(), key=lambda item: item[1].key)
    layout = with_columns(sheet, [c for _, c in extra])
    hashed = [i for i, c in enumerate(layout.columns) if c.hashed]
    out = []
    for row in rows:
        mine = kept.get(row[at], {})
        if data_at is not None and any(v["kind"] == PAYLOAD for v in mine.values()):
            row = list(row)
            row[data_at] = _with_fields(row[data_at], mine)
        if child:
            where = str(row[position_at])
            texts = [mine[n]["rows"].get(where, "") if n in mine else "" for n, _ in extra]
        else:
            texts = [mine[n]["text"] if n in mine else "" for n, _ in extra]
        cells = [cell(c.kind, t) for (_, c), t in zip(extra, texts, strict=True)]
        new = [*row[:-1], *cells, None]
        new[-1] = row_hash([new[i] for i in hashed])
        out.append(new)
    return layout, out


def _with_fields(data: str, mine: Mapping[str, Extra]) -> str:
    """A tombstone's data with the kept fields back in (its own fields win); kept fields
    of its child rows (``children``) go back into the rows at the same place."""
    values = json.loads(data)
    for key, value in mine.items():
        if value["kind"] != PAYLOAD:
            continue
        name = key.removeprefix("payload.")
        if value.get("children"):
            rows = values.get(name)
            for i, fields in enumerate(json.loads(value["text"])):
                if isinstance(rows, list) and i < len(rows) and isinstance(rows[i], dict):
                    for field, v in fields.items():
                        rows[i].setdefault(field, v)
        else:
            values.setdefault(name, json.loads(value["text"]))
    return json.dumps(values, ensure_ascii=False, sort_keys=True)
