"""Typing into a form as a person does, and the error lines a form then shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

if TYPE_CHECKING:
    from desktop.forms.base import RecordForm


def type_into(edit: QWidget, text: str) -> None:
    """Select what the field holds and type over it, key by key (a Japanese character
    arrives as a key event carrying its text, as an input method commits it)."""
    edit.setFocus()
    if isinstance(edit, QLineEdit):
        edit.selectAll()
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(edit, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                       ch))  # fmt: skip


def shown_errors(form: RecordForm) -> dict[str, str]:
    """The error lines shown, by field (the form's own line as ""; a line two fields
    share, as a case's dates, under the first)."""
    out: dict[str, str] = {}
    seen: list[QLabel] = []
    for name, label in form.errors.items():
        if label.isVisible() and label not in seen:
            out[name] = label.text()
            seen.append(label)
    if form.general_error.isVisible():
        out[""] = form.general_error.text()
    return out
