"""The support-case form: fields with their errors shown beside them.

The requester's category is suggested from the name (and from what was confirmed
before) until the user picks one; dates have a calendar and, in Japanese, the era
date beside them; a date outside the fiscal year on screen is a warning, not an error.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from db.enums import CaseStatus, RequesterCategory, SupportType
from db.fiscal import Period, format_era_date
from db.kinds import CaseRow, RecordKind
from desktop.form_base import RecordForm, date_edit, pydate, qdate
from desktop.tasks import Task

if TYPE_CHECKING:
    from db.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseForm", text)


class CaseForm(RecordForm):
    """The support-case form, laid out by hand on the shared base (its errors under
    each field, length hints, dates kept as typed: :class:`RecordForm`)."""

    kind = RecordKind.SUPPORT_CASE

    def __init__(self, db: Database, period: Period, values: CaseRow | None = None,
                 lang: str = "ja", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(period, lang, parent)
        self.db = db
        self.setWindowTitle(tr("Support case"))
        self.requester = QLineEdit()
        self.category = QComboBox()
        for cat in RequesterCategory:
            self.category.addItem(cat.label(lang), cat.value)
        self._category_touched = False
        self.start = date_edit(period.start)
        self.has_end = QCheckBox(tr("until"))
        self.end = date_edit(period.start)
        self.era = QLabel()
        self.types = {t: QCheckBox(t.label(lang)) for t in SupportType}
        self.summary = QPlainTextEdit()
        self.staff = QLineEdit()
        self.status = QComboBox()
        for st in CaseStatus:
            self.status.addItem(st.label(lang), st.value)
        self.counted = QCheckBox(tr("Counted (not a phone/email-only enquiry)"))

        form = self.form
        form.addRow(tr("Office"), self.office)
        form.addRow(tr("Requester"), self.with_error("requester", self.requester))
        form.addRow(tr("Category"), self.category)
        dates = QHBoxLayout()
        for w in (self.start, self.has_end, self.end, self.era):
            dates.addWidget(w)
        dates.addStretch()
        box = QWidget()
        box.setLayout(dates)
        form.addRow(tr("Dates"), self.with_error("end_date", box))
        self.errors["start_date"] = self.errors["end_date"]  # one line for both dates
        grid = QGridLayout()
        for n, check_box in enumerate(self.types.values()):
            grid.addWidget(check_box, n // 3, n % 3)
        types = QWidget()
        types.setLayout(grid)
        form.addRow(tr("Support given"), self.with_error("types", types))
        form.addRow(tr("Summary"), self.summary)
        form.addRow(tr("Staff"), self.staff)
        form.addRow(tr("Status"), self.status)
        form.addRow("", self.counted)
        self.add_declared_fields(
            {
                "requester",
                "requester_category",
                "start_date",
                "end_date",
                "types",
                "summary",
                "staff",
                "status",
                "counted",
            }
        )

        self.requester.textEdited.connect(self._suggest)
        self.category.activated.connect(lambda _i: setattr(self, "_category_touched", True))
        self.has_end.toggled.connect(self.end.setEnabled)
        self.start.dateChanged.connect(self._dates_changed)
        self.start.textChanged.connect(lambda _t: self._dates_changed())  # a non-date: no era
        self.end.dateChanged.connect(self._dates_changed)
        self.load(values or CaseRow(office_code="NYC", requester="",
                                          requester_category=RequesterCategory.OTHER,
                                          start_date=period.start))  # fmt: skip

    def load(self, v: CaseRow) -> None:
        self.office.setCurrentIndex(self.office.findData(v.office_code))
        self.requester.setText(v.requester)
        self.category.setCurrentIndex(self.category.findData(v.requester_category.value))
        self._category_touched = bool(v.requester)
        self.start.setDate(qdate(v.start_date))
        self.has_end.setChecked(v.end_date is not None)
        self.end.setEnabled(v.end_date is not None)
        self.end.setDate(qdate(v.end_date or v.start_date))
        for t, box in self.types.items():
            box.setChecked(t in v.types)
        self.summary.setPlainText(v.summary)
        self.staff.setText(v.staff)
        self.status.setCurrentIndex(self.status.findData(v.status.value))
        self.counted.setChecked(v.counted)
        self.load_declared(v)
        self._dates_changed()

    def values(self) -> CaseRow:
        return CaseRow(
            office_code=self.office.currentData(), requester=self.requester.text(),
            requester_category=RequesterCategory(self.category.currentData()),
            start_date=pydate(self.start.date()),
            end_date=pydate(self.end.date()) if self.has_end.isChecked() else None,
            summary=self.summary.toPlainText(), staff=self.staff.text(),
            status=CaseStatus(self.status.currentData()), counted=self.counted.isChecked(),
            types=tuple(t for t, b in self.types.items() if b.isChecked()),
            **self.declared_values(),
        )  # fmt: skip

    def first_day(self) -> date | None:
        return pydate(self.start.date())

    def _suggest(self, text: str) -> None:
        """Suggest the requester's category for the name typed (read in the background),
        unless the user has picked one."""
        if self._category_touched:
            return
        from db.lookups import suggested_category

        db = self.db
        Task(self, lambda: suggested_category(db, text)).success(
            lambda category: self._show_suggestion(text, category)).run()  # fmt: skip

    def _show_suggestion(self, text: str, category: RequesterCategory) -> None:
        if self._category_touched or text != self.requester.text():  # typed on meanwhile
            return
        self.category.setCurrentIndex(self.category.findData(category.value))

    def _dates_changed(self) -> None:
        start = pydate(self.start.date())
        known = self.lang == "ja" and self.start.problem() is None
        self.era.setText(format_era_date(start) if known else "")
        self.dates_changed()  # the shared warning: outside the fiscal year on screen
