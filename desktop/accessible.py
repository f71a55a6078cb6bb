"""Every input of a window has an accessible name, for screen readers and UI tests.

A screen reader reads an input by its accessible name. Qt finds one through a label's
buddy, but not for an input wrapped in a holder (a field with its error label under
it) nor for a table or a combo box (which would be read by its current text).
:func:`name_inputs` names each input that has none from, in order: the label of its
form row, a label whose buddy it is, a label just above it, a table cell's row and
column, its own text, placeholder or tooltip, and for a dialog's one list or text the
dialog's title.
It is run on every dialog as it is first shown (:mod:`desktop.fit`) and on the main
window; :func:`unnamed` lists what is still without a name (tests walk the tree).
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QTextDocumentFragment

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTabBar,
    QTextEdit,
    QWidget,
)

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView,
          QAbstractButton)  # fmt: skip


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":：")


def is_input(widget: QWidget) -> bool:
    """An input a person reaches with Tab (not the line edit inside a spin or combo
    box, nor Qt's own buttons of a scroll bar or tab bar)."""
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
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return widget.placeholderText()
    if isinstance(widget, QPlainTextEdit) and widget.placeholderText():
        return widget.placeholderText()
    return _plain(widget.toolTip()) if widget.toolTip() else ""


def _widgets_of(layout: QLayout) -> Iterator[QWidget]:
    for n in range(layout.count()):
        item = layout.itemAt(n)
        if item.widget() is not None:
            yield item.widget()
        elif item.layout() is not None:
            yield from _widgets_of(item.layout())


def _inputs_under(widget: QWidget) -> list[QWidget]:
    found = [widget] if is_input(widget) else []
    return found + [w for w in widget.findChildren(QWidget) if is_input(w)]


def name_inputs(root: QWidget) -> None:
    """Give every input under ``root`` that has no accessible name one (see above)."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            text = label.widget().text() if label is not None and isinstance(
                label.widget(), QLabel) else ""  # fmt: skip
            if not text or field is None:
                continue
            widgets = [field.widget()] if field.widget() is not None else list(
                _widgets_of(field.layout())) if field.layout() is not None else []  # fmt: skip
            for widget in widgets:
                for each in _inputs_under(widget):
                    if not each.accessibleName():
                        own = _own_name(each) if isinstance(each, QAbstractButton) else ""
                        each.setAccessibleName(f"{_plain(text)}: {own}" if own else _plain(text))
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.text() and not buddy.accessibleName():
            buddy.setAccessibleName(_plain(label.text()))
    for box in root.findChildren(QBoxLayout):  # a label just above (or before) an input
        items = list(_items(box))
        for before, after in zip(items, items[1:], strict=False):
            if isinstance(before, QLabel) and before.text() and before.buddy() is None:
                for each in _inputs_under(after)[:1]:
                    if not each.accessibleName():
                        each.setAccessibleName(_plain(QTextDocumentFragment.fromHtml(
                            before.text()).toPlainText()))  # fmt: skip
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
    for widget in _inputs_under(root):
        if not widget.accessibleName():
            own = _own_name(widget)
            if not own and isinstance(widget, QAbstractItemView | QPlainTextEdit | QTextEdit):
                own = title  # the one list or text of a dialog: named as the dialog is
            if own:
                widget.setAccessibleName(own)


def _items(box: QBoxLayout) -> Iterator[QWidget]:
    for n in range(box.count()):
        widget = box.itemAt(n).widget()
        if widget is not None:
            yield widget


def unnamed(root: QWidget) -> list[QWidget]:
    """The inputs under ``root`` still without an accessible name."""
    return [w for w in _inputs_under(root) if not w.accessibleName()]
