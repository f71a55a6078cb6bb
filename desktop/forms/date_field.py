"""A date typed as text that keeps what was typed (issue #19).

Qt's QDateEdit edits a date section by section and corrects what it cannot hold:
``2023-02-30`` became 2023-02-03 with no word. :class:`DateField` is a line edit:
the text stays as typed, :meth:`DateField.problem` says why it is not a date (a day
the month does not have, a month 13, something that is no date), and the form shows
that under the field instead of saving another day. A calendar button beside it picks
a day. It answers QDateEdit's calls the forms use (``date``, ``setDate``,
``dateChanged``); ``date()`` is the last real date typed or set.

In a Japanese window it reads and shows 令和 dates too (issue #25): ``R5.4.1``,
``令和5年4月1日``, ``2023/4/1`` and ``2023-04-01`` all name 2023-04-01, and the field
shows ``令和5年4月1日`` once left; in English it shows ISO. The era is the app's one
era code (:mod:`db.schema.fiscal`); what is stored is the date itself (ISO in the
database, as ever). ``R5.2.30`` is an error on its field as ``2023-02-30`` is.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
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
EXAMPLE = date(2023, 4, 1)


def tr(text: str) -> str:
    return QCoreApplication.translate("DateField", text)


def shown(day: date, lang: str) -> str:
    """A date as the field shows it: ``令和5年4月1日`` in Japanese, ISO in English (and
    for a day before the eras the app knows)."""
    from db.schema.errors import ValidationError
    from db.schema.fiscal import format_era_date

    if lang == "ja":
        try:
            return format_era_date(day)
        except ValidationError:
            pass
    return day.isoformat()


def _example(lang: str) -> str:
    """How to write a date, in ``lang``'s forms."""
    if lang == "ja":
        return f"{shown(EXAMPLE, 'ja')} / R5.4.1 / {EXAMPLE.isoformat()}"
    return EXAMPLE.isoformat()


def parse(text: str, lang: str = "en") -> date | str:
    """The date the text names, or (translated) why it names none; ``lang`` says which
    forms the message suggests (any form is read in either language)."""
    from db.schema.errors import ValidationError
    from db.schema.fiscal import era_parts, parse_era_date

    folded = unicodedata.normalize("NFKC", text).strip()  # full-width digits, ／ and －
    found = _SHAPE.match(folded)
    parts = tuple(int(n) for n in found.groups()) if found else era_parts(folded)
    if parts is None:
        if not folded:
            return tr("Enter a date, e.g. {example}.").format(example=_example(lang))
        return tr("“{text}” is not a date: write it as {example}.").format(
            text=folded, example=_example(lang))  # fmt: skip
    year, month, day = parts
    if not 1 <= month <= 12:
        return tr("{text} is not a date: there is no month {month}.").format(
            text=folded, month=month)  # fmt: skip
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return tr("{text} is not a date: {year}-{month:02} has {days} days.").format(
            text=folded, year=year, month=month, days=days)  # fmt: skip
    if found is None:  # an era date: the day must lie in its era (R1.4.1 is 平成31年)
        try:
            return parse_era_date(folded.upper())
        except ValidationError:
            return tr("{text} is not a date: that era had ended or not begun by then.").format(
                text=folded)  # fmt: skip
    return date(year, month, day)


def least_width(widget: QWidget, lang: str) -> int:
    """Room for the longest date ``lang`` shows, beside the calendar button (a form's
    table of sessions or legs makes its date columns this wide)."""
    longest = "令和10年12月31日" if lang == "ja" else "2023-12-31"
    return widget.fontMetrics().horizontalAdvance(longest) + 48  # the button, the margins


class DateField(QLineEdit):
    """A date as text, kept as typed; see the module's text."""

    dateChanged = Signal(QDate)  # noqa: N815 - QDateEdit's name, which the forms connect

    def __init__(self, day: date, parent: QWidget | None = None, lang: str = "en") -> None:
        super().__init__(parent)
        self.lang = lang  # the window's: how the date is shown (any form is read)
        self._date = QDate(day.year, day.month, day.day)
        self.setText(self._shown())
        self.setPlaceholderText(tr("e.g. {example}").format(example=_example(lang)))
        self.setToolTip(tr("e.g. {example}").format(example=_example(lang)))
        self.setMinimumWidth(least_width(self, lang))
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
        self.setText(shown(date(value.year(), value.month(), value.day()), self.lang))
        self._typed(self.text())

    def _shown(self) -> str:
        return shown(date(self._date.year(), self._date.month(), self._date.day()), self.lang)

    def problem(self) -> str | None:
        """Why the text is not a date (translated), or None when it is one."""
        found = parse(self.text(), self.lang)
        return found if isinstance(found, str) else None

    def _typed(self, text: str) -> None:
        found = parse(text, self.lang)
        if isinstance(found, date):
            day = QDate(found.year, found.month, found.day)
            if day != self._date:
                self._date = day
                self.dateChanged.emit(QDate(day))

    def _tidy(self) -> None:
        """A date typed as 2023/4/1 (or R5.4.1) reads 2023-04-01 (令和5年4月1日 in
        Japanese) once the field is left."""
        if self.problem() is None:
            self.setText(self._shown())

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
