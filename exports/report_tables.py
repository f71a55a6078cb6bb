"""The annual report's per-office tables as plain rows, for the HQ PDF and the workbook.

Headquarters' consolidated workbook (:mod:`exports.xlsx.consolidate`) and the HQ PDF
(:mod:`exports.pdf.report`) show the same tables with the report's titles, columns and
notes; each table is built here once, from the tallies and the records, and each
format only lays it out. No reportlab, no xlsxwriter here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from db.countries import country_name
from db.enums import RequesterCategory
from db.offices import OVERSEAS_CODES, office
from db.rows import IssueRow
from db.tallies import Tally
from db.words import listing
from exports.labels import t


@dataclass(frozen=True)
class ReportTable:
    """One printed table: its title, short sheet name, header and rows (a 計 row last
    when ``total``), which columns hold numbers, each column's share of the width, and
    the note printed under it."""

    title: str
    sheet: str
    header: list[str]
    rows: list[list[Any]]
    numeric: tuple[int, ...] = ()
    shares: tuple[float, ...] = ()
    total: bool = True
    note: str = ""
    lists: tuple[int, ...] = field(default=())  # columns holding long lists (countries)


def titled(key: str, lang: str) -> str:
    """A table's title as the report prints it: ＜…＞ in Japanese."""
    text = t(key, lang)
    return text if lang != "ja" or text.startswith("＜") else f"＜{text}＞"


def _countries(codes: tuple[str, ...], lang: str) -> str:
    return listing(sorted(country_name(c, lang) for c in codes), lang)


def _shown(code: str, value: int) -> bool:
    return code in OVERSEAS_CODES or value > 0


def support_table(figures: Tally, lang: str) -> ReportTable:
    cats = list(RequesterCategory)
    rows: list[list[Any]] = [
        [office(c).name(lang), o.support_cases.total,
         *(getattr(o.support_cases, k.value) for k in cats)]
        for c, o in figures.offices.items() if _shown(c, o.support_cases.total)
    ]  # fmt: skip
    s = figures.total.support_cases
    rows.append([t("total", lang), s.total, *(getattr(s, k.value) for k in cats)])
    return ReportTable(
        titled("support_table", lang), t("summary.sheet.support", lang),
        [t("office", lang), t("total", lang), *(k.label(lang) for k in cats)], rows,
        numeric=(1, 2, 3, 4), shares=(40, 24, 40, 24, 24), note=t("support_note", lang),
    )  # fmt: skip


def events_table(figures: Tally, lang: str) -> ReportTable:
    rows: list[list[Any]] = [
        [office(c).name(lang), o.event_booths.events, o.event_booths.hosted,
         len(o.event_booths.countries), _countries(o.event_booths.countries, lang)]
        for c, o in figures.offices.items() if _shown(c, o.event_booths.events)
    ]  # fmt: skip
    e = figures.total.event_booths
    rows.append([t("total", lang), e.events, e.hosted, len(e.countries),
                 _countries(e.countries, lang)])  # fmt: skip
    return ReportTable(
        titled("event_booths", lang), t("summary.sheet.events", lang),
        [t("office", lang), t("events", lang), t("hosted", lang), t("countries", lang),
         t("country_list", lang, n="")], rows,
        numeric=(1, 2, 3), shares=(40, 24, 24, 24, 60), lists=(4,),
    )  # fmt: skip


def newsletters_table(figures: Tally, issues: Sequence[IssueRow], lang: str) -> ReportTable:
    """＜ニューズレター発行状況＞: each office's newsletters with their main contents (the
    distinct contents of the period's issues) and the issues in the period."""
    letters: dict[str, dict[str, tuple[list[str], list[int]]]] = {}
    for issue in issues:
        contents, count = letters.setdefault(issue.office_code, {}).setdefault(
            issue.title, ([], [0]))  # fmt: skip
        if issue.contents and issue.contents not in contents:
            contents.append(issue.contents)
        count[0] += 1
    rows: list[list[Any]] = []
    for code, o in figures.offices.items():
        if not _shown(code, o.newsletter_issues):
            continue
        name = office(code).name(lang)
        own = letters.get(code, {})
        if not own:
            rows.append([name, "", "", o.newsletter_issues])
        for title, (contents, count) in own.items():
            rows.append([name, title, "\n".join(contents), count[0]])
    rows.append([t("total", lang), "", "", figures.total.newsletter_issues])
    return ReportTable(
        titled("newsletters_table", lang), t("summary.sheet.newsletters", lang),
        [t("office", lang), t("newsletter_name", lang), t("field.contents", lang),
         t("issues", lang)], rows, numeric=(3,), shares=(30, 50, 80, 20),
    )  # fmt: skip


def jetaa_table(figures: Tally, lang: str) -> ReportTable:
    rows: list[list[Any]] = [
        [office(c).name(lang), o.jetaa_events.events, len(o.jetaa_events.countries),
         _countries(o.jetaa_events.countries, lang)]
        for c, o in figures.offices.items() if _shown(c, o.jetaa_events.events)
    ]  # fmt: skip
    j = figures.total.jetaa_events
    rows.append([t("total", lang), j.events, len(j.countries), _countries(j.countries, lang)])
    return ReportTable(
        titled("jetaa_events", lang), t("summary.sheet.jetaa", lang),
        [t("office", lang), t("events", lang), t("countries", lang),
         t("country_list", lang, n="")], rows,
        numeric=(1, 2), shares=(40, 24, 24, 60), lists=(3,),
    )  # fmt: skip


def hq_tables(figures: Tally, issues: Sequence[IssueRow], lang: str) -> list[ReportTable]:
    """Headquarters' tables in the order the workbook and the PDF show them."""
    return [support_table(figures, lang), events_table(figures, lang),
            newsletters_table(figures, issues, lang), jetaa_table(figures, lang)]  # fmt: skip
