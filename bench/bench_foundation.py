"""Foundation benchmarks: bulk insert, fiscal-year tally, text search.

Each figure is the project's code path beside a raw-library baseline doing the same
work on the same data in the same run, in interleaved pairs (bench/pairs.py):

* bulk insert of N support cases (with their support types) through
  ``db.records.write.bulk_insert_cases`` vs ``sqlite3.executemany`` of the very same rows
  into an identical empty database (same schema and indexes);
* the FY tally (``db.tally.tallies.tally_fy``: all four figure families, support cases from
  the day summary) on a database of M records vs the four plain ``GROUP BY`` queries
  over the records through ``sqlite3``;
* text search over requester + summary (``db.read.search.search_cases``) vs a raw ``LIKE``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs import interleaved, line  # noqa: E402

from db.read.search import search_cases  # noqa: E402
from db.records.write import bulk_insert_cases, new_uuid  # noqa: E402
from db.schema.enums import CaseStatus, RequesterCategory, SupportType  # noqa: E402
from db.schema.fiscal import fy_period  # noqa: E402
from db.schema.kinds import CaseRow
from db.schema.offices import OVERSEAS_CODES  # noqa: E402
from db.storage import clock  # noqa: E402
from db.storage.base import utc_now  # noqa: E402
from db.storage.database import open_database  # noqa: E402
from db.tally.tallies import tally_fy  # noqa: E402

REQUESTERS = ("東京都", "石川県金沢市", "関西広域連合", "横浜市", "北海道ニセコ町", "JETRO")


def best(fn: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None) -> float:
    """The fastest of ``repeat`` runs of ``fn``; ``setup`` runs untimed before each."""
    return min(_runs(fn, setup)() for _ in range(repeat))


def _runs(fn: Callable[..., object], setup: Callable[[], object] | None) -> Callable[[], float]:
    def once() -> float:
        arg = setup() if setup else None
        start = time.perf_counter()
        fn(arg) if setup else fn()
        return time.perf_counter() - start

    return once


Times = tuple[list[float], list[float]]


def paired(project: Callable[..., object], raw: Callable[..., object], pairs: int,
           project_setup: Callable[[], object] | None = None,
           raw_setup: Callable[[], object] | None = None) -> Times:  # fmt: skip
    """Interleaved pairs (bench/pairs.py); each setup runs untimed before its run."""
    return interleaved(_runs(project, project_setup), _runs(raw, raw_setup), pairs)


def make_cases(n: int, years: range, seed: int = 1) -> list[CaseRow]:
    rng = random.Random(seed)
    first = date(years.start, 4, 1)
    span = (date(years.stop, 4, 1) - first).days
    types = list(SupportType)
    out = []
    for _ in range(n):
        start = first + timedelta(days=rng.randrange(span))
        out.append(
            CaseRow(
                office_code=rng.choice(OVERSEAS_CODES),
                requester=rng.choice(REQUESTERS),
                requester_category=rng.choice(list(RequesterCategory)),
                start_date=start,
                end_date=start + timedelta(days=rng.randrange(3)),
                summary=f"アポイントメント取付け・同行 {rng.randrange(10**6)}",
                staff="田中",
                status=CaseStatus.DONE,
                counted=rng.random() > 0.2,
                types=tuple(rng.sample(types, 2)),
            )
        )
    return out


def raw_rows(cases: list[CaseRow], device: str) -> tuple[list[tuple], list[tuple]]:
    now = utc_now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    rows, type_rows = [], []
    for n, c in enumerate(cases, 1):
        rows.append(
            (n, new_uuid(), n, device, f'{{"{device}": {n}}}', now, 0, c.office_code, c.requester,
             c.requester_category.value, c.start_date.isoformat(),
             c.end_date.isoformat() if c.end_date else None, c.summary, c.staff,
             c.status.value, int(c.counted))
        )  # fmt: skip
        type_rows += [(n, t.value) for t in c.types]
    return rows, type_rows


RAW_INSERT = (
    "INSERT INTO support_case (id, uuid, version, device_id, version_vector, updated_at, deleted,"
    " office_code, requester, requester_category, start_date, end_date, summary, staff, status,"
    " counted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def bench_insert(template: Path, work: Path, n: int, repeat: int) -> Times:
    cases = make_cases(n, range(2023, 2024))
    rows, type_rows = raw_rows(cases, "bench-device")

    opened: list = []  # closed (untimed) before the next run's setup copies the file

    def fresh(name: str) -> Path:
        while opened:
            opened.pop().close()
        path = work / name
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, path)
        return path

    def project_setup() -> object:
        opened.append(open_database(fresh("project.sqlite3")))
        return opened[-1]

    def project(db) -> None:  # type: ignore[no-untyped-def]
        with db.session() as session:  # one transaction, committed inside the timing
            bulk_insert_cases(session, cases)

    def raw_setup() -> object:
        conn = sqlite3.connect(fresh("raw.sqlite3"))
        opened.append(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def raw(conn) -> None:  # type: ignore[no-untyped-def]
        with conn:
            conn.executemany(RAW_INSERT, rows)
            conn.executemany(
                "INSERT INTO support_case_type (case_id, type_code) VALUES (?, ?)", type_rows
            )

    result = paired(project, raw, repeat, project_setup, raw_setup)
    fresh("done.sqlite3")
    return result


RAW_TALLY = [
    """SELECT office_code, requester_category, counted, count(*) FROM support_case
       WHERE deleted = 0 AND start_date BETWEEN ? AND ? GROUP BY 1, 2, 3""",
    """SELECT e.office_code, count(DISTINCT e.id), sum(e.hosted), group_concat(DISTINCT l.country)
       FROM event_booth e LEFT JOIN event_leg l ON l.event_id = e.id
       WHERE e.deleted = 0 AND e.start_date BETWEEN ? AND ? GROUP BY 1""",
    """SELECT n.office_code, count(*) FROM newsletter_issue i JOIN newsletter n
       ON n.id = i.newsletter_id WHERE i.deleted = 0 AND n.deleted = 0
       AND i.issue_date BETWEEN ? AND ? GROUP BY 1""",
    """SELECT j.office_code, count(DISTINCT j.id), group_concat(DISTINCT s.country)
       FROM jetaa_event j LEFT JOIN jetaa_session s ON s.event_id = j.id
       WHERE j.deleted = 0 AND j.start_date BETWEEN ? AND ? GROUP BY 1""",
]


def build_big(template: Path, path: Path, n: int, years: range) -> None:
    shutil.copyfile(template, path)
    db = open_database(path)
    with db.session() as session:
        for chunk in range(0, n, 100_000):
            bulk_insert_cases(session, make_cases(min(100_000, n - chunk), years, seed=chunk))
        _events(session, n // 20, years)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    db.close()


def _events(session, n: int, years: range) -> None:  # type: ignore[no-untyped-def]
    """Events with 1–3 legs each, written with executemany (children included)."""
    from sqlalchemy import insert

    from db.storage.models import EventBooth, EventLeg

    rng = random.Random(7)
    device = clock.device_id(session)
    first_version = clock.tick(session, n)
    first = date(years.start, 4, 1)
    span = (date(years.stop, 4, 1) - first).days
    events, legs = [], []
    for i in range(1, n + 1):
        start = first + timedelta(days=rng.randrange(span))
        events.append(
            {"id": i, "uuid": new_uuid(), "version": first_version + i - 1, "device_id": device,
             "version_vector": {device: first_version + i - 1},
             "updated_at": utc_now(), "deleted": False, "office_code": rng.choice(OVERSEAS_CODES),
             "name": f"Fair {i}", "hosted": rng.random() < 0.05, "start_date": start}
        )  # fmt: skip
        for p in range(rng.randint(1, 3)):
            legs.append(
                {"event_id": i, "position": p + 1, "start_date": start, "end_date": start,
                 "country": rng.choice(("FR", "US", "GB", "SG", "KR", "AU", "CN", "DE"))}
            )  # fmt: skip
    conn = session.connection()
    conn.execute(insert(EventBooth), events)
    conn.execute(insert(EventLeg), legs)


def bench_tally(path: Path, fy: int, repeat: int) -> Times:
    db = open_database(path)
    period = fy_period(fy)

    def project() -> None:
        with db.session() as session:
            tally_fy(session, fy)

    conn = sqlite3.connect(path)
    args = (period.start.isoformat(), period.end.isoformat())

    def raw() -> None:
        for sql in RAW_TALLY:
            conn.execute(sql, args).fetchall()

    project()
    raw()  # warm both caches
    result = paired(project, raw, repeat)
    conn.close()
    db.close()
    return result


def bench_search(path: Path, repeat: int) -> Times:
    db = open_database(path)
    conn = sqlite3.connect(path)
    term = "金沢"

    def project() -> None:
        with db.session() as session:
            search_cases(session, term)

    def raw() -> None:
        conn.execute(
            "SELECT id FROM support_case WHERE deleted = 0 AND (requester LIKE ? ESCAPE '/'"
            " OR summary LIKE ? ESCAPE '/') ORDER BY start_date, id",
            (f"%{term}%", f"%{term}%"),
        ).fetchall()

    result = paired(project, raw, repeat)
    conn.close()
    db.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--tally-records", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="interleaved pairs")
    parser.add_argument("--quick", action="store_true", help="10k cases, 100k-record tally")
    args = parser.parse_args()
    if args.quick:
        args.cases, args.tally_records, args.repeat = 10_000, 100_000, 3
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        template = work / "empty.sqlite3"
        open_database(template).close()
        print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}")
        p, r = bench_insert(template, work, args.cases, args.repeat)
        line(f"bulk insert {args.cases:,} cases", p, r, "<= 1.5x")
        for label, years in (
            ("10 fiscal years", range(2014, 2024)),
            ("one fiscal year", range(2023, 2024)),
        ):
            big = work / f"big-{years.start}.sqlite3"
            build_big(template, big, args.tally_records, years)
            p, r = bench_tally(big, 2023, args.repeat)
            line(f"FY2023 tally, {args.tally_records:,} cases over {label}", p, r, "<= 100 ms")
            if years.start == 2014:
                p, r = bench_search(big, args.repeat)
                line(f"text search, {args.tally_records:,} cases", p, r, "-")


if __name__ == "__main__":
    main()
