"""One table model for every record list: plain rows in, sortable, filterable columns out.

Rows are the frozen values of :mod:`db.read.rows`, read off the GUI thread. Each list's
columns (:class:`Column`: header, text, sort key) and the text its filter box searches
come from its record kind's declaration (:mod:`desktop.models.lists`). Filtering and
sorting happen here, over plain Python lists (a keystroke over 100,000 rows is a list
comprehension, not 100,000 calls into a proxy model), and the rows that pass are shown
in chunks through ``canFetchMore``/``fetchMore`` so views draw at once. ``SortRole``
gives real dates, numbers and booleans; ``RecordRole`` the row itself.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, compress
from operator import eq
from typing import Any, Union

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from db.schema.words import word

SortRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2
CHUNK = 2000
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_ANSWERED = frozenset(
    {_DISPLAY, _ALIGN, int(Qt.ItemDataRole.ToolTipRole), int(SortRole), int(RecordRole)}
)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

Index = QModelIndex | QPersistentModelIndex
Predicate = Callable[[Any], bool]
Keep = Union["Equals", Predicate]


@dataclass(frozen=True)
class Column:
    header: str  # a db.schema.words key (the domain's words, in the model's language)
    text: Callable[[Any, str], Any]  # (row, language) -> what the cell shows
    sort: Callable[[Any], Any] | None = None  # the real value; the text if None
    right: bool = False  # numbers and dates
    check: Callable[[Any], bool] | None = None  # a yes/no column, shown as a tick
    key: str = ""  # the field or child table it shows ("dates" for the record's dates)
    width: int | None = None  # pixels at first, before the person resizes it


@dataclass(frozen=True)
class Equals:
    """A drop-down's filter: keep the rows whose ``get(row)`` equals ``value``."""

    get: Callable[[Any], Any]
    value: Any


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
        self._keeps: tuple[Keep, ...] = ()
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
        self._order: list[int] | None = None  # every row's index in view order (sorted)
        self._sorted: tuple[list[Any], list[list[str]]] = ([], [])  # rows, texts in that order
        self._found: dict[str, list[int]] = {}  # needle: positions in view order
        self._index: dict[Any, Any] = {}  # per searched field, built on first search

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
        self._order = None
        few_at = len(self._all) // 8  # more distinct values: a field searched row by row
        fields: list[list[str]] = []
        folders: list[dict[str, str] | None] = []
        for r in self._all:  # one row at a time: no transposed copy of every row's texts
            texts = self.searched_fields(r)
            if not fields:
                fields = [[] for _ in texts]
                folders = [{} for _ in texts]
            for k, text in enumerate(texts):
                folded = folders[k]
                found = folded.get(text) if folded is not None else None
                if found is None:
                    found = fold(text)
                    if found == text:
                        found = text  # the row's own object
                    if folded is not None:
                        folded[text] = found
                        if len(folded) > few_at:
                            folders[k] = None  # many values: no table of them kept
                fields[k].append(found)
        self._fields = fields
        self._distinct = [None if f is None else set(f.values()) for f in folders]
        self._apply()

    def set_predicate(self, text: str = "", keep: Predicate | None = None) -> None:
        """Show the rows whose searched text contains ``text`` and that ``keep`` keeps."""
        self.set_filters(text, () if keep is None else (keep,))

    def set_filters(self, text: str = "", keeps: Sequence[Keep] = ()) -> None:
        """Show the rows whose searched text contains ``text`` and that every one of
        ``keeps`` keeps (a drop-down filter each)."""
        self._needle, self._keeps = fold(text.strip()), tuple(keeps)
        self._apply()

    def _apply(self) -> None:
        """Filter in view order. The sort is done once per sort column (or new rows):
        the rows and their searched texts are kept in view order, so a key press is one
        pass over the texts, or fewer: a longer needle only looks among the rows the
        shorter one found, and a needle seen before (Backspace) is not looked for again.
        """
        needle = self._needle
        rows, fields = self._in_view_order()
        if needle and rows:
            found = self._found_rows(needle, fields)
            picked = rows if len(found) == len(rows) else list(map(rows.__getitem__, found))
        else:
            picked = rows
        for keep in self._keeps:  # one pass per drop-down
            if isinstance(keep, Equals):  # C all the way: no Python call per row
                picked = list(compress(picked, map(partial(eq, keep.value), map(keep.get, picked))))
            else:
                picked = list(filter(keep, picked))
        self.beginResetModel()
        self._rows = picked if picked is not rows else list(rows)
        self._shown = min(CHUNK, len(picked))
        self.endResetModel()

    def _in_view_order(self) -> tuple[list[Any], list[list[str]]]:
        """The rows and each searched field's texts, sorted as the view shows them."""
        if self._order is None:
            column, order = self._sort
            col = self.columns[column]
            key = col.sort or (lambda r: str(col.text(r, self.lang)))
            keys = [key(r) for r in self._all]
            self._order = sorted(range(len(keys)), key=keys.__getitem__,
                                 reverse=order == Qt.SortOrder.DescendingOrder)  # fmt: skip
            self._found, self._index = {}, {}
            if self._order == list(range(len(keys))):  # read in view order already
                self._sorted = (self._all, self._fields)
            else:
                at = self._order
                self._sorted = ([self._all[i] for i in at],
                                [[f[i] for i in at] for f in self._fields])  # fmt: skip
            if len(keys) >= 10_000:  # ready before the first key press, not during it
                for k, (field, few) in enumerate(zip(self._sorted[1], self._distinct,
                                                     strict=True)):  # fmt: skip
                    if few is None:
                        self._search(k, field, "\0")
                    else:
                        self._places(k, field)
        return self._sorted

    def _found_rows(self, needle: str, fields: list[list[str]]) -> list[int]:
        """The view positions of the rows with ``needle`` in a searched field; the last
        few needles' answers are kept (until the rows or the sort change)."""
        found = self._found.get(needle)
        if found is None:
            narrower = [f for n, f in self._found.items() if n in needle]
            within = min(narrower, key=len) if narrower else None
            found = self._matching(needle, fields, within)
            if len(self._found) >= 16:
                del self._found[next(iter(self._found))]
            self._found[needle] = found
        return found

    def _matching(self, needle: str, fields: list[list[str]],
                  within: list[int] | None) -> list[int]:  # fmt: skip
        """Positions (among ``within``, or all) of the rows with ``needle`` in any field.

        A field of few values (requesters, staff) is answered from where each value
        stands; a field of many (summaries) is searched as one text, row by row only
        when the needle is in most rows: the first key of a word then costs a few
        milliseconds instead of a pass over every row in Python.
        """
        pairs = list(zip(fields, self._distinct, strict=True))
        n = len(fields[0]) if fields else 0
        if within is not None and len(within) * 8 < n:  # few candidates: test each
            scanned = [f for f, few in pairs if few is None]
            looked = [(f, {v for v in few if needle in v}) for f, few in pairs if few]
            return [i for i in within if any(needle in f[i] for f in scanned)
                    or any(f[i] in hits for f, hits in looked if hits)]  # fmt: skip
        found: list[Sequence[int]] = []
        for k, (field, few) in enumerate(pairs):
            if few is not None:
                places = self._places(k, field)
                found += [places[v] for v in few if needle in v]
            else:
                found.append(self._search(k, field, needle))
        if len(found) == 1:
            hits = list(found[0])
        else:
            hits = sorted(set().union(*found))
        if within is not None and len(hits) > len(within):
            keep = set(within)
            hits = [i for i in hits if i in keep]
        return hits

    def _places(self, k: int, field: list[str]) -> dict[str, array[int]]:
        """Where each value of field ``k`` (one of few values) stands in view order."""
        places = self._index.get(k)
        if places is None:
            made: dict[str, array[int]] = {}
            for i, v in enumerate(field):
                found = made.get(v)
                if found is None:
                    found = made[v] = array("l")
                found.append(i)
            places = self._index[k] = made
        return places

    def _search(self, k: int, field: list[str], needle: str) -> list[int]:
        """The positions of the rows of field ``k`` (many values) containing ``needle``."""
        joined = self._index.get(("text", k))
        if joined is None:
            starts = array("l", accumulate((len(t) + 1 for t in field), initial=0))
            joined = self._index[("text", k)] = ("\0".join(field), starts)
        text, starts = joined
        if text.count(needle) * 8 > len(field):  # in most rows: one test per row
            return [i for i, h in enumerate(field) if needle in h]
        out: list[int] = []
        find, at = text.find, 0
        while (hit := find(needle, at)) >= 0:
            row = bisect_right(starts, hit) - 1
            out.append(row)
            at = starts[row + 1]
        return out

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            if self._sort != (column, order):
                self._order = None
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

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # A repaint asks every visible cell for ~8 roles: the ones not answered here
        # return at the first test (measured: the paint of 40 rows went 35 -> 12 ms).
        if role not in _ANSWERED:
            return None
        r = index.row()  # -1 for an invalid index
        if not 0 <= r < self._shown:
            return None
        row = self._rows[r]
        col = self.columns[index.column()]
        if role == _DISPLAY:  # a yes/no column: a tick (read-only lists)
            return ("✓" if col.check(row) else "") if col.check else col.text(row, self.lang)
        if role == _ALIGN:
            return (CENTER if col.check else RIGHT) if (col.right or col.check) else None
        if role == RecordRole:
            return row
        if role == SortRole:
            return col.sort(row) if col.sort is not None else str(col.text(row, self.lang))
        if col.check is None:  # the tooltip
            text = col.text(row, self.lang)
            return text if isinstance(text, str) and len(text) > 24 else None
        return None
