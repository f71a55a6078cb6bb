"""Scratch space for writers that spill to disk (xlsxwriter's constant-memory sheets
and its packager), and the sweeping of what a killed or failed writer left.

Each writer gets its own folder ``office-ledger-<pid>-<random>`` in the system's
temporary folder, removed when the writer finishes or fails; a folder whose process
no longer runs (it was killed) is removed by the next writer. Hidden
``.<name>.<pid>.<random>.part`` files beside a target (:mod:`exports.atomic`) are
swept the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "office-ledger-scratch-"


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a Windows check is only an open)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows (mypy --platform win32)
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pid_of(name: str, position: int) -> int | None:
    parts = name.split(".") if "." in name else name.split("-")
    try:
        return int(parts[position])
    except (IndexError, ValueError):
        return None


def sweep_temp() -> None:
    """Remove scratch folders of writers that no longer run."""
    root = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for folder in root.glob(f"{PREFIX}*"):
            pid = _pid_of(folder.name[len(PREFIX) :], 0)
            if pid is not None and folder.is_dir() and not alive(pid):
                shutil.rmtree(folder, ignore_errors=True)


def sweep_parts(target: Path) -> None:
    """Remove ``.part`` files a killed writer of ``target`` left beside it."""
    with contextlib.suppress(OSError):
        for part in target.parent.glob(f".{target.name}.*.part"):
            pid = _pid_of(part.name[len(target.name) + 2 :], 0)
            if pid is not None and not alive(pid):
                part.unlink(missing_ok=True)


@contextmanager
def scratch() -> Iterator[Path]:
    """A private scratch folder, removed afterwards (and swept if the process is killed)."""
    sweep_temp()
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
