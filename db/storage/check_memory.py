"""The last clean check of each database, remembered, so an unchanged file is not
checked again (issue #21).

A sidecar per database in the app's data folder (``checks/<identity>.json``), keyed
by the database's identity (its ledger id, else its device id — never its path), holds
what the file looked like when SQLite last found it sound: the file's number, size,
modification and change times, SQLite's change counter and page count from the header,
and the write-ahead log's size, time and header (its salts change with every reset).
Any write — by this app, by SQLite anywhere, by a tool that rewrites bytes — changes
at least one of those, and the check runs again.

Racy files: a file's times have a granularity (a few ms on Linux, 2 s on FAT), so a
write within that tick after the check would leave them unchanged. As git does with
its racily clean index entries, a check is only remembered when the file was last
written at least :data:`RACY` seconds before the check began.

Nothing is remembered until :func:`use` names the folder (the command line and the
app do, with their data folder); without it every check runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

RACY = 3.0  # seconds: FAT keeps times to 2 s
_folder: Path | None = None


def use(folder: Path | None) -> None:
    """Remember checks in ``folder`` (None: remember nothing)."""
    global _folder
    _folder = folder


def identity(conn: sqlite3.Connection) -> str | None:
    """The database's identity: its ledger id when it has one, else its device id."""
    try:
        rows = dict(conn.execute(
            "SELECT key, value FROM app_meta WHERE key IN ('ledger_id', 'device_id')"
        ).fetchall())  # fmt: skip
    except sqlite3.Error:
        return None
    found = rows.get("ledger_id") or rows.get("device_id")
    return str(found) if found else None


def signature(path: Path) -> dict[str, Any] | None:
    """What the file (and its write-ahead log) looks like now; None if unreadable."""
    try:
        st = path.stat()
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError:
        return None
    sig: dict[str, Any] = {
        "file": [st.st_dev, st.st_ino],
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "ctime_ns": st.st_ctime_ns,
        "header": head[24:32].hex() + head[92:100].hex(),  # change counter, pages, version
        "wal": None,
    }
    wal = path.with_name(path.name + "-wal")
    with contextlib.suppress(OSError):
        wst = wal.stat()
        if wst.st_size:  # an empty log (a reader's, or after a clean close) holds nothing
            with wal.open("rb") as fh:
                wal_head = hashlib.sha256(fh.read(32)).hexdigest()[:16]
            sig["wal"] = [wst.st_size, wst.st_mtime_ns, wst.st_ctime_ns, wal_head]
    return sig


def _newest_write(sig: dict[str, Any]) -> float:
    times = [sig["mtime_ns"], sig["ctime_ns"]]
    if sig["wal"]:
        times += sig["wal"][1:3]
    return float(max(times)) / 1e9


def _file(key: str) -> Path | None:
    if _folder is None or not key:
        return None
    safe = "".join(c for c in key if c.isalnum() or c in "-_")
    return _folder / f"{safe}.json" if safe else None


def recall(key: str | None, path: Path) -> str | None:
    """How the file was last found sound ("full" or "quick") if it has not changed since;
    None when it must be checked."""
    target = _file(key or "")
    if target is None:
        return None
    try:
        kept = json.loads(target.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    now = signature(path)
    if not isinstance(kept, dict) or now is None or kept.get("signature") != now:
        return None
    kind = kept.get("kind")
    return kind if kind in ("full", "quick") else None


def last_full(key: str | None) -> float | None:
    """When the file was last found sound by the full check (seconds since the epoch)."""
    target = _file(key or "")
    if target is None:
        return None
    try:
        kept = json.loads(target.read_text("utf-8"))
        return float(kept["full_at"]) if kept.get("full_at") else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(key: str | None, before: dict[str, Any] | None, kind: str, began: float) -> bool:
    """Remember that the file, as ``before`` (its signature taken before the check began
    at ``began``), was found sound by the ``kind`` check; whether it was kept (not when
    the file was written too recently to trust its times, nor without a folder)."""
    target = _file(key or "")
    if target is None or before is None or began - _newest_write(before) < RACY:
        return False
    full_at = began if kind == "full" else last_full(key)
    record = {"signature": before, "kind": kind, "checked_at": began, "full_at": full_at}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(f".{target.name}.{os.getpid()}.part")
        part.write_text(json.dumps(record), "utf-8")
        os.replace(part, target)
    except OSError:
        return False  # a memory that cannot be kept only costs a check next time
    return True


def forget(key: str | None) -> None:
    target = _file(key or "")
    if target is not None:
        with contextlib.suppress(OSError):
            target.unlink()


def now() -> float:
    return time.time()
