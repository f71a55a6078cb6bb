"""Fiscal years, periods and Japanese era dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.schema.errors import ValidationError
from db.schema.fiscal import (
    fiscal_year,
    format_era_date,
    format_era_range,
    format_fy,
    fy_months,
    fy_period,
    month_period,
    parse_era_date,
    parse_era_range,
    quarter_period,
)


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2024, 3, 31), 2023),
        (date(2024, 4, 1), 2024),
        (date(2023, 4, 1), 2023),
        (date(2023, 12, 31), 2023),
        (date(2024, 1, 1), 2023),
    ],
)
def test_fiscal_year_turns_on_1_april(day: date, fy: int) -> None:
    assert fiscal_year(day) == fy


def test_fy_period_and_quarters_cover_the_year_without_gaps() -> None:
    period = fy_period(2023)
    assert (period.start, period.end) == (date(2023, 4, 1), date(2024, 3, 31))
    quarters = [quarter_period(2023, q) for q in (1, 2, 3, 4)]
    assert quarters[0].start == period.start and quarters[-1].end == period.end
    for a, b in zip(quarters, quarters[1:], strict=False):
        assert (b.start - a.end).days == 1
    assert quarter_period(2023, 4).start == date(2024, 1, 1)


def test_months_are_in_fiscal_order_and_february_knows_leap_years() -> None:
    months = fy_months(2023)
    assert [m.start.month for m in months] == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    assert month_period(2023, 2).end == date(2024, 2, 29)
    assert month_period(2022, 2).end == date(2023, 2, 28)
    assert month_period(2023, 12).end == date(2023, 12, 31)


@pytest.mark.parametrize("bad", [0, 13])
def test_bad_month_is_refused(bad: int) -> None:
    with pytest.raises(ValidationError, match="month"):
        month_period(2023, bad)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2023, 6, 8), "令和5年6月8日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
    ],
)
def test_era_dates_are_formatted_with_gannen(day: date, text: str) -> None:
    assert format_era_date(day) == text


def test_fiscal_year_labels() -> None:
    assert format_fy(2023) == "令和5年度"
    assert format_fy(2019) == "令和元年度"
    assert format_fy(2018) == "平成30年度"
    assert format_fy(2023, "en") == "FY2023"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和５年６月８日", (date(2023, 6, 8), date(2023, 6, 8))),
        ("令和元年５月１日", (date(2019, 5, 1), date(2019, 5, 1))),
        ("令和５年 11 月 18 日～19日", (date(2023, 11, 18), date(2023, 11, 19))),
        ("令和5年11月30日～12月2日", (date(2023, 11, 30), date(2023, 12, 2))),
        ("令和5年12月30日～令和6年1月2日", (date(2023, 12, 30), date(2024, 1, 2))),
        ("平成30年4月1日", (date(2018, 4, 1), date(2018, 4, 1))),
        ("R5.6.8", (date(2023, 6, 8), date(2023, 6, 8))),
    ],
)
def test_parse_era_dates_and_ranges(text: str, expected: tuple[date, date]) -> None:
    assert parse_era_range(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "令和5年2月30日",
        "平成31年5月1日",
        "令和元年4月30日",
        "2023-06-08",
        "令和5年",
        "",
        "令和5年11月19日～18日",
        "昭和60年1月1日",
    ],
)
def test_parse_refuses_what_is_not_a_real_era_date(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_era_range(text)


def test_a_range_is_not_one_date() -> None:
    with pytest.raises(ValidationError, match="range"):
        parse_era_date("令和5年11月18日～19日")


@given(st.dates(min_value=date(1989, 1, 8), max_value=date(2099, 12, 31)))
def test_format_then_parse_gives_the_same_date(day: date) -> None:
    assert parse_era_date(format_era_date(day)) == day


@given(
    st.dates(min_value=date(1989, 1, 8), max_value=date(2090, 1, 1)),
    st.integers(min_value=0, max_value=400),
)
def test_format_then_parse_a_range(start: date, length: int) -> None:
    from datetime import timedelta

    end = start + timedelta(days=length)
    assert parse_era_range(format_era_range(start, end)) == (start, end)
