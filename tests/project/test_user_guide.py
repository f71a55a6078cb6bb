"""Help → User guide (issue #25, item 6): the README's user section, in both languages,
shipped with the app (package data and the installer's spec)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]


def _readme_section() -> str:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("## The app") + 1
    end = next(n for n in range(start, len(lines)) if lines[n].startswith("`scripts/screenshots"))
    return "\n".join(lines[start:end]).strip()


def test_the_english_guide_is_the_readmes_user_section() -> None:
    from desktop.dialogs.user_guide import guide_text

    body = guide_text("en").split("\n", 1)[1].strip()  # under its title
    assert body == _readme_section(), "regenerate resources/guide/user-guide.en.md from README"


def test_the_japanese_guide_covers_every_part_of_the_english_one() -> None:
    from desktop.dialogs.user_guide import guide_text

    bullets = [line for line in guide_text("en").splitlines() if line.startswith("- ")]
    japanese = [line for line in guide_text("ja").splitlines() if line.startswith("- ")]
    assert len(japanese) == len(bullets) and "利用の手引き" in guide_text("ja")


def test_the_guide_ships_in_the_wheel_and_the_installer() -> None:
    assert '"guide/*.md"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources" / "guide"' in (ROOT / "build_installer.spec").read_text(encoding="utf-8")


@pytest.mark.gui
def test_the_help_action_opens_the_guide_in_the_windows_language(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QMenu, QWidget

    from desktop.dialogs.user_guide import add_action

    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    action = add_action(menu, "ja", parent)
    action.trigger()
    shown = parent.guide  # type: ignore[attr-defined]
    qtbot.addWidget(shown)
    assert shown.isVisible() and "海外活動支援" in shown.text.toPlainText()


@pytest.mark.gui
def test_the_windows_help_menu_opens_the_user_guide(qtbot: QtBot, tmp_path: Path) -> None:
    from db.storage.database import open_database
    from desktop.shell.app import MainWindow

    db = open_database(tmp_path / "ledger.sqlite3")
    try:
        window = MainWindow(db, "en")
        qtbot.addWidget(window)
        guide = next(a for a in window.help_actions if "guide" in a.text())
        guide.trigger()
        shown = window.guide  # type: ignore[attr-defined]
        qtbot.addWidget(shown)
        assert shown.isVisible() and "Tallies" in shown.text.toPlainText()
    finally:
        db.close()
