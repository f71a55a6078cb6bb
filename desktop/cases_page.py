"""The support-cases page: a filter box, the counted/category filters and the table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import rows as R
from db.database import Database
from db.enums import RequesterCategory
from db.fiscal import fy_period
from desktop.case_model import (
    COL_COUNTED,
    COL_REQUESTER,
    COL_START,
    COL_SUMMARY,
    CaseTableModel,
)
from desktop.tasks import Task


def tr(text: str) -> str:
    return QCoreApplication.translate("CasesPage", text)


class CasesPage(QWidget):
    def __init__(self, db: Database, lang: str = "ja", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = CaseTableModel(lang, self)
        self.search = QLineEdit(placeholderText=tr("Filter by requester, summary or staff"))
        self.search.setClearButtonEnabled(True)
        self.counted = QComboBox()
        self.counted.addItem(tr("Counted and enquiries"), None)
        self.counted.addItem(tr("Counted cases"), True)
        self.counted.addItem(tr("Phone/email enquiries"), False)
        self.category = QComboBox()
        self.category.addItem(tr("All categories"), None)
        for cat in RequesterCategory:
            self.category.addItem(cat.label(lang), cat.value)
        self.status = QLabel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_START, 170), (COL_REQUESTER, 200), (COL_COUNTED, 70)):
            self.view.setColumnWidth(column, width)
        settings = QSettings()
        saved = settings.value("cases/header")
        if saved is not None:
            header.restoreState(saved)
        header.sectionResized.connect(
            lambda *_: QSettings().setValue("cases/header", header.saveState())
        )
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.counted.currentIndexChanged.connect(self.apply_filter)
        self.category.currentIndexChanged.connect(self.apply_filter)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.counted, 1)
        top.addWidget(self.category, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.status)

    def load(self, fy: int, office: str | None) -> None:
        """Read the year's cases off the GUI thread, then show them."""
        period = fy_period(fy)

        def read() -> list[R.CaseRow]:
            with self.db.session() as session:
                return R.cases(session, period, office)

        self.status.setText(tr("Loading…"))
        Task(self, read).success(self._loaded).failure(lambda e: self.status.setText(str(e))).run()

    def _loaded(self, rows: list[R.CaseRow]) -> None:
        self.model.set_rows(rows)
        self._show_count()

    def apply_filter(self) -> None:
        self.model.set_filter(self.search.text(), self.counted.currentData(),
                              self.category.currentData())  # fmt: skip
        self._show_count()

    def _show_count(self) -> None:
        self.status.setText(tr("{shown} of {total} cases").format(
            shown=f"{self.model.matching:,}", total=f"{self.model.total:,}"))  # fmt: skip

    def focus_filter(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
