"""Conflicts a person settles (db/sync/conflicts.py, ``office-ledger conflicts``), and a
database copied to another place taking a device id of its own (db/storage/clock.py)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from db.records import history
from db.schema.errors import ValidationError
from db.storage import clock
from db.storage.database import open_database
from db.storage.models import Conflict
from db.sync import conflicts
from office_ledger.cli.commands import main
from tests.support.conflict_setup import conflicted as conflicted_files
from tests.support.conflict_setup import edit

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from db.storage.database import Database
    from tests.support.conflict_setup import Pair

_OPEN: list[Callable[[str], Database]] = []


@pytest.fixture(autouse=True)
def _on_each_backend(ledgers: Callable[[str], Database]) -> Iterator[None]:
    """Laptop A is a SQLite file, and headquarters' PostgreSQL database when a server is
    given (tests/support/pg.py): the conflicts are settled the same way on both."""
    _OPEN.append(ledgers)
    yield
    _OPEN.pop()


def conflicted(folder: Path) -> Pair:
    return conflicted_files(folder, _OPEN[-1])


def _open(db: object) -> list[conflicts.Waiting]:
    with db.session() as s:  # type: ignore[attr-defined]
        return conflicts.waiting(s)


def _resolved(db: object) -> list[bool]:
    with db.session() as s:  # type: ignore[attr-defined]
        return [bool(c.resolved) for c in s.execute(select(Conflict)).scalars()]


def test_both_laptops_see_the_conflict_side_by_side_with_who_made_each(tmp_path: Path) -> None:
    pair = conflicted(tmp_path)
    (on_a,) = _open(pair.a)
    (on_b,) = _open(pair.b)
    assert on_a.uuid == on_b.uuid == pair.uuid
    # mine is the version made on each laptop; the other laptop is named from its file
    assert (on_a.mine.row.summary, on_a.mine.laptop, on_a.mine.here) == (
        "A's summary", "NYC laptop A", True)  # fmt: skip
    assert (on_a.theirs.row.summary, on_a.theirs.laptop, on_a.theirs.office) == (
        "B's summary", "NYC laptop B", "NYC")  # fmt: skip
    assert on_b.mine.row.summary == "B's summary" and on_b.theirs.laptop == "NYC laptop A"
    assert [s.name for s in on_a.differences] == ["summary", "staff"]
    assert on_a.label == "東京都 (2023-06-01)"
    pair.close()


@pytest.mark.slow
@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_keeping_one_side_through_the_command_line_settles_it_on_both_laptops(
    tmp_path: Path, keep: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = conflicted(tmp_path)
    pair.close()
    assert main(["--db", pair.a.url, "conflicts", "--lang", "en"]) == 0
    listed = capsys.readouterr().out
    assert "A's summary" in listed and "B's summary" in listed and "NYC laptop B" in listed
    assert "Conflicts waiting for a decision: 1" in listed
    assert main(["--db", pair.a.url, "conflicts", "--resolve", pair.uuid[:8],
                 "--keep", keep, "--lang", "en"]) == 0  # fmt: skip
    side = "this laptop's version" if keep == "mine" else "the other laptop's version"
    assert f"Settled #1: kept {side}." in capsys.readouterr().out
    a, b = open_database(pair.a.path or pair.a.url), open_database(pair.b.path or pair.b.url)
    pair.a, pair.b = a, b
    kept = "A's summary" if keep == "mine" else "B's summary"
    assert pair.summary(a) == kept and _open(a) == [] and _resolved(a) == [True]
    with a.session() as s:  # the settling is a version in the record's history
        newest = history.versions(s, pair.uuid)[-1]
    assert newest.how == "conflict" and newest.current
    assert _open(b) != []  # B has not heard of it yet
    pair.exchange()
    assert pair.summary(a) == pair.summary(b) == kept
    assert _open(a) == _open(b) == []
    assert _resolved(a) == _resolved(b) == [True]  # written, not only hidden
    assert main(["--db", b.url, "conflicts", "--lang", "en"]) == 0
    assert "No conflicts wait" in capsys.readouterr().out
    pair.close()


def test_the_command_line_refuses_what_it_cannot_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = conflicted(tmp_path)
    pair.close()
    db = pair.a.url
    assert main(["--db", db, "conflicts", "--resolve", "1"]) == 2
    assert "--resolve and --keep go together" in capsys.readouterr().err
    assert main(["--db", db, "conflicts", "--resolve", "77", "--keep", "mine"]) == 2
    assert "no conflict waits for '77'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["--db", db, "conflicts", "--resolve", "1", "--keep", "sideways"])
    assert stop.value.code == 2
    assert main(["--db", str(tmp_path / "none.sqlite3"), "conflicts"]) == 2
    assert "no database" in capsys.readouterr().err


def test_a_record_whose_uuid_starts_with_digits_only_is_found_by_it(tmp_path: Path) -> None:
    """``--resolve 50787398`` names a UUID's start, not conflict number 50,787,398."""
    from sqlalchemy import update

    from db.storage.models import SupportCase

    pair = conflicted(tmp_path)
    digits = "50787398-0000-4000-8000-000000000000"
    for db in (pair.a, pair.b):
        with db.session() as s:
            s.execute(update(Conflict).values(record_uuid=digits))
            s.execute(update(SupportCase).where(SupportCase.uuid == pair.uuid)
                      .values(uuid=digits))  # fmt: skip
    with pair.a.session() as s:
        (waiting,) = conflicts.waiting(s)
        assert conflicts.find(s, digits[:8]).id == waiting.id
        assert conflicts.find(s, str(waiting.id)).id == waiting.id
    pair.close()


def test_resolve_takes_a_uuid_prefix_as_history_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Four hex characters of the UUID name the conflict; a number that is a waiting
    conflict's stays that conflict; a blank or too short key is refused in one line."""
    pair = conflicted(tmp_path)
    pair.close()
    db = pair.a.url
    for key in ("", " ", pair.uuid[:3]):
        assert main(["--db", db, "conflicts", "--resolve", key, "--keep", "mine"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "conflict" in err
    assert main(["--db", db, "conflicts", "--resolve", pair.uuid[:4].upper(), "--keep",
                 "theirs", "--lang", "ja"]) == 0  # fmt: skip
    assert "#1 を解決しました（相手の版を採用）" in capsys.readouterr().out
    a = open_database(pair.a.path or pair.a.url)
    try:
        assert pair.summary(a) == "B's summary" and _open(a) == []
    finally:
        a.close()


def test_a_merged_version_takes_fields_from_both_and_keeps_the_rules(tmp_path: Path) -> None:
    pair = conflicted(tmp_path)
    (w,) = _open(pair.a)
    broken = dataclasses.replace(w.mine.row, requester="")
    with pytest.raises(ValidationError), pair.a.session() as s:
        conflicts.resolve(s, w.id, broken)
    assert len(_open(pair.a)) == 1  # nothing written
    merged = dataclasses.replace(w.mine.row, summary=w.theirs.row.summary)  # B's summary,
    with pair.a.session() as s:  # A's staff
        conflicts.resolve(s, w.id, merged)
    pair.exchange()
    for db in (pair.a, pair.b):
        with db.session() as s:
            from db.storage.models import SupportCase

            found = s.execute(select(SupportCase).where(SupportCase.uuid == pair.uuid)).scalar_one()
            assert (found.summary, found.staff) == ("B's summary", "Aoki")
        assert _open(db) == []
    pair.close()


def test_keeping_a_deletion_deletes_everywhere(tmp_path: Path) -> None:
    pair = conflicted(tmp_path)
    with pair.b.session() as s:  # B deletes the case while A edits it again
        from db.records import write as records
        from db.storage.models import SupportCase

        record = s.execute(select(SupportCase).where(SupportCase.uuid == pair.uuid)).scalar_one()
        records.delete(s, record)
    edit(pair.a, pair.uuid, "A again")
    pair.exchange()
    for db in (pair.a, pair.b):
        waiting = _open(db)
        assert waiting and any(w.deleted_differs for w in waiting)
    w = next(w for w in _open(pair.a) if w.deleted_differs)
    side = "theirs" if w.theirs.sync.deleted else "mine"
    with pair.a.session() as s:
        conflicts.resolve(s, w.id, side)
    pair.exchange()
    with pair.b.session() as s:
        from db.storage.models import SupportCase

        found = s.execute(select(SupportCase).where(SupportCase.uuid == pair.uuid)).scalar_one()
        assert found.deleted
    pair.close()


def test_a_copied_database_takes_a_device_id_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "ledger.sqlite3"
    db = open_database(first)
    with db.session() as s:
        original = clock.device_id(s)
    db.close()
    db = open_database(first)  # the same file in the same place: the same id
    with db.session() as s:
        assert clock.device_id(s) == original
    db.close()
    copy = tmp_path / "usb" / "ledger.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(first, copy)
    db = open_database(copy)  # a copy beside the original
    with db.session() as s:
        moved = clock.device_id(s)
        assert moved != original and clock.former_ids(s) == [original]
        assert clock.own_ids(s) == {original, moved}
    db.close()
    monkeypatch.setenv("OFFICE_LEDGER_MACHINE_ID", "the replacement laptop")
    db = open_database(first)  # the original file, on another computer
    with db.session() as s:
        assert clock.device_id(s) not in (original, moved)
    db.close()
    monkeypatch.delenv("OFFICE_LEDGER_MACHINE_ID")
    restored = tmp_path / "restored.sqlite3"
    shutil.copyfile(first, restored)
    first.unlink()
    restored.rename(first)  # a backup restored over the same path: another file
    db = open_database(first)
    with db.session() as s:
        assert len(clock.former_ids(s)) == 2
    db.close()


def test_a_database_that_never_kept_its_place_keeps_its_device_id(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = open_database(path)
    with db.session() as s:
        device = clock.device_id(s)
        s.execute(select(1))
        from db.storage.models import AppMeta

        s.delete(s.get_one(AppMeta, clock.PLACE))  # as an older version left it
    db.close()
    db = open_database(path)
    with db.session() as s:
        assert clock.device_id(s) == device and clock.former_ids(s) == []
    db.close()
