"""Send an office's period to headquarters: export, compose, then draft or outbox.

Shared by ``office-ledger send`` and the app's "Send to headquarters" action, so both
make the same export, message and outbox entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.schema.errors import LedgerError

if TYPE_CHECKING:  # SQLAlchemy loads only when something is sent, not for --help
    from db.schema.fiscal import Period
    from db.storage.database import Database
    from exports.mail.outbox import SmtpConfig


class SendError(LedgerError):
    """Something needed to send is missing (address, server)."""


@dataclass(frozen=True)
class Sent:
    export_id: str
    via: str
    draft: Path | None = None
    state: str = ""  # smtp: sent, queued (next_attempt, UTC ISO) or failed (not retried)
    error: str = ""
    next_attempt: str = ""


def outbox_folder() -> Path:
    from office_ledger.paths import data_dir

    return data_dir() / "outbox"


def smtp_config(values: dict[str, Any], override: str | None = None) -> SmtpConfig:
    """The SMTP settings (``override`` as HOST:PORT), with the password from the keyring.

    Raises:
        SendError: no server (no ``smtp_host`` and no override), or a bad override.
    """
    found = current_smtp(values, override)
    if found is None:
        raise SendError("no SMTP server: set smtp_host (office-ledger settings smtp_host HOST)"
                        " or give --smtp HOST:PORT")  # fmt: skip
    return found


def current_smtp(values: dict[str, Any], override: str | None = None) -> SmtpConfig | None:
    """:func:`smtp_config`, or None when the settings name no server."""
    from exports.mail.outbox import SmtpConfig, smtp_password

    host, port = values["smtp_host"], values["smtp_port"]
    if override:
        host, _, port_text = override.rpartition(":")
        if not host or not port_text.isdigit():
            raise SendError(f"--smtp must be HOST:PORT, not {override!r}")
        port = int(port_text)
    if not host:
        return None
    user = values["smtp_user"]
    password = smtp_password(user, host) if user else None
    return SmtpConfig(host, port, values["smtp_security"], user, password, values["smtp_cafile"])


def send_period(
    db: Database, office: str, period: Period, values: dict[str, Any], *, to: str = "",
    via: str = "", draft_path: Path | None = None, attach_pdf: bool | None = None,
    lang: str = "ja", smtp_override: str | None = None,
) -> Sent:  # fmt: skip
    """Export the office's period and send it (draft written, or queued and tried once).

    Raises:
        SendError: no headquarters address, no SMTP server, or an unusable draft path.
    """
    import tempfile

    from db.schema.fiscal import fiscal_year
    from db.tally.tallies import tally
    from exports.mail.message import compose, write_eml
    from exports.mail.outbox import Outbox
    from exports.sync_log import log
    from exports.xlsx.export import export_office

    to = to or values["hq_address"]
    if not to or "@" not in to:
        raise SendError("no headquarters address: give --to ADDR or set hq_address"
                        " (office-ledger settings hq_address ADDR)")  # fmt: skip
    via = via or ("eml" if draft_path else values["send_via"])
    if draft_path and (draft_path.is_dir() or not draft_path.parent.is_dir()):
        raise SendError(f"cannot write the draft to {draft_path}")
    config = smtp_config(values, smtp_override) if via == "smtp" else None
    stem = f"office-ledger-{office}-FY{fiscal_year(period.start)}"
    # the workbook and PDF only live inside the message: made in a private folder that
    # goes when the message is written, and logged under the draft or outbox file
    with tempfile.TemporaryDirectory(prefix="office-ledger-send-") as work:
        result = export_office(db, Path(work) / f"{stem}.xlsx", office, period, lang, log=False)
        pdf = None
        if values["attach_pdf"] if attach_pdf is None else attach_pdf:
            from exports.pdf.report import write_summary

            pdf = write_summary(db, Path(work) / f"{stem}.pdf", period, office, "ja",
                                font=values["pdf_font"] or None)  # fmt: skip
        with db.session() as s:
            figures = tally(s, period, office).offices[office]
        msg = compose(export_id=result.export_id, office=office, period=period,
                      figures=figures, workbook=result.path, sender=values["from_address"],
                      to=to, pdf=pdf, draft=via == "eml")  # fmt: skip
    if config is None:  # via == "eml" (send_via is eml or smtp)
        target = draft_path or (outbox_folder().parent / "drafts" / f"{stem}.eml")
        target.parent.mkdir(parents=True, exist_ok=True)
        draft = write_eml(msg, target)
        log(
            db,
            "export",
            draft,
            office,
            result.export_id,
            result.counts,
            "ok",
            f"email draft to {to}",
            period=period,
        )
        return Sent(result.export_id, via, draft)
    box = Outbox(outbox_folder())
    entry = box.enqueue(msg, config)  # retried on these settings (issue #19)
    log(db, "export", box.folder / f"{entry.name}.eml", office, result.export_id,
        result.counts, "ok", f"outbox message to {to}", period=period)  # fmt: skip
    delivered = {e.name: e for e in box.deliver(config)}
    entry = delivered.get(entry.name, entry)
    return Sent(result.export_id, via, None, entry.state, entry.last_error, entry.next_attempt)
