"""The closed vocabularies of the domain, stored as short text codes.

Each enum's value is the code written to the database and to exports; ``label(lang)``
gives the Japanese or English name used by headquarters' tables and the exports, from
the domain's catalogue (:mod:`db.words`, keyed ``EnumName.code``).
"""

from __future__ import annotations

from enum import StrEnum

from db.words import WORDS, word


class _Labelled(StrEnum):
    """A StrEnum whose members carry a Japanese and an English label."""

    @property
    def labels(self) -> tuple[str, str]:
        return WORDS[self.word_key]

    @property
    def word_key(self) -> str:
        """The member's key in the domain's catalogue (:mod:`db.words`)."""
        return f"{type(self).__name__}.{self.value}"

    def label(self, lang: str = "ja") -> str:
        return word(self.word_key, lang)


class RequesterCategory(_Labelled):
    """Headquarters' three requester categories for counted support cases."""

    PREFECTURE_OR_CITY = "prefecture_or_designated_city"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class CaseStatus(_Labelled):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class SupportType(_Labelled):
    """What the office did for the requester; a case can have several."""

    APPOINTMENT = "appointment"
    ATTEND = "attend"
    INTERPRETER = "interpreter"
    BOOTH = "booth"
    PUBLICITY = "publicity"
    POLICY = "policy"
    EQUIPMENT = "equipment"
    RESEARCH = "research"
    OTHER = "other"


class JetaaKind(_Labelled):
    ORIENTATION = "orientation"
    RECEPTION = "reception"
    CONFERENCE = "conference"
    INFO_SESSION = "information_session"
    CAREER = "career"
    OTHER = "other"


class VenueMode(_Labelled):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class NewsletterFormat(_Labelled):
    EMAIL = "email"
    PDF = "pdf"
    PRINTED = "printed"
    WEB = "web"
