"""The support-case list (see :mod:`desktop.models.lists`): its columns come from the
declaration like every list's; its filter adds counted/enquiry and the category."""

from __future__ import annotations

from db.schema.kinds import RecordKind
from desktop.models.lists import KindTableModel
from desktop.models.records import CHUNK, RecordRole, SortRole

__all__ = ["CHUNK", "RecordRole", "SortRole", "CaseTableModel"]


class CaseTableModel(KindTableModel):
    kind = RecordKind.SUPPORT_CASE

    def set_filter(self, text: str = "", counted: bool | None = None,
                   category: str | None = None) -> None:  # fmt: skip
        """Rows whose requester, summary or staff contain ``text`` (any case, full- or
        half-width), and that are counted/uncounted or of a category if given."""
        if counted is None and category is None:
            self.set_predicate(text)
            return
        self.set_predicate(text, lambda r: (counted is None or r.counted == counted)
                           and (category is None or r.requester_category == category))  # fmt: skip


def _col(key: str) -> int:
    return next(i for i, c in enumerate(CaseTableModel.columns) if c.key == key)


COL_START, COL_REQUESTER, COL_SUMMARY, COL_COUNTED = map(
    _col, ("dates", "requester", "summary", "counted")
)
