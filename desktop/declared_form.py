"""A record form made wholly from its kind's declaration (:mod:`db.kinds`): seminars,
publications, media work, cooking events, research requests, seconded staff.

Each declared field gets an editor by its type, in declaration order, labelled in the
form's language with its error beside it: texts, notes, counts, yes/no, codes (a
list), several codes (check boxes), a country (a list with completion), a date, or an
optional date (a check box beside it: unticked is none). Rows of a child table (a
seminar's sessions) are a small table whose columns are the child's declared fields,
placed where the record's derived first day stands; a list of names (local
governments) is typed with completion from the names entered before, as in the event
form. OK runs the same rules a save runs (:class:`desktop.form_base.RecordForm`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from db.fields import Child, Field, FieldType, defaults
from db.fiscal import Period
from db.kinds import KindSpec, RecordKind
from db.words import word
from desktop.date_field import DateField
from desktop.form_base import RecordForm, date_edit, pydate, qdate
from desktop.form_base import editor_for as simple_widget
from desktop.form_base import editor_value as simple_get
from desktop.form_base import set_editor as simple_set
from desktop.tasks import Task

if TYPE_CHECKING:
    from db.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordForm", text)


class OptionalDate(QWidget):
    """A date that may be none: a check box, and the date when it is ticked."""

    changed = Signal()

    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.has = QCheckBox(tr("Known"))
        self.day = date_edit(day)
        self.day.setEnabled(False)
        self.has.toggled.connect(self.day.setEnabled)
        self.has.toggled.connect(lambda _on: self.changed.emit())
        self.day.dateChanged.connect(lambda _d: self.changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has)
        row.addWidget(self.day)
        row.addStretch()

    def value(self) -> date | None:
        return pydate(self.day.date()) if self.has.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.has.setChecked(value is not None)
        if value is not None:
            self.day.setDate(qdate(value))


class CodeChecks(QWidget):
    """Several codes of an enum: a check box each, in rows of four."""

    def __init__(self, f: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert f.enum is not None
        self.enum = f.enum
        self.boxes = {m: QCheckBox(m.label(lang)) for m in f.enum}  # type: ignore[attr-defined]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.boxes.values()):
            grid.addWidget(box, n // 4, n % 4)

    def value(self) -> tuple[Any, ...]:
        return tuple(m for m, box in self.boxes.items() if box.isChecked())

    def set_value(self, codes: Any) -> None:
        chosen = {str(c) for c in codes or ()}
        for m, box in self.boxes.items():
            box.setChecked(str(m.value) in chosen)


def _country(lang: str, code: str | None) -> QComboBox:
    from desktop.stops_table import country_box

    return country_box(lang, code)


def _country_of(box: QComboBox) -> str | None:
    """The chosen country's code, what was typed if it names none (the rules say so),
    or None when the box is blank (a required country is then said to be missing)."""
    from desktop.stops_table import country_of

    return country_of(box) or None


def _with_names(edit: QLineEdit, names: QStringListModel) -> QLineEdit:
    completer = QCompleter(names, edit)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    edit.setCompleter(completer)
    return edit


class ChildRows(QWidget):
    """A child table's rows (a seminar's sessions): one column per declared field."""

    changed = Signal()  # a date was changed, or a row added or removed

    def __init__(self, child: Child, lang: str, default_day: date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.child, self.lang, self.default_day = child, lang, default_day
        self.fields = child.fields
        self.table = QTableWidget(0, len(self.fields))
        self.table.setHorizontalHeaderLabels([word(f.label, lang) for f in self.fields])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, f in enumerate(self.fields):
            self.table.setColumnWidth(column, _column_width(f))
            if f.type is FieldType.TEXT and f.max_length and f.max_length >= 300:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(120)
        add, remove = QPushButton(tr("Add")), QPushButton(tr("Remove"))
        add.clicked.connect(lambda: self.add())
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _editor(self, f: Field, value: Any) -> QWidget:
        if f.type is FieldType.DATE:
            edit = date_edit(value or self._next_day())
            edit.dateChanged.connect(lambda _d: self.changed.emit())
            return edit
        if f.type is FieldType.COUNTRY:
            return _country(self.lang, value)
        if f.type is FieldType.BOOL:
            box = QCheckBox()
            box.setChecked(bool(value))
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(box, alignment=Qt.AlignmentFlag.AlignCenter)
            return holder
        made = simple_widget(f, self.lang, Period(self.default_day, self.default_day))
        widget = made if made is not None else QLineEdit()
        simple_set(f, widget, value)
        return widget

    def _value(self, f: Field, widget: QWidget) -> Any:
        if f.type is FieldType.COUNTRY:
            assert isinstance(widget, QComboBox)
            return _country_of(widget)
        if f.type is FieldType.BOOL:
            box = widget.findChild(QCheckBox)
            return bool(box and box.isChecked())
        return simple_get(f, widget)

    def add(self, row_values: Any = None) -> int:
        """Append a row (empty, or showing ``row_values``); return its index."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        given = defaults(self.child.row_type)
        days: dict[str, DateField] = {}
        for column, f in enumerate(self.fields):
            if row_values is not None:
                value = getattr(row_values, f.name)
            elif f.after in days:  # a new row ends on its first day
                value = pydate(days[f.after].date())
            else:
                value = given.get(f.name)
            editor = self._editor(f, value)
            if isinstance(editor, DateField):
                days[f.name] = editor
            self.table.setCellWidget(row, column, editor)
        self.table.setRowHeight(row, 30)
        self.changed.emit()
        return row

    def _next_day(self) -> date:
        """A new row's first day: the day the row above ends, or the year's first."""
        rows = self.table.rowCount() - 1  # the row being made is already inserted
        dates = [c for c, f in enumerate(self.fields) if f.type is FieldType.DATE]
        if rows > 0 and dates:
            last = self.table.cellWidget(rows - 1, dates[-1])
            if isinstance(last, DateField):
                return pydate(last.date())
        return self.default_day

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        for row in rows:
            self.table.removeRow(row)
        self.changed.emit()

    def set_rows(self, rows: Any) -> None:
        self.table.setRowCount(0)
        for r in rows:
            self.add(r)

    def rows(self) -> tuple[Any, ...]:
        out = []
        for r in range(self.table.rowCount()):
            values = {f.name: self._value(f, self.table.cellWidget(r, c))
                      for c, f in enumerate(self.fields)}  # fmt: skip
            out.append(self.child.row_type(**values))
        return tuple(out)


def _column_width(f: Field) -> int:
    return {FieldType.DATE: 112, FieldType.COUNTRY: 130, FieldType.BOOL: 44,
            FieldType.COUNT: 84, FieldType.CODE: 116}.get(f.type, 200)  # fmt: skip


class DeclaredForm(RecordForm):
    """The form of a record kind laid out from its declaration (see the module's text)."""

    era_span_shown = False  # the sessions' table shows each session's dates

    def __init__(self, kind: str, db: Database, period: Period, values: Any = None,
                 lang: str = "ja", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(period, lang, parent)
        self.kind = kind
        spec: KindSpec = RecordKind(kind).spec
        self.spec = spec
        noun = word(spec.noun, lang)
        self.setWindowTitle(noun[:1].upper() + noun[1:])
        self.names = QStringListModel([], self)  # local governments entered before
        self.editors: dict[str, tuple[Field, QWidget]] = {}
        self.rows: dict[str, ChildRows] = {}
        self.lists: dict[str, Any] = {}
        self.form.addRow(tr("Office"), self.office)
        stops = [c for c in spec.children if not c.scalar]
        for f in spec.fields:
            if f.name == "office_code" or not f.in_form:
                continue
            if f.derived:  # set from other fields; a first day stands for the sessions
                if f.type is FieldType.DATE:
                    for child in stops:
                        self._add_rows(child)
                continue
            self._add_field(f)
        for child in spec.children:
            if child.scalar:
                self._add_names(child)
            elif child.attr not in self.rows:
                self._add_rows(child)
        self._read_known_names(db)
        hint = self.sizeHint()  # no more height than the rows need: none left to spread
        self.resize(max(hint.width(), 980 if self.rows else 640), hint.height())
        if values is not None:
            self.load(values)
        else:
            for rows in self.rows.values():
                rows.add()
        self.dates_changed()

    def _add_field(self, f: Field) -> None:
        widget: QWidget | None
        if f.type is FieldType.DATE and not f.required:
            widget = OptionalDate(self.period.start)
            widget.changed.connect(self.dates_changed)
        elif f.type is FieldType.CODES:
            widget = CodeChecks(f, self.lang)
        elif f.type is FieldType.COUNTRY:
            widget = _country(self.lang, None)
        else:
            widget = simple_widget(f, self.lang, self.period)
            if isinstance(widget, DateField):
                widget.dateChanged.connect(lambda _d: self.dates_changed())
            if isinstance(widget, QLineEdit) and f.local_government:
                _with_names(widget, self.names)
        if widget is None:  # a type no editor is made for (none declared yet)
            return
        self.editors[f.name] = (f, widget)
        self.form.addRow(word(f.label, self.lang), self.with_error(f.name, widget))

    def _add_rows(self, child: Child) -> None:
        rows = ChildRows(child, self.lang, self.period.start)
        rows.changed.connect(self.dates_changed)
        self.rows[child.attr] = rows
        self.form.addRow(word(child.label, self.lang), self.with_error(child.attr, rows))

    def _add_names(self, child: Child) -> None:
        from desktop.record_forms import NamesList

        names = NamesList([])
        names.entry.completer().setModel(self.names)
        self.lists[child.attr] = names
        self.form.addRow(word(child.label, self.lang), self.with_error(child.attr, names))

    def _read_known_names(self, db: Database) -> None:
        from db.lookups import known_local_governments

        Task(self, lambda: known_local_governments(db)).success(
            self.names.setStringList).run()  # fmt: skip

    def load(self, values: Any) -> None:
        self.office.setCurrentIndex(self.office.findData(values.office_code))
        for name, (f, widget) in self.editors.items():
            value = getattr(values, name)
            if isinstance(widget, OptionalDate | CodeChecks):
                widget.set_value(value)
            elif f.type is FieldType.COUNTRY:
                assert isinstance(widget, QComboBox)
                widget.setCurrentIndex(widget.findData(value) if value else -1)
            else:
                simple_set(f, widget, value)
        for attr, rows in self.rows.items():
            rows.set_rows(getattr(values, attr))
        for attr, names in self.lists.items():
            names.set_names(getattr(values, attr))

    def values(self) -> Any:
        out: dict[str, Any] = {"office_code": self.office.currentData()}
        for name, (f, widget) in self.editors.items():
            if isinstance(widget, OptionalDate | CodeChecks):
                out[name] = widget.value()
            elif f.type is FieldType.COUNTRY:
                assert isinstance(widget, QComboBox)
                out[name] = _country_of(widget)
            else:
                out[name] = simple_get(f, widget)
        for attr, rows in self.rows.items():
            out[attr] = rows.rows()
        for attr, names in self.lists.items():
            out[attr] = names.names()
        return self.spec.row_type(**out)

    def first_day(self) -> date | None:
        for rows in self.rows.values():
            return min((r.start_date for r in rows.rows()), default=None)
        found = self.editors.get(self.spec.date_field)
        if found is None:
            return None
        widget = found[1]
        return pydate(widget.date()) if isinstance(widget, DateField) else None

    def last_day(self) -> date | None:
        for rows in self.rows.values():
            return max((r.end_date for r in rows.rows()), default=None)
        ends = [f.name for f in self.spec.fields if f.after == self.spec.date_field]
        found = self.editors.get(ends[0]) if ends else None
        if found is not None and isinstance(found[1], OptionalDate):
            return found[1].value() or self.first_day()
        return self.first_day()
