"""The tally figures, declared once: what each is called, how it is read from a tally,
which records it counts, and where it is shown.

:data:`FIGURES` is the one list every view of the tallies reads: the window's tallies
page (``desktop/pages/tallies.py``), ``office-ledger tally`` as text and JSON
(``office_ledger/cli/tally_text.py``, :func:`as_json`), an office workbook's summary sheet
(``exports/xlsx/summary.py``) and the mail that carries an export
(``exports/mail/message.py``). A new figure is one :class:`TallyFigure` here (its
words in :mod:`db.schema.words`), and a query in :mod:`db.tally.tallies` or
:mod:`db.tally.year_tallies`
when no tally holds it yet.

Each figure is read from an :class:`db.tally.tallies.OfficeTally` (an office's, or the
total) and gives either a number or the names it counts (countries, local
governments): the tables show how many, the workbook summary and the mail list them.
Nothing here imports SQLAlchemy or Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from db.schema.enums import RequesterCategory, SeminarKind
from db.schema.kinds import RecordKind

if TYPE_CHECKING:
    from db.tally.tallies import OfficeTally


@dataclass(frozen=True)
class Filter:
    """The records a figure counts, among its kind's in the period and office: what
    opening the figure lists."""

    office: str | None = None  # one office's records (None: every office's, the total)
    counted: bool | None = None  # support cases: counted (True) or enquiries (False)
    category: str | None = None  # support cases: a RequesterCategory value
    hosted: bool | None = None  # event booths: hosted by the office (True)


# Where a figure is shown: the tables of the tallies page and of ``tally`` (MAIN: the
# first four families; SEMINARS: seminars by kind, in ``tally``'s text only; YEAR: the
# office's other work), the workbook's summary, the mail.
MAIN, SEMINARS, YEAR = "main", "seminars", "year"
COUNT, COUNTRIES, NAMES = "count", "countries", "names"  # what a figure's value is


@dataclass(frozen=True)
class TallyFigure:
    """One figure of the tallies."""

    path: tuple[str, ...]  # its place in ``tally --json`` (also its unique key)
    words: str  # a db.schema.words key: its heading in the tables
    kind: RecordKind  # the records it counts
    read: Callable[[OfficeTally], Any]  # a number, or the names counted
    value: str = COUNT  # COUNT (a number), COUNTRIES (codes) or NAMES (local governments...)
    filter: Filter = field(default_factory=Filter)
    table: str | None = MAIN  # MAIN, SEMINARS, YEAR, or None: in no table
    dashboard: bool = True  # a column of the window's tallies page (when in a table)
    summary: str | None = ""  # the workbook summary's label key ("": ``words``; None: not shown)
    sub: bool = False  # a summary row under the one before it (indented)
    mail: tuple[str, str] | None = None  # (the mail's sentence, its placeholder) in db.schema.words

    @property
    def key(self) -> str:
        return ".".join(self.path)

    def count(self, t: OfficeTally) -> int:
        """How many: the number, or how many names."""
        found = self.read(t)
        return found if isinstance(found, int) else len(found)

    def names(self, t: OfficeTally) -> tuple[str, ...]:
        """The names (or country codes) a figure of names counts, sorted; () otherwise."""
        return () if self.value == COUNT else tuple(sorted(self.read(t)))

    def json(self, t: OfficeTally) -> Any:
        """Its value in ``tally --json``: countries listed by code, others counted."""
        return list(self.names(t)) if self.value == COUNTRIES else self.count(t)

    @property
    def summary_label(self) -> str:
        return self.summary or self.words


@dataclass(frozen=True)
class Counted:
    """A figure with no query of its own: how many records of ``kind`` are dated in the
    period (by the kind's declared date), or the sum of their count ``sum_of``. The
    tallies count every one :data:`FIGURES` declares (``OfficeTally.year.counted``)."""

    kind: RecordKind
    sum_of: str | None = None  # a declared count of the kind (None: the records)

    def __call__(self, t: OfficeTally) -> int:
        return t.year.counted.get(self, 0)


def counts() -> tuple[Counted, ...]:
    """The declared counts the tallies compute, each once."""
    return tuple(dict.fromkeys(f.read for f in FIGURES if isinstance(f.read, Counted)))


def _of_kind(k: SeminarKind, what: str) -> Callable[[OfficeTally], int]:
    def read(t: OfficeTally) -> int:
        found: int = getattr(t.year.seminars.of(k), what)
        return found

    return read


def _seminar_kinds() -> Iterator[TallyFigure]:
    """Per kind of seminar: events (in ``tally``'s seminar table and the summary) and
    participants (``tally --json`` only)."""
    for k in SeminarKind:
        yield TallyFigure(("seminars", k.value, "events"), k.word_key, RecordKind.SEMINAR,
                          _of_kind(k, "events"), table=SEMINARS, dashboard=False,
                          sub=True)  # fmt: skip
        yield TallyFigure(("seminars", k.value, "participants"), k.word_key,
                          RecordKind.SEMINAR, _of_kind(k, "participants"), table=None,
                          summary=None)  # fmt: skip


_CASE, _EVENT, _JETAA = RecordKind.SUPPORT_CASE, RecordKind.EVENT_BOOTH, RecordKind.JETAA_EVENT
_PREF, _MUNI, _OTHER = RequesterCategory

FIGURES: tuple[TallyFigure, ...] = (
    TallyFigure(("support_cases", "total"), "tally.cases", _CASE,
                lambda t: t.support_cases.total, filter=Filter(counted=True),
                summary="support_table", mail=("mail.support", "total")),
    TallyFigure(("support_cases", _PREF.value), "tally.pref", _CASE,
                lambda t: t.support_cases.prefecture_or_designated_city,
                filter=Filter(counted=True, category=_PREF.value), summary=_PREF.word_key,
                sub=True, mail=("mail.support", "pref")),
    TallyFigure(("support_cases", _MUNI.value), "tally.municipality", _CASE,
                lambda t: t.support_cases.municipality,
                filter=Filter(counted=True, category=_MUNI.value), summary=_MUNI.word_key,
                sub=True, mail=("mail.support", "muni")),
    TallyFigure(("support_cases", _OTHER.value), "tally.other", _CASE,
                lambda t: t.support_cases.other,
                filter=Filter(counted=True, category=_OTHER.value), summary=_OTHER.word_key,
                sub=True, mail=("mail.support", "other")),
    TallyFigure(("support_cases", "uncounted_enquiries"), "tally.enquiries", _CASE,
                lambda t: t.support_cases.uncounted_enquiries, filter=Filter(counted=False),
                summary="summary.enquiries", sub=True, mail=("mail.enquiries", "n")),
    TallyFigure(("event_booths", "events"), "tally.events", _EVENT,
                lambda t: t.event_booths.events, summary="event_booths",
                mail=("mail.events", "n")),
    TallyFigure(("event_booths", "hosted"), "tally.hosted", _EVENT,
                lambda t: t.event_booths.hosted, filter=Filter(hosted=True), summary="hosted",
                sub=True, mail=("mail.events", "hosted")),
    TallyFigure(("event_booths", "countries"), "tally.countries", _EVENT,
                lambda t: t.event_booths.countries, value=COUNTRIES, summary="countries",
                sub=True, mail=("mail.events", "countries")),
    TallyFigure(("newsletter_issues",), "tally.newsletters", RecordKind.NEWSLETTER_ISSUE,
                lambda t: t.newsletter_issues, summary="summary.newsletter_issues",
                mail=("mail.issues", "n")),
    TallyFigure(("jetaa_events", "events"), "tally.jetaa_events", _JETAA,
                lambda t: t.jetaa_events.events, summary="jetaa_events",
                mail=("mail.jetaa", "n")),
    TallyFigure(("jetaa_events", "countries"), "tally.jetaa_countries", _JETAA,
                lambda t: t.jetaa_events.countries, value=COUNTRIES, summary="countries",
                sub=True, mail=("mail.jetaa", "countries")),
    TallyFigure(("seminars", "events"), "tally.seminars", RecordKind.SEMINAR,
                lambda t: t.year.seminars.events, table=SEMINARS, summary="seminars",
                mail=("mail.seminars", "n")),
    TallyFigure(("seminars", "sessions"), "tally.seminar_sessions", RecordKind.SEMINAR,
                lambda t: t.year.seminars.sessions, table=None, summary=None),
    TallyFigure(("seminars", "participants"), "tally.seminar_participants", RecordKind.SEMINAR,
                lambda t: t.year.seminars.participants, table=SEMINARS, sub=True,
                mail=("mail.seminars", "people")),
    *_seminar_kinds(),
    TallyFigure(("clair_reports",), "tally.clair_reports", RecordKind.PUBLICATION,
                lambda t: t.year.clair_reports, table=YEAR,
                mail=("mail.clair_reports", "n")),
    TallyFigure(("media_work", "items"), "tally.media_work", RecordKind.MEDIA_WORK,
                lambda t: t.year.media_items, table=YEAR, summary="media_work",
                mail=("mail.media", "n")),
    TallyFigure(("media_work", "local_governments"), "tally.media_local_governments",
                RecordKind.MEDIA_WORK, lambda t: t.year.media_local_governments, value=NAMES,
                table=YEAR, sub=True, mail=("mail.media", "lgs")),
    TallyFigure(("cooking_events", "events"), "tally.cooking_events", RecordKind.COOKING_EVENT,
                lambda t: t.year.cooking_events, table=YEAR, summary="cooking_events",
                mail=("mail.cooking", "n")),
    TallyFigure(("cooking_events", "organisations"), "tally.cooking_organisations",
                RecordKind.COOKING_EVENT, lambda t: t.year.cooking_organisations, value=NAMES,
                table=YEAR, sub=True, mail=("mail.cooking", "orgs")),
    TallyFigure(("research_requests",), "tally.research_requests", RecordKind.RESEARCH_REQUEST,
                lambda t: t.year.research_requests, table=YEAR, summary="research_requests",
                mail=("mail.research", "n")),
    TallyFigure(("seconded_staff", "people"), "tally.seconded_people", RecordKind.SECONDED_STAFF,
                lambda t: t.year.seconded_people, table=YEAR, summary="seconded_staff",
                mail=("mail.seconded", "n")),
    TallyFigure(("seconded_staff", "bodies"), "tally.seconded_bodies", RecordKind.SECONDED_STAFF,
                lambda t: t.year.seconded_bodies, value=NAMES, table=YEAR, sub=True,
                mail=("mail.seconded", "bodies")),
)  # fmt: skip


BY_KEY: dict[str, TallyFigure] = {f.key: f for f in FIGURES}


def figure(key: str) -> TallyFigure:
    """The figure with this key (its place in ``tally --json``: ``event_booths.hosted``)."""
    return BY_KEY[key]


def of_kind(kind: str, **filtered: Any) -> tuple[TallyFigure, ...]:
    """The figures counting ``kind`` whose filter has these values (``category=...``:
    set to anything), in order."""
    return tuple(f for f in FIGURES if f.kind == kind and all(
        getattr(f.filter, k) is not None if v is ... else getattr(f.filter, k) == v
        for k, v in filtered.items()))  # fmt: skip


def in_table(*tables: str, dashboard: bool = False) -> tuple[TallyFigure, ...]:
    """The figures of these tables, in order (``dashboard``: those the window shows)."""
    return tuple(f for f in FIGURES
                 if f.table in tables and (f.dashboard or not dashboard))  # fmt: skip


def as_json(t: OfficeTally) -> dict[str, Any]:
    """An office's (or the total's) figures as ``tally --json`` nests them."""
    out: dict[str, Any] = {}
    for f in FIGURES:
        *parents, last = f.path
        place = out
        for p in parents:
            place = place.setdefault(p, {})
        place[last] = f.json(t)
    return out


def mail_values(t: OfficeTally) -> dict[str, dict[str, Any]]:
    """Per sentence of the mail (a db.schema.words key), in order: its placeholders' values
    (how many; and ``names``, the countries, for a figure of countries)."""
    out: dict[str, dict[str, Any]] = {}
    for f in FIGURES:
        if f.mail is not None:
            sentence, slot = f.mail
            out.setdefault(sentence, {})[slot] = f.count(t)
            if f.value == COUNTRIES:
                out[sentence]["names"] = f.names(t)
    return out
