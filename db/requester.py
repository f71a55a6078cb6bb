"""Suggest a support case's requester category from the requester's name.

Headquarters counts requesters in three categories: 都道府県・政令市 (the 47 prefectures
and the 20 designated cities), 市町村 (every other municipality, Tokyo's special wards
included) and その他 (associations, national bodies, universities, companies, unions
of local governments such as 関西広域連合). The suggestion is only a default: the form
shows it and the user's confirmed choice is what is stored. A requester the office has
already confirmed before is suggested as it was confirmed (see :func:`suggest_for`).
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import RequesterCategory

PREFECTURES: frozenset[str] = frozenset(
    """北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県
    東京都 神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県
    滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県
    香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県""".split()
)

# The 20 designated cities (政令指定都市) and the prefecture each belongs to.
DESIGNATED_CITIES: dict[str, str] = {
    "札幌市": "北海道", "仙台市": "宮城県", "さいたま市": "埼玉県", "千葉市": "千葉県",
    "横浜市": "神奈川県", "川崎市": "神奈川県", "相模原市": "神奈川県", "新潟市": "新潟県",
    "静岡市": "静岡県", "浜松市": "静岡県", "名古屋市": "愛知県", "京都市": "京都府",
    "大阪市": "大阪府", "堺市": "大阪府", "神戸市": "兵庫県", "岡山市": "岡山県",
    "広島市": "広島県", "北九州市": "福岡県", "福岡市": "福岡県", "熊本市": "熊本県",
}  # fmt: skip

_PREFECTURE_PREFIX = re.compile("^(" + "|".join(sorted(PREFECTURES, key=len, reverse=True)) + ")")
# A municipality's name ends in 市, 町, 村 or (Tokyo's special wards) 区. Anything
# that continues after it (市役所 aside) is an organisation: 金沢市観光協会 is その他.
_MUNICIPALITY = re.compile(r"^[^\s]{1,12}?[市町村区](役所|役場)?$")


def normalise_name(name: str) -> str:
    """NFKC, no spaces: ``石川県 金沢市`` and ``石川県金沢市`` are the same requester."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def suggest_category(name: str) -> RequesterCategory:
    """The category the requester's name implies (see the module docstring)."""
    clean = normalise_name(name)
    if not clean:
        return RequesterCategory.OTHER
    bare = re.sub(r"(庁|役所|役場)$", "", clean)
    if bare in PREFECTURES:
        return RequesterCategory.PREFECTURE_OR_CITY
    prefecture = _PREFECTURE_PREFIX.match(bare)
    rest = bare[prefecture.end() :] if prefecture else bare
    if rest in DESIGNATED_CITIES and (
        prefecture is None or DESIGNATED_CITIES[rest] == prefecture.group(1)
    ):
        return RequesterCategory.PREFECTURE_OR_CITY
    if rest and _MUNICIPALITY.match(rest) and not _looks_like_body(rest):
        # 横浜市中区 is a ward of a designated city: the city counts it.
        for city in DESIGNATED_CITIES:
            if rest.startswith(city) and rest != city:
                return RequesterCategory.PREFECTURE_OR_CITY
        return RequesterCategory.MUNICIPALITY
    return RequesterCategory.OTHER


def _looks_like_body(rest: str) -> bool:
    """Words that make a name ending in 市/町/村/区 an organisation, not a municipality."""
    return any(word in rest for word in ("連合", "組合", "協会", "議会", "会議所", "大学"))


def suggest_for(session: Session, name: str) -> RequesterCategory:
    """Suggest what was last confirmed for the same requester (any office), else the rules."""
    from db.models import SupportCase

    confirmed = session.execute(
        select(SupportCase.requester_category)
        .where(SupportCase.requester == name.strip(), SupportCase.deleted.is_(False))
        .order_by(SupportCase.version.desc())
        .limit(1)
    ).scalar_one_or_none()
    return confirmed if confirmed is not None else suggest_category(name)
