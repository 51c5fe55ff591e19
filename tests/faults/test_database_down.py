"""The database goes away and comes back: a short apology, /healthz 503, no crash, no restart needed."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.persistence.migrate import upgrade
from adapters.teams.adapter import APOLOGY
from bot.app import create_app
from bot.settings import Settings

from .pg_cluster import PrivateCluster

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")


def activity(text: str, conversation: str) -> dict[str, Any]:
    return {
        "type": "message",
        "id": uuid.uuid4().hex,
        "channelId": "emulator",
        "serviceUrl": "http://127.0.0.1:9/",
        "conversation": {"id": conversation},
        "from": {"id": "29:someone"},
        "recipient": {"id": "bot"},
        "locale": "nl-NL",
        "deliveryMode": "expectReplies",
        "text": text,
    }


async def turn(client: TestClient, text: str, conversation: str) -> list[dict[str, Any]]:
    answer = await client.post("/api/messages", json=activity(text, conversation))
    assert answer.status == 200
    return (await answer.json())["activities"]


def messages(acts: list[dict[str, Any]]) -> list[str]:
    return [a.get("text") or "card" for a in acts if a["type"] == "message"]


def match_traces(acts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for a in acts if a["type"] == "trace" and a.get("name") == "knowledge.match"]


async def health(client: TestClient) -> int:
    return (await client.get("/healthz")).status


async def outage_and_recovery(
    client: TestClient, break_it: Callable[[], Any], mend_it: Callable[[], Any]
) -> None:
    conversation = "conv-" + uuid.uuid4().hex
    before = await turn(client, "waar is een stilteruimte", conversation)
    assert messages(before) and APOLOGY["nl"] not in messages(before)
    assert await health(client) == 200

    await break_it()
    assert await health(client) == 503
    for text in ("waar is een stilteruimte", "ik word bedreigd", "hoi"):
        during = await turn(client, text, conversation)
        assert messages(during) == [APOLOGY["nl"]]  # short, and it names 112
        assert len(match_traces(during)) == 1  # the contract holds on the bad day too
    # What needs no database keeps working.
    check = await client.post("/api/language/check", json={"text": "allochtone collega", "lang": "nl"})
    assert check.status == 200

    await mend_it()
    for _ in range(50):
        if await health(client) == 200:
            break
        await asyncio.sleep(0.2)
    assert await health(client) == 200
    after = await turn(client, "waar is een stilteruimte", conversation)
    assert messages(after) and APOLOGY["nl"] not in messages(after)
    assert len(match_traces(after)) == 1


@pytest.fixture
async def sqlite_app(tmp_path: Path) -> AsyncIterator[tuple[TestClient, Path]]:
    path = tmp_path / "bot.db"
    settings = Settings(database_url=f"sqlite+aiosqlite:///{path}", host="127.0.0.1", port=0)
    await asyncio.to_thread(upgrade, settings.database_url)
    async with TestClient(TestServer(create_app(settings), host="127.0.0.1")) as client:
        yield client, path


async def test_sqlite_file_unreadable_then_back(sqlite_app: tuple[TestClient, Path], tmp_path: Path) -> None:
    client, path = sqlite_app
    kept = tmp_path / "kept"
    kept.mkdir()

    async def break_it() -> None:
        # Root reads through chmod 000, so put something unreadable in the file's place instead.
        for name in (path.name, path.name + "-wal", path.name + "-shm"):
            if (path.parent / name).exists():
                shutil.move(path.parent / name, kept / name)
        path.write_bytes(b"\x00 not a database \x00" * 512)

    async def mend_it() -> None:
        path.unlink()
        for name in (path.name, path.name + "-wal", path.name + "-shm"):
            if (kept / name).exists():
                shutil.move(kept / name, path.parent / name)

    await outage_and_recovery(client, break_it, mend_it)


async def test_sqlite_file_missing_is_not_recreated_empty(sqlite_app: tuple[TestClient, Path]) -> None:
    client, path = sqlite_app
    away = path.with_suffix(".away")

    async def break_it() -> None:
        path.rename(away)

    async def mend_it() -> None:
        away.rename(path)

    await outage_and_recovery(client, break_it, mend_it)


@pytest.mark.postgres
@pytest.mark.slow
async def test_postgresql_stopped_then_started() -> None:
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set (CI starts PostgreSQL; this test runs its own cluster)")
    cluster = PrivateCluster()
    try:
        await asyncio.to_thread(cluster.create)
        await asyncio.to_thread(cluster.start)
        settings = Settings(database_url=cluster.url, host="127.0.0.1", port=0)
        await asyncio.to_thread(upgrade, settings.database_url)
        async with TestClient(TestServer(create_app(settings), host="127.0.0.1")) as client:

            async def break_it() -> None:
                await asyncio.to_thread(cluster.stop)

            async def mend_it() -> None:
                await asyncio.to_thread(cluster.start)

            await outage_and_recovery(client, break_it, mend_it)
    finally:
        await asyncio.to_thread(cluster.remove)
