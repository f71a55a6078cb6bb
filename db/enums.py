"""The closed vocabularies of the domain, stored as short text codes.

Each enum's value is the code written to the database and to exports; ``label(lang)``
gives the Japanese or English name used by headquarters' tables and the exports.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    """A StrEnum whose members carry a Japanese and an English label."""

    @property
    def labels(self) -> tuple[str, str]:
        return _LABELS[self]

    def label(self, lang: str = "ja") -> str:
        ja, en = _LABELS[self]
        return ja if lang == "ja" else en


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


_LABELS: dict[StrEnum, tuple[str, str]] = {
    RequesterCategory.PREFECTURE_OR_CITY: ("都道府県・政令市", "Prefecture / designated city"),
    RequesterCategory.MUNICIPALITY: ("市町村", "Municipality"),
    RequesterCategory.OTHER: ("その他", "Other"),
    CaseStatus.PLANNED: ("予定", "Planned"),
    CaseStatus.IN_PROGRESS: ("対応中", "In progress"),
    CaseStatus.DONE: ("完了", "Done"),
    CaseStatus.CANCELLED: ("中止", "Cancelled"),
    SupportType.APPOINTMENT: ("アポイントメント取付け", "Arranging appointments"),
    SupportType.ATTEND: ("同行・アテンド", "Accompanying visits"),
    SupportType.INTERPRETER: ("通訳あっせん", "Finding interpreters"),
    SupportType.BOOTH: ("ブース出展支援", "Booth support"),
    SupportType.PUBLICITY: ("広報支援", "Publicity (SNS)"),
    SupportType.POLICY: ("現地施策説明", "Explaining local policies"),
    SupportType.EQUIPMENT: ("備品の貸出", "Lending desk or equipment"),
    SupportType.RESEARCH: ("調査", "Research"),
    SupportType.OTHER: ("その他", "Other"),
    JetaaKind.ORIENTATION: ("出発前オリエンテーション", "Pre-departure orientation"),
    JetaaKind.RECEPTION: ("レセプション・歓迎会", "Reception"),
    JetaaKind.CONFERENCE: ("会議・総会", "Conference / general meeting"),
    JetaaKind.INFO_SESSION: ("説明会", "Information session"),
    JetaaKind.CAREER: ("キャリア支援", "Career event"),
    JetaaKind.OTHER: ("その他", "Other"),
    VenueMode.IN_PERSON: ("対面", "In person"),
    VenueMode.ONLINE: ("オンライン", "Online"),
    VenueMode.HYBRID: ("併用", "Hybrid"),
    NewsletterFormat.EMAIL: ("メール", "Email"),
    NewsletterFormat.PDF: ("PDF", "PDF"),
    NewsletterFormat.PRINTED: ("印刷物", "Printed"),
    NewsletterFormat.WEB: ("ウェブ", "Web"),
}
