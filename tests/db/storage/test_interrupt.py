"""Ctrl-C during a command (issue #19): a real SIGINT to the real ``office-ledger``
process at several moments of export, report, consolidate, import, backup and
restore. Each time: at most one line on stderr, no traceback, exit 130 (or 0 when the
command had finished), no partial file at the target, the database sound, and the
line says what had been done ("nothing was changed" when nothing had).

The moments are found by watching the process, not guessed from the clock alone:
once it has the database open (its open files, in /proc), then a little later, and
(for a file being written) as soon as its hidden ``.part`` file appears.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from db.storage.integrity import check_file

EXE = Path(sys.executable).parent / "office-ledger"
pytestmark = [
    pytest.mark.slow,  # about 20 runs of the real process
    pytest.mark.skipif(not Path("/proc/self/fd").is_dir(),
                       reason="finds the moments in /proc (Linux)"),
]  # fmt: skip

Moment = Callable[[int], bool]


def _opened(path: Path) -> Moment:
    """The process has ``path`` open."""
    wanted = str(path.resolve())

    def seen(pid: int) -> bool:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            return False
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == wanted:
                    return True
            except OSError:
                continue
        return False

    return seen


def _part_in(folder: Path) -> Moment:
    """A hidden ``.part`` file is being written in ``folder``."""
    return lambda _pid: any(p.name.endswith(".part") for p in folder.rglob(".*"))


def _interrupt(argv: list[str], home: Path, moment: Moment, delay: float
               ) -> tuple[int, str, str]:  # fmt: skip
    env = {**os.environ, "OFFICE_LEDGER_HOME": str(home)}
    proc = subprocess.Popen([str(EXE), *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    deadline = time.monotonic() + 60
    while proc.poll() is None and not moment(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    if proc.returncode == -signal.SIGINT and out and not err:
        # it had finished and said so; the signal came as the interpreter shut down,
        # after Python put the default handler back: the shell sees 130 all the same
        return 0, out, err
    return proc.returncode, out, err


def _said_one_line(code: int, err: str) -> str:
    assert "Traceback" not in err and "Error" not in err, err
    if code == 0:  # finished before the signal came
        return ""
    assert code == 130, (code, err)
    assert len(err.splitlines()) == 1 and err.startswith("office-ledger: interrupted: "), err
    return err


def _sound(db: Path) -> None:
    assert check_file(db).ok
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _no_parts(folder: Path) -> None:
    assert not [p for p in folder.rglob(".*.part")], list(folder.rglob(".*.part"))


DELAYS = (0.0, 0.3, 0.9)


@pytest.mark.parametrize(("command", "suffix", "check"), [
    (["export", "--office", "SIN", "--fy", "2023"], ".xlsx", b"PK"),
    (["report", "--fy", "2023"], ".pdf", b"%PDF"),
    (["consolidate", "--fy", "2023"], ".xlsx", b"PK"),
])  # fmt: skip
def test_ctrl_c_while_writing_a_file_leaves_it_whole_or_absent(
    demo_path: Path, tmp_path: Path, command: list[str], suffix: str, check: bytes
) -> None:
    outputs = tmp_path / "out"
    outputs.mkdir()
    moments: list[tuple[Moment, float]] = [(_opened(demo_path), d) for d in DELAYS]
    moments.append((_part_in(outputs), 0.0))
    interrupted = 0
    for n, (moment, delay) in enumerate(moments):
        target = outputs / f"file{n}{suffix}"
        code, _out, err = _interrupt(["--db", str(demo_path), *command, "-o", str(target)],
                                     tmp_path / "home", moment, delay)  # fmt: skip
        said = _said_one_line(code, err)
        _no_parts(outputs)
        if target.exists():  # written whole, and said so when interrupted after it
            data = target.read_bytes()
            assert data.startswith(check)
            if suffix == ".pdf":
                assert data.rstrip().endswith(b"%%EOF")
            assert code == 0 or f"wrote {target}" in said
        else:
            assert code == 130 and said.endswith("nothing was changed\n")
        interrupted += code == 130
        _sound(demo_path)
    assert interrupted >= 2  # the moments fell inside the work, not after it


def _cases(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("SELECT uuid, version FROM support_case"))


def test_ctrl_c_during_an_import_imports_the_workbook_whole_or_not_at_all(
    demo_path: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    book = tmp_path / "SIN.xlsx"
    done = subprocess.run([str(EXE), "--db", str(demo_path), "export", "--office", "SIN",
                           "--fy", "2023", "-o", str(book)], capture_output=True,
                          env={**os.environ, "OFFICE_LEDGER_HOME": str(home)})  # fmt: skip
    assert done.returncode == 0, done.stderr
    interrupted = 0
    # An import of one office's book can end within 0.3 s: moments from the file's
    # opening on, so that the Ctrl-C lands inside it at least once on any machine.
    for n, delay in enumerate((0.0, 0.02, 0.1, 0.3)):
        target = tmp_path / f"empty{n}.sqlite3"
        assert subprocess.run([str(EXE), "--db", str(target), "init"],
                              capture_output=True).returncode == 0  # fmt: skip
        code, _out, err = _interrupt(["--db", str(target), "import", str(book)], home,
                                     _opened(target), delay)  # fmt: skip
        said = _said_one_line(code, err)
        _sound(target)
        rows = _cases(target)
        assert len(rows) in (0, 161)  # one transaction: every record of the book, or none
        if code == 130:
            assert ("imported SIN.xlsx" in said) == bool(rows), said
            interrupted += 1
    assert interrupted >= 1  # the Ctrl-C came while the import ran, not only after it


def test_ctrl_c_during_backup_and_restore_leaves_one_database_or_the_other(
    demo_path: Path, tmp_path: Path
) -> None:
    from db.records import edit
    from db.storage.database import open_database

    home = tmp_path / "home"
    kept = tmp_path / "kept.sqlite3"
    done = subprocess.run([str(EXE), "--db", str(demo_path), "backup", "-o", str(kept)],
                          capture_output=True, env={**os.environ,
                                                    "OFFICE_LEDGER_HOME": str(home)})  # fmt: skip
    assert done.returncode == 0, done.stderr
    db = open_database(demo_path)
    try:
        with db.session() as s:
            from sqlalchemy import text

            uuids = s.execute(text("SELECT uuid FROM support_case LIMIT 40")).scalars().all()
        for uuid in uuids:  # a change after the backup, for the restore to undo
            edit.set_deleted(db, uuid, True)
    finally:
        db.close()
    backup_rows, changed_rows = _cases(kept), _cases(demo_path)
    assert backup_rows != changed_rows
    interrupted = 0
    for n, delay in enumerate(DELAYS):
        target = tmp_path / "copies" / f"b{n}.sqlite3"
        target.parent.mkdir(exist_ok=True)
        code, _out, err = _interrupt(["--db", str(demo_path), "backup", "-o", str(target)],
                                     home, _opened(demo_path), delay)  # fmt: skip
        said = _said_one_line(code, err)
        _no_parts(target.parent)
        assert not target.exists() or check_file(target).ok
        assert code == 0 or target.exists() == (f"wrote {target}" in said)
        interrupted += code == 130
        _sound(demo_path)
    for delay in DELAYS:
        code, _out, err = _interrupt(["--db", str(demo_path), "restore", str(kept), "--yes"],
                                     home, _opened(kept), delay)  # fmt: skip
        said = _said_one_line(code, err)
        _sound(demo_path)
        rows = _cases(demo_path)
        assert rows in (changed_rows, backup_rows)
        if code == 130:
            assert ("restored kept.sqlite3" in said) == (rows == backup_rows), said
            interrupted += 1
        if rows == backup_rows:  # restored: change it again for the next moment
            db = open_database(demo_path)
            try:
                for uuid in uuids:
                    edit.set_deleted(db, uuid, True)
            finally:
                db.close()
            changed_rows = _cases(demo_path)
    assert interrupted >= 3
