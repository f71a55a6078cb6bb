"""``send --via eml`` on a computer with no mail program (issue #19): the real
``office-ledger`` process, with a PATH holding no ``xdg-open`` or one that fails as
xdg-open does when no program handles .eml ("no method available", status 3)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

EXE = Path(sys.executable).parent / "office-ledger"


def _path_with(tmp_path: Path, opener: str | None) -> str:
    """A PATH of one folder: empty, or with an ``xdg-open`` exiting with a status."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    if opener is not None:
        script = folder / "xdg-open"
        script.write_text(f"#!/bin/sh\n{opener}\n")
        script.chmod(0o755)
    return str(folder)


@pytest.mark.skipif(sys.platform != "linux", reason="xdg-open is the Linux opener")
@pytest.mark.parametrize("opener", [None, "echo 'xdg-open: no method available' >&2; exit 3"])
def test_send_with_no_mail_program_says_where_the_draft_is(
    demo_path: Path, tmp_path: Path, opener: str | None
) -> None:
    env = {**os.environ, "PATH": _path_with(tmp_path, opener),
           "OFFICE_LEDGER_HOME": str(tmp_path / "home")}  # fmt: skip
    done = subprocess.run([str(EXE), "--db", str(demo_path), "send", "--office", "NYC",
                           "--fy", "2023", "--via", "eml", "--to", "hq@clair.example"],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and len(done.stdout.splitlines()) == 1
    drafts = list((tmp_path / "home" / "drafts").glob("*.eml"))
    assert len(drafts) == 1 and str(drafts[0]) in done.stdout
    assert "no mail program opened it" in done.stdout


@pytest.mark.gui
@pytest.mark.skipif(sys.platform != "linux", reason="xdg-open is the Linux opener")
def test_the_window_says_where_the_unopened_draft_is_and_offers_its_folder(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.pages.sync import SyncPage
    from office_ledger import settings

    monkeypatch.setenv("PATH", _path_with(tmp_path, "exit 3"))
    settings.save({"hq_address": "hq@clair.example", "send_via": "eml", "attach_pdf": False})
    page = SyncPage(demo_db)
    page.set_selection("NYC", 2023)
    qtbot.addWidget(page)
    page.send_to_headquarters()
    (draft,) = (tmp_path / "home" / "drafts").glob("*.eml")
    assert "opened" not in page.status.text().replace("No mail program opened", "")
    assert str(draft) in page.status.text()
    box = page.draft_box
    assert box is not None and box.isVisible() and str(draft) in box.text()
    roles = [box.buttonRole(b) for b in box.buttons()]
    assert QMessageBox.ButtonRole.ActionRole in roles  # "Open its folder"
    box.close()
