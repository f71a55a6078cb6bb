"""The support-cases page: a filter box, the counted/category filters and the table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
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
from db.fiscal import fiscal_year, fy_period
from desktop.case_form import CaseForm
from desktop.case_model import (
    COL_COUNTED,
    COL_REQUESTER,
    COL_START,
    COL_SUMMARY,
    CaseTableModel,
    RecordRole,
)
from desktop.tasks import Task


def tr(text: str) -> str:
    return QCoreApplication.translate("CasesPage", text)


class CasesPage(QWidget):
    def __init__(self, db: Database, lang: str = "ja", parent: QWidget | None = None,
                 undo: QUndoStack | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self.undo = undo or QUndoStack(self)
        self.fy = fiscal_year(date.today())
        self.office: str | None = None
        self.changed: Callable[[], None] = lambda: self.load(self.fy, self.office)
        # How a form is shown; tests put in a function that fills it and presses OK.
        self.run_form: Callable[[CaseForm], bool] = lambda form: bool(form.exec())
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
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        for key, slot in ((QKeySequence.StandardKey.New, self.new_case),
                          (QKeySequence(Qt.Key.Key_Return), self.edit_selected),
                          (QKeySequence.StandardKey.Delete, self.delete_selected)):  # fmt: skip
            action = QAction(self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
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
        self.fy, self.office = fy, office
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

    # Editing ---------------------------------------------------------------------------
    def selected_uuid(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return str(self.model.index(rows[0].row(), 0).data(RecordRole).sync.uuid)

    def new_case(self) -> None:
        from desktop.commands import CreateCase

        form = CaseForm(self.db, fy_period(self.fy), None, self.lang, self)
        if self.office:
            form.office.setCurrentIndex(form.office.findData(self.office))
        if self.run_form(form):
            self.undo.push(CreateCase(self.db, form.values(), self.changed))

    def edit_selected(self) -> None:
        from db.edit import values_of
        from desktop.commands import EditCase

        uuid = self.selected_uuid()
        if uuid is None:
            return
        old = values_of(self.db, uuid)
        form = CaseForm(self.db, fy_period(self.fy), old, self.lang, self)
        if self.run_form(form) and form.values() != old:
            self.undo.push(EditCase(self.db, uuid, old, form.values(), self.changed))

    def delete_selected(self) -> None:
        from desktop.commands import DeleteCase

        uuid = self.selected_uuid()
        if uuid is not None:
            self.undo.push(DeleteCase(self.db, uuid, self.changed))
            self.status.setText(tr("Deleted. Undo with Ctrl+Z."))
