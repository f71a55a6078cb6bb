"""Every input of a window has an accessible name, for screen readers and UI tests.

A screen reader reads an input by its accessible name. Qt finds one through a label's
buddy, but not for an input wrapped in a holder (a field with its error label under
it) nor for a table or a combo box (which would be read by its current text).
:func:`name_inputs` names each input that has none from, in order: the label of its
form row, a label whose buddy it is, a table cell's row and column, its own text,
placeholder or tooltip, and for a dialog's list or text the dialog's title. It is run
on every dialog as it is first shown (:mod:`desktop.kit.fit`) and on the main window;
:func:`unnamed` lists what is still without a name (tests walk the tree).

Nothing here walks a layout's items from Python: PySide can be left holding wrappers
of items Qt deletes (a dialog's button box rebuilds its layout), which crashes later.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QWidget,
)

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView,
          QAbstractButton)  # fmt: skip


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":：")


def is_input(widget: QWidget) -> bool:
    """An input a person reaches with Tab (not the line edit inside a spin or combo
    box, nor Qt's own buttons of a scroll bar, tab bar or line edit)."""
    if not isinstance(widget, INPUTS):
        return False
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox):
        return False
    if isinstance(parent, QTabBar | QLineEdit) or widget.objectName().startswith("qt_"):
        return False  # a tab bar's scroll buttons, a line edit's clear button
    if isinstance(widget, QHeaderView):  # part of its table
        return False
    return widget.window().metaObject().className() != "QComboBoxPrivateContainer"


def _own_name(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton) and widget.text():
        return _plain(widget.text())
    if isinstance(widget, QLineEdit | QPlainTextEdit) and widget.placeholderText():
        return widget.placeholderText()
    return _plain(widget.toolTip()) if widget.toolTip() else ""


def _inputs_under(widget: QWidget) -> list[QWidget]:
    found = [widget] if is_input(widget) else []
    return found + [w for w in widget.findChildren(QWidget) if is_input(w)]


def _form_label(widget: QWidget, root: QWidget, forms: list[QFormLayout]) -> str:
    """The label of the form row holding ``widget`` (or a holder of it), if any."""
    at: QWidget | None = widget
    while at is not None and at is not root:
        for form in forms:
            label = form.labelForField(at)
            if isinstance(label, QLabel) and label.text():
                return _plain(label.text())
        at = at.parentWidget()
    return ""


def name_inputs(root: QWidget) -> None:
    """Give every input under ``root`` that has no accessible name one (see above)."""
    if isinstance(root, QMessageBox):  # Qt names its text and buttons itself
        return
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.text() and not buddy.accessibleName():
            buddy.setAccessibleName(_plain(label.text()))
    for table in root.findChildren(QTableWidget):  # a cell's editor: its row and column
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                cell = table.cellWidget(row, column)
                if cell is None:
                    continue
                first = table.item(row, 0)
                head = table.horizontalHeaderItem(column)
                said = [x.text() for x in (first, head) if x is not None and x.text()]
                for each in _inputs_under(cell):
                    if not each.accessibleName() and said:
                        each.setAccessibleName(" – ".join(said))
    title = root.window().windowTitle()
    forms = root.findChildren(QFormLayout)
    for widget in _inputs_under(root):
        if widget.accessibleName():
            continue
        in_form = _form_label(widget, root, forms)
        own = _own_name(widget)
        if in_form:
            name = f"{in_form}: {own}" if own and isinstance(widget, QAbstractButton) else in_form
        elif own:
            name = own
        elif isinstance(widget, QAbstractItemView | QPlainTextEdit | QTextEdit):
            name = title  # a dialog's list or text: named as the dialog is
        else:
            continue
        widget.setAccessibleName(name)


def unnamed(root: QWidget) -> list[QWidget]:
    """The inputs under ``root`` still without an accessible name."""
    return [w for w in _inputs_under(root) if not w.accessibleName()]
