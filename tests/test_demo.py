"""The FY2023 demo year reproduces the annual report's figures from records."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from db.database import table_counts
from db.demo import DemoRefused, load_demo
from db.demo_cases import generate
from db.requester import suggest_category
from db.tallies import tally_fy
from resources import read_json

if TYPE_CHECKING:
    from db.database import Database

REPORT = read_json("fy2023/support_case_tally.json")


def test_support_cases_match_the_report_per_office_and_category(demo_db: Database) -> None:
    with demo_db.session() as session:
        t = tally_fy(session, 2023)
    for code, counts in REPORT["offices"].items():
        s = t.offices[code].support_cases
        got = {k: getattr(s, k) for k in counts}
        assert got == counts, code
    printed = REPORT["printed_total"]
    s = t.total.support_cases
    assert (s.total, s.prefecture_or_designated_city, s.municipality, s.other) == (
        printed["total"],
        printed["prefecture_or_designated_city"],
        printed["municipality"],
        printed["other"],
    )
    assert s.uncounted_enquiries > 0


def test_events_jetaa_and_newsletters_match_the_report(demo_db: Database) -> None:
    with demo_db.session() as session:
        t = tally_fy(session, 2023)
    assert (t.total.event_booths.events, t.total.event_booths.hosted) == (50, 2)
    assert len(t.total.event_booths.countries) == 21
    assert t.total.jetaa_events.events == 39 and len(t.total.jetaa_events.countries) == 13
    letters = read_json("fy2023/newsletters.json")
    assert {c: t.offices[c].newsletter_issues for c in REPORT["offices"]} == {
        n["office"]: n["issues_per_year"] for n in letters
    }
    assert t.offices["HQ"].event_booths.hosted == 1


def test_generated_requesters_agree_with_their_category() -> None:
    cases = list(generate(REPORT["offices"]))
    counted = [c for c in cases if c.counted]
    assert all(suggest_category(c.requester) is c.requester_category for c in counted)
    assert all(c.start_date.year in (2023, 2024) for c in cases)
    assert cases == list(generate(REPORT["offices"]))  # deterministic


def test_refuses_to_mix_into_a_database_with_records(demo_db: Database) -> None:
    before = table_counts(demo_db)
    with pytest.raises(DemoRefused, match="--replace"):
        load_demo(demo_db)
    assert table_counts(demo_db) == before


def test_replace_discards_and_reloads(demo_db: Database) -> None:
    before = table_counts(demo_db)
    assert load_demo(demo_db, replace=True) == before
