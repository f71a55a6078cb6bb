"""PDF benchmark: the office summary of N records vs a raw reportlab table of the same rows.

The project's path (``exports.pdf.report.write_summary``) reads the records, tallies,
monthly figures and writes the whole summary (tables, charts, page numbers). The
baseline builds one reportlab ``Table`` of the same rows' cell texts, in the same
embedded font, with a repeated header: the least a PDF of those rows costs.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table  # noqa: E402

from db import rows as R  # noqa: E402
from db.database import open_database  # noqa: E402
from db.fiscal import fy_period  # noqa: E402
from db.records import bulk_insert_cases  # noqa: E402
from exports.labels import format_range  # noqa: E402
from exports.pdf.fonts import japanese_font  # noqa: E402
from exports.pdf.report import write_summary  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import best, make_cases  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    font = japanese_font()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = open_database(work / "bench.sqlite3")
        cases = [dataclasses.replace(c, office_code="SIN")
                 for c in make_cases(args.records, range(2023, 2024))]  # fmt: skip
        with db.session() as session:
            bulk_insert_cases(session, cases)
        period = fy_period(2023)
        with db.session() as session:
            rows = R.cases(session, period, "SIN")
        cells = [
            [format_range(r.start_date, r.end_date, "ja"), r.requester,
             r.requester_category.label("ja"), "、".join(t.label("ja") for t in r.types),
             r.summary, r.staff, "✓" if r.counted else ""]
            for r in rows
        ]  # fmt: skip
        header = ["期間", "依頼団体", "区分", "支援内容", "概要", "担当", "件数に計上"]

        def project() -> None:
            write_summary(db, work / "project.pdf", period, "SIN", "ja")

        def raw() -> None:
            doc = SimpleDocTemplate(str(work / "raw.pdf"), pagesize=A4)
            table = Table([header, *cells], repeatRows=1)
            table.setStyle([("FONT", (0, 0), (-1, -1), font.name, 8)])
            doc.build([table])

        p, r = best(project, args.repeat), best(raw, args.repeat)
        print(f"python {sys.version.split()[0]}, font {font.path.name}")
        print(
            f"office summary, {args.records:,} support cases   project {p * 1000:8.1f} ms"
            f"   baseline {r * 1000:8.1f} ms   ratio {p / r:5.2f}x   goal <= 1.5x"
        )
        db.close()


if __name__ == "__main__":
    main()
