"""Start-up benchmark: the real ``office-ledger --db DB`` on 100,000 cases (one fiscal
year) and on 1,000,000 (ten years, 100,000 a year: a headquarters ledger after a
decade), from launch to what a person sees, beside a bare QtWidgets window.

Each pair launches the real entry point (the installed ``office-ledger`` script, as a
person starts it) and a bare ``QMainWindow`` script, in turn (A B A B …, see
bench/pairs.py). The app prints its markers itself (``OFFICE_LEDGER_MARKERS=quit``, see
desktop/kit/markers.py), so every marker of a pair comes from the same run:

* first paint — the window on screen; goal ≤ 3× the bare window's first paint;
* tallies — the tallies table painted with the year's figures; goal ≤ 4× the bare
  window's first paint;
* rows — the first rows of the support-case list ready to draw; goal ≤ 1.0 s;
* charts, listed — the charts painted; every case in the list;
* peak memory — the app's own high-water mark (VmHWM) once everything is loaded;
  goal ≤ 200 MiB.

Times run from just before the process is launched to the marker's wall-clock time.
The ledgers are built by bench/big_ledger.py (kept in ``--keep DIR`` if given, so a
second run reuses them); each size runs its own interleaved pairs.

    .venv/bin/python bench/bench_startup.py --pairs 6 --keep /tmp/ledgers
    .venv/bin/python bench/bench_startup.py 100000 --pairs 8     # one size
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
    return (
        [str(script)] if script.exists() else [sys.executable, "-m", "office_ledger.cli.commands"]
    )


def launch(command: list[str], env: dict[str, str], until: tuple[str, ...] = ()
           ) -> dict[str, float]:  # fmt: skip
    """Launch ``command``; each marker line's time after launch (rss_kib as printed);
    with ``until``, the process is killed once those markers are seen."""
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
        if until and all(m in found for m in until):
            child.kill()
            break
    child.wait(timeout=180)
    if "first-paint" not in found:
        raise RuntimeError(f"{command[0]} did not paint (exit {child.returncode})")
    return found


def ledger(folder: Path, cases: int) -> Path:
    """A ledger of ``cases`` support cases, 100,000 a fiscal year up to FY2023."""
    from big_ledger import build

    path = folder / f"ledger-{cases}.sqlite3"
    if not path.exists():
        years = max(1, cases // 100_000)
        build(path, cases, range(2024 - years, 2024))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--pairs", type=int, default=8)
    parser.add_argument("--keep", type=Path, help="build the ledgers here, or reuse them")
    parser.add_argument("--first", action="store_true",
                        help="stop each run at the tallies and first rows (no charts, whole"
                             " list nor memory: minutes shorter on 1M cases)")  # fmt: skip
    args = parser.parse_args()
    for cases in args.cases:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.keep or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            run(ledger(folder, cases), cases, args.pairs, Path(tmp), args.first)


def run(path: Path, cases: int, pairs: int, tmp: Path, first_only: bool = False) -> None:
    """``pairs`` interleaved launches of the app on ``path`` and of the bare window."""
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    (home / "settings.json").write_text('{"office": "NYC", "language": "ja"}', "utf-8")
    # As on a person's machine, modules load from cached bytecode (a shell with
    # PYTHONDONTWRITEBYTECODE would time compiling them); one uncounted run each
    # writes the caches.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", OFFICE_LEDGER_HOME=str(home),
               OFFICE_LEDGER_MARKERS="quit")  # fmt: skip
    app = [*entry_point(), "--db", str(path)]
    bare = [sys.executable, "-c", BARE]
    until = ("first-paint", "tallies", "rows") if first_only else ()
    launch(app, env, until)
    launch(bare, env)
    ours: list[dict[str, float]] = []
    theirs: list[dict[str, float]] = []
    for n in range(pairs):
        for first in (True, False) if n % 2 == 0 else (False, True):
            (ours if first else theirs).append(launch(app if first else bare, env, until))
    base = [t["first-paint"] for t in theirs]
    print(
        f"python {sys.version.split()[0]}; {cases:,} cases; real entry point"
        f" {' '.join(Path(a).name for a in app[:1])} --db DB; load {os.getloadavg()[0]:.1f}"
    )
    line("first paint vs bare window's", [t["first-paint"] for t in ours], base, "<= 3x")
    line("tallies on screen vs bare first paint", [t["tallies"] for t in ours], base, "<= 4x")
    line(
        "first list rows vs bare first paint", [t["rows"] for t in ours], base, "rows <= 1000 ms"
    )  # the goal is absolute; the ratio shows it apart from load
    for marker, goal in (("rows", "<= 1000 ms"), ("charts", "-"), ("listed", "-")):
        if first_only and marker != "rows":
            continue
        values = [t[marker] * 1000 for t in ours]
        print(
            f"  {marker:<8} median {statistics.median(values):7.0f} ms"
            f"  (spread {min(values):.0f}-{max(values):.0f} ms)   goal {goal}"
        )
    if first_only:
        return
    peaks = [t["rss_kib"] / 1024 for t in ours]
    print(
        f"  peak memory, {cases:,} cases and charts drawn: median"
        f" {statistics.median(peaks):.0f} MiB ({min(peaks):.0f}-{max(peaks):.0f})   goal <= 200 MiB"
    )


if __name__ == "__main__":
    main()
