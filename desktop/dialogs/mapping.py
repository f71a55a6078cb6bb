"""The column mapping of an office's own spreadsheet, shown for confirmation and editing.

A sheet dropped on the window that is not an export comes here: the dialog guesses
the record type and each field's column with the command line's rules
(:mod:`exports.legacy`), or takes the mapping saved for that office and type, and
shows at once what the mapping reads: how many rows, and each row it cannot read
with the reason, in the window's language. A person may change the office, the
record type and any field's column. Rows that cannot be read stop the import unless
"leave out the rows that cannot be read" is ticked, as ``--skip-unreadable`` on the
command line. The confirmed mapping is saved under the name shown, for next time.

The office is the one the sheet names (its title, sheet or file name), else the one
given; with neither, the dialog asks for it before anything is read (dates are read
as the office's country writes them). A sheet imported before shows its rows as new,
changed, unchanged and gone from the sheet; the gone rows' records are deleted only
when "delete the records of the rows gone from the sheet" is ticked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.schema.errors import LedgerError
from db.schema.kinds import legacy_kinds
from db.schema.offices import OFFICES
from db.schema.words import word
from exports.legacy.fields import KINDS, guess
from exports.legacy.importer import LegacyReport, day_first, prepare, saved_mappings
from exports.legacy.sheet import (
    LegacySheet,
    Table,
    by_headers,
    load_table,
    office_named,
    read_rows,
)

if TYPE_CHECKING:
    from db.storage.database import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("MappingDialog", text)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


class MappingDialog(QDialog):
    """Confirm or edit how an office's sheet maps to a record type's fields.

    Raises (from the constructor) :class:`db.schema.errors.LedgerError` when the file cannot
    be read as a workbook or has no header row for any record type.
    """

    def __init__(self, db: Database, path: Path, office: str | None, kind: str,
                 lang: str = "en", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.db, self.path, self.lang = db, path, lang
        self.table_data: Table | None = None
        self.sheet: LegacySheet | None = None
        self._filling = False
        self.setWindowTitle(tr("Import an office's own sheet: {name}").format(name=path.name))
        self.office_box = QComboBox()
        self.office_box.addItem(tr("Choose the office the sheet is of"), "")
        for o in OFFICES:
            self.office_box.addItem(f"{o.code} — {o.name(lang)}", o.code)
        self.office_box.setCurrentIndex(max(0, self.office_box.findData(office or "")))
        self.kind_box = QComboBox()
        for name, spec in legacy_kinds().items():
            self.kind_box.addItem(word(spec.sheet_label, lang), name)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))
        self.saved_box = QComboBox()
        self.where = QLabel()
        self.fields = QTableWidget(0, 2)
        self.fields.setHorizontalHeaderLabels(
            [word("conflict.field", lang), tr("Column of the sheet")]
        )
        self.fields.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.verticalHeader().setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.skip = QCheckBox(tr("Leave out the rows that cannot be read and import the others"))
        self.delete_gone = QCheckBox(tr("Delete the records of the rows gone from the sheet"))
        self.delete_gone.setEnabled(False)
        self.save_as = QLineEdit()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        accept = QDialogButtonBox.ButtonRole.AcceptRole
        self.import_button = self.buttons.addButton(tr("Import"), accept)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("File"), QLabel(path.name))
        form.addRow(word("field.office", lang), self.office_box)
        form.addRow(word("sheet.record_type", lang), self.kind_box)
        form.addRow(tr("Mapping"), self.saved_box)
        form.addRow(tr("Header"), self.where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.summary)
        self.problems.setMaximumHeight(120)
        layout.addWidget(self.problems)
        layout.addWidget(self.skip)
        layout.addWidget(self.delete_gone)
        save = QFormLayout()
        save.addRow(tr("Save the mapping as"), self.save_as)
        layout.addLayout(save)
        layout.addWidget(self.buttons)
        self.load()
        self.office_box.currentIndexChanged.connect(lambda _i: self._office_changed())
        self.kind_box.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.saved_box.currentIndexChanged.connect(lambda _i: self._saved_chosen())
        self.skip.toggled.connect(lambda _on: self._update_buttons())
        self.resize(720, 720)

    # What is chosen ------------------------------------------------------------------
    @property
    def office(self) -> str:
        return str(self.office_box.currentData())

    @property
    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def mapping(self) -> dict[str, int]:
        """Field key → column index, as the combo boxes say."""
        out = {}
        for r, f in enumerate(KINDS[self.kind]):
            box = self.fields.cellWidget(r, 1)
            if isinstance(box, QComboBox) and box.currentData() is not None:
                out[f.key] = int(box.currentData())
        return out

    def columns(self) -> dict[str, str]:
        """The confirmed mapping as the command line saves it: field key → header text."""
        assert self.table_data is not None
        return {k: self.table_data.headers[i] for k, i in self.mapping().items()}

    # Reading -------------------------------------------------------------------------
    def load(self) -> None:
        """Read the sheet for the record type chosen; take the office's saved mapping
        for it if there is one, else the guess."""
        self.table_data = load_table(self.path, self.kind)
        named = office_named(self.table_data)
        if named is not None:  # the sheet says whose it is
            self.office_box.setCurrentIndex(self.office_box.findData(named))
        self._filling = True
        self.saved_box.clear()
        self.saved_box.addItem(tr("Guessed from the headers"), None)
        saved = saved_mappings(self.db, self.kind)
        for m in saved:
            self.saved_box.addItem(m.name, m.columns)
        default = f"{self.office}-{self.kind}"
        own = self.saved_box.findText(default)
        self.saved_box.setCurrentIndex(max(0, own))
        self._filling = False
        self.save_as.setText(default)
        table = self.table_data
        where = tr("sheet “{sheet}”, row {row}")
        self.where.setText(where.format(sheet=table.sheet, row=table.header_row))
        self._saved_chosen()

    def _kind_changed(self) -> None:
        try:
            self.load()
        except LedgerError:
            self.table_data = self.sheet = None
            self.fields.setRowCount(0)
            self.problems.clear()
            self.where.clear()
            text = tr("This sheet has no header row for {kind}: choose another record type.")
            self.summary.setText(text.format(kind=self.kind_box.currentText()))
            self._update_buttons()

    def _saved_chosen(self) -> None:
        if self._filling or self.table_data is None:
            return
        chosen = self.saved_box.currentData()
        headers = self.table_data.headers
        mapping = by_headers(headers, chosen) if chosen else guess(headers, self.kind)
        if chosen:
            self.save_as.setText(self.saved_box.currentText())
        self._fill_fields(mapping)

    def _office_changed(self) -> None:
        if self.saved_box.currentData() is None and self.office:
            self.save_as.setText(f"{self.office}-{self.kind}")
        self.reread()

    def _fill_fields(self, mapping: dict[str, int]) -> None:
        assert self.table_data is not None
        fields = KINDS[self.kind]
        self.fields.setRowCount(len(fields))
        choices = [(f"{_letter(i)}: {h}", i) for i, h in enumerate(self.table_data.headers) if h]
        labels = {f.label: word(f.label, self.lang) for f in fields}
        for r, f in enumerate(fields):
            name = labels[f.label] + (" *" if f.required else "")
            item = QTableWidgetItem(name)
            item.setToolTip(f.key)
            self.fields.setItem(r, 0, item)
            box = QComboBox()
            box.addItem(tr("(not in the sheet)"), None)
            for text, index in choices:
                box.addItem(text, index)
            if f.key in mapping:
                box.setCurrentIndex(box.findData(mapping[f.key]))
            box.currentIndexChanged.connect(lambda _i: self.reread())
            self.fields.setCellWidget(r, 1, box)
        self.reread()

    def reread(self) -> None:
        """Read every row with the mapping on screen; show what it reads and what not."""
        if self.table_data is None:
            return
        mapping = self.mapping()
        if not self.office:  # dates and countries are read as the office writes them
            self.sheet = None
            self.summary.setText(tr("Choose the office the sheet is of: its dates are read"
                                    " as the office's country writes them."))  # fmt: skip
            self.problems.clear()
            self._update_buttons()
            return
        self.sheet = sheet = read_rows(self.table_data, self.kind, mapping,
                                       day_first=day_first(self.office))  # fmt: skip
        try:
            found = prepare(self.db, sheet, self.office)
        except LedgerError:
            found = None
        missing = [word(f.label, self.lang) for f in KINDS[self.kind]
                   if f.required and f.key not in mapping]  # fmt: skip
        lines = []
        if missing:
            lines.append(tr("Choose a column for: {fields}").format(
                fields=word("list.separator", self.lang).join(missing)))  # fmt: skip
        lines.append(tr("{n} rows can be read; {bad} cannot; {blank} blank and {sub} subtotal"
                        " rows are not records.").format(
            n=len(sheet.rows), bad=len(sheet.problems), blank=sheet.skipped_blank,
            sub=len(sheet.skipped_subtotals)))  # fmt: skip
        if sheet.problems:
            lines.append(tr("Rows that cannot be read stop the import: correct them in the"
                            " sheet, or leave them out."))  # fmt: skip
        lines += self._plan_lines(found)
        self.summary.setText("\n".join(lines))
        self.problems.clear()
        for p in sheet.problems:
            self.problems.addItem(word("legacy.row", self.lang, row=p.row, reason=p.message))
        self.skip.setEnabled(bool(sheet.problems))
        self._update_buttons()

    def _plan_lines(self, found: LegacyReport | None) -> list[str]:
        """The office's country taken for every row, newsletters made, and the rows new,
        changed, unchanged and gone against the earlier import of the same sheet."""
        if found is None:
            self.delete_gone.setEnabled(False)
            return []
        lang, plan = self.lang, found.plan
        out = []
        if found.country:
            out.append(word("sheet.office_country", lang, country=found.country,
                            office=found.office))  # fmt: skip
        out += [word("sheet.new_parent", lang, title=t) for t in found.new_parents]
        if plan.remembered or plan.changed or plan.gone:
            out.append(word("sheet.groups", lang, new=len(plan.new), changed=len(plan.changed),
                            same=len(plan.unchanged), gone=len(plan.gone)))  # fmt: skip
        self.delete_gone.setEnabled(bool(plan.gone))
        if not plan.gone:
            self.delete_gone.setChecked(False)
        return out

    def _update_buttons(self) -> None:
        sheet = self.sheet
        ready = sheet is not None and self.table_data is not None and bool(sheet.rows) and all(
            f.key in sheet.mapping for f in KINDS[self.kind] if f.required)  # fmt: skip
        blocked = sheet is not None and bool(sheet.problems) and not self.skip.isChecked()
        self.import_button.setEnabled(ready and not blocked)

    def choices(self) -> dict[str, Any]:
        """What :func:`exports.legacy.importer.import_legacy` needs from the dialog."""
        return {"office": self.office, "kind": self.kind, "columns": self.columns(),
                "save_as": self.save_as.text().strip() or None,
                "skip_unreadable": self.skip.isChecked(),
                "delete_gone": self.delete_gone.isChecked()}  # fmt: skip
