"""Spreadsheets as people make them: an office's own messy sheet, a row typed by hand
into an export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from tests.support import xlsxedit


def messy_workbook(path: Path, *, swap: bool = False) -> Path:
    """A sheet as an office would keep it: title, merged two-row header, mixed dates."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "R5支援"
    ws["A1"] = "令和５年度　ニューヨーク事務所　海外活動支援一覧"
    ws.merge_cells("A1:F1")
    heads = ["依頼団体", "期間", None, "区分", "支援内容", "担当"]
    subs = [None, "開始", "終了", None, None, None]
    if swap:  # the office moved its columns: the saved mapping must still apply
        heads = [heads[4], *heads[1:4], heads[0], heads[5]]
        subs = [subs[4], *subs[1:4], subs[0], subs[5]]
    for c, (h, sub) in enumerate(zip(heads, subs, strict=True), 1):
        if h:
            ws.cell(3, c, h)
        if sub:
            ws.cell(4, c, sub)
    ws.merge_cells("B3:C3")
    for col in ("A", "D", "E", "F"):
        ws.merge_cells(f"{col}3:{col}4")
    rows: list[list[object]] = [
        ["東京都", "令和５年４月１０日", None, None, "アポイントメント取付け", "田中"],
        ["石川県金沢市", datetime(2023, 5, 20), datetime(2023, 5, 22), "市町村", "同行", "佐藤"],
        ["関西広域連合", 45100, None, "", "通訳あっせん", "田中"],
        ["横浜市", "2023/6/8", None, None, "広報支援", "Emily"],
        ["北海道ニセコ町", "令和5年11月18日～19日", None, None, "ブース出展支援", "佐藤"],
        [None, None, None, None, None, None],
        ["小計", None, None, None, "5件", None],
        ["福岡県", "来週", None, None, "調査", "田中"],
        [None, "令和5年12月1日", None, None, "依頼団体なし", "田中"],
        ["京都府", "令和6年2月30日", None, None, "ありえない日付", "佐藤"],
    ]
    for r, values in enumerate(rows, 5):
        if swap:
            values = [values[4], *values[1:4], values[0], values[5]]
        for c, v in enumerate(values, 1):
            ws.cell(r, c, v)
    book.save(path)
    return path


def typed_row(path: Path, values: dict[str, Any]) -> Path:
    """Add a row under the support-case sheet's last one, as a clerk would."""

    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        row = sheet.max_row + 1
        for header, value in values.items():
            sheet.cell(row, xlsxedit.column(sheet, header)).value = value

    return xlsxedit.edit(path, change)


FORGOTTEN = {"事務所": "LON", "依頼団体": "静岡県", "区分コード": "prefecture_or_designated_city",
             "開始日": "2023-08-01", "概要": "本部で追加した支援", "状況コード": "done",
             "件数に計上": "はい"}  # fmt: skip
