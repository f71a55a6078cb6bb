"""Headquarters' consolidated workbook: the annual report's per-office tables and every record.

Run at headquarters after importing the offices' files: the first sheets are the
tables the annual report prints (:mod:`exports.report_tables`: support cases by
requester category with the 計 row and the report's note, events and countries,
newsletters with their main contents and issues, JETAA events and countries), then
all offices' records in the export layout, so the workbook can itself be imported.

The tables' columns are as wide as their longest header or value (a Japanese
character counts twice), up to :data:`WIDEST`; longer texts wrap within the cell.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from db.read import rows as R
from db.schema.appinfo import __version__
from db.schema.fiscal import Period
from db.schema.kinds import YEAR_KINDS, RecordKind
from db.schema.offices import OFFICE_CODES
from db.storage.base import utc_now
from db.storage.database import Database
from exports.report_tables import ReportTable, hq_tables, year_tables
from exports.xlsx.export import (
    ExportResult,
    Writer,
    layout_manifest,
    manifest_rows,
    sheet_cells,
    write_atomically,
)
from exports.xlsx.schema import FORMAT_VERSION, MANIFEST, SHEETS


def consolidate(db: Database, path: str | Path, period: Period, lang: str = "ja") -> ExportResult:
    from db.storage import clock
    from db.tally.tallies import tally
    from exports.sent_marks import keep

    target = Path(path)
    cells = sheet_cells(db, period, None, lang)
    with db.session() as s:
        figures = tally(s, period)
        issues = R.issues(s, period, None)
        order = {code: i for i, code in enumerate(OFFICE_CODES)}
        listed = (*YEAR_KINDS, RecordKind.EVENT_BOOTH, RecordKind.JETAA_EVENT)
        year = {kind: sorted(R.READERS[kind](s, period, None), key=lambda r: order[r.office_code])
                for kind in listed}  # fmt: skip
        device, device_name = clock.device_id(s), clock.device_name(s)
    counts = {sheet.key: len(cells.get(sheet.key, ())) for sheet in SHEETS}
    layout = layout_manifest(cells)
    digest = layout["content_hash"]
    export_id = str(uuid.uuid4())
    manifest: dict[str, Any] = {
        "format": "office-ledger-export", "format_version": FORMAT_VERSION,
        "app_version": __version__, "office": "ALL", "device_id": device,
        "device_name": device_name, "export_id": export_id, "period_start": period.start,
        "period_end": period.end, "created_at": utc_now(), "language": lang, **layout,
    }  # fmt: skip

    def fill(w: Writer) -> None:
        for table in [
            *hq_tables(figures, issues, lang),
            *year_tables(figures, year.__getitem__, lang, as_of=period.end),
        ]:
            report_sheet(w, table)
        for sheet in SHEETS:
            w.table(cells.layout(sheet), cells.get(sheet.key, []), lang)
        w.pairs(MANIFEST[0] if lang == "ja" else MANIFEST[1], ["key", "value"],
                manifest_rows(manifest), [24, 70])  # fmt: skip

    write_atomically(target, fill)
    keep(db, target, None, export_id, counts, period, "consolidated")  # the file: only read
    return ExportResult(target, export_id, counts, digest)


WIDEST = 60  # characters; a wider text wraps in its cell


def text_width(value: object) -> float:
    """How many Excel width units ``value`` takes in a cell: wide (Japanese) characters
    count two, others one, on its longest line."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = f"{value:,}"
    lines = str(value).split("\n") if value is not None else [""]
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
               for line in lines)  # fmt: skip


def _lines(row: Sequence[Any], widths: Sequence[float]) -> int:
    """How many lines the row's tallest cell wraps into at the columns' widths."""
    most = 1
    for value, width in zip(row, widths, strict=False):
        text_lines = ("" if value is None else str(value)).split("\n")
        n = sum(max(1, -(-int(text_width(x)) // max(1, int(width - 2)))) for x in text_lines)
        most = max(most, n)
    return most


def report_sheet(w: Writer, table: ReportTable) -> Any:
    """One printed table as a sheet: header, rows (the 計 row in bold), the note under it."""
    wrap = w.book.add_format({"text_wrap": True, "valign": "top"})
    head = w.book.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1,
                              "text_wrap": True, "valign": "top"})  # fmt: skip
    total = w.book.add_format({"bold": True, "top": 1, "text_wrap": True, "valign": "top"})
    number = w.book.add_format({"num_format": "#,##0", "valign": "top"})
    total_number = w.book.add_format({"bold": True, "top": 1, "num_format": "#,##0",
                                      "valign": "top"})  # fmt: skip
    ws = w.book.add_worksheet(table.sheet)
    widths = []
    for c, text in enumerate(table.header):
        widest = max([text_width(text), *(text_width(row[c]) for row in table.rows)])
        widths.append(min(widest + 2, WIDEST))
        ws.set_column(c, c, widths[-1], wrap)
        ws.write_string(0, c, text, head)
    ws.set_row(0, 15 * _lines(table.header, widths))
    ws.freeze_panes(1, 0)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)  # printed: one page wide
    ws.repeat_rows(0)
    last = len(table.rows)
    for r, row in enumerate(table.rows, 1):
        is_total = table.total and r == last
        ws.set_row(r, 15 * _lines(row, widths))  # LibreOffice would not grow the row itself
        for c, value in enumerate(row):
            if isinstance(value, int | float) and not isinstance(value, bool):
                ws.write_number(r, c, value, total_number if is_total else number)
            elif is_total:
                ws.write(r, c, value if value is not None else "", total)
            else:
                w.text(ws, r, c, value)
    plain = w.book.add_format({"text_wrap": False})
    if table.note:
        ws.write_string(last + 2, 0, table.note, plain)
    for i, line in enumerate(table.lead):  # an event's name and its paragraph, under it
        w.text(ws, last + 2 + bool(table.note) + i, 0, line)
    return ws
