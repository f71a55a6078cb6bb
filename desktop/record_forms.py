"""The event-booth form (see :mod:`desktop.form_base`).

Event legs and JETAA sessions are small tables (:mod:`desktop.stops_table`);
participating local governments are typed with completion from the names entered
before and from requesters of support cases, one per line in a list.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from db.errors import ValidationError
from db.fiscal import Period
from db.kinds import EventRow as EventValues
from db.kinds import RecordKind
from desktop.declared_form import NamesList
from desktop.form_base import (
    RecordForm,
    count_box,
    count_of,
    set_count,
)
from desktop.stops_table import StopsTable, unknown_country_message
from desktop.tasks import Task

if TYPE_CHECKING:
    from db.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordForm", text)


class StopsForm(RecordForm):
    """A form whose dates are the rows of a :class:`StopsTable` (``self.stops``, shown
    beside the field named ``stops_field``)."""

    stops: StopsTable
    stops_field = ""

    def explain(self, error: ValidationError) -> tuple[str, str] | None:
        unknown = self.stops.unknown_country() if error.detail == "country" else None
        return None if unknown is None else (self.stops_field, unknown_country_message(unknown))

    def first_day(self) -> date | None:
        return min((s.start_date for s in self.stops.stops()), default=None)

    def last_day(self) -> date | None:
        return max((s.end_date for s in self.stops.stops()), default=None)


class EventForm(StopsForm):
    kind = RecordKind.EVENT_BOOTH
    stops_field = "legs"

    def __init__(self, db: Database, period: Period, values: EventValues | None = None,
                 lang: str = "ja", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(period, lang, parent)
        self.setWindowTitle(tr("Event booth"))
        self.name, self.name_en = QLineEdit(), QLineEdit()
        self.hosted = QCheckBox(tr("Hosted by the office"))
        self.legs = self.stops = StopsTable(lang, False, period.start)
        self.legs.changed.connect(self.dates_changed)
        self.municipalities = NamesList([])  # completion: names read in the background
        self._read_known_names(db)
        self.exhibitors, self.items_shown, self.visitors = count_box(), count_box(), count_box()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        f = self.form
        f.addRow(tr("Office"), self.office)
        f.addRow(tr("Event"), self.with_error("name", self.name))
        f.addRow(tr("Event (English)"), self.name_en)
        f.addRow("", self.hosted)
        f.addRow(tr("Dates and places"), self.with_error("legs", self.legs))
        f.addRow(tr("Local governments"), self.municipalities)
        counts = QHBoxLayout()
        for label, box in ((tr("Exhibitors"), self.exhibitors),
                           (tr("Items shown"), self.items_shown),
                           (tr("Visitors"), self.visitors)):  # fmt: skip
            counts.addWidget(QLabel(label))
            counts.addWidget(box)
        counts.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        holder.setLayout(counts)
        f.addRow(tr("Counts"), self.with_error("exhibitors", holder))
        self.errors["items_shown"] = self.errors["visitors"] = self.errors["exhibitors"]
        f.addRow(tr("Notes"), self.notes)
        self.add_declared_fields(
            {
                "name",
                "name_en",
                "hosted",
                "legs",
                "municipalities",
                "exhibitors",
                "items_shown",
                "visitors",
                "notes",
            }
        )
        self.resize(760, 640)
        if values is None:
            self.legs.add()
        else:
            self.load(values)
        self.dates_changed()

    def _read_known_names(self, db: Database) -> None:
        from db.lookups import known_local_governments

        Task(self, lambda: known_local_governments(db)).success(
            self.municipalities.set_known).run()  # fmt: skip

    def load(self, v: EventValues) -> None:
        self.office.setCurrentIndex(self.office.findData(v.office_code))
        self.name.setText(v.name)
        self.name_en.setText(v.name_en)
        self.hosted.setChecked(v.hosted)
        self.legs.set_stops(v.legs)
        self.municipalities.set_names(v.municipalities)
        for box, value in ((self.exhibitors, v.exhibitors), (self.items_shown, v.items_shown),
                           (self.visitors, v.visitors)):  # fmt: skip
            set_count(box, value)
        self.notes.setPlainText(v.notes)
        self.load_declared(v)

    def values(self) -> EventValues:
        return EventValues(
            office_code=self.office.currentData(), name=self.name.text(),
            legs=self.legs.stops(), name_en=self.name_en.text(), hosted=self.hosted.isChecked(),
            exhibitors=count_of(self.exhibitors), items_shown=count_of(self.items_shown),
            visitors=count_of(self.visitors), notes=self.notes.toPlainText(),
            municipalities=self.municipalities.names(), **self.declared_values(),
        )  # fmt: skip
