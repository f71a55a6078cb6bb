"""The event-booth, JETAA-event and newsletter-issue forms (see :mod:`desktop.form_base`).

Event legs and JETAA sessions are small tables (:mod:`desktop.stops_table`);
participating local governments are typed with completion from the names entered
before and from requesters of support cases, one per line in a list.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.enums import JetaaKind, NewsletterFormat
from db.errors import ValidationError
from db.fiscal import Period, format_era_date
from db.kinds import EventRow as EventValues
from db.kinds import IssueRow as IssueValues
from db.kinds import JetaaRow as JetaaValues
from db.kinds import RecordKind
from desktop.date_field import DateField
from desktop.form_base import (
    RecordForm,
    count_box,
    count_of,
    date_edit,
    pydate,
    qdate,
    set_count,
)
from desktop.stops_table import StopsTable, unknown_country_message
from desktop.tasks import Task

if TYPE_CHECKING:
    from db.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordForm", text)


class NamesList(QWidget):
    """A list of names typed one at a time with completion; Enter or Add appends."""

    def __init__(self, known: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = QLineEdit(placeholderText=tr("Type a name, then Enter"))
        self.known = QStringListModel(known, self)
        completer = QCompleter(self.known, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.entry.setCompleter(completer)
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        add, remove = QPushButton(tr("Add")), QPushButton(tr("Remove"))
        add.clicked.connect(self.add_typed)
        remove.clicked.connect(self.remove_selected)
        self.entry.returnPressed.connect(self.add_typed)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def set_known(self, names: list[str]) -> None:
        """The names the entry completes from."""
        self.known.setStringList(names)

    def add_typed(self) -> None:
        name = self.entry.text().strip()
        if name and name not in self.names():
            self.list.addItem(name)
        self.entry.clear()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def names(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).text() for i in range(self.list.count()))

    def set_names(self, names: Any) -> None:
        self.list.clear()
        self.list.addItems(list(names))


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


class JetaaForm(StopsForm):
    kind = RecordKind.JETAA_EVENT
    stops_field = "sessions"

    def __init__(self, db: Database, period: Period, values: JetaaValues | None = None,
                 lang: str = "ja", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(period, lang, parent)
        del db
        self.setWindowTitle(tr("JETAA event"))
        self.name = QLineEdit()
        self.kind_box = QComboBox()
        for k in JetaaKind:
            self.kind_box.addItem(k.label(lang), k.value)
        self.sessions = self.stops = StopsTable(lang, True, period.start)
        self.sessions.changed.connect(self.dates_changed)
        self.participants = count_box()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        f = self.form
        f.addRow(tr("Office"), self.office)
        f.addRow(tr("Event"), self.with_error("name", self.name))
        f.addRow(tr("Kind"), self.kind_box)
        f.addRow(tr("Sessions"), self.with_error("sessions", self.sessions))
        f.addRow(tr("Participants"), self.with_error("participants", self.participants))
        f.addRow(tr("Notes"), self.notes)
        self.add_declared_fields({"name", "kind", "sessions", "participants", "notes"})
        self.resize(820, 520)
        if values is None:
            self.sessions.add()
        else:
            self.load(values)
        self.dates_changed()

    def load(self, v: JetaaValues) -> None:
        self.office.setCurrentIndex(self.office.findData(v.office_code))
        self.name.setText(v.name)
        self.kind_box.setCurrentIndex(self.kind_box.findData(v.kind.value))
        self.sessions.set_stops(v.sessions)
        set_count(self.participants, v.participants)
        self.notes.setPlainText(v.notes)
        self.load_declared(v)

    def values(self) -> JetaaValues:
        return JetaaValues(
            office_code=self.office.currentData(), name=self.name.text(),
            sessions=self.sessions.stops(), kind=JetaaKind(self.kind_box.currentData()),
            participants=count_of(self.participants), notes=self.notes.toPlainText(),
            **self.declared_values(),
        )  # fmt: skip


class IssueForm(RecordForm):
    kind = RecordKind.NEWSLETTER_ISSUE

    def __init__(self, db: Database, period: Period, values: IssueValues | None = None,
                 lang: str = "ja", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(period, lang, parent)
        self.db = db
        self.setWindowTitle(tr("Newsletter issue"))
        self.title = QComboBox()
        self.title.setEditable(True)
        self.number = QLineEdit()
        self.day: DateField = date_edit(period.start)
        self.era = QLabel()
        self.format = QComboBox()
        for fmt in NewsletterFormat:
            self.format.addItem(fmt.label(lang), fmt.value)
        self.languages = QLineEdit(placeholderText="ja, en")
        self.reach = count_box()
        self.contents = QPlainTextEdit()
        self.contents.setMaximumHeight(90)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.day)
        dates.addWidget(self.era)
        dates.addStretch()
        holder = QWidget()
        holder.setLayout(dates)
        f = self.form
        f.addRow(tr("Office"), self.office)
        f.addRow(tr("Newsletter"), self.with_error("title", self.title))
        f.addRow(tr("No."), self.number)
        f.addRow(tr("Date"), self.with_error("issue_date", holder))
        f.addRow(tr("Format"), self.format)
        f.addRow(tr("Languages"), self.languages)
        f.addRow(tr("Reach"), self.with_error("reach", self.reach))
        f.addRow(tr("Contents"), self.contents)
        self.add_declared_fields(
            {"title", "number", "issue_date", "format", "languages", "reach", "contents"}
        )
        self.office.currentIndexChanged.connect(lambda _i: self._titles())
        self.day.dateChanged.connect(lambda _d: self.dates_changed())
        self._titles()
        self.languages.setText("ja")
        if values is not None:
            self.load(values)
        self.dates_changed()
        self.resize(560, 420)

    def _titles(self) -> None:
        """The office's newsletters to choose from (a new title makes a new one), read
        in the background."""
        from db.lookups import newsletter_titles

        db, code = self.db, self.office.currentData()
        Task(self, lambda: newsletter_titles(db, code)).success(
            lambda titles: self._show_titles(code, titles)).run()  # fmt: skip

    def _show_titles(self, code: str | None, titles: list[str]) -> None:
        if code != self.office.currentData():  # another office was chosen meanwhile
            return
        typed = self.title.currentText()
        self.title.clear()
        self.title.addItems(titles)
        if typed:
            self.title.setCurrentText(typed)

    def load(self, v: IssueValues) -> None:
        self.office.setCurrentIndex(self.office.findData(v.office_code))
        self.title.setCurrentText(v.title)
        self.number.setText(v.number)
        self.day.setDate(qdate(v.issue_date))
        self.format.setCurrentIndex(self.format.findData(v.format.value))
        self.languages.setText(", ".join(v.languages))
        set_count(self.reach, v.reach)
        self.contents.setPlainText(v.contents)
        self.load_declared(v)

    def values(self) -> IssueValues:
        languages = tuple(x.strip() for x in self.languages.text().replace("、", ",").split(",")
                          if x.strip())  # fmt: skip
        return IssueValues(
            office_code=self.office.currentData(), title=self.title.currentText(),
            issue_date=pydate(self.day.date()), number=self.number.text(), languages=languages,
            format=NewsletterFormat(self.format.currentData()),
            contents=self.contents.toPlainText(), reach=count_of(self.reach),
            **self.declared_values(),
        )  # fmt: skip

    def first_day(self) -> date | None:
        day = pydate(self.day.date())
        self.era.setText(format_era_date(day) if self.lang == "ja" else "")
        return day
