"""Known failures of the domain layer: each carries a message a person can act on.

Anything that is not a :class:`LedgerError` is a bug and goes to the crash handler.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from db.schema.words import Message


class LedgerError(Exception):
    """A failure we expected and can explain (bad file, bad input, locked database).

    Raised with a :class:`db.schema.words.Message` (the catalogue's sentence and its
    parameters), it is said in any language: :meth:`text` (``str()`` is English);
    raised with plain text, that text in every language.
    """

    def __init__(self, *args: object) -> None:
        from db.schema.words import Message

        said = args[0] if args else None
        self.said = said if isinstance(said, Message) else None
        if self.said is not None:
            args = (self.said.text("en"), *args[1:])
        super().__init__(*args)

    def text(self, lang: str = "en") -> str:
        """The failure in ``lang`` (``ja`` or ``en``)."""
        said = getattr(self, "said", None)  # a subclass may not call this __init__
        return said.text(lang) if said is not None else str(self)


class DatabaseOpenError(LedgerError):
    """The database file cannot be opened or upgraded; nothing was written."""


class ValidationError(LedgerError):
    """A record or an argument breaks a rule; ``field`` names the offending field.

    Raised by the rules (:mod:`db.records.rules`) with a :class:`db.schema.words.Message`, which
    :meth:`text` renders in any language (``str()`` is English, for the command
    line); raised elsewhere with plain English text. ``detail`` names the field of
    a child row (a leg's ``country``) when ``field`` is the child table (``legs``).
    """

    def __init__(
        self, message: str | Message, field: str | None = None, detail: str | None = None
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.detail = detail

    def text(self, lang: str = "en") -> str:
        """The refusal in ``lang`` (plain-text refusals are English only)."""
        return self.message if isinstance(self.message, str) else self.message.text(lang)


class NothingToRestore(ValidationError):
    """The version asked for has the values the record has now: no version is made."""


class StaleEdit(LedgerError):
    """Someone else changed (or deleted) the record since the edit's form read it, so
    the edit would silently undo their change: nothing was written (issue #23).

    ``version`` and ``deleted`` are the record as it is now; ``who`` says who made that
    version and ``when`` when, by language (``{"ja": …, "en": …}``), as its history
    knows them (None: not known).
    """

    def __init__(self, uuid: str, seen: int, version: int, deleted: bool,
                 who: str | None = None,
                 when: Mapping[str, str] | None = None) -> None:  # fmt: skip
        self.uuid, self.seen, self.version, self.deleted = uuid, seen, version, deleted
        self.who, self.when = who, when
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """One line: who changed (or deleted) the record and when, and that nothing was
        saved."""
        from db.schema.words import Term, word

        key = "edit.stale_deleted" if self.deleted else "edit.stale_changed"
        who = self.who if self.who else Term("edit.someone")
        when = self.when.get(lang, self.when.get("en")) if self.when else None
        return word(key, lang, who=who, when=when or Term("edit.sometime"), version=self.version)
