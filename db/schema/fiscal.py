"""Fiscal years (April–March), periods inside them, and Japanese era dates.

FY2023 = 令和5年度 = 2023-04-01 … 2024-03-31. Reiwa began on 2019-05-01 and Heisei on
1989-01-08; FY2019 is called 令和元年度 as in government usage. Parsing accepts what
the annual report prints: full-width digits, 元年, spaces inside, and ranges such as
``令和５年 11 月 18 日～19日`` or ``令和5年12月30日～令和6年1月2日``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from db.schema.errors import ValidationError

FISCAL_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)  # April first


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    letter: str
    start: date

    def year_of(self, gregorian_year: int) -> int:
        return gregorian_year - self.start.year + 1


ERAS: tuple[Era, ...] = (  # newest first
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
)
_BY_NAME = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS}


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of dates, with the label a person reads."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def fiscal_year(day: date) -> int:
    """The fiscal year (named by its starting calendar year) that contains ``day``."""
    return day.year if day.month >= 4 else day.year - 1


def fy_period(fy: int) -> Period:
    return Period(date(fy, 4, 1), date(fy + 1, 3, 31))


def month_period(fy: int, month: int) -> Period:
    """Calendar month ``month`` (1–12) as it falls inside fiscal year ``fy``."""
    if not 1 <= month <= 12:
        raise ValidationError(f"month must be 1–12, not {month}", field="month")
    year = fy if month >= 4 else fy + 1
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return Period(date(year, month, 1), nxt - timedelta(days=1))


def quarter_period(fy: int, quarter: int) -> Period:
    """Quarter 1–4 of fiscal year ``fy`` (Q1 = April–June … Q4 = January–March)."""
    if not 1 <= quarter <= 4:
        raise ValidationError(f"quarter must be 1–4, not {quarter}", field="quarter")
    months = fy_months(fy)[3 * (quarter - 1) : 3 * quarter]
    return Period(months[0].start, months[-1].end)


def fy_months(fy: int) -> list[Period]:
    """The twelve months of ``fy`` in fiscal order (April first)."""
    return [month_period(fy, m) for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]


def era_of(day: date) -> Era:
    for era in ERAS:
        if day >= era.start:
            return era
    raise ValidationError(f"{day.isoformat()} is before the Heisei era", field="date")


def _year_text(n: int) -> str:
    return "元" if n == 1 else str(n)


def format_era_date(day: date) -> str:
    """``令和5年6月8日``; the first year of an era is written 元年."""
    era = era_of(day)
    return f"{era.name}{_year_text(era.year_of(day.year))}年{day.month}月{day.day}日"


def moment(at: datetime, lang: str = "en") -> str:
    """A time in the laptop's own time zone, to the minute: ``2023-06-08 09:30``, or
    ``令和5年6月8日 09:30`` in Japanese."""
    local = at.astimezone()
    if lang == "ja":
        return f"{format_era_date(local.date())} {local:%H:%M}"
    return local.strftime("%Y-%m-%d %H:%M")


def format_fy_ja(fy: int) -> str:
    """``令和5年度`` for 2023; FY2019 is 令和元年度, FY1989–2018 are 平成."""
    era = ERAS[0] if fy >= 2019 else ERAS[1]
    if fy < 1989:
        raise ValidationError(f"fiscal year {fy} is before the Heisei era", field="fiscal_year")
    return f"{era.name}{_year_text(fy - era.start.year + 1)}年度"


def format_fy(fy: int, lang: str = "ja") -> str:
    return format_fy_ja(fy) if lang == "ja" else f"FY{fy}"


def format_era_range(start: date, end: date | None) -> str:
    """``令和5年11月18日～19日``, ``令和5年11月30日～12月2日``, or across years in full."""
    first = format_era_date(start)
    if end is None or end == start:
        return first
    if era_of(end) != era_of(start) or end.year != start.year:
        return f"{first}～{format_era_date(end)}"
    if end.month != start.month:
        return f"{first}～{end.month}月{end.day}日"
    return f"{first}～{end.day}日"


_DATE = re.compile(
    r"(?:(?P<era>令和|平成|R|H)\s*(?P<year>元|\d{1,2})\s*[年.]\s*)?"
    r"(?:(?P<month>\d{1,2})\s*[月.]\s*)?"
    r"(?P<day>\d{1,2})\s*日?"
)
_RANGE_SEP = re.compile(r"\s*[～〜~―\-－]\s*")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _to_date(era_name: str, era_year: int, month: int, day: int, source: str) -> date:
    era = _BY_NAME[era_name]
    try:
        value = date(era.start.year + era_year - 1, month, day)
    except ValueError:
        raise ValidationError(f"{source!r} is not a real date", field="date") from None
    newer = [e for e in ERAS if e.start > era.start]
    if value < era.start or (newer and value >= newer[-1].start):
        raise ValidationError(f"{source!r} is outside the {era.name} era", field="date")
    return value


def parse_era_range(text: str) -> tuple[date, date]:
    """Parse one era date or a range; return ``(start, end)`` (equal for one day).

    The second part may leave out the era, year and month it shares with the first:
    ``令和５年 11 月 18 日～19日`` → (2023-11-18, 2023-11-19).

    Raises:
        ValidationError: the text is not an era date, or names a day that does not exist.
    """
    norm = _normalise(text)
    parts = _RANGE_SEP.split(norm, maxsplit=1) if "日" in norm or "." in norm else [norm]
    first = _DATE.fullmatch(parts[0])
    if not first or not first["era"] or not first["month"]:
        raise ValidationError(f"{text!r} is not a date like 令和5年6月8日", field="date")
    era, year = first["era"], _parse_year(first["year"])
    start = _to_date(era, year, int(first["month"]), int(first["day"]), text)
    if len(parts) == 1:
        return start, start
    second = _DATE.fullmatch(parts[1])
    if not second:
        raise ValidationError(f"{text!r}: cannot read the end of the range", field="date")
    era2 = second["era"] or era
    year2 = _parse_year(second["year"]) if second["year"] else year
    month2 = int(second["month"]) if second["month"] else start.month
    end = _to_date(era2, year2, month2, int(second["day"]), text)
    if end < start:
        raise ValidationError(f"{text!r}: the range ends before it starts", field="date")
    return start, end


def era_parts(text: str) -> tuple[int, int, int] | None:
    """The Western year, month and day an era date names (``R5.4.1``, ``令和5年4月1日``,
    ``令和元年5月1日``), not yet checked (month 13 passes); None when the text is not
    written as one. For a field that says itself why a day does not exist;
    :func:`parse_era_date` then checks the day against its era."""
    found = _DATE.fullmatch(_normalise(text).upper())
    if not found or not found["era"] or not found["month"]:
        return None
    era = _BY_NAME[found["era"]]
    year = era.start.year + _parse_year(found["year"]) - 1
    return year, int(found["month"]), int(found["day"])


def parse_era_date(text: str) -> date:
    """Parse a single era date such as ``令和元年５月１日`` or ``R5.6.8``."""
    start, end = parse_era_range(text)
    if start != end:
        raise ValidationError(f"{text!r} is a range, not one date", field="date")
    return start


def _parse_year(text: str) -> int:
    return 1 if text == "元" else int(text)
