"""``office-ledger history`` and ``undelete``: a record's versions, bringing one back,
the list of deleted records and undeleting one.

``history UUID`` prints the record's versions, newest first (who, on which laptop,
when, through what, the fields changed); ``history UUID --restore VERSION`` makes that
version's values a new version (which travels like any edit); ``history --deleted``
lists deleted records; ``undelete UUID`` brings one back. A UUID may be shortened to
its first characters when only one record starts with them. Words in the language of
``--lang`` (default: the system's). The database modules load only when a command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parsers(commands: Any) -> None:
    """The subcommands, each with its handler (``args.handler(db_path, args)``)."""
    history = commands.add_parser("history", help="a record's versions; bring one back")
    history.add_argument("uuid", nargs="?", help="the record's UUID (or its first characters)")
    history.add_argument(
        "--restore", metavar="VERSION",
        help="make this earlier version (VERSION, or VERSION:DEVICE) current again",
    )  # fmt: skip
    history.add_argument("--deleted", action="store_true", help="list the deleted records")
    history.add_argument("--lang", choices=("ja", "en"), help="words (default: the system's)")
    history.set_defaults(handler=run_history)
    undelete = commands.add_parser("undelete", help="bring back a deleted record")
    undelete.add_argument("uuid", help="the record's UUID (or its first characters)")
    undelete.add_argument("--lang", choices=("ja", "en"), help="words (default: the system's)")
    undelete.set_defaults(handler=run_undelete)


def _lang(args: argparse.Namespace) -> str:
    if args.lang:
        return str(args.lang)
    from office_ledger.cli.args import default_lang

    return default_lang()


def _blank(args: argparse.Namespace, lang: str) -> bool:
    """True (after saying so in one line) when the UUID typed is empty or blank."""
    import sys

    from db.schema.words import word

    if args.uuid is None or args.uuid.strip():
        return False
    print(f"office-ledger: {word('history.blank_uuid', lang)}", file=sys.stderr)
    return True


def _uuid(db: Any, typed: str, lang: str) -> tuple[str, str]:
    """The full UUID and record type of what a person typed."""
    from db.records import history
    from db.schema.errors import ValidationError
    from db.schema.words import Message

    with db.session() as s:
        found = history.find_uuid(s, typed)
        if len(found) != 1:
            key = "history.no_record" if not found else "history.ambiguous"
            raise ValidationError(Message(key, {"uuid": typed}), field="uuid")
        kind = history.kind_of(s, found[0])
    assert kind is not None
    return found[0], kind


def run_history(db_path: Path, args: argparse.Namespace) -> int:
    from db.schema.errors import ValidationError
    from db.storage.database import open_database

    lang = _lang(args)
    if _blank(args, lang):
        return 2
    if getattr(args, "restore", None):  # writes a new version: the one-writer lock (#11)
        from db.storage.database import check_file
        from office_ledger.cli.backup import open_writer

        check_file(db_path.expanduser().resolve(), must_exist=True)
        db = open_writer(db_path, "history --restore")
    else:  # a listing reads only: the file is never written (#19)
        db = open_database(db_path, must_exist=True, reading=True)
    try:
        return _history(db, args, lang)
    except ValidationError as exc:
        return _refused(exc, lang)
    finally:
        db.close()


def _refused(exc: Any, lang: str) -> int:
    import sys

    print(f"office-ledger: {exc.text(lang)}", file=sys.stderr)
    return 1


def _history(db: Any, args: argparse.Namespace, lang: str) -> int:
    if args.deleted:
        return _deleted(db, lang)
    if not args.uuid:
        from office_ledger.cli.args import BadArgument

        raise BadArgument("give a record's UUID, or --deleted")
    uuid, kind = _uuid(db, args.uuid, lang)
    if args.restore:
        return _restore(db, uuid, args.restore, lang)
    return _show(db, uuid, kind, lang)


def _show(db: Any, uuid: str, kind: str, lang: str) -> int:
    from db.records import history, history_view
    from db.schema.kinds import RecordKind
    from db.schema.words import word
    from office_ledger.cli.text_table import render

    with db.session() as s:
        versions = history.versions(s, uuid)
    print(f"{word(RecordKind(kind).spec.noun, lang)} {uuid}")
    rows = []
    for line in history_view.lines(kind, versions, lang):
        changes = history_view.change_summary(line.changes).splitlines() or [""]
        rows.append([line.version, line.when, line.who, line.laptop, line.how, changes[0]])
        rows += [["", "", "", "", "", more] for more in changes[1:]]
    keys = ("version", "when", "who", "laptop", "how", "changes")
    headers = [word(f"history.{k}", lang) for k in keys]
    print(render(headers, rows))
    return 0


def _restore(db: Any, uuid: str, wanted: str, lang: str) -> int:
    from db.records import edit
    from db.schema.errors import ValidationError
    from db.schema.words import Message, word

    number, _, device = wanted.partition(":")
    if not number.strip().isdigit():
        raise ValidationError(Message("history.no_version", {"version": wanted}), field="version")
    from db.schema.errors import NothingToRestore

    try:
        new = edit.restore_version(db, uuid, int(number), device.strip() or None)
    except NothingToRestore as same:  # not a refusal: the record already is that version
        print(same.text(lang))
        return 0
    print(word("history.restored", lang, uuid=uuid, version=number, new=new))
    return 0


def _deleted(db: Any, lang: str) -> int:
    from db.records import history, history_view
    from db.schema.kinds import RecordKind
    from db.schema.words import word
    from office_ledger.cli.text_table import render

    with db.session() as s:
        found = history.deleted_records(s)
    if not found:
        print(word("history.none_deleted", lang))
        return 0
    headers = [word(k, lang) for k in ("history.deleted_at", "history.kind", "field.office",
                                       "history.record", "field.uuid")]  # fmt: skip
    print(render(headers, [[history_view.when(d.deleted_at),
                            word(RecordKind(d.kind).spec.noun, lang), d.office, d.title, d.uuid]
                           for d in found]))  # fmt: skip
    return 0


def run_undelete(db_path: Path, args: argparse.Namespace) -> int:
    from db.records import edit
    from db.schema.errors import ValidationError
    from db.schema.words import Message, word
    from db.storage.database import check_file

    lang = _lang(args)
    if _blank(args, lang):
        return 2
    from office_ledger.cli.backup import open_writer

    check_file(db_path.expanduser().resolve(), must_exist=True)
    db = open_writer(db_path, "undelete")  # the one-writer lock (issue #11)
    try:
        uuid, kind = _uuid(db, args.uuid, lang)
        if not _is_deleted(db, uuid, kind):
            raise ValidationError(Message("history.not_deleted", {"uuid": uuid}), field="uuid")
        edit.set_deleted(db, uuid, False, kind)
        print(word("history.undeleted", lang, uuid=uuid))
        return 0
    except ValidationError as exc:
        return _refused(exc, lang)
    finally:
        db.close()


def _is_deleted(db: Any, uuid: str, kind: str) -> bool:
    from sqlalchemy import text

    from db.schema.kinds import RecordKind

    with db.session() as s:
        table = RecordKind(kind).spec.table
        return bool(s.execute(text(f"SELECT deleted FROM {table} WHERE uuid = :u"),
                              {"u": uuid}).scalar())  # fmt: skip
