"""Import an office's own spreadsheet (not an Office Ledger export) with a column mapping.

Offices kept their records in sheets of their own making: a title above the header,
merged header cells, 令和 dates typed as text, full-width digits, Excel serial dates,
blank lines and subtotal rows. The reader finds the header row, guesses which column
holds which field (:mod:`exports.legacy.fields`), and reads every row, listing each
one it cannot read with the reason: nothing is dropped silently. A guessed mapping is
applied only when the user accepts it; it can be saved under a name for next time.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.schema.errors import LedgerError, ValidationError
from db.schema.words import Message, Term
from exports.legacy.cells import Unreadable, to_bool, to_count, to_dates
from exports.legacy.fields import KINDS, Field, guess, norm
from exports.legacy.files import Grid, open_grids

__all__ = ["LegacySheet", "MappingNeeded", "Problem", "Table", "read_legacy", "to_dates"]

SUBTOTAL = re.compile(r"^(小計|合計|計|総計|total|subtotal|sum|grandtotal)$", re.IGNORECASE)
# Between the names in a cell of several (北海道、札幌市 / 福岡県・北九州市 / A; B).
SEVERAL = re.compile(r"\s*[、,，;；・/／\n]\s*")


class MappingNeeded(LedgerError):
    """A required field has no column; the message lists the headers found."""


@dataclass
class Problem:
    """A row that cannot be read, and why (a :class:`db.schema.words.Message`)."""

    row: int
    message: Message

    @property
    def reason(self) -> str:
        return self.message.text("en")

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)


@dataclass
class LegacySheet:
    path: Path
    kind: str
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[str, int]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped_blank: int = 0
    skipped_subtotals: list[int] = field(default_factory=list)
    day_first: bool = False
    caption: str = ""  # the sheet's title above its header, if any

    def mapping_by_header(self) -> dict[str, str]:
        return {key: self.headers[i] for key, i in self.mapping.items()}


def _fields(labels: list[str]) -> Term | Message:
    """Field labels as one parameter: ``Requester`` or ``Requester, Start`` (any language)."""
    if len(labels) == 1:
        return Term(labels[0])
    return Message("legacy.two", {"a": Term(labels[0]), "b": _fields(labels[1:])})


def _merges(ws: Grid) -> tuple[dict[tuple[int, int], Any], set[tuple[int, int]]]:
    """Each merged cell's value (its range's top left), and the cells of titles: ranges
    merged across (nearly) the whole table, which are never part of a header."""
    merged: dict[tuple[int, int], Any] = {}
    titles: set[tuple[int, int]] = set()
    wide = max(3, math.ceil(0.75 * ws.max_column))
    for min_row, min_col, max_row, max_col in ws.merges:
        top_left = ws.value(min_row, min_col)
        title = max_col - min_col + 1 >= wide
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                merged[(r, c)] = top_left
                if title:
                    titles.add((r, c))
    return merged, titles


def _headers(ws: Grid, row: int, merges: Any = None) -> list[str]:
    """Header texts of ``row``, merged cells filled in and a merged group above prefixed
    (``期間`` over ``開始`` and ``終了``); a title merged across the table is neither."""
    merged, titles = merges or _merges(ws)
    out = []
    for c in range(1, ws.max_column + 1):
        if (row, c) in titles:
            out.append("")
            continue
        value = ws.value(row, c)
        if value in (None, ""):
            value = merged.get((row, c))
        above = merged.get((row - 1, c)) if row > 1 and (row - 1, c) not in titles else None
        text = "" if value is None else str(value).strip()
        if above not in (None, "") and str(above).strip() != text and (row - 1, c) in merged:
            text = f"{str(above).strip()}{text}"
        out.append(text)
    return out


def _find_header(ws: Grid, kind: str, merges: Any = None,
                 path: Path | None = None) -> tuple[int, int]:  # fmt: skip
    """The row (1-based) among the first 15 whose cells match the most known headers,
    and how many they match."""
    best, best_row = 0, 0
    merges = merges or _merges(ws)
    for r in range(1, min(ws.max_row, 15) + 1):
        score = len(guess(_headers(ws, r, merges), kind))
        if score > best:
            best, best_row = score, r
    if best < 2:
        name = path.name if path is not None else ws.title
        raise MappingNeeded(Message("refuse.no_header", {"file": name}))
    return best_row, best


@dataclass
class Table:
    """A sheet's header and the rows under it, as they are (before any mapping)."""

    path: Path
    sheet: str
    header_row: int
    headers: list[str]
    body: list[tuple[int, tuple[Any, ...]]]  # (worksheet row, cells)
    caption: str = ""  # the sheet's title: the first text above the header, if any


def _open(path: str | Path) -> list[Grid]:
    return open_grids(path)


def _table(path: Path, ws: Grid, kind: str, *, body: bool = True) -> tuple[Table, int]:
    merges = _merges(ws)
    header_row, score = _find_header(ws, kind, merges, path)
    rows = list(enumerate(ws.rows[header_row:], header_row + 1)) if body else []
    above = (str(v).strip() for r in ws.rows[: header_row - 1] for v in r if v not in (None, ""))
    return Table(path, ws.title, header_row, _headers(ws, header_row, merges), rows,
                 next(above, "")), score  # fmt: skip


def load_table(path: str | Path, kind: str) -> Table:
    """The first sheet of the workbook with a header row for ``kind``.

    Raises:
        BadWorkbook: not a readable .xlsx.
        MappingNeeded: no sheet has a header row naming two known columns.
    """
    path = Path(path)
    book = _open(path)
    last: LedgerError | None = None
    for ws in book:
        try:
            return _table(path, ws, kind)[0]
        except MappingNeeded as exc:
            last = exc
    raise last if last else MappingNeeded(Message("refuse.empty_book", {"file": path.name}))


def office_named(table: Table) -> str | None:
    """The overseas office the sheet says it is of — in its title, its sheet's name or
    its file's name (``ロンドン事務所``, ``JLGC London``, ``LON-2023.xlsx``) — if it names
    exactly one; else None (the person is asked)."""
    from db.schema.offices import OFFICES

    text = " ".join((table.caption, table.sheet, table.path.stem))
    low = unicodedata.normalize("NFKC", text).lower()
    found = {o.code for o in OFFICES if o.code != "HQ" and (
        o.name_ja in text or re.search(rf"\b{re.escape(o.name_en.lower())}\b", low)
        or re.search(rf"(?<![a-z]){o.code.lower()}(?![a-z])", low))}  # fmt: skip
    return found.pop() if len(found) == 1 else None


def guess_kind(path: str | Path) -> str:
    """The record type whose header words the workbook's sheets match best."""
    book = _open(path)
    best, found = -1, next(iter(KINDS))
    for kind, fields in KINDS.items():
        for ws in book:
            try:
                table, score = _table(Path(path), ws, kind, body=False)
            except MappingNeeded:
                continue
            mapped = guess(table.headers, kind)
            required = sum(f.key in mapped for f in fields if f.required)
            rank = required * 10 + score
            if rank > best:
                best, found = rank, kind
    return found


def read_legacy(path: str | Path, kind: str, saved: dict[str, str] | None = None, *,
                day_first: bool = False) -> LegacySheet:  # fmt: skip
    """Read the first sheet that has a header row; map by ``saved`` headers or by guess.

    ``day_first``: numeric dates without a leading year are day/month/year (as the
    office's country writes them).

    Raises:
        BadWorkbook: not a readable .xlsx.
        MappingNeeded: a required field has no column.
    """
    table = load_table(path, kind)
    mapping = by_headers(table.headers, saved) if saved is not None else guess(table.headers, kind)
    missing = [f.label for f in KINDS[kind] if f.required and f.key not in mapping]
    if missing:
        found = [h for h in table.headers if h]
        headers = (Message("legacy.choices", {"ja": "、".join(found), "en": ", ".join(found)})
                   if found else Term("refuse.part.no_headers"))  # fmt: skip
        raise MappingNeeded(Message("refuse.no_column", {
            "file": table.path.name, "sheet": table.sheet, "fields": _fields(missing),
            "headers": headers}))  # fmt: skip
    return read_rows(table, kind, mapping, day_first=day_first)


def by_headers(headers: list[str], saved: dict[str, str]) -> dict[str, int]:
    """A saved mapping (field key → header text) as column indexes of these headers."""
    by_text = {norm(h): i for i, h in enumerate(headers) if h}
    return {k: by_text[norm(h)] for k, h in saved.items() if norm(h) in by_text}


def read_rows(table: Table, kind: str, mapping: dict[str, int], *,
              day_first: bool = False) -> LegacySheet:  # fmt: skip
    """Every row under the header, read with ``mapping``: readable rows, and each other
    one with its reason (blank and subtotal rows are counted, not read)."""
    sheet = LegacySheet(table.path, kind, table.sheet, table.header_row, table.headers,
                        dict(mapping), day_first=day_first, caption=table.caption)  # fmt: skip
    fields = {f.key: f for f in KINDS[kind]}
    for r, cells in table.body:
        if all(v in (None, "") or (isinstance(v, str) and not v.strip()) for v in cells):
            sheet.skipped_blank += 1
            continue
        texts = [norm(v) for v in cells if v not in (None, "")]
        if any(SUBTOTAL.match(t) for t in texts[:3]):
            sheet.skipped_subtotals.append(r)
            continue
        values: dict[str, Any] = {}
        try:
            for key, col in sheet.mapping.items():
                raw = cells[col] if col < len(cells) else None
                values.update(_convert(fields[key], raw, day_first))
        except Unreadable as exc:
            sheet.problems.append(Problem(r, exc.message))
            continue
        missing = [f for f in fields.values() if f.required and values.get(f.key) in (None, "")]
        if missing:
            labels = _fields([f.label for f in missing])
            sheet.problems.append(Problem(r, Message("legacy.empty", {"fields": labels})))
            continue
        sheet.rows.append((r, values))
    return sheet


def _convert(f: Field, raw: Any, day_first: bool = False) -> dict[str, Any]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return {}
    label = Term(f.label)
    if f.kind == "text":
        return {f.key: unicodedata.normalize("NFKC", str(raw)).strip()
                if isinstance(raw, int | float) else str(raw).strip()}  # fmt: skip
    if f.kind == "list":
        names = (n.strip() for n in SEVERAL.split(str(raw)))
        return {f.key: tuple(dict.fromkeys(n for n in names if n))}
    if f.kind in ("date", "daterange"):
        start, end = to_dates(raw, label, day_first=day_first)
        out = {f.key: start}
        if f.kind == "daterange" and end != start:
            out["end_date"] = end
        return out
    if f.kind == "int":
        return {f.key: to_count(raw, label)}
    if f.kind == "bool":
        return {f.key: to_bool(raw, label, f.synonyms, norm)}
    if f.kind == "country":
        from db.schema.countries import resolve

        try:
            return {f.key: resolve(str(raw).strip())}
        except ValidationError:
            raise Unreadable(Message("legacy.unknown_country",
                                     {"field": label, "value": repr(raw)})) from None  # fmt: skip
    if f.kind == "code":
        return {f.key: _code(f, raw)}
    if f.kind == "codes":  # several in a cell: アポ取付け、同行 / Appointment; Interpreter
        names = (n.strip() for n in SEVERAL.split(str(raw)))
        return {f.key: tuple(dict.fromkeys(_code(f, n) for n in names if n))}
    raise ValueError(f"unknown field kind {f.kind}")  # pragma: no cover


def _code(f: Field, raw: Any) -> str:
    """A code cell: the code itself, its Japanese or English label, or a synonym."""
    text = norm(raw)
    for member in f.enum:
        if text in (norm(member.value), norm(member.label("ja")), norm(member.label("en"))):
            return str(member.value)
    for word, code in f.synonyms:
        if text == norm(word):
            return code
    names = Message("legacy.choices", {"ja": "、".join(m.label("ja") for m in f.enum),
                                       "en": ", ".join(m.label("en") for m in f.enum)})  # fmt: skip
    raise Unreadable(Message("legacy.not_code", {"field": Term(f.label), "value": repr(raw),
                                                 "choices": names}))  # fmt: skip
