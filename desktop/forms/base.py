"""What every record form shares: errors shown beside their field, dates with a calendar
and the era beside them, a warning for dates outside the fiscal year, and OK that
checks the values (:func:`db.records.edit.check`) before closing.

Forms keep what was typed or say why not (issue #19), here and so in every form
(:mod:`desktop.forms.declared`): each field of the kind has its own error line under it;
an error a field's own rules do not explain goes to a line of the form's own, never
under another field; an error clears as soon as the field is fixed; a text says its
length limit (the declaration's ``max_length``, one place) as a hint and, once past
it, as an error while it is typed; a date is typed as text and an impossible one
(2023-02-30) is an error on its field (:mod:`desktop.forms.date_field`), not another day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
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

from db.schema.errors import ValidationError
from db.schema.fields import Field, FieldType
from db.schema.fiscal import Period
from db.schema.offices import OFFICES
from db.schema.words import Message, Term
from desktop.forms.date_field import DateField


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


def date_edit(day: date, lang: str = "en") -> DateField:
    """A date typed as text (kept as typed), with a calendar button; shown as the
    window's language writes dates (令和 in Japanese), any form read."""
    return DateField(day, lang=lang)


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
        return date_edit(period.start, lang)
    if kind is FieldType.CODE and f.enum is not None:
        combo = QComboBox()
        for member in f.enum:
            combo.addItem(member.label(lang), member.value)  # type: ignore[attr-defined]
        return combo
    return None


def _set(f: Field, widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateField):
        if value is not None:
            widget.setDate(qdate(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(value or "")
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QSpinBox):
        set_count(widget, value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(getattr(value, "value", value))))


def _get(f: Field, widget: QWidget) -> Any:
    if isinstance(widget, DateField):
        return pydate(widget.date())
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QSpinBox):
        return count_of(widget)
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox) and f.enum is not None:
        return f.enum(widget.currentData())
    return None


class DeclaredRows:
    """What a record form does around its fields: asking before an edited form is
    closed, and the History panel (the form provides ``kind``, ``values()`` and its
    layout)."""

    kind: str
    lang: str

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
    history: Any = None  # the form's desktop.forms.history_panel.HistoryPanel, once added
    restore_choice: tuple[int, str] | None = None  # (version, device) a person brought back

    def add_history(self, db: Any, uuid: str) -> Any:
        """Show the record's versions under the fields, above the buttons; choosing to
        bring one back closes the form with :attr:`restore_choice` set (the page makes
        that version current, as a new version)."""
        from desktop.forms.history_panel import HistoryPanel, connect_form

        panel = HistoryPanel(db, self.kind, uuid, self.lang, self)  # type: ignore[arg-type]
        connect_form(self, panel)
        layout = self.layout()  # type: ignore[attr-defined]
        layout.insertWidget(layout.count() - 1, panel)  # the buttons stay last
        self.history = panel
        return panel


ERROR_FIELD = "error_field"  # the property naming the field a with_error holder is for


def _text_of(widget: QWidget) -> str | None:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    return None


def _inputs(widget: QWidget) -> list[QWidget]:
    """The widget and the input widgets inside it (a row of dates, a table's cells)."""
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QAbstractSpinBox)
    found: list[QWidget] = [widget] if isinstance(widget, kinds) else []
    return found + [w for w in widget.findChildren(QWidget) if isinstance(w, kinds)]


class RecordForm(DeclaredRows, QDialog):
    """A form of fields (``form``), an error line under each field, a line for errors
    of no field, the warning and OK/Cancel (see the module's text)."""

    kind = ""
    era_span_shown = True  # in Japanese, the dates in the era under the fields

    def __init__(self, period: Period, lang: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.period, self.lang = period, lang
        self.errors: dict[str, QLabel] = {}
        self.office = QComboBox()
        for o in OFFICES:
            self.office.addItem(o.name(lang), o.code)
        self.form = QFormLayout()
        self.era_span = QLabel()  # in Japanese: the dates' era, for forms with stops
        self.era_span.hide()
        self.general_error = QLabel()  # an error no field of the form shows
        self.general_error.setStyleSheet(error_style())
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.warning = QLabel()
        self.warning.setStyleSheet(warning_style())
        from desktop.forms.stale import StaleBar

        self.stale = StaleBar(error_style(), self)  # someone else saved it meanwhile
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.era_span)
        layout.addWidget(self.general_error)
        layout.addWidget(self.warning)
        layout.addWidget(self.stale)
        layout.addWidget(self.buttons)

    def with_error(self, name: str, widget: QWidget) -> QWidget:
        """The widget with its error line under it; the line clears when it is fixed."""
        label = QLabel()
        label.setStyleSheet(error_style())
        label.setWordWrap(True)
        label.hide()
        self.errors[name] = label
        holder = QWidget()
        holder.setProperty(ERROR_FIELD, name)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(label)
        self._watch(name, widget)
        self._hint(name, widget)
        return holder

    # Fields, their limits and their errors ------------------------------------------------
    def _field(self, name: str) -> Field | None:
        from db.schema.kinds import RecordKind

        if not self.kind:
            return None
        return next((f for f in RecordKind(self.kind).spec.fields if f.name == name), None)

    def _hint(self, name: str, widget: QWidget) -> None:
        """Say a text's length limit (its declaration's) where it is typed."""
        f = self._field(name)
        if f is None or f.max_length is None or _text_of(widget) is None:
            return
        said = tr("Up to {n} characters").format(n=f"{f.max_length:,}")
        if isinstance(widget, QLineEdit | QPlainTextEdit) and not widget.placeholderText():
            widget.setPlaceholderText(said)
        widget.setToolTip(said)

    def _watch(self, name: str, widget: QWidget) -> None:
        for w in _inputs(widget):
            if isinstance(w, QLineEdit):
                w.textChanged.connect(lambda _t, n=name: self.recheck(n))
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(lambda n=name: self.recheck(n))
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(lambda _i, n=name: self.recheck(n))
                if w.isEditable():
                    w.editTextChanged.connect(lambda _t, n=name: self.recheck(n))
            elif isinstance(w, QCheckBox):
                w.toggled.connect(lambda _on, n=name: self.recheck(n))
            elif isinstance(w, QAbstractSpinBox):
                w.editingFinished.connect(lambda n=name: self.recheck(n))

    def _too_long(self, name: str) -> str | None:
        f = self._field(name)
        label = self.errors.get(name)
        holder = label.parentWidget() if label is not None else None
        if f is None or f.max_length is None or holder is None:
            return None
        for w in _inputs(holder):
            text = _text_of(w)
            if text is not None and not isinstance(w, DateField) and len(text) > f.max_length:
                return Message("rule.too_long", {"field": Term(f.label), "limit": f.max_length,
                                                 "length": len(text)}).text(self.lang)  # fmt: skip
        return None

    def field_of(self, widget: QWidget) -> str | None:
        """The field whose error line stands under ``widget`` (through its holders)."""
        found: QWidget | None = widget
        while found is not None and found is not self:
            name = found.property(ERROR_FIELD)
            if isinstance(name, str):
                return name
            found = found.parentWidget()
        return None

    def problem(self) -> tuple[str, str] | None:
        """What keeps the form from being saved: (field, translated text), or None. A
        date that does not exist comes first (the values cannot even be read)."""
        from db.records.edit import check

        for edit in self.findChildren(DateField):
            why = edit.problem() if edit.isEnabled() else None
            if why is not None:
                return self.field_of(edit) or "", why
        try:
            check(self.values(), self.kind)
        except ValidationError as exc:
            return self.explain(exc) or (exc.field or "", exc.text(self.lang))
        return None

    def recheck(self, name: str) -> None:
        """A field changed: its error goes once it is fixed (or says what is wrong now);
        a text past its limit says so while it is typed."""
        label = self.errors.get(name)
        if label is None:
            return
        long = self._too_long(name)
        if long is not None:
            label.setText(long)
            label.show()
            return
        if label.isHidden() and self.general_error.isHidden():
            return
        found = self.problem()
        if not label.isHidden():
            if found is not None and self.errors.get(found[0]) is label:
                label.setText(found[1])
            else:
                label.hide()
        if not self.general_error.isHidden():
            if found is not None and found[0] not in self.errors:
                self.general_error.setText(found[1])
            else:
                self.general_error.hide()

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
            from db.schema.fiscal import format_era_date

            span = format_era_date(first)
            span = span if last == first else f"{span} 〜 {format_era_date(last)}"
            self.era_span.setText(tr("Dates: {span}").format(span=span))  # labelled, not stray
            self.era_span.show()
        else:  # no date to show (one typed that does not exist): no stale one either
            self.era_span.hide()
        day = first
        outside = day is not None and day not in self.period
        text = tr("The date is outside the fiscal year on screen.") if outside else ""
        self.warning.setText(text)

    def show_error(self, field: str | None, message: str) -> None:
        """The error under its field's line, or on the form's own line (never under
        another field)."""
        for label in self.errors.values():
            label.hide()
        self.general_error.hide()
        label = self.errors.get(field or "") or self.general_error
        label.setText(message)
        label.show()

    def explain(self, error: ValidationError) -> tuple[str, str] | None:
        """A rule's refusal said better by the form: (field, translated text), or None."""
        return None

    # Saving -----------------------------------------------------------------------------
    saving: Callable[[Any], bool] | None = None
    """Set by the page for an edit: writes the values (OK); False when it was refused
    (someone else changed the record since: :meth:`say_stale`) and the form stays open."""

    def say_stale(self, message: str, theirs: Any, *, deleted: bool = False,
                  beside: Any = ()) -> None:  # fmt: skip
        """The save was refused, ``message`` says why (one line); the typed values stay.
        Offer to save them over ``theirs`` (OK again: the page now saves over the
        version it read), or to take ``theirs`` into the form (a deleted record: close);
        ``beside``: (field, mine, theirs) texts of the fields that differ."""

        def take() -> None:
            self.load(theirs)
            self._opened_with = self._current_values()  # nothing of mine left to lose
            if deleted:
                QDialog.reject(self)

        self.stale.say(message, self.accept, take, deleted=deleted, beside=beside)

    def load(self, values: Any) -> None:
        """Show ``values`` in the fields (a form that can be filled again says how)."""
        raise NotImplementedError

    def accept(self) -> None:
        found = self.problem()
        if found is not None:
            self.show_error(*found)
            for name, label in self.errors.items():  # and every text past its limit
                long = self._too_long(name)
                if long is not None:
                    label.setText(long)
                    label.show()
            return
        self.stale.hide()
        if self.saving is not None and not self.saving(self.values()):
            return
        super().accept()


# The editors of simple field types, for the forms laid out from a declaration
# (desktop.forms.declared).
editor_for, set_editor, editor_value = _widget, _set, _get
