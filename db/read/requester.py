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

from db.schema.enums import RequesterCategory

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

# The 47 prefectures and the 20 designated cities in romaji (Hepburn, with macrons; the
# same names without them are derived): how English-language sheets name them.
ROMAJI: dict[str, str] = {
    "北海道": "Hokkaidō", "青森県": "Aomori", "岩手県": "Iwate", "宮城県": "Miyagi",
    "秋田県": "Akita", "山形県": "Yamagata", "福島県": "Fukushima", "茨城県": "Ibaraki",
    "栃木県": "Tochigi", "群馬県": "Gunma", "埼玉県": "Saitama", "千葉県": "Chiba",
    "東京都": "Tōkyō", "神奈川県": "Kanagawa", "新潟県": "Niigata", "富山県": "Toyama",
    "石川県": "Ishikawa", "福井県": "Fukui", "山梨県": "Yamanashi", "長野県": "Nagano",
    "岐阜県": "Gifu", "静岡県": "Shizuoka", "愛知県": "Aichi", "三重県": "Mie",
    "滋賀県": "Shiga", "京都府": "Kyōto", "大阪府": "Ōsaka", "兵庫県": "Hyōgo",
    "奈良県": "Nara", "和歌山県": "Wakayama", "鳥取県": "Tottori", "島根県": "Shimane",
    "岡山県": "Okayama", "広島県": "Hiroshima", "山口県": "Yamaguchi", "徳島県": "Tokushima",
    "香川県": "Kagawa", "愛媛県": "Ehime", "高知県": "Kōchi", "福岡県": "Fukuoka",
    "佐賀県": "Saga", "長崎県": "Nagasaki", "熊本県": "Kumamoto", "大分県": "Ōita",
    "宮崎県": "Miyazaki", "鹿児島県": "Kagoshima", "沖縄県": "Okinawa",
    "札幌市": "Sapporo", "仙台市": "Sendai", "さいたま市": "Saitama", "千葉市": "Chiba",
    "横浜市": "Yokohama", "川崎市": "Kawasaki", "相模原市": "Sagamihara", "新潟市": "Niigata",
    "静岡市": "Shizuoka", "浜松市": "Hamamatsu", "名古屋市": "Nagoya", "京都市": "Kyōto",
    "大阪市": "Ōsaka", "堺市": "Sakai", "神戸市": "Kōbe", "岡山市": "Okayama",
    "広島市": "Hiroshima", "北九州市": "Kitakyūshū", "福岡市": "Fukuoka", "熊本市": "Kumamoto",
}  # fmt: skip


def _plain_latin(text: str) -> str:
    """Lower case, macrons and other accents dropped (Tōkyō, Tokyo: tokyo)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return bare.lower()


def _romaji(kanji: dict[str, str] | frozenset[str]) -> dict[str, str]:
    return {_plain_latin(ROMAJI[k]): k for k in kanji}


_PREFECTURE_PREFIX = re.compile("^(" + "|".join(sorted(PREFECTURES, key=len, reverse=True)) + ")")
# A municipality's name ends in 市, 町, 村 or (Tokyo's special wards) 区. Anything
# that continues after it (市役所 aside) is an organisation: 金沢市観光協会 is その他.
_MUNICIPALITY = re.compile(r"^[^\s]{1,12}?[市町村区](役所|役場)?$")


def normalise_name(name: str) -> str:
    """NFKC, no spaces: ``石川県 金沢市`` and ``石川県金沢市`` are the same requester."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


# English words that name what kind of place a name is, and the other words a
# local government's English name may carry (Prefectural Government, City Hall).
_PREFECTURE_WORDS = {"prefecture", "prefectural", "pref", "ken", "fu", "metropolis",
                     "metropolitan", "to", "do"}  # fmt: skip
_CITY_WORDS = {"city", "shi"}
_TOWN_WORDS = {"town", "village", "cho", "machi", "mura", "son"}
_WARD_WORDS = {"ward", "ku"}
_GOVERNMENT_WORDS = {"government", "govt", "gov", "office", "hall", "of", "the",
                     "municipality", "municipal"}  # fmt: skip


def _english(name: str) -> RequesterCategory | None:
    """The category an English (romaji) name implies: ``Shizuoka Prefecture``,
    ``City of Yokohama``, ``Kurashiki City, Okayama``, ``Niseko Town (Hokkaido)``,
    ``Tōkyō Metropolitan Government``; None if the name is not written in Latin letters."""
    text = _plain_latin(unicodedata.normalize("NFKC", name)).strip()
    if not re.search(r"[a-z]", text) or re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
        return None
    prefectures, cities = _romaji(PREFECTURES), _romaji(frozenset(DESIGNATED_CITIES))
    where = None  # the prefecture or city after a comma or in brackets
    parts = re.split(r"\s*[,(（]\s*", text.rstrip(")） "), maxsplit=1)
    if len(parts) == 2:
        text, where = parts[0], " ".join(w for w in re.findall(r"[a-z]+", parts[1])
                                         if w not in _PREFECTURE_WORDS | _CITY_WORDS)  # fmt: skip
    words = re.findall(r"[a-z]+", text)
    kinds = set(words)
    place = " ".join(w for w in words if w not in _PREFECTURE_WORDS | _CITY_WORDS | _TOWN_WORDS
                     | _WARD_WORDS | _GOVERNMENT_WORDS)  # fmt: skip
    if kinds & _WARD_WORDS:  # a ward of a designated city counts as the city
        if where in cities:
            return RequesterCategory.PREFECTURE_OR_CITY
        return RequesterCategory.MUNICIPALITY if place else RequesterCategory.OTHER
    if kinds & (_CITY_WORDS | _TOWN_WORDS):
        if not place or " " in place:  # Kurashiki City Tourism Association: a body
            return RequesterCategory.OTHER
        city = cities.get(place)
        if (
            kinds & _CITY_WORDS
            and city
            and (
                where is None
                or where not in prefectures
                or DESIGNATED_CITIES[city] == prefectures[where]
            )
        ):
            return RequesterCategory.PREFECTURE_OR_CITY  # fmt: skip
        return RequesterCategory.MUNICIPALITY
    if place in prefectures or (place in cities and where is None):
        return RequesterCategory.PREFECTURE_OR_CITY
    return RequesterCategory.OTHER


def suggest_category(name: str) -> RequesterCategory:
    """The category the requester's name implies (see the module docstring), from its
    Japanese or its English name."""
    clean = normalise_name(name)
    if not clean:
        return RequesterCategory.OTHER
    english = _english(name)
    if english is not None:
        return english
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
    from db.storage.models import SupportCase

    confirmed = session.execute(
        select(SupportCase.requester_category)
        .where(SupportCase.requester == name.strip(), SupportCase.deleted.is_(False))
        .order_by(SupportCase.version.desc())
        .limit(1)
    ).scalar_one_or_none()
    return confirmed if confirmed is not None else suggest_category(name)
