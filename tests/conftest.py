"""Shared fixtures: a fresh database file per test, and the FY2023 demo year.

``QT_QPA_PLATFORM=offscreen`` is set here, before any QApplication exists: pytest-qt
does not set it, and without a display Qt would abort.

Hypothesis profiles: ``dev`` (the default, 25 examples per property, so a developer's
run stays quick) and ``ci`` (200 examples), chosen when ``CI=true``;
``HYPOTHESIS_PROFILE=dev|ci`` overrides either. Tests set only what they need
(``deadline=None``, health checks), never the number of examples.

Tests marked ``slow`` (long property tests, trials that kill or starve processes,
end-to-end command-line runs, LibreOffice and PDF renders) are left out of a plain
``pytest`` (``addopts`` in pyproject.toml); ``pytest -m ""`` runs everything, as CI does.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Time limits are the machine's, not the code's: on a shared 2-core machine Hypothesis
# called date generation "too slow" and a database write past its deadline (flaky
# failures of correct code). Speed is measured in bench/, not here.
_LOAD_BLIND = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", _LOAD_BLIND, max_examples=25)
settings.register_profile("ci", _LOAD_BLIND, max_examples=200)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or (
    "ci" if os.environ.get("CI", "").lower() == "true" else "dev"
)
settings.load_profile(HYPOTHESIS_PROFILE)

# Before anything reads them: Qt and platformdirs look at these once per process, and a
# test's own folder replaces them per test (_isolated_home). Nothing a test does may
# write into the real home folder (~/.config/CLAIR/*.conf was written by the GUI tests).
_SESSION_HOME = tempfile.mkdtemp(prefix="office-ledger-tests-")
for _name, _sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                    ("XDG_DATA_HOME", ".local/share")):  # fmt: skip
    os.environ[_name] = os.path.join(_SESSION_HOME, _sub)

pytest_plugins = ["tests.support.smtpserver", "tests.support.pg"]

from db.storage.database import Database, open_database  # noqa: E402


def pytest_report_header() -> str:
    """Say in the log how hard the property tests tried."""
    return f"hypothesis profile: {HYPOTHESIS_PROFILE} (max_examples={settings().max_examples})"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Never touch the real user data folder, nor Qt's settings (window and column
    sizes) of the person running the tests or of another test."""
    monkeypatch.setenv("OFFICE_LEDGER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("OFFICE_LEDGER_DB", raising=False)
    # a process a test starts (the real office-ledger, a script) keeps its Qt settings,
    # caches and anything written under "~" in the test's folder too
    home = tmp_path.parent / f"{tmp_path.name}-home"  # beside it: tests list tmp_path
    for name, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                      ("XDG_DATA_HOME", ".local/share")):  # fmt: skip
        monkeypatch.setenv(name, str(home / sub))
    home.mkdir(exist_ok=True)
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qt-settings"))
    from exports import sent_marks

    sent_marks.use(tmp_path / "home" / "sent")  # as the app and the command line do
    yield
    sent_marks.use(None)  # a command run in this process named it: leave nothing behind


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database in its own file."""
    database = open_database(tmp_path / "ledger.sqlite3")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo year loaded once per run; tests get copies of this file."""
    from db.demo.year import load_demo

    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    database = open_database(path)
    load_demo(database)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database file, opened once where it lies (so it has
    taken its own ledger and device ids, as a copy does at its first open)."""
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    open_database(path).close()
    return path


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    database = open_database(demo_path)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _background_work_runs_in_place(request: pytest.FixtureRequest) -> Iterator[None]:
    """GUI tests run the background helper synchronously (Picard's FakeThreadPool idea)."""
    if request.node.get_closest_marker("gui") is None:
        yield
        return
    from desktop.kit.tasks import Task

    Task.synchronous = True
    yield
    Task.synchronous = False


@pytest.fixture(autouse=True)
def _closing_an_edited_form_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that leaves a form edited: pytest-qt closes it at teardown, and the form's
    "Discard changes?" question (issue #25) would wait there for a click forever. The
    tests of that question set ``form.ask_discard`` themselves
    (tests/desktop/forms/test_keyboard.py)."""
    from desktop.forms.base import DeclaredRows

    monkeypatch.setattr(DeclaredRows, "ask_discard", lambda _self: True)
