"""The PDF summaries: one office's period, or all offices for headquarters.

``write_summary(db, path, period, office=None, lang="ja")`` gathers the figures and
records (:mod:`exports.pdf.data`: :mod:`db.tally.tallies`, :mod:`db.tally.breakdowns`,
:mod:`db.read.rows`), lays them out in the annual report's manner and writes the PDF
atomically (a temporary file renamed into place), so a failed run never leaves half a
file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from db.schema.appinfo import written_by
from db.schema.enums import SupportType
from db.schema.fiscal import Period
from db.schema.kinds import RecordKind
from db.schema.offices import OFFICE_CODES, office
from db.storage.database import Database
from db.tally.figures import figure, of_kind
from exports.atomic import replacing
from exports.labels import format_made, format_period, t
from exports.pdf.charts import monthly_bars
from exports.pdf.data import ReportData, gather
from exports.pdf.fonts import japanese_font
from exports.pdf.layout import (
    FRAME_HEIGHT,
    MARGIN,
    PAGE,
    WIDTH,
    Styles,
    note,
    numbered_canvas,
    para,
    start_height,
    table,
    with_heading,
)
from exports.pdf.lists import record_sections
from exports.report_tables import ReportTable, hq_tables, year_tables


def _title(data: ReportData, lang: str) -> str:
    if data.office is None:
        return t("hq_title", lang)
    name = office(data.office).name(lang)
    if lang == "ja":
        return f"{name}{t('office_suffix', lang)} {t('office_summary', lang)}"
    return f"{name}{t('office_suffix', lang)}: {t('office_summary', lang).lower()}"


def _countries(codes: tuple[str, ...], lang: str, styles: Styles) -> Paragraph:
    from db.schema.countries import country_name

    sep = "、" if lang == "ja" else ", "
    names = sep.join(sorted(country_name(c, lang) for c in codes)) or t("none", lang)
    return note(f"{t('country_list', lang, n=len(codes))}: {names}", styles)


def _office_tallies(data: ReportData, lang: str, st: Styles) -> list[Any]:
    total = data.tally.total
    cases = figure("support_cases.total")  # then by requester category
    cats = [(t(f.summary_label, lang), f.count(total))
            for f in of_kind(cases.kind, counted=True, category=...)]  # fmt: skip
    support = table([t("field.category", lang), t("count", lang)],
                    [*cats, (t("total", lang), cases.count(total))],
                    [55 * mm, 22 * mm], st, numeric=[1], total_row=True)  # fmt: skip
    kinds = [(k.label(lang), n) for k, n in data.types.items() if n or k is not SupportType.OTHER]
    by_type = table([t("field.support_types", lang), t("count", lang)], kinds,
                    [62 * mm, 22 * mm], st, numeric=[1])  # fmt: skip

    def n(key: str) -> int:
        return figure(key).count(total)

    others = table(
        ["", t("count", lang), t("hosted", lang), t("countries", lang)],
        [(t("event_booths", lang), n("event_booths.events"), n("event_booths.hosted"),
          n("event_booths.countries")),
         (t("newsletters", lang) + f"（{t('issues', lang)}）" if lang == "ja"
          else f"{t('newsletters', lang)} ({t('issues', lang).lower()})",
          n("newsletter_issues"), "", ""),
         (t("jetaa_events", lang), n("jetaa_events.events"), "", n("jetaa_events.countries"))],
        [80 * mm, 22 * mm, 22 * mm, 22 * mm], st, numeric=[1, 2, 3],
    )  # fmt: skip
    side = table_pair(support, by_type, st.font)
    return [
        Paragraph(t("support_table", lang), st.h3), side,
        support_note(n("support_cases.uncounted_enquiries"), lang, st), Spacer(0, 3 * mm),
        others, Spacer(0, 1.5 * mm),
        _countries(figure("event_booths.countries").names(total), lang, st),
        para(f"JETAA: {_countries(figure('jetaa_events.countries').names(total), lang, st).text}",
             st.note),
    ]  # fmt: skip


def support_note(enquiries: int, lang: str, st: Styles) -> Paragraph:
    """The report's note under the support-case table, with the enquiries recorded."""
    recorded = t("enquiries_recorded", lang, n=enquiries) if enquiries else ""
    sep = "" if lang == "ja" else " "
    return note(f"{t('support_note', lang)}{sep}{recorded}".rstrip(), st)


def report_table(rt: ReportTable, lang: str, st: Styles, after: Sequence[Any] = ()) -> list[Any]:
    """A printed table (:mod:`exports.report_tables`): title, table, note, kept together
    when they fit a page, and the title never without the header and two rows below
    it (a table with nothing but its 計 row says 該当なし)."""
    # the title (not for a table continuing the one before), an event's name, its paragraph
    heads = [rt.title] if not rt.continues else []
    lead = [*(para(x, st.h3) for x in [*heads, *rt.lead[:1]]),
            *(para(x, st.body) for x in rt.lead[1:])]  # fmt: skip
    if not rt.rows or (rt.total and len(rt.rows) == 1):  # no rows, or only the 計 row
        return [KeepTogether([*lead, para(t("none", lang), st.body)])]
    widths = [share * mm for share in rt.shares]
    if sum(widths) > WIDTH:
        widths = [w * WIDTH / sum(widths) for w in widths]
    rows = [[f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else v for v in row]
            for row in rt.rows]  # fmt: skip
    parts: list[Any] = [table(rt.header, rows, widths, st, numeric=rt.numeric,
                              total_row=rt.total, spans=rt.headings,
                              header_rows=rt.header_rows)]  # fmt: skip
    if rt.note:
        parts.append(note(rt.note, st))
    # the title never alone at a page's foot; a table that fits a page is kept whole
    whole = sum(start_height(f, rows=len(rt.rows)) for f in [*lead, *parts, *after])
    # room for all of it when it fits a page (KeepTogether moves it whole), else for
    # the title, the header and two rows
    need = whole if whole <= FRAME_HEIGHT else (
        sum(start_height(f) for f in lead) + start_height(parts[0]))  # fmt: skip
    return [CondPageBreak(need), KeepTogether([*lead, *parts, *after])]


def table_pair(left: Any, right: Any, font: str) -> Any:
    """Two tables side by side."""
    from reportlab.platypus import Table

    pair = Table([[left, right]], colWidths=[WIDTH * 0.47, WIDTH * 0.53], hAlign="LEFT")
    pair.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                   ("FONT", (0, 0), (-1, -1), font)])  # fmt: skip
    return pair


def _hq_tallies(data: ReportData, lang: str, st: Styles) -> list[Any]:
    """Headquarters' tables (:func:`exports.report_tables.hq_tables`, as the workbook
    shows them), the support table's note naming the enquiries recorded."""
    support, *others = hq_tables(data.tally, data.issues, lang)
    enquiries = figure("support_cases.uncounted_enquiries").count(data.tally.total)
    first = report_table(dataclasses.replace(support, note=""), lang, st,
                         after=[support_note(enquiries, lang, st)])  # fmt: skip
    return [*first, *(f for rt in others for f in report_table(rt, lang, st))]


def _charts(data: ReportData, lang: str, st: Styles) -> list[Any]:
    m = data.monthly
    return [
        monthly_bars(t("chart_cases", lang), [(t("support_cases", lang), m.support_cases)],
                     lang, st.font, WIDTH),
        Spacer(0, 4 * mm),
        monthly_bars(t("chart_events", lang), [
            (t("event_booths", lang), m.event_booths),
            (t("newsletters", lang), m.newsletter_issues),
            ("JETAA", m.jetaa_events),
        ], lang, st.font, WIDTH),
    ]  # fmt: skip


def build_story(data: ReportData, lang: str, st: Styles) -> list[Any]:
    made = f"{t('made', lang)}: {format_made(data.made_at, lang)}"
    story: list[Any] = [
        Paragraph(_title(data, lang), st.title),
        para(format_period(data.period, lang), st.subtitle),
        para(made, st.made),
    ]
    story += [Paragraph(f"1. {t('tallies', lang)}", st.h2)]
    story += _hq_tallies(data, lang, st) if data.office is None else _office_tallies(data, lang, st)
    story += with_heading(Paragraph(f"2. {t('year_tables', lang)}", st.h2),
                          _year_tables(data, lang, st))  # fmt: skip
    story += with_heading(Paragraph(f"3. {t('by_month', lang)}", st.h2), _charts(data, lang, st))
    story += record_sections(data, lang, st, first_number=4)
    return story


def printed_tables(data: ReportData, lang: str) -> list[ReportTable]:
    """The report's lists of the office's other work (seminars, CLAIR Reports…), of all
    offices for headquarters or of the one office, in the annual report's order."""
    offices = OFFICE_CODES if data.office is None else (data.office,)
    read_once: dict[RecordKind, list[Any]] = {}

    def read(kind: RecordKind) -> list[Any]:
        if kind not in read_once:
            read_once[kind] = [r for code in offices for r in data.records(kind, code)]
        return read_once[kind]

    return year_tables(data.tally, read, lang, with_office=data.office is None,
                       as_of=data.period.end)  # fmt: skip


def _year_tables(data: ReportData, lang: str, st: Styles) -> list[Any]:
    return [f for rt in printed_tables(data, lang) for f in report_table(rt, lang, st)]


def write_summary(
    db: Database, path: str | Path, period: Period, office_code: str | None = None,
    lang: str = "ja", *, font: str | None = None,
) -> Path:  # fmt: skip
    """Write the summary PDF for one office (or all offices) and the period.

    Raises:
        FontNotFound: no Japanese TrueType font can be embedded; nothing is written.
    """
    target = Path(path)
    jp = japanese_font(font)
    styles = Styles(jp.name)
    with gather(db, period, office_code) as data, replacing(target) as tmp:
        running = f"{_title(data, lang)} — {format_period(period, lang)}"
        doc = SimpleDocTemplate(
            str(tmp), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=16 * mm,
            bottomMargin=16 * mm, title=running, author="Office Ledger", lang=lang,
            creator=written_by(),  # the app version that wrote it (issue #19)
        )  # fmt: skip
        story = build_story(data, lang, styles)
        doc.build(story, canvasmaker=numbered_canvas(jp.name, lang, running))
    return target
