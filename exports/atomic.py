"""Write a file completely or not at all: to a temporary name beside it, then rename.

The file gets the permissions a plain ``open()`` would give it (``0o666`` less the
user's umask), or keeps those of the file it replaces; a failure to write (a
read-only or full disk, a folder that is not one) is an :class:`OutputError` that
names the file, and leaves no partial file behind.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db.schema.errors import LedgerError


class OutputError(LedgerError):
    """A file could not be written (read-only or full disk, no permission)."""

    def __init__(self, path: Path, cause: BaseException) -> None:
        reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(cause)
        full = isinstance(cause, OSError) and cause.errno in _FULL
        what = "free some space or choose another folder" if full else "choose another folder"
        super().__init__(f"cannot write {path}: {reason}; {what}")
        self.path = path


_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}  # disk, file, quota


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or a new file's: 0o666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path in ``path``'s folder; on success it replaces ``path``.

    On any failure the temporary file is removed and ``path`` is left as it was; an
    ``OSError`` (or a writer's wrapped one) is raised as :class:`OutputError`.
    """
    from exports.scratch import sweep_parts

    sweep_parts(path)  # what a killed writer of this file left
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent
        )
    except OSError as exc:
        raise OutputError(path, exc) from exc
    os.close(fd)
    try:
        yield Path(tmp)
        if os.name == "posix":  # mkstemp makes 0o600; Windows has only a read-only flag
            os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        cause = _os_error(exc)
        if cause is not None:
            raise OutputError(path, cause) from exc
        raise


def _os_error(exc: BaseException) -> OSError | None:
    """The OSError behind a failed write: ``exc`` itself, or the one a writer wrapped
    (xlsxwriter raises ``FileCreateError`` from the OSError of a full disk)."""
    if isinstance(exc, OSError):
        return exc
    wrapped = exc.__context__
    if type(exc).__module__.startswith("xlsxwriter") and isinstance(wrapped, OSError):
        return wrapped
    return None


def write_bytes(path: Path, data: bytes) -> Path:
    with replacing(path) as tmp:
        tmp.write_bytes(data)
    return path


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))
