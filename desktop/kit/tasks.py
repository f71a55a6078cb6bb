"""One helper for work that must not freeze the window: database reads, exports, PDFs.

``Task(parent, work).success(cb).failure(cb).run()`` runs ``work`` on a worker
thread from one serial pool (database work never runs twice at once), then calls the
callbacks on the GUI thread. ``work`` gets nothing from Qt and must not touch
widgets. Known failures (:class:`db.schema.errors.LedgerError`) go to ``failure``; anything
else is re-raised on the GUI thread for the crash handler. Tests set
``Task.synchronous = True`` and everything runs in place, in order.

``.busy(text, cancel=...)`` shows a progress dialog when the work lasts longer than
a moment. With a ``cancel`` callback it has a Cancel button: the work's result is
then dropped (its callbacks never run) and ``cancel`` runs instead, for work whose
effect can be undone or discarded (a PDF not yet moved into place, a preview). Work
that commits (an import) shows progress without Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)

from db.schema.errors import LedgerError

SHOW_AFTER_MS = 300  # quicker work shows no dialog at all


def tr(text: str) -> str:
    return QCoreApplication.translate("Task", text)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    crashed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except LedgerError as exc:
            self._emit(self.signals.failed, exc)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread's handler
            seen = _damage_seen(exc)  # SQLite found damage reading: a known failure (#21)
            self._emit(self.signals.crashed if seen is None else self.signals.failed,
                       exc if seen is None else seen)  # fmt: skip
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window that asked was closed meanwhile: nobody to tell
            pass


class Task:
    """A piece of background work with callbacks on the GUI thread."""

    synchronous = False
    _pool: QThreadPool | None = None
    _running: set[Task] = set()  # in flight: kept alive until their callbacks have run

    def __init__(self, parent: QObject | None, work: Callable[[], Any]) -> None:
        self.parent = parent
        self.work = work
        self._success: Callable[[Any], None] = lambda _result: None
        self._failure: Callable[[LedgerError], None] = lambda _exc: None
        self._busy: tuple[str, Callable[[], None] | None] | None = None
        self._discard: Callable[[Any], None] = lambda _result: None
        self.dialog: Any = None
        self.cancelled = False

    def busy(self, text: str, cancel: Callable[[], None] | None = None) -> Task:
        """Show ``text`` with a busy bar while the work runs (after 300 ms)."""
        self._busy = (text, cancel)
        return self

    def discard(self, callback: Callable[[Any], None]) -> Task:
        """What to do with a result that arrives after Cancel (delete a file...)."""
        self._discard = callback
        return self

    def _open_dialog(self) -> None:
        from PySide6.QtWidgets import QProgressDialog

        assert self._busy is not None
        text, cancel = self._busy
        label = tr("Cancel") if cancel else None
        dialog = QProgressDialog(text, label, 0, 0, self.parent)  # type: ignore[arg-type]
        if cancel is None:
            dialog.setCancelButton(None)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.canceled.connect(self.cancel)
        dialog.hide()  # shown only if the work is still running after SHOW_AFTER_MS
        self.dialog = dialog
        QTimer.singleShot(SHOW_AFTER_MS, dialog, self._show_dialog)

    def _show_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.show()

    def cancel(self) -> None:
        """Drop the result: its callbacks will not run; the busy dialog's cancel runs."""
        if self.cancelled:
            return
        self.cancelled = True
        self._close_dialog()
        if self._busy is not None and self._busy[1] is not None:
            self._busy[1]()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _finish(self, callback: Callable[[Any], None], value: Any) -> None:
        Task._running.discard(self)
        self._close_dialog()
        if not self.cancelled:
            callback(value)
        elif callback is self._success:
            self._discard(value)

    def success(self, callback: Callable[[Any], None]) -> Task:
        self._success = callback
        return self

    def failure(self, callback: Callable[[LedgerError], None]) -> Task:
        self._failure = callback
        return self

    @classmethod
    def pool(cls) -> QThreadPool:
        if cls._pool is None:
            cls._pool = QThreadPool()
            cls._pool.setMaxThreadCount(1)  # one database worker: work is serialised
        return cls._pool

    def run(self) -> None:
        if Task.synchronous:
            try:
                result = self.work()
            except LedgerError as exc:
                self._failure(exc)
            except Exception as exc:
                seen = _damage_seen(exc)
                if seen is None:
                    raise
                self._failure(seen)
            else:
                self._success(result)
            return
        if self._busy is not None:
            self._open_dialog()
        self.signals = _Signals(self.parent)
        self.signals.done.connect(lambda result: self._finish(self._success, result))
        self.signals.failed.connect(lambda exc: self._finish(self._failure, exc))
        self.signals.crashed.connect(lambda exc: self._crashed(exc))
        Task._running.add(self)
        self.pool().start(_Runnable(self.work, self.signals))

    def _crashed(self, exc: BaseException) -> None:
        Task._running.discard(self)
        self._close_dialog()
        _reraise(exc)


def _reraise(exc: BaseException) -> None:
    raise exc


def _damage_seen(exc: BaseException) -> LedgerError | None:
    """SQLite reporting a damaged file while a task read it, as a known failure (the
    window's check explains it and offers the backup, desktop.shell.safety.watch); None for
    anything else."""
    from db.storage.check_gate import DamageSeen, damage_in

    return DamageSeen(str(getattr(exc, "orig", exc))) if damage_in(exc) else None
