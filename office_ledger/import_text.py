"""How ``office-ledger import`` prints an import's preview and result."""

from __future__ import annotations

import json
from datetime import date

from db.schema.kinds import legacy_kinds
from db.schema.plurals import form, noun, plural
from db.schema.words import WORDS, Term, word
from exports.legacy.importer import LegacyReport
from exports.xlsx.exchange import ImportReport


def _office(code: str, lang: str) -> str:
    """An office by its name ("Seoul", ソウル), not its code; an unknown code as it is."""
    from db.schema.offices import BY_CODE

    known = BY_CODE.get(code.upper()) if code else None
    return known.name(lang) if known else code


def _made(report: ImportReport, lang: str) -> str:
    """When and on which laptop the export was written ("2023-06-08 09:30 UTC, nyc-laptop"),
    as people tell exports apart (the export's id stays in the sync history)."""
    from exports.labels import format_utc

    when = f"{format_utc(report.exported_at, lang)} UTC" if report.exported_at else ""
    return "、".join(x for x in (when, report.device_name) if x) if lang == "ja" else ", ".join(
        x for x in (when, report.device_name) if x)  # fmt: skip


def render_report(report: ImportReport, lang: str = "en", *, preview: bool = False,
                  counts: bool = True) -> str:  # fmt: skip
    """What an import changed (or, not applied, would change), per record type; in the
    app's preview (``preview``) the state says so instead of naming the command's flag.
    Without ``counts`` the lines per record type are left out (the window shows them
    in a table: its letters are not all one width)."""
    state = "import.imported" if report.applied else (
        "import.preview" if preview else "import.dry_run")  # fmt: skip
    lines = [word("import.head", lang, file=report.path.name, office=_office(report.office, lang),
                  made=_made(report, lang), state=Term(state))]  # fmt: skip
    if report.already is not None:  # imported before, by this or another person (#23)
        return lines[0] + "\n  " + str(report.already.text(lang))
    for kind, c in report.counts.items() if counts else ():
        if any(c.values()):
            name = word(f"kind.{kind}", lang) if f"kind.{kind}" in WORDS else kind
            lines.append(f"  {name:<18} " + word("import.counts", lang, **c))
    if report.edited:
        lines.append("  " + word("import.edited_head", lang))
        for change in report.changes[:50]:
            if change.field == "+":  # a row typed in by hand: a new record
                sheet = (
                    word(f"kind.{change.sheet}", lang)
                    if f"kind.{change.sheet}" in WORDS
                    else change.sheet
                )
                lines.append("    " + word("import.typed_row", lang, sheet=sheet, row=change.row,
                                              values=change.new))  # fmt: skip
                continue
            sheet_name, header = _workbook_words(change.sheet, change.field, lang)
            what = word("import.whole_row", lang) if change.field == "*" else (
                f"{header}: {change.old!r} -> {change.new!r}")  # fmt: skip
            lines.append("    " + word("import.edited_cell", lang, sheet=sheet_name,
                                       row=change.row, uuid=change.uuid, what=what))  # fmt: skip
        if len(report.changes) > 50:
            lines.append("    " + word("import.more", lang, n=len(report.changes) - 50))
        for sheet, n in report.missing_rows.items():
            ja = lang == "ja" and f"kind.{sheet}" in WORDS
            name = word(f"kind.{sheet}", lang) if ja else form(noun(sheet), 2)
            lines.append("    " + word("import.note.removed_rows", lang, n=n, rows=plural(n, "row"),
                                       sheet=name))  # fmt: skip
    return "\n".join(lines)


def _workbook_words(sheet: str, key: str, lang: str) -> tuple[str, str]:
    """A sheet and a column as the export names them (海外活動支援, 概要 / Support cases,
    Summary), not by the app's keys."""
    from exports.xlsx.schema import BY_KEY

    found = BY_KEY.get(sheet)
    if found is None:
        return sheet, key
    col = next((c for c in found.columns if c.key == key), None)
    return found.name(lang), col.header(lang) if col is not None else key


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _shown(value: object) -> str:
    return repr(value if not isinstance(value, date) else value.isoformat())


def _field_names(report: LegacyReport, lang: str) -> dict[str, str]:
    """Each field key as the sheet's own header names it (else the field's label)."""
    from exports.legacy.fields import KINDS

    sheet = report.sheet
    out = {f.key: word(f.label, lang) for f in KINDS[sheet.kind]}
    out.update({k: sheet.headers[i] for k, i in sheet.mapping.items() if sheet.headers[i]})
    return out


def render_legacy(report: LegacyReport, lang: str = "en") -> str:
    """The preview or result of importing an office's own sheet, in ``lang``: the sheet
    and its columns as the file names them, the rows that are new, changed, unchanged
    and gone, and each row that cannot be read with its reason."""
    from exports.legacy.fields import KINDS

    sheet = report.sheet
    names = _field_names(report, lang)
    labels = {f.key: word(f.label, lang) for f in KINDS[sheet.kind]}
    kind = word(legacy_kinds()[sheet.kind].sheet_label, lang)
    lines = [word("sheet.head", lang, file=sheet.path.name, sheet=sheet.sheet,
                  header=sheet.header_row, kind=kind, office=report.office)]  # fmt: skip
    saved = report.mapping_name
    lines.append("  " + (word("sheet.mapping_saved", lang, name=saved) if saved
                         else word("sheet.mapping_guessed", lang)))  # fmt: skip
    for key, index in sheet.mapping.items():
        lines.append("    " + word("sheet.column", lang, field=labels.get(key, key),
                                   col=_column(index), header=sheet.headers[index]))  # fmt: skip
    subs = len(sheet.skipped_subtotals)
    lines.append("  " + word("sheet.rows", lang, n=len(sheet.rows), blank=sheet.skipped_blank,
                             sub=subs, rows=plural(len(sheet.rows), "row"),
                             blanks=plural(sheet.skipped_blank, "blank row"),
                             subs=plural(subs, "subtotal row")))  # fmt: skip
    if sheet.skipped_subtotals:
        lines.append("    " + word("sheet.subtotals", lang,
                                   rows=", ".join(map(str, sheet.skipped_subtotals))))  # fmt: skip
    if report.country:
        lines.append("  " + word("sheet.office_country", lang, country=report.country,
                                 office=report.office))  # fmt: skip
    for title in report.new_parents:
        lines.append("  " + word("sheet.new_parent", lang, title=title))
    found = report.plan
    if found.remembered or found.changed or found.gone:
        lines.append("  " + word("sheet.groups", lang, new=len(found.new),
                                 changed=len(found.changed), same=len(found.unchanged),
                                 gone=len(found.gone)))  # fmt: skip
        for row in found.changed[:50]:
            before = row.before or {}
            what = "; ".join(
                f"{names.get(k, k)}: {_shown(before.get(k))} -> {_shown(row.values.get(k))}"
                for k in sorted(row.values.keys() | before.keys())
                if json.dumps(before.get(k), default=str, ensure_ascii=False)
                != json.dumps(row.values.get(k), default=str, ensure_ascii=False))  # fmt: skip
            lines.append("    " + word("sheet.changed_row", lang, row=row.row, changes=what))
        for gone in found.gone[:50]:
            values = ", ".join(str(v) for v in gone.row_values.values() if v not in (None, ""))
            lines.append("    " + word("sheet.gone_row", lang, row=gone.position, values=values,
                                       uuid=gone.record_uuid))  # fmt: skip
    for problem in sheet.problems:
        lines.append("  " + word("sheet.problem", lang, row=problem.row,
                                 reason=problem.text(lang)))  # fmt: skip
    if report.applied:
        line = word("sheet.imported", lang, n=report.imported,
                    records=plural(report.imported, "record"))  # fmt: skip
        if report.changed or report.deleted:
            line += word("sheet.updated", lang, changed=report.changed, deleted=report.deleted)
        if report.skipped:
            line += word("sheet.skipped", lang, n=report.skipped,
                         rows=plural(report.skipped, "unreadable row"))  # fmt: skip
        lines.append("  " + line)
        if report.already:
            lines.append("  " + word("sheet.already", lang, n=report.already,
                                     rows=plural(report.already, "row"),
                                     verb="was" if report.already == 1 else "were"))  # fmt: skip
        if found.gone and not report.deleted:
            lines.append("  " + word("sheet.gone_hint", lang, n=len(found.gone)))
    elif report.refused:
        lines.append("  " + word("sheet.refused_hint", lang))
    else:
        lines.append("  " + word("sheet.check_hint", lang))
        if found.gone:
            lines.append("  " + word("sheet.gone_hint", lang, n=len(found.gone)))
        if sheet.problems:
            lines.append("  " + word("sheet.unreadable_hint", lang))
    return "\n".join(lines)
