"""The ``conflicts`` command: list concurrent edits side by side, and settle one.

``office-ledger conflicts`` prints each waiting conflict field by field (which laptop
made each version, and when); ``--resolve N --keep mine|theirs`` keeps one side as a
new version made here (:func:`db.sync.conflicts.resolve`), which settles the conflict on
every laptop that imports it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Register the command (called by :func:`office_ledger.cli.commands.build_parser`)."""
    cmd = commands.add_parser(
        "conflicts", help="list edits made on two laptops without seeing each other, or settle one"
    )
    cmd.add_argument(
        "--resolve", metavar="N|UUID",
        help="the conflict to settle: its number (#3) or its record's UUID",
    )  # fmt: skip
    cmd.add_argument(
        "--keep", choices=("mine", "theirs"),
        help="mine: the version made on this laptop; theirs: the other one",
    )  # fmt: skip
    cmd.add_argument("--lang", choices=("ja", "en"), default=None, help="language of the table")
    cmd.set_defaults(handler=run)


def run(db_path: Path, args: argparse.Namespace) -> int:
    from db.schema.errors import ValidationError
    from db.schema.words import word
    from db.storage.database import check_file, open_database
    from db.sync import conflicts
    from office_ledger.cli.args import BadArgument, default_lang

    lang = args.lang or default_lang()
    if (args.resolve is None) != (args.keep is None):
        raise BadArgument("--resolve and --keep go together: --resolve N --keep mine|theirs")
    if args.resolve is None:  # a listing reads only: the file is never written (#19)
        db = open_database(db_path, must_exist=True, reading=True)
    else:  # resolving writes a version: the one-writer lock (issue #11)
        from office_ledger.cli.backup import open_writer

        check_file(db_path.expanduser().resolve(), must_exist=True)
        db = open_writer(db_path, "conflicts --resolve")
    try:
        with db.session() as s:
            if args.resolve is None:
                print(render(conflicts.waiting(s, write=False), lang))
                return 0
            try:
                chosen = conflicts.find(s, args.resolve)
            except ValidationError as exc:
                raise BadArgument(str(exc)) from None
            conflicts.resolve(s, chosen.id, args.keep)
        side = word(f"conflict.kept.{args.keep}", lang)  # mid-sentence words
        print(word("conflict.kept", lang, id=chosen.id, side=side))
    finally:
        db.close()
    return 0


def _laptop(version: Any, lang: str) -> str:
    from db.schema.offices import BY_CODE
    from db.schema.words import word

    if version.here:
        return word("conflict.this_laptop", lang, name=version.laptop)
    if not version.laptop:
        return word("conflict.unknown_laptop", lang, device=version.sync.device_id[:8])
    office = BY_CODE.get(version.office)
    if office is None:
        return str(version.laptop)
    return word("conflict.laptop", lang, name=version.laptop, office=office.name(lang))


def render(waiting: list[Any], lang: str) -> str:
    """The waiting conflicts as text tables, one per conflict."""
    from db.schema.words import word
    from office_ledger.cli.text_table import render as table

    if not waiting:
        return word("conflict.none", lang)
    out = [word("conflict.count", lang, n=len(waiting))]
    for w in waiting:
        mine, theirs = w.mine, w.theirs
        rows: list[list[object]] = [
            [word("conflict.made_on", lang), _laptop(mine, lang), _laptop(theirs, lang)],
            [word("conflict.made_at", lang), _when(mine.sync.updated_at),
             _when(theirs.sync.updated_at)],
            [word("conflict.version", lang), str(mine.sync.version), str(theirs.sync.version)],
        ]  # fmt: skip
        if w.deleted_differs:
            rows.append([word("conflict.deleted", lang),
                         *(word("shown.yes" if v.sync.deleted else "shown.no", lang)
                           for v in (mine, theirs))])  # fmt: skip
        for shown in w.differences:
            rows.append([word(shown.label, lang), shown.text(mine.row, lang),
                         shown.text(theirs.row, lang)])  # fmt: skip
        out += [
            "",
            word("conflict.heading", lang, id=w.id, kind=word(w.kind.spec.noun, lang),
                 label=w.label),
            word("conflict.detected", lang, at=_when(w.detected_at), uuid=w.uuid),
            table([word("conflict.field", lang), word("conflict.mine", lang),
                   word("conflict.theirs", lang)], rows),
            word("conflict.how", lang, id=w.id),
        ]  # fmt: skip
    return "\n".join(out)


def _when(moment: Any) -> str:
    from datetime import UTC

    try:
        return str(moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M"))
    except (AttributeError, ValueError, OverflowError):
        return ""
