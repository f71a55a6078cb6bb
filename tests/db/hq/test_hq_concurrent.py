"""Four headquarters clerks importing seven offices' exports at once into one database
lose nothing and duplicate nothing (issue #23): rows per table, every record, the
history of every imported version and one claim per export are those of one person
importing the same files into a SQLite ledger. On SQLite (four apps on one file) and
on the PostgreSQL test server when one is set; ``HQ_RUNS`` repeats it (CI: 3; the
20-run trial is ``bench/hq_importers.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from db.storage.database import Database, open_database
from tests.support import hq_importers as hq
from tests.support.pg import fresh_database, server_url

pytestmark = pytest.mark.slow
RUNS = int(os.environ.get("HQ_RUNS", "3"))


@pytest.fixture(scope="module")
def books_and_reference(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[Path], dict[str, object]]:
    folder = tmp_path_factory.mktemp("hq")
    demo = open_database(demo_template, reading=True)
    books = hq.office_books(demo, folder)
    demo.close()
    reference = hq.one_person(folder / "reference.sqlite3", books)
    want = hq.state(reference)
    reference.close()
    return books, want


def _check(open_one: object, books: list[Path], want: dict[str, object]) -> None:
    outcome = hq.clerks_at_once(open_one, books)  # type: ignore[arg-type]
    assert outcome.failures == []
    assert (outcome.applied, outcome.told) == (7, 4)  # each export once; the doubles told
    db: Database = open_one()  # type: ignore[operator]
    try:
        assert hq.differences(hq.state(db), want) == []
    finally:
        db.close()


@pytest.mark.parametrize("run", range(RUNS))
def test_four_clerks_on_one_sqlite_file(
    books_and_reference: tuple[list[Path], dict[str, object]], tmp_path: Path, run: int
) -> None:
    books, want = books_and_reference
    path = tmp_path / "hq.sqlite3"
    open_database(path).close()
    _check(lambda: open_database(path), books, want)


@pytest.mark.parametrize("run", range(RUNS))
def test_four_clerks_on_one_postgresql_database(
    books_and_reference: tuple[list[Path], dict[str, object]], run: int
) -> None:
    server_url()  # skips, saying how, without a server
    books, want = books_and_reference
    with fresh_database("hq") as url:
        open_database(url).close()
        _check(lambda: open_database(url), books, want)
