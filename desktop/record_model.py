"""One table model for every record list: plain rows in, sortable, filterable columns out.

Rows are the frozen values of :mod:`db.rows`, read off the GUI thread. Each list's
columns (:class:`Column`: header, text, sort key) and the text its filter box searches
come from its record kind's declaration (:mod:`desktop.list_models`). Filtering and
sorting happen here, over plain Python lists (a keystroke over 100,000 rows is a list
comprehension, not 100,000 calls into a proxy model), and the rows that pass are shown
in chunks through ``canFetchMore``/``fetchMore`` so views draw at once. ``SortRole``
gives real dates, numbers and booleans; ``RecordRole`` the row itself.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from db.words import word

SortRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2
CHUNK = 2000
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

Index = QModelIndex | QPersistentModelIndex
Predicate = Callable[[Any], bool]


@dataclass(frozen=True)
class Column:
    header: str  # a db.words key (the domain's words, in the model's language)
    text: Callable[[Any, str], Any]  # (row, language) -> what the cell shows
    sort: Callable[[Any], Any] | None = None  # the real value; the text if None
    right: bool = False  # numbers and dates
    check: Callable[[Any], bool] | None = None  # a yes/no column, shown as a tick
    key: str = ""  # the field or child table it shows ("dates" for the record's dates)
    width: int | None = None  # pixels at first, before the person resizes it


def fold(text: str) -> str:
    """Text as the filter compares it: any case, full- or half-width."""
    return unicodedata.normalize("NFKC", text).casefold()


class RecordTableModel(QAbstractTableModel):
    context = "RecordTableModel"
    columns: Sequence[Column] = ()

    def __init__(self, lang: str = "ja", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._all: list[Any] = []
        self._fields: list[list[str]] = []  # per searched field, each row's folded text
        self._distinct: list[set[str] | None] = []  # a field's few values (None: many)
        self._rows: list[Any] = []  # the rows that pass the filter, in view order
        self._shown = 0
        self._needle = ""
        self._keep: Predicate | None = None
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)

    def searched_fields(self, row: Any) -> tuple[str, ...]:
        """The texts the filter box looks in, one per field (a match in any keeps the row)."""
        raise NotImplementedError

    def column(self, key: str) -> int:
        """The index of the column showing this field (or ``dates``)."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row (a whole-model refresh), keeping the filter and the sort.

        Each searched field is folded once here. Memory matters with 100,000 rows: a
        text that folding leaves alone is kept as the row's own object, and repeated
        values (requesters, staff) share one folded object; a field with few distinct
        values is searched once per value, not once per row.
        """
        self._all = list(rows)
        columns = list(zip(*(self.searched_fields(r) for r in self._all), strict=True))
        self._fields, self._distinct = [], []
        for column in columns:
            folded: dict[str, str] = {}
            texts = []
            for text in column:
                found = folded.get(text)
                if found is None:
                    found = fold(text)
                    found = folded[text] = text if found == text else found
                texts.append(found)
            self._fields.append(texts)
            few = len(folded) * 8 < len(texts)
            self._distinct.append(set(folded.values()) if few else None)
        self._apply()

    def set_predicate(self, text: str = "", keep: Predicate | None = None) -> None:
        """Show the rows whose searched text contains ``text`` and that ``keep`` keeps."""
        self._needle, self._keep = fold(text.strip()), keep
        self._apply()

    def _apply(self) -> None:
        needle, keep, rows = self._needle, self._keep, self._all
        if needle and rows:
            picked = [rows[i] for i in self._matching(needle)]
        else:
            picked = list(rows)
        if keep is not None:
            picked = [r for r in picked if keep(r)]
        column, order = self._sort
        key = self.columns[column].sort or (lambda r: str(self.columns[column].text(r, self.lang)))
        picked.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.beginResetModel()
        self._rows = picked
        self._shown = min(CHUNK, len(picked))
        self.endResetModel()

    def _matching(self, needle: str) -> list[int]:
        """Indexes of the rows with ``needle`` in any searched field."""
        pairs = list(zip(self._fields, self._distinct, strict=True))
        scanned = [f for f, few in pairs if few is None]
        looked_up = [(f, {v for v in few if needle in v}) for f, few in pairs if few]
        looked_up = [(f, hits) for f, hits in looked_up if hits]
        if len(scanned) == 1 and len(looked_up) <= 2:  # the usual shapes: no loop per field
            texts = scanned[0]
            if not looked_up:
                return [i for i, h in enumerate(texts) if needle in h]
            if len(looked_up) == 1:
                ((other, hits),) = looked_up
                return [i for i, (h, o) in enumerate(zip(texts, other, strict=True))
                        if needle in h or o in hits]  # fmt: skip
            (a, a_hits), (b, b_hits) = looked_up
            return [i for i, (h, x, y) in enumerate(zip(texts, a, b, strict=True))
                    if needle in h or x in a_hits or y in b_hits]  # fmt: skip
        return [
            i
            for i in range(len(self._all))
            if any(needle in f[i] for f in scanned) or any(f[i] in h for f, h in looked_up)
        ]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            self._sort = (column, order)
            self._apply()

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def matching(self) -> int:
        return len(self._rows)

    def visible_rows(self) -> list[Any]:
        """Every row that passes the filter, in view order (shown yet or not)."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

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
            if 0 <= section < len(self.columns):
                return word(self.columns[section].header, self.lang)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:  # a yes/no column: a tick (read-only lists)
            return ("✓" if col.check(row) else "") if col.check else col.text(row, self.lang)
        if role == RecordRole:
            return row
        if role == SortRole:
            return col.sort(row) if col.sort is not None else str(col.text(row, self.lang))
        if role == Qt.ItemDataRole.ToolTipRole and col.check is None:
            text = col.text(row, self.lang)
            return text if isinstance(text, str) and len(text) > 24 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and (col.right or col.check):
            return CENTER if col.check else RIGHT
        return None
