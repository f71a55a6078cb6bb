"""Workbooks dropped onto the main window: exports to the import preview, any other
.xlsx, .xls, .ods or .csv to the office-sheet importer with its column mapping shown
for confirmation.

:class:`DropImport` watches the window for drags of local sheets (other
files are not accepted, so the cursor says so). Each dropped export goes through the
sync page's preview and import (:meth:`desktop.pages.sync.SyncPage.import_paths`);
each other workbook opens :class:`desktop.dialogs.mapping.MappingDialog`, and what it
confirms is imported off the GUI thread in one transaction. The drop itself returns
at once: the dialogs open right after it, never inside the drag-and-drop loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QMessageBox

from db.schema.errors import LedgerError
from desktop.kit.tasks import Task

if TYPE_CHECKING:
    from desktop.shell.window import MainWindow
    from exports.legacy.importer import LegacyReport


def tr(text: str) -> str:
    return QCoreApplication.translate("DropImport", text)


def workbooks(mime: QMimeData) -> list[Path]:
    """The local sheets a drag carries (.xlsx, .xlsm, .xls, .ods, .csv, .tsv)."""
    if not mime.hasUrls():
        return []
    found = (Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile())
    from exports.legacy.files import SUFFIXES

    return [p for p in found if p.suffix.lower() in SUFFIXES]


class DropImport(QObject):
    """Accepts dropped workbooks on ``window`` and routes each to the right importer."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None  # the mapping dialog on screen, if any
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if workbooks(event.mimeData()):
                event.acceptProposedAction()
                return True
            event.ignore()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = workbooks(event.mimeData())
            if paths:
                event.acceptProposedAction()
                QTimer.singleShot(0, lambda: self.open(paths))
            return True
        return super().eventFilter(watched, event)

    def open(self, paths: Sequence[Path]) -> None:
        """Offices' own sheets to the mapping dialog, one by one; then the exports to
        the sync page's preview, one after the other."""
        from exports.xlsx.read import is_export

        if self.window.db is None:
            self.window.statusBar().showMessage(tr("The database is still opening; drop the"
                                                   " files again in a moment."))  # fmt: skip
            return
        exports = [p for p in paths if is_export(p)]
        for path in (p for p in paths if p not in exports):  # one modal dialog at a time
            self.open_legacy(path)
        if exports:
            sync = self.window.sync
            self.window.pages.setCurrentWidget(sync)
            sync.import_paths(exports, sync._confirm)

    def _office(self) -> str | None:
        """The office the sheet is probably of: the one chosen on screen, else this
        laptop's (Settings), else none — the dialog asks (unless the sheet names it)."""
        from office_ledger import settings

        chosen = self.window.office_box.currentData()
        return str(chosen or settings.load().get("office") or "") or None

    def open_legacy(self, path: Path) -> None:
        """Show the guessed mapping of an office's own sheet; import what is confirmed."""
        from desktop.dialogs.mapping import MappingDialog
        from exports.legacy.sheet import guess_kind

        db = self.window.db
        assert db is not None
        try:
            dialog = MappingDialog(db, path, self._office(), guess_kind(path), self.window.lang,
                                   self.window)  # fmt: skip
        except LedgerError as exc:  # every refusal is in the catalogue: said in the UI's language
            why = exc.text(self.window.lang)
            QMessageBox.warning(self.window, tr("Import"), tr("{name} cannot be imported: {why}")
                                .format(name=path.name, why=why))  # fmt: skip
            return
        self.dialog = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            chosen = dialog.choices()
        finally:
            self.dialog = None
        self._import(path, chosen)

    def _import(self, path: Path, chosen: dict[str, Any]) -> None:
        from exports.legacy.importer import import_legacy

        db = self.window.db
        assert db is not None
        lang = self.window.lang

        def done(report: LegacyReport) -> None:
            from db.schema.words import word

            self.window.refresh()
            self.window.sync.refresh()
            from db.schema.plurals import plural

            text = word("legacy.imported", lang, file=path.name, n=report.imported,
                        records=plural(report.imported, "record"), skipped=report.skipped,
                        unread=plural(report.skipped, "unreadable row"))  # fmt: skip
            if report.changed or report.deleted:  # a sheet imported again
                text += word("sheet.updated", lang, changed=report.changed,
                             deleted=report.deleted)  # fmt: skip
            self.window.statusBar().showMessage(text)

        def failed(exc: LedgerError) -> None:
            from exports.legacy.importer import UnreadableRows

            text = (
                exc.text(lang, window=True) if isinstance(exc, UnreadableRows) else exc.text(lang)
            )  # the window's words for unreadable rows: no flag
            QMessageBox.warning(self.window, tr("Import"), text)

        Task(self.window, lambda: import_legacy(db, path, **chosen)).busy(
            tr("Importing {name}…").format(name=path.name)  # one transaction: no Cancel
        ).success(done).failure(failed).run()  # fmt: skip
