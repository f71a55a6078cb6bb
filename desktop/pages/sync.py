"""The sync page: import workbooks with a preview, send to headquarters, see who has
sent what (:mod:`desktop.pages.sent_board`), how many conflicts wait, the outbox and the
history of every export and import; empty ones say what to do instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.schema.errors import LedgerError
from db.schema.fiscal import fiscal_year, fy_period
from db.schema.words import WORDS, word
from desktop.kit.tasks import Task

if TYPE_CHECKING:  # the database modules load after the window first paints
    from db.storage.database import Database
    from exports.xlsx.exchange import ImportReport

RETRY_MS = 60_000


def tr(text: str) -> str:
    return QCoreApplication.translate("SyncPage", text)


class _Table(QTableWidget):
    """A list that takes the page's room left over: it asks for a few lines, not Qt's
    192 pixels (the page then scrolled on a 1366×768 laptop, issue #25)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        header = self.horizontalHeader().sizeHint().height()
        lines = header + 3 * self.verticalHeader().defaultSectionSize()
        return QSize(super().sizeHint().width(), lines + 2 * self.frameWidth())


def _table(headers: Sequence[str]) -> QTableWidget:
    table = _Table(0, len(headers))
    table.setTabKeyNavigation(False)  # Tab leaves the table
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _or_empty(table: QTableWidget, text: str) -> QStackedWidget:
    """The table, or in its place (while it has no rows) a sentence saying what to do."""
    empty = QLabel(text)
    empty.setWordWrap(True)
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    stack = QStackedWidget()
    stack.addWidget(table)
    stack.addWidget(empty)
    return stack


def _fill(table: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    """Rows of cells; a cell may be a (text, details) pair: the details are its tooltip
    (the raw reason behind a sentence, see desktop.kit.reasons)."""
    stack = table.parentWidget()
    if isinstance(stack, QStackedWidget):  # see _or_empty
        stack.setCurrentIndex(0 if rows else 1)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            details = ""
            if isinstance(value, tuple):
                value, details = value
            item = QTableWidgetItem("" if value is None else str(value))
            if details:
                item.setToolTip(tr("Details: {text}").format(text=details))
            table.setItem(r, c, item)


def _when(moment: datetime, lang: str) -> str:
    """A time as the lists show it (UTC): the era in Japanese, ISO in English."""
    from exports.labels import format_utc

    return format_utc(moment, lang)


def _reason(raw: str, lang: str) -> tuple[str, str]:
    """A reason as a sentence in ``lang``, with the raw text as its details."""
    from desktop.kit.reasons import said

    sentence = said(raw, lang)
    return (sentence, raw if sentence != raw else "")


def _office_name(code: str | None, lang: str) -> str:
    from db.schema.offices import BY_CODE

    found = BY_CODE.get((code or "").upper())
    return found.name(lang) if found else (code or "")


class ImportPreview(QDialog):
    """What one workbook would change; Import or Cancel (and accept hand edits)."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None,
                 lang: str = "en") -> None:  # fmt: skip
        super().__init__(parent)
        from office_ledger.import_text import render_report

        self.setWindowTitle(tr("Import {name}").format(name=report.path.name))
        head, *rest = render_report(report, lang, preview=True, counts=False).splitlines()
        said = QLabel(head)
        said.setWordWrap(True)
        self.counts = _counts_table(report, lang)  # columns, not spaces: Japanese lines up
        text = QPlainTextEdit("\n".join(rest))  # the cells edited by hand, if any
        text.setReadOnly(True)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setVisible(bool(rest))
        self.accept_edits = QCheckBox(tr("Take the cells edited by hand as new versions"))
        self.accept_edits.setVisible(report.edited)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(not report.edited)
        self.accept_edits.toggled.connect(self.import_button.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(said)
        layout.addWidget(self.counts, 1)
        layout.addWidget(text, 1)
        layout.addWidget(self.accept_edits)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)  # its first line (the file, the office, the export) reads whole


COUNTS = ("new", "updated", "deleted", "unchanged", "conflict")  # an import's counts, in order


def _counts_table(report: ImportReport, lang: str) -> QTableWidget:
    """Per record type the import touches: new, updated, deleted, unchanged, conflicts."""
    from desktop.kit.columns import FittedTable

    # the catalogue's words (db/schema/words.py), as the sheets and the sync history say them
    said = [word("sheet.record_type", lang), *(word(f"sync.change.{k}", lang) for k in COUNTS)]
    headings = [w[:1].upper() + w[1:] for w in said]  # "new" heads its column as "New"
    rows = [(kind, c) for kind, c in report.counts.items() if any(c.values())]
    table = FittedTable(len(rows), len(headings))
    table.setHorizontalHeaderLabels(headings)
    header = table.horizontalHeader()  # room left over goes to the names, not "Conflicts"
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setAccessibleName(tr("What the import changes"))
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    for r, (kind, c) in enumerate(rows):
        name = word(f"kind.{kind}", lang) if f"kind.{kind}" in WORDS else kind
        table.setItem(r, 0, QTableWidgetItem(name))
        for n, key in enumerate(COUNTS, start=1):
            item = QTableWidgetItem(f"{c.get(key, 0):,}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, n, item)
    table.fit_columns()
    return table


class SyncPage(QWidget):
    """Import, send and the outbox; sending is for the office and fiscal year the main
    window has chosen (:meth:`set_selection`, connected to its selection)."""

    imported = Signal()  # workbooks were imported (conflicts may have come with them)
    conflicts_opened = Signal()  # the link to the waiting conflicts was followed

    def __init__(self, db: Database | None, parent: QWidget | None = None,
                 lang: str = "en") -> None:  # fmt: skip
        super().__init__(parent)
        self.db, self.lang = db, lang
        self.office: str | None = None  # None: all offices (sending uses Settings' office)
        self.draft_box: QMessageBox | None = None  # where a draft is, when nothing opened it
        self.fy = fiscal_year(date.today())
        self.status = QLabel()
        office = word("field.office", lang)  # a domain word (db/schema/words.py)
        self.history = _table([tr("Time (UTC)"), tr("Direction"), tr("File"), office,
                               tr("Result"), tr("Details")])  # fmt: skip
        self.history.setAccessibleName(tr("History of exports and imports"))
        self.outbox = _table([tr("State"), tr("Next try / sent"), tr("Sent to"), tr("Mail subject"),
                              tr("Tries"), tr("Reason")])  # fmt: skip
        self.outbox.setAccessibleName(tr("Outbox"))
        import_button = QPushButton(tr("Import workbooks…"))
        send_button = QPushButton(tr("Send to headquarters"))
        retry_button = QPushButton(tr("Retry sending now"))
        import_button.clicked.connect(self.import_with_dialog)
        send_button.clicked.connect(self.send_to_headquarters)
        retry_button.clicked.connect(lambda: self.deliver(force=True))
        buttons = QHBoxLayout()
        for b in (import_button, send_button, retry_button):
            buttons.addWidget(b)
        buttons.addStretch()
        from desktop.pages.conflicts import conflicts_banner
        from desktop.pages.sent_board import SentPanel

        self.conflicts = conflicts_banner(self.conflicts_opened)
        self.sent = SentPanel(lang, self)
        body = QWidget()  # scrolls on a small screen: the board, outbox and history
        layout = QVBoxLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout.addLayout(buttons)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.sent)
        layout.addWidget(QLabel(tr("Outbox")))
        layout.addWidget(_or_empty(self.outbox, tr(
            "The outbox is empty. A message waits here when the mail server cannot be"
            " reached, and is sent again every minute.")), 1)  # fmt: skip
        layout.addWidget(QLabel(tr("History of exports and imports")))
        layout.addWidget(_or_empty(self.history, tr(
            "Nothing exported or imported yet. “Import workbooks…” reads the offices'"
            " exports; “Send to headquarters” exports this office's year and mails"
            " it.")), 2)  # fmt: skip
        layout.addWidget(self.status)
        self.timer = QTimer(self, interval=RETRY_MS)
        self.timer.timeout.connect(lambda: self.deliver(force=False))
        self.timer.start()
        if db is not None:
            self.refresh()

    def refresh(self) -> None:
        from exports.mail.outbox import Outbox
        from exports.sync_log import history
        from office_ledger.sending import outbox_folder

        if self.db is None:  # still opening
            return
        from office_ledger import settings

        values = settings.load()
        self.sent.refresh(self.db, values["office"], self.fy)  # this laptop's office
        entries = history(self.db)
        lang = self.lang
        _fill(self.history, [
            (_when(e.at, lang), _said(f"sync.direction.{e.direction}", e.direction, lang),
             Path(e.file_name).name, _office_name(e.office_code, lang),
             _said(f"sync.result.{e.result}", e.result, lang),
             (_said(f"sync.message.{e.message}", e.message, lang), "")
             if f"sync.message.{e.message}" in WORDS
             else _reason(e.message, lang) if e.message else _counts(e.counts, lang))
            for e in entries
        ])  # fmt: skip
        no_server = tr("Not tried: no SMTP server is set (Settings, SMTP server)")
        _fill(self.outbox, [
            (_said(f"outbox.state.{e.state}", e.state, lang),
             _when(datetime.fromisoformat(e.sent_at or e.next_attempt), lang), e.to, e.subject,
             e.attempts, no_server if e.state != "sent" and not e.smtp
             and not values["smtp_host"]
             else _reason(e.last_error, lang) if e.last_error else "")
            for e in Outbox(outbox_folder()).entries()
        ])  # fmt: skip

    def set_selection(self, office: str | None, fy: int) -> None:
        """The office (None: all) and fiscal year chosen in the main window; the board
        of exports received shows that year's months."""
        changed = fy != self.fy
        self.office, self.fy = office, fy
        if changed and self.db is not None:
            from office_ledger import settings

            self.sent.refresh(self.db, settings.load()["office"], fy)

    def show_conflicts(self, n: int) -> None:
        """Say how many conflicts wait (nothing when none do)."""
        from desktop.pages.conflicts import show_conflicts

        show_conflicts(self.conflicts, n)

    # Imports -------------------------------------------------------------------------
    def import_with_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Import workbooks"), "",
                                                tr("Excel workbooks (*.xlsx)"))  # fmt: skip
        self.import_paths([Path(p) for p in paths], self._confirm)

    def _confirm(self, report: ImportReport) -> bool | None:
        """Show the preview; None to cancel, else whether hand edits are accepted."""
        dialog = ImportPreview(report, self, self.lang)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.accept_edits.isChecked()

    def import_paths(self, paths: Sequence[Path],
                     confirm: Callable[[ImportReport], bool | None]) -> None:  # fmt: skip
        """Preview each file, ask ``confirm``, import the confirmed ones (each one
        transaction), one after the other, off the GUI thread with a progress dialog."""
        from exports.xlsx.exchange import import_file

        db = self.db
        if not paths or db is None:
            self.refresh()
            self.imported.emit()
            return
        path, rest = paths[0], paths[1:]

        def next_file(_result: object = None) -> None:
            self.import_paths(rest, confirm)

        def refused(exc: LedgerError) -> None:  # a catalogue refusal in the UI's language
            _warn(self, tr("Import"), exc.text(self.lang), self.lang)
            next_file()

        def imported(done: ImportReport) -> None:
            if done.already is not None:  # another clerk imported it meanwhile (#23)
                self.status.setText(done.already.text(self.lang))
                next_file()
                return
            self.status.setText(tr("Imported {name}: {n} changes").format(
                name=path.name, n=done.total_changes))  # fmt: skip
            next_file()

        def previewed(preview: ImportReport) -> None:
            if preview.already is not None:  # imported before, by whom and when (#23)
                _warn(self, tr("Import"), preview.already.text(self.lang), self.lang)
                next_file()
                return
            accepted = confirm(preview)
            if accepted is None:
                next_file()
                return
            Task(self, lambda: import_file(db, path, accept_edited=accepted)).busy(
                tr("Importing {name}…").format(name=path.name)  # one transaction: no Cancel
            ).success(imported).failure(refused).run()  # fmt: skip

        Task(self, lambda: import_file(db, path, dry_run=True)).busy(
            tr("Reading {name}…").format(name=path.name), cancel=next_file
        ).success(previewed).failure(refused).run()  # fmt: skip

    # Sending -------------------------------------------------------------------------
    def send_to_headquarters(self) -> None:
        from office_ledger import settings

        office, fy, db = self.office, self.fy, self.db
        if db is None:  # still opening
            return
        values = settings.load()
        if office is None:
            office = values["office"] or None
        if office is None:
            QMessageBox.information(
                self,
                tr("Send to headquarters"),
                tr("Choose your office at the top of the window first."),
            )
            return
        if not values["hq_address"]:
            from desktop.dialogs.hq_address import AddressDialog

            ask = AddressDialog(self)  # not an address: said under the field, asked again
            if not ask.exec():
                return
            values = settings.save({"hq_address": ask.address})
        self.status.setText(tr("Preparing the export…"))
        Task(self, lambda: _send_and_open(db, office, fy, values)).success(
            self._sent).failure(self._failed).run()  # fmt: skip

    def _sent(self, done: tuple[object, bool]) -> None:
        sent, opened = done
        draft = getattr(sent, "draft", None)
        if draft is not None and opened:
            self.status.setText(tr("Draft opened in your mail program: {path}").format(path=draft))
        elif draft is not None:  # nothing opened it: say where it is, offer its folder
            self.status.setText(tr("No mail program opened the draft; it is saved at {path}")
                                .format(path=draft))  # fmt: skip
            self.draft_box = _draft_box(self, Path(draft))
            self.draft_box.open()  # not modal-blocking: the page stays usable
        else:
            state, error = getattr(sent, "state", ""), getattr(sent, "error", "")
            if state == "sent":
                self.status.setText(word("outbox.state.sent", self.lang))
            elif state == "failed":  # no retry cures it: a setting or the address is wrong
                self.status.setText(tr("Not sent: {reason}").format(
                    reason=_reason(error, self.lang)[0]))  # fmt: skip
                self.status.setToolTip(error)
            else:
                self.status.setText(tr("Waiting in the outbox: {reason}").format(
                    reason=_reason(error, self.lang)[0]))  # fmt: skip
                self.status.setToolTip(error)
        self.refresh()

    def _failed(self, exc: LedgerError) -> None:
        self.status.setText(_reason(str(exc), self.lang)[0])
        _warn(self, tr("Send to headquarters"), str(exc), self.lang)
        self.refresh()

    def deliver(self, force: bool) -> None:
        """Try the outbox (due messages, or all with ``force``) off the GUI thread, each
        on the settings it was queued with; "Retry sending now" with messages that have
        no server anywhere says which setting is missing (it did nothing, silently)."""
        from exports.mail.outbox import Outbox
        from office_ledger import settings
        from office_ledger.sending import current_smtp, outbox_folder

        current = current_smtp(settings.load())
        box = Outbox(outbox_folder())
        stranded = box.without_server(current, force=force)
        if stranded and force:
            self.status.setText(tr("Not sent: no SMTP server is set. Enter it in Settings"
                                   " (SMTP server), then retry."))  # fmt: skip
        if not box.due(force=force) or len(stranded) == len(box.due(force=force)):
            self.refresh()
            return
        Task(self, lambda: box.deliver(current, force=force)).success(
            lambda _r: self.refresh()).failure(self._failed).run()  # fmt: skip


def _warn(parent: QWidget, title: str, raw: str, lang: str) -> QMessageBox:
    """A warning that says a known reason as a sentence in ``lang``, the raw text
    behind its "Show Details…" button (an unknown reason is shown as it is)."""
    sentence, details = _reason(raw, lang)
    box = QMessageBox(QMessageBox.Icon.Warning, title, sentence, QMessageBox.StandardButton.Ok,
                      parent)  # fmt: skip
    if details:
        box.setDetailedText(details)
    box.setAccessibleName(title)
    box.exec()
    return box


def _send_and_open(db: Database, office: str, fy: int, values: dict[str, object]
                   ) -> tuple[object, bool]:  # fmt: skip
    """Send (off the GUI thread); a draft is opened in the mail program, and whether
    anything opened it is returned, so the page never claims a draft opened that did not."""
    from exports.mail.message import open_with_system
    from office_ledger.sending import send_period

    sent = send_period(db, office, fy_period(fy), values)
    return sent, sent.draft is not None and open_with_system(sent.draft)


def _draft_box(parent: QWidget, draft: Path) -> QMessageBox:
    """Where the draft is (the path can be selected and copied), with a button that
    opens its folder."""
    box = QMessageBox(QMessageBox.Icon.Information, tr("Send to headquarters"),
                      tr("No mail program opened the draft. It is saved at:\n{path}\n\n"
                         "Open it with your mail program, or attach it to a message to"
                         " headquarters.").format(path=draft), parent=parent)  # fmt: skip
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    folder = box.addButton(tr("Open its folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(draft.parent))))
    return box


def _said(key: str, raw: str, lang: str) -> str:
    """A sync history value in the window's language (as stored if the catalogue has no
    word for it: a value written by a newer app version)."""
    from db.schema.words import word

    return word(key, lang) if key in WORDS else raw


def _counts(counts: dict[str, object], lang: str = "en") -> str:
    """An entry's counts in words: per record type (child rows, such as an event's
    legs, belong to their record and are not listed), and what changed."""
    from db.schema.kinds import RecordKind
    from db.schema.words import word

    kinds = {str(k) for k in RecordKind}
    parts = []
    for kind, value in counts.items():
        if kind in kinds:
            kind_word = word(f"noun.{kind}", lang)
        elif kind in ("unreadable_rows", "records", "tombstone"):
            kind_word = word(f"sync.count.{kind}", lang)
        else:
            continue
        if isinstance(value, dict):
            changed = {k: v for k, v in value.items() if v}
            if changed:
                said = [f"{_said(f'sync.change.{k}', k, lang)} {v}" for k, v in changed.items()]
                parts.append(f"{kind_word}: " + ", ".join(said))
        elif value:
            parts.append(f"{kind_word} {value}")
    return "; ".join(parts)
