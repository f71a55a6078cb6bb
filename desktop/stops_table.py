"""A small editable table of an event's legs or a JETAA event's sessions.

Each row is a stop: first and last day (calendars), city, country (a list in the
form's language with completion: type "フラ" or "Fra" and pick France), venue, and for
JETAA sessions how it was held. Rows are added and removed with the buttons below.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from db.countries import codes, country_name
from db.enums import VenueMode
from db.kinds import LegRow, SessionRow
from desktop.form_base import date_edit, pydate


def tr(text: str) -> str:
    return QCoreApplication.translate("StopsTable", text)


def country_box(lang: str, code: str | None = None) -> QComboBox:
    """Every country by name in ``lang`` (data: its code), editable with completion."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for name, c in sorted((country_name(c, lang), c) for c in codes()):
        box.addItem(name, c)
    completer = box.completer()  # an editable combo has one
    assert completer is not None
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCurrentIndex(box.findData(code) if code else -1)
    return box


def unknown_country_message(name: str) -> str:
    return tr("No country is called “{name}”: pick one from the list.").format(name=name)


def country_of(box: QComboBox) -> str:
    """The chosen country's code; what was typed if it matches no name (refused later)."""
    index = box.findText(box.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    return str(box.itemData(index)) if index >= 0 else box.currentText().strip()


class StopsTable(QWidget):
    """The rows of stops, with Add and Remove."""

    changed = Signal()  # a date was changed, or a row added or removed

    def __init__(self, lang: str, sessions: bool, default_day: date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.lang, self.sessions, self.default_day = lang, sessions, default_day
        headers = [tr("From"), tr("To"), tr("City"), tr("Country"), tr("Venue")]
        if sessions:
            headers.append(tr("How"))
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 118), (1, 118), (2, 120), (3, 150)):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(120)
        self.add_button = QPushButton(tr("Add"))
        self.remove_button = QPushButton(tr("Remove"))
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add(self, stop: Any = None) -> int:
        """Append a row (empty, or showing ``stop``); return its index."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        first = stop.start_date if stop else self._next_day()
        for column, day in ((0, first), (1, stop.end_date if stop else first)):
            edit = date_edit(day)
            edit.dateChanged.connect(lambda _d: self.changed.emit())
            self.table.setCellWidget(row, column, edit)
        self.table.setCellWidget(row, 2, QLineEdit(stop.city if stop else ""))
        self.table.setCellWidget(row, 3, country_box(self.lang, stop.country if stop else None))
        self.table.setCellWidget(row, 4, QLineEdit(stop.venue if stop else ""))
        if self.sessions:
            mode = QComboBox()
            for m in VenueMode:
                mode.addItem(m.label(self.lang), m.value)
            mode.setCurrentIndex(mode.findData((stop.mode if stop else VenueMode.IN_PERSON).value))
            self.table.setCellWidget(row, 5, mode)
        self.table.setRowHeight(row, 30)
        self.changed.emit()
        return row

    def _next_day(self) -> date:
        rows = self.table.rowCount() - 1
        return pydate(self.widget(rows - 1, 1).date()) if rows > 0 else self.default_day

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        for row in rows:
            self.table.removeRow(row)
        self.changed.emit()

    def set_stops(self, stops: Any) -> None:
        self.table.setRowCount(0)
        for stop in stops:
            self.add(stop)

    def widget(self, row: int, column: int) -> Any:
        return self.table.cellWidget(row, column)

    def unknown_country(self) -> str | None:
        """The first country typed that matches no name (said before the rules refuse it)."""
        known = codes()
        for stop in self.stops():
            if stop.country.upper() not in known:
                return str(stop.country) or "—"
        return None

    def stops(self) -> tuple[Any, ...]:
        out: list[Any] = []
        for r in range(self.table.rowCount()):
            start, end = pydate(self.widget(r, 0).date()), pydate(self.widget(r, 1).date())
            city, venue = self.widget(r, 2).text(), self.widget(r, 4).text()
            country = country_of(self.widget(r, 3))
            if self.sessions:
                mode = VenueMode(self.widget(r, 5).currentData())
                out.append(SessionRow(start_date=start, end_date=end, city=city, country=country,
                                      venue=venue, mode=mode))  # fmt: skip
            else:
                out.append(LegRow(start_date=start, end_date=end, city=city, country=country,
                                  venue=venue))  # fmt: skip
        return tuple(out)
