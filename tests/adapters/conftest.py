"""Fresh, migrated databases per test: SQLite always, PostgreSQL when CI provides one."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from adapters.persistence.db import Database
from adapters.persistence.migrate import upgrade

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")
# Tables a test may fill; app_secret survives so instances keep sharing one key.
_DATA_TABLES = (
    "bot_state",
    "gap",
    "feedback",
    "workspace_revision",
    "workspace_published",
    "workspace_release",
    "workspace_session",
    "workspace_login",
    "workspace_audit",
    "workspace_test_question",
)

# Every SQL-backed test runs on both; the postgres one skips without a server.
SQL_BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'data' / 'bot.db'}"


async def _open(url: str) -> Database:
    # upgrade() blocks and runs its own loop, so keep it off this test's loop.
    await asyncio.to_thread(upgrade, url)
    return Database(url)


@pytest.fixture
async def sqlite_db(sqlite_url: str) -> AsyncIterator[Database]:
    database = await _open(sqlite_url)
    yield database
    await database.dispose()


@pytest.fixture
async def postgres_db() -> AsyncIterator[Database]:
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set")
    database = await _open(POSTGRES_URL)
    async with database.engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {', '.join(_DATA_TABLES)}"))
    yield database
    await database.dispose()


@pytest.fixture(params=SQL_BACKENDS)
def database(request: pytest.FixtureRequest) -> Database:
    """A migrated, empty database of each kind."""
    return request.getfixturevalue(f"{request.param}_db")
