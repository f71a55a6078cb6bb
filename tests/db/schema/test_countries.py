"""Country codes and names come from pycountry and Babel (CLDR)."""

from __future__ import annotations

import pytest

from db.schema.countries import codes, country_name, resolve, validate
from db.schema.errors import ValidationError


def test_codes_are_iso_alpha2() -> None:
    assert {"FR", "MC", "BN", "KR", "GB", "US"} <= codes()
    assert all(len(c) == 2 and c.isupper() for c in codes())
    assert "ZZ" not in codes() and "EU" not in codes()


@pytest.mark.parametrize(
    ("code", "ja", "en"),
    [("FR", "フランス", "France"), ("KR", "韓国", "South Korea"), ("MC", "モナコ", "Monaco")],
)
def test_names_in_both_languages(code: str, ja: str, en: str) -> None:
    assert country_name(code, "ja") == ja
    assert country_name(code, "en") == en


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("USA", "US"),
        ("UK", "GB"),
        ("South Korea", "KR"),
        ("フランス", "FR"),
        ("韓国", "KR"),
        ("アメリカ", "US"),
        ("de", "DE"),
        ("Brunei", "BN"),
        ("ニュージーランド", "NZ"),
    ],
)
def test_resolve_names_typed_by_people(text: str, code: str) -> None:
    assert resolve(text) == code


def test_unknown_country_is_refused_with_its_text() -> None:
    with pytest.raises(ValidationError, match="Atlantis"):
        resolve("Atlantis")
    with pytest.raises(ValidationError, match="XX"):
        validate("XX")
    assert validate(" fr ") == "FR"
