"""Restore from a backup: the backups listed, what the chosen one holds shown before
anything happens (its date, records per office and type, newest change), then a
confirmation. The restore itself is :func:`db.storage.backup.restore`, which backs up what it
replaces; the dialog only chooses and shows. A backup written by a newer app is listed
with the version it needs, and one of another database (chosen as a file) is
explained: neither can be restored here (issue #19).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.schema.kinds import RecordKind
from db.schema.offices import OFFICES
from db.schema.words import WORDS, word
from db.storage.backup import local
from desktop.kit.columns import FittedTable

if TYPE_CHECKING:
    from db.storage.backup import BackupInfo, Preview


def tr(text: str) -> str:
    return QCoreApplication.translate("RestoreDialog", text)


def reason_of(reason: str, lang: str) -> str:
    """Why a backup was taken, from the one catalogue (``backup.reason.*`` in db/schema/words.py);
    a reason a newer app wrote and this one does not know is shown as it is."""
    key = f"backup.reason.{reason}"
    return word(key, lang) if key in WORDS else reason


def at(moment: datetime, lang: str) -> str:
    """A backup's (local) time as the Japanese window writes it, 令和 dates, or ISO."""
    from db.records.history_view import when

    return when(moment, lang)


# every record type, from the declarations (db/schema/kinds.py): its table and sheet's name
COLUMNS = tuple((kind.spec.table, kind.spec.sheet_label) for kind in RecordKind)


def _made_by(version: str, lang: str) -> str:
    """Which app version wrote a backup, in the catalogue's words (issue #19)."""
    if version:
        return word("backups.written_by", lang, version=version)
    return word("backups.written_by_unknown", lang)


class RestoreDialog(QDialog):
    """Choose a backup, see what it holds, restore it (``chosen`` after ``exec``)."""

    def __init__(self, backups: list[BackupInfo], lang: str, parent: QWidget | None = None,
                 note: str = "", db_path: Path | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(tr("Restore from a backup"))
        self.lang = lang
        self.db_path = db_path  # the database restored into: a backup must be its own
        self.needs = {str(b.path): b.needs for b in backups if b.needs}
        self.chosen: Preview | None = None
        layout = QVBoxLayout(self)
        if note:
            warning = QLabel(note)
            warning.setWordWrap(True)
            warning.setObjectName("restore-note")
            warning.setStyleSheet("QLabel { background: #FDECEA; color: #611A15; padding: 6px; }")
            layout.addWidget(warning)
        layout.addWidget(QLabel(tr("Backups, newest first:")))
        self.list = QListWidget()
        for b in backups:
            text = f"{at(b.taken, lang)}  ({reason_of(b.reason, lang)})  " + _made_by(
                b.app_version, lang
            )
            if b.needs:
                text += "  — " + word("backups.needs", lang, version=b.needs)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(lambda item, _old: self._show(item))
        lines = max(3, min(self.list.count(), 6))  # as tall as its backups, 3 to 6 lines
        self.list.setMaximumHeight(lines * (self.list.fontMetrics().height() + 4) + 6)
        layout.addWidget(self.list)
        other = QPushButton(tr("Other backup file…"))
        other.clicked.connect(self._choose_file)
        layout.addWidget(other, alignment=Qt.AlignmentFlag.AlignLeft)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = FittedTable(0, len(COLUMNS) + 1)  # as wide as its counts, never sideways
        self.table.setHorizontalHeaderLabels(
            [word("field.office", lang)] + [word(t, lang) for _, t in COLUMNS]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr("What the database holds now is backed up first.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            tr("Restore this backup"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.summary.setText(tr("There are no backups of this database yet."))

    @classmethod
    def of(cls, db_path: Path, lang: str, parent: QWidget | None = None,
           note: str = "") -> RestoreDialog:  # fmt: skip
        """The dialog for the database at ``db_path``: its own backups (by its ledger id,
        never its name, :func:`db.storage.backup.backups_of`), each with the app version
        that wrote it. The one door: the window, the screenshots and the tests open it so."""
        from db.storage.backup import backups_of
        from office_ledger.settings import backup_folder

        return cls(backups_of(backup_folder(), db_path), lang, parent, note, db_path)

    def _refusal(self, path: Path) -> str:
        """Why ``path`` cannot be restored here ("" when it can, as far as its ids say):
        written by a newer app, or a backup of another database — the command line's
        sentence (:func:`db.storage.backup.refusal`), in the window's language."""
        from db.storage.backup import refusal
        from office_ledger.settings import backup_folder

        said = refusal(path, self.db_path, backup_folder())
        return said.text(self.lang) if said is not None else ""

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Backup file"), "", tr("Office Ledger backups (*.sqlite3)")
        )
        if name:
            self.show_file(Path(name))

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_file(Path(item.data(Qt.ItemDataRole.UserRole)))

    def show_file(self, path: Path) -> None:
        """Show what ``path`` holds; it can be restored only if it passed the check."""
        from db.storage.backup import preview

        refusal = self._refusal(path)
        if refusal:
            self.chosen = None
            self.restore_button.setEnabled(False)
            self.summary.setText(refusal)
            self.table.setRowCount(0)
            return
        shown = preview(path)
        self.chosen = shown if shown.ok else None
        self.restore_button.setEnabled(shown.ok)
        if not shown.ok:
            self.summary.setText(tr("{name} is damaged and cannot be restored: {why}").format(
                name=path.name, why=shown.problems[0]))  # fmt: skip
            self.table.setRowCount(0)
            return
        taken = at(shown.taken, self.lang) if shown.taken else "?"
        newest = at(local(shown.newest_change), self.lang) if shown.newest_change else "—"
        totals = shown.totals()
        self.summary.setText(
            tr(
                "Backup of {taken}; the newest change in it: {newest}. {cases} support cases in"
                " all."
            ).format(taken=taken, newest=newest, cases=totals.get("support_case", 0))  # fmt: skip
            + (word("backups.summary_written_by", self.lang, version=shown.app_version)
               if shown.app_version else word("backups.summary_not_recorded", self.lang))
        )  # fmt: skip
        rows = [o for o in OFFICES if o.code in shown.counts]
        self.table.setRowCount(len(rows))
        for r, office in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(office.name(self.lang)))
            for c, (table, _title) in enumerate(COLUMNS, start=1):
                item = QTableWidgetItem(str(shown.counts[office.code].get(table, 0)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.fit_columns()
        self.table.updateGeometry()  # its size hint follows its rows
