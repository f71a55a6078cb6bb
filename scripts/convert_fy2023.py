"""Convert the FY2023 CSVs of ``../shared/data/fy2023`` into ``resources/fy2023/*.json``.

Run once by a developer (``python scripts/convert_fy2023.py ../shared/data/fy2023``);
the JSON it writes is committed, so the product never reads ``../shared``. It groups
the legs of one event and the numbered sessions of one JETAA event, resolves country
names to ISO codes (Babel/pycountry via :mod:`db.countries`) and office names to codes.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.countries import resolve  # noqa: E402
from db.offices import OFFICES  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "resources" / "fy2023"
OFFICE_BY_JA = {o.name_ja: o.code for o in OFFICES}


def read(src: Path, name: str) -> list[dict[str, str]]:
    with (src / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def number(text: str) -> int | None:
    return int(text.replace(",", "")) if text.strip() else None


def events(src: Path) -> list[dict[str, object]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read(src, "event_booths.csv"):
        grouped[row["report_event_no"]].append(row)
    out = []
    for no, rows in grouped.items():
        first = rows[0]
        munis = [m for m in first["participating_municipalities"].split(";") if m]
        notes = " ".join(r["notes"] for r in rows)
        exhibitors = re.search(r"(\d+)\s*事業者", notes)
        items = re.search(r"出展商品\s*(\d+)\s*点", notes)
        out.append(
            {
                "report_no": int(no),
                "office": OFFICE_BY_JA[first["office"]],
                "name": first["event_name"],
                "name_en": first["event_name_en"],
                "hosted": first["hosted_by_clair"] == "yes",
                "visitors": sum(number(r["visitors"]) or 0 for r in rows) or None,
                "exhibitors": int(exhibitors.group(1)) if exhibitors else None,
                "items_shown": int(items.group(1)) if items else None,
                "municipalities": munis,
                "legs": [
                    {
                        "start": r["start_date"],
                        "end": r["end_date"],
                        "city": r["city"],
                        "city_en": r["city_en"],
                        "country": resolve(r["country"]),
                        "venue": r["venue"],
                    }
                    for r in rows
                ],
            }
        )
    return out


KINDS = [
    ("information_session", ("説明会",)),
    ("orientation", ("オリエンテーション", "出発前", "渡航前", "Orientation")),
    ("career", ("キャリア", "就職")),
    ("conference", ("会議", "総会", "ミーティング", "Meeting", "Session")),
    ("reception", ("レセプション", "歓迎会", "歓送", "壮行会", "Gala", "交流会")),
]


def kind_of(name: str) -> str:
    for kind, words in KINDS:
        if any(w in name for w in words):
            return kind
    return "other"


def mode_and_city(venue: str) -> tuple[str, str]:
    if venue.strip() == "オンライン" or "投稿" in venue:
        return "online", ""
    city = re.sub(r"[（(].*?[）)]", "", venue).strip()
    return ("hybrid" if "併用" in venue else "in_person"), city


def jetaa(src: Path) -> list[dict[str, object]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read(src, "jetaa_events.csv"):
        grouped[row["report_row_no"]].append(row)
    out = []
    for no, rows in grouped.items():
        names = list(dict.fromkeys(r["name"] for r in rows))
        stems = {re.split(r"[（(]", n)[0].strip() for n in names}
        name = (
            names[0] if len(names) == 1 else stems.pop() if len(stems) == 1 else " / ".join(names)
        )
        sessions = []
        for r in rows:
            mode, city = mode_and_city(r["venue_or_method"])
            sessions.append(
                {
                    "start": r["start_date"],
                    "end": r["end_date"],
                    "city": city,
                    "country": resolve(r["country_en"]),
                    "venue": r["venue_or_method"],
                    "mode": mode,
                    "title": r["name"] if len(names) > 1 else "",
                }
            )
        out.append(
            {
                "report_no": int(no),
                "office": OFFICE_BY_JA[rows[0]["office"]],
                "name": name,
                "kind": kind_of(name),
                "sessions": sessions,
            }
        )
    return out


def newsletters(src: Path) -> list[dict[str, object]]:
    return [
        {
            "office": OFFICE_BY_JA[r["office"]],
            "title": r["newsletter_name"],
            "main_contents": r["main_contents"],
            "issues_per_year": int(r["issues_per_year"]),
        }
        for r in read(src, "newsletters.csv")
    ]


def support_tally(src: Path) -> dict[str, object]:
    offices, printed = {}, {}
    for r in read(src, "support_case_tally.csv"):
        counts = {
            "prefecture_or_designated_city": int(r["prefecture_or_designated_city"]),
            "municipality": int(r["municipality"]),
            "other": int(r["other"]),
        }
        if r["row_type"] == "office":
            offices[OFFICE_BY_JA[r["office"]]] = counts
        else:
            printed = counts | {"total": int(r["total"])}
    return {"offices": offices, "printed_total": printed}


def main(src: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in [
        ("event_booths.json", events(src)),
        ("jetaa_events.json", jetaa(src)),
        ("newsletters.json", newsletters(src)),
        ("support_case_tally.json", support_tally(src)),
    ]:
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        (OUT / name).write_text(text, encoding="utf-8")
        print("wrote", OUT / name)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/fy2023"))
