"""Tally benchmarks on a million support cases in one fiscal year (plus 50,000 events).

* in process: ``db.tally.tallies.tally_fy`` (support cases from the day summary that triggers
  keep, db/storage/tally_summary.py) vs the plain ``GROUP BY`` over the cases themselves through
  sqlite3; goal: the project ≤ 100 ms;
* end to end: the real ``office-ledger --db DB tally --fy 2023 --json`` vs a plain
  sqlite3 script running the same queries and printing JSON; goal ≤ 3×;
* with ``--versus SMALL``: ``tally --json`` on DB vs on the SMALL ledger, in pairs: a
  ten-times-bigger file costs nothing more to tally (issue #21); goal ≤ 1.3×.

    .venv/bin/python bench/big_ledger.py /tmp/l/1m.sqlite3 1000000 --years 2014-2023
    .venv/bin/python bench/big_ledger.py /tmp/l/100k.sqlite3 100000 --years 2023-2023
    .venv/bin/python bench/bench_tally.py --db /tmp/l/1m.sqlite3 --versus /tmp/l/100k.sqlite3

Interleaved pairs, median of the per-pair ratios with their spread (bench/pairs.py).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_foundation import RAW_TALLY, build_big  # noqa: E402
from pairs import interleaved, line  # noqa: E402

from db.schema.fiscal import fy_period  # noqa: E402
from db.storage.database import open_database  # noqa: E402
from db.tally.tallies import tally_fy  # noqa: E402

# The project's very queries (db/tally/tallies.py), run by a plain script: what ``tally --json``
# is compared with end to end.
PLAIN_SCRIPT = r"""
import json, sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
args = ("2023-04-01", "2024-03-31")
out = {}
for sql in (
    "SELECT office_code, requester_category, counted, sum(cases) FROM support_case_day"
    " WHERE day BETWEEN ? AND ? GROUP BY 1, 2, 3",
    "SELECT e.office_code, count(DISTINCT e.id), count(DISTINCT CASE WHEN e.hosted = 1"
    " THEN e.id END), group_concat(DISTINCT l.country) FROM event_booth AS e LEFT OUTER JOIN"
    " event_leg AS l ON l.event_id = e.id WHERE e.deleted = 0 AND e.start_date BETWEEN ? AND ?"
    " GROUP BY e.office_code",
    "SELECT n.office_code, count(*) FROM newsletter_issue AS i JOIN newsletter AS n"
    " ON n.id = i.newsletter_id WHERE i.deleted = 0 AND n.deleted = 0 AND i.issue_date"
    " BETWEEN ? AND ? GROUP BY n.office_code",
    "SELECT j.office_code, count(DISTINCT j.id), group_concat(DISTINCT s.country) FROM"
    " jetaa_event AS j LEFT OUTER JOIN jetaa_session AS s ON s.event_id = j.id"
    " WHERE j.deleted = 0 AND j.start_date BETWEEN ? AND ? GROUP BY j.office_code",
    # the office's other work (db/tally/year_tallies.py)
    "SELECT seminar.office_code, seminar.kind, count(DISTINCT seminar.id),"
    " count(seminar_session.id), coalesce(sum(seminar_session.participants), 0) FROM seminar"
    " JOIN seminar_session ON seminar_session.seminar_id = seminar.id WHERE seminar.deleted = 0"
    " AND seminar.start_date BETWEEN ? AND ? GROUP BY seminar.office_code, seminar.kind",
    "SELECT office_code, count(*) FROM publication WHERE deleted = 0 AND series = 'clair_report'"
    " AND published_on BETWEEN ? AND ? GROUP BY office_code",
    "SELECT office_code, count(*) FROM media_work WHERE deleted = 0 AND start_date BETWEEN ? AND ?"
    " GROUP BY office_code",
    "SELECT DISTINCT media_work.office_code, media_municipality.name FROM media_work JOIN"
    " media_municipality ON media_municipality.media_work_id = media_work.id"
    " WHERE media_work.deleted = 0 AND media_work.start_date BETWEEN ? AND ?",
    "SELECT office_code, count(*) FROM cooking_event WHERE deleted = 0"
    " AND start_date BETWEEN ? AND ? GROUP BY office_code",
    "SELECT DISTINCT cooking_event.office_code, cooking_organisation.name FROM cooking_event"
    " JOIN cooking_organisation ON cooking_organisation.cooking_event_id = cooking_event.id"
    " WHERE cooking_event.deleted = 0 AND cooking_event.start_date BETWEEN ? AND ?",
    "SELECT office_code, uuid FROM research_request WHERE deleted = 0"
    " AND asked_on BETWEEN ? AND ?",
    "SELECT office_code, home FROM seconded_staff WHERE deleted = 0 AND from_date <= ?"
    " AND (to_date IS NULL OR to_date >= ?)",
):
    found = conn.execute(sql, args if "from_date" not in sql else (args[1], args[1]))
    for row in found:
        out.setdefault(row[0], []).append(row[1:])
print(json.dumps(out, ensure_ascii=False, indent=2))
"""


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed_run(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=ENV)
    took = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.startswith("{"):
        raise RuntimeError(f"{command[:3]} failed: {done.stderr[-500:]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--pairs", type=int, default=15)
    parser.add_argument("--db", type=Path, help="use this database (built if missing)")
    parser.add_argument("--versus", type=Path, help="a smaller ledger: tally --json on both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ENV["OFFICE_LEDGER_HOME"] = str(Path(tmp) / "home")  # no one's settings, no memory
        path = args.db or Path(tmp) / "big.sqlite3"
        if not path.exists():
            template = Path(tmp) / "empty.sqlite3"
            open_database(template).close()
            build_big(template, path, args.cases, range(2023, 2024))
        db = open_database(path)
        period = fy_period(2023)
        conn = sqlite3.connect(path)
        dates = (period.start.isoformat(), period.end.isoformat())
        print(
            f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version};"
            f" {conn.execute('SELECT count(*) FROM support_case').fetchone()[0]:,} cases"
        )

        def project() -> float:
            start = time.perf_counter()
            with db.session() as session:
                tally_fy(session, 2023)
            return time.perf_counter() - start

        def plain() -> float:
            start = time.perf_counter()
            for sql in RAW_TALLY:
                conn.execute(sql, dates).fetchall()
            return time.perf_counter() - start

        project(), plain()  # warm both caches
        p, b = interleaved(project, plain, args.pairs)
        line("FY2023 tally in process vs plain GROUP BY", p, b, "project <= 100 ms")
        print(f"  project worst {max(p) * 1000:.1f} ms")
        conn.close()
        db.close()
        cli = Path(sys.executable).with_name("office-ledger")
        command = [str(cli), "--db", str(path), "tally", "--fy", "2023", "--json"]
        script = [sys.executable, "-c", PLAIN_SCRIPT, str(path)]
        timed_run(command), timed_run(script)  # cached bytecode, warm file cache
        p, b = interleaved(lambda: timed_run(command), lambda: timed_run(script), args.pairs)
        line("tally --json end to end vs plain sqlite3 script", p, b, "<= 3x")
        if args.versus:
            small = [str(cli), "--db", str(args.versus), "tally", "--fy", "2023", "--json"]
            timed_run(small)
            p, b = interleaved(lambda: timed_run(command), lambda: timed_run(small), args.pairs)
            line("tally --json on --db vs on --versus", p, b, "<= 1.3x")


if __name__ == "__main__":
    main()
