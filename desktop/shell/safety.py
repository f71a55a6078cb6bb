"""The window's part in keeping the ledger safe (issue #11).

- how the app opens its database: as the one writer, or read-only (another app writes
  it, or it lies on read-only media), with backups to the chosen folder;
- a read-only database is marked: a banner above the pages, "(read-only)" in the
  title, editing and importing turned off;
- a damaged database is explained in words, and the newest good backup offered;
- SQLite's check of a large file runs in the background after the first paint; a
  write tried before it has passed waits under "Checking the database…", and the
  full check runs daily while the app is open (issue #21, :mod:`db.storage.check_gate`);
- backups: on close and at most daily while open (only when something changed),
  "Back up now" and "Restore from backup…" in the File menu;
- a save the disk refuses is one message, and the app goes on.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from db.storage.database import Database
    from desktop.shell.window import MainWindow

log = logging.getLogger("office_ledger.safety")
APP = "Office Ledger app"  # db.storage.lock.APP: command-line writers do not wait for it
DAILY_CHECK_MS = 60 * 60 * 1000  # once an hour: is the newest backup a day old?
WATCH_MS = 100  # how often the window looks whether the background check has ended
DAY = 24 * 60 * 60.0


def tr(text: str) -> str:
    return QCoreApplication.translate("Safety", text)


def backup_folder() -> Path:
    from office_ledger.settings import backup_folder as chosen

    return chosen()


def open_for_app(path: Path, check: str = "now") -> Database:
    """The database as the app opens it: the one writer, else read-only; SQLite's whole
    check ``check`` ("background": after the first paint, see :func:`watch`)."""
    from db.storage.database import open_database

    return open_database(path, writer=APP, read_only_if_busy=True, backups=backup_folder(),
                         check=check)  # fmt: skip


def read_only_reason(db: Database) -> str:
    """The banner's words: why this database is read-only, and what still works."""
    from db.storage.lock import read_owner

    why = db.read_only
    if why.startswith("open for writing in "):
        owner = read_owner(db.file)
        what = owner.get("what", "")
        return tr("Read-only: {what} (process {pid}, user {user} on {host}) is writing this"
                  " database. You can view, tally and print; close it there to edit here."
                  ).format(what=tr("another Office Ledger window") if what in ("", APP) else what,
                           pid=owner.get("pid", "?"), user=owner.get("user", "?"),
                           host=owner.get("host", "?"))  # fmt: skip
    reasons = {"read-only disk": tr("it is on a read-only disk"),
               "read-only file": tr("the file is read-only"),
               "read-only folder": tr("its folder is read-only")}  # fmt: skip
    return tr("Read-only ({why}): you can view, tally and print, but not edit or import."
              ).format(why=reasons.get(why, why))  # fmt: skip


def add_actions(window: MainWindow, menu: QMenu) -> None:
    """ "Back up now" and "Restore from backup…" in the File menu."""
    backup = QAction(tr("&Back up now"), window)
    backup.setObjectName("backup-now")
    backup.triggered.connect(lambda: back_up_now(window))
    restore = QAction(tr("&Restore from backup…"), window)
    restore.setObjectName("restore-backup")
    restore.triggered.connect(lambda: restore_with_dialog(window))
    menu.addAction(backup)
    menu.addAction(restore)
    window.undo.failed.connect(lambda message: _refused(window, message))


def _refused(window: MainWindow, message: str) -> None:
    QMessageBox.warning(window, tr("Not saved"), message)
    window.statusBar().showMessage(message)


def attached(window: MainWindow, db: Database) -> None:
    """Mark a read-only database; start the daily backups of a writable one."""
    banner = window.findChild(QLabel, "read-only-banner")
    if db.read_only:
        if banner is None:
            banner = QLabel()
            banner.setObjectName("read-only-banner")
            banner.setWordWrap(True)
            banner.setStyleSheet(
                "QLabel { background: #FFF4CE; color: #5C4400; padding: 6px;"
                " border: 1px solid #E0C36A; font-weight: bold; }"
            )
            central = window.centralWidget()
            layout = central.layout() if central is not None else None
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, banner)
        banner.setText(read_only_reason(db))
        banner.show()
        shown = db.path.name if db.path else db.url  # a server's URL (issue #23)
        window.setWindowTitle(tr("Office Ledger — {path} (read-only)").format(path=shown))
        _editing(window, False)
        return
    if banner is not None:
        banner.hide()
    _editing(window, True)
    watch(window, db)
    timer = getattr(window, "_daily_backup", None)
    if timer is None:
        timer = QTimer(window)
        timer.setInterval(DAILY_CHECK_MS)
        timer.timeout.connect(lambda: daily(window))
        window._daily_backup = timer  # type: ignore[attr-defined]
        timer.start()


def _editing(window: QWidget, allowed: bool) -> None:
    """Turn New/Edit/Delete, importing and restoring on or off (in ``window`` or in a
    page just made in it)."""
    keys = {QKeySequence(QKeySequence.StandardKey.New).toString(),
            QKeySequence(QKeySequence.StandardKey.Delete).toString(), "Return"}  # fmt: skip
    for action in window.findChildren(QAction):
        if action.shortcut().toString() in keys or action.objectName() == "restore-backup":
            action.setEnabled(allowed)
    import_text = QCoreApplication.translate("SyncPage", "Import workbooks…")
    for button in window.findChildren(QPushButton):
        if button.text() == import_text:  # the sync page's
            button.setEnabled(allowed)


def made(window: MainWindow, page: QWidget) -> None:
    """A page made after the database was attached offers no editing if it is read-only."""
    if window.db is not None and window.db.read_only:
        _editing(page, False)


def watch(window: MainWindow, db: Database) -> None:
    """Until the background check of ``db`` has ended, look every :data:`WATCH_MS`; if
    it (or the daily full check) finds damage, say so and offer the newest backup."""
    gate = db.gate
    if gate is None:
        return
    if gate.state == "unchecked":
        gate.start()  # nobody started it (a database opened to be checked later)
    old = getattr(window, "_check_watch", None)
    if old is not None:
        old.stop()
    timer = QTimer(window)
    timer.setInterval(WATCH_MS)

    def look() -> None:
        if window.db is not db:
            timer.stop()
            window._check_watch = None  # type: ignore[attr-defined]
        elif gate.state == "damaged" and gate.damage is not None:
            timer.stop()
            window._check_watch = None  # type: ignore[attr-defined]
            damaged(window, gate.damage)
        elif not gate.pending and not getattr(gate, "daily_running", False):
            timer.stop()
            window._check_watch = None  # type: ignore[attr-defined]

    timer.timeout.connect(look)
    window._check_watch = timer  # type: ignore[attr-defined]
    timer.start()


def damaged(window: MainWindow, exc: Exception) -> None:
    """The database proved damaged: say so, offer the newest good backup, else close."""
    path = getattr(exc, "path", None) or window.db_path
    if not (offer_backup(window, exc, path) and restore_with_dialog(window)):
        window.close()


def wait_for_check(parent: QWidget | None, db: Database) -> bool:
    """Before a person's write: if SQLite's check is still running, show "Checking the
    database…" until it ends; whether the write may go on (the file is sound)."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QProgressDialog

    gate = db.gate
    if gate is None or gate.state == "sound":
        return True
    if gate.pending:
        if gate.state == "unchecked":
            gate.start()
        dialog = QProgressDialog(tr("Checking the database…"), "", 0, 0, parent)
        dialog.setObjectName("checking-database")
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # the save waits
        dialog.setWindowTitle(tr("Office Ledger"))
        dialog.show()
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: None if gate.pending else loop.quit())
        timer.start(50)
        loop.exec()
        timer.stop()
        dialog.close()
    return gate.state == "sound"


def daily_check(window: MainWindow, now: float | None = None) -> bool:
    """The full integrity_check once a day while the app is open (in the background);
    whether it was started."""
    import time

    db = window.db
    gate = db.gate if db is not None else None
    if db is None or gate is None or gate.state != "sound":
        return False
    when = time.time() if now is None else now
    if gate.full_at is not None and when - gate.full_at < DAY:
        return False
    if gate.full_at is None and gate.opened_at is not None and when - gate.opened_at < DAY:
        return False  # checked at open (quick_check); in full a day later
    gate.start_full()
    watch(window, db)
    return True


def daily(window: MainWindow, now: datetime | None = None) -> Path | None:
    """A backup if the newest is a day old and something changed since."""
    from db.storage.backup import backups_of

    daily_check(window, now.timestamp() if now is not None else None)
    db = window.db
    if db is None or db.read_only or db.backups is None:
        return None
    if db.path is None:  # a server database: its backups are pg_dump's (docs)
        return None
    newest = backups_of(db.backups, db.path)
    when = now or datetime.now()
    if newest and when - newest[0].taken < timedelta(days=1):
        return None
    return _quietly(window, "daily")


def _quietly(window: MainWindow, reason: str) -> Path | None:
    from db.schema.errors import LedgerError
    from db.storage.backup import before_change

    if window.db is None:
        return None
    try:
        return before_change(window.db, reason)
    except LedgerError as exc:
        log.warning("automatic backup failed: %s", exc)
        window.statusBar().showMessage(str(exc))
        return None


def closing(window: MainWindow) -> None:
    """The backup taken when the app closes (only if something changed)."""
    _quietly(window, "on-close")


def back_up_now(window: MainWindow) -> Path | None:
    from db.schema.errors import LedgerError
    from db.storage.backup import folder_for, take

    db = window.db
    if db is None:
        return None
    try:
        made = take(db.file, folder_for(db.backups or backup_folder(), db.file), "manual",
                    only_if_changed=False)  # fmt: skip
    except LedgerError as exc:
        QMessageBox.warning(window, tr("Backup"), str(exc))
        return None
    window.statusBar().showMessage(tr("Backed up to {path}").format(path=made))
    return made


def restore_with_dialog(window: MainWindow, note: str = "") -> bool:
    """Choose a backup of this database (by its ledger id, never its name), see what it
    holds, restore it into the open database."""
    from desktop.dialogs.restore import RestoreDialog

    if window.db is not None and window.db.path is None:  # a server's: pg_restore (docs)
        QMessageBox.information(window, tr("Restore"), tr(
            "A database on a server is restored by its administrator (office-ledger restore"
            " --db URL runs pg_restore)."))  # fmt: skip
        return False
    path = window.db.file if window.db is not None else window.db_path.expanduser().resolve()
    dialog = RestoreDialog.of(path, window.lang, window, note)
    if not dialog.exec() or dialog.chosen is None:
        return False
    return restore(window, dialog.chosen.path)


def restore(window: MainWindow, backup: Path) -> bool:
    """Restore ``backup`` in place of the window's database and show it."""
    from db.schema.errors import LedgerError
    from db.storage.backup import BackupError
    from db.storage.backup import restore as put_back
    from db.storage.lock import acquire

    db = window.db
    path = db.file if db is not None else window.db_path.expanduser().resolve()
    lock = None
    if db is not None:
        if db.read_only:
            return False
        lock, db.lock = db.lock, None  # kept across the close: no other writer slips in
        db.close()
    try:
        if lock is None:
            lock = acquire(path, APP)
        saved = put_back(path, backup, backup_folder())
    except (BackupError, LedgerError, OSError) as exc:
        if lock is not None:
            lock.release()
        # a refusal in the window's language (db/schema/words.py), as the command line's (#19)
        said = exc.text(window.lang) if isinstance(exc, BackupError) else str(exc)
        QMessageBox.warning(window, tr("Restore"), said)
        _reopen(window, path)
        return False
    lock.release()
    _reopen(window, path)
    message = tr("Restored the backup of {name}.").format(name=backup.name)
    if saved is not None:
        message += " " + tr("What it replaced was kept in {path}.").format(path=saved)
    window.statusBar().showMessage(message)
    return True


def _reopen(window: MainWindow, path: Path) -> None:
    from db.schema.errors import LedgerError

    try:
        db = open_for_app(path, check="background")  # checked after it shows (#21)
    except LedgerError as exc:
        QMessageBox.critical(window, tr("Office Ledger"), str(exc))
        return
    window.undo.clear()  # its edits belong to the records just replaced
    window.attach(db)


def offer_backup(window: QWidget, exc: Exception, path: Path) -> bool:
    """Say that the database is damaged and offer the newest good backup; whether it
    was restored (the caller then opens the database again)."""
    from db.storage.backup import backups_of, preview

    # its own backups (by the ledger id it holds, or last held at this path), never
    # another database's of the same name; none a newer app wrote (#19)
    newest = next((b for b in backups_of(backup_folder(), path)
                   if not b.needs and preview(b.path).ok), None)  # fmt: skip
    text = tr("The database {name} is damaged: SQLite's check found errors in the file."
              "\n\nNothing was written to it.").format(name=path.name)  # fmt: skip
    box = QMessageBox(QMessageBox.Icon.Critical, tr("Database damaged"), text, parent=window)
    box.setObjectName("damaged-database")
    box.setDetailedText("\n".join(getattr(exc, "problems", [str(exc)])))  # for whoever helps
    restore_button = None
    if newest is not None:
        box.setInformativeText(
            tr("The newest good backup is from {taken}. Restore it? What the damaged file"
               " holds is kept aside.").format(taken=f"{newest.taken:%Y-%m-%d %H:%M}")
        )  # fmt: skip
        restore_button = box.addButton(tr("Restore the backup…"), QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(tr("There is no backup of it. Ask headquarters for the"
                                  " office's latest export."))  # fmt: skip
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return restore_button is not None and box.clickedButton() is restore_button
