"""The email that carries an export to headquarters, as a draft or for SMTP.

One export makes one message, and the message's identity comes from the export's:
``Message-ID: <EXPORT-ID@office-ledger.clair.invalid>``, so a message sent twice
(a retry, a resend) is recognisably the same one. The body gives the tallies in
Japanese and English; the workbook (and optionally the PDF summary) is attached.
A draft carries ``X-Unsent: 1`` so that Outlook opens it as a new message to send.
"""

from __future__ import annotations

import os
import subprocess
import sys
from email import policy
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from db.schema.appinfo import written_by
from db.schema.countries import country_name
from db.schema.fiscal import Period
from db.schema.offices import office as office_info
from db.schema.words import listing, word
from db.tally.figures import mail_values
from db.tally.tallies import OfficeTally
from exports.atomic import write_bytes
from exports.labels import format_period

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
DOMAIN = "office-ledger.clair.invalid"


def message_id(export_id: str) -> str:
    return f"<{export_id}@{DOMAIN}>"


def _body(code: str, period: Period, figures: OfficeTally) -> str:
    """The tallies in Japanese, then in English: a sentence of :mod:`db.schema.words` per
    family, filled with the figures of :data:`db.tally.figures.FIGURES` that name it."""
    sentences = mail_values(figures)

    def lines(lang: str) -> list[str]:
        out = [
            word("mail.greeting", lang),
            word("mail.attached", lang, office=office_info(code).name(lang),
                 period=format_period(period, lang)),
            "",
        ]  # fmt: skip
        for sentence, values in sentences.items():
            if "names" in values:  # countries, by name
                names = sorted(country_name(c, lang) for c in values["names"])
                values = {**values, "names": listing(names, lang) or "-"}
            out.append(word(sentence, lang, **values))
        return out

    return "\n".join([*lines("ja"), "", "-- English --", *lines("en"), "", "Office Ledger"])


def compose(
    *, export_id: str, office: str, period: Period, figures: OfficeTally, workbook: Path,
    sender: str, to: str, pdf: Path | None = None, draft: bool = False,
) -> EmailMessage:  # fmt: skip
    """The message for one export; ``draft`` adds ``X-Unsent: 1`` for mail clients."""
    msg = EmailMessage()
    fy = format_period(period, "en").split(" ")[0]
    msg["Subject"] = (f"[Office Ledger] {office} {format_period(period, 'ja').split('（')[0]}"
                      f" / {fy} export {export_id}")  # fmt: skip
    if sender:
        msg["From"] = sender
    msg["To"] = to
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id(export_id)
    msg["X-Office-Ledger-Export-Id"] = export_id
    msg["X-Office-Ledger-Office"] = office
    msg["X-Mailer"] = written_by()  # the app version that wrote it (issue #19)
    if draft:
        msg["X-Unsent"] = "1"
    msg.set_content(_body(office, period, figures), charset="utf-8")
    msg.add_attachment(workbook.read_bytes(), maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1],
                       filename=workbook.name)  # fmt: skip
    if pdf is not None:
        msg.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf",
                           filename=pdf.name)  # fmt: skip
    return msg


def write_eml(msg: EmailMessage, path: Path) -> Path:
    """Write the message as a standard .eml file, atomically."""
    return write_bytes(path, msg.as_bytes(policy=policy.SMTP))  # CRLF, as .eml files have


def open_with_system(path: Path) -> bool:
    """Open the draft with the system's handler for .eml files (the mail client); False
    when nothing could open it (no mail program, no ``xdg-open``, no desktop session),
    so the caller says where the draft is instead of claiming it opened."""
    try:
        if sys.platform == "win32":
            os.startfile(path)  # noqa: S606  (Windows only; mypy checks it when run there)
            return True
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        done = subprocess.run([opener, str(path)], check=False, timeout=30,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    except (OSError, subprocess.SubprocessError):  # no opener, or it hung
        return False
    return done.returncode == 0
