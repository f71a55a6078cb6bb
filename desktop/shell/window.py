"""The main window: the fiscal year and office chosen at the top, its menus and toolbar,
and the pages (tallies, a list per record type, sync, conflicts) in tabs.

What the File menu does lives in :mod:`desktop.shell.file_actions`; how the app starts (and
opens the database after the first paint) in :mod:`desktop.shell.startup`. The
:class:`Shell` holds what outlives one window (database, undo history, translators).
"""

from __future__ import annotations

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
    QTabWidget,
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
    from desktop.pages.list_page import RecordPage
    from desktop.pages.tallies import Figure


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
        self.shell = shell or Shell(None)
        self.shell.setParent(self)
        self.undo = self.shell.undo
        self.undo.record_changed.connect(self._record_changed)  # the pages reload themselves
        self.setWindowTitle(tr("Office Ledger — {path}").format(path=self.db_path.name))
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
        from desktop.pages.cases import CasesPage

        layout = QVBoxLayout()
        layout.addLayout(top)
        from desktop.pages.tallies import Dashboard

        self.pages = QTabWidget()
        self.dashboard = Dashboard(None, lang)
        self.table, self.chart = self.dashboard.table, self.dashboard.chart
        from db.schema.words import word

        self.pages.addTab(self.dashboard, word("tallies", lang))
        self.dashboard.figure_opened.connect(self.open_figure)
        self.dashboard.tallied.connect(self._tallied)
        from desktop.pages.events_and_issues import EventsPage, IssuesPage, JetaaPage

        self.cases = CasesPage(None, lang, self, self.undo)
        self.events = EventsPage(None, lang, self, self.undo)
        self.issues = IssuesPage(None, lang, self, self.undo)
        self.jetaa = JetaaPage(None, lang, self, self.undo)
        from db.schema.kinds import RecordKind

        for page in (self.cases, self.events, self.issues, self.jetaa):
            # the kind's own word, as the workbook's sheet is named (db/schema/words.py)
            self.pages.addTab(page, word(RecordKind(page.kind).spec.sheet_label, lang))
        from desktop.pages.year_work import PAGES

        # the office's other work of the year: seminars, publications... (one tab each)
        self.year_pages = tuple(cls(None, lang, self, self.undo) for cls in PAGES)
        for year_page in self.year_pages:
            self.pages.addTab(year_page, year_page.title())
        from desktop.pages.sync import SyncPage

        self.sync = SyncPage(None, self, lang)
        self.selection_changed.connect(self.sync.set_selection)
        self.pages.addTab(self.sync, tr("Sync"))
        self.files.exported.connect(self.sync.refresh)
        from desktop.pages.conflicts import ConflictsPage

        self.conflicts = ConflictsPage(None, lang, self)
        self.pages.addTab(self.conflicts, tr("Conflicts"))
        self.conflicts.counted.connect(self._conflicts_counted)
        self.conflicts.settled.connect(self.undo.record_changed)  # lists, tallies
        self.sync.imported.connect(self.conflicts.load)  # an import may bring conflicts
        self.dashboard.conflicts_opened.connect(self.open_conflicts)
        self.sync.conflicts_opened.connect(self.open_conflicts)
        layout.addWidget(self.pages)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.year.setValue(fiscal_year(date.today()))
        self.year_label.setText(format_fy(self.year.value(), lang))
        self.year.valueChanged.connect(self.refresh)
        for shown in self.record_pages():  # a record saved in another year: "Show FY…"
            shown.year_wanted.connect(self.year.setValue)
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
        self.hide()
        self.deleteLater()
        return new

    def open_figure(self, kind: str, figure: Figure) -> None:
        """Show the list of ``kind`` filtered to what ``figure`` counts (the dashboard's
        figure_opened)."""
        page = self.page_of(kind)
        if page is self.cases:
            _choose(self.cases.counted, figure.counted)
            _choose(self.cases.category, figure.category)
        elif page is self.events:
            _choose(self.events.hosted, figure.hosted)
        page.month.setCurrentIndex(0)
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
        self.cases.fy = look.fy
        self.cases.show_first_rows(look.rows)

    def attach(self, db: Database) -> None:
        """Show this database: every page gets it, then the latest year's figures."""
        from db.read.lookups import latest_fiscal_year

        self.db = self.shell.db = db
        for page in self.record_pages():
            page.db = db
        self.dashboard.db = self.sync.db = self.conflicts.db = db
        from desktop.shell import safety

        safety.attached(self, db)  # marks a read-only database; daily backups
        latest = latest_fiscal_year(db)  # one indexed max() per table
        self.year.blockSignals(True)
        self.year.setValue(latest)
        self.year.blockSignals(False)
        self.refresh()
        self.conflicts.load()
        QTimer.singleShot(0, self.sync.refresh)  # after the figures: it loads the mail stack

    def record_pages(self) -> tuple[RecordPage, ...]:
        return (self.cases, self.events, self.issues, self.jetaa, *self.year_pages)

    def page_of(self, kind: str) -> RecordPage:
        """The list of records of ``kind`` (a db.records.edit kind)."""
        return next(p for p in self.record_pages() if p.kind == kind)

    def record_page(self) -> RecordPage:
        """The list on screen; the support cases when another page is shown."""
        page = self.pages.currentWidget()
        return next((p for p in self.record_pages() if p is page), self.cases)

    def new(self) -> None:
        """A new record: of the list on screen, else (the tallies, sync, conflicts) of
        the kind the person chooses."""
        page = self.pages.currentWidget()
        if page in self.record_pages():
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

        pages = self.record_pages()
        names = [word(f"noun.{p.kind}", self.lang) for p in pages]
        names = [n[:1].upper() + n[1:] for n in names]
        name, ok = QInputDialog.getItem(self, tr("New record"), tr("What kind of record?"),
                                        names, 0, False)  # fmt: skip
        return str(pages[names.index(name)].kind) if ok and name in names else None

    def _record_changed(self, _kind: str) -> None:
        """After an edit (or its undo): the tallies show it (the page reloads itself)."""
        self.refresh_tallies()

    def _find(self) -> None:
        page = self.record_page()
        self.pages.setCurrentWidget(page)
        page.focus_filter()

    def load_lists(self) -> None:
        for page in self.record_pages():
            page.load(self.year.value(), None)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        QSettings().setValue("main/geometry", self.saveGeometry())
        if self.isVisible():  # not the window a language switch replaced
            from desktop.shell import safety

            safety.closing(self)  # a backup, if anything changed
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:  # the lists load once the window is on screen: the load
            self._painted = True  # holds the GIL for a while, and painting needs it too
            self.first_painted.emit()
            if self.db is None:  # started from a path: desktop.shell.startup opens it now
                return
            QTimer.singleShot(0, self.load_lists)
            self.dashboard.charts_wanted = True
            QTimer.singleShot(0, self.dashboard.refresh_charts)

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

    def _conflicts_counted(self, n: int) -> None:
        """How many conflicts wait: on the tab, the dashboard and the sync page."""
        at = self.pages.indexOf(self.conflicts)
        self.pages.setTabText(at, tr("Conflicts ({n})").format(n=n) if n else tr("Conflicts"))
        self.dashboard.show_conflicts(n)
        self.sync.show_conflicts(n)

    def _tallied(self, n: int) -> None:
        self.statusBar().showMessage(tr("{n} counted support cases").format(n=n))


def _choose(box: QComboBox, value: object) -> None:
    """Select the item of ``box`` whose data is ``value`` (None: the "all" item)."""
    box.setCurrentIndex(max(0, box.findData(value)))
