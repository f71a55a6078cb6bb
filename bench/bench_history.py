"""What keeping every change costs an import: with and without the history writer.

Two workbooks of N support cases from one laptop: the first (every case new to the
importing laptop: the bulk path, one history row per case) and a second in which
every case was edited (every case replaced: the values before are read, the fields
that changed recorded, the replaced versions' values kept). Each is imported into a
copy of the same database with the history writer as shipped (A) and with
:func:`db.records.history.created` / :func:`db.records.history.changed` and the read of the replaced
records turned into no-ops (B), in interleaved pairs A B A B; the median of the
per-pair ratios A/B is printed with its spread.

    .venv/bin/python bench/bench_history.py [--cases 20000] [--pairs 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_foundation import make_cases  # noqa: E402

from db.records import history
from db.records.write import bulk_insert_cases  # noqa: E402
from db.schema.fiscal import fy_period  # noqa: E402
from db.storage.database import open_database  # noqa: E402
from db.sync import merge  # noqa: E402
from exports.xlsx.exchange import import_file  # noqa: E402
from exports.xlsx.export import export_office  # noqa: E402


@contextmanager
def without_history() -> Any:
    saved = history.created, history.changed, merge.local_rows
    history.created = lambda *a, **k: None  # type: ignore[assignment]
    history.changed = lambda *a, **k: None  # type: ignore[assignment]
    merge.local_rows = lambda session, kind, uuids: {u: None for u in uuids}  # type: ignore[assignment]
    merge_replaced = merge._replaced
    merge._replaced = lambda *a, **k: None  # type: ignore[assignment]
    try:
        yield
    finally:
        history.created, history.changed, merge.local_rows = saved  # type: ignore[assignment]
        merge._replaced = merge_replaced  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    fy = fy_period(2023)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = open_database(root / "source.sqlite3")
        with source.session() as s:
            cases = make_cases(args.cases, range(2023, 2024))
            bulk_insert_cases(s, [dataclasses.replace(c, office_code="NYC") for c in cases])
        first = export_office(source, root / "first.xlsx", "NYC", fy).path
        with source.engine.begin() as conn:  # every case edited once more on the source
            device = conn.exec_driver_sql(
                "SELECT value FROM app_meta WHERE key = 'device_id'").scalar_one()  # fmt: skip
            conn.exec_driver_sql(
                "UPDATE support_case SET summary = summary || ' (edited)', version = version"
                f" + {args.cases + 1}, version_vector = json_set(version_vector, '$.\"{device}\"',"
                f" version + {args.cases + 1})"
            )  # fmt: skip
        second = export_office(source, root / "second.xlsx", "NYC", fy).path
        source.close()
        base = root / "base.sqlite3"
        open_database(base).close()
        times: dict[str, dict[str, list[float]]] = {"new": {"A": [], "B": []},
                                                     "edited": {"A": [], "B": []}}  # fmt: skip
        sizes: dict[str, int] = {}
        for pair in range(args.pairs):
            for label in ("A", "B"):
                target = root / f"{label}{pair}.sqlite3"
                shutil.copy(base, target)
                db = open_database(target)
                ctx = without_history() if label == "B" else contextmanager(lambda: iter([None]))()
                with ctx:
                    start = time.perf_counter()
                    import_file(db, first)
                    times["new"][label].append(time.perf_counter() - start)
                    start = time.perf_counter()
                    import_file(db, second)
                    times["edited"][label].append(time.perf_counter() - start)
                db.close()
                sizes[label] = target.stat().st_size
        for what, found in times.items():
            ratios = [a / b for a, b in zip(found["A"], found["B"], strict=True)]
            a, b, r = (statistics.median(x) for x in (found["A"], found["B"], ratios))
            spread = f"{min(ratios):.2f}–{max(ratios):.2f}"  # noqa: RUF001
            print(f"{what:6} {args.cases:,} cases: with history {a:.2f} s, without {b:.2f} s;"
                  f" ratio median {r:.2f}x (spread {spread})")  # fmt: skip
        print(f"database after both imports: {sizes['A'] / 2**20:.1f} MiB with history,"
              f" {sizes['B'] / 2**20:.1f} MiB without")  # fmt: skip


if __name__ == "__main__":
    main()
