"""Several people at headquarters on one database (issue #23 item 2): an export is
imported once however many clerks import it, a conflict is settled once, a unit of work
runs again when another person's transaction got in the way, and history names the
person. On real SQLite files, and on the PostgreSQL test server where one is set
(``OFFICE_LEDGER_TEST_PG``; skipped with a line saying how otherwise)."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from db.hq import once, retry, who
from db.schema.errors import ValidationError
from db.schema.fiscal import fy_period
from db.storage.database import Database, open_database
from db.storage.models import Conflict, ImportedExport, RecordHistory
from db.sync import conflicts
from exports.xlsx.exchange import import_file
from exports.xlsx.export import export_office
from office_ledger.cli.commands import main
from tests.support.conflict_setup import Pair, edit
from tests.support.factories import case
from tests.support.pg import pg_url  # noqa: F401 - the fixture

FY = fy_period(2023)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Headquarters' database: a SQLite file, or a database on the PostgreSQL test
    server (skipped, saying how, without one)."""
    if request.param == "sqlite":
        yield str(tmp_path / "hq.sqlite3")
        return
    from tests.support.pg import fresh_database

    with fresh_database("hq") as url:
        yield url


def _user(db: Database) -> str:
    with db.session() as s:
        return who.user(s)


def _office_export(folder: Path, office: str = "NYC", n: int = 3) -> Path:
    laptop = open_database(folder / f"{office}.sqlite3")
    with laptop.session() as s:
        for i in range(n):
            case(s, office=office, requester=f"依頼者{i}")
    path = export_office(laptop, folder / f"{office}.xlsx", office, FY).path
    laptop.close()
    return path


def _history_rows(db: Database) -> int:
    with db.session() as s:
        return len(s.execute(select(RecordHistory.id)).all())


def test_an_export_imported_again_is_not_imported_twice_and_says_by_whom(
    tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    book = _office_export(tmp_path)
    hq = open_database(target)
    first = import_file(hq, book)
    assert first.applied and first.already is None and first.total_changes == 3
    rows = _history_rows(hq)
    again = import_file(hq, book)
    assert not again.applied and again.already is not None
    said = again.already.text("en")
    assert f"already imported by {_user(hq)}" in said and again.export_id in said
    assert "取り込み済み" in again.already.text("ja")
    assert _history_rows(hq) == rows  # nothing written the second time
    preview = import_file(hq, book, dry_run=True)  # the window's preview says so first
    assert preview.already is not None
    hq.close()
    assert main(["--db", target, "import", str(book), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "already imported by" in out and "Traceback" not in out


def test_two_clerks_importing_the_same_export_at_once_import_it_once(
    tmp_path: Path, target: str
) -> None:
    """Two copies of the app on one database, each importing the same workbook from
    its own thread at the same moment: one imports it, the other is told."""
    book = _office_export(tmp_path, n=40)
    open_database(target).close()
    clerks = [open_database(target) for _ in range(2)]
    start = threading.Barrier(2)
    reports: list[Any] = [None, None]

    def clerk(i: int) -> None:
        start.wait()
        reports[i] = import_file(clerks[i], book)

    threads = [threading.Thread(target=clerk, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(r.applied for r in reports) == [False, True]
    assert sum(r.already is not None for r in reports) == 1
    with clerks[0].session() as s:
        assert len(s.execute(select(ImportedExport)).all()) == 1
        cases = s.execute(text("SELECT count(*) FROM support_case")).scalar_one()
        imports = s.execute(text("SELECT count(DISTINCT record_uuid), count(*)"
                                 " FROM record_history WHERE how = 'import'")).one()  # fmt: skip
    assert cases == 40 and tuple(imports) == (40, 40)  # each case's version once
    for db in clerks:
        db.close()


def _hq_with_a_conflict(tmp_path: Path, target: str) -> tuple[str, int, str]:
    """Headquarters' database holding one waiting conflict: two NYC laptops edited one
    case before their exports reached headquarters. (target, conflict id, uuid)"""
    a, b = open_database(tmp_path / "a.sqlite3"), open_database(tmp_path / "b.sqlite3")
    with a.session() as s:
        uuid = str(case(s).uuid)
    pair = Pair(a, b, tmp_path, uuid)
    pair.send(a, b)
    edit(a, uuid, "A's summary", staff="Aoki")
    edit(b, uuid, "B's summary")
    books = [pair.export(a), pair.export(b)]  # made without seeing each other
    pair.close()
    hq = open_database(target)
    for book in books:
        import_file(hq, book)
    (waiting,) = conflicts.waiting_in(hq)
    hq.close()
    return target, waiting.id, uuid


def _settlements(db: Database) -> int:
    with db.session() as s:
        found = s.execute(text("SELECT count(*) FROM record_history WHERE how = 'conflict'"))
        return int(found.scalar_one())


def test_a_conflict_settled_by_one_user_is_settled_for_the_second(
    tmp_path: Path, target: str
) -> None:
    _, conflict, uuid = _hq_with_a_conflict(tmp_path, target)
    first, second = open_database(target), open_database(target)  # two people's windows
    conflicts.resolve_in(first, conflict, conflicts.MINE)
    with pytest.raises(ValidationError) as refused:
        conflicts.resolve_in(second, conflict, conflicts.THEIRS)  # shown before it was settled
    said = refused.value.text("en")
    assert f"already settled by {_user(first)}" in said and f"#{conflict}" in said
    assert "解決済み" in refused.value.text("ja")
    with second.session() as s:
        row = s.execute(select(Conflict)).scalar_one()
        assert row.resolved and row.resolved_by == _user(first)
    assert _settlements(second) == 1  # one settlement, never two
    first.close()
    second.close()


def test_two_people_settling_one_conflict_at_once_settle_it_once(
    tmp_path: Path, target: str
) -> None:
    _, conflict, _uuid = _hq_with_a_conflict(tmp_path, target)
    people = [open_database(target) for _ in range(2)]
    start = threading.Barrier(2)
    outcome: list[str] = ["", ""]

    def settle(i: int) -> None:
        start.wait()
        try:
            conflicts.resolve_in(people[i], conflict, (conflicts.MINE, conflicts.THEIRS)[i])
            outcome[i] = "settled"
        except ValidationError as exc:
            outcome[i] = exc.text("en")

    threads = [threading.Thread(target=settle, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert outcome.count("settled") == 1, outcome
    assert "already settled" in next(o for o in outcome if o != "settled")
    assert _settlements(people[0]) == 1
    for db in people:
        db.close()


# PostgreSQL: the door's means on raw connections ----------------------------------------
def _pg(url: str) -> Any:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    return SimpleNamespace(engine=engine, sessions=sessionmaker(engine), dialect="postgresql")


COUNTER = Table("counter", MetaData(), Column("id", Integer, primary_key=True),
                Column("n", Integer))  # fmt: skip


def _increment(session: Session) -> None:
    n = session.execute(select(COUNTER.c.n).where(COUNTER.c.id == 1)).scalar_one()
    time.sleep(0.005)  # read, think, write: what two people's imports do
    session.execute(COUNTER.update().where(COUNTER.c.id == 1).values(n=n + 1))


def test_serializable_units_that_collide_run_again_and_lose_nothing(pg_url: str) -> None:  # noqa: F811
    db = _pg(pg_url)
    COUNTER.metadata.create_all(db.engine)
    with db.engine.begin() as conn:
        conn.execute(COUNTER.insert().values(id=1, n=0))
    failures: list[BaseException] = []

    def person() -> None:
        try:
            for _ in range(15):
                retry.run(db, _increment, isolation="serializable", attempts=50)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=person) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    with db.engine.connect() as conn:
        assert conn.execute(select(COUNTER.c.n)).scalar_one() == 45
    assert failures == []
    db.engine.dispose()


def test_a_unit_that_keeps_colliding_says_so_in_one_line(pg_url: str) -> None:  # noqa: F811
    db = _pg(pg_url)
    COUNTER.metadata.create_all(db.engine)
    with db.engine.begin() as conn:
        conn.execute(COUNTER.insert().values(id=1, n=0))
    read, written = threading.Event(), threading.Event()

    def other_person() -> None:  # reads, waits for ours to read too, writes and commits
        with db.sessions.begin() as s:
            s.connection(execution_options={"isolation_level": "SERIALIZABLE"})
            n = s.execute(select(COUNTER.c.n)).scalar_one()
            read.wait(10)
            s.execute(COUNTER.update().values(n=n + 10))
        written.set()

    def ours(session: Session) -> None:
        n = session.execute(select(COUNTER.c.n)).scalar_one()
        read.set()
        written.wait(10)  # the other commits after our read: our write cannot stand
        session.execute(COUNTER.update().values(n=n + 1))

    t = threading.Thread(target=other_person)
    t.start()
    with pytest.raises(retry.Busy) as busy:
        retry.run(db, ours, isolation="serializable", attempts=1, what="hq.import")
    t.join(10)
    assert "got in the way 1 times; nothing was changed" in busy.value.text("en")
    assert "\n" not in busy.value.text("ja")
    with db.engine.connect() as conn:
        assert conn.execute(select(COUNTER.c.n)).scalar_one() == 10
    db.engine.dispose()


def test_the_same_export_claimed_by_two_clerks_at_once_is_claimed_once(pg_url: str) -> None:  # noqa: F811
    db = _pg(pg_url)
    ImportedExport.__table__.create(db.engine)  # type: ignore[attr-defined]
    claimed = threading.Event()
    found: list[Any] = []

    def second_clerk() -> None:
        claimed.wait(10)
        found.append(retry.run(db, lambda s: once.claim(s, "e-1", "NYC", "b.xlsx"), lock=""))

    t = threading.Thread(target=second_clerk)
    t.start()
    with db.sessions.begin() as s:
        assert once.claim(s, "e-1", "NYC", "a.xlsx") is None
        claimed.set()
        time.sleep(0.5)  # the second clerk's claim waits on the unique key meanwhile
        assert found == []
    t.join(10)
    (earlier,) = found
    assert earlier is not None and earlier.file_name == "a.xlsx"
    with db.sessions.begin() as s:
        assert earlier.user == who.user(s) == s.execute(text("SELECT current_user")).scalar()
        assert len(s.execute(select(ImportedExport)).all()) == 1
    db.engine.dispose()


def test_history_names_the_database_user(target: str) -> None:
    """On PostgreSQL the role the person logged in as (each HQ person their own), on
    SQLite the computer's login name."""
    from db.records import edit

    db = open_database(target)
    with db.session() as s:
        uuid = str(case(s).uuid)
        expected = (
            s.execute(text("SELECT current_user")).scalar_one()
            if db.engine.dialect.name == "postgresql"
            else who.login_user()
        )
    new = dataclasses.replace(edit.values_of(db, uuid), staff="山田")
    edit.update(db, "support_case", uuid, new)
    with db.session() as s:
        authors = s.execute(select(RecordHistory.author)).scalars().all()
    assert authors == [expected, expected]
    db.close()


def _edited_copy(book: Path, name: str, summary: str) -> Path:
    """A copy of ``book`` with the first case's summary typed over by hand."""
    import shutil

    from tests.support import xlsxedit

    copy = Path(shutil.copy(book, book.with_name(name)))

    def change(workbook: Any) -> None:
        sheet = workbook["海外活動支援"]
        sheet.cell(2, xlsxedit.column(sheet, "概要")).value = summary

    return xlsxedit.edit(copy, change)


def _versions_made_here(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(text("SELECT count(*) FROM record_history"
                                  " WHERE how = 'hand_edit'")).scalar_one())  # fmt: skip


def test_an_accepted_edited_copy_imported_again_is_not_applied_twice(
    tmp_path: Path, target: str
) -> None:
    """The same hand-edited workbook dropped again (or saved again unchanged, or
    imported by a second clerk) is told 'already imported', preview included, and makes
    no new versions; another edited copy of the same export is imported once itself."""
    from tests.support import xlsxedit

    book = _office_export(tmp_path)
    hq = open_database(target)
    assert import_file(hq, book).applied
    edited = _edited_copy(book, "edited.xlsx", "本部で修正した概要")
    first = import_file(hq, edited, accept_edited=True)
    assert first.applied and first.already is None
    made, rows = _versions_made_here(hq), _history_rows(hq)
    assert made == 1
    import shutil

    resaved = xlsxedit.edit(Path(shutil.copy(edited, tmp_path / "resaved.xlsx")),
                            lambda workbook: None)  # fmt: skip
    for again in (edited, resaved):
        preview = import_file(hq, again, dry_run=True, accept_edited=True)
        assert preview.already is not None and not preview.applied
        assert "already imported by" in preview.already.text("en")
        report = import_file(hq, again, accept_edited=True)
        assert report.already is not None and not report.applied
        assert import_file(hq, again).already is not None  # not asked to accept again
    assert (_versions_made_here(hq), _history_rows(hq)) == (made, rows)
    other = _edited_copy(book, "edited-again.xlsx", "二度目の修正")
    assert import_file(hq, other, dry_run=True, accept_edited=True).already is None
    assert import_file(hq, other, accept_edited=True).applied
    assert import_file(hq, other, accept_edited=True).already is not None
    assert _versions_made_here(hq) == made + 1
    hq.close()


def test_stamping_accepted_edits_leaves_the_workbook_as_read(tmp_path: Path) -> None:
    """A unit run again after a collision stamps from the workbook's versions: the
    stamped copies are new, the bundle's records untouched."""
    from exports.xlsx.exchange import _stamp_edits
    from exports.xlsx.read import read_export

    book = _office_export(tmp_path)
    bundle = read_export(_edited_copy(book, "edited.xlsx", "本部で修正した概要"))
    before = list(bundle.records["support_case"])
    hq = open_database(tmp_path / "hq.sqlite3")
    with hq.session() as s:
        stamped = _stamp_edits(s, bundle)
        again = _stamp_edits(s, bundle)
    hq.close()
    assert list(bundle.records["support_case"]) == before
    versions = [{r.sync.uuid: r.sync.version for r in got}
                for got in (before, stamped["support_case"], again["support_case"])]  # fmt: skip
    assert versions[1] != versions[0] and len(versions[1]) == len(versions[0])
    assert versions[2] != versions[1]  # each try ticks again, from the workbook's version
