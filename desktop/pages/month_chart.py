"""A bar chart of a figure by fiscal month and quarter, this year beside the last.

Painted with QPainter (QtCharts is not part of PySide6-Essentials); the figures come
from :func:`db.tally.breakdowns.monthly`, so they are the tallies' own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from db.schema.fiscal import FISCAL_MONTHS

THIS_YEAR = QColor("#2f6db5")
LAST_YEAR = QColor("#b8c7dc")


def tr(text: str) -> str:
    return QCoreApplication.translate("MonthChart", text)


class MonthChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: tuple[int, ...] = (0,) * 12
        self.previous: tuple[int, ...] = (0,) * 12
        self.title = ""
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_values(self, title: str, current: Sequence[int], previous: Sequence[int]) -> None:
        self.title = title
        self.current, self.previous = tuple(current), tuple(previous)
        self.setToolTip(tr("This year: {this}; last year: {last}").format(
            this=sum(self.current), last=sum(self.previous)))  # fmt: skip
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(36, 24, -12, -40)
        top = max(1, *self.current, *self.previous)
        painter.setPen(self.palette().text().color())
        painter.drawText(
            QRectF(self.rect()).adjusted(8, 2, -8, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            self.title,
        )
        slot = rect.width() / 12
        bar = slot * 0.36
        for i, month in enumerate(FISCAL_MONTHS):
            x = rect.left() + i * slot + slot * 0.1
            for offset, value, color in ((0, self.previous[i], LAST_YEAR),
                                         (bar, self.current[i], THIS_YEAR)):  # fmt: skip
                height = rect.height() * value / top
                painter.fillRect(QRectF(x + offset, rect.bottom() - height, bar, height), color)
            painter.drawText(QRectF(x, rect.bottom() + 2, slot * 0.8, 18),
                             Qt.AlignmentFlag.AlignHCenter, str(month))  # fmt: skip
        for q in range(4):  # quarter sums under their three months
            now = sum(self.current[3 * q : 3 * q + 3])
            before = sum(self.previous[3 * q : 3 * q + 3])
            text = tr("Q{n}: {this} ({last})").format(n=q + 1, this=now, last=before)
            box = QRectF(rect.left() + 3 * q * slot, rect.bottom() + 20, 3 * slot, 18)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, text)
        painter.drawText(QRectF(0, rect.top() - 6, 32, 14), Qt.AlignmentFlag.AlignRight, str(top))
        painter.drawText(QRectF(0, rect.bottom() - 8, 32, 14), Qt.AlignmentFlag.AlignRight, "0")
        painter.end()
