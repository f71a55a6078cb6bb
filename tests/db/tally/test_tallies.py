"""The counting rules headquarters relies on."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from db.records import write as records
from db.schema.enums import RequesterCategory as C
from db.schema.fiscal import fy_period, month_period, quarter_period
from db.tally.tallies import OfficeTally, tally, tally_fy
from tests.support.factories import case, event, jetaa, newsletter_issue

if TYPE_CHECKING:
    from db.storage.database import Database


@pytest.fixture
def db(ledger_db: Database) -> Database:
    """Every test here on both backends (tests/support/pg.py)."""
    return ledger_db


def test_an_event_with_several_legs_counts_once_and_all_its_countries_count(db: Database) -> None:
    with db.session() as session:
        event(
            session,
            "PAR",
            legs=[
                (date(2024, 2, 13), "FR"),
                (date(2024, 2, 20), "CH"),
                (date(2024, 3, 6), "MC"),
                (date(2024, 3, 28), "FR"),
            ],
        )
        t = tally_fy(session, 2023)
    assert t.offices["PAR"].event_booths.events == 1
    assert t.offices["PAR"].event_booths.countries == ("CH", "FR", "MC")


def test_jetaa_sessions_count_once_with_their_countries(db: Database) -> None:
    with db.session() as session:
        jetaa(session, "SYD", sessions=[(date(2023, 6, 24), "AU"), (date(2023, 7, 5), "AU")])
        jetaa(session, "SYD", sessions=[(date(2023, 6, 9), "NZ")])
        t = tally_fy(session, 2023)
    assert t.offices["SYD"].jetaa_events.events == 2
    assert t.offices["SYD"].jetaa_events.countries == ("AU", "NZ")


def test_enquiries_are_logged_but_not_counted(db: Database) -> None:
    with db.session() as session:
        case(session, category=C.PREFECTURE_OR_CITY)
        case(session, category=C.MUNICIPALITY)
        case(session, category=C.OTHER, counted=False)
        case(session, category=C.PREFECTURE_OR_CITY, counted=False)
        s = tally_fy(session, 2023).offices["NYC"].support_cases
    assert (s.total, s.prefecture_or_designated_city, s.municipality, s.other) == (2, 1, 1, 0)
    assert s.uncounted_enquiries == 2


def test_tombstones_are_hidden_from_every_figure(db: Database) -> None:
    with db.session() as session:
        for record in (case(session), event(session), jetaa(session), newsletter_issue(session)):
            records.delete(session, record)
        t = tally_fy(session, 2023)
    assert t.total == OfficeTally()


def test_deleting_a_newsletter_hides_its_issues(db: Database) -> None:
    with db.session() as session:
        issue = newsletter_issue(session, "SEL")
        assert tally_fy(session, 2023).offices["SEL"].newsletter_issues == 1
        records.delete(session, issue.newsletter)
        assert tally_fy(session, 2023).offices["SEL"].newsletter_issues == 0


def test_fiscal_year_boundary_31_march_and_1_april(db: Database) -> None:
    with db.session() as session:
        case(session, day=date(2024, 3, 31))
        case(session, day=date(2024, 4, 1))
        case(session, day=date(2023, 4, 1))
        case(session, day=date(2023, 3, 31))
        event(session, legs=[(date(2024, 3, 31), "FR"), (date(2024, 4, 2), "BE")])
        fy23, fy24 = tally_fy(session, 2023), tally_fy(session, 2024)
    assert fy23.total.support_cases.total == 2
    assert fy24.total.support_cases.total == 1
    # An event belongs to the year of its first leg, with every leg's country.
    assert fy23.total.event_booths.events == 1 and fy24.total.event_booths.events == 0
    assert fy23.total.event_booths.countries == ("BE", "FR")


def test_total_countries_are_distinct_across_offices(db: Database) -> None:
    with db.session() as session:
        event(session, "PAR", legs=[(date(2023, 5, 1), "FR")])
        event(session, "LON", legs=[(date(2023, 6, 1), "FR"), (date(2023, 6, 9), "DE")])
        event(session, "HQ", legs=[(date(2023, 7, 1), "US")], hosted=True)
        t = tally_fy(session, 2023)
    assert t.total.event_booths.countries == ("DE", "FR", "US")
    assert t.total.event_booths.events == 3 and t.total.event_booths.hosted == 1
    assert t.offices["HQ"].event_booths.hosted == 1


def test_month_and_quarter_periods(db: Database) -> None:
    with db.session() as session:
        case(session, day=date(2023, 4, 30))
        case(session, day=date(2023, 5, 1))
        case(session, day=date(2024, 1, 15))
        assert tally(session, month_period(2023, 4)).total.support_cases.total == 1
        assert tally(session, quarter_period(2023, 1)).total.support_cases.total == 2
        assert tally(session, quarter_period(2023, 4)).total.support_cases.total == 1


def test_one_office_only(db: Database) -> None:
    with db.session() as session:
        case(session, office="NYC")
        case(session, office="SEL")
        t = tally(session, fy_period(2023), office="SEL")
    assert list(t.offices) == ["SEL"]
    assert t.total.support_cases.total == 1


YEAR_TABLES = ("seminar", "publication", "media_work", "cooking_event", "research_request",
               "seconded_staff")  # fmt: skip


def test_tally_queries_seek_indexes_and_never_scan_a_record_table(db: Database) -> None:
    """Read the plans of the very queries a tally runs: one per figure family."""
    if db.dialect != "sqlite":
        pytest.skip("reads SQLite's query plans (EXPLAIN QUERY PLAN)")
    from sqlalchemy import event as sa_event

    executed: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                executemany: bool) -> None:  # fmt: skip
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            executed.append((statement, parameters))

    with db.session() as session:
        case(session)
        sa_event.listen(db.engine, "before_cursor_execute", capture)
        try:
            tally_fy(session, 2023)
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", capture)
        conn = session.connection()
        plans = [
            " | ".join(
                str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
            )
            for sql, params in executed
        ]
    year = [p for p in plans if any(f" {t} " in p + " " for t in YEAR_TABLES)]
    assert (
        len(plans) - len(year) == 4
    )  # the first four families (db/tally/year_tallies.py: its own)
    assert len(year) == 8
    for plan in year:  # by period through the partial indexes; a roster is read whole
        assert "SCAN" not in plan or plan.startswith("SCAN seconded_staff USING INDEX"), plan
    support = next(p for p in plans if "support_case" in p)  # the day summary, by its key
    assert "SEARCH support_case_day USING PRIMARY KEY (day>? AND day<?)" in support, support
    for plan in plans:
        for table in ("support_case", "event_booth", "jetaa_event", "newsletter_issue"):
            assert f"SCAN {table}" not in plan, plan


def test_search_finds_requester_or_summary_and_escapes_wildcards(db: Database) -> None:
    from db.read.search import search_cases

    with db.session() as session:
        a = case(session, requester="石川県金沢市")
        b = case(session, requester="東京都")
        b.summary = "100% 同行"
        records.save(session, b)
        c = case(session, requester="JETRO New York")
        d = case(session, requester="石川県加賀市")
        records.delete(session, d)
        assert search_cases(session, "金沢") == [a.id]
        assert search_cases(session, "%") == [b.id]  # a literal percent sign, not "anything"
        assert search_cases(session, "ｊｅｔｒｏ") == [c.id]  # full-width, other case
        assert search_cases(session, "石川") == [a.id]  # the deleted one is not found
        assert len(search_cases(session, "")) == 3
