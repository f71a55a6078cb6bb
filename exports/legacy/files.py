"""Open any file an office keeps its records in as plain grids of cells.

Offices keep years of records in whatever they had: Excel ``.xlsx``/``.xlsm``,
Excel 97 ``.xls``, LibreOffice ``.ods`` (all read by python-calamine, with their
merged cells; an ``.xlsx`` after the zip guard), and ``.csv``/``.tsv`` text saved from
another system — UTF-8 with or without a BOM, Shift_JIS/CP932 or UTF-16, the
delimiter sniffed. Each becomes a list of :class:`Grid` (one per sheet; a text file
is one sheet named after the file), so the office-sheet reader
(:mod:`exports.legacy.sheet`) reads every format the same way.

What a file is comes from its first bytes, never its name alone: a file that is not a
workbook is named for what it is (:func:`exports.xlsx.probe.describe`) — "a text file,
not a workbook", "a password-protected workbook", "a damaged .xls".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

from exports.xlsx.guard import check
from exports.xlsx.probe import NAMED, NotAWorkbook, describe, encoding

# The files an office's sheet may be (what the window accepts dropped).
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv")


@dataclass
class Grid:
    """One sheet's cells as rows (1-based rows and columns, as a person counts them)
    and its merged ranges as (min_row, min_col, max_row, max_col)."""

    title: str
    rows: list[tuple[Any, ...]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def max_row(self) -> int:
        return len(self.rows)

    @property
    def max_column(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, col: int) -> Any:
        if row < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[col - 1] if 0 < col <= len(cells) else None


def _plain(value: Any) -> Any:
    """A cell as the reader wants it: whole floats as ints, empty text as None, a
    date-time at midnight kept (the cell reader takes its date)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value == "":
        return None
    if isinstance(value, time):
        return str(value)
    return value


def open_grids(path: str | Path) -> list[Grid]:
    """Every sheet of the file as a :class:`Grid`.

    Raises:
        BadWorkbook: the file is none of the formats, or is damaged; the message
            names what it is.
    """
    path = Path(path)
    what = describe(path)
    if what in NAMED:
        raise NotAWorkbook(path, what)
    if what == "xlsx":
        check(path)  # the zip guard first (bombs, entities), then calamine (fast)
        return _calamine(path, what)
    if what == "csv":
        return [_csv(path)]
    return _calamine(path, what)


def _calamine(path: Path, what: str) -> list[Grid]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        out = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            rows = [tuple(_plain(v) for v in r) for r in sheet.to_python(skip_empty_area=False)]
            merges = []
            for (r0, c0), (r1, c1) in getattr(sheet, "merged_cell_ranges", None) or ():
                merges.append((r0 + 1, c0 + 1, r1 + 1, c1 + 1))
            out.append(Grid(name, rows, merges))
        return out
    except (CalamineError, ValueError, OSError, TypeError) as exc:
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise NotAWorkbook(path, "encrypted") from exc
        raise NotAWorkbook(path, f"damaged_{what}", str(exc)) from exc
    except BaseException as exc:  # a panic in the Rust reader on a truncated file
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise NotAWorkbook(path, f"damaged_{what}", type(exc).__name__) from exc


def _csv(path: Path) -> Grid:
    data = path.read_bytes()
    name = encoding(data)
    if name is None:
        raise NotAWorkbook(path, "not_text")
    text = data.decode(name)
    sample = text[:16384]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" or "\t" in sample else csv.excel
    rows = [tuple(_plain(v.strip()) for v in r) for r in csv.reader(io.StringIO(text), dialect)]
    return Grid(path.stem, rows)
