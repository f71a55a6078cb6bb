"""Headquarters' ledger on a PostgreSQL server (issue #23 items 1, 3, 4): opened from a
URL, refused in one line, its password from the keyring and never shown, moved in and
out of a SQLite file whole, backed up with pg_dump and restored with pg_restore. Each
test runs against the real server of ``OFFICE_LEDGER_TEST_PG`` (skipped without one)."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from db.storage.base import Base
from db.storage.copying import counts
from db.storage.database import Database, open_database
from office_ledger.cli.commands import main
from tests.support.conflict_setup import conflicted
from tests.support.pg import fresh_database
from tests.support.snapshot import snapshot


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_init_makes_the_schema_and_the_database_says_what_it_is(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", pg_url, "init")
    assert (code, err) == (0, "")
    db = open_database(pg_url)
    try:
        assert (db.dialect, db.path) == ("postgresql", None)
        assert db.url.startswith("postgresql://") and db.url in out
        with db.engine.connect() as conn:
            (revision,) = conn.execute(text("SELECT version_num FROM alembic_version")).one()
            ledger = conn.execute(text("SELECT value FROM app_meta WHERE key = 'ledger_id'"))
            ledger_id = ledger.scalar_one()
        from db.storage.migrations import HEAD

        assert revision == HEAD
    finally:
        db.close()
    code, out, _ = run(capsys, "--db", pg_url, "migrate")  # nothing to do: the same ledger
    assert code == 0 and HEAD in out
    again = open_database(pg_url)
    with again.engine.connect() as conn:
        ids = conn.execute(text("SELECT value FROM app_meta WHERE key = 'ledger_id'")).all()
    again.close()
    assert ids == [(ledger_id,)]


def test_an_older_schema_on_the_server_is_upgraded_by_migrate(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The scripts run on PostgreSQL up and down: 0014 → 0009 → head, data kept."""
    from alembic import command
    from alembic.config import Config

    from db.storage.database import MIGRATIONS_DIR
    from db.storage.migrations import HEAD
    from tests.support.factories import case

    db = open_database(pg_url)
    with db.session() as s:
        case(s, "LON", date(2023, 6, 1))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009")  # before the per-day summary and its trigger
    db.close()
    code, out, err = run(capsys, "--db", pg_url, "migrate")
    assert (code, err) == (0, "") and HEAD in out
    code, out, _ = run(capsys, "--db", pg_url, "tally", "--fy", "2023", "--json")
    tallied = json.loads(out)
    assert code == 0 and json.dumps(tallied).count('"total": 1') >= 1


def test_a_server_that_refuses_says_so_in_one_line_in_the_users_language(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_url)
    missing = url.set(database="no_such_ledger_db").render_as_string(hide_password=False)
    nobody = url.set(username="no_such_role").render_as_string(hide_password=False)
    closed = "postgresql://ledgerpg@127.0.0.1:1/ledger"
    for target, en, ja in (
        (missing, "does not exist on the server", "がサーバーにありません"),
        (nobody, "refused the login", "ログインを拒否しました"),
        (closed, "Cannot reach the database server", "に接続できません"),
    ):
        for lang, said in (("en", en), ("ja", ja)):
            code, out, err = run(capsys, "--db", target, "tally", "--fy", "2023", "--lang", lang)
            assert code != 0 and out == "" and said in one_line(err), (target, err)
    from db.storage.pg import connect as server

    monkeypatch.setattr(server, "OLDEST_SERVER", 99)  # this server is then too old
    code, _, err = run(capsys, "--db", pg_url, "init")
    assert code != 0 and "needs PostgreSQL 99 or newer" in one_line(err)


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[Any]:
    """keyrings.alt's plaintext file keyring (a real backend that runs here; the
    system's needs a desktop session), put back as it was afterwards."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring  # type: ignore[import-untyped]

    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")
    before = keyring.get_keyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def test_the_password_comes_from_the_keyring_and_is_never_shown_or_stored(
    password_role: tuple[str, str], file_keyring: Any, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    url, password = password_role
    code, _, err = run(capsys, "--db", url, "init")
    assert code != 0 and "refused the login" in one_line(err)  # no password kept yet
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code, out, err = run(capsys, "--db", url, "server-password")
    assert code == 0 and err == ""
    code, out2, err2 = run(capsys, "--db", url, "init")
    assert (code, err2) == (0, "")
    from office_ledger.settings import load, save

    settings = load()
    settings["hq_database"] = url  # the setting: no --db, the server is the database
    save(settings)
    code, out3, err3 = run(capsys, "demo")
    assert code == 0 and "loaded the FY2023 demo year" in out3
    from office_ledger.paths import data_dir

    written = [p.read_text("utf-8", "replace") for p in data_dir().rglob("*") if p.is_file()]
    for said in (out, out2, out3, err, err2, err3, *written):
        assert password not in said
    from db.storage.pg.connect import KEYRING_SERVICE, keyring_user

    assert file_keyring.get_password(KEYRING_SERVICE, keyring_user(url)) == password


def test_an_hq_desktop_opens_the_server_over_tcp_and_tls_with_the_keyrings_password(
    password_role: tuple[str, str], file_keyring: Any, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """As on HQ's network: host and port, TLS checked against the server's certificate
    (``sslmode=verify-full``), the password from the keyring; a certificate that is not
    the server's is refused in one line."""
    import psycopg
    from sqlalchemy.engine import make_url

    from tests.support.pg import server_url

    url, password = password_role
    with psycopg.connect(make_url(server_url()).render_as_string(hide_password=False),
                         autocommit=True) as conn:  # fmt: skip
        listening = conn.execute("SHOW listen_addresses").fetchone()
        tls = conn.execute("SHOW ssl").fetchone()
        port = conn.execute("SHOW port").fetchone()
        data = conn.execute("SHOW data_directory").fetchone()
    assert listening and tls and port and data
    if "127.0.0.1" not in listening[0] or tls[0] != "on":
        pytest.skip("the test server listens on no TCP port with TLS (scripts/pg_cluster "
                    "does when 127.0.0.1:5432 is free)")  # fmt: skip
    crt = tmp_path / "server.crt"
    shutil.copyfile(Path(data[0]) / "server.crt", crt)
    role = make_url(url).username
    tcp = (f"postgresql://{role}@127.0.0.1:{port[0]}/{role}"
           f"?sslmode=verify-full&sslrootcert={crt}")  # fmt: skip
    code, _, err = run(capsys, "--db", tcp, "init")
    assert code != 0 and "refused the login" in one_line(err)  # no password kept yet
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code, _, err = run(capsys, "--db", tcp, "server-password")
    assert (code, err) == (0, "")
    code, _, err = run(capsys, "--db", tcp, "init")
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "--db", tcp, "demo")
    assert code == 0 and "loaded the FY2023 demo year" in out, err
    code, out, err = run(capsys, "--db", tcp, "tally", "--fy", "2023", "--json")
    assert code == 0, err
    local = str(tmp_path / "local.sqlite3")  # the same demo year in a laptop's file
    assert run(capsys, "--db", local, "demo")[0] == 0
    code, same, err = run(capsys, "--db", local, "tally", "--fy", "2023", "--json")
    assert code == 0 and json.loads(out) == json.loads(same), err
    db = open_database(tcp)
    try:  # reached over TCP, through TLS
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT inet_server_addr()::text")).scalar() == "127.0.0.1/32"
            assert conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                                ).scalar()  # fmt: skip
    finally:
        db.close()
    other = tmp_path / "other.crt"  # a certificate authority that did not sign the server's
    import trustme

    trustme.CA().cert_pem.write_to_path(str(other))
    code, out, err = run(capsys, "--db", tcp.replace(str(crt), str(other)), "tally", "--fy",
                         "2023", "--lang", "en")  # fmt: skip
    assert code != 0 and out == "" and "could not be verified" in one_line(err)
    assert str(other) in err and "%2F" not in err and password not in err
    plain = tcp.replace(f"sslmode=verify-full&sslrootcert={crt}", "sslmode=disable")
    code, out, err = run(capsys, "--db", plain, "tally", "--fy", "2023", "--lang", "ja")
    assert code != 0 and "暗号化した接続だけ" in one_line(err)


def _rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the ids included), in key order, as plain values."""
    from db.storage import models  # noqa: F401

    def plain(v: Any) -> Any:
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, dict | list):
            return json.dumps(v, sort_keys=True)
        return v.isoformat() if hasattr(v, "isoformat") else v

    found = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            keys = list(table.primary_key.columns)
            rows = conn.execute(select(table).order_by(*keys)).all()
            found[table.name] = [tuple(map(plain, r)) for r in rows]
    return found


def test_copy_moves_every_row_into_the_server_and_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = conflicted(tmp_path)  # a version, a history and a waiting conflict on A
    from db.records import write as records
    from tests.support.factories import case, event

    with pair.a.session() as s:
        event(s, "PAR", legs=[(date(2024, 2, 13), "FR"), (date(2024, 2, 20), "CH")])
        records.delete(s, case(s, "LON", date(2023, 5, 2)))  # a tombstone
        case(s, "SYD", date(2023, 9, 9), requester="シドニー日本人会")
    pair.close()
    source = tmp_path / "a.sqlite3"
    before = open_database(source)
    want_rows, want_records, want_counts = _rows(before), snapshot(before), counts(before)
    before.close()
    assert want_counts["conflict"] and want_counts["record_history"] and want_counts["app_meta"]
    with fresh_database() as url:
        code, out, err = run(capsys, "copy", "--from", str(source), "--to", url)
        assert (code, err) == (0, "") and out.count("\n") == 1
        server = open_database(url)
        try:
            assert counts(server) == want_counts
            assert snapshot(server) == want_records
            got = _rows(server)
            assert got == want_rows  # every table, ids, versions, tombstones, app_meta
        finally:
            server.close()
        code, out, err = run(capsys, "copy", "--from", str(source), "--to", url)
        assert code == 1 and "already holds" in one_line(err)  # refused, nothing added
        server = open_database(url)
        assert counts(server) == want_counts
        server.close()
        back = tmp_path / "back.sqlite3"
        code, _, err = run(capsys, "copy", "--from", url, "--to", str(back))
        assert (code, err) == (0, "")
    returned = open_database(back)
    try:
        assert counts(returned) == want_counts and snapshot(returned) == want_records
        mine = {k: v for k, v in _rows(returned).items() if k != "app_meta"}
        assert mine == {k: v for k, v in want_rows.items() if k != "app_meta"}
        meta = dict(_rows(returned)["app_meta"])
        assert meta["ledger_id"] == dict(want_rows["app_meta"])["ledger_id"]  # the same ledger
    finally:
        returned.close()
    code, _, err = run(capsys, "copy", "--from", str(source), "--to", str(back))
    assert code == 1 and "already exists" in one_line(err)


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed here")
def test_backup_and_restore_on_the_server_use_pg_dump_and_pg_restore(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.factories import case

    assert run(capsys, "--db", pg_url, "demo")[0] == 0
    code, out, err = run(capsys, "--db", pg_url, "backup", "--lang", "en")
    assert (code, err) == (0, "") and out.startswith("backed up")
    db = open_database(pg_url)
    with db.engine.connect() as conn:
        ledger = conn.execute(text("SELECT value FROM app_meta WHERE key = 'ledger_id'"))
        ledger_id = ledger.scalar_one()
        cases = conn.execute(text("SELECT count(*) FROM support_case")).scalar_one()
    assert f"/{ledger_id}/" in out  # the backup is found by the ledger id, not a name
    with db.session() as s:
        case(s, "LON", date(2023, 7, 1))  # made after the backup: the restore undoes it
    db.close()
    code, out, err = run(capsys, "--db", pg_url, "restore", "--latest", "--yes")
    assert (code, err) == (0, "")
    db = open_database(pg_url)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM support_case")).scalar_one() == cases
    db.close()
    code, out, _ = run(capsys, "--db", pg_url, "check", "--lang", "en")
    assert code == 0 and "page check does not apply" in out
    dump = next(Path(out.split()[-1]) for out in [run(capsys, "--db", pg_url, "backups")[1]])
    with fresh_database() as other:
        assert run(capsys, "--db", other, "init")[0] == 0  # another ledger
        code, _, err = run(capsys, "--db", other, "restore", str(dump), "--yes")
        assert code == 1 and "another ledger" in one_line(err)
    monkeypatch.setenv("PATH", str(Path(shutil.which("pg_dump") or "").parent / "nowhere"))
    code, _, err = run(capsys, "--db", pg_url, "backup", "--lang", "ja")
    assert code == 1 and "pg_dump が見つかりません" in one_line(err)


def test_check_on_the_server_finds_a_broken_rule(
    ledger_demo: Database, backend: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if backend != "postgresql":
        pytest.skip("the SQLite check has its own tests (tests/db/storage/test_check_gate.py)")
    with ledger_demo.engine.begin() as conn:
        conn.execute(text("UPDATE support_case SET version_vector = '{}' WHERE id = 1"))
    code, _, err = run(capsys, "--db", ledger_demo.url, "check")
    assert code == 1 and "support_case" in err and "version vector" in err


def test_storage_failures_are_said_in_either_language() -> None:
    import errno

    import psycopg

    from db.storage.failures import storage_failure

    full = OSError(errno.ENOSPC, "No space left on device")
    assert "ディスクがいっぱい" in (storage_failure(full, "x.sqlite3", "ja") or "")
    assert "the disk is full" in (storage_failure(full, "x.sqlite3", "en") or "")
    import sqlite3

    busy = sqlite3.OperationalError("database is locked")
    assert "使用中" in (storage_failure(busy, "x.sqlite3", "ja") or "")
    lost = psycopg.OperationalError("server closed the connection unexpectedly")
    said = storage_failure(lost, "postgresql://hq@db/ledger", "en") or ""
    assert "connection to the database server" in said and "server closed" in said
    assert storage_failure(ValueError("a bug"), "x", "en") is None
