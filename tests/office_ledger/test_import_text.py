"""An import's preview names the export as people tell exports apart: when it was
written and on which laptop, not its id."""

from __future__ import annotations

from pathlib import Path

from db.schema.fiscal import fy_period
from db.storage.database import Database, open_database
from exports.labels import format_utc
from exports.xlsx.exchange import import_file
from exports.xlsx.export import export_office
from office_ledger.import_text import render_report


def test_the_preview_says_when_and_where_the_export_was_written(
    demo_db: Database, tmp_path: Path
) -> None:
    sent = export_office(demo_db, tmp_path / "NYC.xlsx", "NYC", fy_period(2023))
    hq = open_database(tmp_path / "hq.sqlite3")
    try:
        report = import_file(hq, sent.path, dry_run=True)
    finally:
        hq.close()
    with demo_db.session() as s:
        from db.storage import clock

        laptop = clock.device_name(s)
    assert report.exported_at is not None and laptop
    said = {"en": "office New York, exported", "ja": "事務所 ニューヨーク、書き出し"}
    for lang, words in said.items():
        head = render_report(report, lang, preview=True).splitlines()[0]
        assert words in head and format_utc(report.exported_at, lang) in head, head
        assert laptop in head and sent.export_id not in head, head
