"""The event-booth, JETAA-event and newsletter-issue pages (see :mod:`desktop.pages.list_page`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from db.schema.countries import country_name
from db.schema.enums import JetaaKind, NewsletterFormat
from db.schema.kinds import RecordKind
from desktop.models.lists import EventTableModel, IssueTableModel, JetaaTableModel
from desktop.pages.commands import UndoStack
from desktop.pages.list_page import RecordPage

if TYPE_CHECKING:  # the database modules load after the window first paints
    from db.storage.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("Pages", text)


class _CountryFilter:
    """A combo of the countries the loaded rows visit (refilled on every load)."""

    def __init__(self, page: RecordPage) -> None:
        self.page = page
        self.box = QComboBox()
        self.box.addItem(tr("All countries"), None)
        page.add_filter(self.box, lambda row, code: code in row.countries)
        page.rows_loaded.connect(self.refill)

    def refill(self, rows: Sequence[Any]) -> None:
        chosen = self.box.currentData()
        found = {c for r in rows for c in r.countries}
        self.box.blockSignals(True)
        while self.box.count() > 1:
            self.box.removeItem(1)
        for name, code in sorted((country_name(c, self.page.lang), c) for c in found):
            self.box.addItem(name, code)
        self.box.setCurrentIndex(max(0, self.box.findData(chosen)))
        self.box.blockSignals(False)


class EventsPage(RecordPage):
    kind = RecordKind.EVENT_BOOTH

    def __init__(self, db: Database | None, lang: str = "ja", parent: QWidget | None = None,
                 undo: UndoStack | None = None) -> None:  # fmt: skip
        self.placeholder = tr("Filter by event, place or local government")
        super().__init__(db, EventTableModel(lang), lang, parent, undo)
        self.hosted = QComboBox()
        self.hosted.addItem(tr("Hosted and joined"), None)
        self.hosted.addItem(tr("Hosted by the office"), True)
        self.hosted.addItem(tr("Joined"), False)
        self.add_filter(self.hosted, lambda row, hosted: row.hosted == hosted)
        self.countries = _CountryFilter(self)
        self.remember_columns({"dates": 170, "name": 260, "legs": 180}, "notes")

    def count_text(self) -> str:
        return tr("{shown} of {total} events")


class JetaaPage(RecordPage):
    kind = RecordKind.JETAA_EVENT

    def __init__(self, db: Database | None, lang: str = "ja", parent: QWidget | None = None,
                 undo: UndoStack | None = None) -> None:  # fmt: skip
        self.placeholder = tr("Filter by event or place")
        super().__init__(db, JetaaTableModel(lang), lang, parent, undo)
        self.kind_box = QComboBox()
        self.kind_box.addItem(tr("All kinds"), None)
        for k in JetaaKind:
            self.kind_box.addItem(k.label(lang), k.value)
        self.add_filter(self.kind_box, lambda row, kind: row.kind == kind)
        self.countries = _CountryFilter(self)
        self.remember_columns({"dates": 170, "name": 280, "sessions": 180}, "notes")

    def count_text(self) -> str:
        return tr("{shown} of {total} JETAA events")


class IssuesPage(RecordPage):
    kind = RecordKind.NEWSLETTER_ISSUE

    def __init__(self, db: Database | None, lang: str = "ja", parent: QWidget | None = None,
                 undo: UndoStack | None = None) -> None:  # fmt: skip
        self.placeholder = tr("Filter by newsletter, number or contents")
        super().__init__(db, IssueTableModel(lang), lang, parent, undo)
        self.format_box = QComboBox()
        self.format_box.addItem(tr("All formats"), None)
        for fmt in NewsletterFormat:
            self.format_box.addItem(fmt.label(lang), fmt.value)
        self.add_filter(self.format_box, lambda row, fmt: row.format == fmt)
        self.remember_columns({"dates": 110, "title": 240}, "contents")

    def day_of(self, row: Any) -> date:
        return row.issue_date  # type: ignore[no-any-return]

    def count_text(self) -> str:
        return tr("{shown} of {total} issues")
