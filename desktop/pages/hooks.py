"""What a kind's list page shows beyond its declaration (:mod:`desktop.pages.list_page`).

Every kind's page is one :class:`desktop.pages.list_page.RecordPage`: its columns,
searched text and form come from the declaration, and every declared code shown in
the list (a case's status, a seminar's kind) gets a drop-down filter. What a kind's
page needs more is said here, in one table: the filter box's hint and the count line
in the window's words, first column widths and the column that takes the room left,
yes/no drop-downs with words of their own (counted cases or enquiries, hosted or
joined), a drop-down of the countries the year's rows visit, how many rows are read
first (a big year), and how a row's UUID is found when the list's rows carry only the
row id. A kind not named here gets the catalogue's general hint and count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from db.schema.countries import country_name
from db.schema.kinds import RecordKind
from desktop.kit.i18n import noop

if TYPE_CHECKING:
    from db.storage.database import Database
    from desktop.pages.list_page import RecordPage


def tr(text: str) -> str:
    return QCoreApplication.translate("Pages", text)


@dataclass(frozen=True)
class YesNo:
    """A drop-down over a yes/no field: its "all" item, then yes, then no."""

    field: str
    all: str  # the words, marked with noop("Pages", ...) and translated when shown
    yes: str
    no: str


# The support cases read first of a big year: a screenful or two, shown before the
# year's 100,000 are read, and what the first look reads before the database opens
# (desktop.shell.late_open, db.read.first_look).
FIRST_ROWS = 400


def _case_uuid(db: Database, row_id: int) -> str:
    from db.read.lookups import case_uuid  # the database modules load after the first paint

    return case_uuid(db, row_id)


@dataclass(frozen=True)
class PageHooks:
    """A kind's page beyond its declaration (the defaults: nothing more)."""

    hint: str = ""  # the filter box's hint ("": the catalogue's page.filter)
    count: str = ""  # "{shown} of {total} …" ("": the catalogue's page.count)
    widths: dict[str, int] = field(default_factory=dict)  # by column key ("dates")
    stretch: str | None = None  # the column that takes the room left
    yes_no: tuple[YesNo, ...] = ()  # before the declared codes' drop-downs
    countries: bool = False  # a drop-down of the countries the loaded rows visit
    first_rows: int = 0  # read this many first and show them, then the rest (0: all)
    uuid_by_id: Callable[[Database, int], str] | None = None  # slim list rows: id only


PAGES: dict[str, PageHooks] = {
    RecordKind.SUPPORT_CASE: PageHooks(
        noop("Pages", "Filter by requester, summary or staff"),
        noop("Pages", "{shown} of {total} cases"),
        # at 1366 px the summary (the stretching column) keeps ~170 px of the rest
        {"dates": 170, "requester": 170, "requester_category": 140, "types": 200, "counted": 70},
        "summary",
        (YesNo("counted", noop("Pages", "Counted and enquiries"),
               noop("Pages", "Counted cases"), noop("Pages", "Phone/email enquiries")),),
        first_rows=FIRST_ROWS,
        uuid_by_id=_case_uuid,
    ),
    RecordKind.EVENT_BOOTH: PageHooks(
        noop("Pages", "Filter by event, place or local government"),
        noop("Pages", "{shown} of {total} events"),
        {"dates": 170, "name": 260, "legs": 180},
        "notes",
        (YesNo("hosted", noop("Pages", "Hosted and joined"),
               noop("Pages", "Hosted by the office"), noop("Pages", "Joined")),),
        countries=True,
    ),
    RecordKind.NEWSLETTER_ISSUE: PageHooks(
        noop("Pages", "Filter by newsletter, number or contents"),
        noop("Pages", "{shown} of {total} issues"),
        {"dates": 110, "title": 240},
        "contents",
    ),
    RecordKind.JETAA_EVENT: PageHooks(
        noop("Pages", "Filter by event or place"),
        noop("Pages", "{shown} of {total} JETAA events"),
        {"dates": 170, "name": 280, "sessions": 180},
        "notes",
        countries=True,
    ),
    RecordKind.SEMINAR: PageHooks(
        noop("Pages", "Filter by title, theme, speaker or place"),
        noop("Pages", "{shown} of {total} seminars"),
        {"dates": 170, "title": 300, "sessions": 220, "participants": 80, "theme": 240,
         "hosts": 120},
    ),
    RecordKind.PUBLICATION: PageHooks(
        noop("Pages", "Filter by title or topic"),
        noop("Pages", "{shown} of {total} publications"),
        {"title": 420},
        "notes",
    ),
    RecordKind.MEDIA_WORK: PageHooks(
        noop("Pages", "Filter by activity, outlet or local government"),
        noop("Pages", "{shown} of {total} media work items"),
        {"dates": 170, "outlets": 120, "notes": 160, "municipalities": 300},
        "activity",
    ),
    RecordKind.COOKING_EVENT: PageHooks(
        noop("Pages", "Filter by place, organisation or menu"),
        noop("Pages", "{shown} of {total} cooking events"),
        {"dates": 170, "ingredients": 200, "notes": 140, "organisations": 160},
        "menu",
    ),
    RecordKind.RESEARCH_REQUEST: PageHooks(
        noop("Pages", "Filter by subject or requesting body"),
        noop("Pages", "{shown} of {total} research requests"),
        {"dates": 170, "subject": 340, "answering": 220},
        "notes",
    ),
    RecordKind.SECONDED_STAFF: PageHooks(
        noop("Pages", "Filter by name or home local government"),
        noop("Pages", "{shown} of {total} seconded staff"),
        {"dates": 170, "home": 200},
        "notes",
    ),
}  # fmt: skip


def hooks_of(kind: str) -> PageHooks:
    return PAGES.get(kind) or PageHooks()


def all_of(field_label: str) -> str:
    """The "all" item of a declared code's drop-down ("Status: all")."""
    return tr("{field}: all").format(field=field_label)


class CountryFilter:
    """A combo of the countries the loaded rows visit (refilled on every load)."""

    def __init__(self, page: RecordPage) -> None:
        self.page = page
        self.box = QComboBox()
        self.box.addItem(tr("All countries"), None)
        page.add_filter(self.box, lambda row, code: code in row.countries)
        page.rows_loaded.connect(self.refill)

    def refill(self, rows: Sequence[Any]) -> None:
        chosen = self.box.currentData()
        found = {c for r in rows for c in r.countries}
        self.box.blockSignals(True)
        while self.box.count() > 1:
            self.box.removeItem(1)
        for name, code in sorted((country_name(c, self.page.lang), c) for c in found):
            self.box.addItem(name, code)
        self.box.setCurrentIndex(max(0, self.box.findData(chosen)))
        self.box.blockSignals(False)
