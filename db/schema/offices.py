"""The eight offices: headquarters in Tokyo and the seven overseas JLGCs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OfficeInfo:
    code: str
    name_ja: str
    name_en: str
    country: str  # ISO 3166-1 alpha-2 of the office's seat
    sort_order: int

    def name(self, lang: str = "ja") -> str:
        return self.name_ja if lang == "ja" else self.name_en


OFFICES: tuple[OfficeInfo, ...] = (
    OfficeInfo("NYC", "ニューヨーク", "New York", "US", 1),
    OfficeInfo("LON", "ロンドン", "London", "GB", 2),
    OfficeInfo("PAR", "パリ", "Paris", "FR", 3),
    OfficeInfo("SIN", "シンガポール", "Singapore", "SG", 4),
    OfficeInfo("SEL", "ソウル", "Seoul", "KR", 5),
    OfficeInfo("SYD", "シドニー", "Sydney", "AU", 6),
    OfficeInfo("BEJ", "北京", "Beijing", "CN", 7),
    OfficeInfo("HQ", "本部", "Headquarters (Tokyo)", "JP", 8),
)

OFFICE_CODES: tuple[str, ...] = tuple(o.code for o in OFFICES)
OVERSEAS_CODES: tuple[str, ...] = tuple(o.code for o in OFFICES if o.code != "HQ")
BY_CODE: dict[str, OfficeInfo] = {o.code: o for o in OFFICES}


def office(code: str) -> OfficeInfo:
    """The office with this code; raises ``KeyError`` with the valid codes otherwise."""
    try:
        return BY_CODE[code.upper()]
    except KeyError:
        raise KeyError(
            f"unknown office {code!r}; expected one of {', '.join(OFFICE_CODES)}"
        ) from None
