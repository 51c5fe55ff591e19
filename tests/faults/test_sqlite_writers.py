"""Many turns writing SQLite at once: they queue on the event loop, none fails with 'database is locked'."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from adapters.persistence.db import Database
from adapters.persistence.migrate import upgrade
from adapters.persistence.state import SqlStateStore


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await asyncio.to_thread(upgrade, url)
    db = Database(url)
    yield db
    await db.dispose()


async def test_two_hundred_concurrent_writes_all_land(database: Database) -> None:
    store = SqlStateStore(database)

    async def turn(i: int) -> None:
        await store.read([f"conversation-{i % 20}"])
        await store.write(f"conversation-{i % 20}", {"turn": i}, "*")

    await asyncio.gather(*(turn(i) for i in range(200)))
    rows = await store.read([f"conversation-{i}" for i in range(20)])
    assert len(rows) == 20


async def test_a_writer_waits_for_the_one_before_it_instead_of_failing(database: Database) -> None:
    async with database.engine.connect() as first:
        await first.execute(text("INSERT INTO app_secret (name, value) VALUES ('a', 'x')"))
        # The first transaction is still open; a second writer queues behind it.
        second = asyncio.ensure_future(_insert(database, "b"))
        await asyncio.sleep(0.2)
        assert not second.done()
        await first.commit()
    await asyncio.wait_for(second, 5)
    async with database.engine.connect() as connection:
        names = (await connection.execute(text("SELECT name FROM app_secret ORDER BY name"))).scalars().all()
    assert {"a", "b"} <= set(names)


async def _insert(database: Database, name: str) -> None:
    async with database.engine.begin() as connection:
        await connection.execute(text("INSERT INTO app_secret (name, value) VALUES (:n, 'y')"), {"n": name})
