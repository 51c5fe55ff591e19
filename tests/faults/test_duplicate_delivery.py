"""The same activity delivered twice: one answer, one stored question; a failed turn may be retried."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.persistence.db import Database
from adapters.persistence.migrate import upgrade
from adapters.persistence.question_repository import SqlQuestionRepository
from adapters.teams.adapter import APOLOGY
from bot.app import create_app
from bot.settings import Settings

from .processes import message, traces


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[tuple[TestClient, str]]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await asyncio.to_thread(upgrade, url)
    async with TestClient(TestServer(create_app(Settings(database_url=url)), host="127.0.0.1")) as client:
        yield client, url


def confirmed_submission() -> dict[str, Any]:
    value = {
        "action": "alderman.submit",
        "question": "Hoe zorgen we ervoor dat elke locatie een stilteruimte heeft?",
        "addressee": "wethouder",
        "session": None,
        "confirmed": True,
    }
    return message("a:" + uuid.uuid4().hex, "29:" + uuid.uuid4().hex, value=value)


async def replies(client: TestClient, body: dict[str, Any]) -> list[dict[str, Any]]:
    answer = await client.post("/api/messages", json=body)
    assert answer.status == 200
    return (await answer.json())["activities"]


async def stored(url: str) -> int:
    database = Database(url)
    try:
        return len(await SqlQuestionRepository(database).list())
    finally:
        await database.dispose()


async def test_a_repeated_submission_is_answered_and_stored_once(app: tuple[TestClient, str]) -> None:
    client, url = app
    body = confirmed_submission()
    first = await replies(client, body)
    second = await replies(client, body)
    assert len(traces(first, "alderman.submitted")) == 1
    assert second == []  # no second receipt, no 'already received' note either
    assert await stored(url) == 1


async def test_simultaneous_copies_are_answered_and_stored_once(app: tuple[TestClient, str]) -> None:
    client, url = app
    body = confirmed_submission()
    answers = await asyncio.gather(*(replies(client, body) for _ in range(3)))
    assert sum(len(traces(a, "alderman.submitted")) for a in answers) == 1
    assert sorted(len(a) for a in answers)[:2] == [0, 0]
    assert await stored(url) == 1


async def test_a_repeated_question_gets_one_answer(app: tuple[TestClient, str]) -> None:
    client, _ = app
    body = message("a:" + uuid.uuid4().hex, "29:someone", text="waar is een stilteruimte")
    assert len(traces(await replies(client, body), "knowledge.match")) == 1
    assert await replies(client, body) == []
    # A new activity in the same conversation is a new turn, of course.
    again = {**body, "id": uuid.uuid4().hex}
    assert len(traces(await replies(client, again), "knowledge.match")) == 1


async def test_a_delivery_whose_turn_failed_is_run_again(app: tuple[TestClient, str], tmp_path: Path) -> None:
    client, _ = app
    body = message("a:" + uuid.uuid4().hex, "29:someone", text="waar is een stilteruimte")
    database = tmp_path / "bot.db"
    database.rename(tmp_path / "away.db")
    failed = await replies(client, body)
    assert [a.get("text") for a in failed if a["type"] == "message"] == [APOLOGY["nl"]]
    (tmp_path / "away.db").rename(database)
    retried = await replies(client, body)
    assert APOLOGY["nl"] not in str(retried)
    assert len(traces(retried, "knowledge.match")) == 1
