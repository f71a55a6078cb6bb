"""The Conflicts page: edits made on two laptops without seeing each other, settled by
a person.

Above, the waiting conflicts (:class:`desktop.models.conflicts.ConflictListModel`);
below, the chosen one side by side, field by field, with who made each version on
which laptop and when (:class:`desktop.models.conflicts.SidesModel`). "Keep mine",
"Keep theirs" or "Keep the ticked fields" writes a new version here
(:func:`db.sync.conflicts.resolve`), which travels like any edit and settles the conflict
on every laptop that imports it. :attr:`ConflictsPage.counted` tells the window how
many wait (the dashboard and the sync page show it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.schema.errors import LedgerError
from desktop.kit.tasks import Task
from desktop.models.conflicts import ConflictListModel, RecordRole, SidesModel

if TYPE_CHECKING:
    from db.storage.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("Conflicts", text)


def _view(model: Any) -> QTableView:
    view = QTableView()
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


class ConflictsBanner(QFrame):
    """A line that says how many conflicts wait, with a button to them (hidden at none);
    the dashboard and the sync page show it."""

    def __init__(self, opened: Any) -> None:
        super().__init__()
        self.setObjectName("conflicts-banner")
        self.setStyleSheet(
            "#conflicts-banner { background: #fef3c7; border: 1px solid #f59e0b;"
            " border-radius: 3px; } QLabel { color: #78350f; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(tr("Open the conflicts"))
        self.button.clicked.connect(lambda: opened.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text()


def conflicts_banner(opened: Any) -> ConflictsBanner:
    return ConflictsBanner(opened)


def show_conflicts(banner: ConflictsBanner, n: int) -> None:
    banner.label.setText(tr("Conflicts waiting for your decision: {n}. Two laptops edited the"
                            " same records without seeing each other.").format(n=n))  # fmt: skip
    banner.setVisible(n > 0)


class ConflictsPage(QWidget):
    """The waiting conflicts and the chosen one's two versions, with the Keep buttons."""

    counted = Signal(int)  # how many conflicts wait (after every load)
    settled = Signal(str)  # a conflict was settled: the record kind that changed

    def __init__(self, db: Database | None, lang: str = "ja",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.db, self.lang = db, lang
        self.conflicts = ConflictListModel(lang, self)
        self.sides = SidesModel(lang, self)
        self.list = _view(self.conflicts)
        self.list.setAccessibleName(tr("Conflicts waiting for a decision"))
        self.table = _view(self.sides)
        self.table.setAccessibleName(tr("The two versions, field by field"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.clicked.connect(self._clicked)
        self.list.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.empty = QLabel(tr(
            "No conflicts wait for a decision.\n\nWhen two laptops edit the same record"
            " before they exchange files, both versions arrive here after the import: you"
            " see them side by side, field by field, and keep one, or tick field by field"
            " which side to keep. The version you keep reaches the other laptops with the"
            " next export."))  # fmt: skip
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.keep_mine = QPushButton(tr("Keep mine"))
        self.keep_theirs = QPushButton(tr("Keep theirs"))
        self.keep_merged = QPushButton(tr("Keep the ticked fields"))
        self.keep_mine.clicked.connect(lambda: self.resolve("mine"))
        self.keep_theirs.clicked.connect(lambda: self.resolve("theirs"))
        self.keep_merged.clicked.connect(lambda: self.resolve(self.sides.merged()))
        hint = QLabel(tr("Tick, field by field, the side to keep; or keep one side whole."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.keep_mine, self.keep_theirs, self.keep_merged):
            buttons.addWidget(b)
        buttons.addStretch()
        detail = QWidget()
        below = QVBoxLayout(detail)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.heading)
        below.addWidget(hint)
        below.addWidget(self.table, 1)
        below.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(detail)
        split.setStretchFactor(1, 2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(split)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        self._show(-1)
        if db is not None:
            self.load()

    def load(self) -> None:
        """Read the waiting conflicts off the GUI thread and show them."""
        from db.sync.conflicts import waiting_in

        if self.db is None:
            return
        db = self.db
        Task(self, lambda: waiting_in(db)).success(self._loaded).run()

    def _loaded(self, rows: list[Any]) -> None:
        keep = self.sides.conflict.id if self.sides.conflict is not None else None
        self.conflicts.set_rows(rows)
        self.stack.setCurrentIndex(1 if rows else 0)
        self.summary.setText(tr("Conflicts waiting for a decision: {n}.").format(n=len(rows))
                             if rows else "")  # fmt: skip
        self.summary.setVisible(bool(rows))
        at = next((n for n, w in enumerate(rows) if w.id == keep), 0 if rows else -1)
        if at >= 0:
            self.list.selectRow(at)
        self._show(at)
        self.list.resizeColumnsToContents()
        self.counted.emit(len(rows))

    def _show(self, row: int) -> None:
        w = self.conflicts.index(row, 0).data(RecordRole) if row >= 0 else None
        self.sides.set_conflict(w)
        for b in (self.keep_mine, self.keep_theirs, self.keep_merged):
            b.setEnabled(w is not None)
        if w is None:
            self.heading.setText("")
            return
        from db.schema.words import word

        self.heading.setText(f"<b>#{w.id} {word(w.kind.spec.noun, self.lang)}: {w.label}</b>")
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, max(200, (self.table.viewport().width()
                                               - self.table.columnWidth(0)) // 2))  # fmt: skip
        self.table.resizeRowsToContents()

    def _clicked(self, index: Any) -> None:
        """A click anywhere on a side's cell ticks it (not only on the box)."""
        n = index.row() - len(self.sides.facts)
        if 0 <= n < len(self.sides.take_theirs) and index.column() in (1, 2):
            self.sides.choose(n, index.column() == 2)

    def resolve(self, keep: Any) -> None:
        """Keep ``"mine"``, ``"theirs"`` or the merged values as a new version."""
        from db.sync.conflicts import resolve_in

        w, db = self.sides.conflict, self.db
        if w is None or db is None:
            return

        def done(_result: object) -> None:
            self.settled.emit(str(w.kind))
            self.load()

        def refused(exc: LedgerError) -> None:
            text = exc.text(self.lang) if hasattr(exc, "text") else str(exc)
            QMessageBox.warning(self, tr("Conflicts"), str(text))
            self.load()

        Task(self, lambda: resolve_in(db, w.id, keep)).success(done).failure(refused).run()
