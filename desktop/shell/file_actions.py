"""The File menu's work: export a workbook, save, preview and print the PDF summary.

Each action is for what the window has on screen (office, fiscal year, summary
language). Files are written off the GUI thread into a private folder and moved into
place only when done (:meth:`FileActions.write_in_background`), so Cancel or a failure
leaves nothing behind. What the window should say or refresh afterwards comes out as
signals: :attr:`FileActions.message` for the status bar, :attr:`FileActions.exported`
after a workbook export (the sync page's history shows it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from db.schema.errors import LedgerError
from db.schema.fiscal import fy_period
from desktop.kit.tasks import Task

if TYPE_CHECKING:
    from desktop.dialogs.pdf_preview import SummaryPreview
    from desktop.shell.window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's catalogue context


class FileActions(QObject):
    """Exports and PDF summaries of the office, year and language chosen in ``window``."""

    message = Signal(str)  # a line for the status bar
    exported = Signal()  # a workbook was written (and logged in the sync history)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.preview: SummaryPreview | None = None

    # What is on screen ---------------------------------------------------------------
    def _office(self) -> str | None:
        code: str | None = self.window.office_box.currentData()
        return code

    def _fy(self) -> int:
        return self.window.year.value()

    def _lang(self) -> str:
        return str(self.window.lang_box.currentData())

    def suggested(self, name: str) -> str:
        """Where a save dialog starts: the exports folder from Settings, else home."""
        from office_ledger import settings

        folder = settings.load()["export_folder"] or str(Path.home())
        return str(Path(folder).expanduser() / name)

    # Workbooks -----------------------------------------------------------------------
    def export_name(self) -> str:
        return f"office-ledger-{self._office() or 'ALL'}-FY{self._fy()}.xlsx"

    def export_with_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            tr("Export workbook"),
            self.suggested(self.export_name()),
            tr("Excel workbooks (*.xlsx)"),
        )
        if path:
            self.export_workbook(Path(path))

    def export_workbook(self, target: Path) -> Task | None:
        """The office's records of the year on screen as a workbook for headquarters; all
        offices' as the consolidated workbook (see :meth:`write_in_background`)."""
        db = self.window.db
        if db is None:
            return None
        code, period, lang = self._office(), fy_period(self._fy()), self._lang()

        def make(path: Path) -> Any:
            if code is None:
                from exports.xlsx.consolidate import consolidate

                return consolidate(db, path, period, lang)
            from exports.xlsx.export import export_office

            return export_office(db, path, code, period, lang)

        def done(result: Any) -> None:
            records = sum(n for k, n in result.counts.items() if k != "tombstone")
            self.message.emit(tr("Exported {n} rows to {path}").format(
                n=f"{records:,}", path=target))  # fmt: skip
            self.exported.emit()

        return self.write_in_background(target, make, tr("Exporting…"), done)

    def write_in_background(self, target: Path, make: Callable[[Path], Any], busy: str,
                            then: Callable[[Any], None]) -> Task:  # fmt: skip
        """Run ``make(path)`` off the GUI thread with a progress dialog and Cancel.

        ``make`` writes into a private folder; the file is moved to ``target`` only when
        done, so a cancelled or failed run leaves nothing behind. ``then`` gets what
        ``make`` returned."""
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="office-ledger-"))

        def done(result: Any) -> None:
            try:
                shutil.move(folder / target.name, target)
            except OSError as exc:
                self._file_error(exc)
                return
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            then(result)

        def failed(exc: LedgerError) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            self._ledger_error(exc)

        task = Task(self.window, lambda: make(folder / target.name))
        task.busy(busy, cancel=lambda: None)
        task.discard(lambda _result: shutil.rmtree(folder, ignore_errors=True))
        task.success(done).failure(failed).run()
        return task

    # PDF summaries -------------------------------------------------------------------
    def summary_name(self) -> str:
        return f"office-ledger-{self._office() or 'ALL'}-FY{self._fy()}-{self._lang()}.pdf"

    def save_summary(self, path: Path) -> Path:
        """Write the summary of the office, year and language chosen on screen (in place)."""
        from exports.pdf.report import write_summary

        assert self.window.db is not None
        return write_summary(self.window.db, path, fy_period(self._fy()), self._office(),
                             self._lang())  # fmt: skip

    def make_summary(self, target: Path, then: Callable[[Path], None]) -> Task:
        """Write the summary off the GUI thread, with Cancel; then ``then(target)``."""
        from exports.pdf.report import write_summary

        db, period = self.window.db, fy_period(self._fy())
        office_code, lang = self._office(), self._lang()
        assert db is not None
        return self.write_in_background(
            target, lambda path: write_summary(db, path, period, office_code, lang),
            tr("Making the summary…"), lambda _made: then(target),
        )  # fmt: skip

    def save_summary_with_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            tr("Save summary as PDF"),
            self.suggested(self.summary_name()),
            tr("PDF files (*.pdf)"),
        )
        if path:
            self.make_summary(Path(path), lambda saved: self.message.emit(
                tr("Saved {path}").format(path=saved)))  # fmt: skip

    def save_word_with_dialog(self) -> None:
        """The overseas section of the year's annual report as a Word document (all
        offices' figures, in the window's language), for headquarters to finish."""
        from exports.docx_report import write_overseas_docx

        path, _ = QFileDialog.getSaveFileName(
            self.window,
            tr("Save as Word"),
            self.suggested(f"office-ledger-overseas-FY{self._fy()}-{self._lang()}.docx"),
            tr("Word documents (*.docx)"),
        )
        if not path:
            return
        target = Path(path) if path.lower().endswith(".docx") else Path(f"{path}.docx")
        db, period, lang = self.window.db, fy_period(self._fy()), self._lang()
        assert db is not None
        self.write_in_background(
            target, lambda out: write_overseas_docx(db, out, period, lang),
            tr("Making the Word document…"),
            lambda _made: self.message.emit(tr("Saved {path}").format(path=target)),
        )  # fmt: skip

    def preview_summary(self) -> None:
        """Make the summary in a private folder and show it, with Print."""
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="office-ledger-"))
        self.make_summary(folder / self.summary_name(), self._show_preview)

    def _show_preview(self, pdf: Path) -> None:
        from desktop.dialogs.pdf_preview import SummaryPreview

        self.preview = SummaryPreview(pdf, self.summary_name(), self.window)
        self.preview.show()

    # Errors --------------------------------------------------------------------------
    def _ledger_error(self, exc: LedgerError) -> None:
        QMessageBox.warning(self.window, tr("Office Ledger"), str(exc))

    def _file_error(self, exc: OSError) -> None:
        QMessageBox.warning(
            self.window, tr("Office Ledger"),
            tr("Could not write the file: {error}").format(error=exc.strerror or exc),
        )  # fmt: skip
