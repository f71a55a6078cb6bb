"""The History panel of every record form, and the list of deleted records.

:class:`HistoryPanel` shows a record's versions as this laptop saw them, newest first
(who, on which laptop, when, through what, and under each the fields that changed),
with a button that brings back the selected earlier version; the form adds it through
:meth:`desktop.forms.base.DeclaredRows.add_history`. :class:`DeletedDialog` lists the
deleted records of one type, each with its history, and undeletes the one chosen.
The words come from :mod:`db.records.history_view` (the command line prints the same).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.schema.offices import BY_CODE
from db.schema.words import word

if TYPE_CHECKING:
    from db.storage.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("History", text)


VersionRole = Qt.ItemDataRole.UserRole + 1


class HistoryPanel(QWidget):
    """A record's versions; ``restore_requested(version, device_id)`` asks for an earlier
    one to be brought back (as a new version)."""

    restore_requested = Signal(int, str)

    def __init__(self, db: Database, kind: str, uuid: str, lang: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.db, self.kind, self.uuid, self.lang = db, kind, uuid, lang
        self.title = QLabel(f"<b>{tr('History')}</b>")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(tr("History"))
        self.tree.setColumnCount(5)
        keys = ("version", "when", "who", "laptop", "how")
        self.tree.setHeaderLabels([word(f"history.{k}", lang) for k in keys])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setMinimumHeight(150)
        self.tree.setMaximumHeight(260)  # the form stays on a laptop screen
        self.tree.setMinimumWidth(640)  # the form widens: "how" names files and versions
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.restore = QPushButton(tr("Bring back this version"))
        self.restore.setEnabled(False)
        self.restore.setToolTip(tr("Its values become a new version, which travels like any edit."))
        self.restore.clicked.connect(self._restore_clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addStretch()
        row.addWidget(self.restore)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        self.load()

    def load(self) -> None:
        from db.read.lookups import record_history
        from db.records import history_view

        self.tree.clear()
        versions = record_history(self.db, self.uuid)
        for v, line in zip(reversed(versions), history_view.lines(self.kind, versions, self.lang),
                           strict=True):  # fmt: skip
            item = QTreeWidgetItem([line.version, line.when, line.who, line.laptop,
                                    line.how_only])  # fmt: skip
            item.setToolTip(4, line.how)
            item.setData(0, VersionRole, (v.version, v.device_id, line.can_restore))
            children: list[QTreeWidgetItem] = []
            texts = [f"{label}: {before} → {after}" if (before or after) else label
                     for label, before, after in line.changes]  # fmt: skip
            for text in ([line.source] if line.source else []) + texts:
                child = QTreeWidgetItem([text])
                child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                children.append(child)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            for child in children:  # spans only once the item is in the tree
                child.setFirstColumnSpanned(True)
        self.tree.expandAll()

    def versions_shown(self) -> list[str]:
        """The version column of each version shown, newest first (for tests)."""
        items = (self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount()))
        return [item.text(0) for item in items if item is not None]

    def select_version(self, version: int) -> None:
        root = self.tree.invisibleRootItem()
        for n in range(root.childCount()):
            item = root.child(n)
            if item is not None and item.data(0, VersionRole)[0] == version:
                self.tree.setCurrentItem(item)
                return
        raise KeyError(version)

    def _selection_changed(self) -> None:
        item = self.tree.currentItem()
        data = item.data(0, VersionRole) if item is not None else None
        self.restore.setEnabled(bool(data and data[2]))

    def _restore_clicked(self) -> None:
        item = self.tree.currentItem()
        data = item.data(0, VersionRole) if item is not None else None
        if data and data[2]:
            self.restore_requested.emit(int(data[0]), str(data[1]))


class DeletedDialog(QDialog):
    """The deleted records of one type: pick one to see its history and undelete it
    (``undelete_requested(uuid)``) or bring back one of its versions
    (``restore_requested(uuid, version, device_id)``)."""

    undelete_requested = Signal(str)
    restore_requested = Signal(str, int, str)

    def __init__(self, db: Database, kind: str, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.kind, self.lang = db, kind, lang
        self.setWindowTitle(word("history.deleted_title", self.lang))
        self.table = QTableWidget(0, 3)
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([word(k, lang) for k in (
            "history.deleted_at", "field.office", "history.record")])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(word("history.none_deleted", lang))
        self.empty.setWordWrap(True)
        self.undelete = QPushButton(tr("Undelete"))
        self.undelete.setEnabled(False)
        self.undelete.clicked.connect(self._undelete_clicked)
        self.panel_holder = QVBoxLayout()
        self.panel: HistoryPanel | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.undelete, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(self.panel_holder)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._selected)
        self.resize(760, 560)
        self.uuids: list[str] = []
        self.load()

    def load(self) -> None:
        from db.read.lookups import deleted_records
        from db.records import history_view

        found = deleted_records(self.db, self.kind)
        self.uuids = [d.uuid for d in found]
        self.table.setRowCount(len(found))
        for n, d in enumerate(found):
            office = BY_CODE[d.office].name(self.lang) if d.office in BY_CODE else d.office
            for c, text in enumerate((history_view.when(d.deleted_at, self.lang), office,
                                      d.title)):  # fmt: skip
                self.table.setItem(n, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty.setVisible(not found)
        self.table.setVisible(bool(found))
        if not found:  # a sentence, not a big empty window
            self.empty.setMinimumWidth(420)  # its height follows the wrapped lines
            layout = self.layout()
            if layout is not None:
                layout.activate()
            self.resize(
                QSize(
                    self.sizeHint().width(),
                    self.heightForWidth(self.sizeHint().width())
                    if self.hasHeightForWidth()
                    else self.sizeHint().height(),
                )
            )
        self._show_panel(None)
        if found:
            self.table.selectRow(0)

    def select(self, uuid: str) -> None:
        self.table.selectRow(self.uuids.index(uuid))

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_panel(self.uuids[rows[0].row()] if rows else None)

    def _show_panel(self, uuid: str | None) -> None:
        if self.panel is not None:
            self.panel.setParent(None)
            self.panel.deleteLater()
            self.panel = None
        self.undelete.setEnabled(uuid is not None)
        if uuid is not None:
            self.panel = HistoryPanel(self.db, self.kind, uuid, self.lang, self)
            self.panel.restore_requested.connect(
                lambda version, device: self.restore_requested.emit(uuid, version, device)
            )
            self.panel_holder.addWidget(self.panel)

    def current_uuid(self) -> str | None:
        return self.panel.uuid if self.panel is not None else None

    def _undelete_clicked(self) -> None:
        uuid = self.current_uuid()
        if uuid is not None:
            self.undelete_requested.emit(uuid)


def connect_form(form: Any, panel: HistoryPanel) -> None:
    """A form's panel asks to bring back a version: the form closes with that choice."""

    def chosen(version: int, device: str) -> None:
        form.restore_choice = (version, device)
        QDialog.done(form, QDialog.DialogCode.Accepted)

    panel.restore_requested.connect(chosen)
