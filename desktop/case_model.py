"""The support-case list's columns and filter (see :mod:`desktop.record_model`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.i18n import noop
from desktop.record_model import CHUNK, Column, RecordRole, RecordTableModel, SortRole

if TYPE_CHECKING:
    from db.rows import CaseRow

__all__ = ["CHUNK", "RecordRole", "SortRole", "CaseTableModel"]

COL_START, COL_OFFICE, COL_REQUESTER, COL_CATEGORY, COL_TYPES, COL_SUMMARY, COL_STAFF, \
    COL_STATUS, COL_COUNTED = range(9)  # fmt: skip


def _dates(row: Any, _lang: str) -> str:
    from exports.labels import format_range

    return format_range(row.start_date, row.end_date, "en")


CASE_COLUMNS = (
    Column(noop("CaseTableModel", "Date"), _dates, lambda r: r.start_date.toordinal()),
    Column(noop("CaseTableModel", "Office"), lambda r, _l: r.office_code),
    Column(noop("CaseTableModel", "Requester"), lambda r, _l: r.requester),
    Column(noop("CaseTableModel", "Category"), lambda r, lang: r.requester_category.label(lang),
           lambda r: r.requester_category.value),
    Column(noop("CaseTableModel", "Support given"),
           lambda r, lang: ", ".join(t.label(lang) for t in r.types)),
    Column(noop("CaseTableModel", "Summary"), lambda r, _l: r.summary),
    Column(noop("CaseTableModel", "Staff"), lambda r, _l: r.staff),
    Column(noop("CaseTableModel", "Status"), lambda r, lang: r.status.label(lang),
           lambda r: r.status.value),
    Column(noop("CaseTableModel", "Counted"), lambda r, _l: "", lambda r: int(r.counted),
           check=lambda r: r.counted),
)  # fmt: skip


class CaseTableModel(RecordTableModel):
    context = "CaseTableModel"
    columns = CASE_COLUMNS

    def searched_fields(self, row: CaseRow) -> tuple[str, ...]:
        return (row.summary, row.requester, row.staff)

    def set_filter(self, text: str = "", counted: bool | None = None,
                   category: str | None = None) -> None:  # fmt: skip
        """Rows whose requester, summary or staff contain ``text`` (any case, full- or
        half-width), and that are counted/uncounted or of a category if given."""
        if counted is None and category is None:
            self.set_predicate(text)
            return
        self.set_predicate(text, lambda r: (counted is None or r.counted == counted)
                           and (category is None or r.requester_category == category))  # fmt: skip
