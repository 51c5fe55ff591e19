"""kill -9 while 200 questions for the alderman are being submitted: nothing confirmed is lost or doubled."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from .processes import ServerProcess, export_questions, message, private_postgres_database, traces

SUBMISSIONS = 200
KILL_AFTER_RECEIPTS = 30
RETRIED = 15
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def submission(run: str, i: int) -> dict[str, Any]:
    """The contract's message-path form submission from the confirmation step, one sender each."""
    value = {
        "action": "alderman.submit",
        "question": f"Vraag {run}-{i:03d}: hoe zorgen we voor genoeg stilteruimtes op locatie {i}?",
        "addressee": "wethouder",
        "session": None,
        "confirmed": True,
    }
    return message(f"a:conv-{run}-{i}", f"29:user-{run}-{i}", value=value)


async def submit(session: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> bool:
    """True when the confirmation arrived (the receipt's trace), False when it did not."""
    try:
        async with session.post(url + "/api/messages", json=body) as answer:
            if answer.status != 200:
                return False
            activities = (await answer.json())["activities"]
    except (TimeoutError, aiohttp.ClientError):
        return False
    return len(traces(activities, "alderman.submitted")) == 1


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set")
    async with private_postgres_database(POSTGRES_URL) as url:
        yield url


def occurrences(exported: str, run: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for i in range(SUBMISSIONS):
        counts[i] = exported.count(f"Vraag {run}-{i:03d}:")
    return counts


@pytest.mark.slow
async def test_kill_9_during_200_submissions_loses_and_doubles_nothing(
    database_url: str, tmp_path: Path
) -> None:
    url = database_url
    run = uuid.uuid4().hex[:8]
    bodies = [submission(run, i) for i in range(SUBMISSIONS)]
    first = ServerProcess(url, tmp_path)
    first.start()
    try:
        await first.wait_healthy()
        confirmed: list[bool] = [False] * SUBMISSIONS
        enough = asyncio.Event()

        async def one(i: int) -> None:
            confirmed[i] = await submit(session, first.url, bodies[i])
            if sum(confirmed) >= KILL_AFTER_RECEIPTS:
                enough.set()

        connector = aiohttp.TCPConnector(limit=SUBMISSIONS)
        async with aiohttp.ClientSession(
            connector=connector, timeout=aiohttp.ClientTimeout(total=60)
        ) as session:
            everything = asyncio.ensure_future(asyncio.gather(*(one(i) for i in range(SUBMISSIONS))))
            waiting = asyncio.ensure_future(enough.wait())
            await asyncio.wait([everything, waiting], return_when=asyncio.FIRST_COMPLETED)
            first.kill9()  # mid-flight: some stored and answered, some stored only, some not at all
            await everything
            waiting.cancel()
    finally:
        first.kill9()
    arrived = [i for i in range(SUBMISSIONS) if confirmed[i]]
    assert KILL_AFTER_RECEIPTS <= len(arrived) < SUBMISSIONS, "the kill should land mid-flight"

    second = ServerProcess(url, tmp_path)
    second.start()
    try:
        await second.wait_healthy()
        after_restart = occurrences(await asyncio.to_thread(export_questions, url), run)
        # Every question whose confirmation arrived is exported, exactly once; none twice.
        assert all(after_restart[i] == 1 for i in arrived), [i for i in arrived if after_restart[i] != 1]
        assert max(after_restart.values()) == 1

        # The channel retries what got no answer, with the same activity ids: the questions that were
        # stored without their confirmation getting out, and some that were never stored.
        stored_unconfirmed = [i for i in range(SUBMISSIONS) if after_restart[i] == 1 and not confirmed[i]]
        never_stored = [i for i in range(SUBMISSIONS) if after_restart[i] == 0]
        # A sample of each keeps the test short (every retry costs a scrypt hash).
        stored_unconfirmed, never_stored = stored_unconfirmed[:RETRIED], never_stored[:RETRIED]
        retried = stored_unconfirmed + never_stored
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
            await asyncio.gather(*(submit(session, second.url, bodies[i]) for i in retried))
        finally_exported = occurrences(await asyncio.to_thread(export_questions, url), run)
        assert all(finally_exported[i] == 1 for i in [*arrived, *retried])
        assert max(finally_exported.values()) == 1
    finally:
        second.stop()
