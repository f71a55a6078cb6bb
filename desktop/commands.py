"""Undoable edits of any record type (QUndoStack commands over :mod:`db.edit`).

Create, edit and delete are commands; undo writes the previous state back as a new
version (a delete is undone by restoring the tombstoned record), so undone changes
travel to other laptops like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from db import edit
from db.database import Database
from desktop.i18n import noop


def tr(text: str) -> str:
    return QCoreApplication.translate("Commands", text)


NOUNS = {
    "support_case": (noop("Commands", "New support case"), noop("Commands", "Edit support case"),
                     noop("Commands", "Delete support case")),
    "event_booth": (noop("Commands", "New event"), noop("Commands", "Edit event"),
                    noop("Commands", "Delete event")),
    "jetaa_event": (noop("Commands", "New JETAA event"), noop("Commands", "Edit JETAA event"),
                    noop("Commands", "Delete JETAA event")),
    "newsletter_issue": (noop("Commands", "New newsletter issue"),
                         noop("Commands", "Edit newsletter issue"),
                         noop("Commands", "Delete newsletter issue")),
}  # fmt: skip


class CreateRecord(QUndoCommand):
    def __init__(self, db: Database, kind: str, values: Any,
                 changed: Callable[[], None]) -> None:  # fmt: skip
        super().__init__(tr(NOUNS[kind][0]))
        self.db, self.kind, self.values, self.changed = db, kind, values, changed
        self.uuid: str | None = None

    def redo(self) -> None:
        if self.uuid is None:
            self.uuid = edit.create(self.db, self.kind, self.values)
        else:
            edit.set_deleted(self.db, self.uuid, False, self.kind)
        self.changed()

    def undo(self) -> None:
        assert self.uuid is not None
        edit.set_deleted(self.db, self.uuid, True, self.kind)
        self.changed()


class EditRecord(QUndoCommand):
    def __init__(self, db: Database, kind: str, uuid: str, old: Any, new: Any,
                 changed: Callable[[], None]) -> None:  # fmt: skip
        super().__init__(tr(NOUNS[kind][1]))
        self.db, self.kind, self.uuid, self.changed = db, kind, uuid, changed
        self.old, self.new = old, new

    def redo(self) -> None:
        edit.update(self.db, self.kind, self.uuid, self.new)
        self.changed()

    def undo(self) -> None:
        edit.update(self.db, self.kind, self.uuid, self.old)
        self.changed()


class DeleteRecord(QUndoCommand):
    def __init__(self, db: Database, kind: str, uuid: str, changed: Callable[[], None]) -> None:
        super().__init__(tr(NOUNS[kind][2]))
        self.db, self.kind, self.uuid, self.changed = db, kind, uuid, changed

    def redo(self) -> None:
        edit.set_deleted(self.db, self.uuid, True, self.kind)
        self.changed()

    def undo(self) -> None:
        edit.set_deleted(self.db, self.uuid, False, self.kind)
        self.changed()
