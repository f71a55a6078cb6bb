"""Tables whose columns fit their width: each as wide as its content, never scrolled sideways.

:class:`FittedTable` asks for the width its columns need whole (so a dialog opens as
wide as its table, up to the screen's room, :mod:`desktop.kit.fit`); given less, it
narrows the columns with the longest headings first, never below their cells' content
nor a few letters of the heading (the widest cells give way too only when the cells
alone are wider than the room), and a narrowed heading ends in "…" with the whole
heading as its tooltip. The restore dialog's counts per office and record type use it
(issue #25: its table scrolled sideways on a laptop, headings cut); :func:`fit_columns`
does the same for any table view (the sync page's board, whose model gives each heading
as its own tooltip).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QTableWidget, QWidget

FEWEST_LETTERS = "Mmmm…"  # a narrowed heading still shows this much
PAD = 8  # beside a heading: its letters never touch the column's lines


def natural_widths(view: QTableView) -> list[int]:
    """Each column's width with its heading and every cell whole."""
    header = view.horizontalHeader()
    return [max(view.sizeHintForColumn(c), header.sectionSizeFromContents(c).width() + PAD)
            for c in range(header.count())]  # fmt: skip


def _capped(wanted: list[int], least: list[int], room: int) -> list[int]:
    """``wanted`` widths, the widest cut to one cap (never below ``least``) so that
    they fit in ``room`` if they can."""
    if sum(wanted) <= room:
        return wanted
    low, high = 0, max(wanted, default=0)
    while low < high:  # the largest cap at which every column fits
        cap = (low + high + 1) // 2
        if sum(max(m, min(n, cap)) for n, m in zip(wanted, least, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    return [max(m, min(n, low)) for n, m in zip(wanted, least, strict=True)]


def fit_columns(view: QTableView) -> list[int]:
    """Size ``view``'s columns to its viewport's width (see the module); the widths
    each column would need whole (a column narrower than that has its heading cut)."""
    natural = natural_widths(view)
    letters = view.horizontalHeader().fontMetrics().horizontalAdvance(FEWEST_LETTERS) + PAD
    least = [max(view.sizeHintForColumn(c), min(n, letters)) for c, n in enumerate(natural)]
    room = view.viewport().width()
    if sum(least) > room:  # even so too wide: the widest cells give way too ("…")
        least = _capped(least, [min(m, letters) for m in least], room)
    widths = _capped(natural, least, room)  # the widest headings give way first, evenly
    header = view.horizontalHeader()
    for c, width in enumerate(widths):
        header.resizeSection(c, width)
    return natural


class _Refit(QObject):
    """Refits a view's columns whenever its viewport's width changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        view = self.parent()
        if event.type() == QEvent.Type.Resize and isinstance(view, QTableView):
            fit_columns(view)
        return super().eventFilter(watched, event)


def keep_fitted(view: QTableView) -> None:
    """Keep ``view``'s columns fitted to its width (:func:`fit_columns` on every resize;
    call it too after the rows change)."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "…", not cut at both ends
    view.setWordWrap(False)  # a narrowed cell ends in "…": its row stays one line
    view.viewport().installEventFilter(_Refit(view))


class FittedTable(QTableWidget):
    """A QTableWidget sized to its content (see the module); call :meth:`fit_columns`
    after changing its rows or headings (a resize refits by itself)."""

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(rows, columns, parent)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the room left over goes to the last column
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "…", not cut at both ends
        self.setWordWrap(False)

    def natural_widths(self) -> list[int]:
        """Each column's width with its heading and every cell whole."""
        return natural_widths(self)

    def fit_columns(self) -> None:
        """Size the columns to the viewport's width (see the module)."""
        natural = fit_columns(self)
        header = self.horizontalHeader()
        for c in range(self.columnCount()):
            item = self.horizontalHeaderItem(c)
            if item is not None:  # a narrowed heading is read whole in its tooltip
                item.setToolTip(item.text() if header.sectionSize(c) < natural[c] else "")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Room for every column whole and every row (a dialog opens this big, up to
        the screen's room)."""
        frame = 2 * self.frameWidth()
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        width = sum(self.natural_widths()) + frame + bar
        height = self.horizontalHeader().sizeHint().height() + self.verticalHeader().length()
        return QSize(width, height + frame)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(240, 120)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # the viewport's width, not the table's: a vertical scroll bar appearing takes room
        if event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().viewportEvent(event)
