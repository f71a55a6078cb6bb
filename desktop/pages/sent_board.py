"""Who has sent what, on the sync page.

At headquarters: a board of the overseas offices × the months of this fiscal year
(:class:`BoardModel`, read from :func:`exports.received.board`): the newest export
received from each office — when, its period, its records per type, accepted, refused
or waiting for someone to accept its hand edits — and per month what came in; an
office that sent nothing this month stands out. At an office: when it last exported
for headquarters and how many of its records changed since. Each says what to do next
when there is nothing to show yet.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from db.schema.fiscal import fiscal_year, format_fy
from db.schema.offices import BY_CODE
from db.schema.words import WORDS, word
from desktop.kit.columns import fit_columns, keep_fitted
from desktop.kit.i18n import noop
from desktop.kit.tasks import Task

if TYPE_CHECKING:
    from db.schema.fiscal import Period
    from db.storage.database import Database

Index = QModelIndex | QPersistentModelIndex
MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
# per type; "other" sums the office's other work (seminars, CLAIR Reports, … : YEAR_KINDS)
COUNTED = ("support_case", "event_booth", "newsletter_issue", "jetaa_event", "other")
STATE = 3 + len(COUNTED)  # the column of the state
MADE_BY = STATE + 1  # the app version that wrote the newest export (issue #19)
FIRST_MONTH = MADE_BY + 1  # the column of April
COLOURS = {"accepted": "#dcfce7", "refused": "#fee2e2", "waiting": "#fef3c7"}
MISSING = QColor("#fecaca")
FUTURE = QColor("#6b7280")
STATE_WORDS = {
    "accepted": noop("SentBoard", "Accepted"),
    "refused": noop("SentBoard", "Refused"),
    "waiting": noop("SentBoard", "Waiting for acceptance"),
}
MARKS = {"accepted": "✓", "refused": "✗", "waiting": "…"}
HEADERS = (
    "field.office",  # a key of db.schema.words: a domain word, not the window's
    noop("SentBoard", "Newest export received (UTC)"),
    noop("SentBoard", "Its period"),
)
# the domain's words for the counted types (the tallies' headings)
KIND_WORDS = {
    "support_case": "tally.cases",
    "event_booth": "tally.events",
    "newsletter_issue": "tally.newsletters",
    "jetaa_event": "tally.jetaa_events",
    "other": "board.other_work",
}


def count_of(counts: dict[str, int], key: str) -> int | None:
    """Records of one counted type in an export (None: the export had none of that type)."""
    if key != "other":
        return counts.get(key)
    from db.schema.kinds import YEAR_KINDS

    found = [counts[str(k)] for k in YEAR_KINDS if str(k) in counts]
    return sum(found) if found else None


def tr(text: str) -> str:
    return QCoreApplication.translate("SentBoard", text)


def period_text(period: Period | None, lang: str) -> str:
    """``FY2023`` / ``令和5年度`` for a whole fiscal year, else its first and last day."""
    if period is None:
        return ""
    fy = fiscal_year(period.start)
    if period.start == date(fy, 4, 1) and period.end == date(fy + 1, 3, 31):
        return format_fy(fy, lang)
    from exports.labels import format_range

    return format_range(period.start, period.end, lang)


def records_text(counts: dict[str, int], lang: str) -> str:
    return " · ".join(f"{word(KIND_WORDS[k], lang)} {count_of(counts, k):,}" for k in COUNTED
                      if count_of(counts, k))  # fmt: skip


def _when(moment: datetime, lang: str = "en") -> str:
    from exports.labels import format_utc

    return format_utc(moment, lang)


class BoardModel(QAbstractTableModel):
    """Offices × (the newest export's facts, then the fiscal year's months)."""

    def __init__(self, lang: str = "ja", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[Any] = []
        self.today = date.today()
        self.fy = fiscal_year(self.today)  # the year whose months are shown

    def set_rows(self, rows: list[Any], today: date, fy: int | None = None) -> None:
        self.beginResetModel()
        self.rows, self.today = list(rows), today
        self.fy = fiscal_year(today) if fy is None else fy
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802 - Qt's API
        return 0 if parent.isValid() else FIRST_MONTH + 12

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # whole, when its column is narrowed
            return self.headerData(section, orientation)
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(HEADERS):
                text = HEADERS[section]
                return word(text, self.lang) if text in WORDS else tr(text)
            if section < STATE:
                return word(KIND_WORDS[COUNTED[section - len(HEADERS)]], self.lang)
            if section == STATE:
                return tr("State")
            if section == MADE_BY:
                return tr("Made by")
            from exports.labels import month_label

            return month_label(MONTHS[section - FIRST_MONTH], self.lang)
        if role == Qt.ItemDataRole.FontRole and self._is_this_month(section):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _month(self, column: int) -> date:
        fy = self.fy
        month = MONTHS[column - FIRST_MONTH]
        return date(fy if month >= 4 else fy + 1, month, 1)

    def _is_this_month(self, column: int) -> bool:
        return column >= FIRST_MONTH and self._month(column) == self.today.replace(day=1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if not 0 <= column < self.columnCount():
            return None
        if column >= FIRST_MONTH:
            return self._month_data(row, column, role)
        newest = row.newest
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return BY_CODE[row.office].name(self.lang)  # in red when it sent nothing
            if newest is None:
                return tr("never sent") if column == 1 else ""
            if column == 1:
                return _when(newest.at, self.lang)
            if column == 2:
                return period_text(newest.period, self.lang)
            if column == STATE:
                return tr(STATE_WORDS[newest.state])
            if column == MADE_BY:  # received from an app older than 0.4.0: not known
                return f"Office Ledger {newest.app_version}" if newest.app_version else "?"
            n = count_of(newest.counts, COUNTED[column - len(HEADERS)])
            return "" if n is None else f"{n:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and len(HEADERS) <= column < STATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            said = tr("(nothing this month)") if column == 0 and row.missing else ""
            if newest is not None:
                said = f"{said}\n{newest.file_name}\n{newest.message}"
            return said.strip() or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == 0 and row.missing:
                return QBrush(MISSING)
            if column == STATE and newest is not None:
                return QBrush(QColor(COLOURS[newest.state]))
        if role == Qt.ItemDataRole.FontRole and column == 0 and row.missing:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _month_data(self, row: Any, column: int, role: int) -> Any:
        got = row.months[column - FIRST_MONTH]
        future = self._month(column) > self.today
        if role == Qt.ItemDataRole.DisplayRole:
            if got is not None:
                return f"{MARKS[got.state]} {got.at.astimezone(UTC).day}"
            return "" if future else "—"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and got is not None:
            made = f"\nOffice Ledger {got.app_version}" if got.app_version else ""
            return (f"{_when(got.at, self.lang)} — {tr(STATE_WORDS[got.state])}\n"
                    f"{period_text(got.period, self.lang)}"
                    f"  {records_text(got.counts, self.lang)}{made}")  # fmt: skip
        if role == Qt.ItemDataRole.BackgroundRole:
            if got is not None:
                return QBrush(QColor(COLOURS[got.state]))
            if self._is_this_month(column):
                return QBrush(MISSING)
        if role == Qt.ItemDataRole.ForegroundRole and future:
            return QBrush(FUTURE)
        return None


class SentPanel(QWidget):
    """The board at headquarters, or the office's last send; :meth:`refresh` reads it."""

    def __init__(self, lang: str = "ja", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.model = BoardModel(lang, self)
        self.view = QTableView()
        self.view.setTabKeyNavigation(False)
        self.view.setAccessibleName(tr("Exports received from each office"))
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        keep_fitted(self.view)  # every office and month in the page's width, never sideways
        self.title = QLabel()
        self.legend = QLabel(tr("✓ accepted   ✗ refused   … waiting for someone to accept its"
                                " hand edits   — nothing received; the day of the month is"
                                " when it arrived"))  # fmt: skip
        self.legend.setWordWrap(True)
        self.red = QLabel(tr("An office in red has sent nothing this month."))
        self.red.setStyleSheet(f"QLabel {{ background: {MISSING.name()}; padding: 1px 4px; }}")
        self.office = QLabel()
        self.office.setWordWrap(True)
        self.empty = QLabel(tr(
            "No office has sent an export yet. When an office's email arrives, save the"
            " attached workbook and choose \u201cImport workbooks…\u201d above: each office's"
            " newest export then shows here, month by month, and offices that have not"
            " sent this month stand out."))  # fmt: skip
        self.empty.setWordWrap(True)
        board = QWidget()
        inside = QVBoxLayout(board)
        inside.setContentsMargins(0, 0, 0, 0)
        inside.addWidget(self.view)
        keys = QHBoxLayout()  # what the marks and the red mean, on one line
        keys.addWidget(self.red)
        keys.addWidget(self.legend, 1)
        inside.addLayout(keys)
        inside.addStretch()
        self.parts = (board, self.empty, self.office)  # one shown at a time (not a stack:
        layout = QVBoxLayout(self)  # the office's one line must not be as tall as the board)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        for part in self.parts:
            layout.addWidget(part)
        self._show_part(1)
        self.today: date | None = None  # None: today (tests set a day)
        self.wanted: int | None = None  # the fiscal year the board was last asked for

    def _show_part(self, n: int) -> None:
        for i, part in enumerate(self.parts):
            part.setVisible(i == n)

    def current(self) -> int:
        """What is shown: 0 the board, 1 the board's empty state, 2 the office's line."""
        return next(i for i, part in enumerate(self.parts) if not part.isHidden())

    def refresh(self, db: Database, office: str, fy: int | None = None) -> None:
        """Headquarters' board (``office`` "HQ" or none chosen) of the fiscal year ``fy``
        (the window's chosen year; None: this one), or the office's last send."""
        from exports.received import board, last_sent

        today = self.today or datetime.now(UTC).date()
        if office and office != "HQ":
            Task(self, lambda: last_sent(db, office)).success(
                lambda sent: self._show_sent(office, sent)).run()  # fmt: skip
            return
        year = fiscal_year(today) if fy is None else fy
        self.wanted = year  # a board read for a year chosen before it arrives late: dropped
        Task(self, lambda: board(db, year, today)).success(
            lambda rows: self._show_board(rows, today, year)).run()  # fmt: skip

    def _show_board(self, rows: list[Any], today: date, fy: int) -> None:
        if fy != self.wanted:
            return
        self.model.set_rows(rows, today, fy)
        self.title.setText("<b>" + tr("Exports received from the offices, {fy}").format(
            fy=format_fy(fy, self.lang)) + "</b>")  # fmt: skip
        anything = any(r.newest is not None for r in rows)
        self._show_part(0 if anything else 1)
        self.view.resizeRowsToContents()
        fit_columns(self.view)
        tall = (self.view.horizontalHeader().sizeHint().height() + 4
                + sum(self.view.rowHeight(n) for n in range(len(rows)))
                + self.view.horizontalScrollBar().sizeHint().height())  # fmt: skip
        self.view.setFixedHeight(tall)  # every office at once; the page scrolls

    def _show_sent(self, office: str, sent: Any) -> None:
        name = BY_CODE[office].name(self.lang)
        self.title.setText("<b>" + tr("Sent to headquarters: {office}").format(office=name)
                           + "</b>")  # fmt: skip
        if sent.at is None:
            text = tr(
                "{office} has not sent anything to headquarters from this database yet."
                " Choose \u201cSend to headquarters\u201d above: the year's workbook (and"
                " the PDF summary) go to headquarters by email. Records that would go:"
                " {n}."
            )
        else:
            text = tr("Last sent {when} (UTC), {period}. Records changed since: {n}; they go"
                      " with the next \u201cSend to headquarters\u201d.")  # fmt: skip
        self.office.setText(text.format(
            office=name, n=f"{sent.changed_since:,}",
            when=_when(sent.at, self.lang) if sent.at else "",
            period=period_text(sent.period, self.lang)))  # fmt: skip
        self._show_part(2)
