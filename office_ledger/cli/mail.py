"""The ``send``, ``outbox`` and ``settings`` commands: from an export to headquarters' inbox."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from office_ledger.cli.args import output_arg

# office_ledger.sending (smtplib, email: ~15 ms) is imported where a command sends, not
# here: every start of the app builds these parsers.
__all__ = ["add_parsers", "outbox", "send", "settings_command"]


def add_parsers(commands: Any, office_type: Any, year_type: Any) -> None:
    send = commands.add_parser("send", help="email the office's export to headquarters")
    send.add_argument("--office", type=office_type, required=True, help="office code, e.g. NYC")
    send.add_argument("--fy", type=year_type, help="fiscal year (default: the current one)")
    send.add_argument("--via", choices=("eml", "smtp"), help="draft for the mail client, or SMTP")
    send.add_argument("--to", help="headquarters' address (default: the hq_address setting)")
    send.add_argument("-o", "--output", type=output_arg(".eml"),
                      help="write the .eml draft here, do not open it")  # fmt: skip
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


def send(db_path: Path, args: argparse.Namespace) -> int:
    from db.schema.fiscal import fiscal_year, fy_period
    from db.storage.database import open_database
    from exports.mail.message import open_with_system
    from office_ledger import settings
    from office_ledger.sending import send_period

    values = settings.load()
    period = fy_period(args.fy or fiscal_year(date.today()))
    db = open_database(db_path, must_exist=True, backups=settings.backup_folder())  # #19
    try:
        sent = send_period(db, args.office, period, values, to=args.to or "", via=args.via or "",
                           draft_path=args.output, attach_pdf=False if args.no_pdf else None,
                           lang=args.lang, smtp_override=args.smtp)  # fmt: skip
    finally:
        db.close()
    if sent.draft is not None:  # one line: where the draft is, and whether it opened
        wrote = f"wrote the draft {sent.draft} (export {sent.export_id})"
        if args.output:
            print(wrote)
        elif open_with_system(sent.draft):
            print(f"{wrote} and opened it in the mail program")
        else:
            print(f"{wrote}; no mail program opened it: open or attach that file by hand")
        return 0
    to = args.to or values["hq_address"]
    if sent.state == "failed":  # no later try can cure it: say so, and do not retry
        print(f"office-ledger: export {sent.export_id} to {to} not sent: {sent.error};"
              f" {NOT_RETRIED}", file=sys.stderr)  # fmt: skip
        return 1
    if sent.state == "queued":
        print(f"export {sent.export_id} to {to}: queued, next try at"
              f" {local_time(sent.next_attempt)} ({sent.error})")  # fmt: skip
        return 0
    print(f"export {sent.export_id} to {to}: {sent.state}")
    return 0


NOT_RETRIED = "kept in the outbox, not retried: fix the cause, then office-ledger outbox --retry"


def local_time(iso: str) -> str:
    """A stored UTC time as the computer's local time, to the minute."""
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def outbox(args: argparse.Namespace) -> int:
    from db.schema.plurals import plural
    from exports.mail.outbox import NO_SERVER, Outbox
    from office_ledger import settings
    from office_ledger.sending import current_smtp, outbox_folder

    box = Outbox(outbox_folder())
    current = current_smtp(settings.load(), args.smtp)
    stranded = {e.name for e in box.without_server(current, force=True)}
    if args.retry:
        box.deliver(current, force=True, prefer_current=bool(args.smtp))
    entries = box.entries()
    if not entries:
        print("the outbox is empty")
    for e in entries:
        if e.state == "sent":
            status = f"sent at {local_time(e.sent_at)}"
        elif e.name in stranded:  # nothing to send it with: say which setting is missing
            status = NO_SERVER
        elif e.state == "queued":
            due = datetime.fromisoformat(e.next_attempt) <= datetime.now(UTC)
            status = ("due now" if due else f"next try at {local_time(e.next_attempt)}") + (
                f" – {e.last_error}" if e.last_error else "")  # fmt: skip
        else:
            status = f"not retried: {e.last_error} (fix the cause, then outbox --retry)"
        print(f"{e.state:<7} {e.to}  {e.subject}  (tries: {e.attempts}) – {status}")
    if args.retry and stranded:
        print(f"office-ledger: {plural(len(stranded), 'message')} not sent: {NO_SERVER}",
              file=sys.stderr)  # fmt: skip
        return 1
    return 1 if any(e.state == "failed" for e in entries) else 0


def settings_command(args: argparse.Namespace) -> int:
    """Show or change settings; a bad key or value is a bad argument (exit 2)."""
    from db.schema.errors import ValidationError
    from office_ledger import settings
    from office_ledger.cli.args import BadArgument

    values = settings.load()
    if args.smtp_password:
        from exports.mail.outbox import store_password

        if not values["smtp_user"] or not values["smtp_host"]:
            from office_ledger.sending import SendError

            raise SendError("set smtp_host and smtp_user first")
        store_password(values["smtp_user"], values["smtp_host"], getpass.getpass("SMTP password: "))
        print("the password is kept in the system keyring")
        return 0
    try:
        if args.key is not None and args.key not in settings.BY_KEY:
            settings.parse(args.key, "")  # raises with the list of known settings
        if args.key is not None and args.value is not None:
            values = settings.save({args.key: settings.parse(args.key, args.value)})
            print(f"{args.key} = {values[args.key]!r}")
            return 0
    except ValidationError as exc:
        raise BadArgument(exc.message) from None  # a catalogue's line said in --lang's
    for s in settings.SETTINGS:
        if args.key in (None, s.key):
            print(f"{s.key:<14} = {values[s.key]!r:<30} {s.label}")
    return 0
