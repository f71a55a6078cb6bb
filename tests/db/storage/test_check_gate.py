"""When SQLite's check runs (issue #21): off the path to the first figure, before every
write, remembered for an unchanged file; damage named by ``check``.

Real files throughout. The demo year is small (under :data:`db.storage.check_gate.SMALL`, where
the whole check still runs at open); these tests lower that threshold to play a large
file, and lower :data:`db.storage.check_memory.RACY` where a check must be remembered at once.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.records import edit
from db.schema.kinds import RecordKind
from db.storage import check_gate, check_memory, integrity
from db.storage.database import open_database
from db.storage.integrity import DatabaseDamaged, check_file
from tests.support.factories import a_case
from tests.support.safety_help import damaged_copies


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def settled(demo_path: Path) -> Path:
    """The demo copy opened once where it lies (a file opened in a new place takes a new
    device id: a write at open) and its log folded in."""
    open_database(demo_path).close()
    conn = sqlite3.connect(demo_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return demo_path


def counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files SQLite's whole check runs on, from now on."""
    ran: list[Path] = []
    real = integrity.quick_check

    def quick_check(path: Path, *, immutable: bool = False) -> None:
        ran.append(path)
        real(path, immutable=immutable)

    monkeypatch.setattr(check_gate, "quick_check", quick_check)
    return ran


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large: the whole check waits for the first write."""
    monkeypatch.setattr(check_gate, "SMALL", 0)


def damage(path: Path, scratch: Path) -> None:
    """32 bytes flipped in one page, in place (same file, same place), where SQLite's
    integrity_check sees it."""
    scratch.mkdir(exist_ok=True)
    (copy,) = damaged_copies(path, scratch, 1)
    with open(path, "r+b") as fh:  # the same file: the database keeps its place
        fh.write(copy.read_bytes())
    copy.unlink()


@pytest.fixture
def memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "checks"
    monkeypatch.setattr(check_memory, "RACY", 0.0)
    check_memory.use(folder)
    yield folder
    check_memory.use(None)


def test_a_large_file_opens_without_the_whole_check_and_its_first_write_waits_for_it(
    settled: Path, large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_path = settled
    ran = counted(monkeypatch)
    db = open_database(demo_path, check="write")
    try:
        assert db.gate is not None and db.gate.state == "unchecked" and ran == []
        with db.session() as s:  # reading needs no check
            s.connection().exec_driver_sql("SELECT count(*) FROM support_case").scalar_one()
        assert ran == []
        edit.create(db, RecordKind.SUPPORT_CASE, a_case())
        assert ran == [demo_path.resolve()] and db.gate.state == "sound"
    finally:
        db.close()


@pytest.mark.parametrize("when", ["write", "background"])
def test_no_write_reaches_a_damaged_large_file(
    settled: Path, tmp_path: Path, large: None, when: str
) -> None:
    """The file opens (its header and schema are sound) and reads; the first write is
    held until the check, which finds the damage: nothing is written."""
    copy = settled
    damage(copy, tmp_path / "scratch")
    before = digest(copy)
    db = open_database(copy, writer="test", check=when)
    try:
        assert db.gate is not None
        if when == "background":
            db.gate.start()
        with pytest.raises(DatabaseDamaged) as info:
            edit.create(db, RecordKind.SUPPORT_CASE, a_case())
        assert "damaged" in str(info.value) and db.gate.state == "damaged"
    finally:
        db.close()
    assert digest(copy) == before


def test_a_small_damaged_file_is_refused_at_open(demo_path: Path, tmp_path: Path) -> None:
    (copy,) = damaged_copies(demo_path, tmp_path, 1)
    with pytest.raises(DatabaseDamaged):
        open_database(copy, check="write")


def test_a_damaged_header_or_schema_is_refused_at_open_whatever_the_size(
    demo_path: Path, large: None
) -> None:
    data = bytearray(demo_path.read_bytes())
    cut = demo_path.with_name("cut.sqlite3")
    cut.write_bytes(data[: len(data) // 2])  # a copy cut short: the header says more pages
    with pytest.raises(DatabaseDamaged, match="cut short"):
        open_database(cut, check="write")
    data[16:18] = (3000).to_bytes(2, "big")  # no page size SQLite knows
    odd = demo_path.with_name("odd.sqlite3")
    odd.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged, match="page size"):
        open_database(odd, check="background")


def test_an_unchanged_file_is_not_checked_again_and_a_changed_one_is(
    settled: Path, large: None, memory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_path = settled
    ran = counted(monkeypatch)
    db = open_database(demo_path, check="now")
    db.close()
    assert len(ran) == 1 and len(list(memory.glob("*.json"))) == 1
    db = open_database(demo_path, check="now")
    assert db.gate is not None and db.gate.state == "sound" and len(ran) == 1
    edit.create(db, RecordKind.SUPPORT_CASE, a_case())  # remembered: no check before it
    db.close()
    assert len(ran) == 1
    db = open_database(demo_path, check="now")  # it was written since: checked again
    db.close()
    assert len(ran) == 2


def test_bytes_changed_behind_sqlite_s_back_are_checked_again(
    settled: Path, large: None, memory: Path, tmp_path: Path
) -> None:
    """A tool that rewrites bytes in place, keeping the size and even the time."""
    demo_path = settled
    open_database(demo_path, check="now").close()  # remembered as it is now
    assert list(memory.glob("*.json"))
    st = demo_path.stat()
    damage(demo_path, tmp_path / "scratch")
    os.utime(demo_path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same time, too
    with pytest.raises(DatabaseDamaged):
        open_database(demo_path, check="now")


def test_a_file_written_just_before_its_check_is_not_remembered(
    settled: Path, large: None, tmp_path: Path
) -> None:
    demo_path = settled
    """Racy: a write within the file system's time granularity after the check would
    leave the remembered times as they were."""
    check_memory.use(tmp_path / "checks")
    try:
        os.utime(demo_path)  # written just now
        open_database(demo_path, check="now").close()
        assert not list((tmp_path / "checks").glob("*.json"))
    finally:
        check_memory.use(None)


def test_check_names_the_damaged_table_or_index(demo_path: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(demo_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page, root = conn.execute(
        "SELECT (SELECT page_size FROM pragma_page_size), rootpage FROM sqlite_master"
        " WHERE name = 'ix_support_case_period'"
    ).fetchone()
    conn.close()
    data = bytearray(demo_path.read_bytes())
    at = (root - 1) * page
    data[at : at + 8] = bytes(b ^ 0xA5 for b in data[at : at + 8])  # its page header
    demo_path.write_bytes(bytes(data))
    found = check_file(demo_path)
    assert not found.ok
    assert any(str(root) in p and "index ix_support_case_period" in p
               for p in found.sqlite), found.sqlite  # fmt: skip


def test_sqlite_s_report_of_damage_while_reading_is_recognised(demo_path: Path) -> None:
    from sqlalchemy.exc import DatabaseError

    malformed = sqlite3.DatabaseError("database disk image is malformed")
    assert check_gate.damage_in(malformed)
    assert check_gate.damage_in(DatabaseError("SELECT 1", None, malformed))
    assert not check_gate.damage_in(sqlite3.OperationalError("database is locked"))
    assert not check_gate.damage_in(ValueError("malformed"))


def _flip_root(path: Path, tree: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (tree,)).fetchone()
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        head = fh.read(8)
        fh.seek((root - 1) * size)
        fh.write(bytes(b ^ 0xA5 for b in head))


def test_a_read_only_command_says_in_one_line_when_sqlite_reports_damage_while_reading(
    settled: Path, large: None, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A large file is tallied without the whole check; the day summary it reads is
    damaged: one line, exit 1, nothing written."""
    from office_ledger.cli.commands import main

    ran = counted(monkeypatch)

    assert main(["--db", str(settled), "tally", "--fy", "2023", "--json"]) == 0
    capsys.readouterr()
    _flip_root(settled, "support_case_day")
    before = digest(settled)
    assert main(["--db", str(settled), "tally", "--fy", "2023", "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert "is damaged" in err and "office-ledger check" in err
    assert digest(settled) == before
    assert ran == []  # read without SQLite's whole check
