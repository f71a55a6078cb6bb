"""Upgrades from every earlier schema revision, on databases with data in them.

Each database is made by the older migrations themselves (Alembic upgrade to revision
N), filled with SQL valid at N (every record type with its child rows, a tombstone,
and what the revision added: conflicts and the sync log, saved mappings, kept
values of a newer app's columns), then opened by the app, which upgrades it to the
head. The data must be intact, readable by the app's readers and tallies, and
editable, with its history starting from what the database held.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from db.storage.database import MIGRATIONS_DIR, open_database
from db.storage.migrations import HEAD

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def _earlier_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(MIGRATIONS_DIR))
    found = [s.revision for s in scripts.walk_revisions() if s.revision != HEAD]
    return sorted(found)


def _upgrade_to(path: Path, revision: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        _fill(conn, revision)
    engine.dispose()


DEV = "0b5f1d1e-0000-4000-8000-000000000001"
OTHER = "0b5f1d1e-0000-4000-8000-000000000002"
T = "2024-01-0{}T09:00:00.000000Z"
SYNC = "version, device_id, version_vector, updated_at, deleted"


def _sync(version: int, day: int = 1, deleted: int = 0, device: str = DEV) -> tuple[Any, ...]:
    return (version, device, json.dumps({device: version}), T.format(day), deleted)


def _fill(conn: Connection, revision: str) -> None:
    """Records of every type, valid at ``revision`` (and what that revision added)."""
    sql = conn.exec_driver_sql
    sql("INSERT INTO app_meta (key, value) VALUES ('device_id', ?), ('device_name', 'old-pc'),"
        " ('lamport_clock', '20')", (DEV,))  # fmt: skip
    sql(f"INSERT INTO support_case (id, uuid, {SYNC}, office_code, requester,"
        " requester_category, start_date, end_date, summary, staff, status, counted)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(1, "case-1", *_sync(3), "SEL", "東京都", "prefecture_or_designated_city",
          "2023-06-01", "2023-06-02", "視察の同行", "金", "done", 1),
         (2, "case-2", *_sync(4, 2, deleted=1), "NYC", "大阪市", "municipality",
          "2023-07-01", None, "", "", "done", 0)])  # fmt: skip
    sql("INSERT INTO support_case_type (case_id, type_code) VALUES (1, 'attend'),"
        " (1, 'interpreter')")  # fmt: skip
    sql(f"INSERT INTO event_booth (id, uuid, {SYNC}, office_code, name, name_en, hosted,"
        " start_date, exhibitors, items_shown, visitors, notes)"
        " VALUES (1, 'event-1', ?, ?, ?, ?, ?, 'PAR', 'サロン', 'Salon', 1, '2023-10-18', 12,"
        " NULL, 3400, '')", _sync(5, 3, device=OTHER))  # fmt: skip
    sql("INSERT INTO event_leg (event_id, position, start_date, end_date, city, country, venue)"
        " VALUES (1, 1, '2023-10-18', '2023-10-20', 'Paris', 'FR', 'Porte de Versailles'),"
        " (1, 2, '2023-11-02', '2023-11-02', 'Lyon', 'FR', '')")  # fmt: skip
    sql("INSERT INTO event_municipality (event_id, position, name) VALUES (1, 1, '北海道')")
    sql(f"INSERT INTO newsletter (id, uuid, {SYNC}, office_code, title, notes)"
        " VALUES (1, 'letter-1', ?, ?, ?, ?, ?, 'SYD', 'CLAIR Sydney News', '')",
        _sync(6))  # fmt: skip
    sql(f"INSERT INTO newsletter_issue (id, uuid, {SYNC}, newsletter_id, number, issue_date,"
        " languages, format, contents, reach) VALUES (1, 'issue-1', ?, ?, ?, ?, ?, 1, '12',"
        " '2023-05-01', '[\"en\", \"ja\"]', 'email', '特集', 800)", _sync(7))  # fmt: skip
    sql(f"INSERT INTO jetaa_event (id, uuid, {SYNC}, office_code, name, kind, start_date,"
        " participants, notes) VALUES (1, 'jetaa-1', ?, ?, ?, ?, ?, 'SYD', '出発前研修',"
        " 'orientation', '2023-07-01', 40, '')", _sync(8))  # fmt: skip
    sql("INSERT INTO jetaa_session (event_id, position, start_date, end_date, city, country,"
        " venue, mode) VALUES (1, 1, '2023-07-01', '2023-07-01', 'Sydney', 'AU', 'Online',"
        " 'online')")  # fmt: skip
    if revision >= "0002":
        sql("INSERT INTO conflict (record_type, record_uuid, winner_version, winner_device,"
            " loser_version, loser_device, loser_payload, detected_at, resolved)"
            " VALUES ('support_case', 'case-1', 3, ?, 2, ?, '{\"summary\": \"old\"}', ?, 0)",
            (DEV, OTHER, T.format(4)))  # fmt: skip
        sql("INSERT INTO sync_log (at, direction, file_name, office_code, export_id, counts,"
            " result, message) VALUES (?, 'import', 'PAR.xlsx', 'PAR', 'x-1', '{}', 'ok', '')",
            (T.format(5),))  # fmt: skip
    if revision >= "0004":
        sql("INSERT INTO import_mapping (name, kind, office_code, columns, saved_at)"
            " VALUES ('SEL-cases', 'support-cases', 'SEL', '{\"requester\": \"依頼団体\"}', ?)",
            (T.format(6),))  # fmt: skip
    if revision >= "0005":
        kept = {"budget": {"kind": "count", "ja": "予算", "en": "Budget", "text": "500"}}
        sql("UPDATE support_case SET extras = ? WHERE uuid = 'case-1'", (json.dumps(kept),))
    if revision >= "0007":  # a database kept since 0007 has a history row for each version
        for table in ("support_case", "event_booth", "newsletter", "newsletter_issue",
                      "jetaa_event"):  # fmt: skip
            sql("INSERT INTO record_history (record_type, record_uuid, version, device_id,"
                " how, deleted, updated_at, recorded_at) SELECT"
                f" '{table}', uuid, version, device_id, 'existing', deleted, updated_at,"
                f" updated_at FROM {table} ORDER BY id")  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("revision", _earlier_revisions())
def test_upgrade_from_an_earlier_revision_keeps_the_data_and_the_app_reads_it(
    tmp_path: Path, revision: str
) -> None:
    from db.read import rows as R
    from db.records import edit, history
    from db.schema.enums import SupportType
    from db.schema.kinds import RecordKind
    from db.tally.tallies import tally_fy

    path = tmp_path / f"at-{revision}.sqlite3"
    _upgrade_to(path, revision)
    db = open_database(path)  # the app's own upgrade, a copy first
    try:
        assert db.backup is not None and db.backup.exists()
        with sqlite3.connect(db.file) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            if revision >= "0002":
                assert conn.execute("SELECT loser_payload FROM conflict").fetchone() == (
                    '{"summary": "old"}',)  # fmt: skip
                assert conn.execute("SELECT file_name FROM sync_log").fetchall() == [("PAR.xlsx",)]
            if revision >= "0004":
                assert conn.execute("SELECT name FROM import_mapping").fetchall() == [
                    ("SEL-cases",)]  # fmt: skip
            stored = conn.execute("SELECT extras FROM support_case WHERE uuid = 'case-1'")
            assert (json.loads(stored.fetchone()[0] or "null") is not None) == (
                revision >= "0005")  # fmt: skip
        with db.session() as s:  # the app's readers see every record as it was
            cases = {c.sync.uuid: c for c in R.cases(s, deleted=True)}
            assert cases["case-1"].requester == "東京都" and cases["case-1"].summary == "視察の同行"
            assert cases["case-1"].types == (SupportType.ATTEND, SupportType.INTERPRETER)
            assert cases["case-1"].end_date == date(2023, 6, 2)
            assert cases["case-1"].sync.version == 3 and cases["case-1"].sync.device_id == DEV
            assert cases["case-2"].sync.deleted
            (event,) = R.events(s)
            assert [leg.city for leg in event.legs] == ["Paris", "Lyon"]
            assert event.municipalities == ("北海道",) and event.visitors == 3400
            (issue,) = R.issues(s)
            assert issue.title == "CLAIR Sydney News" and issue.languages == ("en", "ja")
            (jetaa,) = R.jetaa_events(s)
            assert jetaa.sessions[0].venue == "Online" and jetaa.participants == 40
            figures = tally_fy(s, 2023)
            assert figures.offices["SEL"].support_cases.total == 1
            assert figures.offices["NYC"].support_cases.total == 0  # the tombstone
            assert figures.offices["PAR"].event_booths.events == 1
            assert figures.offices["PAR"].event_booths.countries == ("FR",)
            versions = history.versions(s, "event-1")
            assert [(v.how, v.version, v.device_id) for v in versions] == [
                ("existing", 5, OTHER)]  # fmt: skip
            assert len(history.deleted_records(s)) == 1
        # and it is edited like any record: the history starts from what was stored
        old = edit.values_of(db, "case-1")
        edit.update(db, RecordKind.SUPPORT_CASE, "case-1", dataclasses.replace(old, staff="李"))
        with db.session() as s:
            versions = history.versions(s, "case-1")
        assert [v.how for v in versions] == ["existing", "form"]
        assert versions[0].values is not None
        assert history.record(RecordKind.SUPPORT_CASE, versions[0].values) == old
        assert versions[1].version == 21  # after the old clock
        edit.restore_version(db, "case-1", 3)
        assert edit.values_of(db, "case-1") == old
    finally:
        db.close()


def test_every_earlier_revision_is_tried() -> None:
    assert _earlier_revisions()[:5] == ["0001", "0002", "0003", "0004", "0005"]
