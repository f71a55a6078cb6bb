"""Why something failed, said as a sentence in the window's language.

The outbox and the sync history keep the reason as the lower layers wrote it (English,
with the exception's own text, as the command line prints it). The window says the
known ones in words from the catalogue (:mod:`db.schema.words`, ``reason.*``) with what to do
next, and keeps the raw text for "Details" (a tooltip, a message box's details); a
reason it does not know is shown as it is.
"""

from __future__ import annotations

import re

from db.schema.words import word

# (pattern on the raw text, the catalogue's sentence); the pattern's named groups fill it
KNOWN: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"cannot reach (?P<where>\S+) \("), "reason.unreachable"),
    (re.compile(r"(?P<where>\S+) does not offer STARTTLS"), "reason.no_starttls"),
    (re.compile(r"rejected the login"), "reason.login"),
    (re.compile(r"^server busy"), "reason.busy"),
    (re.compile(r"^refused by the server"), "reason.refused"),
    (
        re.compile(r"^(?P<file>.+?): (a zip file, but )?not an Excel workbook"),
        "reason.not_workbook",
    ),
    (re.compile(r"^(?P<file>.+?): the file is damaged"), "reason.damaged_workbook"),
    # the same refusals as the catalogue now words them (file.zip, file.damaged_xlsx)
    (re.compile(r"^(?P<file>.+?): a zip file, not an Excel workbook"), "reason.not_workbook"),
    (re.compile(r"^(?P<file>.+?): a damaged workbook \(\.xlsx\)"), "reason.damaged_workbook"),
)


def said(raw: str, lang: str) -> str:
    """``raw`` as a sentence in ``lang`` if it is a known reason, else ``raw`` itself."""
    for pattern, key in KNOWN:
        found = pattern.search(raw)
        if found:
            return word(key, lang, **found.groupdict())
    return raw


def is_known(raw: str) -> bool:
    return any(pattern.search(raw) for pattern, _ in KNOWN)
