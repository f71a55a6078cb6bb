"""The ``send``, ``outbox`` and ``settings`` commands: from an export to headquarters' inbox."""

from __future__ import annotations

import argparse
import getpass
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from db.errors import LedgerError


class SendError(LedgerError):
    """Something needed to send is missing (address, server); exit status 2."""


def add_parsers(commands: Any, office_type: Any, year_type: Any) -> None:
    send = commands.add_parser("send", help="email the office's export to headquarters")
    send.add_argument("--office", type=office_type, required=True, help="office code, e.g. NYC")
    send.add_argument("--fy", type=year_type, help="fiscal year (default: the current one)")
    send.add_argument("--via", choices=("eml", "smtp"), help="draft for the mail client, or SMTP")
    send.add_argument("--to", help="headquarters' address (default: the hq_address setting)")
    send.add_argument("-o", "--output", type=Path, help="write the .eml draft here, do not open it")
    send.add_argument("--smtp", metavar="HOST:PORT", help="SMTP server (default: the settings)")
    send.add_argument("--no-pdf", action="store_true", help="do not attach the PDF summary")
    send.add_argument("--lang", choices=("ja", "en"), default="ja", help="workbook headers")

    outbox = commands.add_parser("outbox", help="show the messages waiting to be sent")
    outbox.add_argument("--retry", action="store_true", help="send queued and failed ones now")
    outbox.add_argument("--smtp", metavar="HOST:PORT", help="SMTP server (default: the settings)")

    settings = commands.add_parser("settings", help="show or change a setting")
    settings.add_argument("key", nargs="?", help="setting to show or change")
    settings.add_argument("value", nargs="?", help="new value")
    settings.add_argument(
        "--smtp-password", action="store_true",
        help="ask for the SMTP password and keep it in the system keyring",
    )  # fmt: skip


def _smtp_config(values: dict[str, Any], override: str | None) -> Any:
    from exports.outbox import SmtpConfig, smtp_password

    host, port = values["smtp_host"], values["smtp_port"]
    security = values["smtp_security"]
    if override:
        host, _, port_text = override.rpartition(":")
        if not host or not port_text.isdigit():
            raise SendError(f"--smtp must be HOST:PORT, not {override!r}")
        port = int(port_text)
    if not host:
        raise SendError("no SMTP server: set smtp_host (office-ledger settings smtp_host HOST)"
                        " or give --smtp HOST:PORT")  # fmt: skip
    user = values["smtp_user"]
    password = smtp_password(user, host) if user else None
    return SmtpConfig(host, port, security, user, password, values["smtp_cafile"])


def outbox_folder() -> Path:
    from office_ledger.paths import data_dir

    return data_dir() / "outbox"


def send(db_path: Path, args: argparse.Namespace) -> int:
    from db.database import open_database
    from db.fiscal import fiscal_year, fy_period
    from db.tallies import tally
    from exports.mail import compose, open_with_system, write_eml
    from exports.outbox import Outbox
    from exports.xlsx_export import export_office
    from office_ledger import settings

    values = settings.load()
    to = args.to or values["hq_address"]
    if not to or "@" not in to:
        raise SendError("no headquarters address: give --to ADDR or set hq_address"
                        " (office-ledger settings hq_address ADDR)")  # fmt: skip
    via = args.via or ("eml" if args.output else values["send_via"])
    if args.output and (args.output.is_dir() or not args.output.parent.is_dir()):
        raise SendError(f"cannot write the draft to {args.output}")
    config = _smtp_config(values, args.smtp) if via == "smtp" else None
    period = fy_period(args.fy or fiscal_year(date.today()))
    db = open_database(db_path, must_exist=True)
    work = Path(tempfile.mkdtemp(prefix="office-ledger-send-"))
    try:
        stem = f"office-ledger-{args.office}-FY{fiscal_year(period.start)}"
        result = export_office(db, work / f"{stem}.xlsx", args.office, period, args.lang)
        pdf = None
        if values["attach_pdf"] and not args.no_pdf:
            from exports.pdf_report import write_summary

            pdf = write_summary(db, work / f"{stem}.pdf", period, args.office, "ja",
                                font=values["pdf_font"] or None)  # fmt: skip
        with db.session() as s:
            figures = tally(s, period, args.office).offices[args.office]
    finally:
        db.close()
    msg = compose(export_id=result.export_id, office=args.office, period=period,
                  figures=figures, workbook=result.path, sender=values["from_address"],
                  to=to, pdf=pdf, draft=via == "eml")  # fmt: skip
    if via == "eml":
        target = args.output or (outbox_folder().parent / "drafts" / f"{stem}.eml")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_eml(msg, target)
        print(f"wrote the draft {target} (export {result.export_id})")
        if not args.output:
            open_with_system(target)
        return 0
    box = Outbox(outbox_folder())
    entry = box.enqueue(msg)
    delivered = {e.name: e for e in box.deliver(config)}
    entry = delivered.get(entry.name, entry)
    print(f"export {result.export_id} to {to}: {entry.state}"
          + (f" ({entry.last_error})" if entry.last_error else ""))  # fmt: skip
    return 0 if entry.state != "failed" else 1


def outbox(args: argparse.Namespace) -> int:
    from exports.outbox import Outbox
    from office_ledger import settings

    box = Outbox(outbox_folder())
    if args.retry:
        box.deliver(_smtp_config(settings.load(), args.smtp), force=True)
    entries = box.entries()
    if not entries:
        print("the outbox is empty")
    for e in entries:
        when = e.sent_at or e.next_attempt
        extra = f" – {e.last_error}" if e.last_error else ""
        print(f"{e.state:<7} {when[:19]}  {e.to}  {e.subject}  (tries: {e.attempts}){extra}")
    return 1 if any(e.state == "failed" for e in entries) else 0


def settings_command(args: argparse.Namespace) -> int:
    from office_ledger import settings

    values = settings.load()
    if args.smtp_password:
        from exports.outbox import store_password

        if not values["smtp_user"] or not values["smtp_host"]:
            raise SendError("set smtp_host and smtp_user first")
        store_password(values["smtp_user"], values["smtp_host"], getpass.getpass("SMTP password: "))
        print("the password is kept in the system keyring")
        return 0
    if args.key and args.value is not None:
        values = settings.save({args.key: settings.parse(args.key, args.value)})
        print(f"{args.key} = {values[args.key]!r}")
        return 0
    for s in settings.SETTINGS:
        if args.key in (None, s.key):
            print(f"{s.key:<14} = {values[s.key]!r:<30} {s.label}")
    if args.key and args.key not in settings.BY_KEY:
        settings.parse(args.key, "")  # raises with the list of known settings
    return 0
