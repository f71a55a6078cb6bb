"""Cell values to Python values: one cell (:func:`convert`) or a whole column at a time.

Every cell of an exchange workbook is converted to its column's kind (see
:mod:`exports.xlsx.schema`), with a reason when it cannot be: the reader names the
sheet, row and column. A column is checked with C-level loops first and converted
cell by cell only where the quick check does not hold; the canonical texts the row
hashes are made of come out alongside the values.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid as uuidlib
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from db.schema.words import Message
from exports.xlsx.schema import MAX_CELL, Col, JsonValue, canonical

EXCEL_EPOCH = date(1899, 12, 30)


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@cache
def _codes(enum: Any) -> frozenset[str]:
    return frozenset(m.value for m in enum)


def converter(col: Col) -> Callable[[Any], Any]:
    """A fast converter for the column: the usual cell types directly, else :func:`convert`."""
    kind = col.kind

    def slow(value: Any) -> Any:
        return convert(value, col)

    if kind in ("text", "label", "derived", "hash"):
        return lambda v: v if type(v) is str and len(v) <= MAX_CELL and v else slow(v)
    if kind == "uuid":
        return lambda v: v if type(v) is str and _UUID.fullmatch(v) else slow(v)
    if kind == "int":
        return lambda v: int(v) if type(v) is float and v >= 0 and v.is_integer() else slow(v)
    if kind == "date":
        return lambda v: v if type(v) is date else slow(v)
    if kind == "bool":
        return lambda v: v if type(v) is bool else slow(v)
    if kind == "code":
        allowed = _codes(col.enum)
        return lambda v: v if type(v) is str and v in allowed else slow(v)
    if kind == "datetime":
        return lambda v: _utc(v) if type(v) is str and len(v) > 19 else slow(v)
    if kind == "list":
        allowed_items = _codes(col.enum) if col.enum is not None else None

        def read_list(v: Any) -> Any:
            if type(v) is not str or not v:
                return slow(v)
            items = [x for x in v.split(";") if x]
            if allowed_items is not None and not allowed_items.issuperset(items):
                return slow(v)  # says which items are wrong
            return items

        return read_list
    if kind == "json":
        return lambda v: JsonValue(v) if type(v) is str and v.startswith("{") else slow(v)
    return slow


def _utc(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(Message("cell.not_utc", {"value": repr(text)})) from None


def convert(value: Any, col: Col) -> Any:
    """A cell value as the column's Python type; raises ValueError with a reason."""
    if value is None or value == "":
        if col.kind in ("list",):
            return []
        return None
    kind = col.kind
    if isinstance(value, str) and len(value) > MAX_CELL:
        raise ValueError(Message("cell.too_long", {"n": f"{len(value):,}",
                                                   "limit": f"{MAX_CELL:,}"}))  # fmt: skip
    if kind in ("text", "uuid", "hash", "label", "derived"):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value) if not isinstance(value, datetime | date) else value.isoformat()
        if kind == "uuid":
            try:
                return str(uuidlib.UUID(text))
            except ValueError:
                raise ValueError(Message("cell.not_uuid", {"value": repr(text)})) from None
        return text
    if kind == "int":
        if isinstance(value, bool):
            raise ValueError(Message("cell.not_whole", {"value": repr(value)}))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            norm = unicodedata.normalize("NFKC", value).replace(",", "").strip()
            if not re.fullmatch(r"-?\d+", norm):
                raise ValueError(Message("cell.not_whole", {"value": repr(value)}))
            value = int(norm)
        if not isinstance(value, int):
            raise ValueError(Message("cell.not_whole", {"value": repr(value)}))
        if value < 0 and col.key != "version":
            raise ValueError(Message("cell.negative", {"value": value}))
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes", "はい", "○"):
            return True
        if text in ("false", "0", "no", "いいえ", "×"):
            return False
        raise ValueError(Message("cell.not_bool", {"value": repr(value)}))
    if kind == "date":
        return _date(value)
    if kind == "datetime":
        if isinstance(value, datetime):
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            raise ValueError(Message("cell.not_utc", {"value": repr(value)})) from None
    if kind == "code":
        assert col.enum is not None
        text = str(value).strip()
        if text not in _codes(col.enum):
            allowed = ", ".join(m.value for m in col.enum)
            raise ValueError(Message("cell.not_code", {"value": repr(text), "allowed": allowed}))
        return text
    if kind == "list":
        items = [v.strip() for v in str(value).split(";") if v.strip()]
        if col.enum is not None:
            allowed_codes = _codes(col.enum)
            wrong = [v for v in items if v not in allowed_codes]
            if wrong:
                allowed = ", ".join(sorted(allowed_codes))
                raise ValueError(Message("cell.not_codes", {"wrong": ", ".join(wrong),
                                                            "allowed": allowed}))  # fmt: skip
        return items
    if kind == "json":
        try:
            return JsonValue(str(value))
        except (json.JSONDecodeError, TypeError, ValueError):
            raise ValueError(Message("cell.damaged_data")) from None
    raise ValueError(f"unknown column kind {kind}")  # pragma: no cover


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValueError(Message("cell.not_date", {"value": value}))
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    try:
        return date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        pass
    from db.schema.errors import ValidationError
    from db.schema.fiscal import parse_era_date

    try:
        return parse_era_date(text)
    except ValidationError:
        raise ValueError(Message("cell.not_date", {"value": repr(value)})) from None


class BadCell(ValueError):
    """A cell its column cannot hold: where (``index``) and why (``reason``, a
    :class:`db.schema.words.Message` where the converter gave one)."""

    def __init__(self, index: int, message: str | Message) -> None:
        super().__init__(str(message))
        self.index = index
        self.reason = message


def reason(exc: ValueError) -> str | Message:
    """Why a cell was refused, as the converter said it (a catalogue sentence if it can)."""
    said = exc.args[0] if exc.args else None
    return said if isinstance(said, Message) else str(exc)


Column = tuple[list[Any], Sequence[str]]  # the typed values, their canonical texts
_BOOL_TEXT = {True: "1", False: "0"}.__getitem__


def convert_column(col: Col, cells: Sequence[Any]) -> Column:
    """A whole column converted to the column's type, with the texts its row hashes use.

    Checked a column at a time (type sets, ``all(map(...))``: loops that run in C) and
    converted cell by cell only when the quick check does not hold (blanks, text
    numbers, era dates...). Where the cells are already the canonical text (see
    :func:`exports.xlsx.schema.canonical`) they serve as it. Raises :class:`BadCell`
    for the first cell that is wrong.
    """
    kinds = set(map(type, cells))
    kind = col.kind
    if kinds <= {str}:
        longest = max(map(len, cells), default=0)
        if kind in ("text", "label", "derived", "hash") and longest <= MAX_CELL:
            return [c or None for c in cells], cells
        if kind == "uuid" and all(map(_UUID.fullmatch, cells)):
            return list(cells), cells
        if kind == "code" and set(cells) <= _codes(col.enum):
            return list(cells), cells
        if kind == "json" and all(c.startswith("{") for c in cells):
            try:
                return list(map(JsonValue, cells)), cells
            except ValueError:
                pass
        if kind == "datetime" and min(map(len, cells), default=20) > 19:
            try:
                values = list(map(datetime.fromisoformat, cells))
            except ValueError:
                pass
            else:
                return values, list(map(datetime.isoformat, values))
    elif kinds == {float} and kind == "int":
        if all(map(float.is_integer, cells)) and min(cells) >= 0:
            ints = list(map(int, cells))
            return ints, list(map(str, ints))
    elif kinds == {date} and kind == "date":
        return list(cells), list(map(date.isoformat, cells))
    elif kinds == {bool} and kind == "bool":
        return list(cells), list(map(_BOOL_TEXT, cells))
    read = converter(col)
    out = []
    for index, cell in enumerate(cells):
        try:
            out.append(read(cell))
        except ValueError as exc:
            raise BadCell(index, reason(exc)) from None
    return out, [v if type(v) is str else canonical(v) for v in out]
