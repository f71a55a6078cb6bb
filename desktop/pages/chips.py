"""The filters a list is under, shown as chips above it ("事務所: パリ ✕").

A filter applied from elsewhere (double-clicking a figure on the Tallies page narrows
the list to an office, a category, enquiries...) must be as visible as one chosen on
the page: each is a chip; pressing a chip removes that filter. See
:class:`desktop.pages.list_page.RecordPage`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordPage", text)


CHIP_STYLE = ("QToolButton { border: 1px solid palette(mid); border-radius: 10px;"
              " padding: 1px 8px; background: palette(alternate-base); }")  # fmt: skip


class FilterChips(QWidget):
    """A row of chips, one per filter; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.lead = QLabel(tr("Filtered by:"))
        self.row.addWidget(self.lead)
        self.row.addStretch()
        self.chips: list[QToolButton] = []
        self._clears: dict[QToolButton, Callable[[], None]] = {}
        self.hide()

    def _clicked(self) -> None:
        clear = self._clears.get(self.sender())  # type: ignore[call-overload]
        if clear is not None:
            clear()

    def show_chips(self, chips: Sequence[tuple[str, Callable[[], None]]]) -> None:
        """One chip per (text, what removing it does)."""
        for chip in self.chips:
            self.row.removeWidget(chip)
            chip.hide()  # at once: deleteLater waits for the event loop
            chip.deleteLater()
        self.chips = []
        self._clears = {}
        for n, (text, clear) in enumerate(chips):
            chip = QToolButton()
            chip.setText(f"{text}  ✕")
            chip.setStyleSheet(CHIP_STYLE)
            chip.setToolTip(tr("Remove this filter"))
            chip.setAccessibleName(tr("Remove the filter {filter}").format(filter=text))
            self._clears[chip] = clear
            chip.clicked.connect(self._clicked)  # a method: no closure per chip
            self.row.insertWidget(1 + n, chip)
            self.chips.append(chip)
        self.setVisible(bool(chips))

    def texts(self) -> list[str]:
        return [c.text().removesuffix("  ✕") for c in self.chips]
