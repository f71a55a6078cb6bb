"""Undoable edits of any record type (QUndoStack commands over :mod:`db.edit`).

Create, edit and delete are commands; undo writes the previous state back as a new
version (a delete is undone by restoring the tombstoned record), so undone changes
travel to other laptops like any other. Each do, undo and redo is told through the
stack's :attr:`UndoStack.record_changed` signal: the stack outlives a window (a
language switch builds a new one), so whoever shows records now hears of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from db.kinds import RecordKind
from desktop.i18n import noop

if TYPE_CHECKING:  # the window makes the stack before the database modules load
    from collections.abc import Callable

    from db.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("Commands", text)


NOUNS: dict[str, tuple[str, str, str]] = {
    RecordKind.SUPPORT_CASE: (noop("Commands", "New support case"),
                              noop("Commands", "Edit support case"),
                              noop("Commands", "Delete support case")),
    RecordKind.EVENT_BOOTH: (noop("Commands", "New event"), noop("Commands", "Edit event"),
                    noop("Commands", "Delete event")),
    RecordKind.JETAA_EVENT: (noop("Commands", "New JETAA event"),
                             noop("Commands", "Edit JETAA event"),
                    noop("Commands", "Delete JETAA event")),
    RecordKind.NEWSLETTER_ISSUE: (noop("Commands", "New newsletter issue"),
                         noop("Commands", "Edit newsletter issue"),
                         noop("Commands", "Delete newsletter issue")),
}  # fmt: skip


class UndoStack(QUndoStack):
    """The undo history of record edits."""

    record_changed = Signal(str)  # the kind of record an edit, undo or redo changed
    failed = Signal(str)  # a save that could not be written (full disk, read-only): one line

    def write(self, command: QUndoCommand, db: Database, change: Callable[[], None]) -> None:
        """Run ``change``; if the disk refuses it, nothing was saved: say so, and drop
        ``command`` (an obsolete command leaves the stack, see QUndoStack.push)."""
        from db.failures import storage_failure

        try:
            change()
        except Exception as exc:
            message = storage_failure(exc, db.path)
            if message is None:
                raise
            if db.read_only:
                message = tr("This database is open read-only; nothing was saved.")
            command.setObsolete(True)
            self.failed.emit(message)


class CreateRecord(QUndoCommand):
    def __init__(self, db: Database, kind: str, values: Any, stack: UndoStack) -> None:
        super().__init__(tr(NOUNS[kind][0]))
        self.db, self.kind, self.values, self.stack = db, kind, values, stack
        self.uuid: str | None = None

    def redo(self) -> None:
        from db import edit

        def change() -> None:
            if self.uuid is None:
                self.uuid = edit.create(self.db, self.kind, self.values)
            else:
                edit.set_deleted(self.db, self.uuid, False, self.kind)
            self.stack.record_changed.emit(self.kind)

        self.stack.write(self, self.db, change)

    def undo(self) -> None:
        from db import edit

        uuid = self.uuid
        assert uuid is not None

        def change() -> None:
            edit.set_deleted(self.db, uuid, True, self.kind)
            self.stack.record_changed.emit(self.kind)

        self.stack.write(self, self.db, change)


class EditRecord(QUndoCommand):
    def __init__(self, db: Database, kind: str, uuid: str, old: Any, new: Any,
                 stack: UndoStack) -> None:  # fmt: skip
        super().__init__(tr(NOUNS[kind][1]))
        self.db, self.kind, self.uuid, self.stack = db, kind, uuid, stack
        self.old, self.new = old, new

    def redo(self) -> None:
        from db import edit

        def change() -> None:
            edit.update(self.db, self.kind, self.uuid, self.new)
            self.stack.record_changed.emit(self.kind)

        self.stack.write(self, self.db, change)

    def undo(self) -> None:
        from db import edit

        def change() -> None:
            edit.update(self.db, self.kind, self.uuid, self.old)
            self.stack.record_changed.emit(self.kind)

        self.stack.write(self, self.db, change)


class DeleteRecord(QUndoCommand):
    def __init__(self, db: Database, kind: str, uuid: str, stack: UndoStack) -> None:
        super().__init__(tr(NOUNS[kind][2]))
        self.db, self.kind, self.uuid, self.stack = db, kind, uuid, stack

    def redo(self) -> None:
        from db import edit

        def change() -> None:
            edit.set_deleted(self.db, self.uuid, True, self.kind)
            self.stack.record_changed.emit(self.kind)

        self.stack.write(self, self.db, change)

    def undo(self) -> None:
        from db import edit

        def change() -> None:
            edit.set_deleted(self.db, self.uuid, False, self.kind)
            self.stack.record_changed.emit(self.kind)

        self.stack.write(self, self.db, change)
