"""The support-case form: fields with their errors shown beside them.

The requester's category is suggested from the name (and from what was confirmed
before) until the user picks one; dates have a calendar and, in Japanese, the era
date beside them; a date outside the fiscal year on screen is a warning, not an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.edit import check
from db.enums import CaseStatus, RequesterCategory, SupportType
from db.errors import ValidationError
from db.fiscal import Period, format_era_date
from db.kinds import CaseRow, RecordKind
from db.offices import OFFICES
from desktop.form_base import (
    DeclaredRows,
    date_edit,
    error_style,
    pydate,
    qdate,
    warning_style,
)
from desktop.tasks import Task

if TYPE_CHECKING:
    from db.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseForm", text)


class CaseForm(DeclaredRows, QDialog):
    kind = RecordKind.SUPPORT_CASE

    def __init__(self, db: Database, period: Period, values: CaseRow | None = None,
                 lang: str = "ja", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.db, self.period, self.lang = db, period, lang
        self.setWindowTitle(tr("Support case"))
        self.errors: dict[str, QLabel] = {}
        self.office = QComboBox()
        for o in OFFICES:
            self.office.addItem(o.name(lang), o.code)
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
        self.warning = QLabel()
        self.warning.setStyleSheet(warning_style())

        self.form = form = QFormLayout()
        self.declared: dict[str, tuple[Any, QWidget]] = {}
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
        grid = QGridLayout()
        for n, check_box in enumerate(self.types.values()):
            grid.addWidget(check_box, n // 3, n % 3)
        types = QWidget()
        types.setLayout(grid)
        form.addRow(tr("Support given"), types)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)

        self.requester.textEdited.connect(self._suggest)
        self.category.activated.connect(lambda _i: setattr(self, "_category_touched", True))
        self.has_end.toggled.connect(self.end.setEnabled)
        self.start.dateChanged.connect(self._dates_changed)
        self.end.dateChanged.connect(self._dates_changed)
        self.load(values or CaseRow(office_code="NYC", requester="",
                                          requester_category=RequesterCategory.OTHER,
                                          start_date=period.start))  # fmt: skip

    def with_error(self, name: str, widget: QWidget) -> QWidget:
        label = QLabel()
        label.setStyleSheet(error_style())
        label.hide()
        self.errors[name] = label
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(label)
        holder = QWidget()
        holder.setLayout(column)
        return holder

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
        self.era.setText(format_era_date(start) if self.lang == "ja" else "")
        outside = start not in self.period
        self.warning.setText(
            tr("The date is outside the fiscal year on screen.") if outside else "")  # fmt: skip

    def show_error(self, field: str | None, message: str) -> None:
        for label in self.errors.values():
            label.hide()
        label = self.errors.get(field or "", None) or self.errors["requester"]
        label.setText(message)
        label.show()

    def accept(self) -> None:
        try:
            check(self.values())
        except ValidationError as exc:
            self.show_error(exc.field, exc.text(self.lang))
            return
        super().accept()
