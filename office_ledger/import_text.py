"""How ``office-ledger import`` prints an import's preview and result."""

from __future__ import annotations

from db.counting import form, noun, plural
from db.words import WORDS, Term, word
from exports.legacy.importer import LegacyReport
from exports.xlsx.exchange import ImportReport


def render_report(report: ImportReport, lang: str = "en", *, preview: bool = False) -> str:
    """What an import changed (or, not applied, would change), per record type; in the
    app's preview (``preview``) the state says so instead of naming the command's flag."""
    state = "import.imported" if report.applied else (
        "import.preview" if preview else "import.dry_run")  # fmt: skip
    lines = [word("import.head", lang, file=report.path.name, office=report.office,
                  export=report.export_id, state=Term(state))]  # fmt: skip
    for kind, c in report.counts.items():
        if any(c.values()):
            name = word(f"kind.{kind}", lang) if f"kind.{kind}" in WORDS else kind
            lines.append(f"  {name:<18} " + word("import.counts", lang, **c))
    if report.edited:
        lines.append("  edited by hand:")
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
            what = "whole row" if change.field == "*" else (
                f"{change.field}: {change.old!r} -> {change.new!r}")  # fmt: skip
            lines.append(f"    sheet {change.sheet}, row {change.row} ({change.uuid}): {what}")
        if len(report.changes) > 50:
            lines.append(f"    … and {len(report.changes) - 50} more")
        for sheet, n in report.missing_rows.items():
            lines.append(f"    {plural(n, 'row')} of {form(noun(sheet), 2)}"
                         f" {'was' if n == 1 else 'were'} removed by hand"
                         " (not treated as deletions)")  # fmt: skip
    return "\n".join(lines)


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def render_legacy(report: LegacyReport) -> str:
    sheet = report.sheet
    lines = [f"{sheet.path.name}: sheet {sheet.sheet!r}, header on row {sheet.header_row},"
             f" {sheet.kind} of office {report.office}"]  # fmt: skip
    lines.append("  column mapping" + (" (saved: " + report.mapping_name + ")"
                                       if report.mapping_name else " (guessed)") + ":")  # fmt: skip
    for key, index in sheet.mapping.items():
        lines.append(f"    {key:<14} <- column {_column(index)} {sheet.headers[index]!r}")
    lines.append(f"  {plural(len(sheet.rows), 'row')} readable;"
                 f" {plural(sheet.skipped_blank, 'blank row')} and"
                 f" {plural(len(sheet.skipped_subtotals), 'subtotal row')} skipped")  # fmt: skip
    if sheet.skipped_subtotals:
        lines.append(f"    subtotal rows: {', '.join(map(str, sheet.skipped_subtotals))}")
    for title in report.new_parents:
        lines.append(f"  new newsletter {title!r} (made for its issues)")
    for problem in sheet.problems:
        lines.append(f"  row {problem.row} not imported: {problem.reason}")
    if report.applied:
        skipped = (f"; skipped {plural(report.skipped, 'unreadable row')} as asked"
                   if report.skipped else "")  # fmt: skip
        lines.append(f"  imported {plural(report.imported, 'record')}{skipped}")
        if report.already:
            lines.append(f"  {plural(report.already, 'row')} already imported before:"
                         " left as they are")  # fmt: skip
    elif report.refused:
        lines.append("  nothing imported: correct the rows above, or run again with"
                     " --skip-unreadable to leave them out")  # fmt: skip
    else:
        lines.append("  nothing imported: check the mapping, then run again with --accept-guess"
                     " (or --mapping NAME)")  # fmt: skip
        if sheet.problems:
            lines.append("  rows that cannot be read stop the import unless you add"
                         " --skip-unreadable")  # fmt: skip
    return "\n".join(lines)
