"""Every window fits the screen it opens on: a 1366×768 laptop at 100 % or 125 %.

:func:`fit_into` makes a window no bigger than the room it has: when its content
cannot shrink that far (a seminar's form with its sessions, notes and history is taller
than a laptop's screen), everything above its buttons moves into a scroll area, so the
buttons stay in view and the fields scroll. :class:`ScreenFit` does this for every
dialog of the app as it is first shown (installed once on the application by the main
window), and names its inputs for screen readers (:mod:`desktop.kit.accessible`); tests call
:func:`fit_into` with the room of a 1366×768 screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

# Room for a window's content on a 1366×768 screen, after a taskbar (40 px) and a title
# bar (30 px): at 100 % scaling, and at 125 % (1093×614 logical pixels).
LAPTOP = QSize(1366, 698)
LAPTOP_125 = QSize(1093, 544)
MARGIN = 16  # kept free around a window so its frame shows


class _Scroll(QScrollArea):
    """A scroll area that asks for its content's whole size (Qt's caps it at a few
    hundred pixels) but can be made as small as a few lines."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        extent = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        return inner.sizeHint() + QSize(extent + 2, 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(240, 160)


def scrolled(window: QWidget) -> QScrollArea | None:
    """The scroll area :func:`make_scrolling` put in ``window``, if any."""
    found = window.findChild(_Scroll, "fit-scroll")
    return found if isinstance(found, _Scroll) else None


def make_scrolling(window: QWidget) -> QScrollArea | None:
    """Move everything of ``window``'s box layout above its buttons (a trailing
    QDialogButtonBox) into a scroll area; None if it has no box layout."""
    if scrolled(window) is not None:
        return scrolled(window)
    layout = window.layout()
    if not isinstance(layout, QVBoxLayout) or layout.count() == 0:
        return None
    end = layout.itemAt(layout.count() - 1)
    keep_last = end is not None and isinstance(end.widget(), QDialogButtonBox)
    body = QWidget()
    inner = QVBoxLayout(body)
    inner.setContentsMargins(0, 0, 0, 0)
    moved = layout.count() - (1 if keep_last else 0)
    for _ in range(moved):
        item = layout.takeAt(0)  # ours now: re-added to the scrolled body below
        if item is None:
            break
        widget, child = item.widget(), item.layout()
        if widget is not None:
            inner.addWidget(widget)
        elif child is not None:
            child.setParent(None)
            inner.addLayout(child)
        elif item.spacerItem() is not None:
            inner.addStretch(1)
    scroll = _Scroll()
    scroll.setObjectName("fit-scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    layout.insertWidget(0, scroll, 1)
    if window.isVisible():  # now, not when the layout's queued show comes (an error line
        scroll.show()  # shown before the next event would otherwise read as hidden)
    return scroll


def fit_into(window: QWidget, room: QSize) -> None:
    """Make ``window`` no bigger than ``room`` (scrolling its content if it must)."""
    sized = window.testAttribute(Qt.WidgetAttribute.WA_Resized)  # resize() was called
    want = window.size() if sized else window.sizeHint()
    if max(want.height(), window.minimumSizeHint().height()) > room.height():
        made = scrolled(window) is None
        scroll = make_scrolling(window)
        layout = window.layout()
        if layout is not None:  # the minimum is the scroll area's now, not the fields'
            layout.invalidate()
            layout.activate()
        if scroll is not None and made:  # room for the scroll bar: no field cut at the right
            extent = scroll.style().pixelMetric(scroll.style().PixelMetric.PM_ScrollBarExtent)
            want = QSize(want.width() + extent + 2, want.height())
    want = want.expandedTo(window.minimumSizeHint())
    window.resize(min(want.width(), room.width()), min(want.height(), room.height()))


def room_of(window: QWidget) -> QSize:
    """The room a window has on the screen it opens on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry().size()
    return QSize(area.width() - 2 * MARGIN, area.height() - 2 * MARGIN - 30)


class ScreenFit(QObject):
    """Fits every dialog to its screen as it is first shown (see :func:`fit_into`);
    to ``room`` when given (tests: the room of a 1366×768 screen)."""

    def __init__(self, parent: QObject | None = None, room: QSize | None = None) -> None:
        super().__init__(parent)
        self.room = room

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # the mark is a number (the crash at exit once blamed on a True property was
        # PySide 6.12's emit(): see desktop.kit.signal_refs)
        if (event.type() == QEvent.Type.Show and isinstance(watched, QDialog)
                and watched.property("fitted") != 1):  # fmt: skip
            watched.setProperty("fitted", 1)
            fit_into(watched, self.room or room_of(watched))
            from desktop.kit.accessible import name_inputs

            name_inputs(watched)  # and every input of it has a name (desktop.kit.accessible)
        return super().eventFilter(watched, event)


_installed: list[ScreenFit] = []


def install(app: QApplication) -> None:
    """Fit every dialog of ``app`` to its screen (once per application)."""
    if not any(f.parent() is app for f in _installed):
        fit = ScreenFit(app)
        _installed.append(fit)
        app.installEventFilter(fit)
