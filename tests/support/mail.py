"""An office's export and its message to headquarters, made as the app makes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.schema.fiscal import fy_period
from db.tally.tallies import tally
from exports.mail.message import compose
from exports.xlsx.export import export_office

if TYPE_CHECKING:
    from email.message import EmailMessage
    from pathlib import Path

    from db.storage.database import Database
    from exports.xlsx.export import ExportResult

FY = fy_period(2023)


def make_message(
    db: Database, tmp_path: Path, draft: bool = False
) -> tuple[EmailMessage, ExportResult]:
    result = export_office(db, tmp_path / "NYC.xlsx", "NYC", FY)
    with db.session() as s:
        figures = tally(s, FY, "NYC").offices["NYC"]
    msg = compose(export_id=result.export_id, office="NYC", period=FY, figures=figures,
                  workbook=result.path, sender="nyc@jlgc.example", to="hq@clair.example",
                  draft=draft)  # fmt: skip
    return msg, result
