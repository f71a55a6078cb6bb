"""Desktop benchmark: a filter keystroke over 100,000 support cases (goal <= 50 ms).

The project's path is ``CaseTableModel.set_filter`` with a ``QTableView`` attached
(filter, sort, model reset, and the view's repaint, offscreen); the baseline is the
same substring test as a bare list comprehension over the same strings.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_foundation import make_cases  # noqa: E402


def main() -> None:
    from PySide6.QtWidgets import QApplication, QTableView

    from db import rows as R
    from db.database import open_database
    from db.records import bulk_insert_cases
    from desktop.case_model import CaseTableModel

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "b.sqlite3")
        with db.session() as s:
            bulk_insert_cases(s, make_cases(n, range(2023, 2024)))
        with db.session() as s:
            rows = R.cases(s)
        db.close()
    model = CaseTableModel("ja")
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    model.set_rows(rows)
    app.processEvents()
    hay = [f"{r.requester}\n{r.summary}\n{r.staff}".casefold() for r in rows]
    timings, raw = [], []
    for text in ("金", "金沢", "金沢市", "金沢", "", "1234", "123", "12"):
        start = time.perf_counter()
        model.set_filter(text)
        app.processEvents()
        timings.append(time.perf_counter() - start)
        start = time.perf_counter()
        [h for h in hay if text in h]  # noqa: B018
        raw.append(time.perf_counter() - start)
    worst, median = max(timings), sorted(timings)[len(timings) // 2]
    print(f"filter keystroke, {n:,} cases   project median {median * 1000:6.1f} ms"
          f" (worst {worst * 1000:6.1f} ms)   baseline median"
          f" {sorted(raw)[len(raw) // 2] * 1000:6.1f} ms   goal <= 50 ms")  # fmt: skip


if __name__ == "__main__":
    main()
