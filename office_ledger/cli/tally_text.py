"""The readable tables ``office-ledger tally`` prints, in Japanese or English: the
figures of :data:`db.tally.figures.FIGURES`, table by table."""

from __future__ import annotations

from db.schema.countries import country_name
from db.schema.fiscal import format_era_date, format_fy
from db.schema.offices import office
from db.schema.words import listing, word
from db.tally.figures import MAIN, SEMINARS, YEAR, TallyFigure, in_table
from db.tally.tallies import OfficeTally, Tally
from office_ledger.cli.text_table import render


def _row(label: str, t: OfficeTally, figures: tuple[TallyFigure, ...]) -> list[object]:
    return [label, *(f.count(t) for f in figures)]


def _table(result: Tally, lang: str, figures: tuple[TallyFigure, ...]) -> str:
    """One table of figures (db/tally/figures.py): a row per office, then the total."""
    headers = [word("tally.office", lang), *(word(f.words, lang) for f in figures)]
    rows = [_row(office(code).name(lang), t, figures) for code, t in result.offices.items()]
    if len(result.offices) > 1:
        rows.append(_row(word("total", lang), result.total, figures))
    return render(headers, rows)


def render_tally(result: Tally, lang: str) -> str:
    period = result.period
    if lang == "ja":
        title = (
            f"{format_fy(result.fiscal_year, 'ja')}（{format_era_date(period.start)}"
            f"～{format_era_date(period.end)}）"
        )
    else:
        title = f"{format_fy(result.fiscal_year, 'en')} ({period.start} – {period.end})"
    lines = [title, "", _table(result, lang, in_table(MAIN)), ""]
    for key in ("event_booths", "jetaa_events"):
        codes = getattr(result.total, key).countries
        names = listing(sorted(country_name(c, lang) for c in codes), lang) or "-"
        lines.append(word(f"tally.{key}_countries", lang, names=names))
    lines += ["", _table(result, lang, in_table(SEMINARS)), ""]
    lines.append(_table(result, lang, in_table(YEAR)))
    return "\n".join(lines)
