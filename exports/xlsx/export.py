"""Write an office's records for a period as an Excel workbook for headquarters.

Sheets: a summary of the tallies, one sheet per record type, child sheets (event legs,
local governments, JETAA sessions) joined by UUID, the tombstones of deleted records,
and a manifest (format and app version, office, device, export id, period, time, row
counts, content hash, and the sheets with each one's hashed columns, kinds and headers,
see :func:`exports.xlsx.schema.manifest_layout`). Written with xlsxwriter in
constant-memory mode (measured faster than openpyxl's write-only mode, see bench/) to a
temporary file that is renamed into place, so a failed export never leaves half a
workbook.

Cells keep their types: real dates and numbers; UUIDs, codes and times as text; text
beginning with = + - @ tab or CR is written as a string cell with Excel's quote
prefix, so no spreadsheet runs it as a formula and it reads back unchanged. Control
characters are escaped by xlsxwriter (``_xHHHH_``) and read back exactly.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from db.read import rows as R
from db.schema.errors import LedgerError
from db.schema.fiscal import Period
from db.schema.kinds import RecordKind
from db.storage.base import utc_now
from db.storage.database import Database
from exports.atomic import write_bytes
from exports.xlsx.cells import to_cells
from exports.xlsx.schema import (
    FORMAT_VERSION,
    MANIFEST,
    MAX_CELL,
    SHEETS,
    SUMMARY,
    Sheet,
    canonical,
    content_hash,
    manifest_layout,
)

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_RISKY = frozenset(RISKY_START)
_TEXT, _MACHINE, _NUMBER, _DATE, _BOOL = range(5)
_MODES = {"uuid": _MACHINE, "code": _MACHINE, "hash": _MACHINE,
          "datetime": _MACHINE, "int": _NUMBER, "date": _DATE, "bool": _BOOL}  # fmt: skip


class ExportError(LedgerError):
    """The workbook could not be written; nothing was left at the target path."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    export_id: str
    counts: dict[str, int]
    content_hash: str


class Writer:
    """Typed cell writers over one xlsxwriter workbook."""

    def __init__(self, path: str | BinaryIO, tmpdir: Path | None = None) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(path, {
            "tmpdir": str(tmpdir) if tmpdir else None,  # its spill files: see exports.scratch
            "constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
            "strings_to_urls": False, "nan_inf_to_errors": True,
        })  # fmt: skip
        self.header = self.book.add_format({"bold": True, "bg_color": "#E8EEF6", "border": 1,
                                            "text_wrap": True, "valign": "top"})  # fmt: skip
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.quoted = self.book.add_format({"quote_prefix": True})
        self.total = self.book.add_format({"bold": True, "top": 1})

    def text(self, ws: Any, r: int, c: int, value: Any) -> None:
        if value is None or value == "":
            return
        text = value if type(value) is str else canonical(value)
        if len(text) > MAX_CELL:
            raise ExportError(
                f"a value in sheet {ws.name!r} row {r + 1} has {len(text):,} characters;"
                f" Excel cells hold at most {MAX_CELL:,}"
            )
        ws.write_string(r, c, text, self.quoted if text.startswith(RISKY_START) else None)

    def table(self, sheet: Sheet, rows: Sequence[Sequence[Any]], lang: str) -> None:
        ws = self.book.add_worksheet(sheet.name(lang))
        for c, col in enumerate(sheet.columns):
            hidden = {"hidden": True} if col.hidden else {}
            ws.set_column(c, c, col.width, None, hidden)
            ws.write_string(0, c, col.header(lang), self.header)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(sheet.columns) - 1)
        self._rows(ws, sheet, rows)

    def _rows(self, ws: Any, sheet: Sheet, rows: Sequence[Sequence[Any]]) -> None:
        """The data rows: the writer's hot loop, one branch per cell and no extra calls."""
        modes = [_MODES.get("date" if col.kind == "derived" and "date" in col.key
                            else col.kind, _TEXT) for col in sheet.columns]  # fmt: skip
        write_string, write_number = ws.write_string, ws.write_number
        write_boolean, write_datetime = ws.write_boolean, ws.write_datetime
        quoted, day = self.quoted, self.date
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                mode = modes[c]
                if mode == _TEXT:
                    if type(value) is not str:
                        value = canonical(value)
                        if not value:  # an empty list (an issue in no language): blank
                            continue
                    if len(value) > MAX_CELL:
                        raise ExportError(
                            f"a value in sheet {ws.name!r} row {r + 1} has {len(value):,}"
                            f" characters; Excel cells hold at most {MAX_CELL:,}"
                        )
                    write_string(r, c, value, quoted if value[0] in _RISKY else None)
                elif mode == _MACHINE:  # codes, UUIDs, times, hashes: short, never risky
                    write_string(r, c, value if type(value) is str else canonical(value))
                elif mode == _NUMBER:
                    write_number(r, c, value)
                elif mode == _DATE:
                    write_datetime(r, c, value, day)
                else:
                    write_boolean(r, c, bool(value))

    def pairs(self, name: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
              widths: Sequence[float], total_last: bool = False) -> Any:  # fmt: skip
        ws = self.book.add_worksheet(name)
        for c, (text, width) in enumerate(zip(header, widths, strict=True)):
            ws.set_column(c, c, width)
            ws.write_string(0, c, text, self.header)
        ws.freeze_panes(1, 0)
        for r, row in enumerate(rows, 1):
            fmt = self.total if total_last and r == len(rows) else None
            for c, value in enumerate(row):
                if isinstance(value, bool | int | float) and not isinstance(value, bool):
                    ws.write_number(r, c, value, fmt)
                elif isinstance(value, date | datetime):
                    ws.write_datetime(r, c, value, self.date)
                else:
                    self.text(ws, r, c, value) if fmt is None else ws.write(r, c, value, fmt)
        return ws

    def close(self) -> None:
        self.book.close()


def write_atomically(path: Path, fill: Callable[[Writer], None]) -> None:
    """Run ``fill`` on a workbook in a temporary file, then rename it to ``path``."""
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: folder {path.parent} does not exist")
    # built in memory, then written in one go: a full disk fails our write, cleanly,
    # rather than xlsxwriter's zip file (which would complain again when collected)
    from exports.scratch import scratch

    buffer = io.BytesIO()
    with scratch() as tmpdir:  # xlsxwriter's temporary files, removed even if it fails
        writer = Writer(buffer, tmpdir)
        try:
            fill(writer)
        finally:
            writer.close()
    write_bytes(path, buffer.getvalue())


def _records(s: Any, period: Period | None, office: str | None,
             tombstoned_cases_only: bool = False) -> dict[str, list[Any]]:  # fmt: skip
    records: dict[str, list[Any]] = {
        kind: read(s, period, office, deleted=True)
        for kind, read in R.READERS.items()
        if not (tombstoned_cases_only and kind is RecordKind.SUPPORT_CASE)
    }
    if tombstoned_cases_only:  # the live ones come straight from SQL (exports.xlsx.cases)
        records[RecordKind.SUPPORT_CASE] = R.cases(s, period, office, only_deleted=True)
    records[RecordKind.NEWSLETTER] = R.newsletters(s, office, deleted=True)
    return records


def read_records(db: Database, period: Period | None, office: str | None) -> dict[str, list[Any]]:
    """Every record of the office (all if None) in the period (all if None), tombstones too."""
    with db.session() as s:
        return _records(s, period, office)


class SheetCells(dict[str, list[Any]]):
    """Each sheet's rows, and each sheet's layout: its schema, plus a column for each
    value kept from a newer app's workbook (:mod:`exports.xlsx.extras`)."""

    def __init__(self, rows: Mapping[str, list[Any]]) -> None:
        super().__init__(rows)
        self.layouts: dict[str, Sheet] = {}

    def layout(self, sheet: Sheet) -> Sheet:
        return self.layouts.get(sheet.key, sheet)


def sheet_cells(db: Database, period: Period | None, office: str | None,
                lang: str) -> SheetCells:  # fmt: skip
    """Every sheet's rows for the office (all if None) and period, tombstones included.

    Live support cases, the bulk of a workbook, come straight from SQL
    (:mod:`exports.xlsx.cases`); everything else, and deleted cases' tombstones,
    through :func:`to_cells`. Records that keep values of columns a newer app wrote get
    them back as columns.
    """
    from exports.xlsx import extras as xlsx_extras
    from exports.xlsx.cases import case_cells

    with db.session() as s:
        records = _records(s, period, office, tombstoned_cases_only=True)
        live_cases = case_cells(s, period, office, lang)
        kept = xlsx_extras.stored(s)
    cells = SheetCells(to_cells(records, lang))
    cells["support_case"] = live_cases
    if kept:
        for sheet in SHEETS:
            layout, rows = xlsx_extras.add_columns(sheet, cells.get(sheet.key, []), kept)
            cells[sheet.key] = rows
            cells.layouts[sheet.key] = layout
    return cells


def layout_manifest(cells: SheetCells) -> dict[str, Any]:
    """The manifest's row counts, content hash and layout (sheets, hashed columns)."""
    counts = {sheet.key: len(cells.get(sheet.key, ())) for sheet in SHEETS}
    hashes = [(sheet.key, [row[-1] for row in cells.get(sheet.key, ())]) for sheet in SHEETS]
    return {**{f"rows.{k}": n for k, n in counts.items()}, "content_hash": content_hash(hashes),
            **manifest_layout([cells.layout(sheet) for sheet in SHEETS])}  # fmt: skip


def manifest_rows(manifest: Mapping[str, Any]) -> list[list[Any]]:
    return [[key, canonical(value)] for key, value in manifest.items()]


def export_office(
    db: Database, path: str | Path, office: str, period: Period, lang: str = "ja", *,
    log: bool = True,
) -> ExportResult:  # fmt: skip
    """Write the office's workbook for the period; remember it as sent
    (:mod:`exports.sent_marks`, unless ``log`` is false: the caller logs where the file
    ends up, as sending does). The database is only read."""
    from db.sync.bulk import collector_paused

    target = Path(path)
    with collector_paused():
        return _export_office(db, target, office, period, lang, log)


def _export_office(db: Database, target: Path, office: str, period: Period,
                   lang: str, logged: bool) -> ExportResult:  # fmt: skip
    from db.schema.appinfo import __version__
    from db.storage import clock
    from db.tally.tallies import tally
    from exports.xlsx.summary import office_summary_rows

    cells = sheet_cells(db, period, office, lang)
    with db.session() as s:
        device, device_name = clock.device_id(s), clock.device_name(s)
        former = " ".join(clock.former_ids(s))  # this laptop's ids before its file moved
        figures = tally(s, period, office)
    counts = {sheet.key: len(cells.get(sheet.key, ())) for sheet in SHEETS}
    export_id = str(uuid.uuid4())
    layout = layout_manifest(cells)
    digest = layout["content_hash"]
    manifest: dict[str, Any] = {
        "format": "office-ledger-export", "format_version": FORMAT_VERSION,
        "app_version": __version__, "office": office, "device_id": device,
        "device_name": device_name, "former_device_ids": former, "export_id": export_id,
        "period_start": period.start, "period_end": period.end,
        "created_at": utc_now(), "language": lang, **layout,
    }  # fmt: skip

    def fill(w: Writer) -> None:
        header, rows = office_summary_rows(figures, office, period, lang)
        w.pairs(SUMMARY[0] if lang == "ja" else SUMMARY[1], header, rows, [34, 14, 60])
        for sheet in SHEETS:
            w.table(cells.layout(sheet), cells.get(sheet.key, []), lang)
        w.pairs(MANIFEST[0] if lang == "ja" else MANIFEST[1], ["key", "value"],
                manifest_rows(manifest), [24, 70])  # fmt: skip

    write_atomically(target, fill)
    if logged:  # beside the ledger, never in it: an export never writes the file (#19)
        from exports.sent_marks import keep

        keep(db, target, office, export_id, counts, period)
    return ExportResult(target, export_id, counts, digest)
