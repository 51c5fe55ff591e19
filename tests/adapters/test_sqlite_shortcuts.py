"""SQLite shortcuts for bot state: the same rows and answers as the engine path, a step aside when unsure."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.persistence.db import Database, _DirectReader
from adapters.persistence.state import ConflictError, SqlStateStore
from adapters.persistence.tables import BotStateRow


def db_path(database: Database) -> Path:
    assert database._direct is not None
    return database._direct.path


async def test_direct_and_async_reads_answer_the_same(sqlite_db: Database) -> None:
    store = SqlStateStore(sqlite_db)
    etag = await store.write("msteams/conversations/a/", {"n": 1, "tekst": "één"}, "*")
    assert sqlite_db.read_now("SELECT count(*) FROM bot_state") == [(1,)], "the shortcut itself answers"
    direct = await store.read(["msteams/conversations/a/", "unknown"])
    shortcut, sqlite_db._direct = sqlite_db._direct, None
    try:
        through_engine = await store.read(["msteams/conversations/a/", "unknown"])
    finally:
        sqlite_db._direct = shortcut
    assert (
        direct
        == through_engine
        == {await store.hash_key("msteams/conversations/a/"): (etag, {"n": 1, "tekst": "één"})}
    )


async def test_a_writer_mid_transaction_neither_blocks_the_read_nor_shows_its_uncommitted_change(
    sqlite_db: Database,
) -> None:
    store = SqlStateStore(sqlite_db)
    etag = await store.write("k", {"n": 1}, "*")
    hashed = await store.hash_key("k")
    writer = sqlite3.connect(db_path(sqlite_db), isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE bot_state SET data = '{\"n\": 2}' WHERE key = ?", (hashed,))
        started = time.perf_counter()
        assert sqlite_db.read_now("SELECT data FROM bot_state WHERE key = ?", (hashed,)) == [('{"n": 1}',)]
        assert time.perf_counter() - started < 0.04, "the read waited for the writer"
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert (await store.read(["k"]))[hashed][1] == {"n": 2}
    assert (await store.read(["k"]))[hashed][0] == etag  # the raw UPDATE above kept the etag


async def test_a_missing_or_replaced_file_is_noticed(sqlite_db: Database, tmp_path: Path) -> None:
    store = SqlStateStore(sqlite_db)
    await store.write("k", {"n": 1}, "*")
    path = db_path(sqlite_db)
    assert sqlite_db.read_now("SELECT count(*) FROM bot_state") == [(1,)]
    away = tmp_path / "away.db"
    path.rename(away)
    assert sqlite_db.read_now("SELECT count(*) FROM bot_state") is None, "never a blank new database"
    assert not path.exists()
    # Another database under the old name (a restore) is read, not the moved-away original.
    for leftover in path.parent.glob(path.name + "-*"):
        leftover.unlink()
    with sqlite3.connect(path) as restored:
        restored.execute("CREATE TABLE bot_state (key, etag, data)")
    assert sqlite_db.read_now("SELECT count(*) FROM bot_state") == [(0,)]


def test_a_file_that_is_not_a_database_gives_none_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    path.write_bytes(b"this is not a database" * 100)
    reader = _DirectReader(path)
    assert reader.fetch("SELECT count(*) FROM sqlite_master", ()) is None
    path.unlink()
    assert reader.fetch("SELECT count(*) FROM sqlite_master", ()) is None
    assert not path.exists()


def test_the_shortcut_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE t (x)")
    reader = _DirectReader(path)
    assert reader.fetch("INSERT INTO t VALUES (1)", ()) is None  # query_only refuses it
    assert reader.fetch("SELECT count(*) FROM t", ()) == [(0,)]
    reader.close()


async def test_direct_writes_store_exactly_what_the_engine_stores(sqlite_db: Database) -> None:
    """Same rows byte for byte (dates and times formatted as SQLAlchemy does), so purges still compare."""
    store = SqlStateStore(sqlite_db)
    direct_etag = await store.write("direct", {"n": 1}, None)
    writer, sqlite_db._writer = sqlite_db._writer, None
    try:
        engine_etag = await store.write("engine", {"n": 1}, None)
    finally:
        sqlite_db._writer = writer
    with sqlite3.connect(db_path(sqlite_db)) as raw:
        rows = {
            etag: (data, updated_at, typeof)
            for etag, data, updated_at, typeof in raw.execute(
                "SELECT etag, data, updated_at, typeof(updated_at) FROM bot_state"
            )
        }
    assert rows[direct_etag][0] == rows[engine_etag][0]
    assert rows[direct_etag][2] == rows[engine_etag][2] == "text"
    assert len(rows[direct_etag][1]) == len(rows[engine_etag][1])  # same format, a moment apart
    # The purge compares these strings: both rows are younger than a minute ago, older than now.
    assert await store.purge_older_than(datetime.now(UTC) - timedelta(minutes=1)) == 0
    assert await store.purge_older_than(datetime.now(UTC) + timedelta(seconds=1)) == 2


async def test_direct_writes_keep_the_etag_rules(sqlite_db: Database) -> None:
    store = SqlStateStore(sqlite_db)
    assert sqlite_db._writer is not None, "served SQLite databases write directly"
    first = await store.write("k", {"n": 1}, None)
    with pytest.raises(ConflictError):
        await store.write("k", {"n": 2}, None)  # the primary key refuses a second create
    second = await store.write("k", {"n": 2}, first)
    with pytest.raises(ConflictError):
        await store.write("k", {"n": 3}, first)  # stale etag
    assert await store.write("k", {"n": 4}, "*") != second
    assert (await store.read(["k"]))[await store.hash_key("k")][1] == {"n": 4}


async def test_insert_now_wants_every_column(sqlite_db: Database) -> None:
    with pytest.raises(ValueError, match="columns"):
        await sqlite_db.insert_now(BotStateRow.__table__, {"key": "x"})
