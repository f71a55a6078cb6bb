"""The tallies page: every office side by side, the year before, and charts.

The table is the annual report's: one row per office, the total, then the previous
fiscal year's total and the change. Below it, the chosen family by month and by
quarter (this year beside the year before), and support cases by requester category
and by kind of support. Figures come from :mod:`db.tally.tallies` and :mod:`db.tally.breakdowns`,
so they are the reports' own. Double-clicking an office's figure (or a total) emits
:attr:`Dashboard.figure_opened` with the records it counts; the window opens that
list, filtered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.schema.enums import RequesterCategory, SupportType
from db.schema.fiscal import format_fy
from db.schema.offices import office
from db.schema.words import word
from db.tally.figures import MAIN, SEMINARS, YEAR, Filter, TallyFigure, in_table
from desktop.kit.markers import mark_next_paint
from desktop.kit.tasks import Task
from desktop.pages.month_chart import LAST_YEAR, THIS_YEAR, MonthChart

if TYPE_CHECKING:  # the database modules load after the window first paints
    from db.read.lookups import ChartFigures
    from db.storage.database import Database
    from db.tally.tallies import OfficeTally, Tally


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


# The figures of the two tables, as db/tally/figures.py declares them (the command line's
# tally table shows the same, under the same headings).
MAIN_FIGURES = in_table(MAIN, dashboard=True)
YEAR_FIGURES = in_table(SEMINARS, YEAR, dashboard=True)  # the office's other work
COLUMNS = tuple(f.words for f in MAIN_FIGURES)  # their headings: keys of db.schema.words
YEAR_COLUMNS = tuple(f.words for f in YEAR_FIGURES)
# What double-clicking a figure opens: the records it counts (its office filled in).
Figure = Filter
CHARTS_AT_LEAST = 210  # the charts' height below the tables, else they become a tab
# The families the chart by month shows, and their words (keys of db.schema.words).
FAMILIES = (
    ("support_cases", "chart.counted_cases"),
    ("event_booths", "kind.event_booth"),
    ("newsletter_issues", "kind.newsletter_issue"),
    ("jetaa_events", "kind.jetaa_event"),
)


def figures(t: OfficeTally) -> list[int]:
    return [f.count(t) for f in MAIN_FIGURES]


def year_figures(t: OfficeTally) -> list[int]:
    return [f.count(t) for f in YEAR_FIGURES]


def _figures_table(columns: Sequence[str], lang: str, height: int) -> QTableWidget:
    """A table of figures per office with these headings (keys of db.schema.words)."""
    table = QTableWidget(0, len(columns))
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    for c, key in enumerate(columns):
        heading = QTableWidgetItem(word(key, lang))
        heading.setToolTip(word(key, lang))  # the whole heading where it is elided
        table.setHorizontalHeaderItem(c, heading)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    # a long heading wraps onto a second line ("Enquiries / (not counted)"), never "Enq…"
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    header.setTextElideMode(Qt.TextElideMode.ElideNone)
    header.setMinimumHeight(2 * table.fontMetrics().height() + 8)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(height)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


class BarsChart(QWidget):
    """Horizontal bars, one pair (this year, the year before) per label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.labels: tuple[str, ...] = ()
        self.current: tuple[int, ...] = ()
        self.previous: tuple[int, ...] = ()
        self.setMinimumHeight(60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_values(self, title: str, labels: Sequence[str], current: Sequence[int],
                   previous: Sequence[int]) -> None:  # fmt: skip
        self.title, self.labels = title, tuple(labels)
        self.setMinimumHeight(26 + len(self.labels) * 12)
        self.current, self.previous = tuple(current), tuple(previous)
        pairs = zip(self.labels, self.current, self.previous, strict=True)
        self.setToolTip("\n".join(f"{label}: {c} ({p})" for label, c, p in pairs))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        painter.setPen(text)
        area = QRectF(self.rect()).adjusted(8, 2, -8, -4)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.title)
        if not self.labels:
            painter.end()
            return
        metrics = painter.fontMetrics()
        widest = max(metrics.horizontalAdvance(s) for s in self.labels)
        label_width = min(area.width() * 0.45, widest + 8)
        top = max(1, *self.current, *self.previous)
        line = (area.height() - 22) / len(self.labels)
        bar = max(3.0, line * 0.32)
        left = area.left() + label_width
        room = area.right() - left - 40
        for i, (label, now, before) in enumerate(
            zip(self.labels, self.current, self.previous, strict=True)
        ):
            y = area.top() + 22 + i * line
            painter.setPen(text)
            box = QRectF(area.left(), y - line / 2, label_width - 6, line * 2)
            wraps = metrics.horizontalAdvance(label) > label_width - 6  # two lines, not "…"
            painter.drawText(box if wraps else QRectF(area.left(), y, label_width - 6, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                                 | (Qt.TextFlag.TextWordWrap if wraps else 0)), label)  # fmt: skip
            middle = y + line / 2
            for offset, value, color in ((-bar, before, LAST_YEAR), (0.0, now, THIS_YEAR)):
                width = room * value / top
                painter.fillRect(QRectF(left, middle + offset, width, bar), QBrush(color))
            painter.drawText(QRectF(left + room * now / top + 4, y, 40, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             str(now))  # fmt: skip
        painter.end()


class Dashboard(QWidget):
    """The tallies table above the charts; both read off the GUI thread."""

    tallied = Signal(int)  # the table shows a year: its counted support cases
    figure_opened = Signal(str, object)  # a figure was double-clicked: its kind, Figure
    conflicts_opened = Signal()  # the link to the waiting conflicts was followed

    def __init__(self, db: Database | None, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.lang = db, lang
        height = self.fontMetrics().height() + 8
        self.table = _figures_table(COLUMNS, lang, height)
        self.table.cellDoubleClicked.connect(self.open_cell)
        self.year_table = _figures_table(YEAR_COLUMNS, lang, height)
        self.year_table.cellDoubleClicked.connect(self.open_year_cell)
        self.tables = QTabWidget()
        self.tables.addTab(self.table, tr("Support, events, newsletters, JETAA"))
        self.tables.addTab(self.year_table, tr("Seminars, reports, media and staff"))
        for n, shown in enumerate((self.table, self.year_table)):  # said by a screen reader
            shown.setAccessibleName(self.tables.tabText(n))
        self.offices: list[str] = []  # the office of each row above the total
        self.family = QComboBox()
        for key, text in FAMILIES:
            self.family.addItem(word(text, lang), key)
        self.family.currentIndexChanged.connect(lambda _i: self.refresh_charts())
        self.family.setAccessibleName(tr("Chart by month of"))
        self.chart = MonthChart()
        self.categories = BarsChart()
        self.kinds = BarsChart()
        self.fy = 2023
        self.office: str | None = None  # None: all offices
        self.charts_wanted = False  # set once the window has painted: charts come second
        self.charts_box = QWidget()  # below the tables, or their third tab on a low screen
        charts = QHBoxLayout(self.charts_box)
        charts.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self.family, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.chart, 1)
        charts.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self.categories, 2)
        right.addWidget(self.kinds, 5)
        charts.addLayout(right, 2)
        layout = self.page = QVBoxLayout(self)
        from desktop.pages.conflicts import conflicts_banner

        self.conflicts = conflicts_banner(self.conflicts_opened)
        layout.addWidget(self.conflicts)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        for shown in (self.table, self.year_table):  # a narrower column wraps its heading
            shown.horizontalHeader().sectionResized.connect(lambda *_a: self._refit())
        layout.addWidget(self.tables, 0, Qt.AlignmentFlag.AlignTop)  # as tall as its rows:
        # the table never scrolls
        for chart in (self.chart, self.categories, self.kinds):  # the charts give up room
            chart.setMinimumHeight(0)
        layout.addWidget(self.charts_box, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Where the page is too low for the charts under the whole table (a 1366×768
        laptop at 125 %), the charts become the tables' third tab, "Charts"."""
        super().resizeEvent(event)
        # after the layout has finished: moving widgets inside its own resize crashed Qt
        QTimer.singleShot(0, self.place_charts)

    def _refit(self) -> None:
        if self.table.rowCount():
            self._fit_tables()

    def place_charts(self) -> None:
        below = self.tables.indexOf(self.charts_box) < 0
        banner = self.conflicts.sizeHint().height() if self.conflicts.isVisibleTo(self) else 0
        room = self.height() - self.tables.maximumHeight() - banner
        if below and room < CHARTS_AT_LEAST:
            self.page.removeWidget(self.charts_box)
            self.tables.addTab(self.charts_box, tr("Charts"))
        elif not below and room >= CHARTS_AT_LEAST + 20:  # a margin: no flapping
            self.tables.removeTab(self.tables.indexOf(self.charts_box))
            self.page.addWidget(self.charts_box, 1)
            self.charts_box.show()

    def show_conflicts(self, n: int) -> None:
        """Say how many conflicts wait (nothing when none do)."""
        from desktop.pages.conflicts import show_conflicts

        show_conflicts(self.conflicts, n)

    def refresh(self, fy: int, office_code: str | None) -> None:
        """Show the year's figures (the charts for ``office_code``, None: all), read off
        the GUI thread; :attr:`tallied` then gives the counted support cases."""
        from db.read.lookups import year_tallies

        self.fy, self.office = fy, office_code
        if self.db is None:
            return
        db = self.db
        Task(self, lambda: year_tallies(db, fy)).success(
            lambda tallies: self.show_tallies(fy, tallies)).run()  # fmt: skip

    def show_tallies(self, fy: int, tallies: tuple[Tally, Tally]) -> None:
        """Show ``fy``'s figures (every office's) and the year before's."""
        if fy != self.fy:  # another year was chosen meanwhile: its figures follow
            return
        now, before = tallies
        self.offices = list(now.offices)
        # a year before with no records at all has no figures: "—", not 0 and "+435"
        recorded = any(figures(before.total)) or any(year_figures(before.total))
        for table, of in ((self.table, figures), (self.year_table, year_figures)):
            rows: list[tuple[str, Sequence[int | None]]] = [
                (office(c).name(self.lang), of(t)) for c, t in now.offices.items()
            ]
            this = of(now.total)
            last: list[int | None] = list(of(before.total)) if recorded else [None] * len(this)
            rows.append((word("total", self.lang), this))
            rows.append((tr("Total, {fy}").format(fy=format_fy(fy - 1, self.lang)), last))
            rows.append(
                (
                    tr("Change"),
                    [None if b is None else a - b for a, b in zip(this, last, strict=True)],
                )
            )
            self._fill(table, rows)
        self._fit_tables()
        self.tallied.emit(now.total.support_cases.total)
        mark_next_paint(self.table.viewport(), "tallies")
        if self.charts_wanted:
            self.refresh_charts()

    def _fit_tables(self) -> None:
        """Each table as tall as its headings (wrapped to their columns' widths) and
        every row; the tabs as tall as the taller: no scroll bar (issue #25)."""
        for table in (self.table, self.year_table):
            header = table.horizontalHeader()
            metrics = header.fontMetrics()
            lines = max(
                [metrics.boundingRect(0, 0, max(10, header.sectionSize(c) - 10), 1000,
                                      int(Qt.TextFlag.TextWordWrap), item.text()).height()
                 for c in range(table.columnCount())
                 if (item := table.horizontalHeaderItem(c)) is not None],
                default=0,
            )  # fmt: skip
            header.setMinimumHeight(max(lines + 10, 2 * metrics.height() + 8))
            rows = table.verticalHeader().defaultSectionSize() * table.rowCount()
            whole = rows + header.minimumHeight() + 4
            table.setMaximumHeight(whole)  # every row, and no more
            table.setMinimumHeight(whole)
        tallest = max(self.table.maximumHeight(), self.year_table.maximumHeight())
        whole = tallest + self.tables.tabBar().sizeHint().height() + 6
        self.tables.setMaximumHeight(whole)
        self.tables.setMinimumHeight(whole)
        QTimer.singleShot(0, self.place_charts)  # never inside a layout's own pass

    def _fill(self, table: QTableWidget, rows: list[tuple[str, Sequence[int | None]]]) -> None:
        table.setRowCount(len(rows))
        table.setVerticalHeaderLabels([label for label, _ in rows])
        for r, (_, values) in enumerate(rows):
            for c, value in enumerate(values):
                change = r == len(rows) - 1
                item = QTableWidgetItem(
                    "—" if value is None else f"{value:+,}" if change and value else f"{value:,}"
                )
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r >= len(rows) - 2:
                    item.setForeground(QBrush(QColor("#6b7280")))
                table.setItem(r, c, item)

    def open_year_cell(self, row: int, column: int) -> None:
        """As :meth:`open_cell`, for the table of the office's other work."""
        self._open(YEAR_FIGURES, row, column)

    def open_cell(self, row: int, column: int) -> None:
        """Tell which records the figure at ``row``, ``column`` counts (an office's row
        or the total; the year before and the change have no list of their own)."""
        self._open(MAIN_FIGURES, row, column)

    def _open(self, shown: tuple[TallyFigure, ...], row: int, column: int) -> None:
        if row > len(self.offices) or not 0 <= column < len(shown):
            return
        figure = shown[column]
        code = self.offices[row] if row < len(self.offices) else None  # the total: all
        self.figure_opened.emit(figure.kind, replace(figure.filter, office=code))

    def refresh_charts(self) -> None:
        """Read the charts' figures off the GUI thread (a year of 100,000 cases takes a
        few hundred milliseconds), then draw them."""
        from db.read.lookups import chart_figures

        fy, code, key = self.fy, self.office, self.family.currentData()
        if self.db is None:
            return
        db = self.db
        Task(self, lambda: chart_figures(db, fy, code, key)).success(self._show).run()

    def _show(self, figures: ChartFigures) -> None:
        fy, code = figures.fy, figures.office
        where = office(code).name(self.lang) if code else tr("All offices")
        family = self.family.itemText(self.family.findData(figures.family))
        self.chart.set_values(
            tr("{family} by month, {where} ({fy}; pale: the year before)").format(
                family=family, where=where, fy=format_fy(fy, self.lang)),
            figures.months, figures.months_before)  # fmt: skip
        self.categories.set_values(
            tr("Counted support cases by requester category"),
            [c.label(self.lang) for c in RequesterCategory], figures.categories,
            figures.categories_before)  # fmt: skip
        self.kinds.set_values(
            tr("Counted support cases by support given"),
            [k.label(self.lang) for k in SupportType],
            figures.kinds,
            figures.kinds_before,
        )
        mark_next_paint(self.chart, "charts")
