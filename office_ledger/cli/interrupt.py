"""Ctrl-C in a command: one line saying what was done, exit status 130 (issue #19).

A command is made of steps that each leave the files whole: an output is written
under a hidden ``.part`` name and renamed into place (:mod:`exports.atomic`), a backup
likewise, an import or a restore is one transaction. So an interrupt can only stop a
command between whole steps, and the line says which ones had happened: the files
it wrote (the output's identity changed), the backups it made (new files under the
backup folder), and what the command said it finished (:func:`did`, an imported
workbook). Everything else is as it was: "interrupted: nothing was changed".

:func:`install` makes the first Ctrl-C raise ``KeyboardInterrupt`` and ignores later
ones, so the clean-up the first one starts (a rollback, removing a ``.part`` file,
closing the database) is not itself broken off into a traceback. :func:`deferred`
holds an interrupt until a step that must not be split (a restore) is done.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

EXIT_INTERRUPTED = 128 + 2  # what a shell reports for a process ended by SIGINT

_files: dict[Path, tuple[int, int, int] | None] = {}
_folders: dict[Path, set[Path]] = {}
_done: list[str] = []
_held: list[bool] = []  # a deferred() block is running; True once an interrupt came


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    if _held:  # a step that must not be split: it ends, then the interrupt comes
        _held[-1] = True
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C: the clean-up goes on
    raise KeyboardInterrupt


def install(*, process: bool) -> Callable[[], None]:
    """Handle Ctrl-C as this module says, for one command (main thread only; elsewhere
    a no-op); returns what to do once it ended: for the ``office-ledger`` process
    (``process``), ignore Ctrl-C (all is done and said: an interrupt while Python
    shuts down would print a traceback), else put the previous handler back (a test
    calling ``main`` in-process keeps its own Ctrl-C)."""
    _files.clear()
    _folders.clear()
    _done.clear()
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGINT, _interrupt)

    def ended() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN if process else previous)

    return ended


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def watch_file(path: Path) -> None:
    """Say, if interrupted, whether ``path`` was written (it is replaced whole or not at all)."""
    path = path.expanduser().absolute()
    _files[path] = _identity(path)


def watch_folder(folder: Path) -> None:
    """Say, if interrupted, which backups appeared under ``folder``."""
    _folders[folder] = _backups(folder)


def _backups(folder: Path) -> set[Path]:
    try:
        return {p for p in folder.rglob("*.sqlite3") if not p.name.startswith(".")}
    except OSError:
        return set()


def did(what: str) -> None:
    """Something the command finished (``imported NYC.xlsx``), for the interrupt line."""
    _done.append(what)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold an interrupt until the block is done, then raise it (a step that must not be
    split: it takes moments, and half of it would be worse than all of it)."""
    _held.append(False)
    try:
        yield
    finally:
        came = _held.pop()
    if came:
        raise KeyboardInterrupt


def summary() -> str:
    """The one line: what was done before the interrupt, or that nothing was changed."""
    done = list(_done)
    done += [f"wrote {p}" for p, before in _files.items()
             if _identity(p) not in (before, None)]  # fmt: skip
    for folder, before in _folders.items():
        done += [f"made the backup {p}" for p in sorted(_backups(folder) - before)]
    if not done:
        return "interrupted: nothing was changed"
    return f"interrupted: {'; '.join(done)}; nothing else was changed"


def is_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is, or was raised while handling, a Ctrl-C (SQLAlchemy can raise
    a ``PendingRollbackError`` while a session closes after one)."""
    seen: set[int] = set()
    found: BaseException | None = exc
    while found is not None and id(found) not in seen:
        if isinstance(found, KeyboardInterrupt):
            return True
        seen.add(id(found))
        found = found.__context__ or found.__cause__
    return False
