"""Open any file an office keeps its records in as plain grids of cells.

Offices keep years of records in whatever they had: Excel ``.xlsx``/``.xlsm``,
Excel 97 ``.xls``, LibreOffice ``.ods`` (all read by python-calamine, with their
merged cells; an ``.xlsx`` after the zip guard), and ``.csv``/``.tsv`` text saved from
another system — UTF-8 with or without a BOM, Shift_JIS/CP932 or UTF-16, the
delimiter sniffed. Each becomes a list of :class:`Grid` (one per sheet; a text file
is one sheet named after the file), so the office-sheet reader
(:mod:`exports.legacy.sheet`) reads every format the same way.

What a file is comes from its first bytes, never its name alone: a file that is not a
workbook is named for what it is (:func:`describe`) — "a text file, not a workbook",
"a password-protected workbook", "a damaged .xls".
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

from db.schema.words import Message
from exports.xlsx.guard import BadWorkbook, check

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
# The files an office's sheet may be (what the window accepts dropped).
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv")
# Where a password-protected .xlsx (an OLE2 container) keeps its encryption header.
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_TEXT_PROBE = 64 * 1024


class NotAWorkbook(BadWorkbook):
    """A file that is no workbook (or a damaged or locked one), named for what it is;
    ``str()`` is the command line's English, :meth:`text` any language."""

    def __init__(self, path: Path, what: str, detail: str = "") -> None:
        self.message = Message(f"file.{what}", {"file": path.name})
        super().__init__(self.message)
        self.detail = detail  # what the reader said (English), for a bug report


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


def describe(path: Path) -> str:
    """What a file is, by its first bytes: xlsx, ods, xls, encrypted, text, csv, zip,
    empty or other (what the reader does with it, and what a refusal calls it)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_TEXT_PROBE)
    except OSError as exc:
        raise BadWorkbook(Message("file.cannot_read", {"file": path.name})) from exc
    if not head:
        return "empty"
    if head.startswith(ZIP):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIME:
                    return "ods"
        except (zipfile.BadZipFile, OSError, KeyError):
            return "xlsx"  # the workbook guard says how it is damaged
        return "xlsx" if any(n.startswith("xl/") for n in names) else "zip"
    if head.startswith(OLE2):
        return "encrypted" if _ENCRYPTED in _whole(path) else "xls"
    if _decode(head, partial=True) is not None:
        return "csv" if path.suffix.lower() in TEXT_SUFFIXES else "text"
    return "other"


def _whole(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(4 * 1024 * 1024)  # an OLE2 directory sits near the start


# What is refused, by what :func:`describe` calls it (the words: ``file.<what>``).
NAMED = ("empty", "text", "zip", "encrypted", "other")


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


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


def encoding(data: bytes, *, partial: bool = False) -> str | None:
    """The encoding text was saved in: a BOM's, else UTF-16 without one (every other
    byte NUL), UTF-8, or Shift_JIS/CP932; None when it is not text."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:2048]
    if sample and sample.count(0) * 3 > len(sample):  # UTF-16 without a BOM
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    if b"\x00" in sample:
        return None
    for name in ("utf-8", "cp932"):
        decoder = codecs.getincrementaldecoder(name)()
        try:
            decoder.decode(data, final=not partial)
        except UnicodeDecodeError:
            continue
        return name
    return None


def _decode(data: bytes, *, partial: bool = False) -> str | None:
    name = encoding(data, partial=partial)
    if name is None:
        return None
    return codecs.getincrementaldecoder(name)(errors="replace").decode(data, final=not partial)


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
