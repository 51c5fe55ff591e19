"""The quick path says exactly what the SDK's full turn says, and steps aside whenever it should.

Two servers from the same content, one with the quick path and one without, get the same
activities; their answers (expectReplies) and the replies they post to a fake Bot Connector
(the normal path) must be identical, and so must what they keep for moderators.
"""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer

from adapters.persistence.db import Database
from adapters.persistence.migrate import upgrade
from adapters.persistence.repositories import SqlGapLog
from bot.app import MESSAGES, create_app
from bot.settings import Settings

from .bot_service import FakeBotService

CASES = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "topic_cases.yaml"


def sentences() -> list[str]:
    """Every hand-written topic case: questions, emergencies, disclosures, chatter, English."""
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    found: list[str] = []
    for key, rows in data.items():
        for row in rows:
            found.append(row[0] if key.endswith("_batch") else row)
    return sorted(set(found))


class Pair:
    """The same app twice: quick path on (a) and off (b), each with its own SQLite database."""

    def __init__(self, quick: TestClient, full: TestClient, urls: tuple[str, str]) -> None:
        self.quick, self.full, self.urls = quick, full, urls

    def quick_turns(self) -> int:
        return self.quick.app[MESSAGES].quick_turns

    async def both(self, body: dict[str, Any]) -> tuple[Any, Any]:
        answers = []
        for client in (self.quick, self.full):
            response = await client.post("/api/messages", json=body)
            assert response.status in (200, 201), await response.text()
            answers.append(await response.json() if response.status == 200 else None)
        return answers[0], answers[1]

    async def gaps(self) -> tuple[list[Any], list[Any]]:
        found = []
        for url in self.urls:
            database = Database(url)
            try:
                found.append(sorted(await SqlGapLog(database).recent(limit=10_000), key=repr))
            finally:
                await database.dispose()
        return found[0], found[1]


@pytest.fixture
async def pair(tmp_path: Path) -> AsyncIterator[Pair]:
    urls = (f"sqlite+aiosqlite:///{tmp_path / 'quick.db'}", f"sqlite+aiosqlite:///{tmp_path / 'full.db'}")
    for url in urls:
        await asyncio.to_thread(upgrade, url)
    quick = create_app(Settings(database_url=urls[0], host="127.0.0.1", port=0))
    full = create_app(Settings(database_url=urls[1], host="127.0.0.1", port=0), quick_path=False)
    async with (
        TestClient(TestServer(quick, host="127.0.0.1")) as a,
        TestClient(TestServer(full, host="127.0.0.1")) as b,
    ):
        yield Pair(a, b, urls)


def message(
    text: str, mode: str = "expectReplies", service_url: str = "http://127.0.0.1:9/", **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "message",
        "id": uuid.uuid4().hex,
        "channelId": "emulator" if mode == "expectReplies" else "msteams",
        "serviceUrl": service_url,
        "conversation": {"id": "a:" + uuid.uuid4().hex, "conversationType": "personal", "tenantId": "t1"},
        "from": {"id": "29:" + uuid.uuid4().hex, "name": "Sam", "aadObjectId": str(uuid.uuid4())},
        "recipient": {"id": "28:bot", "name": "Wegwijzer"},
        "locale": "nl-NL",
        "text": text,
        "entities": [{"type": "clientInfo", "locale": "nl-NL", "platform": "Web"}],
        "channelData": {"tenant": {"id": "t1"}},
    }
    if mode == "expectReplies":
        body["deliveryMode"] = "expectReplies"
    return {**body, **extra}


async def test_every_topic_case_gets_the_same_answer_and_leaves_the_same_gaps(pair: Pair) -> None:
    texts = sentences()
    assert len(texts) > 500
    for i, text in enumerate(texts):
        body = message(text, locale="en-US" if i % 5 == 0 else "nl-NL")
        quick, full = await pair.both(body)
        assert quick == full, text
    # Most of them are one-turn answers; the rest begin a flow that may ask back.
    assert pair.quick_turns() > len(texts) * 0.6
    gaps_quick, gaps_full = await pair.gaps()
    assert gaps_quick == gaps_full
    assert gaps_quick  # the fallbacks among the cases were kept (masked) on both sides


async def test_the_normal_path_posts_the_same_replies_to_the_connector(pair: Pair) -> None:
    service = await FakeBotService().start()
    try:
        for text in sentences()[::7]:
            body = message(text, mode="normal", service_url=service.service_url)
            before = len(service.delivered)
            await pair.both(body)
            quick, full = service.delivered[before:], []
            half = len(quick) // 2
            quick, full = quick[:half], quick[half:]
            assert [(r.path, r.body) for r in quick] == [(r.path, r.body) for r in full], text
            assert quick, text
    finally:
        await service.close()
    assert pair.quick_turns() > 0


@pytest.mark.parametrize(
    ("first", "then", "why"),
    [
        (
            "waar is een stilteruimte in het stadhuis",
            "kan ik anoniem melden?",
            "the room search waits for 'meer'",
        ),
        ("ik wil iets melden", "de vertrouwenspersoon", "the reporting guide is running"),
        (
            "ik heb een vraag voor de wethouder",
            "waarom is er geen stilteruimte in West?",
            "the question form is open",
        ),
    ],
)
async def test_a_running_flow_takes_the_full_path(pair: Pair, first: str, then: str, why: str) -> None:
    body = message(first)
    await pair.both(body)
    before = pair.quick_turns()
    follow = message(then)
    follow["conversation"], follow["from"] = body["conversation"], body["from"]
    quick, full = await pair.both(follow)
    assert quick == full, why
    assert pair.quick_turns() == before, why


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        ({"value": {"action": "menu", "area": "language"}}, "a card click"),
        ({"conversation": {"id": "19:g", "conversationType": "groupChat"}}, "a group chat"),
        ({"text": "<at>Wegwijzer</at> kan ik anoniem melden?"}, "a mention in the text"),
        (
            {"entities": [{"type": "mention", "mentioned": {"id": "28:bot"}, "text": "<at>W</at>"}]},
            "a mention",
        ),
        ({"attachments": [{"contentType": "image/png", "contentUrl": "https://x/y.png"}]}, "an attachment"),
        ({"text": "   "}, "an empty text"),
        ({"text": "x" * 4001}, "a text too long for a question"),
        ({"type": "conversationUpdate", "text": None}, "not a message"),
    ],
)
async def test_anything_but_a_plain_question_takes_the_full_path(
    pair: Pair, extra: dict[str, Any], why: str
) -> None:
    body = {**message("kan ik anoniem melden?"), **extra}
    quick, full = await pair.both(body)
    assert quick == full, why
    assert pair.quick_turns() == 0, why


async def test_the_same_delivery_twice_is_answered_once_on_the_quick_path(pair: Pair) -> None:
    body = message("wat doet het externe meldpunt?")
    first = await (await pair.quick.post("/api/messages", json=body)).json()
    again = await (await pair.quick.post("/api/messages", json=body)).json()
    assert [a["type"] for a in first["activities"]] == ["message", "trace"]
    assert again == {"activities": []}
    assert pair.quick_turns() == 1


async def test_a_busy_connector_is_retried_and_the_answer_arrives_once(pair: Pair) -> None:
    service = await FakeBotService().start()
    try:
        service.connector_script = [(502, {})]
        answer = await pair.quick.post(
            "/api/messages", json=message("wat doet het externe meldpunt?", "normal", service.service_url)
        )
        assert answer.status == 201
        assert len(service.attempts) == 2
        assert [r.body["type"] for r in service.delivered] == ["message"]  # the trace stays in (not msteams)
    finally:
        await service.close()
    assert pair.quick_turns() == 1


async def test_a_refused_reply_gets_the_apology_and_a_redelivery_a_real_second_try(pair: Pair) -> None:
    service = await FakeBotService().start()
    try:
        service.connector_script = [(400, {})]
        body = message("wat doet het externe meldpunt?", "normal", service.service_url)
        assert (await pair.quick.post("/api/messages", json=body)).status == 201
        assert [r.body.get("text", "")[:5] for r in service.delivered] == ["Sorry"]
        # The turn failed, so the same delivery is not 'answered already': it is answered now.
        assert (await pair.quick.post("/api/messages", json=body)).status == 201
        assert [r.body["type"] for r in service.delivered] == ["message", "message"]
        assert service.delivered[1].body["attachments"]
    finally:
        await service.close()
    assert pair.quick_turns() == 2


async def test_when_keeping_a_gap_fails_both_paths_apologise_alike(pair: Pair) -> None:
    for url in pair.urls:  # a real fault: the table the gap goes to is gone
        with sqlite3.connect(url.split("///", 1)[1]) as db:
            db.execute("DROP TABLE gap")
    body = message("hoe vraag ik verlof aan")  # a fallback: its masked text is kept for moderators
    quick, full = await pair.both(body)
    assert quick == full
    kinds = [
        a.get("text", "")[:5] if a["type"] == "message" and not a.get("attachments") else a["type"]
        for a in quick["activities"]
    ]
    assert kinds == ["message", "Sorry", "trace"]
    assert pair.quick_turns() == 1
