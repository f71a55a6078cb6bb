"""The window's tabs, each page built the first time it is wanted (#21).

Building every list page before the first paint cost about ten pages' worth of widgets
(``QTableView.setModel`` alone is ~10 ms a page, and PySide6 makes each Qt enum class on
first use), so the window showed later the more kinds of record it knew. :class:`LazyTabs`
holds, per tab, its title and a function that makes its page; until then the tab shows an
empty stand-in. The page is made when its tab is chosen, or when anything asks for it
through :meth:`LazyTabs.page` (the one door: menus, Ctrl+N, drops, search, "Show FY…",
a language switch, tests); :attr:`LazyTabs.built` tells the window, which connects the
page to the rest of the window then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QTabWidget, QWidget


class _TightTabs(QProxyStyle):
    """The application's style, with two thirds of the room either side of a tab's title: all
    thirteen titles fit a 1280 px window in English as in Japanese, whole."""

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,  # noqa: N802
                    widget: QWidget | None = None) -> int:  # fmt: skip
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return max(8, value * 2 // 3)
        return value


class LazyTabs(QTabWidget):
    """A tab widget whose pages, but the ones added made, are made on first use."""

    built = Signal(str, QWidget)  # the page of key ``str`` was just made (not yet shown)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: list[str] = []  # per tab, in order
        self._makers: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}
        self._making = False
        self.currentChanged.connect(self._chosen)
        # Every tab in sight (#21): a tab behind the tab bar's scroll arrows is a page a
        # person does not know is there (the English words at 1280-1366 px did that).
        # Too narrow a window shortens the longest titles with "…" instead; the whole
        # title is the tab's tooltip.
        bar = self.tabBar()
        bar.setUsesScrollButtons(False)
        bar.setElideMode(Qt.TextElideMode.ElideRight)
        self._tight = _TightTabs()  # kept: the bar does not own its style
        self._tight.setParent(self)
        bar.setStyle(self._tight)

    def add_page(self, key: str, page: QWidget, title: str) -> None:
        """A tab whose page is already made (the one on screen at start)."""
        self._keys.append(key)
        self._pages[key] = page
        self.set_title(key, title, self.addTab(page, title))

    def add_later(self, key: str, title: str, make: Callable[[], QWidget]) -> None:
        """A tab whose page ``make()`` makes when it is first chosen or asked for."""
        self._keys.append(key)
        self._makers[key] = make
        at = self.addTab(QWidget(), title)  # a stand-in: nothing to lay out, nothing to load
        self.set_title(key, title, at)

    def set_title(self, key: str, title: str, at: int | None = None) -> None:
        """The tab's title, and its tooltip (the whole title, when the bar shortens it)."""
        at = self.index_of(key) if at is None else at
        self.setTabText(at, title)
        self.setTabToolTip(at, title)

    def keys(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def key_at(self, index: int) -> str | None:
        return self._keys[index] if 0 <= index < len(self._keys) else None

    def index_of(self, key: str) -> int:
        """The tab of ``key`` (its page made or not)."""
        return self._keys.index(key)

    def made(self, key: str) -> QWidget | None:
        """The page of ``key`` if it has been made, else None (nothing is made)."""
        return self._pages.get(key)

    def made_pages(self) -> list[QWidget]:
        """The pages made so far, in tab order."""
        return [self._pages[k] for k in self._keys if k in self._pages]

    def page(self, key: str) -> QWidget:
        """The page of ``key``, made now if it was not yet: put in place of its
        stand-in, the same tab (title, position) and the same tab chosen as before."""
        page = self._pages.get(key)
        if page is not None:
            return page
        page = self._makers[key]()  # a maker that fails stays, to be tried again
        del self._makers[key]
        self._pages[key] = page
        at = self._keys.index(key)
        current, title, tip = self.currentIndex(), self.tabText(at), self.tabToolTip(at)
        stand_in = self.widget(at)
        self._making = True  # removing the tab chooses a neighbour for a moment
        self.setUpdatesEnabled(False)
        try:
            self.removeTab(at)
            self.insertTab(at, page, title)
            self.setTabToolTip(at, tip)
            self.setCurrentIndex(current)
        finally:
            self._making = False
            self.setUpdatesEnabled(True)
        if stand_in is not None:
            stand_in.deleteLater()
        self.built.emit(key, page)
        return page

    def _chosen(self, index: int) -> None:
        key = self.key_at(index)
        if not self._making and key is not None and key not in self._pages:
            self.page(key)
