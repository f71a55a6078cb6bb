"""Desktop benchmark: cold start to first paint, and peak memory with 100,000 cases open.

Each figure comes from a fresh process (a cold start), timed from launch until the
main window's first paint: Office Ledger's window on a database of N support cases,
beside a bare QtWidgets window in the same run. Peak memory is the app process's
maximum resident size once the support-case list has loaded every case.
Goals: start ≤ 3× the bare window; memory ≤ 200 MiB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

APP = r"""
import os, resource, sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from db.database import open_database
from desktop.app import MainWindow
from desktop.tasks import Task
Task.synchronous = {sync}
window = MainWindow(open_database({db!r}))
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.after)
        return False
    def after(self):
        if window.cases.model.total == 0:  # the list loads after the first paint
            QTimer.singleShot(100, self.after)
            return
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print("rss_kib", rss, window.cases.model.total, flush=True)
        app.quit()
    def unused(self, obj, event):
        return False
painter = Painted()
window.installEventFilter(painter)
window.show()
app.exec()
"""

BARE = r"""
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False
painter = Painted()
window.installEventFilter(painter)
window.show()
app.exec()
"""


def timed(code: str, repeat: int = 5) -> tuple[float, str]:
    """Launch to the "painted" line (the rest of the process's life is not counted)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    best, out = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True, env=env)  # fmt: skip
        assert child.stdout is not None
        first = child.stdout.readline()
        elapsed = time.perf_counter() - start
        rest, _ = child.communicate(timeout=120)
        if not first.startswith("painted"):
            raise RuntimeError(f"the window did not paint: {first!r}")
        best, out = min(best, elapsed), first + rest
    return best, out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_foundation import make_cases

    from db.database import open_database
    from db.records import bulk_insert_cases

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.sqlite3"
        db = open_database(path)
        with db.session() as s:
            bulk_insert_cases(s, make_cases(n, range(2023, 2024)))
        db.close()
        app, out = timed(APP.format(root=str(ROOT), db=str(path), sync=False))
        bare, _ = timed(BARE)
    rss = next(line.split() for line in out.splitlines() if line.startswith("rss_kib"))
    print(
        f"cold start to first paint, {n:,} cases   project {app * 1000:6.0f} ms"
        f"   bare window {bare * 1000:6.0f} ms   ratio {app / bare:4.2f}x   goal <= 3x"
    )
    print(f"peak memory with {int(rss[2]):,} cases loaded in the list   {int(rss[1]) / 1024:6.0f}"
          " MiB   goal <= 200 MiB")  # fmt: skip


if __name__ == "__main__":
    main()
