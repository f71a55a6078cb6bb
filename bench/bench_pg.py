"""PostgreSQL beside SQLite (issue #23 item 6): the same work through the same app code
on headquarters' server and on a ledger file, in interleaved pairs (PostgreSQL first,
then SQLite, then the other way round), the median of the per-pair ratios PG/SQLite
printed with their spread (bench/pairs.py). The measures:

* tally: ``db.tally.tallies.tally_fy`` of a fiscal year of 1,000,000 support cases;
* import: ``exports.xlsx.exchange.import_file`` of one office's workbook of 100,000
  cases into an empty ledger (a new one each time);
* report: ``exports.pdf.report.write_summary`` (all offices: headquarters' PDF) of a
  ledger of 100,000 cases;
* four clerks: four offices' workbooks (25,000 cases each) imported by four apps at
  once vs one app importing all four, on PostgreSQL (ratio four/one), and the same on
  SQLite beside it.

The big ledgers are made as the other benches make them (bench/big_ledger.py) and
loaded onto the server with COPY (:func:`on_server`); each server database is created
here and dropped at the end.

    .venv/bin/python bench/bench_pg.py \
        --server "postgresql://ledgerpg@/postgres?host=/tmp/pgdev/sock" \
        [--tally-cases 1000000] [--cases 100000] [--pairs 5] [--only tally,import,report,clerks]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from big_ledger import build  # noqa: E402
from pairs import interleaved, line  # noqa: E402

from db.schema.fiscal import fy_period  # noqa: E402
from db.storage.database import Database, open_database  # noqa: E402

FY = 2023


class Server:
    """Databases of this run on the PostgreSQL server, dropped at the end."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self.base = make_url(url)
        self.admin = self.base.set(drivername="postgresql").render_as_string(hide_password=False)
        self.made: list[str] = []

    def _run(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(sql)

    def new(self, template: str | None = None) -> str:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        self._run(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.made.append(name)
        return name

    def url(self, name: str) -> str:
        return str(self.base.set(database=name).render_as_string(hide_password=False))

    def drop(self, name: str) -> None:
        self._run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.made:
            self.made.remove(name)

    def close(self) -> None:
        for name in list(self.made):
            self.drop(name)


CASE_COLUMNS = ("id, uuid, office_code, requester, requester_category, start_date, end_date,"
                " summary, staff, status, counted, version, device_id, version_vector,"
                " updated_at, deleted")  # fmt: skip


def on_server(server: Server, source: Path) -> str:
    """A server database holding the support cases of the big ledger ``source``; its
    name. Loaded with COPY while the per-day summary's row trigger is set aside, then
    the summary is rebuilt with one GROUP BY (as bench/big_ledger.py does on SQLite):
    the app's row-by-row copy (``office-ledger copy``) takes minutes for a million."""
    import sqlite3

    import psycopg

    from db.storage.pg.dialect import SUMMARY_REBUILD

    name = server.new()
    open_database(server.url(name)).close()  # type: ignore[arg-type]
    lite = sqlite3.connect(source)
    started = time.perf_counter()
    try:
        url = server.base.set(drivername="postgresql", database=name)
        with psycopg.connect(url.render_as_string(hide_password=False)) as pg:
            pg.execute("ALTER TABLE support_case DISABLE TRIGGER support_case_day_change")
            with pg.cursor().copy(f"COPY support_case ({CASE_COLUMNS}) FROM STDIN") as copy:
                for row in lite.execute(f"SELECT {CASE_COLUMNS} FROM support_case"):
                    copy.write_row((*row[:10], bool(row[10]), *row[11:15], bool(row[15])))
            with pg.cursor().copy("COPY support_case_type (case_id, type_code) FROM STDIN") as c:
                for row in lite.execute("SELECT case_id, type_code FROM support_case_type"):
                    c.write_row(row)
            for sql in SUMMARY_REBUILD:
                pg.execute(sql)
            pg.execute("ALTER TABLE support_case ENABLE TRIGGER support_case_day_change")
            pg.execute("SELECT setval(pg_get_serial_sequence('support_case', 'id'),"
                       " (SELECT max(id) FROM support_case))")  # fmt: skip
            pg.execute("UPDATE app_meta SET value = (SELECT max(version) FROM support_case)::text"
                       " WHERE key = 'lamport_clock'")  # fmt: skip
        with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as pg:
            pg.execute("VACUUM ANALYZE")
    finally:
        lite.close()
    print(f"  loaded {source.name} onto the server in {time.perf_counter() - started:.0f} s",
          flush=True)  # fmt: skip
    return name


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


@contextmanager
def opened(target: str | Path) -> Iterator[Database]:
    db = open_database(target)  # type: ignore[arg-type]
    try:
        yield db
    finally:
        db.close()


def bench_tally(server: Server, folder: Path, n: int, pairs: int) -> str:
    from db.tally.tallies import tally_fy

    path = build(folder / "tally.sqlite3", n, range(FY, FY + 1))
    name = on_server(server, path)
    with opened(server.url(name)) as pg, opened(path) as lite:

        def run(db: Database) -> float:
            with db.session() as s:
                return timed(lambda: tally_fy(s, FY))

        run(pg), run(lite)  # warm both
        p, b = interleaved(lambda: run(pg), lambda: run(lite), pairs)
    return line(f"tally of {n:,} cases (PG vs SQLite)", p, b, "report")


def _office_book(folder: Path, n: int, office: str, name: str) -> Path:
    from bench_foundation import make_cases

    from db.records.write import bulk_insert_cases
    from exports.xlsx.export import export_office

    source = open_database(folder / f"{name}.sqlite3")
    with source.session() as s:
        cases = make_cases(n, range(FY, FY + 1), seed=1 + sum(map(ord, office)))
        bulk_insert_cases(s, [dataclasses.replace(c, office_code=office) for c in cases])
    book = export_office(source, folder / f"{name}.xlsx", office, fy_period(FY), log=False).path
    source.close()
    return book


def _empty(server: Server, folder: Path) -> tuple[str, Path]:
    """An empty ledger on each side, to copy for every try."""
    name = server.new()
    open_database(server.url(name)).close()  # type: ignore[arg-type]
    lite = folder / "empty.sqlite3"
    open_database(lite).close()
    return name, lite


def _fresh_lite(empty: Path, folder: Path) -> Path:
    import shutil

    target = folder / f"t{uuid.uuid4().hex[:8]}.sqlite3"
    shutil.copyfile(empty, target)
    return target


def bench_import(server: Server, folder: Path, n: int, pairs: int) -> str:
    from exports.xlsx.exchange import import_file

    book = _office_book(folder, n, "NYC", "import")
    template, empty = _empty(server, folder)

    def pg() -> float:
        name = server.new(template)
        with opened(server.url(name)) as db:
            took = timed(lambda: import_file(db, book))
        server.drop(name)
        return took

    def lite() -> float:
        target = _fresh_lite(empty, folder)
        with opened(target) as db:
            took = timed(lambda: import_file(db, book))
        target.unlink()
        return took

    p, b = interleaved(pg, lite, pairs)
    return line(f"import of {n:,} cases (PG vs SQLite)", p, b, "report", unit="s")


def bench_report(server: Server, folder: Path, n: int, pairs: int) -> str:
    from exports.pdf.report import write_summary

    path = build(folder / "report.sqlite3", n, range(FY, FY + 1))
    name = on_server(server, path)
    out = folder / "summary.pdf"
    with opened(server.url(name)) as pg, opened(path) as lite:

        def run(db: Database) -> float:
            return timed(lambda: write_summary(db, out, fy_period(FY), None, "ja"))

        run(pg), run(lite)
        p, b = interleaved(lambda: run(pg), lambda: run(lite), pairs)
    return line(f"HQ report of {n:,} cases (PG vs SQLite)", p, b, "report", unit="s")


def _clerks(targets: Callable[[], str | Path], books: list[Path], together: bool) -> float:
    """Four apps importing one book each at once, or one app importing all four."""
    from exports.xlsx.exchange import import_file

    apps = [open_database(targets()) for _ in (books if together else books[:1])]  # type: ignore[arg-type]
    try:
        if not together:
            return timed(lambda: [import_file(apps[0], b) for b in books])
        start = threading.Barrier(len(books) + 1)
        failures: list[BaseException] = []

        def clerk(i: int) -> None:
            start.wait()
            try:
                import_file(apps[i], books[i])
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(exc)

        threads = [threading.Thread(target=clerk, args=(i,)) for i in range(len(books))]
        for t in threads:
            t.start()
        started = time.perf_counter()
        start.wait()
        for t in threads:
            t.join()
        took = time.perf_counter() - started
        if failures:
            raise failures[0]
        return took
    finally:
        for app in apps:
            app.close()


def bench_clerks(server: Server, folder: Path, n: int, pairs: int) -> list[str]:
    offices = ("NYC", "LON", "PAR", "SIN")
    books = [_office_book(folder, n // 4, o, f"clerk{o}") for o in offices]
    template, empty = _empty(server, folder)
    out = []
    for side in ("PostgreSQL", "SQLite"):
        targets: list[Any] = []

        def fresh(side: str = side) -> Any:
            if side == "PostgreSQL":
                return server.url(server.new(template))
            return _fresh_lite(empty, folder)

        def run(together: bool, fresh: Callable[[], Any] = fresh,
                targets: list[Any] = targets) -> float:  # fmt: skip
            target = fresh()
            targets.append(target)
            return _clerks(lambda: target, books, together)

        p, b = interleaved(lambda: run(True), lambda: run(False), pairs)
        out.append(line(f"4 clerks at once vs 1 doing all 4, {side}", p, b, "report", unit="s"))
        for target in targets:
            if isinstance(target, Path):
                target.unlink(missing_ok=True)
            else:
                server.drop(target.rsplit("/", 1)[-1].split("?")[0])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="the PostgreSQL server's URL")
    parser.add_argument("--tally-cases", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--only", default="tally,import,report,clerks")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    server = Server(args.server)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-pg-") as tmp:
        folder = Path(tmp)
        try:
            if "tally" in wanted:
                results.append(bench_tally(server, folder, args.tally_cases, args.pairs))
            if "import" in wanted:
                results.append(bench_import(server, folder, args.cases, args.pairs))
            if "report" in wanted:
                results.append(bench_report(server, folder, args.cases, args.pairs))
            if "clerks" in wanted:
                results += bench_clerks(server, folder, args.cases, args.pairs)
        finally:
            server.close()
    print("\n".join(["", "summary (ratio: PostgreSQL / SQLite; four at once / one):", *results]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
