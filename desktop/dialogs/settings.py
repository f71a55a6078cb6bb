"""First run and Settings: office, language, your name, this laptop's name, sending.

On first run (no office chosen yet) the same dialog also offers to load the FY2023
demo year into an empty database. Values are checked by :mod:`office_ledger.settings`
and any error is shown beside its field; the SMTP password goes to the keyring only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.schema.errors import LedgerError
from db.schema.offices import OFFICES
from desktop.forms.base import error_style

if TYPE_CHECKING:
    from db.storage.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class SettingsDialog(QDialog):
    @staticmethod
    def where_text(db: Database) -> str:
        """What the first run says the database is: an office's one file on this
        computer, or headquarters' database on a server that its staff share (#23)."""
        if db.path is None:  # a server: its URL as shown to people, never a password
            return tr(
                "Office Ledger keeps headquarters' records (support cases, events, newsletters"
                " and the rest of the year) in a database on a server: {where}. Everyone at"
                " headquarters who opens it with Office Ledger shares it: each sees the"
                " others' changes as they are saved, and the history names who made each"
                " one. Nothing leaves it until someone exports a workbook."
            ).format(where=db.url)  # fmt: skip
        return tr(
            "Office Ledger keeps your office's records (support cases, events, newsletters"
            " and the rest of the year) in one file on this computer: {path}. Nothing"
            " leaves it until you export a workbook or send it to headquarters."
        ).format(path=db.url)  # fmt: skip

    def __init__(self, db: Database, values: dict[str, Any], first_run: bool = False,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        from db.read.lookups import device_name, is_empty

        self.db = db
        self.setWindowTitle(tr("Welcome to Office Ledger") if first_run else tr("Settings"))
        self.office = QComboBox()
        for o in OFFICES:
            self.office.addItem(f"{o.name_ja} / {o.name_en}", o.code)
        office = values["office"] or ("HQ" if db.path is None else "")  # a server: HQ's
        self.office.setCurrentIndex(max(0, self.office.findData(office)))
        self.language = QComboBox()
        self.language.addItem("日本語", "ja")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(values["language"]))
        self.user_name = QLineEdit(values["user_name"])
        self.device = QLineEdit(device_name(db))  # one row by its key: read in place
        self.hq_address = QLineEdit(values["hq_address"])
        self.from_address = QLineEdit(values["from_address"])
        self.send_via = QComboBox()
        self.send_via.addItem(tr("Draft in my mail program"), "eml")
        self.send_via.addItem(tr("Send by SMTP"), "smtp")
        self.send_via.setCurrentIndex(self.send_via.findData(values["send_via"]))
        self.smtp_host = QLineEdit(values["smtp_host"])
        self.smtp_port = QSpinBox(minimum=1, maximum=65535, value=values["smtp_port"])
        self.smtp_security = QComboBox()
        for code in ("starttls", "ssl", "none"):
            self.smtp_security.addItem(code.upper(), code)
        self.smtp_security.setCurrentIndex(self.smtp_security.findData(values["smtp_security"]))
        self.smtp_user = QLineEdit(values["smtp_user"])
        self.smtp_password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.smtp_password.setPlaceholderText(tr("kept in the system keyring"))
        self.export_folder = QLineEdit(values["export_folder"])
        self.export_folder.setPlaceholderText(str(Path.home()))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.export_folder, 1)
        folder_row.addWidget(browse)
        self.folder_box = QWidget()
        self.folder_box.setLayout(folder_row)
        folder_row.setContentsMargins(0, 0, 0, 0)
        from office_ledger.paths import data_dir

        self.backup_folder = QLineEdit(values["backup_folder"])
        self.backup_folder.setPlaceholderText(str(data_dir() / "backups"))
        browse_backups = QPushButton(tr("Choose…"))
        browse_backups.clicked.connect(self._choose_backup_folder)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_folder, 1)
        backup_row.addWidget(browse_backups)
        backup_row.setContentsMargins(0, 0, 0, 0)
        self.backup_box = QWidget()
        self.backup_box.setLayout(backup_row)
        self.data_folder = data_dir()
        open_data = QPushButton(tr("Open"))
        open_data.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.data_folder))))  # fmt: skip
        data_row = QHBoxLayout()
        data_row.addWidget(QLabel(str(self.data_folder)), 1)
        data_row.addWidget(open_data)
        data_row.setContentsMargins(0, 0, 0, 0)
        self.data_box = QWidget()
        self.data_box.setLayout(data_row)
        self.demo = QCheckBox(tr("Load the FY2023 demo year (to try the app)"))
        # never into a server: an empty one is headquarters' real database, just made
        self.offer_demo = first_run and db.path is not None and is_empty(db)
        self.demo.setVisible(self.offer_demo)
        self.error = QLabel()
        self.error.setStyleSheet(error_style())
        self.error.setWordWrap(True)
        self.first_run = first_run
        self.intro = QLabel(self.where_text(db))
        self.intro.setWordWrap(True)
        self.intro.setVisible(first_run)
        form = QFormLayout()
        widget: QWidget
        for label, widget in ((tr("Your office"), self.office), (tr("Language"), self.language),
                              (tr("Your name"), self.user_name),
                              (tr("This laptop's name"), self.device)):  # fmt: skip
            form.addRow(label, widget)
        if not first_run:
            for label, widget in ((tr("Headquarters' address"), self.hq_address),
                                  (tr("Your address"), self.from_address),
                                  (tr("Send"), self.send_via), (tr("SMTP server"), self.smtp_host),
                                  (tr("Port"), self.smtp_port),
                                  (tr("Security"), self.smtp_security),
                                  (tr("User name"), self.smtp_user),
                                  (tr("Password"), self.smtp_password),
                                  (tr("Exports folder"), self.folder_box),
                                  (tr("Backups folder"), self.backup_box),
                                  (tr("Data folder"), self.data_box)):  # fmt: skip
                form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.demo)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def changes(self) -> dict[str, Any]:
        from office_ledger import settings

        text = {"office": self.office.currentData(), "language": self.language.currentData(),
                "user_name": self.user_name.text(), "hq_address": self.hq_address.text(),
                "from_address": self.from_address.text(), "send_via": self.send_via.currentData(),
                "smtp_host": self.smtp_host.text(), "smtp_port": str(self.smtp_port.value()),
                "smtp_security": self.smtp_security.currentData(),
                "smtp_user": self.smtp_user.text(),
                "export_folder": self.export_folder.text().strip(),
                "backup_folder": self.backup_folder.text().strip()}  # fmt: skip
        return {key: settings.parse(key, value) for key, value in text.items()}

    def explain(self, exc: LedgerError) -> str:
        """The refusal in the dialog's language, naming the field as the form does."""
        field = getattr(exc, "field", None)
        if field == "hq_address":
            return tr("Headquarters' address: enter an email address, like name@example.org.")
        if field == "from_address":
            return tr("Your address: enter an email address, like name@example.org.")
        if field == "export_folder":
            return tr("Exports folder: {path} is not a folder.").format(
                path=self.export_folder.text())  # fmt: skip
        if field == "backup_folder":
            return tr("Backups folder: {path} is not a folder.").format(
                path=self.backup_folder.text())  # fmt: skip
        if field == "device_name":
            return tr("Give this laptop a name (it tells your records from others').")
        return str(exc)

    def _choose_folder(self) -> None:
        start = self.export_folder.text() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, tr("Exports folder"), start)
        if chosen:
            self.export_folder.setText(chosen)

    def _choose_backup_folder(self) -> None:
        start = self.backup_folder.text() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, tr("Backups folder"), start)
        if chosen:
            self.backup_folder.setText(chosen)

    def accept(self) -> None:
        from db.storage.clock import set_device_name
        from office_ledger import settings

        try:
            changes = self.changes()
            if self.first_run and not changes["user_name"].strip():
                self.error.setText(tr("Enter your name: it is written on the records you"
                                      " make and the summaries you send."))  # fmt: skip
                self.user_name.setFocus()
                return
            if not self.db.read_only:  # a read-only database keeps the name it has
                with self.db.session() as s:
                    set_device_name(s, self.device.text())
            if self.smtp_password.text() and changes["smtp_user"] and changes["smtp_host"]:
                from exports.mail.outbox import store_password

                store_password(changes["smtp_user"], changes["smtp_host"],
                               self.smtp_password.text())  # fmt: skip
            settings.save(changes)
            if self.offer_demo and self.demo.isChecked():
                from db.demo.year import load_demo

                load_demo(self.db)
        except LedgerError as exc:
            self.error.setText(self.explain(exc))
            return
        except Exception as exc:  # the keyring backend may refuse (no keyring service)
            if exc.__class__.__module__.startswith("keyring"):
                self.error.setText(tr("The password could not be kept: {error}").format(
                    error=exc))  # fmt: skip
                return
            raise
        super().accept()


def first_run(db_path: Path, values: dict[str, Any]) -> Database | None:
    """Open the database and ask who and where this laptop is (the first run's dialog).

    None when the person cancels: the app then quits, and a database this call created
    is removed again (nothing is left behind for a run that never started)."""
    from db.storage.lock import lock_path
    from desktop.shell.safety import open_for_app

    existed = db_path.exists()
    opened = open_for_app(db_path)
    if SettingsDialog(opened, values, first_run=True).exec():
        return opened
    opened.close()
    if not existed:
        for made in (db_path, *(Path(f"{db_path}{end}") for end in ("-wal", "-shm", "-journal")),
                     lock_path(db_path)):  # fmt: skip
            made.unlink(missing_ok=True)
    return None
