"""A date typed as text that keeps what was typed (issue #19).

Qt's QDateEdit edits a date section by section and corrects what it cannot hold:
``2023-02-30`` became 2023-02-03 with no word. :class:`DateField` is a line edit:
the text stays as typed, :meth:`DateField.problem` says why it is not a date (a day
the month does not have, a month 13, something that is no date), and the form shows
that under the field instead of saving another day. A calendar button beside it picks
a day. It answers QDateEdit's calls the forms use (``date``, ``setDate``,
``dateChanged``); ``date()`` is the last real date typed or set.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QMenu,
    QStyle,
    QWidget,
    QWidgetAction,
)

# 2023-04-01, 2023/4/1, 2023.4.1 (full-width digits are folded first)
_SHAPE = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*$")
_WIDE = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def tr(text: str) -> str:
    return QCoreApplication.translate("DateField", text)


def parse(text: str) -> date | str:
    """The date the text names, or (translated) why it names none."""
    found = _SHAPE.match(text.translate(_WIDE))
    if found is None:
        if not text.strip():
            return tr("Enter a date (YYYY-MM-DD).")
        return tr("“{text}” is not a date: write it as YYYY-MM-DD, e.g. 2023-04-01.").format(
            text=text.strip())  # fmt: skip
    year, month, day = (int(n) for n in found.groups())
    if not 1 <= month <= 12:
        return tr("{text} is not a date: there is no month {month}.").format(
            text=text.strip(), month=month)  # fmt: skip
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return tr("{text} is not a date: {year}-{month:02} has {days} days.").format(
            text=text.strip(), year=year, month=month, days=days)  # fmt: skip
    return date(year, month, day)


class DateField(QLineEdit):
    """A date as text, kept as typed; see the module's text."""

    dateChanged = Signal(QDate)  # noqa: N815 - QDateEdit's name, which the forms connect

    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = QDate(day.year, day.month, day.day)
        self.setText(self._date.toString("yyyy-MM-dd"))
        self.setPlaceholderText(tr("e.g. 2023-04-01"))
        self.setMinimumWidth(130)
        icon = QIcon.fromTheme(
            "x-office-calendar",
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
        )
        pick = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        pick.setToolTip(tr("Choose on a calendar"))
        pick.triggered.connect(self.show_calendar)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._tidy)
        self.calendar: QMenu | None = None  # the calendar while it is open

    def date(self) -> QDate:
        """The date typed (or set); while the text names none, the last one that did."""
        return QDate(self._date)

    def setDate(self, value: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self.setText(value.toString("yyyy-MM-dd"))
        self._typed(self.text())

    def problem(self) -> str | None:
        """Why the text is not a date (translated), or None when it is one."""
        found = parse(self.text())
        return found if isinstance(found, str) else None

    def _typed(self, text: str) -> None:
        found = parse(text)
        if isinstance(found, date):
            day = QDate(found.year, found.month, found.day)
            if day != self._date:
                self._date = day
                self.dateChanged.emit(QDate(day))

    def _tidy(self) -> None:
        """A date typed as 2023/4/1 reads 2023-04-01 once the field is left."""
        if self.problem() is None:
            self.setText(self._date.toString("yyyy-MM-dd"))

    def show_calendar(self) -> None:
        """A month calendar under the field; a click sets the date and closes it."""
        menu = QMenu(self)
        picker = QCalendarWidget(menu)
        picker.setSelectedDate(self._date)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(picker)
        menu.addAction(holder)

        def chosen(day: QDate) -> None:
            self.setDate(day)
            menu.close()

        picker.clicked.connect(chosen)
        self.calendar = menu
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
