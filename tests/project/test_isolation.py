"""Tests and scripts never write into the real home folder (issue #25, item 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

QT_SETTINGS = """
from PySide6.QtCore import QCoreApplication, QSettings
app = QCoreApplication([])
app.setOrganizationName("CLAIR")
app.setApplicationName("Office Ledger isolation probe")
s = QSettings()
s.setValue("main/geometry", b"x")
s.sync()
print(s.fileName())
"""


def _real_home() -> Path:
    """The account's own home, whatever HOME the test set (mypy checks both branches)."""
    if sys.platform == "win32":
        return Path(os.environ["USERPROFILE"])
    import pwd

    return Path(pwd.getpwuid(os.getuid()).pw_dir)


def test_a_process_a_test_starts_keeps_its_qt_settings_in_the_tests_folder(
    tmp_path: Path,
) -> None:
    """The real app started by a test (as test_gui and test_first_look do) writes the
    window's geometry with QSettings: it lands under the test's folder."""
    done = subprocess.run([sys.executable, "-c", QT_SETTINGS], capture_output=True, text=True,
                          env=dict(os.environ), timeout=60, check=True)  # fmt: skip
    written = Path(done.stdout.strip())
    assert written.is_file()
    assert written.is_relative_to(tmp_path.parent / f"{tmp_path.name}-home")  # the test's
    assert not (_real_home() / ".config" / "CLAIR" / written.name).exists()


def test_qt_settings_in_the_test_process_stay_in_the_tests_folder(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    # a QApplication, as pytest-qt's: a bare QCoreApplication made here would stay for
    # the rest of the run and break every later GUI test
    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("CLAIR")
    settings = QSettings()
    settings.setValue("probe", 1)
    settings.sync()
    assert Path(settings.fileName()).is_relative_to(tmp_path)


def test_the_screenshot_script_keeps_its_settings_in_its_temporary_folder(
    tmp_path: Path,
) -> None:
    probe = f"""
import sys
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from scripts.screenshots import isolate
isolate(Path({str(tmp_path)!r}))
{QT_SETTINGS}
"""
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CONFIG_HOME",)}
    env["HOME"] = str(tmp_path / "elsewhere")  # as if it were the real home
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, timeout=60, check=True)  # fmt: skip
    written = Path(done.stdout.strip())
    assert written.is_relative_to(tmp_path / "qt-settings")
    assert not (tmp_path / "elsewhere").exists()
