"""Countries as ISO 3166-1 alpha-2 codes, named from CLDR (Babel) in Japanese or English.

The codes come from pycountry's ISO 3166-1 table; the names from Babel's CLDR data,
so nothing here is a hand-typed table. ``resolve`` turns what a person typed (a code,
an English or Japanese name, or a common short name like "UK") into a code.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from db.schema.errors import ValidationError


@cache
def codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


@cache
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    names = Locale.parse(lang).territories
    return {code: names.get(code, code) for code in codes()}


def country_name(code: str | None, lang: str = "ja") -> str:
    """The country's name in ``lang`` (``ja`` or ``en``); the code itself if unknown,
    blank for none (an optional country left empty)."""
    if not code:
        return ""
    return _territories("ja" if lang == "ja" else "en").get(code.upper(), code)


# The names the annual report prints where CLDR's differ (it never says アメリカ合衆国).
PRINTED_JA = {"US": "アメリカ"}


def printed_country_name(code: str | None, lang: str = "ja") -> str:
    """The country's name as the annual report prints it in its tables (アメリカ)."""
    if lang == "ja" and code and code.upper() in PRINTED_JA:
        return PRINTED_JA[code.upper()]
    return country_name(code, lang)


# Everyday short names that CLDR only has in long form (アメリカ合衆国, イギリス).
SHORT_NAMES = {"UK": "GB", "USA": "US", "アメリカ": "US", "米国": "US", "英国": "GB",
               # names offices' own sheets use that CLDR lacks: formal, short or local
               "大韓民国": "KR", "中華人民共和国": "CN", "香港": "HK", "マカオ": "MO", "豪州": "AU",
               "ミャンマー": "MM", "England": "GB", "Scotland": "GB", "Wales": "GB",
               "Northern Ireland": "GB", "Korea": "KR", "Holland": "NL", "Turkey": "TR",
               "UAE": "AE"}  # fmt: skip
# Formal names: フランス共和国 is フランス, タイ王国 is タイ.
FORMAL = ("民主共和国", "共和国", "王国", "連邦", "合衆国", "連合王国")


@cache
def _lookup() -> dict[str, str]:
    import pycountry

    table: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (
            c.alpha_2,
            c.alpha_3,
            c.name,
            getattr(c, "common_name", None),
            getattr(c, "official_name", None),
        ):
            if name:
                table[_key(name)] = c.alpha_2
    for lang in ("en", "ja"):
        for code, name in _territories(lang).items():
            table.setdefault(_key(name), code)
    for alias, code in SHORT_NAMES.items():
        table.setdefault(_key(alias), code)
    return table


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "").replace(".", "")


def resolve(text: str) -> str:
    """The alpha-2 code for a code or a country name in English or Japanese.

    Raises:
        ValidationError: nothing matches; the message says what was typed.
    """
    code = _lookup().get(_key(text))
    stem = text.strip()
    while code is None:  # ドイツ連邦共和国 → ドイツ連邦 → ドイツ
        shorter = next((stem[: -len(f)] for f in FORMAL if stem.endswith(f) and stem != f), None)
        if not shorter:
            break
        stem = shorter
        code = _lookup().get(_key(stem))
    if code is None:
        raise ValidationError(f"unknown country {text!r}", field="country")
    return code


def validate(code: str) -> str:
    """``code`` upper-cased if it is an ISO 3166-1 alpha-2 code; raise otherwise."""
    upper = code.strip().upper()
    if upper not in codes():
        raise ValidationError(f"{code!r} is not an ISO 3166-1 country code", field="country")
    return upper


@cache
def _languages(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(lang).languages)


@cache
def _language_codes() -> dict[str, str]:
    """Every language's name in Japanese and English (lower-cased), and its code."""
    return {name.lower(): code for lang in ("en", "ja") for code, name in _languages(lang).items()}


def language_code(text: str) -> str:
    """The ISO 639 code of a language a person typed: its code (``ko``) or its name in
    Japanese or English (韓国語, Korean); what was typed if it is neither (kept as typed,
    as :func:`language_name` shows a code CLDR does not know)."""
    typed = text.strip()
    key = typed.lower().replace("-", "_")
    if key in _languages("en"):
        return key
    return _language_codes().get(key, typed)


def language_name(code: str, lang: str = "ja") -> str:
    """A language's name in ``lang`` from its ISO 639 code (``ko``: 韓国語 / Korean), from
    CLDR; the code itself if CLDR does not know it (a person typed something else)."""
    names = _languages("ja" if lang == "ja" else "en")
    return names.get(code.strip().lower().replace("-", "_"), code)
