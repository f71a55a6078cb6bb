"""Crash trial (issue #11): SIGKILL the real process at random moments during record
saves, imports, merges, backups, restores, exports and upgrades, and check after every
kill that

- the database opens (the app's own ``open_database``, with its quick_check) and
  passes SQLite's full ``integrity_check`` and the ledger's rules (``db.storage.integrity``);
- it holds every record whose save had returned, and of the one in flight either
  all or nothing (its child rows complete);
- imports, merges and restores left the records exactly as before or exactly as after
  (a signature of every record's uuid, version and deleted flag, and the FY2023
  tallies), never a mix;
- no file lies half-written under its final name (every backup passes
  integrity_check, an export under its name opens as a complete workbook);
- an upgrade (``office-ledger upgrade`` of a database made at each earlier schema,
  issue #19) left the old schema, intact, or the new one, and either opens.

    .venv/bin/python bench/crash_trial.py                  # 315 runs (45 per operation)
    .venv/bin/python bench/crash_trial.py --per-op 3       # a smoke run
    .venv/bin/python bench/crash_trial.py --only upgrades --per-op 999 --minutes 20
                                  # the upgrade kills alone, as many as 20 minutes allow

It prints the counts per operation and exits 1 on any failure. tests/db/storage/test_crash_trial.py
runs a small trial as a slow test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLI = "import sys; from office_ledger.cli.commands import main; sys.exit(main(sys.argv[1:]))"
SAVER = """
import sys, dataclasses
from pathlib import Path
from db.records import edit
from db.storage.database import open_database
from sqlalchemy import select
from db.storage.models import SupportCase
db = open_database(Path(sys.argv[1]), writer="trial")
with db.session() as s:
    uuid = s.execute(select(SupportCase.uuid).where(SupportCase.office_code == "NYC").limit(1)
                     ).scalar_one()
template = edit.values_of(db, uuid, "support_case")
print("ready", flush=True)
n = 0
while True:
    n += 1
    made = edit.create(db, "support_case", dataclasses.replace(template, requester=f"trial {n}"))
    print(made, flush=True)
"""
SYNCED = ("support_case", "event_booth", "newsletter", "newsletter_issue", "jetaa_event")


def signature(path: Path) -> str:
    """Every record's uuid, version and deleted flag, hashed."""
    conn = sqlite3.connect(path)
    try:
        h = hashlib.sha256()
        for t in SYNCED:
            for row in conn.execute(f"SELECT uuid, version, deleted FROM {t} ORDER BY uuid"):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


def tallies(path: Path) -> str:
    from db.schema.fiscal import fy_period
    from db.storage.database import open_database
    from db.tally.tallies import tally

    db = open_database(path, must_exist=True, reading=True)  # the checker never writes
    try:
        with db.session() as s:
            return json.dumps(tally(s, fy_period(2023)).as_json(), sort_keys=True)
    finally:
        db.close()


def sound(path: Path) -> list[str]:
    """Problems: does it open with the app's code, pass integrity_check and the rules?"""
    from db.schema.errors import LedgerError
    from db.storage.database import open_database
    from db.storage.integrity import check_file

    try:
        open_database(path, must_exist=True).close()
    except LedgerError as exc:
        return [f"does not open: {exc}"]
    result = check_file(path)
    return result.lines()


@dataclass
class Outcome:
    kills: int = 0
    finished_first: int = 0  # the process ended before the kill came
    states: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


def run_killed(argv: list[str], delay: float, env: dict[str, str]) -> tuple[bool, str]:
    """Start ``argv``, SIGKILL it after ``delay`` s; (whether it had finished, stdout)."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, **env})  # fmt: skip
    try:
        proc.wait(timeout=delay)
        finished = True
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        finished = False
    out = proc.stdout.read() if proc.stdout else ""
    if proc.stdout:
        proc.stdout.close()
    return finished, out


class Trial:
    def __init__(self, work: Path, rng: random.Random, *, prepare: bool = True,
                 until: float | None = None) -> None:  # fmt: skip
        self.work, self.rng = work, rng
        self.env = {"OFFICE_LEDGER_HOME": str(work / "home"), "OFFICE_LEDGER_WRITE_WAIT": "5"}
        self.py = sys.executable
        self.until = until  # a time.monotonic() after which no new run starts
        if prepare:  # the upgrades make their own databases
            self._prepare()

    def time_left(self) -> bool:
        return self.until is None or time.monotonic() < self.until

    def _cli(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([self.py, "-c", CLI, *argv], capture_output=True, text=True,
                              env={**os.environ, **self.env}, check=False)  # fmt: skip

    def _prepare(self) -> None:
        """The demo year; workbooks of its NYC and LON; a copy without NYC (for imports),
        a copy whose NYC cases have newer versions (for merges); a backup of the demo."""
        from db.schema.fiscal import fy_period
        from db.storage.database import open_database
        from exports.xlsx.export import export_office

        w = self.work
        self.demo = w / "demo.sqlite3"
        assert self._cli("--db", str(self.demo), "demo").returncode == 0
        db = open_database(self.demo)
        self.nyc = export_office(db, w / "NYC.xlsx", "NYC", fy_period(2023), "en").path
        lon = export_office(db, w / "LON.xlsx", "LON", fy_period(2023), "en").path
        db.close()
        self.without_nyc = w / "without-nyc.sqlite3"  # LON only: NYC is what imports add
        assert self._cli("--db", str(self.without_nyc), "import", str(lon)).returncode == 0
        self.newer = w / "newer.sqlite3"  # 40 NYC cases with newer versions: merges
        shutil.copyfile(self.demo, self.newer)
        open_database(self.newer).close()  # a copy: its own ledger from its first open
        assert self._cli("--db", str(self.newer), "backup").returncode == 0  # restores' source
        self._edit_cases(self.newer, 40)
        db = open_database(self.newer)
        self.newer_nyc = export_office(db, w / "NYC-newer.xlsx", "NYC", fy_period(2023),
                                       "en").path  # fmt: skip
        db.close()
        assert self._cli("--db", str(self.demo), "backup").returncode == 0

    def _edit_cases(self, path: Path, n: int) -> None:
        import dataclasses

        from sqlalchemy import select

        from db.records import edit
        from db.storage.database import open_database
        from db.storage.models import SupportCase

        db = open_database(path)
        try:
            with db.session() as s:
                uuids = s.execute(select(SupportCase.uuid).where(
                    SupportCase.office_code == "NYC").limit(n)).scalars().all()  # fmt: skip
            for u in uuids:
                v = edit.values_of(db, u, "support_case")
                edit.update(db, "support_case", u, dataclasses.replace(v, summary="newer"))
        finally:
            db.close()

    def fresh(self, source: Path, name: str) -> Path:
        target = self.work / name
        for side in ("", "-wal", "-shm", ".lock"):
            Path(str(target) + side).unlink(missing_ok=True)
        shutil.copyfile(source, target)
        return target

    def before_after(self, source: Path, argv: list[str]) -> tuple[str, str, str, str]:
        """Signatures and tallies of ``source`` before and after ``argv`` runs unkilled;
        the time it took is kept for the kill delays."""
        path = self.fresh(source, "probe.sqlite3")
        before, t_before = signature(path), tallies(path)
        start = time.monotonic()
        done = self._cli("--db", str(path), *argv)
        self.duration = time.monotonic() - start
        assert done.returncode == 0, done.stderr
        return before, signature(path), t_before, tallies(path)

    # each operation: run killed, then check; records the state it found
    def state_op(self, name: str, source: Path, argv: list[str], out: Outcome, n: int) -> None:
        before, after, t_before, t_after = self.before_after(source, argv)
        for _ in range(n):
            path = self.fresh(source, f"{name}.sqlite3")
            finished, _ = run_killed(
                [self.py, "-c", CLI, "--db", str(path), *argv],
                self.rng.uniform(0.1, 1.15) * self.duration,
                self.env,
            )
            out.kills += not finished
            out.finished_first += finished
            problems = sound(path)
            if problems:
                out.failures.append(f"{name}: {problems[:2]}")
                continue
            sig, tal = signature(path), tallies(path)
            if sig == before and tal == t_before:
                out.states["before"] += 1
            elif sig == after and tal == t_after:
                out.states["after"] += 1
            else:
                out.failures.append(f"{name}: a mix of before and after")

    def saves(self, out: Outcome, n: int) -> None:
        for _ in range(n):
            path = self.fresh(self.demo, "saves.sqlite3")
            before = _count(path)
            finished, printed = run_killed(
                [self.py, "-c", SAVER, str(path)], self.rng.uniform(1.0, 3.0), self.env
            )
            out.kills += not finished
            returned = [line for line in printed.split() if line != "ready"]
            problems = sound(path)
            if problems:
                out.failures.append(f"saves: {problems[:2]}")
                continue
            conn = sqlite3.connect(path)
            have = {r[0] for r in conn.execute("SELECT uuid FROM support_case")}
            typeless = conn.execute(
                "SELECT count(*) FROM support_case c WHERE NOT EXISTS"
                " (SELECT 1 FROM support_case_type t WHERE t.case_id = c.id)"
            ).fetchone()[0]
            conn.close()
            missing = [u for u in returned if u not in have]
            extra = _count(path) - before - len(returned)
            if missing:
                out.failures.append(f"saves: {len(missing)} returned saves lost")
            elif extra not in (0, 1):
                out.failures.append(f"saves: {extra} records beyond the returned saves")
            elif typeless > _typeless(self.demo):
                out.failures.append("saves: a record without its child rows")
            else:
                out.states["in-flight kept" if extra else "in-flight gone"] += 1

    def backups(self, out: Outcome, n: int) -> None:
        folder = self.work / "home" / "backups"
        path = self.fresh(self.demo, "backed.sqlite3")
        start = time.monotonic()
        assert self._cli("--db", str(path), "backup").returncode == 0
        duration = time.monotonic() - start
        for _ in range(n):
            finished, _ = run_killed(
                [self.py, "-c", CLI, "--db", str(path), "backup"],
                self.rng.uniform(0.1, 1.15) * duration,
                self.env,
            )
            out.kills += not finished
            out.finished_first += finished
            problems = sound(path)
            for b in (folder / "backed").glob("*.sqlite3"):
                problems += [f"{b.name}: {p}" for p in sound(b)]
            if problems:
                out.failures.append(f"backups: {problems[:2]}")
            else:
                out.states["every backup sound"] += 1

    def restores(self, out: Outcome, n: int) -> None:
        from db.storage.backup import backups_of

        backup = backups_of(self.work / "home" / "backups", self.newer)[-1].path  # its own
        source = self.fresh(self.newer, "restore-source.sqlite3")
        argv = ["restore", str(backup), "--yes"]
        before, after, t_before, t_after = self.before_after(source, argv)
        for _ in range(n):
            path = self.fresh(source, "restored.sqlite3")
            finished, _ = run_killed(
                [self.py, "-c", CLI, "--db", str(path), *argv],
                self.rng.uniform(0.1, 1.15) * self.duration,
                self.env,
            )
            out.kills += not finished
            out.finished_first += finished
            problems = sound(path)
            if problems:
                out.failures.append(f"restores: {problems[:2]}")
                continue
            sig = signature(path)
            if sig == before:
                out.states["before"] += 1
            elif sig == after and tallies(path) == t_after:
                out.states["after"] += 1
            else:
                out.failures.append("restores: a mix of before and after")

    def upgrades(self, out: Outcome, n: int) -> None:
        """``office-ledger upgrade`` killed at random moments, on databases made at each
        earlier schema in turn (with 4,000 cases, so the kills land inside the work)."""
        from db.storage.migrations import HEAD
        from db.storage.schema_apps import MIN_APP

        earlier = sorted(r for r in MIN_APP if r < HEAD)
        for i in range(n):
            if not self.time_left():
                break
            revision = earlier[i % len(earlier)]
            source = self.work / f"at-{revision}.sqlite3"
            if not source.exists():
                made_at(source, revision, 4000)
            path = self.fresh(source, "upgraded.sqlite3")
            before = cases(path)
            start = time.monotonic()
            done = self._cli("--db", str(self.fresh(source, "probe.sqlite3")), "upgrade")
            assert done.returncode == 0, done.stderr
            duration = time.monotonic() - start
            finished, _ = run_killed(
                [self.py, "-c", CLI, "--db", str(path), "upgrade"],
                self.rng.uniform(0.1, 1.1) * duration,
                self.env,
            )
            out.kills += not finished
            out.finished_first += finished
            now = schema_of(path)
            if now not in (revision, HEAD):
                out.failures.append(f"upgrades from {revision}: schema {now}")
                continue
            if cases(path) != before:
                out.failures.append(f"upgrades from {revision}: records changed")
                continue
            problems = sound(path)  # opens with the app's code (upgrading what is left)
            if problems:
                out.failures.append(f"upgrades from {revision}: {problems[:2]}")
                continue
            out.states["before (old schema)" if now == revision else "after"] += 1

    def exports(self, out: Outcome, n: int) -> None:
        from exports.xlsx.read import read_export

        target = self.work / "out.xlsx"
        argv = ["--db", str(self.demo), "export", "--office", "NYC", "--fy", "2023", "-o",
                str(target)]  # fmt: skip
        start = time.monotonic()
        assert self._cli(*argv).returncode == 0
        duration = time.monotonic() - start
        for _ in range(n):
            target.unlink(missing_ok=True)
            finished, _ = run_killed(
                [self.py, "-c", CLI, *argv], self.rng.uniform(0.1, 1.15) * duration, self.env
            )
            out.kills += not finished
            out.finished_first += finished
            if not target.exists():
                out.states["no file"] += 1
                continue
            try:
                with zipfile.ZipFile(target) as z:
                    assert z.testzip() is None
                read_export(target)
                out.states["complete file"] += 1
            except Exception as exc:  # noqa: BLE001 - any failure to read is a finding
                out.failures.append(f"exports: half-written {target.name}: {exc}")


def made_at(path: Path, revision: str, n: int) -> None:
    """A database as the release with schema ``revision`` made it: its tables, a device
    id and ``n`` support cases."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from db.storage.database import MIGRATIONS_DIR

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()
    conn2 = sqlite3.connect(path)
    conn2.execute("PRAGMA journal_mode = WAL")
    conn2.executemany("INSERT INTO app_meta (key, value) VALUES (?, ?)",
                      [("device_id", f"release-{revision}"), ("device_name", "old laptop"),
                       ("lamport_clock", str(n))])  # fmt: skip
    conn2.executemany(
        "INSERT INTO support_case (uuid, version, device_id, version_vector, updated_at,"
        " deleted, office_code, requester, requester_category, start_date, summary, staff,"
        " status, counted) VALUES (?, ?, ?, ?, '2024-01-01T00:00:00.000000Z', 0, 'NYC',"
        " '東京都', 'prefecture_or_designated_city', '2023-06-01', ?, '', 'done', 1)",
        [(f"00000000-0000-4000-8000-{i:012d}", i + 1, f"release-{revision}",
          json.dumps({f"release-{revision}": i + 1}), f"案件 {i}") for i in range(n)],
    )  # fmt: skip
    conn2.commit()
    conn2.close()


def schema_of(path: Path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def cases(path: Path) -> str:
    """Every support case's uuid, version and summary, hashed (any schema)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        for row in conn.execute("SELECT uuid, version, summary FROM support_case ORDER BY uuid"):
            h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM support_case").fetchone()[0])
    finally:
        conn.close()


def _typeless(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        query = ("SELECT count(*) FROM support_case c WHERE NOT EXISTS"
                 " (SELECT 1 FROM support_case_type t WHERE t.case_id = c.id)")  # fmt: skip
        return int(conn.execute(query).fetchone()[0])
    finally:
        conn.close()


def run(
    per_op: int,
    seed: int = 11,
    say: Callable[[str], None] = print,
    only: set[str] | None = None,
    minutes: float | None = None,
) -> dict[str, Outcome]:
    """Each operation (or those in ``only``) ``per_op`` times; with ``minutes``, the
    upgrade runs stop starting once that much wall clock has passed since the start."""
    rng = random.Random(seed)
    until = None if minutes is None else time.monotonic() + 60 * minutes
    with tempfile.TemporaryDirectory(prefix="crash-trial-") as tmp:
        trial = Trial(Path(tmp), rng, prepare=only != {"upgrades"}, until=until)
        results: dict[str, Outcome] = {}
        steps: dict[str, Callable[[Outcome], None]] = {
            "record saves": lambda o: trial.saves(o, per_op),
            "imports": lambda o: trial.state_op("imports", trial.without_nyc,
                                                ["import", str(trial.nyc)], o, per_op),
            "merges": lambda o: trial.state_op("merges", trial.demo,
                                               ["import", str(trial.newer_nyc)], o, per_op),
            "backups": lambda o: trial.backups(o, per_op),
            "restores": lambda o: trial.restores(o, per_op),
            "exports": lambda o: trial.exports(o, per_op),
            "upgrades": lambda o: trial.upgrades(o, per_op),
        }  # fmt: skip
        for name, step in steps.items():
            if only is not None and name not in only:
                continue
            out = results[name] = Outcome()
            step(out)
            states = ", ".join(f"{k} {v}" for k, v in sorted(out.states.items()) if v)
            say(f"{name:<13} {out.kills:>4} killed, {out.finished_first:>3} finished first;"
                f" found: {states}; failures: {len(out.failures)}")  # fmt: skip
            for failure in out.failures[:5]:
                say(f"    {failure}")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-op", type=int, default=45, help="runs per operation")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--only",
        action="append",
        metavar="OPERATION",
        help="only this operation (e.g. upgrades); may be repeated",
    )
    parser.add_argument(
        "--minutes",
        type=float,
        default=None,
        help="upgrades: start no new run after this many minutes",
    )
    args = parser.parse_args()
    start = time.monotonic()
    results = run(args.per_op, args.seed, only=set(args.only) if args.only else None,
                  minutes=args.minutes)  # fmt: skip
    kills = sum(o.kills for o in results.values())
    failures = sum(len(o.failures) for o in results.values())
    print(f"total: {kills} SIGKILLs, {failures} failures, {time.monotonic() - start:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
