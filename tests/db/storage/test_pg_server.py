"""The test PostgreSQL server (issue #23): each test's database is its own and UTF-8."""

from __future__ import annotations

import psycopg

from tests.support.pg import fresh_database


def test_each_test_database_is_empty_separate_and_keeps_japanese(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE t (name text)")
        conn.execute("INSERT INTO t VALUES (%s)", ("𠮷野家・ソウル事務所",))
        assert conn.execute("SELECT name FROM t").fetchone() == ("𠮷野家・ソウル事務所",)
    with fresh_database() as other, psycopg.connect(other) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
        assert tables == (0,)
