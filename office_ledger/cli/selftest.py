"""``office-ledger --self-test``: is this installation whole? One line per check.

Run on an office's laptop after installing (or by CI on a fresh build) it exercises,
headless and in a temporary folder that it deletes afterwards, every part that a
frozen build can lose by leaving a file behind: the migrations (a new database),
the demo year (``resources/``), the tallies (FY2023: 435 counted support cases), the
Excel exchange (an export imported into another fresh database gives equal tallies),
the PDF summary (with a Japanese TrueType font embedded, found in the bundle or the
system), the Japanese translations and the window (shown offscreen and painted).

Nothing outside the temporary folder is touched: ``OFFICE_LEDGER_HOME`` and Qt's
settings point into it while the checks run. Exit status 0 when every check passed,
1 otherwise (each failure says what failed).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

FY = 2023
# The FY2023 annual report's figures, which the demo year reproduces (tests/db/demo/test_demo.py)
EXPECTED = {
    "support cases": (435, 322, 68, 45),  # total, 都道府県・政令市, 市町村, その他
    "event booths": (50, 2, 21),  # events, hosted, countries
    "JETAA events": (39, 13),  # events, countries
    "newsletter issues": 35,
    "office seminars": (18, 3396),  # events, participants (海外事務所主催セミナー)
    "CLAIR Reports": 21,
    "seconded staff": (50, 42),  # people, bodies at the year's end
}


class CheckFailed(Exception):
    """A check's finding that is wrong (not a crash): its message says what."""


def _figures(tally: Any) -> dict[str, Any]:
    t = tally.total
    s, e, j = t.support_cases, t.event_booths, t.jetaa_events
    from db.schema.enums import SeminarKind

    online = t.year.seminars.of(SeminarKind.OFFICE_ONLINE)
    return {
        "support cases": (s.total, s.prefecture_or_designated_city, s.municipality, s.other),
        "event booths": (e.events, e.hosted, len(e.countries)),
        "JETAA events": (j.events, len(j.countries)),
        "newsletter issues": t.newsletter_issues,
        "office seminars": (online.events, online.participants),
        "CLAIR Reports": t.year.clair_reports,
        "seconded staff": (t.year.seconded_people, len(t.year.seconded_bodies)),
    }


class _Run:
    """The checks, in order; each later one may use what an earlier one made."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.db_path = work / "demo.sqlite3"
        self.demo_tally: Any = None
        self.pdf: Path | None = None

    def database(self) -> str:
        from db.storage.database import open_database, table_counts
        from db.storage.migrations import HEAD

        db = open_database(self.db_path)
        try:
            counts = table_counts(db)
            with db.engine.connect() as conn:
                version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        finally:
            db.close()
        if version != HEAD:
            raise CheckFailed(f"migrated to {version}, expected {HEAD}")
        return f"new database migrated to {version} ({len(counts)} record tables)"

    def demo(self) -> str:
        from db.demo.year import load_demo
        from db.storage.database import open_database

        db = open_database(self.db_path, must_exist=True)
        try:
            counts = load_demo(db)
        finally:
            db.close()
        return "demo year loaded: " + ", ".join(f"{n} {t}" for t, n in counts.items())

    def tallies(self) -> str:
        from db.storage.database import open_database
        from db.tally.tallies import tally_fy

        db = open_database(self.db_path, must_exist=True)
        try:
            with db.session() as session:
                self.demo_tally = tally_fy(session, FY)
        finally:
            db.close()
        got = _figures(self.demo_tally)
        wrong = [f"{k} {got[k]} (expected {v})" for k, v in EXPECTED.items() if got[k] != v]
        if wrong:
            raise CheckFailed("FY2023 tallies differ: " + "; ".join(wrong))
        s = got["support cases"]
        return f"FY{FY} tallies: {s[0]} counted support cases ({s[1]}/{s[2]}/{s[3]}), " + (
            f"{got['event booths'][0]} event booths, {got['JETAA events'][0]} JETAA events, "
            f"{got['newsletter issues']} newsletter issues, {got['office seminars'][0]} office"
            f" seminars, {got['CLAIR Reports']} CLAIR Reports, {got['seconded staff'][0]}"
            " seconded staff"
        )

    def exchange(self) -> str:
        from db.schema.fiscal import fy_period
        from db.storage.database import open_database
        from db.tally.tallies import tally_fy
        from exports.xlsx.consolidate import consolidate
        from exports.xlsx.exchange import import_file

        book = self.work / "all-offices.xlsx"
        db = open_database(self.db_path, must_exist=True)
        try:
            consolidate(db, book, fy_period(FY), "ja")
        finally:
            db.close()
        fresh = open_database(self.work / "fresh.sqlite3")
        try:
            report = import_file(fresh, book)
            with fresh.session() as session:
                again = tally_fy(session, FY)
        finally:
            fresh.close()
        if not report.applied:
            raise CheckFailed(f"the workbook {book.name} was not imported")
        if again.offices != self.demo_tally.offices or again.total != self.demo_tally.total:
            raise CheckFailed(
                f"re-imported tallies differ: {_figures(again)} != {_figures(self.demo_tally)}"
            )
        new = sum(c.get("new", 0) for c in report.counts.values())
        return (
            f"workbook written ({book.stat().st_size // 1024} KiB) and re-imported into a "
            f"fresh database ({new} records): equal tallies"
        )

    def pdf_summary(self) -> str:
        from db.schema.fiscal import fy_period
        from db.storage.database import open_database
        from exports.pdf.fonts import japanese_font
        from exports.pdf.report import write_summary

        self.pdf = self.work / "summary.pdf"
        db = open_database(self.db_path, must_exist=True)
        try:
            write_summary(db, self.pdf, fy_period(FY), None, "ja")
        finally:
            db.close()
        data = self.pdf.read_bytes()
        embedded = data.count(b"/FontFile2")
        if not data.startswith(b"%PDF") or embedded == 0:
            raise CheckFailed(f"{self.pdf.name} embeds no TrueType font (no /FontFile2)")
        subsets = re.findall(rb"/BaseFont\s*/([A-Z]{6}\+[^\s/<>\[\]]+)", data)
        names = sorted({m.decode("ascii", "replace") for m in subsets})
        font = japanese_font()
        return (
            f"PDF summary written ({len(data) // 1024} KiB), Japanese font embedded "
            f"({embedded} subset{'s' if embedded > 1 else ''} "
            f"{', '.join(names[:2]) or '?'}) from {font.path}"
        )

    def window(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QCoreApplication, QSettings
        from PySide6.QtWidgets import QApplication

        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(self.work / "qt-settings"))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        app.setApplicationName("Office Ledger")
        app.setOrganizationName("CLAIR")
        from desktop.kit import i18n
        from desktop.shell.late_open import open_after_first_paint
        from desktop.shell.startup import register_bundled_fonts
        from desktop.shell.window import MainWindow

        families = register_bundled_fonts()

        translators = i18n.install(app, "ja", self.work / "i18n")
        translated = QCoreApplication.translate("MainWindow", "&Edit")
        window = MainWindow(self.db_path, "ja")
        open_after_first_paint(window)
        window.resize(1100, 700)
        window.show()
        deadline = time.monotonic() + 30
        total, expected = "", str(EXPECTED["support cases"][0])  # type: ignore[index]
        while time.monotonic() < deadline:  # the table may show other text before the tallies
            app.processEvents()
            item = window.table.item(8, 0)
            total = item.text() if item is not None else ""
            if total == expected and window.db is not None:
                break
            time.sleep(0.01)
        for _ in range(20):
            app.processEvents()
        image = window.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}  # fmt: skip
        size = f"{image.width()}x{image.height()}"
        window.close()
        from desktop.kit.tasks import Task

        Task.pool().waitForDone(30_000)  # the lists' and charts' readers
        app.processEvents()
        opened = window.shell.db or window.db
        if opened is not None:
            opened.close()
        window.deleteLater()
        app.processEvents()
        QSettings().sync()
        for t in translators:
            app.removeTranslator(t)  # type: ignore[arg-type]
        if total != expected:
            raise CheckFailed(f"the window's total row shows {total!r}, not {expected} (30 s)")
        if image.isNull() or len(colours) < 3:
            raise CheckFailed(f"the window painted blank ({size}, {len(colours)} colours)")
        if translated == "&Edit":
            raise CheckFailed("the Japanese translations did not load")
        platform = QApplication.platformName()
        shipped = f", shipped font {', '.join(families)}" if families else ""
        return (
            f"window painted ({platform}, {size}, {len(colours)} colours{shipped}), "
            f"Japanese translations loaded, total row {total}"
        )


def run(out: Callable[[str], None] = print) -> int:
    """Run every check in a temporary folder; 0 if all passed, else 1."""
    started = time.monotonic()
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    from db.schema.appinfo import __version__

    out(f"office-ledger {__version__} self-test ({frozen}, Python {sys.version.split()[0]})")
    saved = {k: os.environ.get(k) for k in ("OFFICE_LEDGER_HOME", "OFFICE_LEDGER_DB")}
    failed: list[str] = []
    with tempfile.TemporaryDirectory(
        prefix="office-ledger-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        work = Path(tmp)
        os.environ["OFFICE_LEDGER_HOME"] = str(work / "home")
        os.environ.pop("OFFICE_LEDGER_DB", None)
        checks = _Run(work)
        steps: list[tuple[str, Callable[[], str]]] = [
            ("database", checks.database),
            ("demo", checks.demo),
            ("tallies", checks.tallies),
            ("workbook", checks.exchange),
            ("pdf", checks.pdf_summary),
            ("window", checks.window),
        ]
        needs_demo = {"tallies", "workbook", "pdf", "window"}
        for name, step in steps:
            if name in needs_demo and {"database", "demo"} & set(failed):
                out(f"SKIP {name}: needs the demo database")
                failed.append(name)
                continue
            try:
                out(f"ok   {name}: {step()}")
            except CheckFailed as exc:
                out(f"FAIL {name}: {exc}")
                failed.append(name)
            except Exception as exc:  # a missing module or file: say which, keep going
                out(f"FAIL {name}: {type(exc).__name__}: {exc}")
                detail = traceback.format_exc().rstrip().splitlines()
                out("     " + "\n     ".join(detail[-6:]))
                failed.append(name)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    took = time.monotonic() - started
    if failed:
        out(f"self-test FAILED: {', '.join(failed)} ({took:.1f} s)")
        return 1
    out(f"self-test passed: {len(steps)} checks ({took:.1f} s)")
    return 0
