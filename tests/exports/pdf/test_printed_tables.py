"""Every per-office table the app regenerates, as the annual report prints it (issue #24).

For each table: its heading, its header row, and its first and last data rows (the 計 row
where the report prints one) are compared with the report's text, character for
character after Unicode NFKC. The report's words are read from a verbatim copy of its
text kept in ``tests/reference`` (the repository's tests never read ``../shared``);
each expected cell is first found there, so the expectations below cannot drift from
the report. The PDF's text put blanks around numbers and broke cells across lines, so
blanks and line breaks are ignored on both sides, and a list cell's items (、) are
looked up one by one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import open_database
from exports.pdf.data import gather
from exports.pdf.report import printed_tables
from exports.report_tables import ReportTable, hq_tables

REFERENCE = Path(__file__).resolve().parents[2] / "reference" / "annual_report_fy2023_tables.ja.txt"

# table: (heading, header, first row, last row); None where the report prints no such row
Row = list[str] | None
EXPECTED: dict[str, tuple[str, list[str], Row, Row]] = {
    "support": ("＜海外活動支援件数＞",
                ["海外事務所", "支援件数(件)", "都道府県・政令市", "市町村", "その他"],
                ["ニューヨーク", "52", "35", "10", "７"], ["計", "435", "322", "68", "45"]),
    "newsletters": ("＜ニューズレター発行状況＞",
                    ["海外事務所", "ニューズレター名", "主な内容", "発行回数"],
                    ["ニューヨーク", "JLGC NEWS LETTER",
                     "職員紹介、事務所事業紹介、JET プログラム経験者からの寄稿等", "２"],
                    ["北京", "クレア北京",
                     "事務所事業紹介等 ※パンフレット形式（日本語・中国語)で年１回発行", "１"]),
    "media": ("＜取材協力等による海外マスメディア等での PR 実施･支援一覧＞",
              ["海外事務所", "実施日", "名称等（掲載媒体：新聞、雑誌、番組名等）", "掲載自治体"],
              ["パリ", "＜地方展（ディジョン）＞令和５年 10 月 18 日～10 月 22 日"
               "＜パリ展＞令和５年 11 月 14 日～11 月 25 日",
               "第 11 回「伝統と先端と」展開催にあわせ仏メディア等に PR し、参加自治体の情報発信"
               "を実施（情報誌「L’Officiel des Spectacles」や新聞「Le Parisien Etudiant」、その他"
               "ウェブサイトや SNS 等に掲載）",
               "山形県、東京都、富山県、福井県、長野県、徳島県、高知県、熊本県、新潟市、浜松市、"
               "堺市、広島市、熊本市、石川県金沢市、福井県福井市、三重県松阪市、滋賀県甲賀市、"
               "京都府与謝野町、大阪府泉佐野市、兵庫県西脇市、兵庫県丹波篠山市、兵庫県淡路市、"
               "奈良県広陵町、和歌山県和歌山市、岡山県備前市、福岡県福智町"],
              ["北京", "令和５年 11 月１日～令和６年２月 26 日",
               "ライブ配信を通じた地域の魅力発信事業 中国の動画配信大手プラットフォームである快手"
               "と連携し、快手のプラットフォームと KOL を活用して、日本各地の魅力的な観光スポット"
               "や文化体験等をライブ配信及びショート動画形式で中国国内に向けて PR",
               "香川県、北九州市、青森県青森市、山口県下関市、大分県宇佐市"]),
    "booths": ("＜海外で共催･参加した経済交流関係イベント等一覧＞",
               ["海外事務所", "実施日", "開催地", "イベント名"],
               ["ニューヨーク", "令和５年４月 15 日～16日", "ワシントン D.C.",
                "さくら祭り ジャパニーズストリートフェスティバル"],
               ["北京", "令和６年３月 19 日", "北京市", "天皇誕生日祝賀レセプション"]),
    "cooking": ("＜海外事務所での料理体験イベント一覧＞",
                ["海外事務所", "実施日", "実施団体", "開催地", "テーマ食材・メニュー"],
                ["シンガポール", "令和５年 10 月９日～27 日", "静岡県、沖縄県、福岡市",
                 "シンガポール",
                 "【テーマ食材】・静岡県：乾燥しいたけ・沖縄県：もずく、シークヮーサー、青パパイヤ※、"
                 "琉球スギ※・福岡市：唐泊恵比須かき※当該食材の使用を想定したレシピを考案したが、"
                 "料理教室においては代替食材を使用【メニュー】しいたけ寿司、青パパイヤサラダ（もずく"
                 "ドレッシングがけ）、焼きスギのブールブランソースがけ、もずくの味噌汁、生牡蠣の"
                 "レモンがけ、シークヮーサーのパウンドケーキ"],
                ["北京", "令和６年３月９日", "福井県", "杭州市",
                 "【メニュー】おろしそば、筍の鰹節和え、里芋コロッケ、越の宝石のフルーツ白玉"]),
    "jetaa": ("＜海外事務所における JETAA 等との連携による事業一覧＞",
              ["海外事務所", "国名", "実施日", "名称等", "開催地等"],
              ["ニューヨーク", "アメリカ", "令和５年５月 20日", "JETAAUSA ミーティング",
               "オンライン"],
              ["北京", "中国", "令和５年 12 月１日", "中国 JET 事業実施 30 周年記念セミナー",
               "北京市"]),
    "executive": ("＜海外自治体幹部交流協力セミナー一覧＞",
                  ["海外事務所", "実施日", "受入自治体", "参加者数"],
                  ["ニューヨーク", "令和６年２月 12 日～２月 18日", "岡山県", "８名"],
                  ["北京", "令和６年３月 25 日～29日", "神戸市", "６名"]),
    "policy_pr": ("＜海外における日本の施策 PR のためのセミナー等開催状況＞",
                  ["海外事務所", "実施日", "名称", "開催地等", "参加者数"],
                  ["ニューヨーク", "令和５年 10 月１日",
                   "日本の自治体及びクレアの活動について（於 ICMA（国際市・カウンティ支配人協会・"
                   "International Affiliates Meeting））", "テキサス州オースティン", "約 100 名"],
                  ["北京", "① 令和５年４月 25 日② 令和５年 9月 25 日③ 令和５年 12 月 5 日",
                   "北京大学での講義「日本の行政体制と公務員制度」", "北京市",
                   "①  10 名②  124 名③  32 名"]),
    "posted_staff": ("＜日本の自治体から各国に派遣されている駐在員を対象にしたセミナー等一覧＞",
                     ["", "実施日", "開催地", "内容", "参加者数"],
                     ["韓国駐在地方公務員等連絡協議会兼クレアソウルセミナー", "", "", "", ""],
                     ["", "令和６年１月 26 日", "オンライン", "令和 6 年度クレア北京事務所事業説明",
                      "80 名"]),
    "clair_reports": ("＜クレアレポート一覧＞", ["海外事務所", "刊行物名"],
                      ["ニューヨーク", "北米におけるインターネット投票について"],
                      ["シドニー", "クイーンズランド州ブリスベン市で発生する洪水被害 ～ブリスベン"
                       "市役所による対応を中心に～"]),
    "seconded": ("＜自治体職員数と自治体名＞", ["配属先", "人数", "自治体名"],
                 ["ニューヨーク", "６名",
                  "宮城県、岡山市、広島市、茨城県境町、山口県萩市、大分県大分市"],
                 ["北京", "５名", "岐阜県、鳥取県、香川県、愛媛県、宮崎県宮崎市"]),
    "research": ("＜海外依頼調査件名（一部抜粋）＞", ["調査件名", "調査実施事務所"],
                 ["自転車用ヘルメットの商品情報、事故情報、安全基準及び着用義務等について",
                  "ニューヨーク、ロンドン、パリ、シンガポール、ソウル、シドニー、北京"],
                 ["居住地以外の場所（選挙区）への投票を認めている海外の事例について",
                  "ロンドン、パリ、シンガポール、ソウル"]),
    # the offices' seminars for local governments in Japan: one table an office (1 (2)–(7))
    "office_seminars:NYC": (
        "＜ニューヨーク事務所主催 「オンラインセミナー」概要＞", ["実施日", "事業概要", "参加者数"],
        ["令和５年 12 月 26 日～令和６年２月２日",
         "＜テーマ＞ニューヨークのまちづくり: 公園と公共空間から考える"
         "ニューヨーク市公園局 都市計画、GIS スペシャリスト 島田 智里 氏"
         "(期間を限定して 映像配信)", "256 名"], None),
    "office_seminars:LON": (
        "＜ロンドン事務所主催 「オンラインセミナー」概要＞", ["実施日", "事業概要", "参加者数"],
        ["令和５年４月 26 日", "第 26 回＜テーマ＞デンマークから学ぶ自治体 DXの推進"
         "北欧研究所主宰／ロスキレ大学准教授 安岡 美佳 氏", "237 名"],
        ["令和６年３月 13 日", "第 35 回＜テーマ＞フィンランドのワークライフバランス"
         "フィンランド大使館広報部プロジェクトコーディネーター 堀内 都喜子 氏", "243 名"]),
    "office_seminars:PAR": (
        "＜パリ事務所主催セミナー概要＞", ["実施日", "事業概要", "参加者数"],
        ["令和５年９月 15 日", "第１回＜テーマ＞ポストコロナの日本のものづくり"
         "有限会社エニシング 代表取締役社長 西村 和弘 氏", "80 名"],
        ["令和６年３月 15 日", "第２回＜テーマ＞観光大国フランスにおける文化政策"
         "美術史家・フランス政府公認ガイド 中村 潤爾 氏", "109 名"]),
    # Singapore's outline: each part's speakers under it (岡野 氏 in both), 合計 102 名
    "office_seminars:SIN": (
        "＜シンガポール事務所主催「海外経済セミナー」概要＞",
        ["実施日", "開催方法", "事業概要", "参加者数"],
        ["令和５年 11 月２日", "現地及びオンライン",
         "＜テーマ＞第一部 ASEAN 市場の概要Visit Japan 大使 ジョージ・リム 氏"
         "PwC コンサルティング合同会社 シニアマネージャー 岡野 陽二 氏"
         "第二部 各国市場・物流・自治体の取組DOU Creations Managing Director 吉地 大 氏"
         "Imei (Exim) Pte. Ltd. General Manager 松崎 秀一 氏"
         "PwC コンサルティング合同会社 シニアマネージャー 岡野 陽二 氏"
         "EIJ Consulting Pvt.Ltd 代表取締役 柴田 洋佐 氏"
         "新潟県農林水産部 食品・流通課長 湯田 渉 氏", "合計 102 名"], None),
    "office_seminars:SYD": (
        "＜シドニー事務所主催「地域産品輸出促進オンラインセミナー」概要＞",
        ["実施日", "事業概要", "参加者数"],
        ["令和５年 11 月 16 日", "第１回＜テーマ＞オーストラリア市場への地域産品輸出について"
         "独立行政法人日本貿易振興機構（JETRO）シドニー事務所 児島 亨 氏", "71 名"],
        ["令和６年３月 25 日", "第３回＜テーマ＞オーストラリアへの伝統工芸品の輸出について"
         "Simply Native 代表 松元 由紀乃 氏", "45 名"]),
    "office_seminars:BEJ": (
        "＜北京事務所主催ウェビナー概要＞", ["実施日", "事業概要", "参加者数"],
        ["令和６年３月 19 日", "＜テーマ＞ＥＣを活用した伝統工芸品の販路拡大"
         "北京京和资材商贸有限公司 董事長 马松亭 氏", "48 名"], None),
    # the first hosted event's table (Paris's, with its own header 実施内容); the
    # second's (国名 … 開催地) is compared in test_hosted_events_as_printed
    "hosted_events": (
        "＜クレアが主催した経済交流関係イベント等一覧＞", ["実施日", "実施内容", "参加実績"],
        ["令和５年 10 月 18 日～22日",
         "ディジョン国際美食ワイン館において、出展品の展示・販売、出展自治体の情報発信",
         "・会場来場者数：延べ 33,757 名"],
        ["（参加自治体:26）山形県、東京都、富山県、福井県、長野県、徳島県、高知県、熊本県、"
         "新潟市、浜松市、堺市、広島市、熊本市、石川県金沢市、福井県福井市、三重県松阪市、"
         "滋賀県甲賀市、京都府与謝野町、大阪府泉佐野市、兵庫県西脇市、兵庫県丹波篠山市、"
         "兵庫県淡路市、奈良県広陵町、和歌山県和歌山市、岡山県備前市、福岡県福智町", "", ""]),
}  # fmt: skip


def norm(text: object) -> str:
    """NFKC, without the blanks and line breaks the PDF's text put anywhere."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def same_notation(text: str) -> str:
    """A range within one month in one notation: the report writes both 2月12日～18日
    and 2月12日～2月18日 (New York's executive seminar); the app always the first."""
    return re.sub(r"(\d+)月(\d+)日~\1月", r"\1月\2日~", norm(text))  # NFKC: ～ is ~


def reference_blocks() -> dict[str, str]:
    blocks: dict[str, list[str]] = {}
    current = ""
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line.split()[1]
        elif current:
            blocks.setdefault(current, []).append(line)
    return {name: norm("".join(lines)) for name, lines in blocks.items()}


@pytest.fixture(scope="module")
def app_tables(demo_template: Path) -> Iterator[dict[str, ReportTable]]:
    db = open_database(demo_template)
    try:
        with gather(db, fy_period(2023), None) as data:
            tables = [*hq_tables(data.tally, data.issues, "ja"), *printed_tables(data, "ja")]
    finally:
        db.close()
    # a table continuing the one before it (a hosted event's) shares its title
    yield {t.title: t for t in reversed(tables)}


def rows_of(table: ReportTable) -> tuple[list[Any], list[Any]]:
    body = table.rows[:-1] if table.total else table.rows
    return body[0], body[-1]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_words_are_the_reports(name: str) -> None:
    """Each expected cell is in the report's text of that table (a list item by item)."""
    block = reference_blocks()[name.split(":")[0]]
    heading, header, first, last = EXPECTED[name]
    for cell in [heading, *header, *(first or []), *(last or [])]:
        for item in re.split(r"[、\n]", cell):
            assert norm(item) in block, f"{name}: {item!r} is not in the report's text"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_table_as_printed(name: str, app_tables: dict[str, ReportTable]) -> None:
    heading, header, first, last = EXPECTED[name]
    found = {norm(title): t for title, t in app_tables.items()}
    assert norm(heading) in found, f"no table headed {heading}"
    table = found[norm(heading)]
    assert [norm(h) for h in table.header] == [norm(h) for h in header]
    app_first, app_last = rows_of(table)
    if last is not None and norm(last[0]) == norm("計"):
        app_last = table.rows[-1]
    if first is not None:
        assert [same_notation(c) for c in app_first] == [same_notation(c) for c in first]
    if last is not None:
        assert [same_notation(c) for c in app_last] == [same_notation(c) for c in last]


def test_report_order_is_kept_not_the_dates(app_tables: dict[str, ReportTable]) -> None:
    """Seoul's media rows as printed (SNS, (１), (２)), though (２) began first; the
    posted-staff seminars by series as printed (Seoul, China, NYC, Singapore, Beijing),
    not grouped by office; a research request's offices in the offices' order."""
    media = next(t for k, t in app_tables.items() if "マスメディア" in k)
    seoul = [norm(r[2]) for r in media.rows if r[0] == "ソウル"]
    assert [s[:3] for s in seoul] == ["SNS", "韓国メ", "韓国メ"]
    assert "(1)" in seoul[1] and "(2)" in seoul[2]
    posted = next(t for k, t in app_tables.items() if "駐在員" in k)
    series = [r[0][:4] for r in posted.rows[:-1] if r[0] and not any(r[1:])]
    assert series == ["韓国駐在", "在中国自", "クレアニ", "在シンガ", "クレア北"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_table_has_a_sheet_of_its_own(demo_template: Path, lang: str) -> None:
    """The workbook gives each table a sheet: names unique (case ignored), ≤ 31 characters."""
    db = open_database(demo_template)
    try:
        with gather(db, fy_period(2023), None) as data:
            tables = [*hq_tables(data.tally, data.issues, lang), *printed_tables(data, lang)]
    finally:
        db.close()
    sheets = [t.sheet.casefold() for t in tables]
    assert len(set(sheets)) == len(sheets) and all(len(s) <= 31 for s in sheets)


def test_each_series_under_its_own_header(app_tables: dict[str, ReportTable]) -> None:
    """The posted-staff seminars: each series is printed with its own header, as the
    report does — 開催地 for those met in person, 開催方法 for Singapore's and Beijing's
    (held online); the report's text has each series' name followed by its header."""
    posted = next(t for k, t in app_tables.items() if "駐在員" in k)
    block = reference_blocks()["posted_staff"]
    body = posted.rows[:-1]
    seen = []
    for i, row in enumerate(body):
        if row[0] and not any(row[1:]):  # a series' name across the table
            header = body[i + 1] if i + 1 in posted.header_rows else posted.header
            assert i == 0 or i + 1 in posted.header_rows, f"{row[0]} has no header of its own"
            assert norm(row[0] + "".join(header)) in block, (row[0], header)
            seen.append(header[2])
    assert seen == ["開催地", "開催地", "開催地", "開催方法", "開催方法"]


def _research_records(demo_template: Path) -> tuple[Any, list[Any]]:
    from db.schema.kinds import RecordKind
    from db.schema.offices import OFFICE_CODES

    db = open_database(demo_template)
    try:
        with gather(db, fy_period(2023), None) as data:
            requests = [r for c in OFFICE_CODES
                        for r in data.records(RecordKind.RESEARCH_REQUEST, c)]  # fmt: skip
            return data.tally, requests
    finally:
        db.close()


def test_research_excerpt_states_the_reports_totals(
    demo_template: Path, app_tables: dict[str, ReportTable]
) -> None:
    """The report lists 11 requests but says 15 bodies made 24: the totals are kept on
    the records (declared fields), printed under the excerpt beside the count of the
    requests listed, and said in the report's own sentence."""
    from exports.report_prose import research_sentence
    from exports.report_tables import stated_research_totals

    block = reference_blocks()["research"]
    said = re.search(r"(\d+)自治体等から依頼のあった(\d+)件", block)
    assert said is not None
    bodies, requests = int(said[1]), int(said[2])
    table = next(t for k, t in app_tables.items() if "依頼調査" in k)
    listed = len(table.rows) - 1
    assert listed < requests  # an excerpt
    assert re.search(rf"{bodies}自治体等から依頼のあった{requests}件のうち{listed}件",
                     norm(table.note)), table.note  # fmt: skip
    assert norm(table.rows[-1][1]) == f"{listed}件"  # the records' own count stays
    tally, records = _research_records(demo_template)
    stated = stated_research_totals(records)
    assert (stated.requests, stated.bodies) == (requests, bodies)
    assert norm(research_sentence(tally, "ja", stated)) in block  # the report's sentence
    assert f"{requests} research requests from {bodies} bodies" in research_sentence(
        tally, "en", stated
    )


def test_research_without_stated_totals_says_only_the_records(demo_template: Path) -> None:
    """A year whose requests keep no stated totals: no note, the sentence counts the
    records (nothing is made up)."""
    import dataclasses

    from exports.report_prose import research_sentence
    from exports.report_tables import research_note, stated_research_totals

    tally, records = _research_records(demo_template)
    bare = [dataclasses.replace(r, year_requests_stated=None, year_bodies_stated=None)
            for r in records]  # fmt: skip
    stated = stated_research_totals(bare)
    assert stated.requests is None and research_note(stated, len(bare), "ja") == ""
    assert f" {len(bare)} 件" in research_sentence(tally, "ja", stated)


def _hosted(demo_template: Path) -> list[ReportTable]:
    db = open_database(demo_template)
    try:
        with gather(db, fy_period(2023), None) as data:
            return [t for t in printed_tables(data, "ja") if "クレアが主催" in t.title]
    finally:
        db.close()


def test_hosted_events_as_printed(demo_template: Path) -> None:
    """Each hosted event under the one heading, as the report prints it: its name and
    its paragraph, then its own header — Paris's 実施日 / 実施内容 / 参加実績 (its legs
    keep what was done there), the food fair's 国名 / 実施日 / 開催地 / 参加実績 — and
    its rows; the report's text has them in this order, each in one piece."""
    block = reference_blocks()["hosted_events"]
    paris, fair = _hosted(demo_template)
    assert not paris.continues and fair.continues  # one heading for both
    at = 0
    for table in (paris, fair):
        assert len(table.lead) == 2  # the event's name, its paragraph
        for piece in [*table.lead, "".join(table.header), *("".join(r) for r in table.rows)]:
            found = block.find(norm(piece), at)
            assert found >= at, f"not in the report's text (in this order): {piece[:40]!r}"
            at = found
    assert [norm(h) for h in paris.header] == ["実施日", "実施内容", "参加実績"]
    assert [norm(h) for h in fair.header] == ["国名", "実施日", "開催地", "参加実績"]
    row = fair.rows[0]
    assert norm(row[3]) == norm("・会場来場者数：延べ 19,173 名・出展商品 67点（展示・販売）"
                                "・10自治体/16 事業者")  # fmt: skip


def test_hosted_events_in_the_docx_and_workbook(demo_template: Path, tmp_path: Path) -> None:
    """The events' names, paragraphs and 実施内容 reach the Word document (read back by
    python-docx) and the consolidated workbook (read back by openpyxl)."""
    import docx
    import openpyxl

    from db.schema.fiscal import fy_period as period
    from exports.docx_report import write_overseas_docx
    from exports.xlsx.consolidate import consolidate

    paris, fair = _hosted(demo_template)
    wanted = [*paris.lead, *fair.lead, paris.rows[1][1], "".join(fair.header)]
    db = open_database(demo_template)
    try:
        doc = docx.Document(str(write_overseas_docx(db, tmp_path / "x.docx", period(2023))))
        consolidate(db, tmp_path / "x.xlsx", period(2023))
    finally:
        db.close()
    words = norm(
        "".join(p.text for p in doc.paragraphs)
        + "".join(c.text for tb in doc.tables for r in tb.rows for c in r.cells)
    )
    wb = openpyxl.load_workbook(tmp_path / "x.xlsx", read_only=True)
    cells = norm("".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None))  # fmt: skip
    wb.close()
    for piece in wanted:
        assert norm(piece) in words, f"not in the .docx: {piece[:40]!r}"
        assert norm(piece) in cells, f"not in the workbook: {piece[:40]!r}"


def test_outline_and_activity_travel_in_the_office_workbook(
    demo_template: Path, tmp_path: Path
) -> None:
    """Paris's workbook carries its exhibition's paragraph and each leg's 実施内容 to
    headquarters: imported into an empty database, the fields read back exactly."""
    import shutil

    from sqlalchemy import text

    from exports.xlsx.exchange import import_file
    from exports.xlsx.export import export_office

    shutil.copyfile(demo_template, tmp_path / "paris.sqlite3")
    paris, hq = open_database(tmp_path / "paris.sqlite3"), open_database(tmp_path / "hq.sqlite3")
    sql = ("SELECT e.outline, l.activity FROM event_booth e JOIN event_leg l ON l.event_id = e.id"
           " WHERE e.office_code = 'PAR' AND e.hosted ORDER BY l.position")  # fmt: skip
    try:
        with paris.session() as s:
            sent = [tuple(r) for r in s.execute(text(sql))]
        assert len(sent) == 2 and all(outline and activity for outline, activity in sent)
        import_file(hq, export_office(paris, tmp_path / "par.xlsx", "PAR", fy_period(2023)).path)
        with hq.session() as s:
            assert [tuple(r) for r in s.execute(text(sql))] == sent
    finally:
        paris.close()
        hq.close()
