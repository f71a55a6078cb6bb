"""Starting the app: ``run()``, the first-run dialog, and the database opened late.

The app starts from the database's path: the window is built and painted before
SQLAlchemy is imported or the file opened (a person sees the window at once, the
figures a moment later). :func:`desktop.shell.late_open.open_after_first_paint` does the
opening once the window has painted. On first run (no office chosen yet) the Settings
dialog asks who and where this laptop is first; it needs the database (the laptop's name, the demo
offer), so that database is handed to the window already open.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:  # SQLAlchemy loads after the window first paints
    from db.storage.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's catalogue context


PAINT_PROBE = "OFFICE_LEDGER_QUIT_AFTER_PAINT"  # bench/bench_frozen.py times start-up


def _paint_probe(app: QApplication) -> None:
    """Print the wall-clock time of the first paint and quit: how a benchmark times the
    start of any build (source or frozen) from outside the process."""
    print(f"first-paint {time.time():.6f}", flush=True)
    app.quit()


def register_bundled_fonts() -> list[str]:
    """Make the fonts the app ships (the installer's IPAex Gothic) available to Qt, so the
    window shows Japanese on a machine with no Japanese font; the families added. The
    system's fonts are left as they are (under 1 ms; nothing when nothing is shipped)."""
    from PySide6.QtGui import QFontDatabase

    from exports.pdf.font_dirs import bundle_dirs

    families: list[str] = []
    for folder in bundle_dirs():
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in {".ttf", ".ttc", ".otf"}:
                    font_id = QFontDatabase.addApplicationFont(str(path))
                    families += QFontDatabase.applicationFontFamilies(font_id)
    return list(dict.fromkeys(families))


def no_display() -> str | None:
    """Why no window can open here (Linux without a display and no Qt platform named),
    or None. Qt would abort the process with a long, misleading message instead."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set):"
        " run office-ledger in a desktop session, or use its commands (office-ledger"
        " --help)"
    )


def run(db_path: Path) -> int:
    """The app's event loop on ``db_path``; the exit code (130 after a Ctrl-C)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Office Ledger")
    app.setOrganizationName("CLAIR")
    from desktop.shell import sigint

    ctrl_c = sigint.install(app)  # Ctrl-C in the terminal: closes as Quit (#19)
    try:
        code = _run(app, db_path)
    finally:
        if ctrl_c is not None:
            ctrl_c.uninstall()
    return sigint.EXIT_INTERRUPTED if ctrl_c is not None and ctrl_c.interrupted else code


def _run(app: QApplication, db_path: Path) -> int:
    from desktop.kit import i18n, markers
    from desktop.kit.crash import install, setup_logging
    from desktop.shell.window import MainWindow, Shell
    from office_ledger import settings
    from office_ledger.paths import data_dir, log_dir

    register_bundled_fonts()
    install(setup_logging(log_dir()))
    from exports import sent_marks

    sent_marks.use(data_dir() / "sent")  # what was exported: beside the ledger (#19)
    values = settings.load()
    lang = values["language"]
    translators = i18n.install(app, lang, data_dir() / "i18n")
    opened: Database | None = None
    if not values["office"]:  # first run: who and where this laptop is
        from desktop.dialogs.settings import first_run

        opened = first_run(db_path, values)  # Cancel: quit, leaving no database behind
        if opened is None:
            return 0
        lang = settings.load()["language"]
        if lang != values["language"]:
            for t in translators:
                app.removeTranslator(t)  # type: ignore[arg-type]
            translators = i18n.install(app, lang, data_dir() / "i18n")
    shell = Shell(None)
    shell.translators = translators
    window = MainWindow(opened or db_path, lang, shell)  # a path: opened after first paint
    window.show()
    if markers.enabled():
        window.first_painted.connect(lambda: markers.mark("first-paint"))
    if os.environ.get(PAINT_PROBE):
        window.first_painted.connect(lambda: _paint_probe(app))
    try:
        return app.exec()
    finally:
        if shell.db is not None:
            shell.db.close()
