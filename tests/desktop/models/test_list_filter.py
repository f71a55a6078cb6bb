"""The list filter's shortcuts (rows kept in view order, field indexes, answers reused
while typing and on Backspace) always show what a plain filter over the rows shows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from db.read.rows import CaseListRow
from db.schema.enums import CaseStatus, RequesterCategory, SupportType
from db.schema.kinds import RecordKind
from desktop.models.lists import KindTableModel
from desktop.models.records import Equals, RecordRole, fold

pytestmark = pytest.mark.gui

WORDS = ("金沢", "横浜", "JETRO", "ｊｅｔｒｏ", "通訳", "同行", "12", "3", "田中", "Tanaka")


def _rows(n: int) -> list[CaseListRow]:
    out = []
    for i in range(n):
        words = WORDS[i % 7], WORDS[(i * 3) % 10], str(i)
        out.append(CaseListRow(
            i + 1, "NYC", f"{WORDS[i % 4]}市", list(RequesterCategory)[i % 3],
            date(2023, 4, 1) + timedelta(days=(i * 37) % 365), None, " ".join(words),
            WORDS[8 + i % 2], CaseStatus.DONE, i % 5 != 0, (SupportType.OTHER,),
        ))  # fmt: skip
    return out


def _plain(model: KindTableModel, rows: list[CaseListRow], needle: str,
           counted: bool | None) -> list[int]:  # fmt: skip
    """The ids a plain filter keeps, in the view's order (a stable sort of the rows)."""
    column, order = model._sort
    col = model.columns[column]
    key = col.sort or (lambda r: str(col.text(r, "ja")))
    folded = fold(needle.strip())
    kept = [r for r in rows
            if (not folded or any(folded in fold(t) for t in model.searched_fields(r)))
            and (counted is None or r.counted == counted)]  # fmt: skip
    kept.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
    return [r.id for r in kept]


def _shown(model: KindTableModel) -> list[int]:
    model.fetch_all()
    return [model.index(r, 0).data(RecordRole).id for r in range(model.rowCount())]


@settings(max_examples=60, deadline=None)
@given(
    n=st.sampled_from([0, 5, 200, 2000]),
    steps=st.lists(
        st.tuples(
            st.sampled_from(["", *WORDS, "金", "J", "je", "1", "x"]),
            st.sampled_from([None, True, False]),
            st.sampled_from([0, 1, 2]),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    ),  # fmt: skip
)
def test_filtering_matches_a_plain_filter(n: int, steps: list) -> None:  # type: ignore[type-arg]
    rows = _rows(n)
    model = KindTableModel(RecordKind.SUPPORT_CASE, "ja")
    model.set_rows(rows)
    for needle, counted, column, descending in steps:
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        model.sort(column, order)
        keeps = [] if counted is None else [Equals(lambda r: r.counted, counted)]
        model.set_filters(needle, keeps)
        assert _shown(model) == _plain(model, rows, needle, counted)


def test_a_new_load_forgets_the_answers_kept_for_the_old_rows() -> None:
    model = KindTableModel(RecordKind.SUPPORT_CASE, "ja")
    model.set_rows(_rows(2000))
    model.set_filters("金沢")
    before = model.matching
    assert before
    model.set_rows(_rows(100))  # another year: the kept answer must not be reused
    model.set_filters("金沢")
    assert model.matching == len(_plain(model, _rows(100), "金沢", None)) < before
