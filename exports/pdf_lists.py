"""The record tables of the PDF summaries, in the annual report's manner.

One table per record type (support cases, event booths, newsletter issues, JETAA
events), ordered by date; the headquarters report adds an office column.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from db.countries import country_name
from db.offices import office
from exports.labels import format_day, format_range, t
from exports.pdf_data import ReportData
from exports.pdf_layout import WIDTH, Styles, para, table


def _widths(fractions: list[float], with_office: bool) -> list[float]:
    office_width = 20 * mm if with_office else 0
    rest = WIDTH - office_width
    scale = rest / sum(fractions)
    return ([office_width] if with_office else []) + [f * scale for f in fractions]


def _place(city: str, country: str, lang: str) -> str:
    name = country_name(country, lang)
    return f"{city}（{name}）" if city and lang == "ja" else f"{city} ({name})" if city else name


def record_sections(data: ReportData, lang: str, st: Styles, first_number: int) -> list[Any]:
    hq = data.office is None
    lead = [t("office", lang)] if hq else []

    def with_office(code: str, cells: list[object]) -> list[object]:
        return [office(code).name(lang), *cells] if hq else cells

    out: list[Any] = []
    not_counted = f"\n（{t('not_counted', lang)}）" if lang == "ja" else " (not counted)"

    def section(n: int, key: str, header: list[str], rows: list[list[object]],
                fractions: list[float], numeric: list[int]) -> None:  # fmt: skip
        title = (
            f"{first_number + n}. {t(key, lang)}（{len(rows)}）"
            if lang == "ja"
            else (f"{first_number + n}. {t(key, lang)} ({len(rows)})")
        )
        out.append(Paragraph(title, st.h2))
        if not rows:
            out.append(para(t("none", lang), st.body))
            return
        shift = 1 if hq else 0
        out.append(table(lead + header, rows, _widths(fractions, hq), st,
                         numeric=[i + shift for i in numeric]))  # fmt: skip

    cases = [
        with_office(c.office_code, [
            format_range(c.start_date, c.end_date, lang),
            c.requester,
            c.requester_category.label(lang) + ("" if c.counted else not_counted),
            "、".join(x.label(lang) for x in c.types) if lang == "ja"
            else ", ".join(x.label(lang) for x in c.types),
            c.summary,
            c.staff,
        ])
        for c in data.cases
    ]  # fmt: skip
    section(0, "support_cases", [t("dates", lang), t("requester", lang), t("category", lang),
                                 t("support_types", lang), t("summary", lang), t("staff", lang)],
            cases, [25, 26, 24, 30, 42, 17], [])  # fmt: skip

    events = [
        with_office(e.office_code, [
            "\n".join(format_range(leg.start_date, leg.end_date, lang) for leg in e.legs),
            e.name + (f"（{t('hosted_mark', lang)}）" if e.hosted and lang == "ja"
                      else f" ({t('hosted_mark', lang)})" if e.hosted else ""),
            "\n".join(_place(leg.city, leg.country, lang) for leg in e.legs),
            "、".join(e.municipalities) if e.municipalities else "",
            f"{e.visitors:,}" if e.visitors is not None else "",
        ])
        for e in data.events
    ]  # fmt: skip
    section(1, "event_booths", [t("dates", lang), t("event_name", lang), t("place", lang),
                                t("municipalities", lang), t("visitors", lang)],
            events, [30, 50, 34, 44, 14], [4])  # fmt: skip

    issues = [
        with_office(i.office_code, [
            format_day(i.issue_date, lang), i.title, i.number, i.format.label(lang),
            ", ".join(i.languages), i.contents, f"{i.reach:,}" if i.reach is not None else "",
        ])
        for i in data.issues
    ]  # fmt: skip
    section(2, "newsletters", [t("date", lang), t("title", lang), t("number", lang),
                               t("format", lang), t("languages", lang), t("contents", lang),
                               t("reach", lang)],
            issues, [27, 34, 14, 12, 10, 55, 11], [6])  # fmt: skip

    jetaa = [
        with_office(j.office_code, [
            "\n".join(format_range(s.start_date, s.end_date, lang) for s in j.sessions),
            j.name,
            j.kind.label(lang),
            "\n".join(
                f"{s.venue or _place(s.city, s.country, lang)}"
                f"（{country_name(s.country, lang)}・{s.mode.label(lang)}）" if lang == "ja" else
                f"{s.venue or s.city} ({country_name(s.country, lang)}, {s.mode.label(lang)})"
                for s in j.sessions
            ),
        ])
        for j in data.jetaa
    ]  # fmt: skip
    section(3, "jetaa_events", [t("dates", lang), t("name", lang), t("kind", lang),
                                t("venue", lang)],
            jetaa, [30, 58, 24, 60], [])  # fmt: skip
    return out
