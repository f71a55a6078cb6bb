"""Every kind of the registry is checked, counted on the HQ board and tallied (issue #22).

The tests are generated from the registry (``db/schema/kinds.py``) and, for the child tables,
from the schema's foreign keys: a kind added there is tested here without an edit, and
a check, count or figure that forgets a kind fails for that kind.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from db.schema.fields import FieldType
from db.schema.kinds import EDITED, SPECS, RecordKind
from db.storage.database import Database
from db.storage.integrity import check_file
from db.tally.figures import FIGURES

TABLES = [s.table for s in SPECS.values()]


@pytest.fixture
def demo_db(ledger_demo: Database) -> Database:
    """The demo year as a file and on headquarters' PostgreSQL server (tests/support/pg.py):
    every figure's SQL and the board's count run on both."""
    return ledger_demo


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _rows(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("table", TABLES)
def test_check_finds_a_version_out_of_its_vector_in_every_kind(demo_path: Path, table: str) -> None:
    assert check_file(demo_path).ok
    assert _rows(demo_path, table) > 0, f"the demo year has no {table}: nothing to check"
    _sql(demo_path, f"UPDATE {table} SET version = version + 7"
                    f" WHERE id = (SELECT min(id) FROM {table})")  # fmt: skip
    found = check_file(demo_path).ledger
    assert any(p.startswith(f"{table} ") and "version vector" in p for p in found), found


COUNTED = sorted({(t, f.db_column) for s in SPECS.values()
                  for t, fields in ((s.table, s.stored_fields),
                                    *((c.table, c.fields) for c in s.children))
                  for f in fields if f.type is FieldType.COUNT})  # fmt: skip


@pytest.mark.parametrize(("table", "column"), COUNTED)
def test_check_finds_a_count_below_zero_in_every_kind(
    demo_path: Path, table: str, column: str
) -> None:
    assert _rows(demo_path, table) > 0
    _sql(demo_path, f"UPDATE {table} SET {column} = -4"
                    f" WHERE rowid = (SELECT min(rowid) FROM {table})")  # fmt: skip
    found = check_file(demo_path).ledger
    assert any(p.startswith(f"{table} ") and f"{column} is -4" in p for p in found), found


def _children() -> list[tuple[str, str, str]]:
    """(child table, record table, column) for every foreign key of the schema that
    names a record's id: read from the tables themselves, not from the registry."""
    from db.storage.base import Base
    from db.storage.models import SYNCED_MODELS  # noqa: F401 - registers every table

    out = []
    for t in Base.metadata.tables.values():
        for fk in t.foreign_keys:
            if fk.column.table.name in TABLES and fk.column.name == "id":
                out.append((t.name, fk.column.table.name, fk.parent.name))
    return sorted(out)


def test_every_kind_with_children_is_found_in_the_schema() -> None:
    parents = {p for _, p, _ in _children()}
    assert parents >= {s.table for s in SPECS.values() if s.children or s.code_lists}


@pytest.mark.parametrize(("child", "parent", "column"), _children())
def test_check_finds_child_rows_whose_record_is_gone(
    demo_path: Path, child: str, parent: str, column: str
) -> None:
    assert _rows(demo_path, child) > 0, f"the demo year has no {child}: nothing to check"
    _sql(demo_path, f"DELETE FROM {parent} WHERE id = (SELECT {column} FROM {child} LIMIT 1)")
    found = check_file(demo_path).ledger
    assert any(p.endswith(f"{child} rows without their {parent}") for p in found), found


REQUIRED = [(s.table, c.table, c.parent_column) for s in SPECS.values()
            for c in s.children if c.min_rows]  # fmt: skip


@pytest.mark.parametrize(("parent", "child", "column"), REQUIRED)
def test_check_finds_a_record_without_its_required_rows(
    demo_path: Path, parent: str, child: str, column: str
) -> None:
    _sql(demo_path, f"DELETE FROM {child} WHERE {column} ="
                    f" (SELECT min(id) FROM {parent} WHERE deleted = 0)")  # fmt: skip
    found = check_file(demo_path).ledger
    assert any(p.startswith(f"{parent} ") and " has no " in p for p in found), found


@pytest.mark.parametrize("kind", list(SPECS))
def test_the_board_counts_a_change_of_every_kind_since_the_last_export(
    demo_db: Database, tmp_path: Path, kind: RecordKind
) -> None:
    from db.read.rows import by_uuid
    from db.records import edit
    from exports.received import last_sent
    from exports.sync_log import log

    with demo_db.engine.connect() as conn:
        uuid = conn.exec_driver_sql(f"SELECT uuid FROM {kind.spec.table} WHERE deleted = 0"
                                    " ORDER BY id LIMIT 1").scalar_one()  # fmt: skip
    with demo_db.session() as s:
        office = by_uuid(s, kind, [uuid])[0].office_code
    log(demo_db, "export", tmp_path / "sent.xlsx", office, "e1", {}, "ok")
    assert last_sent(demo_db, office).changed_since == 0
    edit.set_deleted(demo_db, uuid, True, kind)
    assert last_sent(demo_db, office).changed_since >= 1


def test_every_kind_a_person_edits_has_a_figure() -> None:
    assert {f.kind for f in FIGURES} >= set(EDITED)


FIGURED = sorted({f.kind for f in FIGURES}, key=list(SPECS).index)


@pytest.mark.parametrize("kind", FIGURED)
def test_every_figure_counts_the_records_of_its_kind(demo_db: Database, kind: RecordKind) -> None:
    """Deleting every record of a kind takes each of its figures to zero; the demo year
    gives each figure something to count (or it counts a kind of seminar the demo has
    none of). One ledger per kind, each figure named when it fails."""
    from db.tally.tallies import tally_fy

    mine = [f for f in FIGURES if f.kind is kind]
    with demo_db.session() as s:
        total = tally_fy(s, 2023).total
        before = {f.key: f.count(total) for f in mine}
    nothing = [k for k, n in before.items() if n == 0]
    assert not nothing or kind is RecordKind.SEMINAR, f"nothing to count in the demo: {nothing}"
    with demo_db.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE {kind.spec.table} SET deleted = ?", (1,))
    with demo_db.session() as s:
        total = tally_fy(s, 2023).total
        assert {f.key: f.count(total) for f in mine} == dict.fromkeys(before, 0)


def test_a_declared_count_is_tallied_with_no_query_of_its_own(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A figure made of :class:`db.tally.figures.Counted` (a new kind's) is counted per office
    and in the total: the records dated in the period, or the sum of one of their counts."""
    from db.read import rows
    from db.schema.fiscal import fy_period
    from db.tally import figures
    from db.tally.tallies import tally_fy

    booths = figures.Counted(RecordKind.EVENT_BOOTH)
    visitors = figures.Counted(RecordKind.EVENT_BOOTH, "visitors")
    extra = [figures.TallyFigure(("test", str(c.sum_of)), "tally.events", c.kind, c, table=None)
             for c in (booths, visitors)]  # fmt: skip
    monkeypatch.setattr(figures, "FIGURES", (*figures.FIGURES, *extra))
    with demo_db.session() as s:
        t = tally_fy(s, 2023)
        events = rows.events(s, fy_period(2023))
    by_office: dict[str, int] = {}
    for e in events:
        by_office[e.office_code] = by_office.get(e.office_code, 0) + (e.visitors or 0)
    assert {c: visitors(o) for c, o in t.offices.items() if c in by_office} == by_office
    assert visitors(t.total) == sum(by_office.values()) > 0
    assert booths(t.total) == figures.figure("event_booths.events").count(t.total) > 0
    assert figures.as_json(t.total)["test"] == {"None": booths(t.total),
                                               "visitors": visitors(t.total)}  # fmt: skip


def _old_json(t: Any) -> dict[str, Any]:
    """``tally --json`` as the app printed it before the figures were declared once
    (8f79cb3: OfficeTally.as_json and YearTally.as_json), the yardstick of its shape."""
    data = asdict(t)
    data["event_booths"]["countries"] = list(t.event_booths.countries)
    data["jetaa_events"]["countries"] = list(t.jetaa_events.countries)
    del data["year"]
    y = t.year
    seminars: dict[str, Any] = {"events": y.seminars.events, "sessions": y.seminars.sessions,
                                "participants": y.seminars.participants}  # fmt: skip
    from db.schema.enums import SeminarKind

    for k in SeminarKind:
        of = y.seminars.of(k)
        seminars[k.value] = {"events": of.events, "participants": of.participants}
    data.update({
        "seminars": seminars,
        "clair_reports": y.clair_reports,
        "media_work": {"items": y.media_items, "local_governments": len(y.media_local_governments)},
        "cooking_events": {"events": y.cooking_events,
                           "organisations": len(y.cooking_organisations)},
        "research_requests": len(y.research_requests),
        "seconded_staff": {"people": y.seconded_people, "bodies": len(y.seconded_bodies)},
    })  # fmt: skip
    return data


@pytest.mark.parametrize("quarter", [None, 1, 3])
def test_tally_json_keeps_its_keys_order_and_values(demo_db: Database, quarter: int | None) -> None:
    import json

    from db.schema.fiscal import fy_period, quarter_period
    from db.tally.tallies import tally

    period = fy_period(2023) if quarter is None else quarter_period(2023, quarter)
    with demo_db.session() as s:
        result = tally(s, period)
    for t in (*result.offices.values(), result.total):
        assert json.dumps(t.as_json()) == json.dumps(_old_json(t))  # keys in the same order
    assert result.total.as_json()["support_cases"]["total"] > 0


@pytest.mark.parametrize("kind", EDITED)
def test_every_kind_has_its_undo_texts(kind: RecordKind) -> None:
    from db.schema.words import word
    from desktop.pages.commands import undo_text

    noun = word(kind.spec.noun, "ja")
    texts = {undo_text(action, kind, "ja") for action in ("new", "edit", "delete")}
    assert len(texts) == 3 and all(noun in t for t in texts), texts
    assert undo_text("edit", kind, "en") == f"Edit {word(kind.spec.noun, 'en')}"


@pytest.mark.parametrize("kind", list(SPECS))
def test_office_sheet_order_is_the_declarations_with_optional_firsts(kind: RecordKind) -> None:
    """``legacy_order`` only puts some fields first: one it does not name (a field added
    later) keeps its declaration order instead of breaking every legacy import."""
    import dataclasses

    spec = kind.spec
    plain = [f.name for f in dataclasses.replace(spec, legacy_order=()).legacy_fields()]
    names = [f.name for f in spec.legacy_fields()]
    assert sorted(names) == sorted(plain)
    assert names[: len(spec.legacy_order)] == list(spec.legacy_order)
    once = [n for n in plain if plain.count(n) == 1]  # (an event's and its lists' "name")
    if once:
        last = once[-1]
        first = [f.name for f in dataclasses.replace(spec, legacy_order=(last,)).legacy_fields()]
        assert first == [last, *(n for n in plain if n != last)]
