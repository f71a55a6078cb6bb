"""What a person reads in the window: words, not codes (issue #25, item 1)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from db.read.lookups import LIST_READERS, list_rows
from db.schema.fiscal import fy_period
from db.schema.kinds import RecordKind
from db.schema.offices import OFFICE_CODES

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LANGUAGE_CODE = re.compile(r"^[a-z]{2}(, [a-z]{2})*$")


def _cells(demo_db: Database, kind: RecordKind, lang: str) -> list[list[str]]:
    from desktop.models.lists import KindTableModel

    model = KindTableModel(kind, lang)
    model.set_rows(list_rows(demo_db, kind, fy_period(2023), None))
    model.fetch_all()
    return [[str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or "")
             for c in range(model.columnCount())] for r in range(model.rowCount())]  # fmt: skip


@pytest.mark.parametrize("kind", [k for k in RecordKind if k in LIST_READERS])
def test_every_list_says_offices_languages_and_days_in_words_in_japanese(
    demo_db: Database, kind: RecordKind
) -> None:
    rows = _cells(demo_db, kind, "ja")
    assert rows, f"the demo year has no {kind}"
    for row in rows:
        for text in row:
            assert text not in OFFICE_CODES, (kind, row)
            assert not ISO_DAY.search(text), (kind, row)  # 令和5年6月8日, not 2023-06-08
            assert not LANGUAGE_CODE.match(text), (kind, row)  # 日本語、英語, not ja, en
    assert any(text.startswith("令和") for text in rows[0])


def test_english_lists_keep_iso_days_and_name_languages(demo_db: Database) -> None:
    rows = _cells(demo_db, RecordKind.NEWSLETTER_ISSUE, "en")
    assert any(ISO_DAY.fullmatch(text) for text in rows[0])
    languages = {text for row in rows for text in row if "English" in text or "Japanese" in text}
    assert languages and not any(LANGUAGE_CODE.match(text) for row in rows for text in row)
    offices = _cells(demo_db, RecordKind.RESEARCH_REQUEST, "en")
    assert any("Paris" in text or "London" in text or "New York" in text
               for row in offices for text in row)  # fmt: skip


def test_a_list_sorts_by_the_day_not_by_its_era_text(demo_db: Database) -> None:
    from desktop.models.lists import KindTableModel
    from desktop.models.records import SortRole

    model = KindTableModel(RecordKind.NEWSLETTER_ISSUE, "ja")
    model.set_rows(list_rows(demo_db, RecordKind.NEWSLETTER_ISSUE, fy_period(2023), None))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.fetch_all()
    keys = [model.index(r, 0).data(SortRole) for r in range(model.rowCount())]
    assert keys == sorted(keys) and keys[0] < keys[-1]


@pytest.mark.parametrize(("lang", "shown", "typed"), [
    ("ja", "英語", "フランス語、English、ko"),
    ("en", "English", "French, 英語, ko"),
])  # fmt: skip
def test_a_newsletter_issues_form_names_its_languages_and_reads_names_back(
    qtbot: QtBot, demo_db: Database, lang: str, shown: str, typed: str
) -> None:
    """The form showed an issue's languages as codes (en); a name in either language or
    a code typed is kept as its code."""
    from db.read.rows import READERS
    from db.records.edit import values_of
    from desktop.forms.declared import DeclaredForm

    kind = RecordKind.NEWSLETTER_ISSUE
    with demo_db.session() as s:
        english = next(r for r in READERS[kind](s, fy_period(2023)) if r.languages == ("en",))
    form = DeclaredForm(kind, demo_db, fy_period(2023), values_of(demo_db, english.sync.uuid, kind),
                        lang)  # fmt: skip
    qtbot.addWidget(form)
    editor = form.editor("languages")
    assert editor.text() == shown and not LANGUAGE_CODE.match(editor.placeholderText())
    editor.setText(typed)
    assert form.values().languages == ("fr", "en", "ko")
