"""Review findings on headquarters' PostgreSQL paths (issue #23): a password typed in a
URL is never shown nor stored, every server error after connecting is one line, a
keyring that cannot be used is said so, and the server paths speak Japanese too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from office_ledger.cli.commands import main

SECRET = "s3cret-pw"
WITH_PASSWORD = f"postgresql://bob:{SECRET}@127.0.0.1:1/ledger"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's refusal of an argument
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


def test_a_password_in_the_url_is_refused_and_never_shown_nor_stored(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    from db.schema.errors import ValidationError
    from db.storage.failures import storage_failure
    from db.storage.pg.target import ServerURL
    from office_ledger.paths import data_dir
    from office_ledger.settings import parse

    typed = ServerURL(WITH_PASSWORD)
    assert SECRET not in str(typed) and SECRET not in repr(typed)
    assert SECRET in typed.url  # what connecting uses
    lost = psycopg.OperationalError("server closed the connection unexpectedly")
    said = storage_failure(lost, typed, "en") or ""
    assert "was lost" in said and SECRET not in said
    for lang, pointer in (("C.UTF-8", "keep the password in the system keyring"),
                          ("ja_JP.UTF-8", "キーリング")):  # fmt: skip
        monkeypatch.setenv("LC_ALL", lang)  # --db is read before the command's --lang
        code, out, err = run(capsys, "--db", WITH_PASSWORD, "tally", "--fy", "2023")
        assert code != 0 and SECRET not in out + err and pointer in err, err
    with pytest.raises(ValidationError) as refused:
        parse("hq_database", WITH_PASSWORD)
    assert "server-password" in refused.value.text("en") and SECRET not in str(refused.value)
    assert "キーリング" in refused.value.text("ja")
    code, _, err = run(capsys, "settings", "hq_database", WITH_PASSWORD)  # LC_ALL: ja
    assert code != 0 and "キーリング" in err and SECRET not in err, err
    settings = data_dir() / "settings.json"
    assert not settings.exists() or SECRET not in settings.read_text("utf-8")
    # a settings file written by an older app with the password: refused, not used
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"hq_database": WITH_PASSWORD}), encoding="utf-8")
    code, out, err = run(capsys, "tally", "--fy", "2023", "--lang", "ja")
    assert code != 0 and err.count("\n") == 1 and "キーリング" in err and SECRET not in err


def test_a_role_that_cannot_create_in_public_gets_one_line_not_a_traceback(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    from db.storage.failures import storage_failure
    from db.storage.pg.target import ServerURL

    role = f"nocreate_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN")  # trusted on the socket: no password
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")  # PostgreSQL 15's default
    url = make_url(pg_url).set(username=role).render_as_string(hide_password=False)
    try:
        for lang, said in (("C.UTF-8", "could not open the ledger"), ("ja_JP.UTF-8", "開けません")):
            monkeypatch.setenv("LC_ALL", lang)
            code, out, err = run(capsys, "--db", url, "init")
            assert code != 0 and err.count("\n") == 1 and said in err, err
            assert "permission denied for schema public" in err  # the server's own words
        with psycopg.connect(url) as conn:  # a write refused later, once the app is open
            with pytest.raises(psycopg.Error) as denied:
                conn.execute("CREATE TABLE t (x int)")
        line = storage_failure(denied.value, ServerURL(url), "ja") or ""
        assert "permission denied" in line and "何も変更していません" in line
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """keyring's own "fail" backend: what a headless Linux, a locked macOS Keychain or
    a refusing Windows Credential Manager amounts to. Put back as it was afterwards."""
    import keyring
    from keyring.backends.fail import Keyring

    before = keyring.get_keyring()
    keyring.set_keyring(Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(before)


def test_a_keyring_that_cannot_be_used_is_said_in_one_line(
    password_role: tuple[str, str], no_keyring: None,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import io

    url, password = password_role
    for lang, said in (
        ("C.UTF-8", "keyring could not be used"),
        ("ja_JP.UTF-8", "キーリングを使えませんでした"),
    ):
        monkeypatch.setenv("LC_ALL", lang)
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        code, out, err = run(capsys, "--db", url, "server-password")
        assert code != 0 and err.count("\n") == 1 and said in err, err
        assert password not in out + err
        code, out, err = run(capsys, "--db", url, "init")  # not "check the password"
        assert code != 0 and err.count("\n") == 1 and said in err, err


def test_the_server_paths_speak_the_users_language(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from db.schema.errors import LedgerError
    from db.storage.copying import TargetNotEmpty, copy_ledger
    from db.storage.database import open_database
    from db.storage.pg.connect import display

    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
    missing = str(tmp_path / "none.sqlite3")
    code, _, err = run(capsys, "copy", "--from", missing, "--to", pg_url)
    assert code != 0 and "データベースがありません" in err, err
    code, _, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "server-password")
    assert code != 0 and "サーバーを --db" in err, err
    code, _, err = run(capsys, "--db", pg_url, "demo")
    assert code == 0, err
    db = open_database(pg_url)
    try:
        with pytest.raises(LedgerError) as file_only:
            db.file  # noqa: B018  (a step that works on a SQLite file only)
        assert "SQLite ファイルにだけ" in file_only.value.text("ja")
        assert display(pg_url) in file_only.value.text("ja")
        with pytest.raises(TargetNotEmpty) as busy:
            copy_ledger(db, db)  # a database that holds rows is no copy's target
        assert "空のデータベースにだけ" in busy.value.text("ja")
    finally:
        db.close()


def test_the_window_says_a_refused_server_and_a_lost_write_in_its_language(
    pg_url: str, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget
    from sqlalchemy import text

    from db.schema.words import Message
    from db.storage.database import open_database
    from db.storage.pg.connect import ServerRefused, display
    from desktop.pages.commands import UndoStack
    from desktop.shell import late_open

    shown: list[str] = []  # a modal box cannot be answered in a test: what it would say
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, _t, said: shown.append(said))
    window = QWidget()
    window.lang = "ja"  # type: ignore[attr-defined]
    refused = ServerRefused(Message("pg.unreachable", {"where": display(pg_url)}))
    late_open._refused(window, refused)  # type: ignore[arg-type]
    assert shown and "に接続できません" in shown[0]
    stack, said = UndoStack(window), list[str]()
    stack.failed.connect(said.append)
    db = open_database(pg_url)
    try:

        def nul() -> None:  # a value PostgreSQL cannot hold: the write is refused
            with db.session() as session:
                session.execute(text("SELECT :v"), {"v": "a\x00b"})

        from PySide6.QtGui import QUndoCommand

        stack.write(QUndoCommand(), db, nul)
    finally:
        db.close()
        window.deleteLater()
    assert said and display(pg_url) in said[0] and "何も変更していません" in said[0], said
