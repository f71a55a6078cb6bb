"""The main window: the fiscal year and office chosen at the top, its menus and toolbar,
and the pages (tallies, a list per record type, sync, conflicts) in tabs.

What the File menu does lives in :mod:`desktop.shell.file_actions`; how the app starts (and
opens the database after the first paint) in :mod:`desktop.shell.startup`. The
:class:`Shell` holds what outlives one window (database, undo history, translators).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from db.schema.fiscal import fiscal_year, format_fy
from db.schema.offices import OFFICES
from desktop.pages.commands import UndoStack
from desktop.shell.file_actions import FileActions

if TYPE_CHECKING:  # SQLAlchemy loads after the window first paints (see MainWindow)
    from db.read.first_look import FirstLook
    from db.storage.database import Database
    from desktop.pages.conflicts import ConflictsPage
    from desktop.pages.list_page import RecordPage
    from desktop.pages.sync import SyncPage
    from desktop.pages.tallies import Figure
    from desktop.shell.live import Live


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class Shell(QObject):
    """What outlives one main window: the database, the undo history, the translators.

    Switching language builds a new window in the new language on the same shell, so
    nothing is lost: the year, office and page on screen carry over and Ctrl+Z still
    undoes edits made before the switch.
    """

    def __init__(self, db: Database | None) -> None:
        super().__init__()
        self.db = db
        self.undo = UndoStack(self)  # says which kind of record changed: see MainWindow
        self.translators: list[object] = []


class MainWindow(QMainWindow):
    """The tallies page, a page per record type and the sync page.

    Given an open :class:`db.storage.database.Database`, the window shows its figures at once.
    Given the database's path (how the app starts), the window paints first and opens
    the database right after: importing SQLAlchemy and reading the year's figures take
    longer than showing the window, and a person sees it appear at once, figures a
    moment later.
    """

    first_painted = Signal()  # the window is on screen: slower work may start
    selection_changed = Signal(object, int)  # the office chosen (None: all), the year

    def __init__(self, db: Database | Path, lang: str = "ja", shell: Shell | None = None) -> None:
        super().__init__()
        self.db: Database | None = None
        from db.storage.pg.target import ServerURL

        # a server database (issue #23) stands as its URL where the window keeps a path
        self.db_path: Path = db if isinstance(db, Path) else (db.path or ServerURL(db.url))
        self.lang = lang
        self._painted = False
        self.live: Live | None = None  # follows other people's writes (desktop.shell.live)
        self.shell = shell or Shell(None)
        self.shell.setParent(self)
        self.undo = self.shell.undo
        self.undo.record_changed.connect(self._record_changed)  # the pages reload themselves
        shown = self.db_path.name if self.db_path is not None else str(getattr(db, "url", ""))
        self.setWindowTitle(tr("Office Ledger — {path}").format(path=shown))  # a server's URL
        self.year = QSpinBox(minimum=1989, maximum=2100)
        self.year_label = QLabel()
        self.office_box = QComboBox()
        self.office_box.addItem(tr("All offices"), None)
        for o in OFFICES:
            self.office_box.addItem(o.name(lang), o.code)
        self.lang_box = QComboBox()
        self.lang_box.addItem("日本語", "ja")
        self.lang_box.addItem("English", "en")
        self.lang_box.setCurrentIndex(self.lang_box.findData(lang))
        top = QHBoxLayout()
        year_label = QLabel(tr("Fiscal year"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.year_label)
        top.addSpacing(24)
        office_label = QLabel(tr("Summary for"))
        office_label.setBuddy(self.office_box)
        top.addWidget(office_label)
        top.addWidget(self.office_box)
        self.lang_label = QLabel(tr("Summary in"))
        self.lang_label.setBuddy(self.lang_box)
        self.lang_box.setToolTip(tr("The language of the printed summary. The window's own"
                                    " language is under View → Language."))  # fmt: skip
        top.addWidget(self.lang_label)
        top.addWidget(self.lang_box)
        top.addStretch()
        self.files = FileActions(self)
        self.files.message.connect(self.statusBar().showMessage)
        self._menus()
        layout = QVBoxLayout()
        layout.addLayout(top)
        from desktop.pages.tallies import Dashboard
        from desktop.shell.tabs import LazyTabs

        # The tallies are on screen at start; every other page is made when its tab is
        # first chosen or something asks for it (page_of, .cases, .sync...): see _built
        self.pages = LazyTabs()
        self.pages.built.connect(self._built)
        self.dashboard = Dashboard(None, lang)
        self.table, self.chart = self.dashboard.table, self.dashboard.chart
        from db.schema.words import word

        self.pages.add_page("tallies", self.dashboard, word("tallies", lang))
        self.dashboard.figure_opened.connect(self.open_figure)
        self.dashboard.tallied.connect(self._tallied)
        self.dashboard.conflicts_opened.connect(self.open_conflicts)
        self._conflicts_waiting = 0  # as last counted (the tab, dashboard and sync page)
        from db.schema.kinds import RecordKind

        for kind, make in self._record_makers():
            # the kind's own word, as the workbook's sheet is named (db/schema/words.py)
            self.pages.add_later(kind, word(RecordKind(kind).spec.sheet_label, lang), make)
        self.pages.add_later("sync", tr("Sync"), self._make_sync)
        self.pages.add_later("conflicts", tr("Conflicts"), self._make_conflicts)
        layout.addWidget(self.pages)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.year.setValue(fiscal_year(date.today()))
        self.year_label.setText(format_fy(self.year.value(), lang))
        self.year.valueChanged.connect(self.refresh)
        self.office_box.currentIndexChanged.connect(lambda _i: self.refresh_tallies())
        if not isinstance(db, Path):
            self.attach(db)
        else:
            from desktop.shell.late_open import open_after_first_paint

            open_after_first_paint(self)
            self.statusBar().showMessage(tr("Opening {path}…").format(path=db.name))
        from desktop.shell.drops import DropImport

        self.drops = DropImport(self)  # dropped workbooks: exports and offices' own sheets
        from desktop.kit import accessible, fit

        accessible.name_inputs(self)  # every input has a name a screen reader reads
        room = fit.room_of(self)  # no bigger than the screen (a 1366×768 laptop)
        self.resize(min(1280, room.width()), min(800, room.height()))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            fit.install(app)  # every dialog fits its screen too (fields scroll)
        saved = QSettings().value("main/geometry")
        if saved is not None:
            self.restoreGeometry(saved)  # where and how big it was last time

    def _menus(self) -> None:
        menu = self.menuBar().addMenu(tr("&File"))
        preview = QAction(tr("&Print summary…"), self)
        preview.setShortcut(QKeySequence.StandardKey.Print)
        preview.triggered.connect(self.files.preview_summary)
        save = QAction(tr("&Save summary as PDF…"), self)
        save.setShortcut(QKeySequence("Ctrl+Shift+S"))
        save.triggered.connect(self.files.save_summary_with_dialog)
        word = QAction(tr("Save as &Word…"), self)
        word.triggered.connect(self.files.save_word_with_dialog)
        prefs = QAction(tr("Se&ttings…"), self)
        prefs.setShortcut(QKeySequence.StandardKey.Preferences)
        prefs.triggered.connect(self.open_settings)
        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        export = QAction(tr("&Export workbook…"), self)
        export.setShortcut(QKeySequence("Ctrl+E"))
        export.triggered.connect(self.files.export_with_dialog)
        for action in (export, preview, save, word, prefs):
            menu.addAction(action)
        from desktop.shell import safety

        menu.addSeparator()
        safety.add_actions(self, menu)  # back up now, restore from a backup
        menu.addSeparator()
        menu.addAction(quit_action)
        edit = self.menuBar().addMenu(tr("&Edit"))
        undo = self.undo.createUndoAction(self, tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        made = []
        for text, key, slot in ((tr("&New…"), QKeySequence.StandardKey.New, self.new),
                                (tr("&Edit…"), QKeySequence(Qt.Key.Key_Return),
                                 lambda: self.record_page().edit_selected()),
                                (tr("&Delete"), QKeySequence.StandardKey.Delete,
                                 lambda: self.record_page().delete_selected())):  # fmt: skip
            action = QAction(text, self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            edit.addAction(action)
            made.append(action)
        made[0].setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(made[0])  # Ctrl+N on every page, the tallies included
        deleted = QAction(tr("Deleted &records…"), self)
        deleted.triggered.connect(lambda: self.record_page().show_deleted())
        edit.addAction(deleted)
        find = QAction(tr("&Find…"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._find)
        edit.addSeparator()
        edit.addAction(find)
        self._view_menu()
        from desktop.shell.help_menu import add_help_menu

        self.help_actions = add_help_menu(self)  # Help: the user guide, About
        new, change, delete = made
        style = self.style()
        icons = (
            (new, "document-new", QStyle.StandardPixmap.SP_FileIcon),
            (change, "document-properties", QStyle.StandardPixmap.SP_FileDialogDetailedView),
            (delete, "edit-delete", QStyle.StandardPixmap.SP_TrashIcon),
            (undo, "edit-undo", QStyle.StandardPixmap.SP_ArrowBack),
            (redo, "edit-redo", QStyle.StandardPixmap.SP_ArrowForward),
            (find, "edit-find", QStyle.StandardPixmap.SP_FileDialogContentsView),
            (export, "document-save-as", QStyle.StandardPixmap.SP_DialogSaveButton),
            (preview, "document-print", QStyle.StandardPixmap.SP_FileDialogListView),
        )  # the system theme's icon where there is one, Qt's own otherwise
        self.toolbar = self.addToolBar(tr("Toolbar"))
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for n, (action, theme, fallback) in enumerate(icons):
            action.setIcon(QIcon.fromTheme(theme, style.standardIcon(fallback)))
            if n in (3, 5):
                self.toolbar.addSeparator()
            self.toolbar.addAction(action)

    def _view_menu(self) -> None:
        """View → Language: the window's language (as in Settings), not the summary's."""
        from PySide6.QtGui import QActionGroup

        view = self.menuBar().addMenu(tr("&View"))
        languages = view.addMenu(tr("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("ja", "日本語"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.lang)
            action.triggered.connect(lambda _on, code=code: self.choose_language(code))
            group.addAction(action)
            languages.addAction(action)
            self.language_actions[code] = action

    def choose_language(self, lang: str) -> MainWindow:
        """Show the window in ``lang`` now and from now on (saved in Settings)."""
        from office_ledger import settings

        if lang == self.lang:
            return self
        settings.save({"language": lang})
        return self.switch_language(lang)

    def open_settings(self) -> None:
        from desktop.dialogs.settings import SettingsDialog
        from office_ledger import settings

        if self.db is None:  # still opening
            return
        dialog = SettingsDialog(self.db, settings.load(), parent=self)
        if dialog.exec():
            lang = settings.load()["language"]
            if lang != self.lang:
                self.switch_language(lang)
            else:
                self.statusBar().showMessage(tr("Settings saved."))

    def switch_language(self, lang: str) -> MainWindow:
        """Show the app in ``lang`` now: Qt's and our translators, then a new window."""
        from desktop.kit import i18n
        from office_ledger.paths import data_dir

        app = QApplication.instance()
        assert app is not None and self.db is not None
        for t in self.shell.translators:
            app.removeTranslator(t)  # type: ignore[arg-type]
        self.shell.translators = i18n.install(app, lang, data_dir() / "i18n")
        new = MainWindow(self.db, lang, self.shell)
        new.setGeometry(self.geometry())
        new.year.setValue(self.year.value())
        new.office_box.setCurrentIndex(self.office_box.currentIndex())
        new.pages.setCurrentIndex(self.pages.currentIndex())
        new.show()
        self._stop_timers()  # the new window follows others' writes and retries the outbox
        self.hide()
        self.deleteLater()
        return new

    def open_figure(self, kind: str, figure: Figure) -> None:
        """Show the list of ``kind`` filtered to what ``figure`` counts (the dashboard's
        figure_opened)."""

        page = self.page_of(kind)
        page.show_figure(figure)
        # the report's scope follows the list: the summary printed is the office's
        _choose(self.office_box, figure.office)
        self.pages.setCurrentWidget(page)
        page.load(self.year.value(), figure.office)

    def show_first_look(self, look: FirstLook | None) -> None:
        """The newest year's figures and first list rows, read before the database has
        opened (desktop.shell.startup); whatever the opened database shows replaces them."""
        if look is None or self.db is not None:
            return
        self.year.blockSignals(True)
        self.year.setValue(look.fy)
        self.year.blockSignals(False)
        self.year_label.setText(format_fy(look.fy, self.lang))
        self.dashboard.fy, self.dashboard.office = look.fy, self.office_box.currentData()
        self.dashboard.show_tallies(look.fy, look.tallies)  # every office's, as always
        cases = self.cases  # made after the first paint already (paintEvent), else now
        cases.fy = look.fy
        cases.show_first_rows(look.rows)

    def attach(self, db: Database) -> None:
        """Show this database: every page made so far gets it (a page made later is made
        with it), then the latest year's figures."""
        from db.read.lookups import latest_fiscal_year

        self.db = self.shell.db = db
        self.dashboard.db = db
        for page in self.pages.made_pages():
            page.db = db  # type: ignore[attr-defined]
        from desktop.shell import safety

        safety.attached(self, db)  # marks a read-only database; daily backups
        latest = latest_fiscal_year(db)  # one indexed max() per table
        self.year.blockSignals(True)
        self.year.setValue(latest)
        self.year.blockSignals(False)
        self.refresh()
        self.count_conflicts()
        if self._painted:  # else once it has (_after_first_paint)
            QTimer.singleShot(0, self._sync_ready)
        from desktop.shell.live import follow

        if self.live is not None:
            self.live.stop()
        self.live = follow(self, db)  # another person's (or process's) writes: reload (#23)

    def others_changed(self) -> None:
        """Someone else wrote to the database: the figures, the lists made so far, the
        board and the conflicts (a page not made yet reads them when it is)."""
        self.refresh()
        self.count_conflicts()
        sync = self.pages.made("sync")
        if sync is not None:
            sync.refresh()  # type: ignore[attr-defined]

    def _sync_ready(self) -> None:
        """After the figures: the sync page reads the mail stack, and retries the outbox
        every minute wherever the person is, so it is made even if never chosen."""
        made = self.pages.made("sync")
        if made is None:
            self.pages.page("sync")  # made with the database: it reads its lists itself
        else:
            made.refresh()  # type: ignore[attr-defined]

    # The pages: made when first wanted ---------------------------------------------
    def _record_makers(self) -> list[tuple[str, Callable[[], QWidget]]]:
        """Per kind a person edits (in tab order), what makes its list page."""
        from db.schema.kinds import EDITED

        def maker(kind: str) -> Callable[[], QWidget]:
            from desktop.pages.list_page import RecordPage

            return lambda: RecordPage(kind, self.db, self.lang, self, self.undo)

        return [(kind, maker(kind)) for kind in EDITED]

    def _make_sync(self) -> QWidget:
        from desktop.pages.sync import SyncPage

        sync = SyncPage(None, self, self.lang)
        sync.set_selection(self.office_box.currentData(), self.year.value())
        self.selection_changed.connect(sync.set_selection)
        self.files.exported.connect(sync.refresh)
        sync.imported.connect(self.count_conflicts)  # an import may bring conflicts
        sync.conflicts_opened.connect(self.open_conflicts)
        sync.show_conflicts(self._conflicts_waiting)
        sync.db = self.db
        if self.db is not None:
            sync.refresh()
        return sync

    def _make_conflicts(self) -> QWidget:
        from desktop.pages.conflicts import ConflictsPage

        conflicts = ConflictsPage(None, self.lang, self)
        conflicts.counted.connect(self._conflicts_counted)
        conflicts.settled.connect(self.undo.record_changed)  # lists, tallies
        conflicts.db = self.db
        conflicts.load()
        return conflicts

    def _built(self, key: str, page: QWidget) -> None:
        """A page was just made: a list page follows the year; every page is named for
        screen readers and, on a read-only database, offers no editing."""
        from desktop.kit import accessible
        from desktop.shell import safety

        year_wanted = getattr(page, "year_wanted", None)
        if year_wanted is not None:  # a record saved in another year: "Show FY…"
            year_wanted.connect(self.year.setValue)
            page.fy = self.year.value()  # type: ignore[attr-defined]
            if self.db is not None and self._painted:
                page.load(self.year.value(), None)  # type: ignore[attr-defined]
        accessible.name_inputs(page)
        safety.made(self, page)

    def page_of(self, kind: str) -> RecordPage:
        """The list of records of ``kind`` (a db.records.edit kind), made if not yet."""
        return self.pages.page(str(kind))  # type: ignore[return-value]

    @property
    def cases(self) -> RecordPage:
        return self.page_of("support_case")

    @property
    def events(self) -> RecordPage:
        return self.page_of("event_booth")

    @property
    def issues(self) -> RecordPage:
        return self.page_of("newsletter_issue")

    @property
    def jetaa(self) -> RecordPage:
        return self.page_of("jetaa_event")

    @property
    def year_pages(self) -> tuple[RecordPage, ...]:
        """The pages of the office's other work of the year (all made)."""
        from db.schema.kinds import YEAR_KINDS

        return tuple(self.page_of(k) for k in YEAR_KINDS)

    @property
    def sync(self) -> SyncPage:
        return self.pages.page("sync")  # type: ignore[return-value]

    @property
    def conflicts(self) -> ConflictsPage:
        return self.pages.page("conflicts")  # type: ignore[return-value]

    def record_kinds(self) -> tuple[str, ...]:
        """The kinds listed in a tab each, in tab order."""
        return tuple(k for k in self.pages.keys() if k not in _NOT_RECORDS)

    def made_record_pages(self) -> list[RecordPage]:
        """The list pages made so far (one not made yet has nothing to reload)."""
        made = (self.pages.made(k) for k in self.record_kinds())
        return [p for p in made if p is not None]  # type: ignore[misc]

    def record_page(self) -> RecordPage:
        """The list on screen; the support cases when another page is shown."""
        key = self.pages.key_at(self.pages.currentIndex())
        return self.page_of(key if key in self.record_kinds() else "support_case")

    def new(self) -> None:
        """A new record: of the list on screen, else (the tallies, sync, conflicts) of
        the kind the person chooses."""
        if self.pages.key_at(self.pages.currentIndex()) in self.record_kinds():
            self.record_page().new_record()
            return
        chosen = self.choose_kind()
        if chosen is not None:
            target = self.page_of(chosen)
            self.pages.setCurrentWidget(target)
            target.new_record()

    def choose_kind(self) -> str | None:
        """Ask which kind of record to make (None: cancelled); tests replace this."""
        from PySide6.QtWidgets import QInputDialog

        from db.schema.words import word

        kinds = self.record_kinds()
        names = [word(f"noun.{kind}", self.lang) for kind in kinds]
        names = [n[:1].upper() + n[1:] for n in names]
        name, ok = QInputDialog.getItem(self, tr("New record"), tr("What kind of record?"),
                                        names, 0, False)  # fmt: skip
        return kinds[names.index(name)] if ok and name in names else None

    def _record_changed(self, _kind: str) -> None:
        """After an edit (or its undo): the tallies show it (the page reloads itself)."""
        self.refresh_tallies()

    def _find(self) -> None:
        page = self.record_page()
        self.pages.setCurrentWidget(page)
        page.focus_filter()

    def load_lists(self) -> None:
        """Every list page made so far reads the year (one made later reads it then)."""
        for page in self.made_record_pages():
            page.load(self.year.value(), None)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        QSettings().setValue("main/geometry", self.saveGeometry())
        self._stop_timers()
        if self.isVisible():  # not the window a language switch replaced
            from desktop.shell import safety

            safety.closing(self)  # a backup, if anything changed
        super().closeEvent(event)

    def _stop_timers(self) -> None:
        """This window is going: it no longer follows others' writes, nor retries the
        outbox every minute (a closed window's retry read a database already closed)."""
        if self.live is not None:
            self.live.stop()
            self.live = None
        sync = self.pages.made("sync")
        if sync is not None:
            sync.timer.stop()  # type: ignore[attr-defined]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:  # the lists load once the window is on screen: the load
            self._painted = True  # holds the GIL for a while, and painting needs it too
            self.first_painted.emit()
            QTimer.singleShot(0, self._after_first_paint)  # after the opening it queued

    def _after_first_paint(self) -> None:
        """The support cases' page is made now (the first look fills it; the page a
        person most likely opens next), then the lists and charts of an open database."""
        fresh = self.pages.made("support_case") is None
        cases = self.page_of("support_case")  # made with an open database: it loads
        if self.db is None:  # started from a path: desktop.shell.startup opens it now
            return
        for page in self.made_record_pages():
            if not (fresh and page is cases):
                page.load(self.year.value(), None)
        self.dashboard.charts_wanted = True
        self.dashboard.refresh_charts()
        QTimer.singleShot(0, self._sync_ready)

    def refresh(self) -> None:
        """The tallies first (the serial worker reads them in well under a second), then
        the lists (seconds for 100,000 cases): figures must not wait behind rows."""
        if self.db is None:
            return
        self.refresh_tallies()
        if self._painted:
            self.load_lists()

    def refresh_tallies(self) -> None:
        fy = self.year.value()
        self.year_label.setText(format_fy(fy, self.lang))
        self.selection_changed.emit(self.office_box.currentData(), fy)
        self.dashboard.refresh(fy, self.office_box.currentData())

    def open_conflicts(self) -> None:
        self.pages.setCurrentWidget(self.conflicts)

    def count_conflicts(self) -> None:
        """Count the waiting conflicts (the page reads them if it is made; else only
        their number is wanted, for the tab, the dashboard and the sync page)."""
        page = self.pages.made("conflicts")
        if page is not None:
            page.load()  # type: ignore[attr-defined]
            return
        if self.db is None:
            return
        from db.sync.conflicts import waiting_in
        from desktop.kit.tasks import Task

        db = self.db
        Task(self, lambda: len(waiting_in(db))).success(self._conflicts_counted).run()

    def _conflicts_counted(self, n: int) -> None:
        """How many conflicts wait: on the tab, the dashboard and the sync page."""
        self._conflicts_waiting = n
        self.pages.set_title(
            "conflicts", tr("Conflicts ({n})").format(n=n) if n else tr("Conflicts")
        )
        self.dashboard.show_conflicts(n)
        sync = self.pages.made("sync")
        if sync is not None:
            sync.show_conflicts(n)  # type: ignore[attr-defined]

    def _tallied(self, n: int) -> None:
        self.statusBar().showMessage(tr("{n} counted support cases").format(n=n))


_NOT_RECORDS = ("tallies", "sync", "conflicts")  # the tabs that are not a list of a kind


def _choose(box: QComboBox, value: object) -> None:
    """Select the item of ``box`` whose data is ``value`` (None: the "all" item)."""
    box.setCurrentIndex(max(0, box.findData(value)))
