"""The pages of the office's other work of the year: seminars, publications (CLAIR
Reports), media work, cooking events, research requests and seconded staff.

Each is a :class:`desktop.pages.list_page.RecordPage` whose columns, searched text and
form come from its kind's declaration (:mod:`desktop.models.lists`,
:mod:`desktop.forms.declared`); each declared list of codes shown in the list (a
seminar's kind, a publication's series, a request's status) gets a filter. The
month filter looks at the record's own date (a roster: the first day there).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from db.schema.fields import FieldType
from db.schema.kinds import YEAR_KINDS, RecordKind
from db.schema.words import word
from desktop.kit.i18n import noop
from desktop.models.lists import model_class
from desktop.pages.commands import UndoStack
from desktop.pages.list_page import RecordPage

if TYPE_CHECKING:  # the database modules load after the window first paints
    from db.storage.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("Pages", text)


# Per kind: the filter box's hint and the count under the list, in the window's words
# (the tab's title is the kind's own word, db/schema/words.py). A kind not named here gets
# the catalogue's general ones (page.filter, page.count).
TEXTS: dict[str, tuple[str, str]] = {
    RecordKind.SEMINAR: (noop("Pages", "Filter by title, theme, speaker or place"),
                         noop("Pages", "{shown} of {total} seminars")),
    RecordKind.PUBLICATION: (noop("Pages", "Filter by title or topic"),
                             noop("Pages", "{shown} of {total} publications")),
    RecordKind.MEDIA_WORK: (noop("Pages", "Filter by activity, outlet or local government"),
                            noop("Pages", "{shown} of {total} media work items")),
    RecordKind.COOKING_EVENT: (noop("Pages", "Filter by place, organisation or menu"),
                               noop("Pages", "{shown} of {total} cooking events")),
    RecordKind.RESEARCH_REQUEST: (noop("Pages", "Filter by subject or requesting body"),
                                  noop("Pages", "{shown} of {total} research requests")),
    RecordKind.SECONDED_STAFF: (noop("Pages", "Filter by name or home local government"),
                                noop("Pages", "{shown} of {total} seconded staff")),
}  # fmt: skip
# Default widths of the columns that need more than their declared width.
WIDTHS: dict[str, dict[str, int]] = {
    RecordKind.SEMINAR: {
        "dates": 170,
        "title": 300,
        "sessions": 220,
        "participants": 80,
        "theme": 240,
        "hosts": 120,
    },
    RecordKind.PUBLICATION: {"title": 420},
    RecordKind.MEDIA_WORK: {"dates": 170, "outlets": 120, "notes": 160, "municipalities": 300},
    RecordKind.COOKING_EVENT: {
        "dates": 170,
        "ingredients": 200,
        "notes": 140,
        "organisations": 160,
    },
    RecordKind.RESEARCH_REQUEST: {"dates": 170, "subject": 380},
    RecordKind.SECONDED_STAFF: {"dates": 170, "home": 200},
}
# The column that takes the room left (the main text of the record).
STRETCH: dict[str, str] = {RecordKind.PUBLICATION: "notes",
                           RecordKind.MEDIA_WORK: "activity", RecordKind.COOKING_EVENT: "menu",
                           RecordKind.RESEARCH_REQUEST: "notes",
                           RecordKind.SECONDED_STAFF: "notes"}  # fmt: skip


def _equals(name: str) -> Callable[[Any, Any], bool]:
    """A filter's test: the row's field ``name`` holds the chosen code."""
    return lambda row, code: bool(getattr(row, name) == code)


class YearPage(RecordPage):
    """A list of one kind of the office's other work (``kind`` set by a subclass)."""

    def __init__(self, db: Database | None, lang: str = "ja", parent: QWidget | None = None,
                 undo: UndoStack | None = None) -> None:  # fmt: skip
        spec = RecordKind(self.kind).spec
        texts = TEXTS.get(self.kind)
        self.placeholder = tr(texts[0]) if texts else word("page.filter", lang)
        super().__init__(db, model_class(RecordKind(self.kind))(lang), lang, parent, undo)
        self.code_filters: dict[str, QComboBox] = {}
        for f in spec.fields:
            if f.type is FieldType.CODE and f.listed and f.enum is not None:
                box = QComboBox()
                box.addItem(tr("{field}: all").format(field=word(f.label, lang)), None)
                for member in f.enum:
                    box.addItem(member.label(lang), member.value)  # type: ignore[attr-defined]
                self.add_filter(box, _equals(f.name))
                self.code_filters[f.name] = box
        columns = {c.key for c in self.model.columns}
        stretch = STRETCH.get(self.kind)
        self.remember_columns(WIDTHS.get(self.kind, {}), stretch if stretch in columns else None)

    def day_of(self, row: Any) -> date:
        return getattr(row, RecordKind(self.kind).spec.date_field)  # type: ignore[no-any-return]

    def in_month(self, row: Any, month: int) -> bool:
        """A roster's row (seconded staff) is in every month of the year it overlaps."""
        until = RecordKind(self.kind).spec.until
        if until is None:
            return super().in_month(row, month)
        year = self.fy if month >= 4 else self.fy + 1
        first = date(year, month, 1)
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        left = getattr(row, until)
        return self.day_of(row) <= last and (left is None or left >= first)

    def count_text(self) -> str:
        texts = TEXTS.get(self.kind)
        if texts:
            return tr(texts[1])
        kind = word(RecordKind(self.kind).spec.sheet_label, self.lang)
        if self.lang != "ja" and not kind[:2].isupper():  # "School visits", not "JETAA"
            kind = kind[:1].lower() + kind[1:]
        return word("page.count", self.lang, kind=kind, shown="{shown}", total="{total}")

    def title(self) -> str:
        """The tab's title: the kind's own word (as the workbook's sheet is named)."""
        return word(RecordKind(self.kind).spec.sheet_label, self.lang)


def page_classes() -> tuple[type[YearPage], ...]:
    """A page class per kind of the office's other work, in the order of the tabs."""
    return tuple(type(f"{RecordKind(k).spec.row_type.__name__}Page", (YearPage,), {"kind": k})
                 for k in YEAR_KINDS)  # fmt: skip


PAGES = page_classes()
