"""Requester category suggestion from the requester's name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from db.read.requester import DESIGNATED_CITIES, PREFECTURES, suggest_category, suggest_for
from db.schema.enums import RequesterCategory as C

if TYPE_CHECKING:
    from db.storage.database import Database


def test_the_known_facts_are_complete() -> None:
    assert len(PREFECTURES) == 47
    assert len(DESIGNATED_CITIES) == 20
    assert set(DESIGNATED_CITIES.values()) <= PREFECTURES


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("東京都", C.PREFECTURE_OR_CITY),
        ("北海道", C.PREFECTURE_OR_CITY),
        ("京都府", C.PREFECTURE_OR_CITY),
        ("石川県", C.PREFECTURE_OR_CITY),
        ("横浜市", C.PREFECTURE_OR_CITY),
        ("神奈川県横浜市", C.PREFECTURE_OR_CITY),
        ("大阪府堺市", C.PREFECTURE_OR_CITY),
        ("横浜市中区", C.PREFECTURE_OR_CITY),
        ("名古屋市役所", C.PREFECTURE_OR_CITY),
        ("石川県金沢市", C.MUNICIPALITY),
        ("福岡県福智町", C.MUNICIPALITY),
        ("長野県白馬村", C.MUNICIPALITY),
        ("東京都港区", C.MUNICIPALITY),
        ("石川県 金沢市", C.MUNICIPALITY),
        ("関西広域連合", C.OTHER),
        ("金沢市観光協会", C.OTHER),
        ("日本貿易振興機構（JETRO）", C.OTHER),
        ("京都大学", C.OTHER),
        ("", C.OTHER),
        # A designated city named with the wrong prefecture is not a designated city.
        ("静岡県横浜市", C.MUNICIPALITY),
    ],
)
def test_suggest_category(name: str, category: C) -> None:
    assert suggest_category(name) is category


def test_full_width_and_spaces_do_not_change_the_suggestion() -> None:
    assert suggest_category("　東京都　") is C.PREFECTURE_OR_CITY


def test_a_confirmed_category_wins_over_the_rules(db: Database) -> None:
    from datetime import date

    from db.records import write as records
    from db.storage.models import SupportCase

    with db.session() as session:
        assert suggest_for(session, "東京都観光財団") is C.OTHER
        records.save(
            session,
            SupportCase(
                office_code="NYC",
                requester="東京都観光財団",
                requester_category=C.PREFECTURE_OR_CITY,  # the user overrode the rule
                start_date=date(2023, 5, 1),
            ),
        )
        assert suggest_for(session, "東京都観光財団") is C.PREFECTURE_OR_CITY
