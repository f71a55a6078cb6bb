"""The Conflicts view's two models: the waiting conflicts, and one conflict side by side.

:class:`ConflictListModel` lists :class:`db.sync.conflicts.Waiting` values (one row per
conflict); :class:`SidesModel` shows one conflict field by field — who made each
version, on which laptop and when, then each field that differs — and lets a person
tick, per field, the side to keep (:meth:`SidesModel.merged` builds that version).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from db.schema.offices import BY_CODE
from db.schema.words import WORDS, word
from desktop.kit.i18n import noop

Index = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole + 2
CHOSEN = QColor("#dcfce7")  # the side a field will take


def tr(text: str) -> str:
    return QCoreApplication.translate("Conflicts", text)


def when(moment: datetime, lang: str = "en") -> str:
    """The era in Japanese, ISO in English (UTC, as the headings say)."""
    from exports.labels import format_utc

    try:
        return format_utc(moment, lang)
    except (ValueError, OverflowError):
        return ""


def laptop(version: Any, lang: str) -> str:
    """Which laptop made a version: its name and office, "this laptop" for this one."""
    if version.here:
        return word("conflict.this_laptop", lang, name=version.laptop)
    if not version.laptop:
        return word("conflict.unknown_laptop", lang, device=version.sync.device_id[:8])
    office = BY_CODE.get(version.office)
    if office is None:
        return str(version.laptop)
    return word("conflict.laptop", lang, name=version.laptop, office=office.name(lang))


LIST_HEADERS = (
    noop("Conflicts", "#"),
    "sheet.record_type",  # a key of db.schema.words: a domain word, not the window's
    "history.record",
    noop("Conflicts", "Fields that differ"),
    noop("Conflicts", "Mine: made on, when (UTC)"),
    noop("Conflicts", "Theirs: made on, when (UTC)"),
    noop("Conflicts", "Detected (UTC)"),
)


class ConflictListModel(QAbstractTableModel):
    """The conflicts waiting for a person, one per row."""

    def __init__(self, lang: str = "ja", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802 - Qt's API
        return 0 if parent.isValid() else len(LIST_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(LIST_HEADERS)):  # fmt: skip
            text = LIST_HEADERS[section]
            return word(text, self.lang) if text in WORDS else tr(text)
        return None

    def text(self, w: Any, column: int) -> str:
        lang = self.lang
        if column == 0:
            return str(w.id)
        if column == 1:
            return word(w.kind.spec.noun, lang)
        if column == 2:
            return str(w.label)
        if column == 3:
            names = [word(s.label, lang) for s in w.differences]
            if w.deleted_differs:
                names.insert(0, word("conflict.deleted", lang))
            return word("list.separator", lang).join(names)
        if column in (4, 5):
            side = w.mine if column == 4 else w.theirs
            return f"{laptop(side, lang)}, {when(side.sync.updated_at, lang)}"
        return when(w.detected_at, lang)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        w = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(w, index.column())
        if role == RecordRole:
            return w
        return None


class SidesModel(QAbstractTableModel):
    """One conflict field by field: Field | Mine | Theirs. The first rows say who made
    each version and when; each differing field's Mine and Theirs cells are ticked to
    say which side the merged version takes (Mine, until a person ticks Theirs)."""

    def __init__(self, lang: str = "ja", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.conflict: Any = None
        self.facts: list[tuple[str, str, str]] = []  # the rows that are not choices
        self.take_theirs: list[bool] = []  # per differing field

    def set_conflict(self, conflict: Any) -> None:
        self.beginResetModel()
        self.conflict = conflict
        self.facts, self.take_theirs = [], []
        if conflict is not None:
            lang, mine, theirs = self.lang, conflict.mine, conflict.theirs
            self.facts = [
                (word("conflict.made_on", lang), laptop(mine, lang), laptop(theirs, lang)),
                (word("conflict.made_at", lang), when(mine.sync.updated_at, lang),
                 when(theirs.sync.updated_at, lang)),
            ]  # fmt: skip
            if conflict.deleted_differs:
                yes = {True: word("shown.yes", lang), False: word("shown.no", lang)}
                self.facts.append((word("conflict.deleted", lang), yes[mine.sync.deleted],
                                   yes[theirs.sync.deleted]))  # fmt: skip
            self.take_theirs = [False] * len(conflict.differences)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802 - Qt's API
        return 0 if parent.isValid() else len(self.facts) + len(self.take_theirs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802 - Qt's API
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            keys = ("conflict.field", "conflict.mine", "conflict.theirs")
            return word(keys[section], self.lang) if 0 <= section < 3 else None
        return None

    def _choice(self, index: Index) -> int | None:
        """The differing field a row shows (None for the rows that say who and when)."""
        n = index.row() - len(self.facts)
        return n if 0 <= n < len(self.take_theirs) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.conflict is None:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < self.rowCount() or not 0 <= column < 3:
            return None
        n = self._choice(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if n is None:
                return self.facts[row][column]
            shown = self.conflict.differences[n]
            if column == 0:
                return word(shown.label, self.lang)
            side = self.conflict.mine if column == 1 else self.conflict.theirs
            return shown.text(side.row, self.lang)
        if n is None or column == 0:
            if role == Qt.ItemDataRole.FontRole and n is None:
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(column == 0)
                return font
            return None
        picked = self.take_theirs[n] == (column == 2)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if picked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and picked:
            return QBrush(CHOSEN)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._choice(index) is not None and index.column() in (1, 2):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt's API
                role: int = Qt.ItemDataRole.EditRole) -> bool:  # fmt: skip
        n = self._choice(index) if index.isValid() else None
        if n is None or role != Qt.ItemDataRole.CheckStateRole or index.column() not in (1, 2):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        theirs = (index.column() == 2) == checked  # ticking one side unticks the other
        self.take_theirs[n] = theirs
        row = index.row()
        self.dataChanged.emit(self.index(row, 1), self.index(row, 2))
        return True

    def choose(self, n: int, theirs: bool) -> None:
        """Take field ``n`` (of the differing ones) from theirs, or mine."""
        column = 2 if theirs else 1
        self.setData(self.index(len(self.facts) + n, column), Qt.CheckState.Checked,
                     Qt.ItemDataRole.CheckStateRole)  # fmt: skip

    def merged(self) -> Any:
        """Mine, with the fields ticked on their side taken from theirs."""
        c = self.conflict
        picks = zip(c.differences, self.take_theirs, strict=True)
        taken = {s.name: getattr(c.theirs.row, s.name) for s, theirs in picks if theirs}
        return dataclasses.replace(c.mine.row, **taken)
