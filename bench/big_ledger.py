"""A big ledger, fast: N support cases written by SQLite itself (one recursive
``INSERT … SELECT``), for the benchmarks and the tests that need a 1M-case file.

The file is a real ledger: made by the app's own ``open_database`` (schema, device
identity), then filled with cases that keep the ledger's rules (version vectors name
their device, the Lamport clock covers every version, two support types each), spread
evenly over ``years`` fiscal years. The day summary (db/storage/tally_summary.py) is built
with one ``GROUP BY`` while its insert trigger is set aside, then the trigger is put
back: what the triggers would have kept, in seconds instead of minutes. 1,000,000
cases over ten years: ~450 MB, about 30 s on a 2-core machine.

    .venv/bin/python bench/big_ledger.py /tmp/big.sqlite3 1000000 --years 2014-2023
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CASES = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
INSERT INTO support_case (id, uuid, office_code, requester, requester_category, start_date,
  end_date, summary, staff, status, counted, version, device_id, version_vector, updated_at,
  deleted)
SELECT i, printf('%08x-0000-4000-8000-%012x', i, i), :offices_at, :requester_at,
  CASE i % 3 WHEN 0 THEN 'prefecture_or_designated_city' WHEN 1 THEN 'municipality'
  ELSE 'other' END,
  date(:first, '+' || ((i * 7919) % :days) || ' days'),
  date(:first, '+' || ((i * 7919) % :days + i % 3) || ' days'),
  'アポイントメント取付け・同行 ' || (i * 104729 % 1000000), '田中', 'done', i % 5 != 0,
  i, :device, json_object(:device, i), '2026-12-01T00:00:00.000000Z', 0
FROM n
"""


def _pick(values: tuple[str, ...], key: str) -> str:
    """A SQL expression choosing one of ``values`` by ``key`` (an integer expression)."""
    whens = " ".join(f"WHEN {n} THEN '{v}'" for n, v in enumerate(values))
    return f"CASE ({key}) % {len(values)} {whens} END"


def build(path: Path, count: int, years: range) -> Path:
    """A ledger of ``count`` support cases at ``path`` (which must not exist)."""
    from db.schema.offices import OVERSEAS_CODES
    from db.storage.database import open_database

    open_database(path).close()
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        device = conn.execute("SELECT value FROM app_meta WHERE key = 'device_id'").fetchone()[0]
        (trigger,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'support_case_day_insert'"
        ).fetchone()
        requesters = ("東京都", "石川県金沢市", "関西広域連合", "横浜市", "北海道ニセコ町", "JETRO")
        first = f"{years.start}-04-01"
        days = conn.execute(
            "SELECT julianday(?) - julianday(?)", (f"{years.stop}-04-01", first)
        ).fetchone()[0]
        with conn:
            conn.execute("DROP TRIGGER support_case_day_insert")
            conn.execute(
                CASES.replace(":offices_at", _pick(OVERSEAS_CODES, "i / 7"))
                .replace(":requester_at", _pick(requesters, "i / 3")),
                {"count": count, "first": first, "days": int(days), "device": device},
            )  # fmt: skip
            conn.execute(
                "INSERT INTO support_case_type (case_id, type_code) SELECT id, 'appointment'"
                " FROM support_case UNION ALL SELECT id, CASE id % 2 WHEN 0 THEN 'attend'"
                " ELSE 'interpreter' END FROM support_case"
            )
            conn.execute(
                "INSERT INTO support_case_day (day, office_code, requester_category, counted,"
                " cases) SELECT start_date, office_code, requester_category, counted, count(*)"
                " FROM support_case WHERE deleted = 0 GROUP BY 1, 2, 3, 4"
            )
            conn.execute(trigger)
            conn.execute("UPDATE app_meta SET value = ? WHERE key = 'lamport_clock'", (str(count),))
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("cases", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--years", default="2014-2023", help="first-last fiscal year")
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    start = time.perf_counter()
    build(args.path, args.cases, range(first, last + 1))
    took = time.perf_counter() - start
    size = args.path.stat().st_size / 1e6
    print(f"{args.cases:,} cases in {args.path} ({size:.0f} MB) in {took:.1f} s")


if __name__ == "__main__":
    main()
