"""The FY2023 demo year reproduces the annual report's figures from records."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from db.demo.cases import generate
from db.demo.year import DemoRefused, load_demo
from db.read.requester import suggest_category
from db.storage.database import table_counts
from db.tally.tallies import tally_fy
from resources import read_json

if TYPE_CHECKING:
    from db.storage.database import Database

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


def test_the_offices_other_work_matches_the_report(demo_db: Database) -> None:
    """Issue #15's figures, from records, through the command line's JSON."""
    import json
    import shutil
    import subprocess
    import sys

    demo_db.close()
    exe = shutil.which("office-ledger", path=str(Path(sys.executable).parent))
    assert exe is not None
    run = subprocess.run([exe, "--db", str(demo_db.path), "tally", "--fy", "2023", "--json"],
                         capture_output=True, text=True, check=True)  # fmt: skip
    data = json.loads(run.stdout)
    offices, total = data["offices"], data["total"]
    online = {c: o["seminars"]["office_online"]["events"] for c, o in offices.items()}
    assert online == {"NYC": 1, "LON": 10, "PAR": 2, "SIN": 1, "SEL": 0, "SYD": 3, "BEJ": 1,
                      "HQ": 0}  # fmt: skip
    seminars = total["seminars"]
    assert seminars["office_online"] == {"events": 18, "participants": 3396}
    assert seminars["policy_pr_abroad"]["events"] == 9  # Beijing's three lectures: one
    assert seminars["executive_exchange"]["participants"] == 54
    assert seminars["events"] == 44 and seminars["sessions"] == 46
    reports = {c: o["clair_reports"] for c, o in offices.items()}
    assert reports == {"NYC": 3, "LON": 3, "PAR": 6, "SIN": 4, "SEL": 3, "SYD": 2, "BEJ": 0,
                       "HQ": 0}  # fmt: skip
    assert total["clair_reports"] == 21
    assert total["media_work"] == {"items": 6, "local_governments": 68}
    assert sum(o["media_work"]["local_governments"] for o in offices.values()) == 74
    assert total["cooking_events"] == {"events": 7, "organisations": 10}
    assert total["seconded_staff"] == {"people": 50, "bodies": 42}
    assert total["research_requests"] == 11
    assert offices["HQ"]["research_requests"] == 11  # kept by headquarters
    for key in ("support_cases", "event_booths", "newsletter_issues", "jetaa_events"):
        assert key in total  # the first four families' keys stay as they were


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


def test_a_quarter_counts_the_seminars_of_that_quarter_and_the_roster_at_its_end(
    demo_db: Database,
) -> None:
    from datetime import date

    from db.schema.enums import SeminarKind
    from db.schema.fiscal import Period
    from db.tally.tallies import tally

    with demo_db.session() as session:
        q4 = tally(session, Period(date(2024, 1, 1), date(2024, 3, 31)))
        march = tally(session, Period(date(2024, 3, 1), date(2024, 3, 31)), "LON")
    exchange = q4.total.year.seminars.of(SeminarKind.EXECUTIVE_EXCHANGE)
    assert (exchange.events, exchange.participants) == (3, 24)  # NYC 8, LON 10, BEJ 6
    assert march.offices["LON"].year.seminars.of(SeminarKind.OFFICE_ONLINE).events == 1
    assert q4.total.year.seconded_people == 50 and march.total.year.seconded_people == 7


def test_the_demo_years_notes_read_as_an_office_writes_them(demo_db: Database) -> None:
    """Issue #25: 備考 showed "FY2023 annual report, event 3" and "…row 37"."""
    from sqlalchemy import text

    with demo_db.engine.connect() as conn:
        notes = [n for (n,) in conn.execute(text(
            "SELECT notes FROM event_booth UNION ALL SELECT notes FROM jetaa_event"))]  # fmt: skip
    assert notes and not [n for n in notes if "annual report" in n or "row " in n]
    assert any("ジャパンブース" in n for n in notes)
