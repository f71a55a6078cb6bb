"""The annual report's sentences about the overseas offices, built from the tallies.

The report's overseas section (７ 海外事務所を自治体の頼れる海外拠点に) says its
figures in sentences ("令和５年度は全海外事務所で計 435 件の支援を行った。"); the Word
document (:mod:`exports.docx_report`) writes them from the year's :class:`Tally`, so
they always agree with the tables beside them. Each sentence is one function of the
figures it needs and the language (its words are ``prose.*`` in :mod:`db.schema.words`), and
:func:`overseas_sentences` lists them by the report's heading they belong to — the one
place to read a new list of figures from. No python-docx, no reportlab here.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.schema.fiscal import format_fy
from db.schema.offices import OVERSEAS_CODES, office
from db.schema.words import listing, word
from db.tally.figures import figure
from db.tally.tallies import Tally
from exports.report_tables import NO_STATED, Stated


@dataclass(frozen=True)
class Sentence:
    """A sentence of the report and the heading it is printed under (a db.schema.words key)."""

    heading: str
    text: str


def _fy(figures: Tally, lang: str) -> str:
    return format_fy(figures.fiscal_year, lang)


def support_sentence(figures: Tally, lang: str) -> str:
    n = figure("support_cases.total").count(figures.total)
    return word("prose.support", lang, fy=_fy(figures, lang), n=f"{n:,}")


def cooking_sentence(figures: Tally, lang: str) -> str:
    events = figure("cooking_events.events")
    offices = [office(c).name(lang) for c in OVERSEAS_CODES
               if (o := figures.offices.get(c)) is not None and events.count(o)]  # fmt: skip
    bodies = figure("cooking_events.organisations").count(figures.total)
    return word("prose.cooking", lang, offices=listing(offices, lang), bodies=bodies)


def research_sentence(figures: Tally, lang: str, stated: Stated = NO_STATED) -> str:
    """As the report says it ("15 自治体等から依頼のあった 24 件") when the year's totals
    it states are kept, else from the requests recorded."""
    if stated.requests is None:
        n = figure("research_requests").count(figures.total)
        return word("prose.research", lang, fy=_fy(figures, lang), n=n)
    if stated.bodies is None:
        return word("prose.research_stated", lang, fy=_fy(figures, lang), n=stated.requests)
    return word("prose.research_stated_bodies", lang, fy=_fy(figures, lang), n=stated.requests,
                bodies=stated.bodies)  # fmt: skip


def overseas_sentences(figures: Tally, lang: str, stated: Stated = NO_STATED) -> list[Sentence]:
    """The section's sentences with figures, in the report's order."""
    return [
        Sentence("prose.support_heading", support_sentence(figures, lang)),
        Sentence("prose.cooking_heading", cooking_sentence(figures, lang)),
        Sentence("prose.research_heading", research_sentence(figures, lang, stated)),
    ]
