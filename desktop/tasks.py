"""One helper for work that must not freeze the window: database reads, exports, PDFs.

``Task(parent, work).success(cb).failure(cb).run()`` runs ``work`` on a worker
thread from one serial pool (database work never runs twice at once), then calls the
callbacks on the GUI thread. ``work`` gets nothing from Qt and must not touch
widgets. Known failures (:class:`db.errors.LedgerError`) go to ``failure``; anything
else is re-raised on the GUI thread for the crash handler. Tests set
``Task.synchronous = True`` and everything runs in place, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from db.errors import LedgerError


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
            self._emit(self.signals.crashed, exc)
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

    def __init__(self, parent: QObject | None, work: Callable[[], Any]) -> None:
        self.parent = parent
        self.work = work
        self._success: Callable[[Any], None] = lambda _result: None
        self._failure: Callable[[LedgerError], None] = lambda _exc: None

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
            else:
                self._success(result)
            return
        signals = _Signals(self.parent)
        signals.done.connect(self._success)
        signals.failed.connect(self._failure)
        signals.crashed.connect(_reraise)
        self.pool().start(_Runnable(self.work, signals))


def _reraise(exc: BaseException) -> None:
    raise exc
