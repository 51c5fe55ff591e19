"""Migrations build the schema from nothing, repeat harmlessly, and match the models."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from adapters.persistence.db import Database
from adapters.persistence.migrate import alembic_config, upgrade
from adapters.persistence.tables import Base

# Every model's table, made by the migrations alone (new migrations add models too).
TABLES = {"alembic_version", *Base.metadata.tables}
HEAD = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _schema_drift(connection: Connection) -> list:
    return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_migrations_form_one_line() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1, "two migrations revise the same one: chain the newer after the other"
    assert {"app_secret", "bot_state", "gap", "question", "question_session", "delivery_seen"} <= TABLES


async def test_upgrade_builds_everything_from_an_empty_file(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'not' / 'yet' / 'there.db'}"
    await asyncio.to_thread(upgrade, url)
    assert (tmp_path / "not" / "yet" / "there.db").is_file()
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_table_names) == TABLES
            assert await connection.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
    finally:
        await database.dispose()


async def test_upgrade_is_idempotent(sqlite_url: str, sqlite_db: Database) -> None:
    async with sqlite_db.engine.begin() as connection:
        await connection.execute(text("INSERT INTO app_secret (name, value) VALUES ('kept', 'x')"))
    await asyncio.to_thread(upgrade, sqlite_url)
    await asyncio.to_thread(upgrade, sqlite_url)
    async with sqlite_db.engine.connect() as connection:
        assert await connection.run_sync(_table_names) == TABLES
        assert await connection.scalar(text("SELECT value FROM app_secret WHERE name = 'kept'")) == "x"


async def test_migrations_match_the_models(database: Database) -> None:
    async with database.engine.connect() as connection:
        assert await connection.run_sync(_schema_drift) == []


async def test_upgrade_refuses_to_block_a_running_loop(sqlite_url: str) -> None:
    with pytest.raises(RuntimeError, match="to_thread"):
        upgrade(sqlite_url)


def test_upgrade_from_plain_sync_code(sqlite_url: str) -> None:
    upgrade(sqlite_url)  # the CLI's path: no event loop anywhere


async def test_sqlite_connections_get_the_pragmas(sqlite_db: Database) -> None:
    async with sqlite_db.engine.connect() as connection:

        async def pragma(name: str) -> object:
            return await connection.scalar(text(f"PRAGMA {name}"))

        assert await pragma("journal_mode") == "wal"
        assert await pragma("synchronous") == 2  # FULL
        assert await pragma("foreign_keys") == 1
        assert await pragma("busy_timeout") == 5000
        assert await pragma("secure_delete") == 1
        sql = await connection.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'gap'"))
        assert "WITHOUT ROWID" in sql


async def test_ping(database: Database) -> None:
    assert await database.ping()


async def test_ping_answers_false_instead_of_raising(tmp_path: Path) -> None:
    unreachable = Database("postgresql+asyncpg://nobody:secret@127.0.0.1:1/none")
    not_a_database = tmp_path / "garbage.db"
    not_a_database.write_bytes(b"this is not sqlite" * 512)
    broken_file = Database(f"sqlite+aiosqlite:///{not_a_database}")
    try:
        assert await unreachable.ping() is False
        assert await broken_file.ping() is False
    finally:
        await unreachable.dispose()
        await broken_file.dispose()


async def test_in_memory_sqlite_needs_no_directory() -> None:
    database = Database("sqlite+aiosqlite://")
    try:
        assert await database.ping()
        await database.checkpoint()
    finally:
        await database.dispose()
