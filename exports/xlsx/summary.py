"""The summary sheet of an office's workbook: its tallies, the figures of
:data:`db.tally.figures.FIGURES` (headquarters' per-office tables are
:mod:`exports.report_tables`)."""

from __future__ import annotations

from typing import Any

from db.schema.countries import country_name
from db.schema.fiscal import Period
from db.schema.offices import office
from db.schema.words import listing
from db.tally.figures import COUNTRIES, FIGURES, TallyFigure
from db.tally.tallies import OfficeTally, Tally
from exports.labels import format_period, t


def _detail(f: TallyFigure, o: OfficeTally, lang: str) -> str:
    """The names a figure counts, listed (countries by name); "" for a number."""
    names = f.names(o)
    if f.value == COUNTRIES:
        names = tuple(sorted(country_name(c, lang) for c in names))
    return listing(names, lang)


def office_summary_rows(
    figures: Tally, office_code: str, period: Period, lang: str
) -> tuple[list[str], list[list[Any]]]:
    """Label / figure / detail rows of one office's tallies: every figure of
    :data:`db.tally.figures.FIGURES` the summary shows, a sub-figure indented under its own."""
    o: OfficeTally = figures.offices[office_code]
    rows: list[list[Any]] = [
        [t("office", lang), office(office_code).name(lang), office_code],
        [t("dates", lang), format_period(period, lang), ""],
        *([("  " if f.sub else "") + t(f.summary_label, lang), f.count(o), _detail(f, o, lang)]
          for f in FIGURES if f.summary is not None),
    ]  # fmt: skip
    header = [t("summary.item", lang), t("summary.figure", lang), t("summary.detail", lang)]
    return header, rows
