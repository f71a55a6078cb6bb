"""Which computer, and which file on it, a database is being opened on.

A database file copied to another laptop (a replaced laptop, a restored backup, a copy
on a USB stick) must not go on making versions under the device id of the original:
two copies would make two different versions with one ``(version, device_id)`` pair,
and the merge would take them for one. :func:`identity` names the place a file is
opened in — the operating system's machine id, the file's absolute path and its file
number — and :mod:`db.storage.clock` keeps it beside the device id; when it differs at open,
the database takes a new device id.

Machine ids: ``/etc/machine-id`` (Linux), ``IOPlatformUUID`` (macOS), the
``MachineGuid`` registry value (Windows); the network card's address and host name
where none can be read. ``OFFICE_LEDGER_MACHINE_ID`` overrides it (tests play other
laptops with it). Only the Linux source was checked here.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import uuid
from functools import cache
from pathlib import Path

ENV = "OFFICE_LEDGER_MACHINE_ID"


@cache
def _system_id() -> str:
    if sys.platform.startswith("linux"):
        for name in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
            try:
                found = Path(name).read_text(encoding="ascii").strip()
            except (OSError, UnicodeDecodeError):
                continue
            if found:
                return found
    elif sys.platform == "darwin":
        try:
            command = ["ioreg", "-rd1", "-c", "IOPlatformExpertDevice"]
            out = subprocess.run(command, capture_output=True, text=True, timeout=5,
                                 check=False).stdout  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            if "IOPlatformUUID" in line:
                return line.split("=", 1)[1].strip().strip('"')
    elif sys.platform == "win32":
        try:
            import winreg

            key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                                 r"SOFTWARE\Microsoft\Cryptography")  # fmt: skip
            return str(winreg.QueryValueEx(key, "MachineGuid")[0])
        except OSError:
            pass
    return f"{uuid.getnode():012x}-{platform.node()}"


def machine_id() -> str:
    """This computer's identity (the override of :data:`ENV` first)."""
    return os.environ.get(ENV) or _system_id()


def identity(path: Path, number: int | None = None) -> str:
    """Where a database file is opened: the machine, the file's path and file number.

    A restored backup is a new file (a new number) even at the same path; SQLite
    itself never replaces the file it writes, so the number stays while it is used.
    ``number``: the file number the file at ``path`` will have (a file made beside it
    and renamed into place keeps its own number).
    """
    if number is None:
        try:
            number = os.stat(path).st_ino
        except OSError:
            number = 0
    return json.dumps({"machine": machine_id(), "path": str(path), "file": number},
                      ensure_ascii=False, sort_keys=True)  # fmt: skip
