"""``office-ledger --self-test``: what an office runs after installing, and CI on a build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_self_test_from_source_passes_every_check_and_leaves_no_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OFFICE_LEDGER_HOME": str(home),
           "TMPDIR": str(tmp_path / "tmp")}  # fmt: skip
    (tmp_path / "tmp").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "office_ledger.cli.commands", "--self-test"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("office-ledger ") and "from source" in lines[0]
    checks = {line.split(":")[0].split()[1]: line for line in lines[1:-1]}
    assert list(checks) == ["database", "demo", "tallies", "workbook", "pdf", "window"]
    assert all(line.startswith("ok   ") for line in checks.values()), done.stdout
    assert "435 counted support cases" in checks["tallies"]
    assert "equal tallies" in checks["workbook"]
    assert "Japanese font embedded" in checks["pdf"]
    assert "Japanese translations loaded" in checks["window"]
    assert lines[-1].startswith("self-test passed: 6 checks")
    left = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "tmp").rglob("*"))
    assert left == [], done.stdout + done.stderr  # its temporary folder is gone
    assert not home.exists(), done.stdout + done.stderr  # nor did it write to the user's


def test_a_failed_check_is_named_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    from office_ledger.cli import selftest

    def no_demo(self: object) -> str:
        raise selftest.CheckFailed("resources/fy2023 is missing")

    monkeypatch.setattr(selftest._Run, "demo", no_demo)
    lines: list[str] = []
    assert selftest.run(lines.append) == 1
    assert "FAIL demo: resources/fy2023 is missing" in lines
    assert "SKIP pdf: needs the demo database" in lines
    assert lines[-1].startswith("self-test FAILED: demo, tallies, workbook, pdf, window")


def test_a_crash_in_a_check_says_what_and_keeps_going(monkeypatch: pytest.MonkeyPatch) -> None:
    from office_ledger.cli import selftest

    def lost_module(self: object) -> str:
        raise ModuleNotFoundError("No module named 'alembic.ddl.sqlite'")

    monkeypatch.setattr(selftest._Run, "database", lost_module)
    monkeypatch.setattr(selftest._Run, "demo", lambda self: "skipped in this test")
    lines: list[str] = []
    assert selftest.run(lines.append) == 1
    assert lines[1] == "FAIL database: ModuleNotFoundError: No module named 'alembic.ddl.sqlite'"
    assert "ok   demo: skipped in this test" in lines  # after the traceback's last lines


@pytest.mark.slow
def test_the_paint_probe_reports_the_first_paint_and_quits(demo_path: Path, tmp_path: Path) -> None:
    """bench/bench_frozen.py times any build's start this way, from outside the process."""
    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OFFICE_LEDGER_HOME": str(home),
           "OFFICE_LEDGER_QUIT_AFTER_PAINT": "1"}  # fmt: skip
    cli = [sys.executable, "-m", "office_ledger.cli.commands", "--db", str(demo_path)]
    subprocess.run([*cli, "settings", "office", "NYC"], env=env, check=True, capture_output=True)
    done = subprocess.run(cli, env=env, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("first-paint ")]
    assert float(line.split()[1]) > 0


def test_the_shipped_font_is_given_to_qt(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a machine with no Japanese font the window shows Japanese with the one the
    installer ships (the build checks this with fontconfig seeing no fonts)."""
    import shutil

    from desktop.shell import startup
    from exports.pdf import font_dirs, fonts

    shipped = tmp_path / "fonts"
    shipped.mkdir()
    shutil.copy(fonts.candidates()[0], shipped / "ipaexg.ttf")
    (shipped / "LICENSE.txt").write_text("licence", encoding="utf-8")
    monkeypatch.setattr(font_dirs, "bundle_dirs", lambda: [shipped, tmp_path / "missing"])
    assert startup.register_bundled_fonts() == ["IPAexGothic"]
