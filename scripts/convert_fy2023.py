"""Convert the FY2023 CSVs of ``../shared/data/fy2023`` into ``resources/fy2023/*.json``.

Run once by a developer (``python scripts/convert_fy2023.py ../shared/data/fy2023``);
the JSON it writes is committed, so the product never reads ``../shared``. It groups
the legs of one event and the numbered sessions of one JETAA event, resolves country
names to ISO codes (Babel/pycountry via :mod:`db.schema.countries`) and office names to codes.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.schema.countries import resolve  # noqa: E402
from db.schema.errors import ValidationError  # noqa: E402
from db.schema.offices import OFFICES  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "resources" / "fy2023"
OFFICE_BY_JA = {o.name_ja: o.code for o in OFFICES}


def read(src: Path, name: str) -> list[dict[str, str]]:
    with (src / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def number(text: str) -> int | None:
    return int(text.replace(",", "")) if text.strip() else None


# --- what the report prints and the CSVs do not carry: its own words, transcribed from
# the report's text (tests/reference). The committed JSON is exactly this script's
# output (tests/project/test_convert_fy2023.py), so a change to the demo data is made here.

# a hosted event's paragraph under its name, and what was done at each leg (実施内容),
# by the report's event number; the report prints 実施内容 for Paris's exhibition only
EVENT_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "1": (
        "パリ事務所では、日本の地方に根付いた伝統産業技術にスポットを当て、日本の地方が持つ"
        "知られざる魅力をフランス国内に発信するために、「衣・食・住」をテーマとしてパリ日本"
        "文化会館及びディジョン国際美食ワイン館で本展を開催した。全国から 26 自治体が参加し、"
        "その土地に根ざしたモノや伝統工芸品等の展示・販売、出展自治体の情報発信を行った。",
        (
            "ディジョン国際美食ワイン館において、出展品の展示・販売、出展自治体の情報発信",
            "パリ日本文化会館にて、ヴェルニサージュ（オープニングパーティー）の実施、出展品の"
            "展示・販売、ワークショップの実施、出展自治体の情報発信",
        ),
    ),
    "2": (
        "本部では、地域産品の海外展開を支援する自治体に出展の機会及びノウハウを提供するため、"
        "全国の自治体を通じ、海外販路開拓に意欲的な企業を募集している。\n"
        "令和５年度は、世界の情報の発信地であるニューヨークにおいて食品展を実施した。",
        (),
    ),
}
# the heading of the report's table an office's seminars are printed in (section 1
# (2)–(7)); Paris's is the app's own wording (＜パリ事務所主催セミナー概要＞)
SEMINAR_HEADINGS = {
    "NYC": "＜ニューヨーク事務所主催 「オンラインセミナー」概要＞",
    "LON": "＜ロンドン事務所主催 「オンラインセミナー」概要＞",
    "SIN": "＜シンガポール事務所主催「海外経済セミナー」概要＞",
    "SYD": "＜シドニー事務所主催「地域産品輸出促進オンラインセミナー」概要＞",
    "BEJ": "＜北京事務所主催ウェビナー概要＞",
}
# a seminar in parts: each part's speakers as the report prints them under it (岡野 氏
# spoke in both parts and is printed twice; the CSV lists him once)
SPEAKERS_BY_PART = {
    "海外経済セミナー2023": (
        (
            "Visit Japan 大使 ジョージ・リム 氏",
            "PwC コンサルティング合同会社 シニアマネージャー 岡野 陽二 氏",
        ),
        (
            "DOU Creations Managing Director 吉地 大 氏",
            "Imei (Exim) Pte. Ltd. General Manager 松崎 秀一 氏",
            "PwC コンサルティング合同会社 シニアマネージャー 岡野 陽二 氏",
            "EIJ Consulting Pvt.Ltd 代表取締役 柴田 洋佐 氏",
            "新潟県農林水産部 食品・流通課長 湯田 渉 氏",
        ),
    ),
}
# the research requests the report states for the year, beside the excerpt it lists
# (本文: 15 自治体等から依頼のあった 24 件); kept on the first request
RESEARCH_STATED = {"year_requests_stated": 24, "year_bodies_stated": 15}
RESEARCH_STATED_NOTE = "年度の件数・団体数は報告書本文の記載（15 自治体等から依頼のあった 24 件）"


def events(src: Path) -> list[dict[str, object]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read(src, "event_booths.csv"):
        grouped[row["report_event_no"]].append(row)
    out = []
    for no, rows in grouped.items():
        first = rows[0]
        munis = [m for m in first["participating_municipalities"].split(";") if m]
        notes = " ".join(r["notes"] for r in rows)
        outline, activities = EVENT_WORDS.get(no, ("", ()))
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
                **({"outline": outline} if outline else {}),
                "legs": [
                    {
                        "start": r["start_date"],
                        "end": r["end_date"],
                        "city": r["city"],
                        "city_en": r["city_en"],
                        "country": resolve(r["country"]),
                        "venue": r["venue"],
                        **({"activity": activities[i]} if i < len(activities) else {}),
                    }
                    for i, r in enumerate(rows)
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


# --- the office's whole year (issue #15): records in their declarations' own shape
# (db.schema.kinds field names, ISO dates), so that the demo loader makes them generically.
FY_LAST_DAY = "2024-03-31"  # for dates the report does not print (see resources/README.md)


def spaced(text: str) -> str:
    """``第 26 回`` as ``第26回`` (the PDF text put blanks around numbers)."""
    return re.sub(r"\s+", "", text)


def printed(notes: str) -> str:
    """The report's own words of a CSV note, without the transcriber's English remarks
    (those are the judgement calls resources/README.md keeps)."""
    parts = re.split(r"(?<=\.)\s+|;\s+", notes)
    return " ".join(p for p in parts if p and not re.search(r"[A-Za-z]{3,}", p)).rstrip(".")


def session_mode(text: str) -> str:
    if "映像配信" in text or "オンデマンド" in text:
        return "on_demand"
    if "併用" in text or ("現地" in text and "オンライン" in text):
        return "hybrid"
    return "online" if "オンライン" in text else "in_person"


def session(r: dict[str, str], venue: str, country: str | None = None) -> dict[str, object]:
    return {
        "start_date": r["start_date"],
        "end_date": r["end_date"] or r["start_date"],
        "venue": venue,
        "country": country,
        "mode": session_mode(venue),
        "participants": number(r["participants"]),
        "participants_approx": r.get("participants_approx") == "yes",
    }


def seminars(src: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for r in read(src, "office_seminars.csv"):
        parts = SPEAKERS_BY_PART.get(r["session"])
        # the report prints 現地及びオンライン; the place in brackets goes to the notes
        place = re.search(r"現地（(.+?)）", r["format"])
        out.append({
            "office_code": OFFICE_BY_JA[r["office"]], "kind": "office_online",
            "title": r["theme"],
            "speakers": ("\n\n".join("\n".join(p) for p in parts) if parts
                         else r["speakers"].replace("; ", "\n")),
            # a numbered round (第26回), or the seminar's own series name
            **({"series_round": spaced(r["session"])} if r["session"].startswith("第")
               else {"series": r["session"]}),
            "notes": printed(r["notes"]) + (f"。現地会場は{place[1]}" if place else ""),
            "sessions": [session(r, re.sub(r"現地（.+?）", "現地", r["format"]))],
        })  # fmt: skip
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in read(src, "japan_policy_pr_seminars.csv"):
        grouped[r["report_row_no"]].append(r)
    for rows in grouped.values():
        first = rows[0]
        out.append({
            "office_code": OFFICE_BY_JA[first["office"]], "kind": "policy_pr_abroad",
            "title": first["name"], "notes": printed(first["notes"]),
            "sessions": [session(r, r["venue"], resolve(r["country"])) for r in rows],
        })  # fmt: skip
    for r in read(src, "expat_staff_seminars.csv"):
        out.append({
            "office_code": OFFICE_BY_JA[r["office"]], "kind": "posted_staff",
            "title": r["series"], "series": r["series"], "series_round": spaced(r["session"]),
            "theme": r["content"], "notes": "事務所はシリーズ名から推定",
            "sessions": [session(r, r["venue_or_method"])],
        })  # fmt: skip
    for r in read(src, "executive_exchange_seminars.csv"):
        out.append({
            "office_code": OFFICE_BY_JA[r["office"]], "kind": "executive_exchange",
            "title": "海外自治体幹部交流協力セミナー", "hosts": [r["host_municipality"]],
            "sessions": [session(r, r["host_municipality"], "JP")],
        })  # fmt: skip
    order: dict[str, int] = defaultdict(int)
    for seminar in out:  # where the report prints it in its kind's table
        order[str(seminar["kind"])] += 1
        seminar["report_no"] = order[str(seminar["kind"])]
        if seminar["kind"] == "office_online" and seminar["office_code"] in SEMINAR_HEADINGS:
            seminar["table_heading"] = SEMINAR_HEADINGS[str(seminar["office_code"])]
    return out


def publications(src: Path) -> list[dict[str, object]]:
    return [
        {"office_code": OFFICE_BY_JA[r["office"]], "series": "clair_report", "title": r["title"],
         "published_on": FY_LAST_DAY, "notes": "発刊日は報告書に記載なし"}
        for r in read(src, "clair_reports.csv")
    ]  # fmt: skip


def as_printed(dates: str) -> str:
    """The report's own dates (``＜パリ展＞令和５年 11 月 14 日～11 月 25 日 / …``) one
    range a line, in the app's digits (``＜パリ展＞ 令和5年11月14日～11月25日``)."""
    digits = str.maketrans("０１２３４５６７８９", "0123456789")
    lines = [part.translate(digits).replace(" ", "") for part in dates.split(" / ")]
    return "\n".join(re.sub(r"^(＜[^＞]*＞)", r"\1 ", line) for line in lines if line)


def media_work(src: Path) -> list[dict[str, object]]:
    return [
        {"office_code": OFFICE_BY_JA[r["office"]], "start_date": r["start_date"],
         "end_date": r["end_date"] or None, "activity": r["activity"],
         "dates_as_printed": as_printed(r["date_detail_as_printed"]), "report_no": n,
         "municipalities": [m for m in r["municipalities"].split(";") if m]}
        for n, r in enumerate(read(src, "media_pr.csv"), 1)
    ]  # fmt: skip


def cooking_events(src: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for r in read(src, "cooking_events.csv"):
        country = resolve(r["country"])
        city = "" if resolve_or_none(r["location"]) == country else r["location"]
        out.append({
            "office_code": OFFICE_BY_JA[r["office"]], "start_date": r["start_date"],
            "end_date": r["end_date"] or None, "city": city, "country": country,
            "ingredients": r["theme_ingredients"], "menu": r["menu"], "notes": printed(r["notes"]),
            "organisations": [o for o in r["organisations"].split(";") if o],
        })  # fmt: skip
    return out


def resolve_or_none(text: str) -> str | None:
    try:
        return resolve(text)
    except ValidationError:
        return None


def research_requests(src: Path) -> list[dict[str, object]]:
    return [
        {"office_code": "HQ", "subject": r["title"], "asked_on": FY_LAST_DAY,
         "status": "answered",
         "notes": "。".join(["依頼日・依頼団体は報告書に記載なし",
                            *([RESEARCH_STATED_NOTE] if n == 1 else [])]),
         "report_no": n,
         "answering": [OFFICE_BY_JA[o] for o in r["offices"].split(";") if o],
         **(RESEARCH_STATED if n == 1 else {})}
        for n, r in enumerate(read(src, "commissioned_research.csv"), 1)
    ]  # fmt: skip


def seconded_staff(src: Path) -> list[dict[str, object]]:
    return [
        {"office_code": OFFICE_BY_JA[r["posting"]], "home": r["home_municipality"],
         "from_date": "2023-04-01"}
        for r in read(src, "seconded_staff.csv") if r["posting_type"] == "overseas_office"
    ]  # fmt: skip


def converted(src: Path) -> dict[str, object]:
    """Each JSON file's name and content, from the CSVs in ``src``."""
    return dict(
        [
            ("event_booths.json", events(src)),
            ("jetaa_events.json", jetaa(src)),
            ("newsletters.json", newsletters(src)),
            ("support_case_tally.json", support_tally(src)),
            ("seminars.json", seminars(src)),
            ("publications.json", publications(src)),
            ("media_work.json", media_work(src)),
            ("cooking_events.json", cooking_events(src)),
            ("research_requests.json", research_requests(src)),
            ("seconded_staff.json", seconded_staff(src)),
        ]
    )


def as_json(data: object) -> str:
    """A file's text, as committed."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(src: Path, out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in converted(src).items():
        (out / name).write_text(as_json(data), encoding="utf-8")
        print("wrote", out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/fy2023"),
         Path(sys.argv[2]) if len(sys.argv) > 2 else OUT)  # fmt: skip
