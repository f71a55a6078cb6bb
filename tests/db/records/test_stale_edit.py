"""Two people saving one record from their forms (issue #23): the later save, made from
the version its form opened with, is refused with :class:`StaleEdit` when someone else
changed or deleted the record since, and nothing is written; on PostgreSQL two saves at
the same moment let exactly one in."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.records import edit
from db.schema.errors import StaleEdit
from db.storage.database import Database, open_database
from tests.support.factories import case

KIND = "support_case"


@pytest.fixture
def shared(backend: str, tmp_path: Path) -> Iterator[str]:
    """The shared database's address: a SQLite file, or one on the PostgreSQL server."""
    if backend == "sqlite":
        yield str(tmp_path / "hq.sqlite3")
        return
    from tests.support.pg import fresh_database

    with fresh_database("stale") as url:
        yield url


@pytest.fixture
def two(shared: str) -> Iterator[tuple[Database, Database]]:
    """Two people's connections to the same database."""
    mine, theirs = open_database(shared), open_database(shared)
    yield mine, theirs
    mine.close()
    theirs.close()


def _a_case(db: Database) -> str:
    with db.session() as s:
        return str(case(s).uuid)


def test_a_save_from_a_version_someone_changed_since_is_refused(
    two: tuple[Database, Database],
) -> None:
    mine, theirs = two
    uuid = _a_case(mine)
    old, seen = edit.opened(mine, uuid, KIND)  # my form opens
    theirs_now, their_seen = edit.opened(theirs, uuid, KIND)  # so does theirs
    edit.update(theirs, KIND, uuid, dataclasses.replace(theirs_now, staff="本部 佐藤"),
                seen=their_seen)  # fmt: skip
    after_theirs = edit.version_of(mine, uuid, KIND)
    with pytest.raises(StaleEdit) as refused:
        edit.update(mine, KIND, uuid, dataclasses.replace(old, staff="本部 山田"), seen=seen)
    assert edit.values_of(mine, uuid, KIND).staff == "本部 佐藤"  # theirs stays
    assert edit.version_of(mine, uuid, KIND) == after_theirs  # nothing written
    assert refused.value.version == after_theirs and not refused.value.deleted
    assert refused.value.who  # the history names who made the version (role or login)
    for lang in ("ja", "en"):
        said = refused.value.text(lang)
        assert "\n" not in said and refused.value.who in said
    assert "保存していません" in refused.value.text("ja")


def test_a_save_over_a_record_someone_deleted_since_is_refused(
    two: tuple[Database, Database],
) -> None:
    mine, theirs = two
    uuid = _a_case(mine)
    old, seen = edit.opened(mine, uuid, KIND)
    edit.set_deleted(theirs, uuid, True, KIND)
    with pytest.raises(StaleEdit) as refused:
        edit.update(mine, KIND, uuid, dataclasses.replace(old, staff="本部 山田"), seen=seen)
    assert refused.value.deleted
    assert edit.is_deleted(mine, uuid, KIND)
    assert edit.values_of(mine, uuid, KIND).staff == old.staff
    assert "deleted" in refused.value.text("en") and "削除" in refused.value.text("ja")


def test_deleting_or_restoring_from_a_stale_version_is_refused(
    two: tuple[Database, Database],
) -> None:
    mine, theirs = two
    uuid = _a_case(mine)
    old, seen = edit.opened(mine, uuid, KIND)
    edit.update(theirs, KIND, uuid, dataclasses.replace(old, staff="本部 佐藤"))
    with pytest.raises(StaleEdit):
        edit.set_deleted(mine, uuid, True, KIND, seen=seen)
    assert not edit.is_deleted(mine, uuid, KIND)
    with pytest.raises(StaleEdit):
        edit.restore_version(mine, uuid, seen, seen=seen)
    assert edit.values_of(mine, uuid, KIND).staff == "本部 佐藤"


def test_a_save_from_the_current_version_goes_in(two: tuple[Database, Database]) -> None:
    mine, _theirs = two
    uuid = _a_case(mine)
    old, seen = edit.opened(mine, uuid, KIND)
    edit.update(mine, KIND, uuid, dataclasses.replace(old, staff="本部 山田"), seen=seen)
    assert edit.values_of(mine, uuid, KIND).staff == "本部 山田"
    assert edit.version_of(mine, uuid, KIND) > seen


def _save_at_once(db: Database, uuid: str, old: Any, seen: int, name: str,
                  start: threading.Barrier, outcome: list[str]) -> None:  # fmt: skip
    """One person's save, started with the other's (the barrier): its name, or refused."""
    start.wait()
    try:
        edit.update(db, KIND, uuid, dataclasses.replace(old, staff=name), seen=seen)
        outcome.append(name)
    except StaleEdit:
        outcome.append("refused")


def test_two_saves_at_once_on_postgresql_let_exactly_one_in() -> None:
    """Two connections save the same version at the same moment, many times: one wins,
    the other is refused, never both in (a check outside the row lock lets both in)."""
    from tests.support.pg import fresh_database

    with fresh_database("stale_race") as url:
        people = [open_database(url), open_database(url)]
        try:
            uuid = _a_case(people[0])
            for round_ in range(15):
                old, seen = edit.opened(people[0], uuid, KIND)
                start, outcome = threading.Barrier(2), []  # type: ignore[var-annotated]
                threads = [
                    threading.Thread(target=_save_at_once,
                                     args=(db, uuid, old, seen, f"{n}-{round_}", start, outcome))
                    for n, db in enumerate(people)
                ]  # fmt: skip
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(30)
                assert sorted(outcome).count("refused") == 1, outcome
                (winner,) = [o for o in outcome if o != "refused"]
                assert edit.values_of(people[1], uuid, KIND).staff == winner
        finally:
            for db in people:
                db.close()
