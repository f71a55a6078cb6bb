"""Known failures of the domain layer: each carries a message a person can act on.

Anything that is not a :class:`LedgerError` is a bug and goes to the crash handler.
"""


class LedgerError(Exception):
    """A failure we expected and can explain (bad file, bad input, locked database)."""


class DatabaseOpenError(LedgerError):
    """The database file cannot be opened or upgraded; nothing was written."""


class ValidationError(LedgerError):
    """A record or an argument breaks a rule; ``field`` names the offending field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
