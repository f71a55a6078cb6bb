"""What every record form shares: errors shown beside their field, dates with a calendar
and the era beside them, a warning for dates outside the fiscal year, and OK that
checks the values (:func:`db.edit.check`) before closing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.errors import ValidationError
from db.fields import Field, FieldType
from db.fiscal import Period
from db.offices import OFFICES
from db.words import word


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordForm", text)


def _dark() -> bool:
    """Whether the system theme is dark (the window colour is darker than its text)."""
    palette = QApplication.palette()
    return palette.window().color().lightness() < palette.windowText().color().lightness()


def error_style() -> str:
    """Red that reads on a light or a dark theme."""
    return "color: #ff8a80" if _dark() else "color: #b3261e"


def warning_style() -> str:
    return "color: #ffcc66" if _dark() else "color: #9a6700"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def count_box() -> QSpinBox:
    """A count that may be unknown: the blank (shown as —) is None, never negative."""
    box = QSpinBox(minimum=-1, maximum=10_000_000)
    box.setSpecialValueText("—")
    box.setValue(-1)
    box.setGroupSeparatorShown(True)
    return box


def count_of(box: QSpinBox) -> int | None:
    return None if box.value() < 0 else box.value()


def set_count(box: QSpinBox, value: int | None) -> None:
    box.setValue(-1 if value is None else value)


def _widget(f: Field, lang: str, period: Period) -> QWidget | None:
    """An editor for a field of a simple type (None for types a form lays out by hand)."""
    kind = f.type
    if kind is FieldType.TEXT:
        return QLineEdit()
    if kind is FieldType.NOTE:
        box = QPlainTextEdit()
        box.setMaximumHeight(70)
        return box
    if kind is FieldType.COUNT:
        return count_box()
    if kind is FieldType.BOOL:
        return QCheckBox()
    if kind is FieldType.DATE:
        return date_edit(period.start)
    if kind is FieldType.CODE and f.enum is not None:
        combo = QComboBox()
        for member in f.enum:
            combo.addItem(member.label(lang), member.value)  # type: ignore[attr-defined]
        return combo
    return None


def _set(f: Field, widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(value or "")
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QSpinBox):
        set_count(widget, value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QDateEdit):
        if value is not None:
            widget.setDate(qdate(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(getattr(value, "value", value))))


def _get(f: Field, widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QSpinBox):
        return count_of(widget)
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QDateEdit):
        return pydate(widget.date())
    if isinstance(widget, QComboBox) and f.enum is not None:
        return f.enum(widget.currentData())
    return None


class DeclaredRows:
    """Rows of a form made from its kind's declaration (:mod:`db.kinds`) for the fields
    the form does not lay out by hand; the form provides ``kind``, ``lang``, ``period``,
    ``form`` (its QFormLayout), ``declared`` (empty at first) and ``with_error``."""

    kind: str
    lang: str
    period: Period
    form: QFormLayout
    declared: dict[str, tuple[Any, QWidget]]

    def with_error(self, name: str, widget: QWidget) -> QWidget:
        raise NotImplementedError

    def add_declared_fields(self, laid_out: set[str]) -> None:
        """A row for each field the kind declares that this form does not lay out by
        hand (``laid_out``): a widget by the field's type, its label in the UI's
        language, its error beside it. A field added to the declaration appears here."""
        from db.kinds import RecordKind

        for f in RecordKind(self.kind).spec.editable:
            if f.name in laid_out or f.name == "office_code":
                continue
            widget = _widget(f, self.lang, self.period)
            if widget is None:
                continue
            self.declared[f.name] = (f, widget)
            self.form.addRow(word(f.label, self.lang), self.with_error(f.name, widget))

    def load_declared(self, values: Any) -> None:
        for name, (f, widget) in self.declared.items():
            _set(f, widget, getattr(values, name))

    def declared_values(self) -> dict[str, Any]:
        """What the declared rows hold, by field name (for the values' dataclass)."""
        return {name: _get(f, widget) for name, (f, widget) in self.declared.items()}

    # Closing an edited form ---------------------------------------------------------------
    _opened_with: Any = None  # the values when the form was first shown

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if self._opened_with is None:
            self._opened_with = self._current_values()
        super().showEvent(event)  # type: ignore[misc]

    def _current_values(self) -> Any:
        try:
            return self.values()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a half-typed form: not comparable, but changed
            return object()

    def edited(self) -> bool:
        """Whether the person changed anything since the form was shown."""
        return self._opened_with is not None and self._current_values() != self._opened_with

    def ask_discard(self) -> bool:
        """Whether to throw away the changes (Escape or Cancel on an edited form)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, tr("Discard changes?"),
                          tr("You changed this record. Close the form and discard the changes?"),
                          parent=self)  # type: ignore[call-overload]  # fmt: skip
        discard = box.addButton(tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def reject(self) -> None:
        """Escape or Cancel: close at once if nothing changed, else ask first."""
        if self.edited() and not self.ask_discard():
            return
        super().reject()  # type: ignore[misc]

    # The History panel ---------------------------------------------------------------------
    history: Any = None  # the form's desktop.history_panel.HistoryPanel, once added
    restore_choice: tuple[int, str] | None = None  # (version, device) a person brought back

    def add_history(self, db: Any, uuid: str) -> Any:
        """Show the record's versions under the fields, above the buttons; choosing to
        bring one back closes the form with :attr:`restore_choice` set (the page makes
        that version current, as a new version)."""
        from desktop.history_panel import HistoryPanel, connect_form

        panel = HistoryPanel(db, self.kind, uuid, self.lang, self)  # type: ignore[arg-type]
        connect_form(self, panel)
        layout = self.layout()  # type: ignore[attr-defined]
        layout.insertWidget(layout.count() - 1, panel)  # the buttons stay last
        self.history = panel
        return panel


class RecordForm(DeclaredRows, QDialog):
    """A form of fields (``form``), an error label per field, the warning and OK/Cancel."""

    kind = ""
    era_span_shown = True  # in Japanese, the dates in the era under the fields

    def __init__(self, period: Period, lang: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.period, self.lang = period, lang
        self.errors: dict[str, QLabel] = {}
        self.declared: dict[str, tuple[Any, QWidget]] = {}  # rows made from the declaration
        self.office = QComboBox()
        for o in OFFICES:
            self.office.addItem(o.name(lang), o.code)
        self.form = QFormLayout()
        self.era_span = QLabel()  # in Japanese: the dates' era, for forms with stops
        self.era_span.hide()
        self.warning = QLabel()
        self.warning.setStyleSheet(warning_style())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.era_span)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)

    def with_error(self, name: str, widget: QWidget) -> QWidget:
        label = QLabel()
        label.setStyleSheet(error_style())
        label.setWordWrap(True)
        label.hide()
        self.errors[name] = label
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(label)
        return holder

    def values(self) -> Any:
        raise NotImplementedError

    def first_day(self) -> date | None:
        """The date checked against the fiscal year on screen."""
        return None

    def last_day(self) -> date | None:
        return None

    def dates_changed(self) -> None:
        first, last = self.first_day(), self.last_day()
        if self.era_span_shown and self.lang == "ja" and first is not None and last is not None:
            from db.fiscal import format_era_date

            span = format_era_date(first)
            span = span if last == first else f"{span} 〜 {format_era_date(last)}"
            self.era_span.setText(tr("Dates: {span}").format(span=span))  # labelled, not stray
            self.era_span.show()
        day = first
        outside = day is not None and day not in self.period
        text = tr("The date is outside the fiscal year on screen.") if outside else ""
        self.warning.setText(text)

    def show_error(self, field: str | None, message: str) -> None:
        for label in self.errors.values():
            label.hide()
        label = self.errors.get(field or "") or next(iter(self.errors.values()))
        label.setText(message)
        label.show()

    def explain(self, error: ValidationError) -> tuple[str, str] | None:
        """A rule's refusal said better by the form: (field, translated text), or None."""
        return None

    def accept(self) -> None:
        from db.edit import check

        try:
            check(self.values(), self.kind)
        except ValidationError as exc:
            self.show_error(*(self.explain(exc) or (exc.field, exc.text(self.lang))))
            return
        super().accept()


# The editors of simple field types, for forms laid out wholly from a declaration
# (desktop.declared_form).
editor_for, set_editor, editor_value = _widget, _set, _get
