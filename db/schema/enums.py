"""The closed vocabularies of the domain, stored as short text codes.

Each enum's value is the code written to the database and to exports; ``label(lang)``
gives the Japanese or English name used by headquarters' tables and the exports, from
the domain's catalogue (:mod:`db.schema.words`, keyed ``EnumName.code``).
"""

from __future__ import annotations

from enum import StrEnum

from db.schema.words import WORDS, word


class _Labelled(StrEnum):
    """A StrEnum whose members carry a Japanese and an English label."""

    @property
    def labels(self) -> tuple[str, str]:
        return WORDS[self.word_key]

    @property
    def word_key(self) -> str:
        """The member's key in the domain's catalogue (:mod:`db.schema.words`)."""
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


class SeminarKind(_Labelled):
    """Which of the report's seminar tables a seminar belongs to."""

    OFFICE_ONLINE = "office_online"  # for Japanese local governments, mostly online
    POLICY_PR_ABROAD = "policy_pr_abroad"  # presenting Japanese policy abroad
    POSTED_STAFF = "posted_staff"  # for local-government staff posted abroad (a series)
    EXECUTIVE_EXCHANGE = "executive_exchange"  # 海外自治体幹部交流協力セミナー


class SessionMode(_Labelled):
    """How a seminar session was held (on demand: streamed for a period)."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"
    ON_DEMAND = "on_demand"


class PublicationSeries(_Labelled):
    """The series a publication belongs to (more can be added)."""

    CLAIR_REPORT = "clair_report"


class RequestStatus(_Labelled):
    REQUESTED = "requested"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CANCELLED = "cancelled"


class OfficeCode(StrEnum):
    """The offices as a closed vocabulary, for a field naming several of them (the
    offices that answered a research request); named as :mod:`db.schema.offices` names them."""

    NYC = "NYC"
    LON = "LON"
    PAR = "PAR"
    SIN = "SIN"
    SEL = "SEL"
    SYD = "SYD"
    BEJ = "BEJ"
    HQ = "HQ"

    @property
    def labels(self) -> tuple[str, str]:
        from db.schema.offices import BY_CODE

        found = BY_CODE[self.value]
        return found.name_ja, found.name_en

    def label(self, lang: str = "ja") -> str:
        return self.labels[0 if lang == "ja" else 1]
