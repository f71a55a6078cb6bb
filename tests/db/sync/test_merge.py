"""The merge rules, one by one, on real databases (no files involved)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from db.read import rows as R
from db.records import write as records
from db.storage.models import Conflict, SupportCase
from db.sync import merge
from tests.support.factories import case

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from db.storage.database import Database


def _rows(db: Database) -> list[R.CaseRow]:
    with db.session() as s:
        return R.cases(s, deleted=True)


def _merge(db: Database, rows: list[R.CaseRow]) -> dict[str, int]:
    with db.session() as s:
        return merge.apply(s, merge.plan(s, {"support_case": rows}))["support_case"]


_OPEN: list[Callable[[str], Database]] = []


@pytest.fixture(autouse=True)
def _on_each_backend(ledgers: Callable[[str], Database]) -> Iterator[None]:
    """Every merge rule on SQLite, and on PostgreSQL (headquarters' server) when one is
    given: the laptops here are opened by ``ledgers`` (tests/support/pg.py)."""
    _OPEN.append(ledgers)
    yield
    _OPEN.pop()


def _laptop(tmp_path: Path, name: str) -> Database:
    return _OPEN[-1](name)


def test_new_then_same_again_changes_nothing(tmp_path: Path) -> None:
    a, b = _laptop(tmp_path, "a"), _laptop(tmp_path, "b")
    with a.session() as s:
        case(s)
    assert _merge(b, _rows(a))["new"] == 1
    assert _merge(b, _rows(a)) == {
        "new": 0,
        "updated": 0,
        "deleted": 0,
        "unchanged": 1,
        "conflict": 0,
    }
    assert _rows(b)[0].sync == _rows(a)[0].sync


def test_newer_replaces_older_and_older_is_ignored(tmp_path: Path) -> None:
    a, b = _laptop(tmp_path, "a"), _laptop(tmp_path, "b")
    with a.session() as s:
        record = case(s)
    old = _rows(a)
    _merge(b, old)
    with a.session() as s:
        row = s.get_one(SupportCase, record.id)
        row.summary = "通訳あっせん"
        records.save(s, row)
    assert _merge(b, _rows(a))["updated"] == 1
    assert _rows(b)[0].summary == "通訳あっせん"
    assert _merge(b, old)["unchanged"] == 1  # a late, older file
    assert _rows(b)[0].summary == "通訳あっせん"


def test_tombstone_beats_older_versions_so_deleted_records_stay_deleted(tmp_path: Path) -> None:
    a, b = _laptop(tmp_path, "a"), _laptop(tmp_path, "b")
    with a.session() as s:
        record = case(s)
    before_delete = _rows(a)
    with a.session() as s:
        records.delete(s, s.get_one(SupportCase, record.id))
    assert _merge(b, _rows(a))["deleted"] == 1  # an unseen record arrives as a tombstone
    assert _merge(b, before_delete)["unchanged"] == 1
    assert _rows(b)[0].sync.deleted is True


def test_concurrent_edits_conflict_resolve_the_same_everywhere_and_keep_the_loser(
    tmp_path: Path,
) -> None:
    a, b = _laptop(tmp_path, "a"), _laptop(tmp_path, "b")
    with a.session() as s:
        record = case(s)
    _merge(b, _rows(a))
    for db, text in ((a, "edited on A"), (b, "edited on B")):
        with db.session() as s:
            row = s.execute(select(SupportCase).where(SupportCase.uuid == record.uuid)).scalar_one()
            row.summary = text
            records.save(s, row)
    from_a, from_b = _rows(a), _rows(b)
    assert _merge(a, from_b)["conflict"] == 1
    assert _merge(b, from_a)["conflict"] == 1
    assert _rows(a)[0].summary == _rows(b)[0].summary  # the same winner on both laptops
    winner = _rows(a)[0].summary
    loser = "edited on B" if winner == "edited on A" else "edited on A"
    for db in (a, b):
        with db.session() as s:
            kept = s.execute(select(Conflict)).scalars().all()
            assert len(kept) == 1 and kept[0].loser_payload["summary"] == loser
    again = _merge(a, from_b)  # seen again: the winner is unchanged, the loser not stored twice
    b_won = winner == "edited on B"
    assert again["unchanged" if b_won else "conflict"] == 1
    with a.session() as s:
        assert s.execute(select(func.count()).select_from(Conflict)).scalar() == 1


def test_an_edit_made_after_seeing_a_version_is_not_a_conflict(tmp_path: Path) -> None:
    a, b, c = (_laptop(tmp_path, n) for n in "abc")
    with a.session() as s:
        record = case(s)
    _merge(b, _rows(a))
    _merge(c, _rows(a))
    with a.session() as s:  # A edits; B sees A's edit and edits on top of it
        row = s.get_one(SupportCase, record.id)
        row.staff = "田中"
        records.save(s, row)
    _merge(b, _rows(a))
    with b.session() as s:
        row = s.execute(select(SupportCase)).scalar_one()
        row.staff = "佐藤"
        records.save(s, row)
    # C never saw A's edit, only B's: B's version covers C's, so it is a plain update.
    assert _merge(c, _rows(b)) == {
        "new": 0,
        "updated": 1,
        "deleted": 0,
        "unchanged": 0,
        "conflict": 0,
    }


def test_imported_versions_raise_the_clock(tmp_path: Path) -> None:
    from db.storage import clock

    a, b = _laptop(tmp_path, "a"), _laptop(tmp_path, "b")
    with a.session() as s:
        for _ in range(5):
            case(s)
    _merge(b, _rows(a))
    with b.session() as s:
        assert clock.clock_value(s) >= 5
        assert case(s, day=date(2023, 7, 1)).version == 6


def test_merged_rows_read_back_identically(tmp_path: Path, demo_db: Database) -> None:
    from exports.xlsx.export import read_records
    from tests.support.snapshot import snapshot

    fresh = _laptop(tmp_path, "fresh")
    with fresh.session() as s:
        merge.apply(s, merge.plan(s, read_records(demo_db, None, None)))
    assert snapshot(fresh) == snapshot(demo_db)
