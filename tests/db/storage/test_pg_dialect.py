"""The ledger's raw SQL on PostgreSQL (db/storage/pg/dialect.py, issue #23): SQLite's
``?`` and literal ``%`` as psycopg wants them, and id sequences after own-id inserts."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine

from db.storage.pg.dialect import install


def _engine(pg_url: str) -> Engine:
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    install(engine)
    return engine


def test_a_percent_in_a_quoted_literal_beside_a_question_mark(pg_url: str) -> None:
    """psycopg reads ``%`` inside quotes as a placeholder too: ``'%Y'`` beside a ``?``
    failed ("only '%s', '%b', '%t' are allowed")."""
    engine = _engine(pg_url)
    with engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT '100%' || ?, 'a ? b'", ("達成",)).one()
    assert tuple(row) == ("100%達成", "a ? b")
    engine.dispose()


def test_an_insert_of_own_ids_never_moves_the_sequence_back(pg_url: str) -> None:
    """Ten ids handed out, the last five rows deleted, then a row put back with its own
    id 6: the next id is 11, not 7 (7–10 were taken once and may live elsewhere)."""
    engine = _engine(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (id serial PRIMARY KEY, v text)")
        for n in range(10):
            conn.exec_driver_sql("INSERT INTO t (v) VALUES (?)", (f"r{n}",))
        conn.exec_driver_sql("DELETE FROM t WHERE id > 5")
        put = conn.exec_driver_sql("INSERT INTO t (id, v) VALUES (?, ?)", (6, "back"))
        assert put.rowcount == 1
        conn.exec_driver_sql("INSERT INTO t (id, v) VALUES (?, ?)", (40, "far"))
        nxt = conn.exec_driver_sql("INSERT INTO t (v) VALUES (?) RETURNING id", ("new",))
        assert nxt.scalar_one() == 41  # moved past 40 (an own id above the sequence)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM t WHERE id >= 40")
        conn.exec_driver_sql("INSERT INTO t (id, v) VALUES (?, ?)", (7, "again"))
        nxt = conn.exec_driver_sql("INSERT INTO t (v) VALUES (?) RETURNING id", ("new",))
        assert nxt.scalar_one() == 42  # never back to 8
    engine.dispose()
