"""SqlStateStore: etag rules, hashed keys, shared secret, and the inactivity purge."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from adapters.persistence.db import Database
from adapters.persistence.state import ConflictError, SqlStateStore
from adapters.persistence.tables import AppSecretRow, BotStateRow


@pytest.fixture
def store(database: Database) -> SqlStateStore:
    return SqlStateStore(database)


async def test_keys_are_hmac_hex_not_the_key(store: SqlStateStore) -> None:
    await store.write("msteams/conversations/abc/", {"n": 1}, "*")
    hashed = await store.hash_key("msteams/conversations/abc/")
    assert len(hashed) == 64
    assert int(hashed, 16) >= 0
    assert set(await store.read(["msteams/conversations/abc/", "unknown"])) == {hashed}


async def test_none_only_creates(store: SqlStateStore) -> None:
    etag = await store.write("k", {"n": 1}, None)
    with pytest.raises(ConflictError):
        await store.write("k", {"n": 2}, None)
    hashed = await store.hash_key("k")
    assert await store.read(["k"]) == {hashed: (etag, {"n": 1})}


async def test_matching_etag_writes_and_stale_or_missing_conflicts(store: SqlStateStore) -> None:
    first = await store.write("k", {"n": 1}, "*")
    second = await store.write("k", {"n": 2}, first)
    assert second != first
    with pytest.raises(ConflictError):
        await store.write("k", {"n": 3}, first)
    with pytest.raises(ConflictError):
        await store.write("missing", {"n": 1}, second)
    with pytest.raises(ValueError, match="empty"):
        await store.write("k", {"n": 4}, "")
    assert (await store.read(["k"]))[await store.hash_key("k")] == (second, {"n": 2})
    assert await store.read(["missing"]) == {}


async def test_concurrent_creators(store: SqlStateStore, database: Database) -> None:
    results = await asyncio.gather(
        *(store.write("new", {"i": i}, None) for i in range(5)), return_exceptions=True
    )
    assert sum(isinstance(result, ConflictError) for result in results) == 4
    # Unconditional writers all succeed and leave exactly one row.
    await asyncio.gather(*(store.write("wild", {"i": i}, "*") for i in range(5)))
    async with database.engine.connect() as connection:
        count = await connection.scalar(select(func.count()).select_from(BotStateRow))
    assert count == 2


async def test_delete_ignores_unknown_keys(store: SqlStateStore) -> None:
    await store.write("a", {}, "*")
    await store.delete(["a", "never-written"])
    await store.delete([])
    assert await store.read(["a"]) == {}


async def test_purge_removes_only_stale_state(store: SqlStateStore, database: Database) -> None:
    await store.write("old", {"n": 1}, "*")
    await store.write("fresh", {"n": 2}, "*")
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    async with database.engine.begin() as connection:
        await connection.execute(
            update(BotStateRow)
            .where(BotStateRow.key == await store.hash_key("old"))
            .values(updated_at=long_ago)
        )
    cutoff = datetime.now(UTC) - timedelta(minutes=30)
    assert await store.purge_older_than(cutoff) == 1
    assert set(await store.read(["old", "fresh"])) == {await store.hash_key("fresh")}
    assert await store.purge_older_than(cutoff) == 0
    # Any time zone means the same instant (SQLite stores no offset: the store converts).
    cest = datetime.now(timezone(timedelta(hours=2))) + timedelta(minutes=1)
    assert await store.purge_older_than(cest) == 1
    with pytest.raises(ValueError, match="aware"):
        await store.purge_older_than(datetime.now())  # naive on purpose


async def test_instances_share_one_secret(database: Database) -> None:
    first, second = SqlStateStore(database), SqlStateStore(database)
    hashes = await asyncio.gather(first.hash_key("k"), second.hash_key("k"))
    assert hashes[0] == hashes[1]
    async with database.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(AppSecretRow)) == 1
    assert await SqlStateStore(database, secret=b"configured").hash_key("k") != hashes[0]
