"""Every record kind's form, made from its declaration (:mod:`db.schema.kinds`), with the
kind's hooks (:mod:`desktop.forms.hooks`) where a kind needs more (a case's suggested
requester category, an issue's newsletter titles).

Each declared field gets an editor by its type, in declaration order, labelled in the
form's language with its error beside it: texts, notes, counts, yes/no, codes (a
list), several codes (check boxes), a country (a list with completion), a date, an
optional date (a check box beside it: unticked is none), or a list of short texts
(languages: "ja, en"). Rows of a child table (an event's legs, a seminar's sessions)
are a small table whose columns are the child's declared fields, placed where the
record's derived first day stands; a list of names (local governments) is typed with
completion from the names entered before. A new record's editors start at the
declared defaults. OK runs the same rules a save runs
(:class:`desktop.forms.base.RecordForm`). :meth:`DeclaredForm.editor` gives the widget
that edits a field (hooks and tests reach fields through it).
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
    QListWidget,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from db.schema.countries import codes, country_name, language_code, language_name
from db.schema.errors import ValidationError
from db.schema.fields import Child, Field, FieldType, defaults
from db.schema.fiscal import Period
from db.schema.kinds import KindSpec, RecordKind
from db.schema.words import word
from desktop.forms.base import RecordForm, date_edit, pydate, qdate
from desktop.forms.base import editor_for as simple_widget
from desktop.forms.base import editor_value as simple_get
from desktop.forms.base import set_editor as simple_set
from desktop.forms.date_field import DateField, least_width
from desktop.kit.tasks import Task

if TYPE_CHECKING:
    from db.storage.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordForm", text)


class OptionalDate(QWidget):
    """A date that may be none: a check box, and the date when it is ticked."""

    changed = Signal()

    def __init__(self, day: date, parent: QWidget | None = None, lang: str = "en") -> None:
        super().__init__(parent)
        self.has = QCheckBox(tr("Known"))
        self.day = date_edit(day, lang)
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


class TextsEdit(QLineEdit):
    """A list of short texts typed on one line, split at commas (, or 、). Languages
    (a field declared ``languages``) are shown by their names in the window's language
    and read back from a name in either language or a code (英語, English, en)."""

    def __init__(self, f: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.languages, self.lang = f.languages, lang
        self.separator = "、" if lang == "ja" else ", "
        if f.languages:  # e.g. 日本語、英語: words, not codes (issue #25)
            self.setPlaceholderText(self.separator.join(self._shown(("ja", "en"))))

    def _shown(self, texts: Any) -> list[str]:
        return [language_name(t, self.lang) if self.languages else t for t in texts or ()]

    def value(self) -> tuple[str, ...]:
        parts = [x.strip() for x in self.text().replace("、", ",").split(",") if x.strip()]
        return tuple(language_code(x) if self.languages else x for x in parts)

    def set_value(self, texts: Any) -> None:
        self.setText(self.separator.join(self._shown(texts)))


class NamesList(QWidget):
    """A list of names typed one at a time with completion; Enter or Add appends."""

    def __init__(self, known: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = QLineEdit(placeholderText=tr("Type a name, then Enter"))
        self.known = QStringListModel(known, self)
        completer = QCompleter(self.known, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.entry.setCompleter(completer)
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        add, remove = QPushButton(tr("Add")), QPushButton(tr("Remove"))
        add.clicked.connect(self.add_typed)
        remove.clicked.connect(self.remove_selected)
        self.entry.returnPressed.connect(self.add_typed)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def set_known(self, names: list[str]) -> None:
        """The names the entry completes from."""
        self.known.setStringList(names)

    def add_typed(self) -> None:
        name = self.entry.text().strip()
        if name and name not in self.names():
            self.list.addItem(name)
        self.entry.clear()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def names(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).text() for i in range(self.list.count()))

    def set_names(self, names: Any) -> None:
        self.list.clear()
        self.list.addItems(list(names))


def country_box(lang: str, code: str | None = None) -> QComboBox:
    """Every country by name in ``lang`` (data: its code), editable with completion:
    type "フラ" or "Fra" and pick France."""
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


def _country(lang: str, code: str | None) -> QComboBox:
    return country_box(lang, code)


def _country_of(box: QComboBox) -> str | None:
    """The chosen country's code, what was typed if it names none (the rules say so),
    or None when the box is blank (a required country is then said to be missing)."""
    index = box.findText(box.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    return (str(box.itemData(index)) if index >= 0 else box.currentText().strip()) or None


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
            width = _column_width(f)
            if f.type is FieldType.DATE:  # the date whole beside its calendar button
                width = max(width, least_width(self.table, lang))
            heading = header.sectionSizeFromContents(column).width()  # "Approx" whole
            self.table.setColumnWidth(column, max(width, heading))
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
            edit = date_edit(value or self._next_day(), self.lang)
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

    def widget(self, row: int, column: int) -> Any:
        """The editor of a cell (column: the child's field's place in its declaration)."""
        return self.table.cellWidget(row, column)

    def unknown_country(self) -> str | None:
        """The first country typed that names none (said before the rules refuse it)."""
        known = codes()
        for r in range(self.table.rowCount()):
            for c, f in enumerate(self.fields):
                if f.type is FieldType.COUNTRY:
                    box = self.table.cellWidget(r, c)
                    assert isinstance(box, QComboBox)
                    typed = _country_of(box)
                    if typed is not None and typed.upper() not in known:
                        return typed
        return None

    def rows(self) -> tuple[Any, ...]:
        out = []
        for r in range(self.table.rowCount()):
            values = {f.name: self._value(f, self.table.cellWidget(r, c))
                      for c, f in enumerate(self.fields)}  # fmt: skip
            out.append(self.child.row_type(**values))
        return tuple(out)


def _column_width(f: Field) -> int:
    return {FieldType.DATE: 128, FieldType.COUNTRY: 140, FieldType.BOOL: 44,
            FieldType.COUNT: 84, FieldType.CODE: 116}.get(f.type, 200)  # fmt: skip


class DeclaredForm(RecordForm):
    """The form of a record kind laid out from its declaration (see the module's text)."""

    def __init__(self, kind: str, db: Database, period: Period, values: Any = None,
                 lang: str = "ja", parent: QWidget | None = None) -> None:  # fmt: skip
        from desktop.forms.hooks import hooks_of

        super().__init__(period, lang, parent)
        self.kind, self.db = kind, db
        spec: KindSpec = RecordKind(kind).spec
        self.spec = spec
        self.hooks = hooks_of(kind)
        self.era_span_shown = self.hooks.era_span_shown
        noun = word(spec.noun, lang)
        self.setWindowTitle(noun[:1].upper() + noun[1:])
        self.names = QStringListModel([], self)  # local governments entered before
        self.editors: dict[str, tuple[Field, QWidget]] = {}
        self.rows: dict[str, ChildRows] = {}
        self.lists: dict[str, NamesList] = {}
        self.form.addRow(word("field.office", lang), self.office)
        stops = [c for c in spec.children if not c.scalar]
        for f in spec.fields:
            if f.name == "office_code" or not f.in_form:
                continue
            if f.derived:  # set from other fields; a first day stands for the legs
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
        self.hooks.ready(self)
        hint = self.sizeHint()  # no more height than the rows need: none left to spread
        self.resize(max(hint.width(), 980 if self.rows else 640), hint.height())
        if values is not None:
            self.load(values)
        else:
            self._start_blank()
        self.dates_changed()

    def editor(self, name: str) -> Any:
        """The widget that edits field ``name``: its editor (a line, a list, a
        :class:`CodeChecks`, an :class:`OptionalDate`...), a child table's
        :class:`ChildRows`, or a list of names' :class:`NamesList`."""
        if name in self.editors:
            return self.editors[name][1]
        return self.rows.get(name) or self.lists[name]

    def _add_field(self, f: Field) -> None:
        widget: QWidget | None = self.hooks.editor(self, f)
        if widget is not None:
            pass
        elif f.type is FieldType.DATE and not f.required:
            widget = OptionalDate(self.period.start, lang=self.lang)
            widget.changed.connect(self.dates_changed)
        elif f.type is FieldType.CODES:
            widget = CodeChecks(f, self.lang)
        elif f.type is FieldType.COUNTRY:
            widget = _country(self.lang, None)
        elif f.type is FieldType.TEXTS:
            widget = TextsEdit(f, self.lang)
        else:
            widget = simple_widget(f, self.lang, self.period)
            if isinstance(widget, DateField):
                widget.dateChanged.connect(lambda _d: self.dates_changed())
                widget.textChanged.connect(lambda _t: self.dates_changed())  # a non-date
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
        names = NamesList([])
        completer = names.entry.completer()
        assert completer is not None
        completer.setModel(self.names)
        self.lists[child.attr] = names
        self.form.addRow(word(child.label, self.lang), self.with_error(child.attr, names))

    def _read_known_names(self, db: Database) -> None:
        from db.read.lookups import known_local_governments

        Task(self, lambda: known_local_governments(db)).success(
            self.names.setStringList).run()  # fmt: skip

    def _start_blank(self) -> None:
        """A new record: each editor at its field's declared default, a first row in
        each child table, then what the kind's hooks add."""
        given = defaults(self.spec.row_type)
        for name, (f, widget) in self.editors.items():
            if name in given:
                self._set(f, widget, given[name])
        for rows in self.rows.values():
            rows.add()
        self.hooks.blank(self)

    def _set(self, f: Field, widget: QWidget, value: Any) -> None:
        setter = getattr(widget, "set_value", None)
        if setter is not None:
            setter(value)
        elif f.type is FieldType.COUNTRY:
            assert isinstance(widget, QComboBox)
            widget.setCurrentIndex(widget.findData(value) if value else -1)
        else:
            simple_set(f, widget, value)

    def load(self, values: Any) -> None:
        self.office.setCurrentIndex(self.office.findData(values.office_code))
        for name, (f, widget) in self.editors.items():
            self._set(f, widget, getattr(values, name))
        for attr, rows in self.rows.items():
            rows.set_rows(getattr(values, attr))
        for attr, names in self.lists.items():
            names.set_names(getattr(values, attr))
        self.hooks.loaded(self, values)

    def values(self) -> Any:
        out: dict[str, Any] = {"office_code": self.office.currentData()}
        for name, (f, widget) in self.editors.items():
            if hasattr(widget, "set_value"):  # an editor of the form's own (or a hook's)
                out[name] = widget.value()  # type: ignore[attr-defined]
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

    def explain(self, error: ValidationError) -> tuple[str, str] | None:
        """A country typed that names none is said as such, under its table."""
        if error.detail != "country":
            return None
        for attr, rows in self.rows.items():
            unknown = rows.unknown_country()
            if unknown is not None:
                return attr, unknown_country_message(unknown)
        return None

    def first_day(self) -> date | None:
        for rows in self.rows.values():
            return min((r.start_date for r in rows.rows()), default=None)
        found = self.editors.get(self.spec.date_field)
        if found is None:
            return None
        widget = found[1]
        if isinstance(widget, DateField):
            return pydate(widget.date()) if widget.problem() is None else None
        return None

    def last_day(self) -> date | None:
        for rows in self.rows.values():
            return max((r.end_date for r in rows.rows()), default=None)
        ends = [f.name for f in self.spec.fields if f.after == self.spec.date_field]
        found = self.editors.get(ends[0]) if ends else None
        if found is not None and isinstance(found[1], OptionalDate):
            return found[1].value() or self.first_day()
        return self.first_day()
