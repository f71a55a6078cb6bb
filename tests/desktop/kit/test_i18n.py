"""Every UI string has a Japanese translation, and the app switches language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QWidget

from desktop.forms.declared import DeclaredForm
from desktop.kit import i18n
from tests.support.widgets import remove_translators

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui


def test_every_ui_string_is_translated_into_japanese() -> None:
    catalogue = i18n.read_catalogue(i18n.CATALOGUES / "office_ledger_ja.ts")
    missing = sorted(i18n.strings() - set(catalogue))
    assert missing == [], f"untranslated: {missing} (run scripts/update_translations.py)"
    for (context, source), text in catalogue.items():
        for field in (
            "{n}",
            "{path}",
            "{name}",
            "{shown}",
            "{total}",
            "{reason}",
            "{error}",
            "{fy}",
            "{this}",
            "{last}",
        ):
            assert (field in source) == (field in text), (context, source)


def test_the_catalogue_compiles_and_loads(qapp: QApplication, tmp_path: Path) -> None:
    translators = i18n.install(qapp, "ja", tmp_path)
    try:
        assert (tmp_path / "office_ledger_ja.qm").exists() and len(translators) == 2
        assert QCoreApplication.translate("MainWindow", "Sync") == "送受信"
        assert QCoreApplication.translate("Pages", "{shown} of {total} cases") == (
            "{total} 件中 {shown} 件")  # fmt: skip
    finally:
        remove_translators(qapp, translators)
    assert QCoreApplication.translate("MainWindow", "Sync") == "Sync"


def test_the_window_in_japanese_and_in_english(
    qapp: QApplication, qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    from desktop.shell.app import MainWindow

    translators = i18n.install(qapp, "ja", tmp_path)
    try:
        ja = MainWindow(demo_db, "ja")
        qtbot.addWidget(ja)
        assert [ja.pages.tabText(i) for i in range(ja.pages.count())] == [
            "集計",
            "海外活動支援",
            "イベント出展",
            "ニューズレター発行",
            "JETAA事業",
            "セミナー",
            "刊行物",
            "メディアPR",
            "料理体験イベント",
            "海外依頼調査",
            "派遣自治体職員",
            "送受信",
            "競合",
        ]
        events = ja.events.model
        assert events.headerData(2, Qt.Orientation.Horizontal) == "イベント名"
        assert ja.events.month.itemText(1) == "4月"
        assert ja.menuBar().actions()[0].text() == "ファイル(&F)"
        new_york = ja.table.verticalHeaderItem(0)
        assert new_york is not None and new_york.text() == "ニューヨーク"
        cases = ja.table.horizontalHeaderItem(0)
        assert cases is not None and cases.text() == "支援件数"
    finally:
        remove_translators(qapp, translators)
    en = MainWindow(demo_db, "en")
    qtbot.addWidget(en)
    assert en.pages.tabText(0) == "Tallies" and en.table.verticalHeaderItem(0).text() == "New York"
    assert en.year_label.text() == "FY2023" and ja.year_label.text() == "令和5年度"


def test_switching_language_keeps_the_year_page_and_undo_history(
    qapp: QApplication, qtbot: QtBot, demo_db: Database
) -> None:
    from PySide6.QtCore import QDate

    from db.tally.tallies import tally_fy
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db, "en")
    qtbot.addWidget(window)
    window.show()
    window.load_lists()
    window.pages.setCurrentWidget(window.jetaa)

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm) and form.kind == window.jetaa.kind
        form.office.setCurrentIndex(form.office.findData("SEL"))
        form.editor("name").setText("JETAA 韓国 総会")
        sessions = form.editor("sessions")
        sessions.widget(0, 0).setDate(QDate(2023, 12, 2))
        sessions.widget(0, 1).setDate(QDate(2023, 12, 2))
        box = sessions.widget(0, 3)
        box.setCurrentIndex(box.findData("KR"))
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    def jetaa() -> int:
        with demo_db.session() as s:
            return tally_fy(s, 2023).offices["SEL"].jetaa_events.events

    before = jetaa()
    window.jetaa.run_form = fill
    window.jetaa.new_record()
    assert jetaa() == before + 1
    try:
        follower = window.live
        ja = window.switch_language("ja")
        qtbot.addWidget(ja)
        # the old window follows others' writes no more (a listening connection each
        # switch on a server): only the new one does
        assert follower is not None and not follower.poll.isActive() and window.live is None
        assert ja.live is not None and ja.live is not follower
        assert ja.pages.currentWidget() is ja.jetaa and ja.year.value() == 2023
        assert ja.pages.tabText(0) == "集計" and ja.menuBar().actions()[0].text() == "ファイル(&F)"
        assert ja.undo.canUndo()
        ja.undo.undo()  # made in English, undone in Japanese
        assert jetaa() == before
        assert all(r.name != "JETAA 韓国 総会" for r in ja.jetaa.model.visible_rows())
        en = ja.switch_language("en")
        qtbot.addWidget(en)
        assert en.pages.tabText(0) == "Tallies"
        en.undo.redo()
        assert jetaa() == before + 1
    finally:
        remove_translators(qapp, window.shell.translators)


def _chrome_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text a person reads on the window's chrome: labels, buttons, tabs, menus,
    headers, placeholders and the items of choice lists (records' own data excluded)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QLabel,
        QLineEdit,
        QMenu,
        QTableView,
        QTabWidget,
        QWidget,
    )

    found: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        name = type(w).__name__
        if isinstance(w, QLabel | QAbstractButton):
            found.append((name, w.text()))
        if isinstance(w, QLineEdit):
            found.append((name, w.placeholderText()))
        if isinstance(w, QTabWidget):
            found += [(name, w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QComboBox) and not w.isEditable():
            found += [(name, w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QMenu):
            found += [(name, a.text()) for a in w.actions()]
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            found += [(name, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(model.columnCount(QModelIndex()))]  # fmt: skip
    return found


# Words that are the same in the Japanese UI: names, codes, abbreviations.
SAME_IN_JAPANESE = {"JETAA", "UUID", "PDF", "SMTP", "STARTTLS", "TLS", "SSL", "CLAIR", "OK",
                    "Email", "English", "Office", "Ledger", "Ctrl", "Shift", "Enter", "Del",
                    "JET", "UTC", "PR", "NYC", "LON", "PAR", "SIN", "SEL", "SYD", "BEJ", "HQ", "en",
                    "ja"}  # fmt: skip


def test_no_english_left_in_the_japanese_window(
    qapp: QApplication, qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    """A pseudo-locale check: hard-coded English that never went through tr() shows up."""
    import re

    from desktop.shell.app import MainWindow

    translators = i18n.install(qapp, "ja", tmp_path)
    try:
        window = MainWindow(demo_db, "ja")
        qtbot.addWidget(window)
        from db.schema.fiscal import fy_period
        from db.schema.kinds import YEAR_KINDS
        from desktop.forms.declared import DeclaredForm

        fy = fy_period(2023)
        widgets = [window, *(DeclaredForm(k, demo_db, fy, None, "ja")
                             for k in ("event_booth", "jetaa_event", "newsletter_issue",
                                       *YEAR_KINDS))]  # fmt: skip
        window.load_lists()  # the lists' headers and counts too
        for form in widgets[1:]:  # a filled form: its rows' editors (a seminar's sessions)
            assert isinstance(form, DeclaredForm)
            for rows in form.rows.values():
                rows.add()
        english = []
        for w in widgets:
            for kind, text in _chrome_texts(w):
                words = set(re.findall(r"[A-Za-z]{2,}", text.replace("&", "")))
                if words - SAME_IN_JAPANESE:
                    english.append((type(w).__name__, kind, text))
        assert english == [], english
    finally:
        remove_translators(qapp, translators)


def test_a_shipped_catalogue_is_used_as_it_is_and_a_stale_one_is_not(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installers compile the .qm at build time and ship it without the .ts (no lrelease
    in a frozen app); from source, a .qm older than an edited .ts is compiled again."""
    import os
    import shutil
    import subprocess
    import sys

    from PySide6.QtCore import QTranslator

    source = i18n.CATALOGUES / "office_ledger_ja.ts"
    built = tmp_path / "build"
    subprocess.run([sys.executable, "scripts/build_translations.py", str(built)],
                   check=True, cwd=i18n.CATALOGUES.parents[1], capture_output=True)  # fmt: skip
    bundle = tmp_path / "bundle"  # as the frozen app's resources/i18n: only the .qm
    bundle.mkdir()
    shutil.copy(built / "office_ledger_ja.qm", bundle)
    monkeypatch.setattr(i18n, "CATALOGUES", bundle)
    cache = tmp_path / "cache"
    assert i18n.compiled("ja", cache) == bundle / "office_ledger_ja.qm"
    translators = i18n.install(qapp, "ja", cache)
    try:
        assert QCoreApplication.translate("MainWindow", "Sync") == "送受信"
        ours = [t for t in translators if isinstance(t, QTranslator) and t.filePath()]
        assert any(t.filePath() == str(bundle / "office_ledger_ja.qm") for t in ours)
    finally:
        remove_translators(qapp, translators)
    assert not cache.exists()  # nothing compiled at run time

    shutil.copy(source, bundle)  # a checkout whose .ts was edited after the build
    old = (bundle / "office_ledger_ja.ts").stat().st_mtime - 60
    os.utime(bundle / "office_ledger_ja.qm", (old, old))
    assert i18n.compiled("ja", cache) == cache / "office_ledger_ja.qm"
    assert i18n.compiled("en", cache) is None
