"""The table model of support cases: plain rows in, sortable and filterable columns out.

Rows are :class:`db.rows.CaseRow` values read off the GUI thread. Filtering and
sorting happen here, over plain Python lists (a keystroke over 100,000 rows is a
list comprehension, not 100,000 calls into a proxy model), and the rows that pass are
shown in chunks through ``canFetchMore``/``fetchMore`` so views draw at once.
``SortRole`` gives real dates, numbers and booleans; ``RecordRole`` the row itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from db.rows import CaseRow
from desktop.i18n import noop

SortRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2
FilterRole = Qt.ItemDataRole.UserRole + 3

COL_START, COL_OFFICE, COL_REQUESTER, COL_CATEGORY, COL_TYPES, COL_SUMMARY, COL_STAFF, \
    COL_COUNTED = range(8)  # fmt: skip
HEADERS = (
    noop("CaseTableModel", "Date"), noop("CaseTableModel", "Office"),
    noop("CaseTableModel", "Requester"), noop("CaseTableModel", "Category"),
    noop("CaseTableModel", "Support given"), noop("CaseTableModel", "Summary"),
    noop("CaseTableModel", "Staff"), noop("CaseTableModel", "Counted"),
)  # fmt: skip
CHUNK = 2000

Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    def __init__(self, lang: str = "ja", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._all: list[CaseRow] = []
        self._haystack: list[str] = []
        self._rows: list[CaseRow] = []  # the rows that pass the filter, in view order
        self._shown = 0
        self._filter: tuple[str, bool | None, str | None] = ("", None, None)
        self._sort: tuple[int, Qt.SortOrder] = (COL_START, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Sequence[CaseRow]) -> None:
        """Replace every row (a whole-model refresh), keeping the filter and the sort."""
        self._all = list(rows)
        self._haystack = [_fold(f"{r.requester}\n{r.summary}\n{r.staff}") for r in self._all]
        self._apply()

    def set_filter(self, text: str = "", counted: bool | None = None,
                   category: str | None = None) -> None:  # fmt: skip
        """Show the rows whose requester, summary or staff contain ``text`` (any case,
        full- or half-width), and that are counted/uncounted or of a category if given."""
        self._filter = (_fold(text.strip()), counted, category)
        self._apply()

    def _apply(self) -> None:
        needle, counted, category = self._filter
        rows, hay = self._all, self._haystack
        picked = [i for i, h in enumerate(hay) if needle in h] if needle else range(len(rows))
        if counted is not None or category is not None:
            picked = [i for i in picked if (counted is None or rows[i].counted == counted)
                      and (category is None or rows[i].requester_category == category)]  # fmt: skip
        visible = [rows[i] for i in picked]
        column, order = self._sort
        visible.sort(key=lambda r: self._sort_value(r, column),
                     reverse=order == Qt.SortOrder.DescendingOrder)  # fmt: skip
        self.beginResetModel()
        self._rows = visible
        self._shown = min(CHUNK, len(visible))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(HEADERS):
            self._sort = (column, order)
            self._apply()

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def matching(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        more = min(CHUNK, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(HEADERS):
                return QCoreApplication.translate("CaseTableModel", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == RecordRole:
            return row
        if role == SortRole:
            return self._sort_value(row, col)
        if role == FilterRole:
            return f"{row.requester}\n{row.summary}\n{row.staff}"
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_START:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_COUNTED:
            return Qt.CheckState.Checked if row.counted else Qt.CheckState.Unchecked
        return None

    def _display(self, row: CaseRow, col: int) -> Any:
        from exports.labels import format_range

        if col == COL_START:
            return format_range(row.start_date, row.end_date, "en")
        if col == COL_OFFICE:
            return row.office_code
        if col == COL_REQUESTER:
            return row.requester
        if col == COL_CATEGORY:
            return row.requester_category.label(self.lang)
        if col == COL_TYPES:
            return ", ".join(t.label(self.lang) for t in row.types)
        if col == COL_SUMMARY:
            return row.summary
        if col == COL_STAFF:
            return row.staff
        return None

    def _sort_value(self, row: CaseRow, col: int) -> Any:
        if col == COL_START:
            return row.start_date.toordinal()
        if col == COL_COUNTED:
            return int(row.counted)
        if col == COL_CATEGORY:
            return row.requester_category.value
        value = self._display(row, col)
        return "" if value is None else str(value)


def _fold(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).casefold()
