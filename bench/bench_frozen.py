"""Frozen-build benchmark: cold start to first paint, the frozen app vs the source install.

Each start is a fresh process of the app as a person starts it (``office-ledger`` with
no command, on the FY2023 demo database plus ``--cases`` generated support cases
(default 100,000, as the issue asks; 0 for the demo year alone), Japanese UI,
offscreen), timed from just
before launch until the window's first paint (the app prints the wall-clock time of
its first paint and quits when ``OFFICE_LEDGER_QUIT_AFTER_PAINT`` is set, see
``desktop/shell/startup.py``). Frozen and source starts are interleaved in pairs (the order
inside each pair alternates), so drift in the machine's load hits both; the result is
the median of the per-pair ratios (frozen / source). The first pair is a warm-up for
the disk cache and is not counted.

Run after ``scripts/build_frozen``: ``.venv/bin/python bench/bench_frozen.py [--pairs N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = "office-ledger.exe" if os.name == "nt" else "office-ledger"
FROZEN = ROOT / "dist" / "office-ledger" / EXE
SOURCE = Path(sys.executable).with_name(EXE)  # the venv's console script


def start_to_paint(program: Path, env: dict[str, str], db: Path) -> float:
    """Seconds from launch to the first paint of the window."""
    started = time.time()
    done = subprocess.run([str(program), "--db", str(db)], env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("first-paint ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{program} did not paint: {done.returncode}\n{done.stderr[-2000:]}")
    return float(lines[0].split()[1]) - started


def add_cases(db: Path, n: int) -> None:
    """Add ``n`` generated FY2023 support cases to the database (as bench_startup does)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from bench_foundation import make_cases

    from db.records.write import bulk_insert_cases
    from db.storage.database import open_database

    database = open_database(db)
    try:
        with database.session() as session:
            bulk_insert_cases(session, make_cases(n, range(2023, 2024)))
    finally:
        database.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10, help="counted pairs (default: 10)")
    parser.add_argument(
        "--cases",
        type=int,
        default=100_000,
        help="generated support cases added to the demo year (default: 100000)",
    )
    args = parser.parse_args()
    for program in (FROZEN, SOURCE):
        if not program.exists():
            raise SystemExit(f"missing {program}: run scripts/build_frozen (and scripts/setup)")
    with tempfile.TemporaryDirectory(prefix="bench-frozen-") as tmp:
        home = Path(tmp)
        env = {**os.environ, "OFFICE_LEDGER_HOME": str(home / "data"), "HOME": str(home),
               "QT_QPA_PLATFORM": "offscreen", "OFFICE_LEDGER_QUIT_AFTER_PAINT": "1"}  # fmt: skip
        env.pop("OFFICE_LEDGER_DB", None)
        # The source install reads its cached bytecode, as on a person's machine (a shell
        # with PYTHONDONTWRITEBYTECODE would make it compile its modules at every start).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        db = home / "demo.sqlite3"
        for command in (["demo"], ["settings", "office", "NYC"], ["settings", "language", "ja"]):
            subprocess.run([str(SOURCE), "--db", str(db), *command], env=env, check=True,
                           capture_output=True)  # fmt: skip
        if args.cases:
            add_cases(db, args.cases)
        frozen: list[float] = []
        source: list[float] = []
        for pair in range(args.pairs + 1):
            order = [(FROZEN, frozen), (SOURCE, source)]
            for program, times in order if pair % 2 else reversed(order):
                seconds = start_to_paint(program, env, db)
                if pair:  # pair 0 warms the disk cache
                    times.append(seconds)
    ratios = [f / s for f, s in zip(frozen, source, strict=True)]
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms (min {min(xs) * 1000:.0f})"  # noqa: E731
    print(
        f"cold start to first paint, {args.pairs} interleaved pairs (offscreen, demo year"
        f" + {args.cases:,} cases)"
    )
    print(f"  frozen  {ms(frozen)}   {FROZEN.relative_to(ROOT)}")
    print(f"  source  {ms(source)}   {SOURCE}")
    print(f"  frozen / source: median of per-pair ratios {statistics.median(ratios):.2f}x "
          f"(range {min(ratios):.2f}–{max(ratios):.2f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
