"""One writer per database (issue #11), with real processes: two writers never write at
once; a second writer waits, or is refused naming the other process and user, and the
file it refused is in the sync history; a lock left by a killed process is cleared;
readers work while a writer holds the database; two imports at once both land."""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.storage.database import open_database
from db.storage.lock import WriterBusy, acquire, read_owner
from tests.support.safety_help import cli, records

HOLD = (
    "import sys, time; from pathlib import Path; from db.storage.lock import acquire;"
    " lock = acquire(Path(sys.argv[1]), sys.argv[3], wait=30);"
    " print('held', flush=True); time.sleep(float(sys.argv[2])); lock.release()"
)


def _hold(db: Path, seconds: float, what: str = "Office Ledger app") -> subprocess.Popen[str]:
    """A real process holding ``db``'s writer lock for ``seconds`` as ``what``."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds), what],
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None
    held = proc.stdout.readline().strip()
    proc.stdout.close()  # it prints nothing more
    assert held == "held"
    return proc


@pytest.fixture(scope="module")
def workbooks(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Export workbooks of four offices' FY2023, from the demo year."""
    from db.schema.fiscal import fy_period
    from exports.xlsx.export import export_office

    folder = tmp_path_factory.mktemp("workbooks")
    source = folder / "source.sqlite3"  # a copy: an export is logged in its database,
    shutil.copyfile(demo_template, source)  # and the shared template must stay as made
    db = open_database(source)
    try:
        period = fy_period(2023)
        return {
            office: export_office(db, folder / f"{office}.xlsx", office, period, "en").path
            for office in ("NYC", "LON", "PAR", "SIN")
        }
    finally:
        db.close()


def test_two_writers_never_write_at_once(tmp_path: Path) -> None:
    """Two processes take the lock 25 times each and note when they hold it: the notes
    never overlap."""
    db, journal = tmp_path / "x.sqlite3", tmp_path / "journal"
    code = (
        "import os, sys, time; from pathlib import Path; from db.storage.lock import acquire\n"
        "for _ in range(25):\n"
        "    lock = acquire(Path(sys.argv[1]), 'test', wait=30)\n"
        "    with open(sys.argv[2], 'a') as f: f.write(f'in {os.getpid()}\\n')\n"
        "    time.sleep(0.01)\n"
        "    with open(sys.argv[2], 'a') as f: f.write(f'out {os.getpid()}\\n')\n"
        "    lock.release()\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db), str(journal)])
             for _ in range(2)]  # fmt: skip
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    lines = journal.read_text().split("\n")[:-1]
    assert len(lines) == 100
    for i in range(0, 100, 2):  # strictly: in A, out A, in B, out B, ...
        assert lines[i].startswith("in ") and lines[i + 1] == "out " + lines[i][3:]


@pytest.mark.slow
def test_a_second_writer_is_refused_naming_the_other_and_its_file_is_logged(
    demo_path: Path, workbooks: dict[str, Path]
) -> None:
    holder = _hold(demo_path, 60)
    try:
        before = records(demo_path)
        start = time.monotonic()
        done = cli("--db", str(demo_path), "import", str(workbooks["NYC"]))
        assert time.monotonic() - start < 30  # no minute's wait for an app a person closes
        assert done.returncode == 1
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert f"process {holder.pid}" in done.stderr and getpass.getuser() in done.stderr
        assert "Office Ledger app" in done.stderr
        assert records(demo_path) == before
        tally = cli("--db", str(demo_path), "tally", "--fy", "2023", "--json")  # readers work
        assert tally.returncode == 0 and tally.stdout.startswith("{"), tally.stderr
    finally:
        holder.kill()
        holder.wait()
    from exports.sync_log import history

    db = open_database(demo_path)
    try:
        logged = [(e.file_name, e.result) for e in history(db)]
    finally:
        db.close()
    assert (str(workbooks["NYC"]), "refused") in logged


@pytest.mark.slow
def test_a_writer_waits_for_the_other_to_finish(tmp_path: Path, workbooks: dict[str, Path]) -> None:
    target = tmp_path / "wait.sqlite3"
    open_database(target).close()
    holder = _hold(target, 2, "import")  # another import: waited for
    done = cli("--db", str(target), "import", str(workbooks["LON"]))
    holder.wait()
    assert done.returncode == 0, done.stderr
    assert records(target)["support_case"] > 0


def test_a_lock_left_by_a_killed_process_is_cleared(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    holder = _hold(path, 60)
    assert read_owner(path)["pid"] == holder.pid
    with pytest.raises(WriterBusy, match=f"process {holder.pid}"):
        acquire(path, "test")
    holder.kill()  # SIGKILL (TerminateProcess on Windows): no chance to clean up
    holder.wait()
    lock = acquire(path, "test")  # the OS dropped the dead process's lock
    try:
        assert lock.stale["pid"] == holder.pid  # noticed, and taken over
        assert read_owner(path)["pid"] == os.getpid()
    finally:
        lock.release()
    assert read_owner(path) == {}


def test_a_second_app_opens_read_only_and_cannot_write(demo_path: Path) -> None:
    from db.records import edit
    from db.storage.failures import storage_failure

    first = open_database(demo_path, writer="Office Ledger app", read_only_if_busy=True)
    second = open_database(demo_path, writer="Office Ledger app", read_only_if_busy=True)
    try:
        assert first.read_only == "" and first.lock is not None
        assert second.read_only.startswith("open for writing in Office Ledger app (process")
        with second.session() as s:  # it reads
            assert s.connection().exec_driver_sql("SELECT count(*) FROM support_case").scalar()
        uuid = _any_case(second)
        with pytest.raises(Exception) as failed:
            edit.set_deleted(second, uuid, True, "support_case")
        assert "read-only" in (storage_failure(failed.value, demo_path) or "")
    finally:
        second.close()
        first.close()


def _any_case(db: object) -> str:
    from sqlalchemy import select

    from db.storage.models import SupportCase

    with db.session() as s:  # type: ignore[attr-defined]
        return str(s.execute(select(SupportCase.uuid).limit(1)).scalar_one())


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()


@pytest.mark.slow
def test_two_imports_at_once_both_land_and_are_logged(
    tmp_path: Path, workbooks: dict[str, Path], started: list[subprocess.Popen[str]]
) -> None:
    """Issue #11: 6 of 40 such pairs ended in a UNIQUE constraint traceback and a lost
    file. Now the second waits for the first; every office arrives."""
    from tests.support.safety_help import CLI

    for trial in range(4):
        target = tmp_path / f"t{trial}.sqlite3"
        pairs = (("NYC", "LON"), ("PAR", "SIN"))
        started[:] = [
            subprocess.Popen([sys.executable, "-c", CLI, "--db", str(target), "import",
                              *(str(workbooks[o]) for o in offices)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for offices in pairs
        ]  # fmt: skip
        results = [p.communicate(timeout=180) for p in started]
        assert [p.returncode for p in started] == [0, 0], results
        assert all("Traceback" not in err for _, err in results)
        assert _offices(target) == {"NYC", "LON", "PAR", "SIN"}
        assert _logged(target) == {str(p): "ok" for p in workbooks.values()}


def _logged(path: Path) -> dict[str, str]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT file_name, result FROM sync_log"))
    finally:
        conn.close()


def _offices(path: Path) -> set[str]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT DISTINCT office_code FROM support_case")}
    finally:
        conn.close()
