"""What an office's own spreadsheet may hold, per record type, and how headers name it.

Each field lists the header words it is known by, in Japanese and English; the guess
matches a sheet's headers against them (exact first, then by containment).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # text date daterange int bool category types country
    required: bool
    words: tuple[str, ...]


KINDS: dict[str, tuple[Field, ...]] = {
    "support-cases": (
        Field("requester", "text", True, ("依頼団体", "依頼者", "依頼元", "団体名", "自治体名",
                                          "自治体", "requester", "organisation", "organization",
                                          "client")),
        Field("start_date", "daterange", True, ("開始日", "対応日", "実施日", "支援日", "日付", "期間",
                                                "年月日", "date", "start", "startdate", "from")),
        Field("end_date", "date", False, ("終了日", "期間終了", "end", "enddate", "to")),
        Field("category", "category", False, ("区分", "団体区分", "category", "type of requester")),
        Field("summary", "text", False, ("概要", "支援内容", "内容", "対応内容", "summary",
                                         "details", "description")),
        Field("staff", "text", False, ("担当", "担当者", "staff", "handled by", "officer")),
        Field("counted", "bool", False, ("計上", "件数計上", "counted")),
    ),
    "event-booths": (
        Field("name", "text", True, ("イベント名", "イベント", "名称", "event", "event name", "name")),
        Field("start_date", "daterange", True, ("開始日", "期間", "日程", "開催日", "日付", "date",
                                                "start", "dates")),
        Field("end_date", "date", False, ("終了日", "end", "enddate")),
        Field("city", "text", False, ("都市", "開催地", "開催都市", "場所", "city", "place")),
        Field("country", "country", True, ("国", "国名", "開催国", "country")),
        Field("venue", "text", False, ("会場", "venue")),
        Field("hosted", "bool", False, ("主催", "hosted")),
        Field("visitors", "int", False, ("来場者数", "来場者", "visitors")),
    ),
    "jetaa-events": (
        Field("name", "text", True, ("事業名", "名称", "イベント名", "name", "event")),
        Field("start_date", "daterange", True, ("開始日", "期間", "日程", "実施日", "日付", "date",
                                                "start")),
        Field("end_date", "date", False, ("終了日", "end")),
        Field("venue", "text", False, ("会場", "場所", "開催地", "venue", "place")),
        Field("country", "country", True, ("国", "国名", "country")),
        Field("participants", "int", False, ("参加者数", "参加者", "participants")),
    ),
    "newsletters": (
        Field("title", "text", True, ("名称", "ニューズレター", "タイトル", "title", "newsletter")),
        Field("issue_date", "daterange", True, ("発行日", "配信日", "日付", "date", "issued")),
        Field("number", "text", False, ("号", "号数", "number", "no", "issue")),
        Field("contents", "text", False, ("主な内容", "内容", "contents", "content")),
        Field("reach", "int", False, ("配信数", "部数", "reach", "recipients")),
    ),
}  # fmt: skip


def norm(text: object) -> str:
    """Header text for matching: NFKC, lower case, no spaces, brackets or punctuation."""
    value = unicodedata.normalize("NFKC", "" if text is None else str(text)).lower()
    return re.sub(r"[\s()\[\]（）【】・:：/_\-.]", "", value)


def guess(headers: list[str], kind: str) -> dict[str, int]:
    """Field key → column index, from the headers' text; each column used once."""
    fields = KINDS[kind]
    normalised = [norm(h) for h in headers]
    found: dict[str, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for f in fields:
            if f.key in found:
                continue
            for i, h in enumerate(normalised):
                if i in used or not h:
                    continue
                hit = any(h == norm(w) for w in f.words) if exact else any(
                    norm(w) in h for w in f.words if len(norm(w)) > 1)  # fmt: skip
                if hit:
                    found[f.key] = i
                    used.add(i)
                    break
    return found
