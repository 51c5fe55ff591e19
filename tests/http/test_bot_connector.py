"""Replies reach a fake Bot Connector: authenticated, one token per validity period, retried with care."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.schema import Activity

from adapters.teams.retries import HttpPool
from adapters.teams.tokens import TokenRequest, TokenSource

from .bot_service import APP_ID, APP_PASSWORD, SCOPE, FakeBotService
from .edge_app import edge_client, teams_activity


@pytest.fixture
async def service() -> AsyncIterator[FakeBotService]:
    fake = await FakeBotService().start()
    yield fake
    await fake.close()


def bearer(service: FakeBotService) -> dict[str, str]:
    return {"Authorization": f"Bearer {service.token()}"}


async def test_replies_are_posted_to_the_service_url_with_one_token_for_many_replies(
    service: FakeBotService,
) -> None:
    async with edge_client(service) as (client, _):
        activities = [teams_activity(service, f"vraag {i}") for i in range(6)]
        answers = await asyncio.gather(
            *(client.post("/api/messages", json=a, headers=bearer(service)) for a in activities)
        )
    assert [a.status for a in answers] == [201] * 6
    # The real REST path: a reply to the incoming activity, in its conversation.
    expected = sorted(f"/v3/conversations/{a['conversation']['id']}/activities/{a['id']}" for a in activities)
    assert sorted(r.path.replace("%3A", ":") for r in service.delivered) == expected
    assert sorted(r.body["text"] for r in service.delivered) == sorted(f"echo vraag {i}" for i in range(6))
    # Six replies, one token request: the token is cached for its validity period and sent as Bearer.
    assert len(service.token_requests) == 1
    assert {r.authorization for r in service.delivered} == {"Bearer bot-token-1"}
    form = service.token_requests[0]
    assert form == {
        "grant_type": "client_credentials",
        "client_id": APP_ID,
        "client_secret": APP_PASSWORD,
        "scope": SCOPE + "/.default",
    }


async def test_the_token_is_renewed_once_its_validity_period_is_nearly_over(service: FakeBotService) -> None:
    clock = [1000.0]
    service.token_lifetime = 3600
    pool = HttpPool()
    tokens = TokenSource(
        TokenRequest(f"{service.url}/botframework.com/oauth2/v2.0/token", APP_ID, APP_PASSWORD, SCOPE),
        pool,
        clock=lambda: clock[0],
    )
    try:
        first = [await tokens.token() for _ in range(3)]
        clock[0] += 3600 - 299  # still valid, but inside the renewal margin of five minutes
        second = [await tokens.token() for _ in range(3)]
    finally:
        await pool.close()
    assert first == ["bot-token-1"] * 3
    assert second == ["bot-token-2"] * 3
    assert len(service.token_requests) == 2


async def test_concurrent_first_replies_share_one_token_request(service: FakeBotService) -> None:
    pool = HttpPool()
    tokens = TokenSource(
        TokenRequest(f"{service.url}/botframework.com/oauth2/v2.0/token", APP_ID, APP_PASSWORD, SCOPE), pool
    )
    try:
        got = await asyncio.gather(*(tokens.token() for _ in range(20)))
    finally:
        await pool.close()
    assert set(got) == {"bot-token-1"}
    assert len(service.token_requests) == 1


async def test_a_429_with_retry_after_is_waited_out_and_the_reply_arrives_once(
    service: FakeBotService,
) -> None:
    service.connector_script = [(429, {"Retry-After": "1"})]
    async with edge_client(service) as (client, _):
        started = time.monotonic()
        answer = await client.post("/api/messages", json=teams_activity(service), headers=bearer(service))
        elapsed = time.monotonic() - started
    assert answer.status == 201
    assert len(service.attempts) == 2
    assert [r.body["text"] for r in service.delivered] == ["echo hoi"]
    assert 1.0 <= elapsed < 5


async def test_a_retry_after_beyond_the_turn_budget_is_not_waited_for(service: FakeBotService) -> None:
    service.connector_script = [(429, {"Retry-After": "120"})] * 2
    async with edge_client(service, turn_seconds=3) as (client, _):
        started = time.monotonic()
        answer = await client.post("/api/messages", json=teams_activity(service), headers=bearer(service))
        elapsed = time.monotonic() - started
    # The reply and the apology each tried once; nothing arrived twice, nothing hung.
    assert answer.status == 201
    assert len(service.attempts) == 2
    assert service.delivered == []
    assert elapsed < 2


async def test_502s_are_retried_a_bounded_number_of_times_within_the_budget(service: FakeBotService) -> None:
    service.connector_script = [(502, {})] * 20
    async with edge_client(service, turn_seconds=2.5) as (client, _):
        started = time.monotonic()
        answer = await client.post("/api/messages", json=teams_activity(service), headers=bearer(service))
        elapsed = time.monotonic() - started
    assert answer.status == 201  # the turn failed and was logged; the channel is not asked to retry
    assert 2 <= len(service.attempts) <= 10
    assert service.delivered == []
    assert elapsed < 3


async def test_a_502_then_200_delivers_exactly_one_reply(service: FakeBotService) -> None:
    service.connector_script = [(502, {}), (503, {})]
    async with edge_client(service) as (client, _):
        answer = await client.post("/api/messages", json=teams_activity(service), headers=bearer(service))
    assert answer.status == 201
    assert len(service.attempts) == 3
    assert [r.body["text"] for r in service.delivered] == ["echo hoi"]


async def test_a_rejected_token_is_renewed_once(service: FakeBotService) -> None:
    service.connector_script = [(401, {})]
    async with edge_client(service) as (client, _):
        await client.post("/api/messages", json=teams_activity(service), headers=bearer(service))
    assert [r.authorization for r in service.attempts] == ["Bearer bot-token-1", "Bearer bot-token-2"]
    assert len(service.delivered) == 1


async def test_an_unreachable_connector_fails_the_turn_quickly_without_a_500(service: FakeBotService) -> None:
    activity = teams_activity(service, serviceUrl="http://127.0.0.1:9/")  # nothing listens on port 9
    async with edge_client(service, app_id="", turn_seconds=2) as (client, _):
        started = time.monotonic()
        answer = await client.post("/api/messages", json=activity)
        elapsed = time.monotonic() - started
    assert answer.status == 201
    assert elapsed < 2.5


async def test_development_mode_replies_carry_no_token_and_ask_for_none(service: FakeBotService) -> None:
    async with edge_client(service, app_id="") as (client, _):
        answer = await client.post("/api/messages", json=teams_activity(service))
    assert answer.status == 201
    assert [r.authorization for r in service.delivered] == [None]
    assert service.token_requests == []


async def test_the_same_delivery_twice_is_answered_once(service: FakeBotService) -> None:
    activity = teams_activity(service)
    async with edge_client(service) as (client, _):
        first, second = await asyncio.gather(
            client.post("/api/messages", json=activity, headers=bearer(service)),
            client.post("/api/messages", json=activity, headers=bearer(service)),
        )
    assert sorted([first.status, second.status]) == [201, 201]
    assert [r.body["text"] for r in service.delivered] == ["echo hoi"]


async def test_the_connector_client_is_built_once_per_service_url(service: FakeBotService) -> None:
    async with edge_client(service) as (client, messages):
        for _ in range(3):
            await client.post("/api/messages", json=teams_activity(service), headers=bearer(service))
        factory = messages.adapter.bot_framework_authentication.connectors
        first = await factory.create(service.service_url, SCOPE)
        assert await factory.create(service.service_url, SCOPE) is first
        assert len(factory._clients) == 1


async def test_sending_one_activity_twice_leaves_it_untouched_and_stamps_each_copy(
    service: FakeBotService,
) -> None:
    """The lean TurnContext copies shallowly: the bot's own object must not change under it."""
    kept: list[Activity] = []

    class Twice(ActivityHandler):
        async def on_message_activity(self, turn_context: TurnContext) -> None:
            reply = MessageFactory.text("twee keer")
            await turn_context.send_activity(reply)
            await turn_context.send_activity(reply)
            kept.append(reply)

    async with edge_client(service) as (client, messages):
        messages.bot = Twice()
        activity = teams_activity(service)
        answer = await client.post("/api/messages", json=activity, headers=bearer(service))
    assert answer.status == 201
    assert len(service.delivered) == 2
    for delivered in service.delivered:
        assert delivered.body["conversation"]["id"] == activity["conversation"]["id"]
        assert delivered.body["replyToId"] == activity["id"]
        assert delivered.body["text"] == "twee keer"
    (reply,) = kept
    assert reply.conversation is None and reply.reply_to_id is None and reply.service_url is None
