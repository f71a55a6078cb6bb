"""The ``office-ledger`` command: open the app, load the demo year, print tallies.

Errors the user can fix (bad arguments, a database that cannot be opened) print one
line on stderr and exit with status 2, leaving every file as it was.

Start-up matters (the app's window, ``tally --json`` in a script): this module imports
only the standard library and light project modules. Each command's work is named in
:data:`COMMANDS` (``"module:function"``, called with the database path and the parsed
arguments) and imported only when that command runs; SQLAlchemy, the mail stack,
reportlab and openpyxl load inside those functions, and a command's parser is built only
when that command runs (``--help`` builds them all): a new command adds a line to
:data:`PARSERS` and one to :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from db.schema.errors import DatabaseOpenError, LedgerError
from office_ledger.cli.args import BadArgument, db_arg, is_server, output_arg, path_arg
from office_ledger.cli.args import default_lang as _default_lang

if TYPE_CHECKING:  # SQLAlchemy loads only when a command runs, not for --help
    from db.storage.database import Database

EXIT_USAGE = 2
EXIT_REFUSED = 1


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _fiscal_year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 1989 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"fiscal year {value} is outside 1989–2100")
    return value


def _office(text: str) -> str:
    from db.schema.offices import OFFICE_CODES

    code = text.upper()
    if code not in OFFICE_CODES:
        raise argparse.ArgumentTypeError(
            f"unknown office {text!r}; choose from {', '.join(OFFICE_CODES)}"
        )
    return code


def _ranged(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.isdigit() or not low <= int(text) <= high:
            # argparse names the option itself ("argument --month: …")
            raise argparse.ArgumentTypeError(f"must be {low}–{high}, not {text!r}")
        return int(text)

    return parse


def _global_options(parser: argparse.ArgumentParser) -> None:
    """The options before any command: the one place they are declared (the full
    parser and :func:`_first_look` both use it)."""
    parser.add_argument(
        "--db",
        type=db_arg,
        help="database file (default: ledger.sqlite3 in the user data folder), or a "
        "PostgreSQL server's database: postgresql://USER@HOST/DBNAME (the password from "
        "the system keyring; default: the hq_database setting)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--self-test", action="store_true",
        help="check this installation (database, demo year, workbook, PDF font, window) and exit",
    )  # fmt: skip


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command's (``--help`` lists them all), or given
    ``command``, only that command's (what running it needs: ``tally --json`` builds no
    other command's parser nor imports their modules, issue #21)."""
    parser = _Parser(
        prog="office-ledger",
        description="Records, tallies and reports for CLAIR's overseas offices. "
        "With no command, opens the app.",
    )
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for names, add in PARSERS:
        if command is None or command in names:
            add(commands)
    for choice in commands._choices_actions:  # each command's --help opens with its line
        sub = commands.choices[choice.dest]
        if not sub.description and choice.help:
            sub.description = f"{choice.help[0].upper()}{choice.help[1:]}."
    return parser


def _init_parser(commands: Any) -> None:
    commands.add_parser("init", help="create an empty database (an existing one is left as is)")


def _demo_parser(commands: Any) -> None:
    demo = commands.add_parser("demo", help="load the FY2023 demo year into the database")
    when = demo.add_mutually_exclusive_group()  # replace, or keep: not both
    when.add_argument("--replace", action="store_true", help="discard the records already there")
    when.add_argument(
        "--if-empty", action="store_true", help="do nothing (and succeed) if there are records"
    )


def _tally_parser(commands: Any) -> None:
    tally = commands.add_parser("tally", help="print the fiscal year's tallies per office")
    tally.add_argument("--fy", type=_fiscal_year, required=True, help="fiscal year, e.g. 2023")
    tally.add_argument("--office", type=_office, help="one office code (default: all)")
    part = tally.add_mutually_exclusive_group()
    part.add_argument("--month", type=_ranged(1, 12, "--month"), help="calendar month 1–12")
    part.add_argument("--quarter", type=_ranged(1, 4, "--quarter"), help="fiscal quarter 1–4")
    tally.add_argument("--json", action="store_true", help="print JSON instead of a table")
    tally.add_argument("--lang", choices=("ja", "en"), default=None, help="table language")


def _report_parser(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="write the PDF summary (one office, or all offices for headquarters), "
        "or with -o x.docx the overseas section of the annual report as a Word document",
    )
    report.add_argument("--fy", type=_fiscal_year, required=True, help="fiscal year, e.g. 2023")
    report.add_argument("--office", type=_office, help="one office (default: all offices)")
    report.add_argument("--lang", choices=("ja", "en"), default="ja", help="default: ja")
    report.add_argument(
        "-o",
        "--output",
        type=output_arg(".pdf", ".docx"),
        required=True,
        help="the file to write: .pdf (the summary) or .docx (the overseas section, all offices)",
    )


def _export_parser(commands: Any) -> None:
    export = commands.add_parser("export", help="write an office's records as an Excel workbook")
    export.add_argument("--office", type=_office, required=True, help="office code, e.g. NYC")
    export.add_argument("--fy", type=_fiscal_year, help="fiscal year (default: the current one)")
    export.add_argument("--from", dest="start", type=_iso_date, help="first day (YYYY-MM-DD)")
    export.add_argument("--to", dest="end", type=_iso_date, help="last day (YYYY-MM-DD)")
    export.add_argument("--lang", choices=("ja", "en"), default="ja", help="headers (default: ja)")
    export.add_argument("-o", "--output", type=output_arg(".xlsx"), required=True,
                        help="the .xlsx to write")  # fmt: skip


def _import_parser(commands: Any) -> None:
    imp = commands.add_parser("import", help="preview and merge export workbooks")
    imp.add_argument("files", type=path_arg, nargs="+", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="only show what would change")
    imp.add_argument("--accept-edited", action="store_true",
                     help="take cells edited by hand as new versions")  # fmt: skip
    imp.add_argument("--office", type=_office,
                     help="the office whose own spreadsheet this is (not an export)")  # fmt: skip
    imp.add_argument("--kind", action=_KindArg, metavar="KIND")
    imp.add_argument(
        "--accept-guess",
        action="store_true",
        help="import with the guessed column mapping (and save it)",
    )
    imp.add_argument("--mapping", metavar="NAME", help="import with a saved column mapping")
    imp.add_argument("--skip-unreadable", action="store_true",
                     help="import an office's sheet without the rows that cannot be read"
                          " (listed); without it such rows stop the import")  # fmt: skip
    imp.add_argument("--delete-gone", action="store_true",
                     help="an office's sheet imported again: delete the records whose rows"
                          " are gone from it (the preview lists them)")  # fmt: skip
    imp.add_argument(
        "--lang",
        choices=("ja", "en"),
        default=None,
        help="the language of the preview and messages (default: your locale)",
    )
    imp.add_argument(
        "--save-mapping", metavar="NAME",
        help="name to save an accepted guess under (default: OFFICE-KIND)",
    )  # fmt: skip


def _mail_parsers(commands: Any) -> None:
    from office_ledger.cli.mail import add_parsers  # its parsers only: sending loads on use

    add_parsers(commands, _office, _fiscal_year)


def _history_parsers(commands: Any) -> None:
    from office_ledger.cli import history as cli_history

    cli_history.add_parsers(commands)  # history, undelete (each with its handler)


def _conflicts_parser(commands: Any) -> None:
    from office_ledger.cli import conflicts as cli_conflicts  # issue #12; its handler: args.handler

    cli_conflicts.add_parser(commands)


def _backup_parsers(commands: Any) -> None:
    from office_ledger.cli import backup as cli_backup

    cli_backup.add_parsers(commands)  # backup, backups, restore, check, upgrade, migrate


def _server_parsers(commands: Any) -> None:
    from office_ledger.cli import server as cli_server

    cli_server.add_parsers(commands)  # copy, server-password (issue #23)


def _consolidate_parser(commands: Any) -> None:
    cons = commands.add_parser("consolidate", help="headquarters' workbook of all offices")
    cons.add_argument("--fy", type=_fiscal_year, required=True, help="fiscal year, e.g. 2023")
    cons.add_argument("--lang", choices=("ja", "en"), default="ja", help="headers (default: ja)")
    cons.add_argument("-o", "--output", type=output_arg(".xlsx"), required=True,
                        help="the .xlsx to write")  # fmt: skip


# Each command's parser, in the order --help lists them: the commands a function
# declares, and that function (a module's own declares its commands' handlers too).
# A new command adds its line here (and to COMMANDS, unless its module gives a handler).
PARSERS: tuple[tuple[tuple[str, ...], Callable[[Any], None]], ...] = (
    (("init",), _init_parser),
    (("demo",), _demo_parser),
    (("tally",), _tally_parser),
    (("report",), _report_parser),
    (("export",), _export_parser),
    (("import",), _import_parser),
    (("send", "outbox", "settings"), _mail_parsers),
    (("history", "undelete"), _history_parsers),
    (("conflicts",), _conflicts_parser),
    (("backup", "backups", "restore", "check", "upgrade", "migrate"), _backup_parsers),
    (("consolidate",), _consolidate_parser),
    (("copy", "server-password"), _server_parsers),
)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2023-04-01: {text!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; a reader that stops early (``| head``) ends it quietly; Ctrl-C
    ends it with one line saying what was done, and status 130 (:mod:`.interrupt`)."""
    from office_ledger.cli import interrupt

    uninstall = interrupt.install(process=argv is None)  # None: the console script's call
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()  # here, not at exit, where a closed pipe cannot be caught
    except BrokenPipeError:
        return _stdout_closed()
    except BaseException as exc:
        if not interrupt.is_interrupt(exc):
            raise
        print(f"office-ledger: {interrupt.summary()}", file=sys.stderr)
        return interrupt.EXIT_INTERRUPTED
    finally:
        uninstall()


def _stdout_closed() -> int:
    """What ``yes | head -1`` does: no traceback, the status of a SIGPIPE death."""
    try:  # the interpreter flushes stdout once more at exit: let that go nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (captured by a test)
        pass
    return 128 + 13 if os.name == "posix" else EXIT_REFUSED  # 13: SIGPIPE


def _sheet_kinds() -> list[str]:
    from db.schema.kinds import legacy_kinds  # the registry: no SQLAlchemy, no Qt

    return list(legacy_kinds())


class _KindArg(argparse.Action):
    """``import --kind``: a record type of the registry, by its name. The registry is
    read only when ``--kind`` is given or the help is shown, not each time the parser is
    built: the app's start builds it too, and importing db.schema.kinds costs ~40 ms there."""

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
        values: object, option_string: str | None = None,
    ) -> None:  # fmt: skip
        if values not in _sheet_kinds():  # refused with the other arguments read (--lang)
            namespace.unknown_kind = values
            return
        setattr(namespace, self.dest, values)

    @property
    def help(self) -> str:
        kinds = _sheet_kinds()
        return ("what the office's spreadsheet holds, one of: " + ", ".join(kinds)
                + f" (default: {kinds[0]})")  # fmt: skip

    @help.setter
    def help(self, _value: object) -> None:
        pass


class _NotPlain(Exception):
    pass


class _Quiet(argparse.ArgumentParser):
    """A parser that prints nothing on an error: the full parser reads the line again."""

    def error(self, message: str) -> NoReturn:
        raise _NotPlain(message)


def _first_look(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]] | None:
    """The options before the command (the full parser's own, :func:`_global_options`)
    and the command's name, read without building any command's parser: the window's
    start (``office-ledger [--db PATH]``) needs none, a command only its own. With what
    is left of the line; None on an error (the full parser then says what is wrong)."""
    quick = _Quiet(prog="office-ledger", add_help=False)
    _global_options(quick)
    quick.add_argument("command", nargs="?")
    try:
        return quick.parse_known_args(argv)
    except _NotPlain:
        return None


def _parse(argv: Sequence[str] | None) -> tuple[argparse.Namespace, argparse.ArgumentParser | None]:
    """The parsed line, and the parser that read it (None: no command's was needed)."""
    seen = _first_look(argv)
    if seen is not None:
        args, rest = seen
        if args.command is None and not rest:  # the window, --version, --self-test
            return args, None
    known = {name for names, _add in PARSERS for name in names}
    command = seen[0].command if seen is not None else None
    parser = build_parser(command if command in known else None)  # else: all (--help)
    return parser.parse_args(argv), parser


def _main(argv: Sequence[str] | None) -> int:
    args, parser = _parse(argv)
    if args.version:
        from office_ledger import __version__

        print(f"office-ledger {__version__}")
        return 0
    if args.self_test:
        from office_ledger.cli.selftest import run as self_test

        return self_test()
    from db.storage import check_memory
    from office_ledger.paths import data_dir, default_db_path

    check_memory.use(data_dir() / "checks")  # clean checks remembered: not run twice (#21)
    from exports import sent_marks

    sent_marks.use(data_dir() / "sent")  # what was exported: beside the ledger (#19)
    try:
        db_path: Path = args.db or _hq_database() or default_db_path()
    except LedgerError as exc:  # a setting that holds a password: said, not used
        print(f"office-ledger: {exc.text(getattr(args, 'lang', None) or _default_lang())}",
              file=sys.stderr)  # fmt: skip
        return EXIT_REFUSED
    _watch(args)
    target = COMMANDS.get(args.command or "")
    if target is None and getattr(args, "handler", None) is None:
        (parser or build_parser()).error(f"unknown command {args.command!r}")
    try:
        if target is not None:
            module, _, function = target.partition(":")
            run: Callable[[Path, argparse.Namespace], int] = getattr(
                import_module(module), function)  # fmt: skip
        else:  # a command whose module registered its handler with its parser
            run = args.handler
        return int(run(db_path, args))
    except LedgerError as exc:
        lang = getattr(args, "lang", None) or _default_lang()
        said = exc.text(lang)  # every expected failure in the user's language
        if _usage_error(exc):
            print(f"office-ledger: error: {said}", file=sys.stderr)
            return EXIT_USAGE
        print(f"office-ledger: {said}", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a damaged file, a full or read-only disk: one line (#11)
        from db.storage.failures import storage_failure
        from office_ledger.cli.interrupt import is_interrupt

        if is_interrupt(exc):  # raised while a Ctrl-C was being cleaned up: that Ctrl-C
            raise
        message = storage_failure(exc, str(db_path), getattr(args, "lang", None) or _default_lang())
        if message is None:
            raise
        print(f"office-ledger: {message}", file=sys.stderr)
        return EXIT_REFUSED


def _watch(args: argparse.Namespace) -> None:
    """What a Ctrl-C may have done by the time it comes: the command's output file and
    the backups (:mod:`office_ledger.cli.interrupt`)."""
    from office_ledger.cli import interrupt

    output = getattr(args, "output", None)
    if isinstance(output, Path):
        interrupt.watch_file(output)
    if args.command in WRITERS:
        from office_ledger.settings import backup_folder

        interrupt.watch_folder(backup_folder())


# Commands that may make a backup (before a change, or as their work).
WRITERS = ("demo", "import", "backup", "restore", "history", "undelete", "conflicts", "init")


# What runs each command: "module:function", imported only when the command runs (see
# the module's docstring). "" is no command: the app's window.
COMMANDS: dict[str, str] = {
    "": "office_ledger.cli.commands:_gui",
    "init": "office_ledger.cli.commands:_init",
    "demo": "office_ledger.cli.commands:_demo",
    "tally": "office_ledger.cli.commands:_tally",
    "report": "office_ledger.cli.commands:_report",
    "export": "office_ledger.cli.commands:_export",
    "import": "office_ledger.cli.commands:_import",
    "consolidate": "office_ledger.cli.commands:_consolidate",
    "send": "office_ledger.cli.mail:send",
    "outbox": "office_ledger.cli.commands:_outbox",
    "settings": "office_ledger.cli.commands:_settings",
}


def _usage_error(exc: LedgerError) -> bool:
    """Errors of the person's arguments or files (exit 2), not refusals (exit 1)."""
    from office_ledger.sending import SendError  # light: no mail stack at import

    return isinstance(exc, (DatabaseOpenError, BadArgument, SendError))


def _outbox(_db_path: Path, args: argparse.Namespace) -> int:
    from office_ledger.cli.mail import outbox

    return outbox(args)


def _settings(_db_path: Path, args: argparse.Namespace) -> int:
    from office_ledger.cli.mail import settings_command

    return settings_command(args)


def _hq_database() -> Path | None:
    """The ``hq_database`` setting (headquarters' PostgreSQL URL), when no ``--db`` and
    no ``OFFICE_LEDGER_DB`` name a database."""
    if os.environ.get("OFFICE_LEDGER_DB"):
        return None
    from db.schema.words import Message
    from db.storage.pg.target import has_password
    from office_ledger.settings import load

    url = str(load().get("hq_database", "")).strip()
    if has_password(url):  # written by an older app: never used, never shown
        raise LedgerError(Message("pg.password_in_url"))
    return db_arg(url) if url else None


def _gui(db_path: Path, _args: argparse.Namespace) -> int:
    if db_path == _default_path():
        db_path.parent.mkdir(parents=True, exist_ok=True)
    from db.storage.dbfile import check_file  # no SQLAlchemy before the window shows

    if not is_server(db_path):
        check_file(db_path.expanduser().resolve())
    from desktop.shell.startup import no_display

    why = no_display()
    if why is not None:
        raise LedgerError(why)  # one line and exit 1, not Qt's abort (exit 134)
    from desktop.shell.app import run

    return run(db_path)


def _default_path() -> Path:
    from office_ledger.paths import default_db_path

    return default_db_path()


def _init(db_path: Path, _args: argparse.Namespace) -> int:
    from db.storage.database import check_file
    from office_ledger.cli.backup import open_writer

    if is_server(db_path):
        from db.storage.database import open_database

        db = open_database(db_path)
        print(f"the database {db.url} holds a ledger at this app's schema")
        db.close()
        return 0
    if db_path == _default_path():
        db_path.parent.mkdir(parents=True, exist_ok=True)
    path = db_path.expanduser().resolve()
    if check_file(path):  # refuses a folder, or a file that is not a ledger
        print(f"{path} already exists; left as it is")
        return 0
    open_writer(path, "init").close()
    print(f"created an empty database at {path}")
    return 0


def _open_or_create(db_path: Path, lang: str = "en") -> Database:
    """The database to import into, created (and said so) if the path has none."""
    from office_ledger.cli.backup import open_writer

    if db_path == _default_path():
        db_path.parent.mkdir(parents=True, exist_ok=True)
    existed = db_path.expanduser().exists()
    db = open_writer(db_path, "import")
    if not existed:
        from db.schema.words import word

        said = word("import.note.created_db", lang, path=db.url)
        print(f"office-ledger: {said}", file=sys.stderr)
    return db


def _demo(db_path: Path, args: argparse.Namespace) -> int:
    from db.demo.year import load_demo
    from db.storage.database import table_counts
    from office_ledger.cli.backup import open_writer

    replace, if_empty = args.replace, args.if_empty

    if db_path == _default_path():
        db_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_writer(db_path, "demo")
    try:
        if db.read_only:  # nothing can be replaced, and no backup of it named (#19)
            raise LedgerError(f"cannot load the demo year into {db.url}: it is"
                              f" {db.read_only}; nothing was changed")  # fmt: skip
        if if_empty and not replace and any(table_counts(db).values()):
            print(f"{db.url} already has records; demo year not loaded")
            return 0
        if replace and any(table_counts(db).values()):
            from db.storage.backup import before_change, newest_backup

            saved = before_change(db, "before-demo") or newest_backup(db)
            print(f"the records it replaces are backed up in {saved}")
        counts = load_demo(db, replace=replace)
    finally:
        db.close()
    from db.schema.plurals import count_list

    print(f"loaded the FY2023 demo year into {db.url}: {count_list(counts, zeros=True)}")
    return 0


def _tally(db_path: Path, args: argparse.Namespace) -> int:
    """Read-only and quick: an up-to-date ledger is read through sqlite3 alone (no
    SQLAlchemy import); one that needs migrating is opened (and migrated) first."""
    import sqlite3

    from db.schema.fiscal import fy_period, month_period, quarter_period
    from db.storage.dbfile import open_reader
    from db.tally.tallies import Tally, tally

    if args.month:
        period = month_period(args.fy, args.month)
    elif args.quarter:
        period = quarter_period(args.fy, args.quarter)
    else:
        period = fy_period(args.fy)
    reader = None if is_server(db_path) else open_reader(db_path)
    result: Tally | None = None
    if reader is not None:
        try:
            result = tally(reader, period, args.office)
        except (AttributeError, TypeError, sqlite3.Error) as exc:  # a family written for a
            from db.storage.check_gate import damage_in  # SQLAlchemy session only: read it the

            if damage_in(exc):  # usual way below; damage met while reading: one line (#21)
                raise
            result = None
        finally:
            reader.close()
    if result is None:
        db = open_to_read(db_path, args)
        try:
            with db.session() as session:
                result = tally(session, period, args.office)
        finally:
            db.close()
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        from office_ledger.cli.tally_text import render_tally

        print(render_tally(result, args.lang or _default_lang()))
    return 0


def _report(db_path: Path, args: argparse.Namespace) -> int:
    from db.schema.fiscal import fy_period

    output: Path = args.output
    word = output.suffix.lower() == ".docx"
    _writable(output, output.suffix.lower())
    if word and args.office:
        raise BadArgument("--office does not go with a .docx: the overseas section is all "
                          "offices'; leave --office out or write a .pdf")  # fmt: skip
    db = open_to_read(db_path, args)
    try:
        if word:
            from exports.docx_report import write_overseas_docx

            write_overseas_docx(db, output, fy_period(args.fy), args.lang)
        else:
            from exports.pdf.report import write_summary

            write_summary(db, output, fy_period(args.fy), args.office, args.lang)
    finally:
        db.close()
    print(f"wrote {output}")
    return 0


def open_to_read(db_path: Path, args: argparse.Namespace) -> Database:
    """The database as a read-only command opens it: never written (issue #19). A ledger
    from an older app is read through an upgraded temporary copy, and said so. (An
    export's "sent" mark is kept beside the ledger: :mod:`exports.sent_marks`.)"""
    from db.storage.database import needs_upgrade, open_database

    if is_server(db_path):  # read where it is: the server keeps several readers apart
        return open_database(db_path, must_exist=True, reading=True)
    older = needs_upgrade(db_path)
    db = open_database(db_path, must_exist=True, reading=True)
    if db.source is not None and older:
        from db.schema.words import word
        from db.storage.dbfile import current_revision

        revision = current_revision(db.source)
        lang = getattr(args, "lang", None) or _default_lang()
        print("office-ledger: " + word("backups.older_hint", lang, path=db.source,
              revision=revision), file=sys.stderr)  # fmt: skip
    return db


def _writable(output: Path, suffix: str) -> None:
    if output.is_dir():
        raise BadArgument(f"{output} is a folder; give a file name ending in {suffix}")
    if not output.parent.is_dir():
        raise BadArgument(f"cannot write {output}: folder {output.parent} does not exist")


def _export(db_path: Path, args: argparse.Namespace) -> int:
    from db.schema.fiscal import Period, fiscal_year, fy_period
    from exports.xlsx.export import export_office

    _writable(args.output, ".xlsx")
    if args.start or args.end:
        if args.fy is not None:
            raise BadArgument("give --fy, or --from and --to, not both")
        if not (args.start and args.end):
            raise BadArgument("give both --from and --to, or --fy")
        if args.end < args.start:
            raise BadArgument("--to is before --from")
        period = Period(args.start, args.end)
    else:
        period = fy_period(args.fy or fiscal_year(date.today()))
    db = open_to_read(db_path, args)
    try:
        result = export_office(db, args.output, args.office, period, args.lang)
    finally:
        db.close()
    from db.schema.plurals import count_list

    rows = count_list(result.counts)
    print(f"wrote {result.path} (export {result.export_id}): {rows or 'no records'}")
    return 0


def _import(db_path: Path, args: argparse.Namespace) -> int:
    from db.storage.database import open_database
    from exports.legacy.importer import UnreadableRows, import_legacy
    from exports.xlsx.exchange import import_file
    from office_ledger.import_text import render_legacy, render_report

    if not args.office and (args.accept_guess or args.mapping or args.save_mapping
                            or args.skip_unreadable or args.delete_gone):  # fmt: skip
        from db.schema.words import Message

        raise BadArgument(Message("refuse.needs_office"))
    lang = args.lang or _default_lang()
    unknown = getattr(args, "unknown_kind", None)
    if unknown is not None:
        from db.schema.words import Message

        kinds = ", ".join(_sheet_kinds())
        raise BadArgument(Message("refuse.unknown_kind", {"kind": repr(unknown), "kinds": kinds}))
    preview = None
    if (
        args.dry_run and not is_server(db_path) and not db_path.expanduser().exists()
    ):  # preview into a throwaway one
        import tempfile

        preview = tempfile.TemporaryDirectory(prefix="office-ledger-preview-")
        db = open_database(Path(preview.name) / "ledger.sqlite3")
        from db.schema.words import word

        print("office-ledger: " + word("import.note.no_db_preview", lang, path=db_path),
              file=sys.stderr)  # fmt: skip
    elif args.dry_run:  # a preview reads: it needs no writer lock
        db = open_database(db_path, must_exist=True)
    else:
        from db.storage.lock import WriterBusy
        from office_ledger.cli.backup import log_refused

        try:
            db = _open_or_create(db_path, lang)
        except WriterBusy as exc:  # another writer kept it past the wait: each file refused
            log_refused(db_path, args.files, str(exc))
            raise
    failed = 0
    try:
        for path in args.files:
            try:
                if args.office:
                    legacy = import_legacy(
                        db,
                        path,
                        args.office,
                        args.kind or _sheet_kinds()[0],
                        accept_guess=args.accept_guess,
                        mapping=args.mapping,
                        save_as=args.save_mapping,
                        dry_run=args.dry_run,
                        skip_unreadable=args.skip_unreadable,
                        delete_gone=args.delete_gone,
                    )
                    print(render_legacy(legacy, lang))
                    if not args.dry_run:
                        from office_ledger.cli.interrupt import did

                        did(f"imported {path.name}")
                    continue
                report = import_file(
                    db, path, dry_run=args.dry_run, accept_edited=args.accept_edited
                )
            except UnreadableRows as exc:
                print(render_legacy(exc.report, lang))  # each row that cannot be read, and why
                print(f"office-ledger: {exc.text(lang)}", file=sys.stderr)
                failed += 1
                continue
            except LedgerError as exc:  # said in --lang: every refusal is in the catalogue
                print(f"office-ledger: {exc.text(lang)}", file=sys.stderr)
                failed += 1
                continue
            except Exception as exc:  # a full disk, a damaged file: logged, one line
                from db.storage.failures import storage_failure
                from office_ledger.cli.backup import log_refused
                from office_ledger.cli.interrupt import is_interrupt

                if is_interrupt(exc):  # a Ctrl-C's clean-up failing: still that Ctrl-C
                    raise

                message = storage_failure(exc, db.url, lang)
                if message is None:
                    raise
                log_refused(db_path, [path], message)
                print(f"office-ledger: {path.name}: {message}", file=sys.stderr)
                failed += 1
                continue
            print(render_report(report, lang))  # fmt: skip
            if not args.dry_run:
                from office_ledger.cli.interrupt import did

                did(f"imported {path.name}")
    finally:
        db.close()
        if preview is not None:
            preview.cleanup()
    return EXIT_REFUSED if failed else 0


def _consolidate(db_path: Path, args: argparse.Namespace) -> int:
    from db.schema.fiscal import fy_period
    from exports.xlsx.consolidate import consolidate

    _writable(args.output, ".xlsx")
    db = open_to_read(db_path, args)
    try:
        result = consolidate(db, args.output, fy_period(args.fy), args.lang)
    finally:
        db.close()
    from db.schema.plurals import plural

    print(f"wrote {result.path}: {plural(sum(result.counts.values()), 'row')} of all offices")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
