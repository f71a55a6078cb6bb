"""The defects issue #11 found, each with a real file, disk or process: a damaged
database read as if sound, an interrupted creation that could never be opened again,
full disks and read-only media ending in tracebacks, leftovers of killed writers;
and ``check``, which finds damage and broken ledger rules."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.storage.database import open_database
from tests.support.safety_help import CLI, cli, damaged_copies, dump, mount, records, umount


@pytest.mark.slow
def test_a_damaged_database_is_refused_in_one_line_and_never_written(
    demo_path: Path, tmp_path: Path
) -> None:
    """Issue #11: tally exited 0 on 8 of 8 damaged copies, with wrong figures on 7."""
    copies = damaged_copies(demo_path, tmp_path, 8)
    assert len(copies) == 8
    for n, copy in enumerate(copies):
        before = copy.read_bytes()
        export = ["export", "--office", "NYC", "--fy", "2023", "-o", str(tmp_path / "out.xlsx")]
        for argv in (["tally", "--fy", "2023"], *([export] if n < 2 else [])):
            done = cli("--db", str(copy), *argv)
            assert done.returncode != 0 and done.stdout == "", (copy, done.stdout)
            assert len(done.stderr.strip().splitlines()) == 1, done.stderr
            assert "damaged" in done.stderr and "restore" in done.stderr
        assert copy.read_bytes() == before
        assert not (tmp_path / "out.xlsx").exists()
        if n < 2:
            checked = cli("--db", str(copy), "check")
            assert checked.returncode == 1 and "NOT sound" in checked.stderr


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (["DELETE FROM event_leg WHERE event_id = (SELECT min(id) FROM event_booth)"], "no leg"),
        (["UPDATE event_booth SET visitors = -3 WHERE id = (SELECT min(id) FROM event_booth)"],
         "visitors is -3"),
        (["UPDATE support_case SET version = version + 1 WHERE id = 1"],
         "version vector"),
        (["UPDATE app_meta SET value = '1' WHERE key = 'lamport_clock'"], "above this database's"),
        (["PRAGMA foreign_keys = OFF", "DELETE FROM newsletter WHERE id = (SELECT newsletter_id"
          " FROM newsletter_issue LIMIT 1)"], "without their newsletter"),
    ],
)  # fmt: skip
def test_check_finds_broken_ledger_rules_and_exits_1(
    demo_path: Path, statements: list[str], expected: str
) -> None:
    assert cli("--db", str(demo_path), "check").returncode == 0
    _sql(demo_path, *statements)
    done = cli("--db", str(demo_path), "check")
    assert done.returncode == 1 and expected in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def _remnant(path: Path) -> None:
    """What an older app's interrupted creation left: the tables, no schema revision,
    no records (its DDL committed before the revision was stamped)."""
    from db.storage.base import Base
    from db.storage.models import SYNCED_MODELS  # noqa: F401 - registers every table

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    engine.dispose()
    conn = sqlite3.connect(path)  # Alembic makes its table first and stamps it last
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    conn.commit()
    conn.close()


@pytest.mark.slow
def test_a_file_left_by_an_interrupted_creation_is_finished_on_next_open(tmp_path: Path) -> None:
    """Issue #11: such a file failed forever with 'table app_meta already exists' and
    left another *.before-none-* copy each time."""
    path = tmp_path / "ledger.sqlite3"
    _remnant(path)
    for _ in range(2):
        done = cli("--db", str(path), "tally", "--fy", "2023", "--json")
        assert "already exists" not in done.stderr and "Traceback" not in done.stderr
    done = cli("--db", str(path), "demo")
    assert done.returncode == 0, done.stderr
    assert records(path)["support_case"] > 0
    assert sorted(p.name for p in tmp_path.iterdir() if "before" in p.name) == []


@pytest.mark.slow
def test_creation_killed_at_any_moment_leaves_nothing_or_a_whole_ledger(tmp_path: Path) -> None:
    """SIGKILL ``init`` at 6 moments: the next command always works."""
    for i in range(6):
        path = tmp_path / f"c{i}.sqlite3"
        proc = subprocess.Popen([sys.executable, "-c", CLI, "--db", str(path), "init"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(0.3 + i * 0.15)
        proc.kill()  # SIGKILL (TerminateProcess on Windows)
        proc.wait()
        assert not path.exists() or _is_ledger(path)
        done = cli("--db", str(path), "demo")
        assert done.returncode == 0, done.stderr
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
        assert leftovers == []


def _is_ledger(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return bool(conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1)
    finally:
        conn.close()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tiny"
    folder.mkdir()
    if not mount(folder, "-o", "size=2m"):
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux)")
    yield folder
    umount(folder)


@pytest.mark.slow
def test_creating_on_a_full_disk_says_so_and_leaves_nothing(tiny_disk: Path) -> None:
    _fill(tiny_disk, 48 * 1024)
    path = tiny_disk / "ledger.sqlite3"
    done = cli("--db", str(path), "init")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "nothing was" in done.stderr
    left = sorted(p.name for p in tiny_disk.iterdir())
    assert left in (["filler"], ["filler", "ledger.sqlite3.lock"])  # no half-made ledger
    assert not (tiny_disk / "ledger.sqlite3.lock").exists() or not (
        tiny_disk / "ledger.sqlite3.lock").stat().st_size  # fmt: skip
    (tiny_disk / "filler").unlink()
    assert cli("--db", str(path), "init").returncode == 0  # room again: it works


@pytest.mark.slow
def test_a_full_disk_loses_nothing_on_demo_import_and_backup(
    demo_path: Path, tiny_disk: Path, tmp_path: Path
) -> None:
    """The database fills a small tmpfs: demo --replace, import and backup each say so in
    one line and the database keeps every record it had."""
    from db.schema.fiscal import fy_period
    from exports.xlsx.export import export_office

    source = open_database(demo_path)
    workbook = export_office(source, tmp_path / "SIN.xlsx", "SIN", fy_period(2023), "en").path
    other = export_office(source, tmp_path / "NYC.xlsx", "NYC", fy_period(2023), "en").path
    source.close()
    path = tiny_disk / "ledger.sqlite3"
    env = {"OFFICE_LEDGER_HOME": str(tiny_disk / "home")}
    assert cli("--db", str(path), "import", str(workbook), env=env).returncode == 0
    _fill(tiny_disk, 8 * 1024)
    before = dump(path)
    for argv in (["demo", "--replace"], ["backup"],
                 ["import", str(other)]):  # fmt: skip
        done = cli("--db", str(path), *argv, env=env)
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode != 0, (argv, done.stdout)
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert not [p for p in tiny_disk.rglob(".*") if p.name.endswith(".part")]
    (tiny_disk / "filler").unlink()  # room again: SQLite can open its WAL index to read
    assert dump(path) == before  # nothing lost, nothing half-written
    assert cli("--db", str(path), "check").returncode == 0


def _fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` but for ``leave`` bytes."""
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(bytes(max(0, free - leave)))


@pytest.fixture
def read_only_copy(demo_path: Path, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "ro"
    folder.mkdir()
    if not mount(folder, "-o", "size=4m"):
        pytest.skip("cannot mount a tmpfs here (needs root on Linux)")
    (folder / "demo.sqlite3").write_bytes(demo_path.read_bytes())
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    yield folder / "demo.sqlite3"
    umount(folder)


@pytest.mark.slow
def test_a_database_on_read_only_media_opens_read_only_for_tallies_and_reports(
    read_only_copy: Path, tmp_path: Path
) -> None:
    """Issue #11: it could not even be tallied ('attempt to write a readonly database')."""
    done = cli("--db", str(read_only_copy), "tally", "--fy", "2023", "--json")
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "r.pdf"
    done = cli("--db", str(read_only_copy), "report", "--fy", "2023", "-o", str(pdf))
    assert done.returncode == 0 and pdf.exists(), done.stderr
    assert cli("--db", str(read_only_copy), "check").returncode == 0
    db = open_database(read_only_copy, writer="Office Ledger app", read_only_if_busy=True)
    try:
        assert db.read_only == "read-only disk" and db.lock is None
    finally:
        db.close()
    done = cli("--db", str(read_only_copy), "demo", "--replace")
    assert done.returncode != 0 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "read-only" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_leftovers_of_killed_writers_are_swept_on_the_next_run(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dead process's hidden .part beside the target and its scratch folder in $TMPDIR
    go; a live process's stay."""
    scratch_root = tmp_path / "tmp"
    scratch_root.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    left = out / f".NYC.xlsx.{dead}.abcd.part"
    left.write_bytes(b"half")
    alive = out / f".NYC.xlsx.{os.getpid()}.abcd.part"
    alive.write_bytes(b"mine")
    (scratch_root / f"office-ledger-scratch-{dead}-xyz").mkdir()
    (scratch_root / f"office-ledger-scratch-{dead}-xyz" / "tmp123").write_bytes(b"x")
    done = cli("--db", str(demo_path), "export", "--office", "NYC", "--fy", "2023", "-o",
               str(out / "NYC.xlsx"), env={"TMPDIR": str(scratch_root)})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not left.exists() and alive.exists()
    assert list(scratch_root.iterdir()) == []  # and its own scratch folder is gone too
