"""One catalogue of words (issue #22, item 4): a domain word — a field, a kind, an enum
member, a figure, a message — is in db/schema/words.py only; the window's catalogue
(resources/i18n/office_ledger_ja.ts) keeps the window's own chrome (menus, buttons,
dialogs) and holds no English source that db/schema/words.py has.

Every record form is laid out from its declaration (item 3), its labels the
catalogue's words: the forms' own context (``RecordForm``) holds chrome only.
"""

from __future__ import annotations

from typing import Any

from db.schema.words import WORDS
from desktop.kit.i18n import CATALOGUES, read_catalogue

# The contexts whose domain words are still the .ts's (none: item 3 laid every form out
# from the declarations).
REWRITTEN: set[str] = set()
# Window words spelled as a domain word but meaning another thing (none now).
HOMONYMS: set[tuple[str, str]] = set()


def _by_english() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for ja, en in WORDS.values():
        out.setdefault(en, set()).add(ja)
    return out


def _catalogue() -> dict[tuple[str, str], str]:
    return read_catalogue(CATALOGUES / "office_ledger_ja.ts")


def domain_words(catalogue: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    """The (context, source) of each window string that is a domain word."""
    english = _by_english()
    return sorted(key for key in catalogue if key[1] in english and key[0] not in REWRITTEN)


def translated_otherwise(catalogue: dict[tuple[str, str], str]) -> dict[Any, Any]:
    """Each domain word the window still holds that it translates unlike db/schema/words.py."""
    english = _by_english()
    return {(context, source): (ja, sorted(english[source]))
            for (context, source), ja in catalogue.items()
            if source in english and (context, source) not in HOMONYMS
            and ja not in english[source]}  # fmt: skip


def test_the_window_catalogue_holds_no_domain_word() -> None:
    found = domain_words(_catalogue())
    assert found == [], "use db.schema.words.word(key, lang) for a domain word, not tr()"


def test_a_domain_word_the_old_forms_still_hold_is_translated_as_the_catalogue_has_it() -> None:
    differ = translated_otherwise(_catalogue())
    assert differ == {}, "translate it as db/schema/words.py does (the report's word)"


def test_the_checks_see_a_domain_word_and_a_second_translation() -> None:
    """A field's label as a window string, and a label translated another way."""
    field, kind = WORDS["field.requester"], WORDS["kind.event_booth"]
    window = {("SyncPage", field[1]): field[0], ("MainWindow", "Preferences…"): "設定…",
              ("RecordForm", kind[1]): kind[0] + "等"}  # fmt: skip
    assert domain_words(window) == [("RecordForm", kind[1]), ("SyncPage", field[1])]
    assert list(translated_otherwise(window)) == [("RecordForm", kind[1])]
