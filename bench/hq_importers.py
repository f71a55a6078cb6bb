"""Four headquarters clerks importing seven offices' exports at once, 20 times (issue
#23's "Done when"): each run makes a new database, starts four apps (one thread and one
engine each) importing at the same moment — each its own offices, and one office of
another clerk's too — and compares rows per table, every record, the history of every
imported version and the claims with one person's SQLite import of the same files.

    .venv/bin/python bench/hq_importers.py [--runs 20] [--db sqlite|postgresql://…]

With a PostgreSQL URL (the server's maintenance database: ``postgres``) each run
creates a database of its own on that server and drops it afterwards.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.demo.year import load_demo  # noqa: E402
from db.storage.database import open_database  # noqa: E402
from tests.support import hq_importers as hq  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", default="sqlite", help="sqlite, or a PostgreSQL server's URL")
    parser.add_argument("--clerks", type=int, default=4)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hq-importers-"))
    demo = open_database(folder / "demo.sqlite3")
    load_demo(demo)
    books = hq.office_books(demo, folder)
    demo.close()
    reference = hq.one_person(folder / "reference.sqlite3", books)
    want = hq.state(reference)
    reference.close()
    print(f"{len(books)} exports, {sum(want['counts'].values())} rows; {args.clerks} clerks;"
          f" {args.runs} runs on {args.db.split('?')[0]}", flush=True)  # fmt: skip
    bad = 0
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        if args.db == "sqlite":
            path = folder / f"hq{run}.sqlite3"
            open_database(path).close()
            outcome = hq.clerks_at_once(lambda p=path: open_database(p), books, args.clerks)
            db = open_database(path)
            found = hq.differences(hq.state(db), want)
            db.close()
        else:
            found, outcome = _on_server(args.db, books, want, args.clerks)
        took = time.perf_counter() - started
        wrong = found + [repr(f) for f in outcome.failures]
        if (outcome.applied, outcome.told) != (len(books), args.clerks):
            wrong.append(f"applied {outcome.applied}, told {outcome.told}")
        bad += bool(wrong)
        print(f"run {run:2}: {'ok' if not wrong else 'WRONG: ' + '; '.join(wrong)}"
              f"  ({outcome.applied} imported, {outcome.told} told already, {took:.1f} s)",
              flush=True)  # fmt: skip
    print(f"{args.runs - bad} of {args.runs} runs lost nothing and duplicated nothing")
    return 1 if bad else 0


def _on_server(server: str, books: list[Path], want: dict[str, object],
               clerks: int) -> tuple[list[str], hq.Outcome]:  # fmt: skip
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"hq_{uuid.uuid4().hex[:10]}"
    base = make_url(server)
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    url = base.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        open_database(url).close()  # type: ignore[arg-type]
        outcome = hq.clerks_at_once(lambda: open_database(url), books, clerks)  # type: ignore[arg-type]
        db = open_database(url)  # type: ignore[arg-type]
        found = hq.differences(hq.state(db), want)  # type: ignore[arg-type]
        db.close()
        return found, outcome
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    raise SystemExit(main())
