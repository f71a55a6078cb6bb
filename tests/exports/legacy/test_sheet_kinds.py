"""An office's sheet of every kind the registry knows imports by its ``--kind`` name,
and a kind with a parent (a newsletter's issues) never needs a UUID in the sheet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from db.schema.kinds import legacy_kinds
from db.storage.database import Database, open_database
from exports.legacy.importer import import_legacy

# One sheet per kind: headers as an office writes them, and one row.
SHEETS: dict[str, tuple[list[str], list[Any]]] = {
    "support-cases": (["依頼団体", "開始日", "概要"], ["静岡県", "2023/5/10", "同行"]),
    "event-booths": (["イベント名", "期間", "都市", "国"],
                     ["Japan Expo", "2023/7/13", "Paris", "フランス"]),
    "newsletters": (["ニューズレター名", "号", "発行日", "主な内容", "配信数"],
                    ["Japan Local Government Centre News", "第12号", "2023/6/1", "夏祭り", 1200]),
    "jetaa-events": (["イベント名", "日程", "会場", "国"],
                     ["JETAA Sports Day", "2023/9/2", "London", "英国"]),
    "seminars": (["開催日", "セミナー名", "会場", "参加者数"],
                 ["2023/9/26", "地方自治セミナー", "ソウル", 80]),
    "publications": (["刊行物名", "発刊日"], ["韓国の多文化共生", "2023/7/1"]),
    "media-work": (["期間", "実施内容", "媒体"], ["2023/11/7", "SNS動画", "YouTube"]),
    "cooking-events": (["実施日", "開催地", "国", "メニュー"],
                       ["2024/1/12", "ソウル", "韓国", "芋煮"]),
    "research-requests": (["調査件名", "依頼団体", "依頼日"], ["空き家対策", "長野県", "2023/6/1"]),
    "seconded-staff": (["氏名", "派遣元", "着任日"], ["山田 太郎", "島根県", "2023/4/1"]),
    "newsletter-titles": (["ニューズレター名", "備考"], ["CLAIR Paris Lettre", "月刊"]),
}  # fmt: skip


def sheet(path: Path, headers: list[str], rows: list[list[Any]], title: str = "") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"] = title or "令和５年度　事務所の記録"
    for c, h in enumerate(headers, 1):
        ws.cell(3, c, h)
    for r, values in enumerate(rows, 4):
        for c, v in enumerate(values, 1):
            ws.cell(r, c, v)
    book.save(path)
    return path


def count(db: Database, table: str) -> int:
    with db.session() as s:
        sql = f"SELECT count(*) FROM {table} WHERE deleted = 0"
        return int(s.connection().exec_driver_sql(sql).scalar_one())


def test_every_kind_of_the_registry_has_a_sheet_here() -> None:
    assert set(SHEETS) == set(legacy_kinds())


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(SHEETS))
def test_every_kind_imports_by_its_name_on_the_command_line(kind: str, tmp_path: Path) -> None:
    headers, row = SHEETS[kind]
    path = sheet(tmp_path / f"{kind}.xlsx", headers, [row])
    db_path = tmp_path / "ledger.sqlite3"
    command = [
        sys.executable,
        "-m",
        "office_ledger.cli.commands",
        "--db",
        str(db_path),
        "import",
        str(path),
        "--office",
        "SEL",
        "--kind",
        kind,
        "--accept-guess",
        "--lang",
        "en",
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "imported 1 record" in run.stdout, run.stdout
    db = open_database(db_path)
    try:
        assert count(db, legacy_kinds()[kind].table) == 1
    finally:
        db.close()


def test_help_lists_every_kind_from_the_registry() -> None:
    run = subprocess.run([sys.executable, "-m", "office_ledger.cli.commands", "import", "--help"],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    text = " ".join(run.stdout.split()).replace("- ", "-")
    assert all(k in text for k in legacy_kinds()), text


def test_readme_lists_every_kind_with_an_example() -> None:
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    for kind in legacy_kinds():
        assert f"--kind {kind}" in readme, kind


def test_a_newsletter_sheet_attaches_its_issues_by_name(db: Database, tmp_path: Path) -> None:
    headers, row = SHEETS["newsletters"]
    rows = [row, ["Japan Local Government Centre News", "第13号", "2023/7/1", "花火", 1250],
            ["JLGC Business Brief", "Vol.1", "2023/8/1", "投資", 300]]  # fmt: skip
    path = sheet(tmp_path / "nl.xlsx", headers, rows)
    preview = import_legacy(db, path, "NYC", "newsletters")
    assert not preview.applied and preview.new_parents == [
        "JLGC Business Brief",
        "Japan Local Government Centre News",
    ]
    assert count(db, "newsletter") == 0  # the preview wrote nothing
    report = import_legacy(db, path, "NYC", "newsletters", accept_guess=True)
    assert report.imported == 3 and not report.sheet.problems
    assert (count(db, "newsletter"), count(db, "newsletter_issue")) == (2, 3)


def test_an_issue_sheet_without_a_name_column_takes_the_offices_newsletter(
    db: Database, tmp_path: Path
) -> None:
    first = sheet(tmp_path / "one.xlsx", ["ニューズレター名", "号", "発行日"],
                  [["CLAIR Sydney News", "1", "2023/5/1"]])  # fmt: skip
    import_legacy(db, first, "SYD", "newsletters", accept_guess=True)
    rest = sheet(tmp_path / "rest.xlsx", ["号", "発行日", "主な内容"],
                 [["2", "2023/6/1", "祭り"], ["3", "2023/7/1", "観光"]])  # fmt: skip
    report = import_legacy(db, rest, "SYD", "newsletters", accept_guess=True)
    assert report.imported == 2 and report.new_parents == []
    assert (count(db, "newsletter"), count(db, "newsletter_issue")) == (1, 3)
    titled = sheet(tmp_path / "t.xlsx", ["号", "発行日"], [["1", "2023/5/1"]],
                   title="Japan Update")  # fmt: skip
    other = import_legacy(db, titled, "SEL", "newsletters", accept_guess=True)
    assert other.new_parents == ["Japan Update"] and other.imported == 1


@pytest.mark.parametrize("kind", sorted(SHEETS))
def test_a_sheet_of_every_kind_imported_again_adds_nothing(
    db: Database, tmp_path: Path, kind: str
) -> None:
    headers, row = SHEETS[kind]
    path = sheet(tmp_path / f"{kind}.xlsx", headers, [row])
    table = legacy_kinds()[kind].table
    assert import_legacy(db, path, "SEL", kind, accept_guess=True).imported == 1
    again = import_legacy(db, path, "SEL", kind, accept_guess=True)
    assert (again.imported, again.changed, again.already) == (0, 0, 1)
    assert count(db, table) == 1
