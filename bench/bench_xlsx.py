"""Excel benchmarks: export and import/merge of N support cases beside raw libraries.

The workbook also holds ``--year-records`` records of each kind of the office's other
work (seminars with two sessions and a host, publications, media work with two local
governments, cooking events, research requests answered by two offices, seconded
staff), so their sheets are measured too; the baselines dump and read those sheets'
cells as well.

* export: ``exports.xlsx.export.export_office`` (reads the records, builds every
  sheet, hashes rows, writes the workbook) vs a raw xlsxwriter ``constant_memory``
  dump of the very same cells;
* import: ``exports.xlsx.exchange.import_file`` into an empty database (guard, calamine
  read, type checks, row hashes, merge plan, executemany) vs a fair raw baseline: a
  python-calamine read of every sheet of the same workbook (the child sheets too) and
  ``sqlite3.executemany`` of its cases and their support types, with the project's
  settings: foreign keys on, WAL with ``synchronous=NORMAL``, a 64 MiB page cache and
  the garbage collector paused. Both write into the same empty schema (its indexes and
  the tally summary's triggers included).

Project and baseline run in interleaved pairs (bench/pairs.py); the figure is the median
of the per-pair ratios, with their spread.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_foundation import make_cases  # noqa: E402
from pairs import interleaved, line  # noqa: E402

from db.records.write import bulk_insert_cases  # noqa: E402
from db.schema.fiscal import fy_period  # noqa: E402
from db.storage.database import open_database  # noqa: E402
from exports.xlsx.cells import to_cells  # noqa: E402
from exports.xlsx.exchange import import_file  # noqa: E402
from exports.xlsx.export import export_office, read_records  # noqa: E402
from exports.xlsx.schema import BY_KEY, canonical  # noqa: E402


def raw_export(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for key, rows in sheets.items():
        ws = book.add_worksheet(key[:31])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                elif isinstance(value, int):
                    ws.write_number(r, c, value)
                elif isinstance(value, date | datetime):
                    ws.write_datetime(r, c, value, date_format)
                else:
                    ws.write_string(r, c, value)
    book.close()


def raw_import(xlsx: Path, db_path: Path) -> None:
    import gc

    from python_calamine import CalamineWorkbook

    gc.disable()  # as db.sync.bulk.collector_paused does for the project
    try:
        _raw_import(xlsx, db_path, CalamineWorkbook)
    finally:
        gc.enable()


def _raw_import(xlsx: Path, db_path: Path, workbook: Any) -> None:
    book = workbook.from_path(str(xlsx))
    sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    rows = sheets["海外活動支援"]
    header = rows[0]
    wanted = [
        "UUID", "版", "端末", "版ベクトル", "更新日時(UTC)", "事務所", "依頼団体",
        "区分コード", "開始日", "終了日", "概要", "担当", "状況コード", "件数に計上",
    ]  # fmt: skip
    index = [header.index(h) for h in wanted]
    values = [
        (n, *(row[i] for i in index[:3]), row[index[3]], str(row[index[4]]), 0,
         *(row[i] for i in index[5:8]), row[index[8]].isoformat(),
         row[index[9]].isoformat() if row[index[9]] else None,
         *(row[i] for i in index[10:13]), int(row[index[13]]))
        for n, row in enumerate(rows[1:], 1)
    ]  # fmt: skip
    codes = header.index("支援内容コード")
    types = [(n, t) for n, row in enumerate(rows[1:], 1) for t in str(row[codes]).split(";") if t]
    conn = sqlite3.connect(db_path)
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL",
                   "cache_size = -65536"):  # fmt: skip
        conn.execute(f"PRAGMA {pragma}")
    with conn:
        conn.executemany(
            "INSERT INTO support_case (id, uuid, version, device_id, version_vector, updated_at,"
            " deleted, office_code, requester, requester_category, start_date, end_date, summary,"
            " staff, status, counted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            values,
        )
        conn.executemany("INSERT INTO support_case_type (case_id, type_code) VALUES (?, ?)", types)
    conn.close()
    # the same rows, children included, as the project's import writes


def year_records(n: int) -> list[tuple[str, object]]:
    """``n`` records of each kind of the office's other work, for Singapore in FY2023."""
    from datetime import timedelta

    from db.schema import kinds as K
    from db.schema.enums import OfficeCode, SeminarKind, SessionMode

    start, out = date(2023, 4, 1), []
    for i in range(n):
        day = start + timedelta(days=i % 360)
        out += [
            ("seminar", K.SeminarRow(
                office_code="SIN", title=f"セミナー {i}", kind=SeminarKind.OFFICE_ONLINE,
                theme="地域の魅力発信", speakers="講師 氏", hosts=("静岡県",),
                sessions=(K.SeminarSessionRow(start_date=day, end_date=day, participants=80,
                                              mode=SessionMode.ONLINE),
                          K.SeminarSessionRow(start_date=day, end_date=day, venue="会場",
                                              country="SG", participants=20)))),
            ("publication", K.PublicationRow(office_code="SIN", title=f"レポート {i}",
                                             published_on=day)),
            ("media_work", K.MediaWorkRow(office_code="SIN", start_date=day, activity=f"PR {i}",
                                          municipalities=("沖縄県", "福岡市"))),
            ("cooking_event", K.CookingEventRow(office_code="SIN", start_date=day, country="SG",
                                                menu="寿司", organisations=("静岡県",))),
            ("research_request", K.ResearchRequestRow(
                office_code="SIN", subject=f"調査 {i}", asked_on=day,
                answering=(OfficeCode.SIN, OfficeCode.SEL))),
            ("seconded_staff", K.SecondedStaffRow(office_code="SIN", home=f"自治体{i % 40}",
                                                  from_date=day)),
        ]  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--year-records", type=int, default=500,
                        help="records of each kind of the office's other work")  # fmt: skip
    args = parser.parse_args()
    period = fy_period(2023)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        template = work / "empty.sqlite3"
        open_database(template).close()
        source = open_database(work / "source.sqlite3")
        cases = [dataclasses.replace(c, office_code="SIN")
                 for c in make_cases(args.records, range(2023, 2024))]  # fmt: skip
        with source.session() as s:
            bulk_insert_cases(s, cases)
            from db.records.edit import apply_values
            from db.records.write import save
            from db.schema.kinds import RecordKind

            for kind, values in year_records(args.year_records):
                save(s, apply_values(s, RecordKind(kind), values))  # type: ignore[arg-type]
        cells = to_cells(read_records(source, period, "SIN"), "ja")
        as_text = (dict, list, tuple, datetime)  # written as text cells by the project too
        sheets = {
            key: [[c.header("ja") for c in BY_KEY[key].columns],
                  *[[canonical(v) if isinstance(v, as_text) else v for v in row] for row in rows]]
            for key, rows in cells.items()
        }  # fmt: skip
        out = work / "project.xlsx"

        def timed(work_: Callable[[], object]) -> float:
            start = time.perf_counter()
            work_()
            return time.perf_counter() - start

        p, r = interleaved(lambda: timed(lambda: export_office(source, out, "SIN", period)),
                           lambda: timed(lambda: raw_export(work / "raw.xlsx", sheets)),
                           args.pairs)  # fmt: skip
        print(f"python {sys.version.split()[0]}")
        print(f"(and {args.year_records:,} records of each of the 6 other kinds)")
        line(f"export {args.records:,} cases", p, r, "<= 1.2x")
        target = work / "target.sqlite3"

        def reset() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(template, target)

        def project_import() -> float:
            reset()
            start = time.perf_counter()
            db = open_database(target)
            import_file(db, out)
            db.close()
            return time.perf_counter() - start

        def baseline_import() -> float:
            reset()
            return timed(lambda: raw_import(out, target))

        p, r = interleaved(project_import, baseline_import, args.pairs)
        line(f"import+merge {args.records:,} cases", p, r, "<= 1.5x")
        source.close()


if __name__ == "__main__":
    main()
