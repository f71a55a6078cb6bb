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

from db.countries import country_name
from db.fiscal import Period
from db.offices import office as office_info
from db.tallies import OfficeTally
from exports.atomic import write_bytes
from exports.labels import format_period

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
DOMAIN = "office-ledger.clair.invalid"


def message_id(export_id: str) -> str:
    return f"<{export_id}@{DOMAIN}>"


def _body(code: str, period: Period, figures: OfficeTally) -> str:
    s, e, j = figures.support_cases, figures.event_booths, figures.jetaa_events
    office = office_info(code)

    def names(codes: tuple[str, ...], lang: str) -> str:
        sep = "、" if lang == "ja" else ", "
        return sep.join(sorted(country_name(c, lang) for c in codes)) or "-"

    return "\n".join([
        "本部ご担当者様",
        "",
        f"{office.name_ja}事務所の{format_period(period, 'ja')}の実績データを添付します。",
        "",
        f"海外活動支援件数: {s.total}件（都道府県・政令市 {s.prefecture_or_designated_city}、"
        f"市町村 {s.municipality}、その他 {s.other}）",
        f"  ※電話・メールでの問合せ {s.uncounted_enquiries}件は含まない",
        f"経済交流関係イベント出展: {e.events}件（うち主催 {e.hosted}）、{len(e.countries)}か国"
        f"（{names(e.countries, 'ja')}）",
        f"ニューズレター発行: {figures.newsletter_issues}回",
        f"JETAA等との連携による事業: {j.events}件、{len(j.countries)}か国"
        f"（{names(j.countries, 'ja')}）",
        "",
        "-- English --",
        f"Records of the {office.name_en} office for {format_period(period, 'en')} are attached.",
        f"Support cases: {s.total} ({s.prefecture_or_designated_city} prefectures/designated"
        f" cities, {s.municipality} municipalities, {s.other} other); {s.uncounted_enquiries}"
        " phone/email enquiries not counted",
        f"Event booths: {e.events} ({e.hosted} hosted) in {len(e.countries)} countries"
        f" ({names(e.countries, 'en')})",
        f"Newsletter issues: {figures.newsletter_issues}",
        f"JETAA events: {j.events} in {len(j.countries)} countries ({names(j.countries, 'en')})",
        "",
        "Office Ledger",
    ])  # fmt: skip


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


def open_with_system(path: Path) -> None:
    """Open the draft with the system's handler for .eml files (the mail client)."""
    if sys.platform == "win32":
        os.startfile(path)  # noqa: S606  (Windows only; mypy checks it when run there)
    elif sys.platform == "darwin":
        subprocess.run(["open", str(path)], check=True)
    else:
        subprocess.run(["xdg-open", str(path)], check=True)
