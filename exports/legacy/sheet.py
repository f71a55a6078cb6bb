"""Import an office's own spreadsheet (not an Office Ledger export) with a column mapping.

Offices kept their records in sheets of their own making: a title above the header,
merged header cells, 令和 dates typed as text, full-width digits, Excel serial dates,
blank lines and subtotal rows. The reader finds the header row, guesses which column
holds which field (:mod:`exports.legacy.fields`), and reads every row, listing each
one it cannot read with the reason: nothing is dropped silently. A guessed mapping is
applied only when the user accepts it; it can be saved under a name for next time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from db.errors import LedgerError, ValidationError
from exports.legacy.fields import KINDS, Field, guess, norm
from exports.xlsx.guard import BadWorkbook, check

SUBTOTAL = re.compile(r"^(小計|合計|計|総計|total|subtotal|sum)$", re.IGNORECASE)
EXCEL_EPOCH = date(1899, 12, 30)


class MappingNeeded(LedgerError):
    """A required field has no column; the message lists the headers found."""


@dataclass
class Problem:
    row: int
    reason: str


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

    def mapping_by_header(self) -> dict[str, str]:
        return {key: self.headers[i] for key, i in self.mapping.items()}


def _headers(ws: Any, row: int) -> list[str]:
    """Header texts of ``row``, merged cells filled in and a merged group above prefixed."""
    merged = {}
    for rng in ws.merged_cells.ranges:
        top_left = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = top_left
    out = []
    for c in range(1, ws.max_column + 1):
        value = ws.cell(row, c).value
        if value in (None, ""):
            value = merged.get((row, c))
        above = merged.get((row - 1, c)) if row > 1 else None
        text = "" if value is None else str(value).strip()
        if above not in (None, "") and str(above).strip() != text and (row - 1, c) in merged:
            text = f"{str(above).strip()}{text}"
        out.append(text)
    return out


def _find_header(ws: Any, kind: str) -> int:
    """The row (1-based) among the first 15 whose cells match the most known headers."""
    best, best_row = 0, 0
    for r in range(1, min(ws.max_row, 15) + 1):
        score = len(guess(_headers(ws, r), kind))
        if score > best:
            best, best_row = score, r
    if best < 2:
        raise MappingNeeded("no header row found (no row names two known columns)")
    return best_row


def read_legacy(path: str | Path, kind: str, saved: dict[str, str] | None = None) -> LegacySheet:
    """Read the first sheet that has a header row; map by ``saved`` headers or by guess.

    Raises:
        BadWorkbook: not a readable .xlsx.
        MappingNeeded: a required field has no column.
    """
    import openpyxl

    path = Path(path)
    check(path)
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise BadWorkbook(f"{path.name}: cannot be read as a workbook ({exc})") from exc
    last: LedgerError | None = None
    for ws in book.worksheets:
        try:
            header_row = _find_header(ws, kind)
        except MappingNeeded as exc:
            last = exc
            continue
        headers = _headers(ws, header_row)
        if saved:
            by_text = {norm(h): i for i, h in enumerate(headers)}
            mapping = {k: by_text[norm(h)] for k, h in saved.items() if norm(h) in by_text}
        else:
            mapping = guess(headers, kind)
        missing = [f.key for f in KINDS[kind] if f.required and f.key not in mapping]
        if missing:
            found = ", ".join(h for h in headers if h) or "none"
            raise MappingNeeded(f"{path.name}: sheet {ws.title!r} has no column for"
                                f" {', '.join(missing)} (headers: {found})")  # fmt: skip
        sheet = LegacySheet(path, kind, ws.title, header_row, headers, mapping)
        _read_rows(ws, sheet)
        return sheet
    raise MappingNeeded(f"{path.name}: {last}" if last else f"{path.name}: the workbook is empty")


def _read_rows(ws: Any, sheet: LegacySheet) -> None:
    fields = {f.key: f for f in KINDS[sheet.kind]}
    for r, cells in enumerate(ws.iter_rows(min_row=sheet.header_row + 1, values_only=True),
                              sheet.header_row + 1):  # fmt: skip
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
                values.update(_convert(fields[key], raw))
        except ValueError as exc:
            sheet.problems.append(Problem(r, str(exc)))
            continue
        missing = [f.key for f in fields.values() if f.required and values.get(f.key) in (None, "")]
        if missing:
            sheet.problems.append(Problem(r, f"empty {', '.join(missing)}"))
            continue
        sheet.rows.append((r, values))


def _convert(f: Field, raw: Any) -> dict[str, Any]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return {}
    if f.kind == "text":
        return {f.key: unicodedata.normalize("NFKC", str(raw)).strip()
                if isinstance(raw, int | float) else str(raw).strip()}  # fmt: skip
    if f.kind in ("date", "daterange"):
        start, end = to_dates(raw, f.key)
        out = {f.key: start}
        if f.kind == "daterange" and end != start:
            out["end_date"] = end
        return out
    if f.kind == "int":
        text = unicodedata.normalize("NFKC", str(raw)).replace(",", "").strip()
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        if not re.fullmatch(r"\d+", text):
            raise ValueError(f"{f.key}: {raw!r} is not a whole number")
        return {f.key: int(text)}
    if f.kind == "bool":
        text = norm(raw)
        if text in ("true", "1", "yes", "はい", "○", "〇", "y", "主催"):
            return {f.key: True}
        if text in ("false", "0", "no", "いいえ", "×", "n", "-"):
            return {f.key: False}
        raise ValueError(f"{f.key}: {raw!r} is neither yes nor no")
    if f.kind == "country":
        from db.countries import resolve

        try:
            return {f.key: resolve(str(raw))}
        except ValidationError:
            raise ValueError(f"{f.key}: unknown country {raw!r}") from None
    if f.kind == "code":
        return {f.key: _code(f, raw)}
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
    names = "、".join(m.label("ja") for m in f.enum)
    raise ValueError(f"{f.key}: {raw!r} is not one of {names}")


def to_dates(raw: Any, key: str = "date") -> tuple[date, date]:
    """A cell's date or date range: Excel dates and serials, ISO or slashed text, 令和 text."""
    if isinstance(raw, datetime):
        return raw.date(), raw.date()
    if isinstance(raw, date):
        return raw, raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if 20000 < raw < 80000:  # an Excel serial day (1954–2119)
            day = EXCEL_EPOCH + timedelta(days=int(raw))
            return day, day
        raise ValueError(f"{key}: {raw!r} is not a date")
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if iso:
        try:
            day = date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise ValueError(f"{key}: {raw!r} is not a real date") from None
        return day, day
    from db.fiscal import parse_era_range

    try:
        return parse_era_range(text)
    except ValidationError:
        raise ValueError(
            f"{key}: {raw!r} is not a date (like 2023-06-08 or 令和5年6月8日)"
        ) from None
