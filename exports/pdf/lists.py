"""The record tables of the PDF summaries, derived from the record kinds' declarations.

One table per record type the app edits (support cases, event booths, newsletter
issues, JETAA events), ordered by date; the headquarters report groups each by
office. The columns are the record's dates, then every field and child table its
declaration (:mod:`db.schema.kinds`) puts in the PDF (``in_pdf``: its share of the width),
each shown by its type: labels for codes, counts with separators, ticks for yes/no,
places for legs and sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from db.schema.countries import country_name
from db.schema.fields import Child, Field, FieldType
from db.schema.kinds import EDITED, KindSpec
from db.schema.offices import OFFICE_CODES, OVERSEAS_CODES, office
from db.schema.words import listing, word
from exports.labels import format_day, format_range, t
from exports.pdf.data import ReportData
from exports.pdf.layout import WIDTH, Styles, para, table, with_heading

DATES_WIDTH = 27.0  # the dates column's share, beside the fields' ``in_pdf`` shares


def _widths(fractions: list[float], with_office: bool) -> list[float]:
    office_width = 20 * mm if with_office else 0
    rest = WIDTH - office_width
    scale = rest / sum(fractions)
    return ([office_width] if with_office else []) + [f * scale for f in fractions]


def _place(stop: Any, lang: str) -> str:
    """Where a leg or session was: city and venue, then its country (and how it was held)."""
    names = (getattr(stop, "city", ""), getattr(stop, "venue", ""))
    where = "・".join(dict.fromkeys(x for x in names if x))  # often both name the city
    around = [country_name(getattr(stop, "country", None), lang)]
    mode = getattr(stop, "mode", None)
    if mode is not None and mode.label(lang) not in where:  # "オンライン" says it already
        around.append(mode.label(lang))
    inside = ("・" if lang == "ja" else ", ").join(x for x in around if x)
    if not where or not inside:
        return where or inside
    return f"{where}（{inside}）" if lang == "ja" else f"{where} ({inside})"


def _show(f: Field, value: Any, lang: str) -> str:
    """A field's value as the table shows it."""
    if value is None or value == "":
        return ""
    kind = f.type
    if kind is FieldType.CODE:
        return str(value.label(lang))
    if kind is FieldType.CODES:
        return listing((v.label(lang) for v in value), lang)
    if kind is FieldType.COUNT:
        return f"{value:,}"
    if kind is FieldType.BOOL:
        return "✓" if value else ""
    if kind is FieldType.TEXTS:
        return ", ".join(value)
    if kind is FieldType.COUNTRY:
        return country_name(value, lang)
    if kind is FieldType.DATE:
        return format_day(value, lang)
    return str(value)


Column = tuple[str, float, Callable[[Any], str], bool]  # header, share, cell, numeric


def _date_column(spec: KindSpec, lang: str) -> Column:
    """The record's dates: each leg's or session's range, or the record's own."""
    stops = next((c for c in spec.children if "start_date" in {f.name for f in c.fields}), None)
    if stops is not None:
        attr = stops.attr
        return (t("dates", lang), DATES_WIDTH,
                lambda r: "\n".join(format_range(s.start_date, s.end_date, lang)
                                    for s in getattr(r, attr)), False)  # fmt: skip
    day = spec.field(spec.date_field)
    ends = [f for f in spec.fields if f.after == day.name]
    if ends:
        start, end = day.name, ends[0].name
        return (t("dates", lang), DATES_WIDTH,
                lambda r: format_range(getattr(r, start), getattr(r, end), lang),
                False)  # fmt: skip
    return (word(day.label, lang), DATES_WIDTH,
            lambda r: format_day(getattr(r, day.name), lang), False)  # fmt: skip


def _child_column(child: Child, lang: str) -> Column:
    attr = child.attr
    if child.scalar:
        return (word(child.label, lang), child.in_pdf or 30,
                lambda r: listing(getattr(r, attr), lang), False)  # fmt: skip
    return (t("place", lang), child.in_pdf or 30,
            lambda r: "\n".join(_place(s, lang) for s in getattr(r, attr)), False)  # fmt: skip


def _cell(f: Field, lang: str) -> Callable[[Any], str]:
    return lambda r: _show(f, getattr(r, f.name), lang)


def columns(spec: KindSpec, lang: str) -> list[Column]:
    """The PDF table's columns of a record kind, from its declaration."""
    out = [_date_column(spec, lang)]
    dated = {spec.date_field, *(f.name for f in spec.fields if f.after == spec.date_field)}
    for f in spec.fields:
        if f.in_pdf is not None and f.name not in dated:
            out.append((word(f.label, lang), f.in_pdf, _cell(f, lang), f.type is FieldType.COUNT))
    out += [_child_column(c, lang) for c in spec.children if c.in_pdf is not None]
    return out


def _offices(data: ReportData) -> tuple[str, ...]:
    return OFFICE_CODES if data.office is None else (data.office,)


def record_sections(data: ReportData, lang: str, st: Styles, first_number: int) -> list[Any]:
    """A numbered section per record kind: its title with the count, then its records.

    Headquarters' report groups each section by office, as the annual report prints
    them: the office's name with its count, then its table. Each office's records are
    read, turned into table cells and let go before the next office's are read.
    """
    hq = data.office is None
    out: list[Any] = []
    for n, kind in enumerate(EDITED):
        spec = kind.spec
        cols = columns(spec, lang)
        header = [c[0] for c in cols]
        numeric = [i for i, c in enumerate(cols) if c[3]]
        widths = _widths([c[1] for c in cols], False)
        parts: list[Any] = []
        count = 0
        for code in _offices(data):
            rows = data.records(kind, code)
            if not rows:
                continue
            count += len(rows)
            records = table(header, [[c[2](r) for c in cols] for r in rows], widths, st,
                            numeric=numeric)  # fmt: skip
            if hq:  # the office's name never alone at a page's foot
                name = office(code).name(lang)  # headquarters is no "office"
                name += t("office_suffix", lang) if code in OVERSEAS_CODES else ""
                parts += with_heading(para(f"{name}{_count(len(rows), lang)}", st.h3), [records])
            else:
                parts.append(records)
            del rows
        title = t(spec.section_label, lang)
        out += with_heading(Paragraph(f"{first_number + n}. {title}{_count(count, lang)}", st.h2),
                            parts or [para(t("none", lang), st.body)])  # fmt: skip
    return out


def _count(n: int, lang: str) -> str:
    return f"（{n:,}）" if lang == "ja" else f" ({n:,})"
