"""What a person edits in the app's forms, per record type, as plain values.

:class:`db.records.CaseValues` is the support case's; these are the other three.
Legs and sessions reuse the plain rows of :mod:`db.rows`. A newsletter issue names
its newsletter by title within the office: a new title makes a new newsletter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from db.enums import JetaaKind, NewsletterFormat
from db.rows import LegRow, SessionRow


@dataclass(frozen=True, slots=True)
class EventValues:
    office_code: str
    name: str
    legs: tuple[LegRow, ...]
    name_en: str = ""
    hosted: bool = False
    exhibitors: int | None = None
    items_shown: int | None = None
    visitors: int | None = None
    notes: str = ""
    municipalities: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class JetaaValues:
    office_code: str
    name: str
    sessions: tuple[SessionRow, ...]
    kind: JetaaKind = JetaaKind.OTHER
    participants: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class IssueValues:
    office_code: str
    title: str  # the newsletter's
    issue_date: date
    number: str = ""
    languages: tuple[str, ...] = ("ja",)
    format: NewsletterFormat = NewsletterFormat.EMAIL
    contents: str = ""
    reach: int | None = None
