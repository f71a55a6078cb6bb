"""A record list page: filter box, filters, the table, and undoable new/edit/delete.

One class serves every record kind: its list model, columns, searched text and form
come from the kind's declaration, every declared code shown in the list gets a
drop-down filter, and what a kind's page needs beyond that (hints, widths, yes/no and
country drop-downs...) is in one table, :mod:`desktop.pages.hooks`. Rows load off the
GUI thread; the filter box filters as you type; a month filter is common to all (a
roster's row is in every month it overlaps). Columns can be hidden from the header's
context menu; widths, order and hidden columns are remembered per list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.schema.fields import FieldType
from db.schema.fiscal import FISCAL_MONTHS, fiscal_year, fy_period
from db.schema.kinds import RecordKind
from desktop.kit.markers import mark
from desktop.kit.tasks import Task
from desktop.models.lists import KindTableModel
from desktop.models.records import Equals, Keep, RecordRole
from desktop.pages.commands import UndoStack
from desktop.pages.hooks import CountryFilter, PageHooks, all_of, hooks_of

if TYPE_CHECKING:
    from db.storage.database import Database
    from desktop.forms.base import RecordForm


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordPage", text)


def _pages(text: str) -> str:
    """A text of the page hooks' table, translated (desktop.pages.hooks)."""
    return QCoreApplication.translate("Pages", text)


def _flip(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda value, row: test(row, value)


class RecordPage(QWidget):
    """A list of one record kind for a fiscal year; its edits go on the undo stack,
    and the page reloads when the stack says its kind changed (an edit, undo or redo,
    made here or in an earlier window)."""

    rows_loaded = Signal(object)  # the rows just read (a list), before they are shown
    year_wanted = Signal(int)  # "show that year": a record was saved outside the one shown

    def __init__(self, kind: str, db: Database | None, lang: str = "ja",
                 parent: QWidget | None = None,
                 undo: UndoStack | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        from db.schema.words import word

        self.kind = RecordKind(kind)
        self.hooks: PageHooks = hooks_of(kind)
        self.first_rows = self.hooks.first_rows  # 0: all at once
        self.db, self.lang = db, lang
        self.model = model = KindTableModel(kind, lang, self)
        self.undo = undo or UndoStack(self)
        self.undo.record_changed.connect(self._record_changed)
        self.fy = fiscal_year(date.today())
        self.office: str | None = None
        # How a form is shown; tests put in a function that fills it and presses OK.
        self.run_form: Callable[[QDialog], bool] = lambda form: bool(form.exec())
        self._tests: list[tuple[QComboBox, Callable[[Any], Keep]]] = []
        hint = self.hooks.hint
        self.search = QLineEdit(placeholderText=_pages(hint) if hint else word("page.filter", lang))
        self.search.setClearButtonEnabled(True)
        self.month = QComboBox()
        self.month.addItem(tr("All months"), None)
        locale = QLocale(QLocale.Language.Japanese if lang == "ja" else QLocale.Language.English)
        for m in FISCAL_MONTHS:
            self.month.addItem(locale.standaloneMonthName(m), m)
        self.status = QLabel()
        self.view = QTableView()
        self.view.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.view.setModel(model)
        self.view.setAccessibleName(word(self.kind.spec.sheet_label, lang))
        self.search.setAccessibleName(tr("Filter the list"))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)  # one line per record; the full text is the tooltip
        self.view.verticalHeader().setVisible(False)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        # New (Ctrl+N) is the main window's, on every page (desktop.shell.window.MainWindow.new)
        keys: tuple[tuple[QKeySequence, Callable[[], None]], ...] = (
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected))  # fmt: skip
        for shortcut, slot in keys:
            action = QAction(self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        # No pause after typing: a key press reaches the repainted list of 100,000 rows in
        # ~30 ms (bench/bench_desktop.py; 120 ms pause before made it ~150 ms); a timer
        # of 0 still folds a burst of queued key presses into one filtering.
        self._debounce = QTimer(self, singleShot=True, interval=0)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.top = QHBoxLayout()
        self.top.addWidget(self.search, 3)
        self.add_filter(self.month, lambda row, m: self.in_month(row, m))
        from desktop.pages.chips import FilterChips

        self.chips = FilterChips()  # every filter the list is under, visible
        self.empty = QLabel()  # instead of a blank table: why it is empty, what to do
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_button = QPushButton(tr("Clear filter"))
        self.clear_button.clicked.connect(self.clear_filters)
        empty_page = QWidget()
        empty_column = QVBoxLayout(empty_page)
        empty_column.addStretch()
        empty_column.addWidget(self.empty)
        empty_column.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_column.addStretch()
        self.body = QStackedWidget()
        self.body.addWidget(self.view)
        self.body.addWidget(empty_page)
        # Where a record saved outside the year shown went, and a button to show it there
        self.went = QLabel()
        self.went.setWordWrap(True)
        self.show_year = QPushButton()
        self.show_year.setAccessibleName(tr("Show the year the record went to"))
        self.show_year.clicked.connect(self._show_wanted_year)
        self.wanted_fy: int | None = None
        went = QHBoxLayout()
        went.addWidget(self.went, 1)
        went.addWidget(self.show_year)
        self.went.hide()
        self.show_year.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        layout.addWidget(self.chips)
        layout.addWidget(self.body)
        layout.addLayout(went)
        layout.addWidget(self.status)
        self.filters: dict[str, QComboBox] = {}  # the drop-downs over fields, by field
        for yes_no in self.hooks.yes_no:
            box = QComboBox()
            for text, value in ((yes_no.all, None), (yes_no.yes, True), (yes_no.no, False)):
                box.addItem(_pages(text), value)
            self.add_filter(box, field=yes_no.field)
            self.filters[yes_no.field] = box
        for f in self.kind.spec.fields:
            if f.type is FieldType.CODE and f.listed and f.enum is not None:
                box = QComboBox()
                box.addItem(all_of(word(f.label, lang)), None)
                for member in f.enum:
                    box.addItem(member.label(lang), member.value)  # type: ignore[attr-defined]
                self.add_filter(box, field=f.name)
                self.filters[f.name] = box
        if self.hooks.countries:
            self.countries = CountryFilter(self)
        shown = {c.key for c in model.columns}
        stretch = self.hooks.stretch
        self.remember_columns(self.hooks.widths, stretch if stretch in shown else None)

    # What the kind's declaration says ----------------------------------------------------
    def title(self) -> str:
        """The tab's title: the kind's own word (as the workbook's sheet is named)."""
        from db.schema.words import word

        return word(self.kind.spec.sheet_label, self.lang)

    def day_of(self, row: Any) -> date:
        return getattr(row, self.kind.spec.date_field)  # type: ignore[no-any-return]

    def in_month(self, row: Any, month: int) -> bool:
        """Whether the month filter keeps the row: the month of its first day, or (a
        roster's row, seconded staff) any month of the year it overlaps."""
        until = self.kind.spec.until
        if until is None:
            return self.day_of(row).month == month
        year = self.fy if month >= 4 else self.fy + 1
        first = date(year, month, 1)
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        left = getattr(row, until)
        return self.day_of(row) <= last and (left is None or left >= first)

    def make_form(self, values: Any) -> RecordForm:
        """The kind's form (its declaration and hooks), empty or showing ``values``."""
        from desktop.forms.declared import DeclaredForm

        assert self.db is not None  # new/edit wait for the database to open
        return DeclaredForm(self.kind, self.db, fy_period(self.fy), values, self.lang, self)

    def count_text(self) -> str:
        """The line under the list, "{shown} of {total} …" (filled in by the caller)."""
        from db.schema.words import word

        if self.hooks.count:
            return _pages(self.hooks.count)
        kind = word(self.kind.spec.sheet_label, self.lang)
        if self.lang != "ja" and not kind[:2].isupper():  # "School visits", not "JETAA"
            kind = kind[:1].lower() + kind[1:]
        return word("page.count", self.lang, kind=kind, shown="{shown}", total="{total}")

    def show_figure(self, figure: Any) -> None:
        """Set the drop-downs a tallies figure narrows the list by (db.tally.figures
        Filter: counted, category, hosted; None: all) and the month to all; the other
        drop-downs stay as they are."""
        wanted = {"counted": figure.counted, "requester_category": figure.category,
                  "hosted": figure.hosted}  # fmt: skip
        for name, box in self.filters.items():
            if name in wanted:
                box.setCurrentIndex(max(0, box.findData(wanted[name])))
        self.month.setCurrentIndex(0)

    # Filters -----------------------------------------------------------------------------
    def add_filter(self, combo: QComboBox, test: Callable[[Any, Any], bool] | None = None,
                   field: str = "") -> None:  # fmt: skip
        """A combo whose data (None: no filter) keeps the rows for which ``test(row,
        data)`` holds, or (quicker: no Python call per row) whose ``field`` equals it."""
        if field:
            get = attrgetter(field)
            keep: Callable[[Any], Keep] = lambda value: Equals(get, value)  # noqa: E731
        else:
            assert test is not None
            keep = lambda value: partial(_flip(test), value)  # noqa: E731
        self._tests.append((combo, keep))
        combo.setAccessibleName(tr("Filter: {all}").format(all=combo.itemText(0)))
        self.top.addWidget(combo, 1)
        combo.currentIndexChanged.connect(self.apply_filter)

    def apply_filter(self) -> None:
        keeps = [keep(c.currentData()) for c, keep in self._tests if c.currentData() is not None]
        self.model.set_filters(self.search.text(), keeps)
        self._show_count()
        self._show_chips()
        self._show_empty()

    def _show_chips(self) -> None:
        """A chip per filter: the office a figure opened the list for, each drop-down
        that is not at "all" (the filter box shows its own text)."""
        from db.schema.offices import BY_CODE
        from db.schema.words import word

        chips: list[tuple[str, Callable[[], None]]] = []
        if self.office is not None and self.office in BY_CODE:
            name = BY_CODE[self.office].name(self.lang)
            chips.append((f"{word('field.office', self.lang)}: {name}",
                          lambda: self.load(self.fy, None)))  # fmt: skip
        for combo, _keep in self._tests:
            if combo.currentIndex() > 0:
                chips.append((combo.currentText(), partial(combo.setCurrentIndex, 0)))
        if self.chips.texts() != [text for text, _ in chips]:
            self.chips.show_chips(chips)

    def _show_empty(self) -> None:
        """The table, or why there is nothing in it and what to do."""
        from db.schema.fiscal import format_fy
        from db.schema.words import WORDS, word

        loading = self.status.text() == tr("Loading…")
        if self.model.matching or loading:
            self.body.setCurrentIndex(0)
            return
        filtered = bool(self.search.text().strip() or self.chips.chips)
        if self.model.total and filtered:
            self.empty.setText(
                tr(
                    "No records match the filter. Clear the filter to see all"
                    " {n} records of the year."
                ).format(n=f"{self.model.total:,}")
            )
        elif filtered:
            self.empty.setText(tr("No records match the filter."))
        else:
            key = f"kind.{self.kind}"
            kind = word(key, self.lang) if key in WORDS else ""
            if kind[1:2].islower():  # mid-sentence "support cases"; "JETAA events" stays
                kind = kind[:1].lower() + kind[1:]
            self.empty.setText(
                tr("No {kind} in {year} yet. Press New (Ctrl+N) to add one.").format(
                    kind=kind, year=format_fy(self.fy, self.lang)
                )
            )
        self.clear_button.setVisible(filtered)
        self.body.setCurrentIndex(1)

    def clear_filters(self) -> None:
        """Show every record of the year: no text, no drop-down, no office."""
        for combo, _keep in self._tests:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if self.office is not None:
            self.load(self.fy, None)
        self.apply_filter()

    def _show_count(self) -> None:
        self.status.setText(self.count_text().format(
            shown=f"{self.model.matching:,}", total=f"{self.model.total:,}"))  # fmt: skip

    def focus_filter(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # Columns -----------------------------------------------------------------------------
    def remember_columns(self, widths: dict[str, int], stretch: str | None = None) -> None:
        """Default widths of columns named by field (``dates`` for the dates), then what
        the person chose last time; remembered on change, per layout of columns (a
        layout changed by an upgrade starts from the defaults, not from stale widths)."""
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Summ…", not "ummar"
        if stretch is not None:
            header.setStretchLastSection(False)
            header.setSectionResizeMode(self.model.column(stretch), QHeaderView.ResizeMode.Stretch)
        for i, column in enumerate(self.model.columns):
            width = widths.get(column.key, column.width)
            if width is not None:
                self.view.setColumnWidth(i, width)
        saved = QSettings().value(self._columns_key())
        if saved is not None:
            header.restoreState(saved)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        for signal in (header.sectionResized, header.sectionMoved):
            signal.connect(lambda *_: self._save_columns())

    def _save_columns(self) -> None:
        QSettings().setValue(self._columns_key(), self.view.horizontalHeader().saveState())

    def _columns_key(self) -> str:
        layout = ",".join(c.key for c in self.model.columns)
        return f"{self.kind}/header-{hashlib.blake2b(layout.encode(), digest_size=4).hexdigest()}"

    def _column_menu(self, at: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.view.horizontalHeader().mapToGlobal(at))

    def column_menu(self) -> QMenu:
        """Check boxes to show or hide each column (the last one shown stays)."""
        header = self.view.horizontalHeader()
        menu = QMenu(self)
        shown = [c for c in range(self.model.columnCount()) if not header.isSectionHidden(c)]
        for c in range(self.model.columnCount()):
            action = menu.addAction(str(self.model.headerData(c, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(c in shown)
            action.setEnabled(not (c in shown and len(shown) == 1))
            action.toggled.connect(lambda on, c=c: self.show_column(c, on))
        return menu

    def show_column(self, column: int, shown: bool) -> None:
        self.view.horizontalHeader().setSectionHidden(column, not shown)
        self._save_columns()

    # Loading -----------------------------------------------------------------------------
    def load(self, fy: int, office: str | None) -> None:
        """Read the year's records off the GUI thread, then show them."""
        from db.read.lookups import list_rows

        if fy != self.fy or fy == self.wanted_fy:  # the year now shown: nothing to offer
            self._went_away(None)
        self.fy, self.office = fy, office
        if self.db is None:  # the database is still opening
            return
        db, kind, first = self.db, self.kind, self.first_rows
        self.status.setText(tr("Loading…"))
        if first:  # a screenful at once (the view's own order), the year's rows after it
            Task(self, lambda: list_rows(db, kind, fy_period(fy), office, limit=first)).success(
                self._first_loaded).run()  # fmt: skip
        task = Task(self, lambda: list_rows(db, kind, fy_period(fy), office))
        task.success(self._loaded).failure(lambda e: self.status.setText(str(e))).run()

    def _first_loaded(self, rows: Sequence[Any]) -> None:
        """The first rows, shown while the rest are read (the serial worker reads them
        next): the list has something to show well before a big year is read."""
        self.show_first_rows(rows)

    def show_first_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        if rows:
            self._mark("rows")

    def _loaded(self, rows: Sequence[Any]) -> None:
        self.rows_loaded.emit(rows)
        self.model.set_rows(rows)
        self._show_count()
        self._show_chips()
        self._show_empty()
        self._mark("rows")
        self._mark("listed")

    def _mark(self, name: str) -> None:
        if self.kind == RecordKind.SUPPORT_CASE:  # the start-up benchmark's markers
            mark(name)

    def _record_changed(self, kind: str) -> None:
        if kind == self.kind:
            self.load(self.fy, self.office)

    # Editing -----------------------------------------------------------------------------
    def selected_uuid(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.uuid_of(self.model.index(rows[0].row(), 0).data(RecordRole))

    def uuid_of(self, record: Any) -> str:
        if hasattr(record, "sync"):
            return str(record.sync.uuid)
        assert self.db is not None and self.hooks.uuid_by_id is not None
        return self.hooks.uuid_by_id(self.db, record.id)  # slim list rows: the row id only

    def period(self) -> Any:
        return fy_period(self.fy)

    def new_record(self) -> None:
        from desktop.pages.commands import CreateRecord

        if self.db is None:  # the database is still opening
            return
        form = self.make_form(None)
        if self.office and hasattr(form, "office"):
            form.office.setCurrentIndex(form.office.findData(self.office))
        if self.run_form(form):
            self.undo.push(CreateRecord(self.db, self.kind, form.values(), self.undo, self.lang))
            self._went_away(form)

    def _went_away(self, form: Any) -> None:
        """A record saved with its date in another fiscal year leaves this list: say
        where it went and offer to show that year (``form`` None: take the offer away)."""
        day = form.first_day() if form is not None and hasattr(form, "first_day") else None
        fy = fiscal_year(day) if day is not None else None
        if day is None or fy is None or fy == self.fy:
            self.wanted_fy = None
            self.went.hide()
            self.show_year.hide()
            return
        from db.schema.fiscal import format_fy

        self.wanted_fy = fy
        self.went.setText(tr("Saved in {fy} (its date is {day}), so it is not in this list of"
                             " {shown}.").format(fy=format_fy(fy, self.lang), day=day.isoformat(),
                                                 shown=format_fy(self.fy, self.lang)))  # fmt: skip
        self.show_year.setText(tr("Show {fy}").format(fy=format_fy(fy, self.lang)))
        self.went.show()
        self.show_year.show()

    def _show_wanted_year(self) -> None:
        wanted = self.wanted_fy
        self._went_away(None)  # taken: the offer goes
        if wanted is not None:
            self.year_wanted.emit(wanted)

    def edit_selected(self) -> None:
        """The selected record in its form; OK saves the edit (undoable) unless someone
        else changed the record since the form opened (the form says so, and stays)."""
        from db.records.edit import opened
        from desktop.pages.commands import FormSave

        uuid = self.selected_uuid()
        if uuid is None or self.db is None:
            return
        old, seen = opened(self.db, uuid, self.kind)
        form = self.make_form(old)
        form.add_history(self.db, uuid)
        save = FormSave(form, self.db, self.kind, uuid, old, seen, self.undo, self.lang)
        form.saving = save
        if not self.run_form(form):
            return
        if form.restore_choice is not None:  # an earlier version brought back from History
            self.restore_version(uuid, *form.restore_choice, seen=save.seen)
        elif save.saved:
            self._went_away(form)

    def restore_version(self, uuid: str, version: int, device: str,
                        seen: int | None = None) -> None:  # fmt: skip
        """Make an earlier version current (undoable); a version that cannot be brought
        back (it breaks a rule records keep now, or ``seen`` given and someone changed
        the record since) is said in the status line."""
        from db.records.edit import restore_version
        from db.schema.errors import StaleEdit, ValidationError
        from desktop.pages.commands import RestoreVersion

        if self.db is None:
            return
        try:
            restore_version(self.db, uuid, version, device, dry_run=True, seen=seen)
        except (ValidationError, StaleEdit) as exc:
            self.status.setText(exc.text(self.lang))
            return
        self.undo.push(RestoreVersion(self.db, self.kind, uuid, version, device, self.undo,
                                      seen))  # fmt: skip
        self.status.setText(tr("Earlier version brought back. Undo with Ctrl+Z."))

    def show_deleted(self) -> None:
        """The deleted records of this type, each with its history, to undelete."""
        from desktop.forms.history_panel import DeletedDialog
        from desktop.pages.commands import UndeleteRecord

        if self.db is None:
            return
        db = self.db
        dialog = DeletedDialog(db, self.kind, self.lang, self)

        def undelete(uuid: str) -> None:
            self.undo.push(UndeleteRecord(db, self.kind, uuid, self.undo))
            dialog.load()

        def restore(uuid: str, version: int, device: str) -> None:
            self.restore_version(uuid, version, device)
            dialog.load()

        dialog.undelete_requested.connect(undelete)
        dialog.restore_requested.connect(restore)
        self.deleted_dialog = dialog  # tests reach it while it is shown
        self.run_form(dialog)

    def delete_selected(self) -> None:
        from desktop.pages.commands import DeleteRecord

        uuid = self.selected_uuid()
        if uuid is not None and self.db is not None:
            self.undo.push(DeleteRecord(self.db, self.kind, uuid, self.undo, self.lang))
            self.status.setText(tr("Deleted. Undo with Ctrl+Z."))
