"""Two server processes share one PostgreSQL; one conversation alternates its turns between them.

No sticky sessions: every turn may land on either instance, as behind Azure Bot Service or a
load balancer. The reporting guide (dialog state between turns) and a question for the alderman
(form, preview, confirmation) both complete, and a delivery that reaches both is stored once.
A knowledge edit published through one instance is answered by the other within five seconds.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from knowledge.guide import ACTION_ANSWER, Ask, Outcome, all_walks, load_guide, walk
from knowledge.routes import load_routes
from tests.web.admin.test_publishing import answer_form
from tests.web.admin.test_workspace_browser import ASKED, ENTRY, ask_bot

from .processes import REPO, ServerProcess, export_questions, message, private_postgres_database, traces

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")
CONTENT = REPO / "knowledge" / "content"

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def said(activities: list[dict[str, Any]]) -> str:
    return json.dumps([a for a in activities if a.get("type") == "message"], ensure_ascii=False)


def card_actions(activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The data of every Action.Submit in the cards sent."""
    found: list[dict[str, Any]] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Submit" and isinstance(node.get("data"), dict):
                found.append(node["data"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit([a.get("attachments") for a in activities])
    return found


class Alternating:
    """One person's conversation whose turns go to A, B, A, B, ..."""

    def __init__(self, session: aiohttp.ClientSession, servers: list[ServerProcess]) -> None:
        self.session = session
        self.next_server = itertools.cycle(servers)
        self.conversation = "a:" + uuid.uuid4().hex
        self.user = "29:" + uuid.uuid4().hex

    async def send(self, body: dict[str, Any], server: ServerProcess | None = None) -> list[dict[str, Any]]:
        target = server or next(self.next_server)
        async with self.session.post(target.url + "/api/messages", json=body) as answer:
            assert answer.status == 200, await answer.text()
            activities = (await answer.json())["activities"]
        assert len(traces(activities, "knowledge.match")) == 1
        return activities

    def activity(self, **fields: Any) -> dict[str, Any]:
        return message(self.conversation, self.user, **fields)

    async def say(self, text: str) -> list[dict[str, Any]]:
        return await self.send(self.activity(text=text))

    async def click(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        return await self.send(self.activity(value=data))


@pytest.fixture
async def database_url() -> AsyncIterator[str]:
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set")
    async with private_postgres_database(POSTGRES_URL) as url:
        yield url


@pytest.fixture
async def two_instances(database_url: str, tmp_path: Path) -> AsyncIterator[list[ServerProcess]]:
    servers = [ServerProcess(database_url, tmp_path) for _ in range(2)]
    servers[0].start()
    try:
        await servers[0].wait_healthy()  # the first one migrates; the second finds the schema ready
        servers[1].start()
        await servers[1].wait_healthy()
        yield servers
    finally:
        for server in servers:
            server.stop()


def longest_walk() -> tuple[str, ...]:
    guide = load_guide(CONTENT / "guide.yaml", load_routes(CONTENT / "routes.yaml"))
    walks = [w for w in all_walks(guide) if not walk(guide, w).result.emergency]  # type: ignore[union-attr]
    return max(walks, key=len)


async def test_the_reporting_guide_and_a_question_complete_across_two_instances(
    two_instances: list[ServerProcess], database_url: str
) -> None:
    guide = load_guide(CONTENT / "guide.yaml", load_routes(CONTENT / "routes.yaml"))
    answers = longest_walk()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
        chat = Alternating(session, two_instances)

        # The reporting guide: every answer lands on the other instance than the question it answers.
        replies = await chat.say("ik word gediscrimineerd door mijn leidinggevende, wat moet ik doen?")
        for index, option in enumerate(answers):
            position = walk(guide, answers[:index])
            assert isinstance(position, Ask)
            assert position.question.text.get("nl") in said(replies)
            replies = await chat.click(
                {"action": ACTION_ANSWER, "question": position.question_id, "option": option}
            )
        outcome = walk(guide, answers)
        assert isinstance(outcome, Outcome)
        for route in outcome.recommended:
            assert route.name.nl in said(replies)

        # A question for the alderman: form on one instance, preview on the other, confirmation back.
        question = f"Vraag {uuid.uuid4().hex[:8]}: komt er een stilteruimte in elk stadsdeelkantoor?"
        form = await chat.click({"action": "alderman.start"})
        assert card_actions(form)
        preview = await chat.click(
            {"action": "alderman.submit", "question": question, "addressee": "wethouder", "session": None}
        )
        confirm = next(d for d in card_actions(preview) if d.get("confirmed") is True)
        confirmation = chat.activity(value=confirm)
        receipt = await chat.send(confirmation)
        assert len(traces(receipt, "alderman.submitted")) == 1
        # The channel delivers the same activity to the other instance as well: stored once.
        again = await chat.send(confirmation)
        assert traces(again, "alderman.submitted") == []

    exported = await asyncio.to_thread(export_questions, database_url)
    assert exported.count(question.split(":")[0] + ":") == 1


async def test_a_knowledge_edit_published_on_one_instance_is_answered_by_the_other_within_five_seconds(
    two_instances: list[ServerProcess],
) -> None:
    first, second = two_instances
    new_text = f"Begin je mail met Beste en de naam van de persoon (versie {uuid.uuid4().hex[:6]})."
    link = re.search(r"/admin/dev-login/[\w-]+", first.log_path.read_text(errors="replace"))
    assert link, "the first instance printed no workspace link:\n" + first.tail()
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    async with aiohttp.ClientSession(base_url=first.url, cookie_jar=jar) as staff:
        async with staff.get(link.group(0)) as signed_in:
            assert signed_in.status == 200
        async with staff.get(f"/admin/answers/{ENTRY}") as page:
            html = await page.text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', html)
        assert csrf, "no CSRF token on the answer page"
        fields = {**answer_form(html), "answer_nl": new_text, "note": "twee instanties"}
        fields["csrf"] = csrf.group(1)
        async with staff.post(f"/admin/answers/{ENTRY}", data=fields, allow_redirects=False) as saved:
            assert saved.status == 303, await saved.text()
        async with staff.get("/admin/publish") as page:
            key = re.search(r'name="key" value="([0-9a-f]+)"', await page.text())
        form = {"csrf": csrf.group(1), "key": key.group(1) if key else ""}
        async with staff.post("/admin/publish", data=form, allow_redirects=False) as published:
            assert published.status == 303, await published.text()
        published_at = time.monotonic()

    while new_text not in await ask_bot(second.url, ASKED):
        assert time.monotonic() - published_at < 5, "the other instance never answered with the edit"
        await asyncio.sleep(0.2)
    assert new_text in await ask_bot(first.url, ASKED)
