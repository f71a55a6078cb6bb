"""Shared parts of the safety tests (issue #11): the command line in a fresh process,
a database's whole content as comparable rows, tmpfs mounts."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

CLI = "import sys; from office_ledger.cli.commands import main; sys.exit(main(sys.argv[1:]))"


def cli(*argv: str, env: dict[str, str] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """``office-ledger ARGV`` in a fresh interpreter (the caller's environment, plus
    ``env``)."""
    return subprocess.run(
        [sys.executable, "-c", CLI, *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )


def _reader(path: Path) -> sqlite3.Connection:
    """Read-only; immutable when no WAL is left (so a full disk, where SQLite cannot make
    its -shm file, can still be read)."""
    wal = path.with_name(path.name + "-wal")
    immutable = "&immutable=1" if not wal.exists() else ""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{immutable}", uri=True)


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two databases with equal dumps hold the same."""
    conn = _reader(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )]  # fmt: skip
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}  # fmt: skip
    finally:
        conn.close()


IDENTITY = ("device_id", "former_device_ids", "opened_at_place")  # a restore changes these


def ledger(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """:func:`dump` but for the device identity, which a restore renews on purpose."""
    return without_identity(dump(path))


def without_identity(dumped: dict[str, list[tuple[object, ...]]]
                     ) -> dict[str, list[tuple[object, ...]]]:  # fmt: skip
    return {t: [r for r in rows if not (t == "app_meta" and r[0] in IDENTITY)]
            for t, rows in dumped.items()}  # fmt: skip


def records(path: Path) -> dict[str, int]:
    """Live records per synced table (every record type of db/schema/kinds.py)."""
    from db.schema.kinds import RecordKind

    conn = _reader(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t} WHERE NOT deleted").fetchone()[0]
                for t in (k.spec.table for k in RecordKind)}  # fmt: skip
    finally:
        conn.close()


def mount(target: Path, *options: str) -> bool:
    """A tmpfs at ``target`` (root on Linux only); whether it was mounted."""
    if sys.platform != "linux" or os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", *options, "tmpfs", str(target)],
                          capture_output=True, check=False)  # fmt: skip
    return done.returncode == 0


def umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], check=False)


def damaged_copies(source: Path, folder: Path, wanted: int) -> list[Path]:
    """Copies of ``source`` with 32 bytes flipped in one page each (what issue #11 tried),
    kept only where SQLite's integrity_check sees the damage; pages are tried from the
    middle of the file outwards, so the copies do not depend on the file's layout."""
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = source.read_bytes()
    pages = len(data) // page
    order = sorted(range(1, pages), key=lambda n: abs(n - pages // 2))
    found: list[Path] = []
    for n in order:
        at = n * page + 100
        copy = folder / f"damaged{n}.sqlite3"
        copy.write_bytes(data[:at] + bytes(b ^ 0xA5 for b in data[at : at + 32]) + data[at + 32 :])
        try:
            check = sqlite3.connect(copy)
            sound = check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            check.close()
        except sqlite3.DatabaseError:
            sound = False
        if sound:
            copy.unlink()
            continue
        found.append(copy)
        if len(found) == wanted:
            break
    return found


def damage(path: Path) -> None:
    """Damage pages in the middle of a ledger, so that SQLite's check finds it."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = path.stat().st_size
    for at in range(size // 2 - 8 * 4096, size // 2 + 8 * 4096, 4096):
        with open(path, "r+b") as fh:
            fh.seek(at + 100)
            data = fh.read(32)
            fh.seek(at + 100)
            fh.write(bytes(b ^ 0xA5 for b in data))


def answer(text_wanted: list[str], button: str) -> None:
    """When a message box shows: note its words and press ``button``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        text_wanted.append(box.text() + "\n" + box.informativeText())
        chosen = next(b for b in box.buttons() if b.text() == button)
        chosen.click()

    QTimer.singleShot(0, press)
