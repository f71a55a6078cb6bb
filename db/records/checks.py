"""The rules a record given as plain values must keep before it is merged in.

Records that arrive from files (:mod:`db.read.rows` values) keep the same rules as the
ones the app edits (:mod:`db.records.rules`, from the declarations in :mod:`db.schema.kinds`), and
carry a version made somewhere: this adds that check and says in words what is wrong.
"""

from __future__ import annotations

from typing import Any

from db.records import rules
from db.schema.words import Message


def check_row(kind: str, row: Any) -> str | None:
    """``None`` if the record is acceptable, else what is wrong with it (English)."""
    found = row_problem(kind, row)
    return None if found is None else found.text("en")


def row_problem(kind: str, row: Any) -> Message | None:
    """``None`` if the record is acceptable, else what is wrong with it, in any language."""
    found = rules.problem(kind, row)
    if found is not None:
        said = found.message
        return said if isinstance(said, Message) else Message("legacy.rule", {"reason": said})
    if row.sync.version < 1 or not row.sync.device_id:
        return Message("rule.no_version")
    return None
