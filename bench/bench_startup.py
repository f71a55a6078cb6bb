"""Start-up benchmark: the real ``office-ledger --db DB`` on 100,000 cases, from launch
to what a person sees, beside a bare QtWidgets window.

Each pair launches the real entry point (the installed ``office-ledger`` script, as a
person starts it) and a bare ``QMainWindow`` script, in turn (A B A B …, see
bench/pairs.py). The app prints its markers itself (``OFFICE_LEDGER_MARKERS=quit``, see
desktop/markers.py), so every marker of a pair comes from the same run:

* first paint — the window on screen; goal ≤ 3× the bare window's first paint;
* tallies — the tallies table painted with the year's figures; goal ≤ 4× the bare
  window's first paint;
* rows — the first rows of the support-case list ready to draw; goal ≤ 1.0 s;
* charts, listed — the charts painted; every case in the list;
* peak memory — the app's own high-water mark (VmHWM) once everything is loaded;
  goal ≤ 200 MiB.

Times run from just before the process is launched to the marker's wall-clock time.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs import line  # noqa: E402

BARE = r"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
painter = Painted()
window.installEventFilter(painter)
window.show()
app.exec()
"""


def entry_point() -> list[str]:
    """The installed ``office-ledger`` script beside this Python, as a person runs it."""
    script = Path(sys.executable).with_name("office-ledger")
    return [str(script)] if script.exists() else [sys.executable, "-m", "office_ledger.cli"]


def launch(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Launch ``command``; each marker line's time after launch (rss_kib as printed)."""
    start = time.time()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env=env)  # fmt: skip
    assert child.stdout is not None
    found: dict[str, float] = {}
    for text in child.stdout:
        parts = text.split()
        if len(parts) == 2 and parts[0] == "rss_kib":
            found["rss_kib"] = float(parts[1])
        elif len(parts) == 2:
            try:
                found[parts[0]] = float(parts[1]) - start
            except ValueError:
                pass
    child.wait(timeout=180)
    if "first-paint" not in found:
        raise RuntimeError(f"{command[0]} did not paint (exit {child.returncode})")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int, nargs="?", default=100_000)
    parser.add_argument("--pairs", type=int, default=8)
    args = parser.parse_args()
    from bench_foundation import make_cases

    from db.database import open_database
    from db.records import bulk_insert_cases

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.sqlite3"
        db = open_database(path)
        with db.session() as s:
            bulk_insert_cases(s, make_cases(args.cases, range(2023, 2024)))
        db.close()
        home = Path(tmp) / "home"
        home.mkdir()
        (home / "settings.json").write_text('{"office": "NYC", "language": "ja"}', "utf-8")
        # As on a person's machine, modules load from cached bytecode (a shell with
        # PYTHONDONTWRITEBYTECODE would time compiling them); one uncounted run each
        # writes the caches.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(QT_QPA_PLATFORM="offscreen", OFFICE_LEDGER_HOME=str(home),
                   OFFICE_LEDGER_MARKERS="quit")  # fmt: skip
        app = [*entry_point(), "--db", str(path)]
        bare = [sys.executable, "-c", BARE]
        launch(app, env)
        launch(bare, env)
        ours: list[dict[str, float]] = []
        theirs: list[dict[str, float]] = []
        for n in range(args.pairs):
            for first in (True, False) if n % 2 == 0 else (False, True):
                (ours if first else theirs).append(launch(app if first else bare, env))
    base = [t["first-paint"] for t in theirs]
    print(
        f"python {sys.version.split()[0]}; {args.cases:,} cases; real entry point"
        f" {' '.join(Path(a).name for a in app[:1])} --db DB; load {os.getloadavg()[0]:.1f}"
    )
    line("first paint vs bare window's", [t["first-paint"] for t in ours], base, "<= 3x")
    line("tallies on screen vs bare first paint", [t["tallies"] for t in ours], base, "<= 4x")
    line(
        "first list rows vs bare first paint", [t["rows"] for t in ours], base, "rows <= 1000 ms"
    )  # the goal is absolute; the ratio shows it apart from load
    for marker, goal in (("rows", "<= 1000 ms"), ("charts", "-"), ("listed", "-")):
        values = [t[marker] * 1000 for t in ours]
        print(
            f"  {marker:<8} median {statistics.median(values):7.0f} ms"
            f"  (spread {min(values):.0f}-{max(values):.0f} ms)   goal {goal}"
        )
    peaks = [t["rss_kib"] / 1024 for t in ours]
    print(
        f"  peak memory, {args.cases:,} cases listed and charts drawn: median"
        f" {statistics.median(peaks):.0f} MiB ({min(peaks):.0f}-{max(peaks):.0f})   goal <= 200 MiB"
    )


if __name__ == "__main__":
    main()
