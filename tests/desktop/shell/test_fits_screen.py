"""Every form and dialog fits a 1366×768 laptop screen at 100 % and 125 % (issue #25,
item 4): each is opened offscreen, fitted to the room such a screen leaves, shown, and
its size measured; fields scroll where they must, the buttons stay in view."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from db.schema.fiscal import fy_period
from tests.support.widgets import every_form

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui
FY = fy_period(2023)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("room", [QSize(1366, 698), QSize(1093, 544)], ids=["100%", "125%"])
def test_every_form_and_dialog_fits_a_laptop_screen(
    qtbot: QtBot, qapp: QApplication, demo_db: Database, tmp_path: Path, lang: str, room: QSize
) -> None:
    from desktop.kit import i18n
    from desktop.kit.fit import ScreenFit

    translators = i18n.install(qapp, lang, tmp_path / "i18n")
    screen = ScreenFit(qapp, room)  # as the app fits a dialog: as it is shown
    qapp.installEventFilter(screen)
    try:
        too_big = []
        for name, make in every_form(demo_db, lang, tmp_path):
            window = make()
            qtbot.addWidget(window)
            window.show()
            qapp.processEvents()
            size, least = window.size(), window.minimumSizeHint()
            if not (
                size.width() <= room.width()
                and size.height() <= room.height()
                and least.width() <= room.width()
                and least.height() <= room.height()
            ):
                too_big.append((name, size.toTuple(), least.toTuple()))
            buttons = window.findChildren(QDialogButtonBox)
            for box in buttons:  # OK and Cancel are on screen, not scrolled away
                bottom = box.mapTo(window, box.rect().bottomLeft()).y()
                assert bottom <= window.height(), (name, bottom, window.height())
            window.close()
        assert not too_big, too_big
    finally:
        qapp.removeEventFilter(screen)
        for t in translators:
            qapp.removeTranslator(t)  # type: ignore[arg-type]


def test_the_seminar_form_scrolls_rather_than_growing_past_the_screen(
    qtbot: QtBot, demo_db: Database
) -> None:
    from db.read.rows import READERS
    from db.records.edit import values_of
    from desktop.forms.declared import DeclaredForm
    from desktop.kit.fit import LAPTOP_125, fit_into, scrolled

    with demo_db.session() as s:
        row = READERS["seminar"](s, FY)[-1]
    form = DeclaredForm("seminar", demo_db, FY, values_of(demo_db, row.sync.uuid, "seminar"), "ja")
    form.add_history(demo_db, row.sync.uuid)
    qtbot.addWidget(form)
    assert form.sizeHint().height() > LAPTOP_125.height()  # what it would need unscrolled
    fit_into(form, LAPTOP_125)
    form.show()
    assert form.height() <= LAPTOP_125.height() and scrolled(form) is not None


def test_the_main_window_opens_no_bigger_than_the_screen(qtbot: QtBot, demo_db: Database) -> None:
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db, "en")
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert window.height() <= room.height() and window.width() <= room.width()
    assert window.minimumSizeHint().height() <= 698 and window.minimumSizeHint().width() <= 1366


def test_the_seminar_form_has_no_unlabelled_date_under_its_fields(
    qtbot: QtBot, demo_db: Database
) -> None:
    """The 令和 span under the fields repeated the sessions' dates with no label."""
    from db.read.rows import READERS
    from db.records.edit import values_of
    from desktop.forms.declared import DeclaredForm

    with demo_db.session() as s:
        row = READERS["seminar"](s, FY)[-1]
    form = DeclaredForm("seminar", demo_db, FY, values_of(demo_db, row.sync.uuid, "seminar"), "ja")
    qtbot.addWidget(form)
    form.show()
    assert not form.era_span.isVisible()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_import_preview_shows_its_counts_in_columns(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, lang: str
) -> None:
    """The preview lined its counts up with spaces: in English in a proportional font
    (fixed since), in Japanese not at all (a record type's name is wider than its
    letters' count, whatever the font). Each count is in its own column now."""
    from desktop.pages.sync import COUNTS, ImportPreview
    from exports.xlsx.exchange import import_file
    from exports.xlsx.export import export_office

    path = export_office(demo_db, tmp_path / "PAR.xlsx", "PAR", FY).path
    report = import_file(demo_db, path, dry_run=True)
    preview = ImportPreview(report, None, lang)
    qtbot.addWidget(preview)
    preview.show()
    table = preview.counts
    touched = [c for c in report.counts.values() if any(c.values())]
    assert table.rowCount() == len(touched) > 5 and table.columnCount() == 1 + len(COUNTS)
    for r, c in enumerate(touched):
        for n, key in enumerate(COUNTS, start=1):
            item = table.item(r, n)
            assert item is not None and item.text() == f"{c[key]:,}"
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()  # every column in view
    assert all(header.sectionSize(n) >= table.sizeHintForColumn(n) for n in range(6))


def test_a_form_scrolled_as_it_is_shown_shows_its_fields_at_once(
    qtbot: QtBot, qapp: QApplication, demo_db: Database
) -> None:
    """The app fits each dialog as it is shown; the fields moved into the scroll area
    were hidden until the next event, so an error shown at once read as hidden."""
    from desktop.forms.declared import DeclaredForm
    from desktop.kit.fit import LAPTOP_125, ScreenFit, scrolled

    screen = ScreenFit(qapp, LAPTOP_125)
    qapp.installEventFilter(screen)
    try:
        form = DeclaredForm("seminar", demo_db, FY, lang="en")
        qtbot.addWidget(form)
        form.show()
        assert scrolled(form) is not None
        form.accept()  # no title: refused, and said under it
        assert form.result() != QDialog.DialogCode.Accepted
        shown = [name for name, label in form.errors.items() if label.isVisible()]
        assert shown and all(form.errors[n].text() for n in shown)
    finally:
        qapp.removeEventFilter(screen)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("room", [QSize(1366, 698), QSize(1093, 544)], ids=["100%", "125%"])
def test_the_tallies_page_shows_every_row_without_a_scroll_bar(
    qtbot: QtBot, qapp: QApplication, demo_db: Database, tmp_path: Path, lang: str, room: QSize
) -> None:
    """Issue #25: on a laptop the tallies table scrolled (its last rows, the totals and
    the change, hidden below a scroll bar); the charts give up room instead."""
    from desktop.kit import i18n
    from desktop.shell.app import MainWindow

    translators = i18n.install(qapp, lang, tmp_path / "i18n")
    try:
        window = MainWindow(demo_db, lang)
        qtbot.addWidget(window)
        window.resize(room)
        window.show()
        qtbot.waitExposed(window)
        window.dashboard.charts_wanted = True
        window.dashboard.refresh(2023, None)
        qapp.processEvents()
        assert window.size() == room
        for n, table in enumerate((window.dashboard.table, window.dashboard.year_table)):
            window.dashboard.tables.setCurrentIndex(n)
            qapp.processEvents()
            assert table.rowCount() > 10  # the offices, the total, the year before, the change
            rows = table.verticalHeader().length()
            columns = table.horizontalHeader().length()
            view = table.viewport().size()
            assert rows <= view.height() and columns <= view.width(), (n, rows, view)
            assert not table.verticalScrollBar().isVisible()
            assert not table.horizontalScrollBar().isVisible()
            header = table.horizontalHeader()
            for c in range(table.columnCount()):  # each heading whole ("Enquiries (not co")
                item = table.horizontalHeaderItem(c)
                assert item is not None
                wrapped = header.fontMetrics().boundingRect(
                    0, 0, header.sectionSize(c) - 10, 1000, int(Qt.TextFlag.TextWordWrap),
                    item.text()).height()  # fmt: skip
                assert wrapped <= header.height() - 4, (item.text(), wrapped, header.height())
            page = window.dashboard
            assert page.height() >= page.minimumSizeHint().height()  # nothing squeezed
    finally:
        for t in translators:
            qapp.removeTranslator(t)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("room", [QSize(1366, 698), QSize(1093, 544)], ids=["100%", "125%"])
def test_the_restore_dialog_shows_every_count_without_scrolling_sideways(
    qtbot: QtBot, qapp: QApplication, demo_path: Path, tmp_path: Path, lang: str, room: QSize
) -> None:
    """Issue #25: the restore dialog opened 760 px wide on a 1366 px screen, so its
    counts per office and record type scrolled sideways and their headings were cut.
    It opens as wide as its table needs (up to the screen); a heading that must be
    narrowed ends in "…" and is read whole in its tooltip; every count is whole."""
    from db.storage.backup import folder_for, take
    from desktop.dialogs.restore import RestoreDialog
    from desktop.kit import i18n
    from desktop.kit.fit import ScreenFit
    from office_ledger.settings import backup_folder

    translators = i18n.install(qapp, lang, tmp_path / "i18n")
    screen = ScreenFit(qapp, room)
    qapp.installEventFilter(screen)
    try:
        assert take(demo_path, folder_for(backup_folder(), demo_path), "manual") is not None
        dialog = RestoreDialog.of(demo_path, lang)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qapp.processEvents()
        from db.schema.appinfo import __version__

        assert f"Office Ledger {__version__}" in dialog.list.item(0).text()  # by the app's door
        table = dialog.table
        assert table.rowCount() >= 8 and dialog.restore_button.isEnabled()
        assert dialog.width() <= room.width() and dialog.height() <= room.height()
        assert dialog.width() > 760 or room.width() < 1366  # the laptop's width is used
        header = table.horizontalHeader()
        assert header.length() <= table.viewport().width(), (header.length(), table.viewport())
        assert not table.horizontalScrollBar().isVisible()
        natural = table.natural_widths()
        for c in range(table.columnCount()):
            item = table.horizontalHeaderItem(c)
            assert item is not None
            assert header.sectionSize(c) >= table.sizeHintForColumn(c)  # every count whole
            if header.sectionSize(c) < natural[c]:  # a narrowed heading: whole in its tooltip
                assert item.toolTip() == item.text()
        if room.width() == 1366:  # at 100 % every heading is whole
            assert all(header.sectionSize(c) >= natural[c] for c in range(table.columnCount()))
        dialog.close()
    finally:
        qapp.removeEventFilter(screen)
        for t in translators:
            qapp.removeTranslator(t)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [QSize(1366, 698), QSize(1280, 717)], ids=["laptop", "window"])
def test_the_sync_page_never_scrolls_on_a_laptop(
    qtbot: QtBot, qapp: QApplication, demo_db: Database, tmp_path: Path, lang: str, size: QSize
) -> None:
    """Issue #25: at 1366×768 (100 %) the sync page had a vertical scroll bar with an
    office's export on the board, the outbox empty and one line of history: its empty
    outbox's sentence and the tables asked for more room than they needed. It fits;
    the board shows every office and month without a scroll bar of its own."""
    from PySide6.QtWidgets import QScrollArea

    from desktop.kit import i18n
    from desktop.kit.tasks import Task
    from desktop.shell.app import MainWindow
    from exports.xlsx.exchange import import_file
    from exports.xlsx.export import export_office

    import_file(demo_db, export_office(demo_db, tmp_path / "PAR.xlsx", "PAR", FY).path)
    translators = i18n.install(qapp, lang, tmp_path / "i18n")
    synchronous, Task.synchronous = Task.synchronous, True
    try:
        window = MainWindow(demo_db, lang)
        qtbot.addWidget(window)
        window.resize(size)  # a laptop's whole screen, or the window as it first opens
        window.show()
        qtbot.waitExposed(window)
        window.pages.setCurrentWidget(window.sync)
        window.sync.refresh()
        qapp.processEvents()
        assert window.size() == size
        assert window.sync.sent.current() == 0  # the board, with Paris's export on it
        scroll = window.sync.findChild(QScrollArea)
        assert scroll is not None
        assert not scroll.verticalScrollBar().isVisible()
        assert not scroll.horizontalScrollBar().isVisible()
        board = window.sync.sent.view
        assert not board.horizontalScrollBar().isVisible()
        assert not board.verticalScrollBar().isVisible()
        assert board.horizontalHeader().length() <= board.viewport().width()
        line = board.fontMetrics().height() + 12
        assert all(board.rowHeight(r) <= line for r in range(board.model().rowCount()))
        header = board.horizontalHeader()  # a narrowed heading ends in "…", whole in its tip
        assert header.textElideMode() == Qt.TextElideMode.ElideRight
        for c in range(header.count()):
            heading = board.model().headerData(c, Qt.Orientation.Horizontal)
            tip = board.model().headerData(
                c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
            )
            assert tip == heading
    finally:
        Task.synchronous = synchronous
        for t in translators:
            qapp.removeTranslator(t)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_lists_stretching_column_keeps_room_on_a_laptop(
    qtbot: QtBot, qapp: QApplication, demo_db: Database, tmp_path: Path, lang: str
) -> None:
    """The cases list's summary (the column that takes the room left) was squeezed to
    ~45 px at 1366×768, its heading cut at both ends ("ummar"): the other columns' default
    widths took the whole row. Every list's stretching column keeps room to read, and a
    narrowed heading ends in "…"."""
    from desktop.kit import i18n
    from desktop.kit.tasks import Task
    from desktop.pages.hooks import hooks_of
    from desktop.shell.app import MainWindow

    translators = i18n.install(qapp, lang, tmp_path / "i18n")
    synchronous, Task.synchronous = Task.synchronous, True
    try:
        window = MainWindow(demo_db, lang)
        qtbot.addWidget(window)
        window.resize(QSize(1366, 698))
        window.show()
        qtbot.waitExposed(window)
        checked = 0
        for kind in window.record_kinds():
            stretch = hooks_of(kind).stretch
            page = window.page_of(kind)
            window.pages.setCurrentWidget(page)
            qapp.processEvents()
            header = page.view.horizontalHeader()
            assert header.textElideMode() == Qt.TextElideMode.ElideRight
            if stretch is None or header.isSectionHidden(page.model.column(stretch)):
                continue
            assert page.view.columnWidth(page.model.column(stretch)) >= 150, kind
            checked += 1
        assert checked >= 1  # the cases' summary at least
    finally:
        Task.synchronous = synchronous
        for t in translators:
            qapp.removeTranslator(t)  # type: ignore[arg-type]
