"""Undo is per person and never undoes someone else's change (issue #23): an edit made
in this window is undone only while the record is as the edit left it; once another
person (another copy of the app on the same database) changed it, Ctrl+Z says so in
one line and leaves the record alone."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from db.records import edit
from db.storage.database import open_database
from tests.support.factories import case

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The shared database: a SQLite file, or one on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "hq.sqlite3")
        return
    from tests.support.pg import fresh_database

    with fresh_database("undo") as url:
        yield url


def test_undo_refuses_a_record_someone_else_changed_since(qtbot: QtBot, target: str) -> None:
    from desktop.pages.commands import EditRecord, UndoStack

    mine = open_database(target)
    theirs = open_database(target)  # another person's window
    with mine.session() as s:
        first, second = str(case(s).uuid), str(case(s, requester="大阪府").uuid)
    stack = UndoStack()
    said: list[str] = []
    stack.failed.connect(said.append)
    for uuid in (first, second):
        old = edit.values_of(mine, uuid)
        stack.push(EditRecord(mine, "support_case", uuid, old,
                              dataclasses.replace(old, staff="本部 山田"), stack))  # fmt: skip
    new = dataclasses.replace(edit.values_of(theirs, second), staff="本部 佐藤")
    edit.update(theirs, "support_case", second, new)
    stack.undo()  # my edit of the second: someone changed it since
    assert edit.values_of(mine, second).staff == "本部 佐藤"
    assert said == ["This record was changed by someone else since your edit; it was left as"
                    " it is."]  # fmt: skip
    stack.undo()  # my edit of the first: nobody touched it
    assert edit.values_of(mine, first).staff == ""
    assert len(said) == 1
    stack.redo()  # and my own undo is mine to redo
    assert edit.values_of(mine, first).staff == "本部 山田"
    mine.close()
    theirs.close()


def test_the_refusal_is_said_in_japanese(qtbot: QtBot, qapp: object, tmp_path: Path) -> None:
    from desktop.kit import i18n
    from desktop.pages.commands import tr

    translators = i18n.install(qapp, "ja", tmp_path / "i18n")
    try:
        said = tr("This record was changed by someone else since your edit; it was left as"
                  " it is.")  # fmt: skip
    finally:
        for t in translators:
            qapp.removeTranslator(t)  # type: ignore[attr-defined]
    assert "別の利用者" in said and "\n" not in said
