"""Typed helpers for the GUI tests: Qt's optional results, narrowed with a clear failure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from db.schema.fiscal import fy_period
from db.schema.kinds import YEAR_KINDS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QTableWidget, QWidget

    from db.storage.database import Database
    from desktop.shell.app import MainWindow

FY = fy_period(2023)


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, f"no cell at row {row}, column {column}"
    return item.text()


def window_db(window: MainWindow) -> Database:
    """The database of a window made on an open database (only a window started from a
    path has none, until it opens)."""
    assert window.db is not None
    return window.db


def remove_translators(app: QCoreApplication, translators: list[object]) -> None:
    from PySide6.QtCore import QTranslator

    for t in translators:
        assert isinstance(t, QTranslator)
        app.removeTranslator(t)


def every_form(db: Database, lang: str, tmp: Path) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    """Every form (editing the demo year's biggest record of its kind, with its history)
    and dialog of the app."""
    from db.read.rows import READERS, cases, events, issues, jetaa_events
    from db.records.edit import values_of
    from desktop.dialogs.settings import SettingsDialog
    from desktop.forms.declared import DeclaredForm
    from desktop.forms.history_panel import DeletedDialog
    from office_ledger import settings

    def edited(cls: Any, kind: str, row: Any, *first: Any) -> Callable[[], QWidget]:
        def make() -> QWidget:
            uuid = row.sync.uuid
            form = cls(*first, db, FY, values_of(db, uuid, kind), lang)
            form.add_history(db, uuid)
            return form  # type: ignore[no-any-return]

        return make

    with db.session() as s:
        yield "case", edited(DeclaredForm, "support_case", cases(s, FY, "PAR")[0], "support_case")
        yield "event", edited(DeclaredForm, "event_booth", events(s, FY, "PAR")[0], "event_booth")
        yield (
            "jetaa",
            edited(DeclaredForm, "jetaa_event", jetaa_events(s, FY, "NYC")[0], "jetaa_event"),
        )
        yield (
            "issue",
            edited(DeclaredForm, "newsletter_issue", issues(s, FY, "SEL")[0], "newsletter_issue"),
        )
        for kind in YEAR_KINDS:  # the record with the most rows (sessions) of each kind
            rows = READERS[kind](s, FY)
            biggest = max(rows, key=lambda r: len(getattr(r, "sessions", ())))
            yield str(kind), edited(DeclaredForm, str(kind), biggest, str(kind))
        yield "new seminar", lambda: DeclaredForm("seminar", db, FY, None, lang)
    yield "deleted", lambda: DeletedDialog(db, "support_case", lang)
    yield "settings", lambda: SettingsDialog(db, settings.load())
    yield "first run", lambda: SettingsDialog(db, settings.load(), first_run=True)

    def mapping() -> QWidget:
        from desktop.dialogs.mapping import MappingDialog
        from scripts.screenshots import office_sheet

        return MappingDialog(db, office_sheet(tmp / "london.xlsx"), "LON", "event-booths", lang)

    yield "mapping", mapping

    def preview() -> QWidget:
        from desktop.pages.sync import ImportPreview
        from exports.xlsx.exchange import import_file
        from exports.xlsx.export import export_office

        path = export_office(db, tmp / "PAR.xlsx", "PAR", FY).path
        return ImportPreview(import_file(db, path, dry_run=True), None, lang)

    yield "import preview", preview

    def restore() -> QWidget:
        from db.storage.backup import folder_for, take
        from desktop.dialogs.restore import RestoreDialog
        from office_ledger.settings import backup_folder

        take(db.file, folder_for(backup_folder(), db.file), "manual", only_if_changed=False)
        return RestoreDialog.of(db.file, lang)  # the window's door (its ledger's backups)

    yield "restore", restore

    def address() -> QWidget:
        from desktop.dialogs.hq_address import AddressDialog

        return AddressDialog()

    yield "headquarters' address", address
