"""Words and date formats of the Japanese and English exports (PDF and Excel).

Japanese output follows the annual report (era dates, 年度, its table titles); English
output uses ISO dates and "FY2023". Country and office names come from
:mod:`db.countries` and :mod:`db.offices`.
"""

from __future__ import annotations

from datetime import date, datetime

from db.fiscal import Period, fiscal_year, format_era_date, format_era_range, format_fy

TEXT: dict[str, tuple[str, str]] = {
    "office_summary": ("活動実績報告", "Activity summary"),
    "hq_title": ("海外事務所 活動実績（全事務所）", "Overseas offices: activity summary (all offices)"),
    "office_suffix": ("事務所", " office"),
    "made": ("作成", "Made"),
    "page": ("{n} / {total} ページ", "page {n} of {total}"),
    "tallies": ("集計", "Tallies"),
    "by_month": ("月別の推移", "By month"),
    "support_cases": ("海外活動支援", "Support cases"),
    "support_table": ("＜海外活動支援件数＞", "Support cases by requester category"),
    "by_type": ("支援内容別件数", "Counted cases by support type"),
    "event_booths": ("経済交流関係イベント出展", "Event booths"),
    "newsletters": ("ニューズレター", "Newsletters"),
    "jetaa_events": ("JETAA等との連携による事業", "Events with JETAA"),
    "office": ("事務所", "Office"),
    "category": ("区分", "Category"),
    "count": ("件数", "Count"),
    "total": ("計", "Total"),
    "enquiries_note": ("電話・メールでの問合せ {n} 件は件数に含まない", "{n} phone/email enquiries are not counted"),
    "events": ("件数", "Events"),
    "hosted": ("うち主催", "Hosted"),
    "countries": ("国数", "Countries"),
    "country_list": ("実施国（{n}か国）", "Countries ({n})"),
    "issues": ("発行回数", "Issues"),
    "title": ("名称", "Title"),
    "dates": ("期間", "Dates"),
    "date": ("発行日", "Date"),
    "requester": ("依頼団体", "Requester"),
    "support_types": ("支援内容", "Support given"),
    "summary": ("概要", "Summary"),
    "staff": ("担当", "Staff"),
    "event_name": ("イベント名", "Event"),
    "place": ("開催地", "Place"),
    "municipalities": ("参加自治体", "Local governments"),
    "visitors": ("来場者数", "Visitors"),
    "number": ("号", "No."),
    "format": ("形式", "Format"),
    "languages": ("言語", "Lang."),
    "contents": ("主な内容", "Contents"),
    "reach": ("配信数", "Reach"),
    "name": ("事業名", "Name"),
    "kind": ("種別", "Kind"),
    "venue": ("開催地・方法", "Venue"),
    "not_counted": ("計上外", "not counted"),
    "hosted_mark": ("主催", "hosted"),
    "none": ("該当なし", "None"),
    "chart_cases": ("海外活動支援件数（月別）", "Counted support cases by month"),
    "chart_events": ("イベント・ニューズレター・JETAA事業（月別）", "Events, newsletter issues and JETAA events by month"),
}  # fmt: skip


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (``ja`` or ``en``), with ``values`` filled in."""
    ja, en = TEXT[key]
    text = ja if lang == "ja" else en
    return text.format(**values) if values else text


def month_label(month: int, lang: str) -> str:
    return f"{month}月" if lang == "ja" else date(2000, month, 1).strftime("%b")


def format_day(day: date, lang: str) -> str:
    return format_era_date(day) if lang == "ja" else day.isoformat()


def format_range(start: date, end: date | None, lang: str) -> str:
    """``令和5年11月18日～19日`` in Japanese; ``2023-11-18 – 2023-11-19`` in English."""
    if lang == "ja":
        return format_era_range(start, end)
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def format_period(period: Period, lang: str) -> str:
    """``令和5年度（令和5年4月1日～令和6年3月31日）`` or ``FY2023 (2023-04-01 – 2024-03-31)``."""
    fy = fiscal_year(period.start)
    whole = period.start == date(fy, 4, 1) and period.end == date(fy + 1, 3, 31)
    if lang == "ja":
        span = f"{format_era_date(period.start)}～{format_era_date(period.end)}"
        return f"{format_fy(fy, 'ja')}（{span}）" if whole else span
    span = f"{period.start.isoformat()} – {period.end.isoformat()}"
    return f"FY{fy} ({span})" if whole else span


def format_made(moment: datetime, lang: str) -> str:
    local = moment.astimezone()
    if lang == "ja":
        return f"{format_era_date(local.date())} {local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"
