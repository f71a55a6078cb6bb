"""PDF benchmarks: the office summary against raw reportlab, and how the HQ report scales.

1. The office summary of N support cases (``exports.pdf.report.write_summary``: reads
   the records, tallies and monthly figures, writes tables, charts and page numbers)
   against a baseline that builds one reportlab ``Table`` of the same rows' cell
   texts, in the same embedded font, with a repeated header: the least a PDF of those
   rows costs. Interleaved pairs (project, baseline, project, baseline …); the median
   of the per-pair ratios is the figure, the spread is printed beside it.
2. Headquarters' report (all offices) of 1k, 10k and 100k cases, each run in a fresh
   process (its own peak RSS, ``VmHWM``), timed around ``write_summary``. Runs of the
   smallest and the largest size are interleaved in pairs, and each pair gives the
   ratio of the time per 1,000 cases at the largest size to that at the smallest
   (linear growth: 1.0; the goal is ≤ 1.3×).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table  # noqa: E402

from db.read import rows as R  # noqa: E402
from db.records.write import bulk_insert_cases  # noqa: E402
from db.schema.fiscal import fy_period  # noqa: E402
from db.storage.database import open_database  # noqa: E402
from exports.labels import format_range  # noqa: E402
from exports.pdf.fonts import japanese_font  # noqa: E402
from exports.pdf.report import write_summary  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import make_cases  # noqa: E402


def pairs(a: Callable[[], float], b: Callable[[], float], n: int) -> list[tuple[float, float]]:
    """``n`` interleaved runs A B A B …; each callable returns its own measured time."""
    return [(a(), b()) for _ in range(n)]


def spread(ratios: list[float]) -> str:
    mid, low, high = statistics.median(ratios), min(ratios), max(ratios)
    return f"median {mid:5.2f}x (min {low:.2f}, max {high:.2f}, {len(ratios)} pairs)"


def make_db(path: Path, n: int, office: str | None) -> None:
    db = open_database(path)
    cases = make_cases(n, range(2023, 2024))
    if office:
        cases = [dataclasses.replace(c, office_code=office) for c in cases]
    with db.session() as session:
        bulk_insert_cases(session, cases)
    db.close()


def office_summary(work: Path, records: int, n_pairs: int) -> None:
    font = japanese_font()
    make_db(work / "office.sqlite3", records, "SIN")
    db = open_database(work / "office.sqlite3")
    period = fy_period(2023)
    with db.session() as session:
        rows = R.cases(session, period, "SIN")
    cells = [
        [format_range(r.start_date, r.end_date, "ja"), r.requester,
         r.requester_category.label("ja"), "、".join(t.label("ja") for t in r.types),
         r.summary, r.staff, "✓" if r.counted else ""]
        for r in rows
    ]  # fmt: skip
    header = ["期間", "依頼団体", "区分", "支援内容", "概要", "担当", "件数に計上"]

    def project() -> float:
        start = time.perf_counter()
        write_summary(db, work / "project.pdf", period, "SIN", "ja")
        return time.perf_counter() - start

    def raw() -> float:
        start = time.perf_counter()
        doc = SimpleDocTemplate(str(work / "raw.pdf"), pagesize=A4)
        table = Table([header, *cells], repeatRows=1)
        table.setStyle([("FONT", (0, 0), (-1, -1), font.name, 8)])
        doc.build([table])
        return time.perf_counter() - start

    project(), raw()  # warm-up: font subsets, imports
    runs = pairs(project, raw, n_pairs)
    ratios = [p / r for p, r in runs]
    p_med = statistics.median(p for p, _ in runs)
    r_med = statistics.median(r for _, r in runs)
    print(f"python {sys.version.split()[0]}, font {font.path.name}")
    print(f"office summary, {records:,} support cases: project {p_med * 1000:7.1f} ms, "
          f"baseline {r_med * 1000:7.1f} ms (medians)")  # fmt: skip
    print(f"  ratio {spread(ratios)}; goal <= 1.5x")
    db.close()


def hq_run(db_path: Path, out: Path) -> tuple[float, float, int]:
    """One HQ report in a fresh process: (seconds, peak RSS MiB, pages)."""
    code = (
        "import sys, time, json; sys.path.insert(0, sys.argv[3])\n"
        "from pathlib import Path\n"
        "from db.storage.database import open_database\n"
        "from db.schema.fiscal import fy_period\n"
        "from exports.pdf.report import write_summary\n"
        "db = open_database(Path(sys.argv[1]))\n"
        "start = time.perf_counter()\n"
        "write_summary(db, sys.argv[2], fy_period(2023), None, 'ja')\n"
        "took = time.perf_counter() - start\n"
        "hwm = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "print(json.dumps([took, hwm / 1024]))\n"
    )
    root = str(Path(__file__).resolve().parents[1])
    done = subprocess.run([sys.executable, "-c", code, str(db_path), str(out), root],
                          check=True, capture_output=True, text=True)  # fmt: skip
    took, mib = json.loads(done.stdout.strip().splitlines()[-1])
    pages = len(re.findall(rb"/Type /Page\b(?!s)", out.read_bytes()))
    return float(took), float(mib), pages


def hq_scaling(work: Path, sizes: list[int], n_pairs: int) -> None:
    dbs = {}
    for n in sizes:
        dbs[n] = work / f"hq{n}.sqlite3"
        make_db(dbs[n], n, None)
    small, large = sizes[0], sizes[-1]
    for n in sizes[1:-1]:  # the middle sizes: once each, for the table
        took, mib, pages = hq_run(dbs[n], work / "hq.pdf")
        print(f"HQ report {n:>7,} cases: {took:7.2f} s  {took / n * 1000:6.3f} s per 1,000 cases  "
              f"peak RSS {mib:5.0f} MiB  {pages:,} pages")  # fmt: skip
    results: dict[int, list[tuple[float, float, int]]] = {small: [], large: []}

    def run(n: int) -> float:
        results[n].append(hq_run(dbs[n], work / "hq.pdf"))
        return results[n][-1][0] / n * 1000

    runs = pairs(lambda: run(small), lambda: run(large), n_pairs)
    for n in (small, large):
        took = statistics.median(r[0] for r in results[n])
        mib = max(r[1] for r in results[n])
        pages = results[n][-1][2]
        print(f"HQ report {n:>7,} cases: {took:7.2f} s  {took / n * 1000:6.3f} s per 1,000 cases  "
              f"peak RSS {mib:5.0f} MiB  {pages:,} pages  (median of {len(results[n])} runs, "
              f"highest RSS)")  # fmt: skip
    ratios = [b / a for a, b in runs]
    print(f"time per 1,000 cases, {large:,} vs {small:,}: {spread(ratios)}; goal <= 1.3x")
    print(f"peak RSS at {large:,}: {max(r[1] for r in results[large]):.0f} MiB; goal <= 300 MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000, help="office summary's cases")
    parser.add_argument("--pairs", type=int, default=7, help="office summary's pairs")
    parser.add_argument("--hq", default="1000,10000,100000", help="HQ report sizes ('' skips)")
    parser.add_argument("--hq-pairs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        office_summary(work, args.records, args.pairs)
        if args.hq:
            hq_scaling(work, [int(n) for n in args.hq.split(",")], args.hq_pairs)


if __name__ == "__main__":
    main()
