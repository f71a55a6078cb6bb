"""Headquarters' consolidated workbook: the annual report's per-office tables and every record.

Run at headquarters after importing the offices' files: the first sheets are the
tables the annual report prints (support cases by requester category with the 計 row,
events and countries, newsletter issues, JETAA events and countries), then all
offices' records in the export layout, so the workbook can itself be imported.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from db.appinfo import __version__
from db.base import utc_now
from db.database import Database
from db.fiscal import Period
from exports.xlsx.export import (
    ExportResult,
    Writer,
    layout_manifest,
    manifest_rows,
    sheet_cells,
    write_atomically,
)
from exports.xlsx.schema import FORMAT_VERSION, MANIFEST, SHEETS
from exports.xlsx.summary import hq_tables


def consolidate(db: Database, path: str | Path, period: Period, lang: str = "ja") -> ExportResult:
    from db import clock
    from db.tallies import tally
    from exports.sync_log import log

    target = Path(path)
    cells = sheet_cells(db, period, None, lang)
    with db.session() as s:
        figures = tally(s, period)
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
        for title, header, rows in hq_tables(figures, lang):
            widths = [18, *([11] * (len(header) - 1))]
            if any(isinstance(row[-1], str) for row in rows):  # the list of countries
                widths[-1] = 80
            w.pairs(title, header, rows, widths, total_last=True)
        for sheet in SHEETS:
            w.table(cells.layout(sheet), cells.get(sheet.key, []), lang)
        w.pairs(MANIFEST[0] if lang == "ja" else MANIFEST[1], ["key", "value"],
                manifest_rows(manifest), [24, 70])  # fmt: skip

    write_atomically(target, fill)
    log(db, "export", target, None, export_id, counts, "ok", "consolidated", period=period)
    return ExportResult(target, export_id, counts, digest)
