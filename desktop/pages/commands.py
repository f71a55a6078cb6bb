"""Undoable edits of any record type (QUndoStack commands over :mod:`db.records.edit`).

Create, edit, delete, undelete and bringing back an earlier version are commands;
undo writes the previous state back as a new version (a delete is undone by
restoring the tombstoned record), so undone changes travel to other laptops like
any other. Each do, undo and redo is told through the
stack's :attr:`UndoStack.record_changed` signal: the stack outlives a window (a
language switch builds a new one), so whoever shows records now hears of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from db.schema.kinds import RecordKind
from db.schema.words import word
from desktop.kit.i18n import noop

if TYPE_CHECKING:  # the window makes the stack before the database modules load
    from collections.abc import Callable

    from db.schema.errors import StaleEdit
    from db.storage.database import Database
    from desktop.forms.base import RecordForm


def tr(text: str) -> str:
    return QCoreApplication.translate("Commands", text)


# What an edit of any kind is called in the Edit menu: the verb is the window's, the
# noun the kind's (its ``noun`` in db/schema/kinds.py, a word of db/schema/words.py).
ACTIONS = {"new": noop("Commands", "New {noun}"), "edit": noop("Commands", "Edit {noun}"),
           "delete": noop("Commands", "Delete {noun}")}  # fmt: skip


def undo_text(action: str, kind: str, lang: str) -> str:
    """``New seminar``, ``セミナーの編集``: an undoable edit's name in ``lang``."""
    return tr(ACTIONS[action]).format(noun=word(RecordKind(kind).spec.noun, lang))


class UndoStack(QUndoStack):
    """The undo history of record edits."""

    record_changed = Signal(str)  # the kind of record an edit, undo or redo changed
    failed = Signal(str)  # a save that could not be written (full disk, read-only): one line

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.written: dict[str, int] = {}  # record uuid -> the version this stack wrote last
        self.stale: StaleEdit | None = None  # the last push refused: changed by someone else
        self.refused = False  # the last write was refused (said through ``failed``)

    def lang(self) -> str:
        """The language of the window this history belongs to (its ``lang``)."""
        owner = self.parent()
        top = owner.window() if isinstance(owner, QWidget) else owner
        return str(getattr(top, "lang", "ja"))

    def still_mine(self, db: Database, kind: str, uuid: str) -> bool:
        """Whether the record is as this person's last edit, undo or redo left it: undo
        is per person and never undoes someone else's change (issue #23)."""
        from db.records.edit import version_of

        known = self.written.get(uuid)
        return known is None or version_of(db, uuid, kind) == known

    def remember(self, db: Database, kind: str, uuid: str) -> None:
        from db.records.edit import version_of

        self.written[uuid] = version_of(db, uuid, kind)

    def write(self, command: QUndoCommand, db: Database, change: Callable[[], None]) -> None:
        """Run ``change``; if the disk refuses it, nothing was saved: say so, and drop
        ``command`` (an obsolete command leaves the stack, see QUndoStack.push)."""
        from db.storage.failures import storage_failure
        from desktop.shell.safety import wait_for_check

        self.refused = False
        if not wait_for_check(QApplication.activeWindow(), db):  # the check first (#21)
            command.setObsolete(True)
            self.refused = True
            self.failed.emit(tr("The database is damaged; nothing was saved."))
            return
        from db.schema.errors import StaleEdit

        try:
            change()
        except StaleEdit as exc:
            command.setObsolete(True)
            self.stale = exc
            if not isinstance(command, EditRecord):  # an edit's form says so, and stays open
                self.failed.emit(exc.text(self.lang()))
        except Exception as exc:
            message = storage_failure(exc, db.url, self.lang())  # a server's URL too
            if message is None:
                raise
            if db.read_only:
                message = tr("This database is open read-only; nothing was saved.")
            command.setObsolete(True)
            self.refused = True
            self.failed.emit(message)


C = TypeVar("C", bound=type[QUndoCommand])


def guarded(cls: C) -> C:
    """Run the command's redo and undo through :meth:`UndoStack.write` (issue #11)."""
    for name in ("redo", "undo"):
        original = getattr(cls, name)

        def run(self: Any, _original: Callable[[Any], None] = original) -> None:
            uuid = getattr(self, "uuid", None)
            checked = getattr(self, "seen", None) is not None  # in the write's transaction
            if uuid is not None and not checked and not self.stack.still_mine(self.db, self.kind,
                                                                              uuid):  # fmt: skip
                self.setObsolete(True)  # leaves the stack: the record is someone else's now
                self.stack.failed.emit(tr("This record was changed by someone else since your"
                                          " edit; it was left as it is."))  # fmt: skip
                return
            self.stack.write(self, self.db, lambda: _original(self))
            uuid = getattr(self, "uuid", None)
            if uuid is not None and not self.isObsolete():
                self.stack.remember(self.db, self.kind, uuid)

        setattr(cls, name, run)
    return cls


@guarded
class CreateRecord(QUndoCommand):
    def __init__(self, db: Database, kind: str, values: Any, stack: UndoStack,
                 lang: str = "ja") -> None:  # fmt: skip
        super().__init__(undo_text("new", kind, lang))
        self.db, self.kind, self.values, self.stack = db, kind, values, stack
        self.uuid: str | None = None

    def redo(self) -> None:
        from db.records import edit

        if self.uuid is None:
            self.uuid = edit.create(self.db, self.kind, self.values)
        else:
            edit.set_deleted(self.db, self.uuid, False, self.kind)
        self.stack.record_changed.emit(self.kind)

    def undo(self) -> None:
        from db.records import edit

        assert self.uuid is not None
        edit.set_deleted(self.db, self.uuid, True, self.kind, how="undo")
        self.stack.record_changed.emit(self.kind)


@guarded
class RestoreVersion(QUndoCommand):
    """Bring back an earlier version of a record (its values, deleted or not) as a new
    version; undo writes the values it replaced back, as a further version."""

    def __init__(self, db: Database, kind: str, uuid: str, version: int, device: str,
                 stack: UndoStack, seen: int | None = None) -> None:  # fmt: skip
        from db.records import edit

        super().__init__(tr("Bring back an earlier version"))
        self.db, self.kind, self.uuid, self.stack = db, kind, uuid, stack
        self.version, self.device, self.seen = version, device, seen
        self.old = edit.values_of(db, uuid, kind)
        self.was_deleted = edit.is_deleted(db, uuid, kind)

    def redo(self) -> None:
        from db.records import edit

        edit.restore_version(self.db, self.uuid, self.version, self.device, seen=self.seen)
        self.seen = None
        self.stack.record_changed.emit(self.kind)

    def undo(self) -> None:
        from db.records import edit

        edit.update(self.db, self.kind, self.uuid, self.old, how="undo")
        edit.set_deleted(self.db, self.uuid, self.was_deleted, self.kind, how="undo")
        self.stack.record_changed.emit(self.kind)


@guarded
class UndeleteRecord(QUndoCommand):
    def __init__(self, db: Database, kind: str, uuid: str, stack: UndoStack) -> None:
        super().__init__(tr("Undelete"))
        self.db, self.kind, self.uuid, self.stack = db, kind, uuid, stack

    def redo(self) -> None:
        from db.records import edit

        edit.set_deleted(self.db, self.uuid, False, self.kind, how="undelete")
        self.stack.record_changed.emit(self.kind)

    def undo(self) -> None:
        from db.records import edit

        edit.set_deleted(self.db, self.uuid, True, self.kind, how="undo")
        self.stack.record_changed.emit(self.kind)


@guarded
class EditRecord(QUndoCommand):
    """An edit of a record's values. ``seen``: the version the form opened with; the
    first redo is refused (:class:`db.schema.errors.StaleEdit`, kept as the stack's
    ``stale``) if someone else changed the record since. ``revive``: the record was
    deleted meanwhile and the person keeps their edit: it is live again (undo deletes it)."""

    def __init__(self, db: Database, kind: str, uuid: str, old: Any, new: Any,
                 stack: UndoStack, lang: str = "ja", *, seen: int | None = None,
                 revive: bool = False) -> None:  # fmt: skip
        super().__init__(undo_text("edit", kind, lang))
        self.db, self.kind, self.uuid, self.stack = db, kind, uuid, stack
        self.old, self.new, self.seen, self.revive = old, new, seen, revive

    def redo(self) -> None:
        from db.records import edit

        edit.update(self.db, self.kind, self.uuid, self.new, seen=self.seen,
                    undelete=self.revive)  # fmt: skip
        self.seen = None  # later redos: the undo history's own check (still_mine)
        self.stack.record_changed.emit(self.kind)

    def undo(self) -> None:
        from db.records import edit

        edit.update(self.db, self.kind, self.uuid, self.old, how="undo")
        if self.revive:
            edit.set_deleted(self.db, self.uuid, True, self.kind, how="undo")
        self.stack.record_changed.emit(self.kind)


class FormSave:
    """What OK does in an edited record's form: push the edit, checked against the
    version the form opened with. When someone else changed (or deleted) the record
    since, nothing is written: the form stays open with what was typed, says who and
    when in one line, and offers to save over their version or take it."""

    def __init__(self, form: RecordForm, db: Database, kind: str, uuid: str, old: Any,
                 seen: int, stack: UndoStack, lang: str) -> None:  # fmt: skip
        self.form, self.db, self.kind, self.uuid = form, db, kind, uuid
        self.old, self.seen, self.stack, self.lang = old, seen, stack, lang
        self.revive = False
        self.saved = False  # an edit went in (the page says where a moved record went)

    def __call__(self, values: Any) -> bool:
        from db.records import edit

        if values == self.old and not self.revive:
            return True  # nothing changed: nothing to write
        self.stack.stale = None
        self.stack.push(EditRecord(self.db, self.kind, self.uuid, self.old, values, self.stack,
                                   self.lang, seen=self.seen, revive=self.revive))  # fmt: skip
        refused = self.stack.stale
        if refused is None:  # saved; or not written and said (a full disk): the form stays
            self.saved = not self.stack.refused
            return self.saved
        self.stack.stale = None
        theirs, self.seen = edit.opened(self.db, self.uuid, self.kind)
        self.old, self.revive = theirs, refused.deleted  # OK again saves over this version
        self.form.say_stale(refused.text(self.lang), theirs, deleted=refused.deleted,
                            beside=self._beside(values, theirs))  # fmt: skip
        return False

    def _beside(self, mine: Any, theirs: Any) -> list[tuple[str, str, str]]:
        """(field, mine, theirs) as the History panel words them, for each field that
        differs."""
        from db.records import history
        from db.records.history_view import change_texts

        changes = history.differences(history.values(self.kind, mine),
                                      history.values(self.kind, theirs))  # fmt: skip
        return change_texts(self.kind, changes, self.lang)


@guarded
class DeleteRecord(QUndoCommand):
    def __init__(self, db: Database, kind: str, uuid: str, stack: UndoStack,
                 lang: str = "ja") -> None:  # fmt: skip
        super().__init__(undo_text("delete", kind, lang))
        self.db, self.kind, self.uuid, self.stack = db, kind, uuid, stack

    def redo(self) -> None:
        from db.records import edit

        edit.set_deleted(self.db, self.uuid, True, self.kind)
        self.stack.record_changed.emit(self.kind)

    def undo(self) -> None:
        from db.records import edit

        edit.set_deleted(self.db, self.uuid, False, self.kind, how="undo")
        self.stack.record_changed.emit(self.kind)
