"""The support-cases page: the filter box, counted/category/status filters and the table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from db.schema.enums import CaseStatus, RequesterCategory
from db.schema.kinds import RecordKind
from desktop.models.cases import CaseTableModel
from desktop.pages.commands import UndoStack
from desktop.pages.list_page import RecordPage

if TYPE_CHECKING:  # the database modules load after the window first paints
    from db.storage.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("CasesPage", text)


class CasesPage(RecordPage):
    kind = RecordKind.SUPPORT_CASE
    first_rows = 400  # a screenful or two, read before the year's 100,000 (see load)

    def __init__(self, db: Database | None, lang: str = "ja", parent: QWidget | None = None,
                 undo: UndoStack | None = None) -> None:  # fmt: skip
        self.placeholder = tr("Filter by requester, summary or staff")
        super().__init__(db, CaseTableModel(lang), lang, parent, undo)
        self.counted = QComboBox()
        self.counted.addItem(tr("Counted and enquiries"), None)
        self.counted.addItem(tr("Counted cases"), True)
        self.counted.addItem(tr("Phone/email enquiries"), False)
        self.add_filter(self.counted, field="counted")
        self.category = QComboBox()
        self.category.addItem(tr("All categories"), None)
        for cat in RequesterCategory:
            self.category.addItem(cat.label(lang), cat.value)
        self.add_filter(self.category, field="requester_category")
        self.case_status = QComboBox()
        self.case_status.addItem(tr("Any status"), None)
        for st in CaseStatus:
            self.case_status.addItem(st.label(lang), st.value)
        self.add_filter(self.case_status, field="status")
        self.remember_columns({"dates": 170, "requester": 200, "counted": 70}, "summary")

    def uuid_of(self, record: Any) -> str:
        if hasattr(record, "sync"):
            return str(record.sync.uuid)
        from db.read.lookups import case_uuid

        assert self.db is not None
        return case_uuid(self.db, record.id)  # list rows carry the row id only

    def count_text(self) -> str:
        return tr("{shown} of {total} cases")

    def new_case(self) -> None:
        self.new_record()
