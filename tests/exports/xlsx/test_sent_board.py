"""Who has sent what: headquarters' board of offices × months, an office's last send,
and what each shows before anything was sent (exports/received.py, desktop/pages/sent_board.py)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select, update

from db.schema.fiscal import fiscal_year, fy_period
from db.schema.kinds import RecordKind
from db.storage.database import Database, open_database
from db.storage.models import SupportCase, SyncLogEntry
from exports.received import board, last_sent
from exports.sync_log import log
from exports.xlsx.exchange import EditedWorkbook, import_file
from exports.xlsx.export import export_office
from tests.support import xlsxedit

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

FY = fy_period(2023)
KINDS = tuple(str(k) for k in RecordKind)  # the record sheets (not their child sheets)
TODAY = datetime.now(UTC).date()
LAST_MONTH = TODAY.replace(day=1) - timedelta(days=1)


def _expected(counts: dict[str, int]) -> dict[str, int]:
    return {k: n for k, n in counts.items() if k in KINDS}


@pytest.fixture
def hq(demo_db: Database, tmp_path: Path) -> tuple[Database, dict[str, dict[str, int]]]:
    """Headquarters fed with NYC's export today, London's last month, Paris's edited by
    hand (waiting), and a refusal from Singapore; Seoul, Sydney and Beijing sent nothing."""
    sent = {code: export_office(demo_db, tmp_path / f"{code}.xlsx", code, FY)
            for code in ("NYC", "LON", "PAR")}  # fmt: skip
    edited = Path(shutil.copy(sent["PAR"].path, tmp_path / "PAR-edited.xlsx"))

    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(2, xlsxedit.column(sheet, "担当")).value = "本部"

    xlsxedit.edit(edited, change)
    db = open_database(tmp_path / "hq.sqlite3")
    import_file(db, sent["LON"].path)
    with db.session() as s:  # London's came last month
        s.execute(update(SyncLogEntry).values(at=datetime.combine(LAST_MONTH, datetime.min.time(),
                                                                  UTC)))  # fmt: skip
    import_file(db, sent["NYC"].path)
    with pytest.raises(EditedWorkbook):
        import_file(db, edited)
    log(db, "import", tmp_path / "SIN.xlsx", "SIN", "sin-1", {}, "refused", "damaged")
    return db, {code: _expected(r.counts) for code, r in sent.items()}


def test_the_board_shows_each_offices_newest_export_and_who_is_missing(
    hq: tuple[Database, dict[str, dict[str, int]]],
) -> None:
    db, counts = hq
    rows = {r.office: r for r in board(db, fiscal_year(TODAY), TODAY)}
    assert list(rows) == ["NYC", "LON", "PAR", "SIN", "SEL", "SYD", "BEJ"]
    states = {code: r.newest.state if r.newest else None for code, r in rows.items()}
    assert states == {"NYC": "accepted", "LON": "accepted", "PAR": "waiting", "SIN": "refused",
                      "SEL": None, "SYD": None, "BEJ": None}  # fmt: skip
    missing = {code for code, r in rows.items() if r.missing}
    assert missing == {"LON", "SEL", "SYD", "BEJ"}
    for code in ("NYC", "LON", "PAR"):
        newest = rows[code].newest
        assert newest is not None and newest.period == FY
        assert {k: n for k, n in newest.counts.items() if n} == {
            k: n for k, n in counts[code].items() if n}  # fmt: skip
    assert counts["NYC"]["support_case"] > 0
    now = (TODAY.month - 4) % 12
    assert rows["NYC"].months[now] is rows["NYC"].newest
    before = (LAST_MONTH.month - 4) % 12
    if fiscal_year(LAST_MONTH) == fiscal_year(TODAY):
        assert rows["LON"].months[before] is rows["LON"].newest
    assert rows["LON"].months[now] is None and rows["SEL"].months == (None,) * 12


def test_an_export_accepted_after_waiting_counts_as_accepted(
    hq: tuple[Database, dict[str, dict[str, int]]], tmp_path: Path
) -> None:
    db, _ = hq
    import_file(db, tmp_path / "PAR-edited.xlsx", accept_edited=True)
    rows = {r.office: r for r in board(db, fiscal_year(TODAY), TODAY)}
    newest = rows["PAR"].newest
    assert newest is not None and newest.state == "accepted"


def test_an_office_sees_when_it_last_sent_and_what_changed_since(
    demo_db: Database, tmp_path: Path
) -> None:
    assert last_sent(demo_db, "NYC").at is None
    export_office(demo_db, tmp_path / "NYC.xlsx", "NYC", FY)
    sent = last_sent(demo_db, "NYC")
    assert sent.at is not None and sent.changed_since == 0 and sent.period == FY
    from db.records import write as records

    with demo_db.session() as s:
        cases = s.execute(select(SupportCase).where(SupportCase.office_code == "NYC")
                          .limit(2)).scalars().all()  # fmt: skip
        for c in cases:
            c.summary = "changed after sending"
            records.save(s, c)
        other = s.execute(select(SupportCase).where(SupportCase.office_code == "LON")
                          .limit(1)).scalar_one()  # fmt: skip
        other.summary = "another office's"
        records.save(s, other)
    assert last_sent(demo_db, "NYC").changed_since == 2


@pytest.mark.slow
@pytest.mark.gui
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_sync_page_at_headquarters_shows_the_board(
    qtbot: QtBot, qtmodeltester: ModelTester, hq: tuple[Database, dict[str, dict[str, int]]],
    lang: str, tmp_path: Path,
) -> None:  # fmt: skip
    from office_ledger import settings

    settings.save({"office": "HQ"})
    db, counts = hq
    from PySide6.QtWidgets import QApplication

    from desktop.kit import i18n

    app = QApplication.instance()
    assert app is not None
    translators = i18n.install(app, "ja", tmp_path / "i18n") if lang == "ja" else []
    try:
        _check_board(qtbot, qtmodeltester, db, counts, lang, tmp_path)
    finally:
        if translators:
            from tests.support.widgets import remove_translators

            remove_translators(app, translators)


def _check_board(qtbot: QtBot, qtmodeltester: ModelTester, db: Database,
                 counts: dict[str, dict[str, int]], lang: str, tmp_path: Path) -> None:  # fmt: skip
    from PySide6.QtCore import Qt

    from desktop.pages.sync import SyncPage

    page = SyncPage(db, lang=lang)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    panel = page.sent
    model = panel.model
    qtmodeltester.check(model)
    assert panel.current() == 0 and model.rowCount() == 7
    names = [model.index(r, 0).data() for r in range(7)]  # the name alone: it fits
    missing = "（今月の受信なし）" if lang == "ja" else "(nothing this month)"
    tips = [model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole) or "" for r in range(7)]
    assert [missing in t for t in tips] == [False, True, False, False, True, True, True]
    assert not any(missing in n for n in names)
    red = [model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None for r in range(7)]
    assert red == [False, True, False, False, True, True, True]
    assert panel.red.isVisible() and panel.red.text()  # the red said in words beside it
    state = {
        "en": ["Accepted", "Accepted", "Waiting for acceptance", "Refused"],
        "ja": ["取り込み済み", "取り込み済み", "承認待ち", "取り込み不可"],
    }[lang]
    from db.schema.appinfo import __version__
    from desktop.pages.sent_board import FIRST_MONTH, MADE_BY, STATE

    assert [model.index(r, STATE).data() for r in range(4)] == state
    # which app version wrote each office's newest export (issue #19)
    assert model.index(0, MADE_BY).data() == f"Office Ledger {__version__}"
    assert model.index(0, 2).data() == ("令和5年度" if lang == "ja" else "FY2023")
    assert model.headerData(3, Qt.Orientation.Horizontal) == (
        "支援件数" if lang == "ja" else "Cases"
    )
    assert [model.index(0, c).data() for c in range(3, 7)] == [
        f"{counts['NYC'][k]:,}" for k in ("support_case", "event_booth", "newsletter_issue",
                                           "jetaa_event")]  # fmt: skip
    # the office's other work (seminars, CLAIR Reports, …) in one column
    from db.schema.kinds import YEAR_KINDS

    other = sum(counts["NYC"].get(str(k), 0) for k in YEAR_KINDS)
    assert other > 0 and model.index(0, 7).data() == f"{other:,}"
    assert model.headerData(7, Qt.Orientation.Horizontal) == (
        "その他の活動" if lang == "ja" else "Other work"
    )
    now = FIRST_MONTH + (TODAY.month - 4) % 12
    assert model.index(0, now).data().startswith("✓")
    assert model.index(4, now).data() == "—"
    assert model.index(4, now).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(4, 1).data() == ("未送信" if lang == "ja" else "never sent")
    page.grab().save(str(tmp_path / f"board-{lang}.png"))
    assert (tmp_path / f"board-{lang}.png").stat().st_size > 10_000


@pytest.mark.gui
def test_the_board_shows_the_year_the_window_has_chosen(
    qtbot: QtBot, hq: tuple[Database, dict[str, dict[str, int]]]
) -> None:
    """HQ looking back at last year sees last year's months and title (not this year's
    again); going back to this year shows this month's exports once more."""
    from office_ledger import settings

    settings.save({"office": "HQ"})
    db, _ = hq
    from desktop.pages.sent_board import FIRST_MONTH
    from desktop.pages.sync import SyncPage

    page = SyncPage(db, lang="en")
    qtbot.addWidget(page)
    model, this_fy = page.sent.model, fiscal_year(TODAY)
    now = FIRST_MONTH + (TODAY.month - 4) % 12
    qtbot.waitUntil(lambda: model.rowCount() == 7)
    assert model.index(0, now).data().startswith("✓")
    page.set_selection(None, this_fy - 1)
    qtbot.waitUntil(lambda: model.fy == this_fy - 1)
    assert f"FY{this_fy - 1}" in page.sent.title.text()
    assert [model.index(r, c).data() for r in range(7)
            for c in range(FIRST_MONTH, FIRST_MONTH + 12)] == ["—"] * 84  # fmt: skip
    page.set_selection(None, this_fy)
    qtbot.waitUntil(lambda: model.fy == this_fy)
    assert model.index(0, now).data().startswith("✓") and f"FY{this_fy}" in page.sent.title.text()


def _shown(table: Any) -> int:
    """0 when the table is shown, 1 when the sentence that stands in for it is."""
    from PySide6.QtWidgets import QStackedWidget

    stack = table.parentWidget()
    assert isinstance(stack, QStackedWidget)
    return stack.currentIndex()


@pytest.mark.gui
def test_empty_states_say_what_to_do(qtbot: QtBot, tmp_path: Path, demo_db: Database) -> None:
    from desktop.pages.sync import SyncPage
    from office_ledger import settings

    settings.save({"office": "HQ"})
    fresh = open_database(tmp_path / "new.sqlite3")
    page = SyncPage(fresh, lang="en")
    qtbot.addWidget(page)
    assert page.sent.current() == 1
    assert "Import workbooks…" in page.sent.empty.text()
    assert _shown(page.history) == _shown(page.outbox) == 1  # what to do, not an empty table
    settings.save({"office": "NYC"})
    office = SyncPage(demo_db, lang="en")
    qtbot.addWidget(office)
    assert office.sent.current() == 2
    assert "has not sent anything to headquarters" in office.sent.office.text()
    export_office(demo_db, tmp_path / "NYC.xlsx", "NYC", FY)
    office.refresh()
    assert "Records changed since: 0" in office.sent.office.text()
    assert _shown(office.history) == 0
    fresh.close()
