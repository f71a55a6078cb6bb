"""Damage in a 1,000,000-case ledger (issue #21): in an index page and in a table page,
no write reaches the file — not the app's, not a command-line writer's — and ``check``
names the damaged index or table. Read-only commands still read it, without the full
pass, and say in one line if SQLite reports the damage while reading.

The ledger is built once per test session by SQLite itself (bench/big_ledger.py: ten
fiscal years of 100,000 cases, ~500 MB, ~40 s); each test damages it in place and puts
the original bytes back afterwards.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from db.records import edit
from db.schema.enums import RequesterCategory
from db.schema.kinds import CaseRow, RecordKind
from db.storage.database import open_database
from db.storage.integrity import DatabaseDamaged
from tests.support.safety_help import cli

pytestmark = pytest.mark.slow
BENCH = Path(__file__).resolve().parents[3] / "bench"


@pytest.fixture(scope="session")
def million(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("big_ledger", BENCH / "big_ledger.py")
    assert spec is not None and spec.loader is not None
    big_ledger = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(big_ledger)
    path: Path = tmp_path_factory.mktemp("big") / "ledger.sqlite3"
    big_ledger.build(path, 1_000_000, range(2014, 2024))
    return path


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 24):
            sha.update(chunk)
    return sha.hexdigest()


def middle_leaf(path: Path, tree: str) -> tuple[int, int]:
    """A leaf page in the middle of ``tree`` (SQLite's dbstat), and the page size."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (tree,))]  # fmt: skip
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    assert len(leaves) > 1000  # a big tree: the page is far from its root
    return leaves[len(leaves) // 2], size


@pytest.fixture(params=["ix_support_case_period", "support_case"])
def damaged(request: pytest.FixtureRequest, million: Path) -> Iterator[tuple[Path, str]]:
    """The ledger with the header of one leaf page of the index or the table flipped."""
    tree: str = request.param
    page, size = middle_leaf(million, tree)
    at = (page - 1) * size
    with million.open("r+b") as fh:
        fh.seek(at)
        original = fh.read(8)
        fh.seek(at)
        fh.write(bytes(b ^ 0xA5 for b in original))
    try:
        yield million, tree
    finally:
        with million.open("r+b") as fh:
            fh.seek(at)
            fh.write(original)


def a_case() -> CaseRow:
    return CaseRow(office_code="NYC", requester="東京都",
                   requester_category=RequesterCategory.PREFECTURE_OR_CITY,
                   start_date=date(2023, 6, 1))  # fmt: skip


def test_no_write_reaches_a_damaged_million_case_ledger_and_check_names_the_damage(
    damaged: tuple[Path, str],
) -> None:
    path, tree = damaged
    before = digest(path)
    # the app's way: opened at once, SQLite's check in the background, a save waits for it
    db = open_database(path, writer="Office Ledger app", check="background")
    try:
        assert db.gate is not None and db.gate.state == "unchecked"
        db.gate.start()
        with pytest.raises(DatabaseDamaged):
            edit.create(db, RecordKind.SUPPORT_CASE, a_case())
        assert db.gate.state == "damaged"
    finally:
        db.close()
    # a command-line writer: refused before it opens the file for writing
    written = cli("--db", str(path), "demo", "--if-empty")
    assert written.returncode != 0 and "damaged" in written.stderr, written.stderr
    assert len(written.stderr.strip().splitlines()) == 1
    assert digest(path) == before
    # a read-only command reads without the full pass: figures, or damage in one line
    tallied = cli("--db", str(path), "tally", "--fy", "2023", "--json")
    assert "Traceback" not in tallied.stderr
    if tallied.returncode:
        assert len(tallied.stderr.strip().splitlines()) == 1 and "damaged" in tallied.stderr
    else:
        assert tallied.stdout.startswith("{")
    # check finds it and names the index or the table
    checked = cli("--db", str(path), "check", "--lang", "en", timeout=600)
    assert checked.returncode == 1 and "NOT sound" in checked.stderr
    kind = "index" if tree.startswith("ix_") else "table"
    assert f"{kind} {tree}" in checked.stderr, checked.stderr
    assert digest(path) == before
