"""Asks for headquarters' email address before the first "Send to headquarters".

An address the settings would refuse (no "@", a space, no domain) is said under the
field in the window's language and the dialog stays open: nothing is sent and nothing
saved until the address is one (issue #25; it used to close and do nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.schema.errors import ValidationError


def tr(text: str) -> str:
    return QCoreApplication.translate("HqAddress", text)


class AddressDialog(QDialog):
    """The address field, its refusal below it, OK and Cancel; ``address`` after OK."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Send to headquarters"))
        self.address = ""
        label = QLabel(tr("Headquarters' email address:"))
        self.field = QLineEdit()
        self.field.setPlaceholderText("name@example.org")
        self.field.setAccessibleName(label.text())
        label.setBuddy(self.field)
        self.error = QLabel()
        self.error.setObjectName("address-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #B3261E; }")
        self.error.hide()
        self.field.textEdited.connect(lambda _text: self.error.hide())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # wide enough for its title ("Send t…arters" was cut) and the refusal's line
        self.setMinimumWidth(max(420, self.fontMetrics().horizontalAdvance(self.windowTitle())
                                 + 200))  # fmt: skip

    def accept(self) -> None:
        from office_ledger import settings

        text = self.field.text().strip()
        try:
            if not text:
                raise ValidationError("no address", field="hq_address")
            self.address = str(settings.parse("hq_address", text))
        except ValidationError:
            self.error.setText(tr("Enter an email address, like name@example.org."))
            self.error.show()
            self.field.setFocus()
            self.field.selectAll()
            return
        super().accept()
