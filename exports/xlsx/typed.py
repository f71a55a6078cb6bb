"""Rows typed by hand into an export read by their label columns.

Headquarters clerks type labels, not codes: a row added to an export with its label
columns filled (区分 = 都道府県・政令市, Category = Municipality, 国 = フランス) and its
code columns left blank takes each code from its label, in either language — the
member's Japanese or English label, its code, or a word the kind's declaration knows
it by (:mod:`db.schema.kinds`), a country by its name. The row is then checked, previewed as
typed by hand and taken only with the hand edits, as any edited row.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from exports.xlsx.schema import Col

# Between the labels in a cell of several (アポイントメント取付け、通訳あっせん).
_SEVERAL = re.compile(r"\s*[、,，;；\n]\s*")


def _norm(text: object) -> str:
    value = unicodedata.normalize("NFKC", "" if text is None else str(text)).lower()
    return re.sub(r"[\s()\[\]（）【】・:：/_\-.]", "", value)


def _synonyms(sheet: str, key: str) -> tuple[tuple[str, str], ...]:
    from db.schema.kinds import RecordKind

    try:
        legacy = RecordKind(sheet).spec.field(key).legacy
    except (ValueError, KeyError):
        return ()
    return legacy.synonyms if legacy is not None else ()


def _code(col: Col, text: str, sheet: str) -> str | None:
    if col.enum is None:  # a country
        from db.schema.countries import resolve
        from db.schema.errors import ValidationError

        try:
            return resolve(text)
        except ValidationError:
            return None
    wanted = _norm(text)
    for member in col.enum:
        value = getattr(member, "value", member)
        labels = getattr(member, "labels", ())
        if wanted in (_norm(value), *map(_norm, labels)):
            return str(value)
    return next((code for w, code in _synonyms(sheet, col.key) if _norm(w) == wanted), None)


def codes_from_labels(sheet: str, columns: dict[int, Col], row: dict[str, Any]) -> None:
    """Fill the row's blank code columns from their label columns, where a label names
    a code (a label that names none leaves the code blank: the checks then say so)."""
    for col in columns.values():
        label = row.get(f"{col.key}_label")
        if col.kind not in ("code", "list", "text") or row.get(col.key):
            continue
        if not isinstance(label, str) or not label.strip():
            continue
        if col.kind == "list":
            found = [_code(col, part, sheet) for part in _SEVERAL.split(label) if part]
            if found and None not in found:
                row[col.key] = [c for c in found if c is not None]
            continue
        code = _code(col, label, sheet)
        if code is not None:
            row[col.key] = code
