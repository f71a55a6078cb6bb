"""Turn a read legacy sheet into records of one office, and keep confirmed mappings.

Every row becomes a new record of the kind's declared dataclass (:mod:`db.schema.kinds`),
made on this laptop (through :mod:`db.records.write`), in one transaction; the sync
history notes the file, the office and what was skipped. Each row is checked by the
kind's rules (as a form would check it) before anything is written, and its UUID is
derived from the office, the kind and the row's values: a sheet imported twice (or a
corrected sheet whose other rows did not change) adds nothing twice, and the same row
imported on two laptops is one record after their exchange.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.read.requester import suggest_category
from db.records import rules
from db.records import write as records
from db.records.edit import apply_values, delete_in, update_in
from db.schema.enums import RequesterCategory, VenueMode
from db.schema.errors import LedgerError, ValidationError
from db.schema.fields import FieldType
from db.schema.kinds import KindSpec, RecordKind, legacy_kinds
from db.schema.offices import office as office_info
from db.schema.words import Message, Term
from db.storage.base import utc_now
from db.storage.database import Database
from db.storage.models import ImportMapping
from exports.legacy.sheet import LegacySheet, Problem, read_legacy
from exports.legacy.versions import Plan, plan, remember


class UnknownMapping(LedgerError):
    """``--mapping NAME`` names no saved mapping."""


class UnreadableRows(LedgerError):
    """Some rows cannot be read and the user did not choose to skip them: nothing was
    written. ``report`` lists them, each with its reason."""

    def __init__(self, report: LegacyReport) -> None:
        from db.schema.plurals import plural

        sheet = report.sheet
        rows = ", ".join(str(p.row) for p in sheet.problems[:10])
        more = "…" if len(sheet.problems) > 10 else ""
        found = {"file": sheet.path.name, "n": len(sheet.problems), "rows": rows + more}
        self.message = Message("legacy.refused", found)  # the window's (no flag to name)
        super().__init__(Message("refuse.unreadable_rows", {  # the command line's
            **found, "count": plural(len(sheet.problems), "row")}))  # fmt: skip
        self.report = report

    def text(self, lang: str = "en", *, window: bool = False) -> str:
        """The refusal in ``lang``: the command line's, naming its flag (``str()`` is
        its English), or the window's (``window``)."""
        return self.message.text(lang) if window else super().text(lang)


# Countries whose people write a numeric date month first (3/11/2025 is 11 March);
# elsewhere a date without a leading year is read day first (3 November).
MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW"})


def day_first(office: str) -> bool:
    """Whether the office's country writes numeric dates day first (03/11/2025)."""
    return office_info(office).country not in MONTH_FIRST


@dataclass
class LegacyReport:
    sheet: LegacySheet
    office: str
    imported: int
    applied: bool
    mapping_name: str | None
    skipped: int = 0  # unreadable rows left out because the user chose to skip them
    refused: bool = False  # not imported: some rows cannot be read (none skipped)
    already: int = 0  # rows this database holds from an earlier import of them
    new_parents: list[str] = field(default_factory=list)  # newsletters the import makes
    plan: Plan = field(default_factory=Plan)  # new, changed, unchanged and gone rows
    country: str | None = None  # no country column: every row is in the office's country
    changed: int = 0  # records updated from their changed rows
    deleted: int = 0  # records deleted because their rows are gone (asked for)


class IsAnExport(LedgerError):
    """An Office Ledger export given as an office's own sheet: it would be read without
    its UUIDs and versions (and under whatever office was named), so it is refused."""


# The years a record may fall in: the fiscal years the app counts (db.schema.fiscal's range).
YEARS = range(1989, 2101)


def _dates(value: Any) -> list[date]:
    """The days a record holds (its own and its child rows'; not its sync stamp)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return [value]
    if isinstance(value, tuple | list):
        return [d for item in value for d in _dates(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [d for name in value.__dataclass_fields__ if name != "sync"
                for d in _dates(getattr(value, name))]  # fmt: skip
    return []


def _check_rows(sheet: LegacySheet, spec: KindSpec, office: str) -> None:
    """Move the rows that break the kind's rules (lengths included: a person typed them)
    or fall outside the years the app counts to the sheet's problems, by sheet row."""
    kept = []
    for r, v in sheet.rows:
        try:
            record = _record(spec, office, v)
            rules.check(spec, record, lengths=True)
            wrong = [d for d in _dates(record) if d.year not in YEARS]
            if wrong:
                raise ValidationError(Message("legacy.date_range", {"value": wrong[0]}))
        except ValidationError as exc:
            found = exc.message if isinstance(exc.message, Message) else Message(
                "legacy.rule", {"reason": str(exc.message)})  # fmt: skip
            sheet.problems.append(Problem(r, found))
            continue
        except (ValueError, TypeError) as exc:  # a value the record cannot hold
            sheet.problems.append(Problem(r, Message("legacy.rule", {"reason": str(exc)})))
            continue
        kept.append((r, v))
    sheet.rows = kept
    sheet.problems.sort(key=lambda p: p.row)


def saved_mapping(db: Database, name: str) -> ImportMapping:
    with db.session() as s:
        found = s.get(ImportMapping, name)
        if found is None:
            saved = ", ".join(s.execute(select(ImportMapping.name)).scalars())
            raise UnknownMapping(Message("refuse.unknown_mapping", {
                "name": name, "names": saved or Term("refuse.part.no_mappings")}))  # fmt: skip
        s.expunge(found)
        return found


def saved_mappings(db: Database, kind: str) -> list[ImportMapping]:
    """The mappings saved for a record type, newest first (what the dialog offers)."""
    with db.session() as s:
        found = list(s.execute(select(ImportMapping).where(ImportMapping.kind == kind)
                               .order_by(ImportMapping.saved_at.desc())).scalars())  # fmt: skip
        for m in found:
            s.expunge(m)
        return found


def save_mapping(db: Database, name: str, sheet: LegacySheet, office: str) -> None:
    with db.session() as s:
        s.merge(ImportMapping(name=name, kind=sheet.kind, office_code=office,
                              columns=sheet.mapping_by_header(), saved_at=utc_now()))  # fmt: skip


def _venue_mode(venue: str) -> VenueMode:
    if "併用" in venue or "hybrid" in venue.lower():
        return VenueMode.HYBRID
    if "オンライン" in venue or "online" in venue.lower():
        return VenueMode.ONLINE
    return VenueMode.IN_PERSON


# What a sheet row's reference to its parent holds until the parent is found or made
# by what the row names (an issue's newsletter by its title): a sheet has no UUIDs.
PARENT_BY_NAME = "(named in the sheet)"


def _parents(db: Database, sheet: LegacySheet, office: str) -> list[str]:
    """Give each row of a kind with a parent (a newsletter issue) the parent's name:
    the row's own, else the office's newsletter the sheet's title names, else its only
    newsletter, else the sheet's title (or name). The names of parents that do not
    exist yet (they are made on import) are returned, for the preview."""
    if legacy_kinds()[sheet.kind].kind is not RecordKind.NEWSLETTER_ISSUE:
        return []
    from db.storage.models import Newsletter

    with db.session() as s:
        mine = (Newsletter.office_code == office) & Newsletter.deleted.is_(False)
        have = list(s.execute(select(Newsletter.title).where(mine)).scalars())
    caption = sheet.caption or sheet.sheet
    named = [t for t in have if t and t in caption]
    default = named[0] if named else have[0] if len(have) == 1 else caption
    for _, v in sheet.rows:
        if not str(v.get("title") or "").strip():
            v["title"] = default
    return sorted({str(v["title"]).strip() for _, v in sheet.rows} - set(have))


def _office_country(sheet: LegacySheet, office: str) -> str | None:
    """A sheet of a kind whose rows need a country, with no column for it: each row
    takes the office's country (returned, for the preview)."""
    from exports.legacy.fields import KINDS

    needed = [f for f in KINDS[sheet.kind] if f.kind == "country"
              and f.key not in sheet.mapping]  # fmt: skip
    spec = legacy_kinds()[sheet.kind]
    stops = [c for c in spec.children if not c.scalar][:1]
    required = {f.name for f in spec.fields if f.required} | {
        f.name for c in stops for f in c.fields if f.required}  # fmt: skip
    needed = [f for f in needed if f.key in required]
    if not needed:
        return None
    country = office_info(office).country
    for _, v in sheet.rows:
        for f in needed:
            v.setdefault(f.key, country)
    return country


def _record(spec: KindSpec, office: str, v: dict[str, Any]) -> Any:
    """A sheet row's values as the kind's record: its own fields, and its first child
    table's (a sheet row is one leg or session; a one-day one if it gives no end). A
    reference to a parent is resolved by name when written (see :func:`_parents`)."""
    values: dict[str, Any] = {"office_code": office}
    for f in spec.fields:
        if f.type is FieldType.REF:
            values[f.name] = PARENT_BY_NAME
    for f in spec.fields:
        key = f.legacy.key if f.legacy is not None and f.legacy.key else f.name
        if key in v and not f.derived:
            values[f.name] = v[key]
    if spec.kind is RecordKind.SUPPORT_CASE:
        category = values.get("requester_category")
        values["requester_category"] = (RequesterCategory(category) if category
                                        else suggest_category(values["requester"]))  # fmt: skip
    for child in spec.children:  # lists of names (local governments) a cell may hold
        for f in child.fields:
            if child.scalar and f.legacy is not None and (f.legacy.key or f.name) in v:
                values[child.attr] = tuple(v[f.legacy.key or f.name])
    for child in [c for c in spec.children if not c.scalar][:1]:  # legs or sessions
        row = {f.name: v[f.name] for f in child.fields if f.name in v}
        row.setdefault("end_date", row.get("start_date"))
        if spec.kind is RecordKind.JETAA_EVENT:  # a session's venue often names its city
            row["city"] = row.get("venue", "")
            row["mode"] = _venue_mode(row.get("venue", ""))
        values[child.attr] = (child.row_type(**row),)
    return spec.row_type(**values)


def _write(session: Any, sheet: LegacySheet, office: str, found: Plan,
           delete_gone: bool) -> None:  # fmt: skip
    """Write the plan: new rows as new records, changed rows as new versions of their
    records ("changed in the office's sheet"), gone rows deleted if the user said so;
    then remember which record each row became."""
    spec = legacy_kinds()[sheet.kind]
    new = [(r.uuid, _record(spec, office, r.values)) for r in found.new if not r.revive]
    for row in (r for r in found.new if r.revive):  # deleted before: a new version, live
        update_in(session, spec.kind, row.uuid, _record(spec, office, row.values),
                  "sheet_change", undelete=True)  # fmt: skip
    if spec.kind is RecordKind.SUPPORT_CASE:
        records.bulk_insert_cases(session, [r for _, r in new], uuids=[u for u, _ in new])
    else:
        for u, values in new:
            record = apply_values(session, spec.kind, values)
            record.uuid = u
            records.save(session, record)
    for row in found.changed:
        update_in(session, spec.kind, row.uuid, _record(spec, office, row.values),
                  "sheet_change")  # fmt: skip
    for gone in found.gone if delete_gone else ():
        delete_in(session, spec.kind, gone.record_uuid, "sheet_gone")
    remember(session, sheet, office, found, delete_gone)


def prepare(db: Database, sheet: LegacySheet, office: str,
            mapping: str | None = None) -> LegacyReport:  # fmt: skip
    """What importing the read sheet would do, nothing written: each row's parent and
    country filled in, rows that break the kind's rules moved to the problems, and the
    rows matched with an earlier import of the same sheet (new, changed, unchanged,
    gone). The mapping dialog shows it; :func:`import_legacy` writes it."""
    new_parents = _parents(db, sheet, office)
    country = _office_country(sheet, office)
    _check_rows(sheet, legacy_kinds()[sheet.kind], office)
    report = LegacyReport(sheet, office, 0, False, mapping, new_parents=new_parents,
                          country=country)  # fmt: skip
    with db.session() as session:
        report.plan = plan(session, sheet, office, legacy_kinds()[sheet.kind].table)
        session.expunge_all()
    report.already = len(report.plan.unchanged)
    return report


def import_legacy(
    db: Database, path: str | Path, office: str, kind: str, *, accept_guess: bool = False,
    mapping: str | None = None, save_as: str | None = None, dry_run: bool = False,
    columns: dict[str, str] | None = None, skip_unreadable: bool = False,
    delete_gone: bool = False,
) -> LegacyReport:  # fmt: skip
    """Read, and with an accepted guess, a saved mapping or ``columns`` a person
    confirmed (field key → header text, as the mapping dialog gives it), import an
    office's own sheet in one transaction.

    Rows that cannot be read stop the import before anything is written
    (:class:`UnreadableRows`) unless ``skip_unreadable``: the user chose to leave them out.
    A sheet imported before is a new version of it (:mod:`exports.legacy.versions`):
    changed rows update their records; rows gone from it are deleted only with
    ``delete_gone`` (the preview offers them).
    """
    from exports.sync_log import log

    office_info(office)
    saved = saved_mapping(db, mapping) if mapping else None
    if saved is not None and saved.kind != kind:
        kinds = legacy_kinds()
        raise UnknownMapping(Message("refuse.mapping_kind", {
            "name": mapping, "saved": Term(kinds[saved.kind].sheet_label) if saved.kind in kinds
            else saved.kind, "kind": Term(kinds[kind].sheet_label)}))  # fmt: skip
    chosen = columns if columns is not None else saved.columns if saved else None
    from exports.xlsx.read import is_export

    if is_export(path):
        raise IsAnExport(Message("refuse.is_export", {"file": Path(path).name}))
    sheet = read_legacy(path, kind, chosen, day_first=day_first(office))
    apply = (accept_guess or saved is not None or columns is not None) and not dry_run
    report = prepare(db, sheet, office, mapping)
    if not apply:
        return report
    if sheet.problems and not skip_unreadable:
        log(db, "import", Path(path), office, None, {"unreadable_rows": len(sheet.problems)},
            "refused", "legacy spreadsheet: rows that cannot be read")  # fmt: skip
        report.refused = True
        raise UnreadableRows(report)
    from db.storage.backup import before_change

    before_change(db, "before-import")  # a copy to go back to (when changed since the last)
    with db.session() as session:
        from db.records import history

        history.via(session, history.Source("sheet_import", {"file": Path(path).name,
                                                             "office": office}))  # fmt: skip
        found = report.plan
        _write(session, sheet, office, found, delete_gone)
        report.imported = len(found.new)
        report.changed = len(found.changed)
        report.deleted = len(found.gone) if delete_gone else 0
    report.applied = True
    report.skipped = len(sheet.problems)
    if (accept_guess and not saved) or columns is not None:
        report.mapping_name = save_as or f"{office}-{kind}"
        save_mapping(db, report.mapping_name, sheet, office)
    log(db, "import", Path(path), office, None, {kind: report.imported,
        "unreadable_rows": len(sheet.problems)}, "ok", "legacy spreadsheet")  # fmt: skip
    return report
