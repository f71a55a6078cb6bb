"""Date formats of the Japanese and English exports (PDF and Excel), and their words.

The words themselves live in the domain's one catalogue, :mod:`db.schema.words`.

Japanese output follows the annual report (era dates, 年度, its table titles); English
output uses ISO dates and "FY2023". Country and office names come from
:mod:`db.schema.countries` and :mod:`db.schema.offices`.
"""

from __future__ import annotations

from datetime import date, datetime

from db.schema.fiscal import (
    Period,
    fiscal_year,
    format_era_date,
    format_era_range,
    format_fy,
    moment,
)
from db.schema.words import word


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (``ja`` or ``en``), from :mod:`db.schema.words`."""
    return word(key, lang, **values)


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


def format_utc(moment: datetime, lang: str) -> str:
    """A moment in UTC as the window's lists show it: ``令和5年6月8日 09:30`` in
    Japanese, ``2023-06-08 09:30`` in English (tables sort it by the moment itself)."""
    from datetime import UTC

    at = moment.astimezone(UTC)
    if lang == "ja":
        return f"{format_era_date(at.date())} {at:%H:%M}"
    return f"{at:%Y-%m-%d %H:%M}"


def format_made(made: datetime, lang: str) -> str:
    """When a document was made, in the laptop's time zone (:func:`db.schema.fiscal.moment`)."""
    return moment(made, lang)
