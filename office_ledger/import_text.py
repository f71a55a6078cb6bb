"""How ``office-ledger import`` prints an import's preview and result."""

from __future__ import annotations

from exports.exchange import ImportReport

NAMES = {"support_case": "support cases", "event_booth": "event booths",
         "newsletter": "newsletters", "newsletter_issue": "newsletter issues",
         "jetaa_event": "JETAA events"}  # fmt: skip


def render_report(report: ImportReport) -> str:
    state = "imported" if report.applied else "dry run, nothing changed"
    lines = [f"{report.path.name}: office {report.office}, export {report.export_id} ({state})"]
    for kind, c in report.counts.items():
        if any(c.values()):
            lines.append(
                f"  {NAMES.get(kind, kind):<18} {c['new']:>6} new {c['updated']:>6} updated"
                f" {c['deleted']:>6} deleted {c['unchanged']:>6} unchanged"
                f" {c['conflict']:>6} conflicts"
            )
    if report.edited:
        lines.append("  edited by hand:")
        for change in report.changes[:50]:
            what = "whole row" if change.field == "*" else (
                f"{change.field}: {change.old!r} -> {change.new!r}")  # fmt: skip
            lines.append(f"    sheet {change.sheet}, row {change.row} ({change.uuid}): {what}")
        if len(report.changes) > 50:
            lines.append(f"    … and {len(report.changes) - 50} more")
        for sheet, n in report.missing_rows.items():
            lines.append(f"    {n} row(s) of {sheet.replace('_', ' ')}s were removed by hand"
                         " (not treated as deletions)")  # fmt: skip
    return "\n".join(lines)
