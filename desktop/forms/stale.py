"""The line a record form shows when its save was refused because someone else changed
(or deleted) the record since the form opened (issue #23), with the two ways on:
keep what was typed and save it over theirs, or take their version.

The form stays open with every value the person typed; the choice is theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("StaleBar", text)


class StaleBar(QWidget):
    """One line saying who changed the record and when, and two buttons."""

    def __init__(self, style: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setStyleSheet(style)
        self.message.setWordWrap(True)  # a long name or time wraps; the form keeps its width
        self.keep = QPushButton(tr("Keep mine and save over it"))
        self.take = QPushButton(tr("Take theirs"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.message, 1)
        row.addWidget(self.keep)
        row.addWidget(self.take)
        self._keep: Callable[[], None] | None = None
        self._take: Callable[[], None] | None = None
        self.keep.clicked.connect(lambda: self._run(self._keep))
        self.take.clicked.connect(lambda: self._run(self._take))
        self.hide()

    def _run(self, action: Callable[[], None] | None) -> None:
        self.hide()
        if action is not None:
            action()

    def say(self, message: str, keep: Callable[[], None], take: Callable[[], None],
            *, deleted: bool = False,
            beside: Sequence[tuple[str, str, str]] = ()) -> None:  # fmt: skip
        """Show ``message`` (one line); the buttons run ``keep`` or ``take``. ``beside``:
        (field, mine, theirs) of each field that differs, shown on the take button."""
        self.message.setText(message)
        self.message.setToolTip(message)
        self.take.setToolTip("\n".join(
            tr("{field}: theirs {theirs}; yours {mine}").format(field=f, theirs=t, mine=m)
            for f, m, t in beside))  # fmt: skip
        self.keep.setText(tr("Keep mine and bring it back") if deleted
                          else tr("Keep mine and save over it"))  # fmt: skip
        self.take.setText(tr("Leave it deleted") if deleted else tr("Take theirs"))
        self._keep, self._take = keep, take
        self.show()
