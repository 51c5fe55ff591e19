"""The real aiohttp app on loopback, with a fresh SQLite database per test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.persistence.migrate import upgrade
from bot.app import create_app
from bot.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", host="127.0.0.1", port=0)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[TestClient]:
    await asyncio.to_thread(upgrade, settings.database_url)
    app = create_app(settings)
    async with TestClient(TestServer(app, host="127.0.0.1")) as test_client:
        yield test_client
