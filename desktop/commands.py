"""Undoable edits of support cases (QUndoStack commands over :mod:`db.edit`).

Create, edit and delete are commands; undo writes the previous state back as a new
version (a delete is undone by restoring the tombstoned record), so undone changes
travel to other laptops like any other.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from db.database import Database
from db.edit import create_case, set_deleted, update_case
from db.records import CaseValues


def tr(text: str) -> str:
    return QCoreApplication.translate("Commands", text)


class CreateCase(QUndoCommand):
    def __init__(self, db: Database, values: CaseValues, changed: Callable[[], None]) -> None:
        super().__init__(tr("New support case"))
        self.db, self.values, self.changed = db, values, changed
        self.uuid: str | None = None

    def redo(self) -> None:
        if self.uuid is None:
            self.uuid = create_case(self.db, self.values)
        else:
            set_deleted(self.db, self.uuid, False)
        self.changed()

    def undo(self) -> None:
        assert self.uuid is not None
        set_deleted(self.db, self.uuid, True)
        self.changed()


class EditCase(QUndoCommand):
    def __init__(self, db: Database, uuid: str, old: CaseValues, new: CaseValues,
                 changed: Callable[[], None]) -> None:  # fmt: skip
        super().__init__(tr("Edit support case"))
        self.db, self.uuid, self.old, self.new, self.changed = db, uuid, old, new, changed

    def redo(self) -> None:
        update_case(self.db, self.uuid, self.new)
        self.changed()

    def undo(self) -> None:
        update_case(self.db, self.uuid, self.old)
        self.changed()


class DeleteCase(QUndoCommand):
    def __init__(self, db: Database, uuid: str, changed: Callable[[], None]) -> None:
        super().__init__(tr("Delete support case"))
        self.db, self.uuid, self.changed = db, uuid, changed

    def redo(self) -> None:
        set_deleted(self.db, self.uuid, True)
        self.changed()

    def undo(self) -> None:
        set_deleted(self.db, self.uuid, False)
        self.changed()
