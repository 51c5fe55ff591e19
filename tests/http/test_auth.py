"""With MicrosoftAppId set, only tokens signed by the channel's published keys get in; the rest get 401.

The keys are generated here and served from a local OpenID metadata document and JWKS on
loopback; the SDK's parameterized configuration points its validation at them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import jwt
import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.persistence.migrate import upgrade
from bot.app import create_app
from bot.settings import Settings

from .bot_service import APP_ID, FakeBotService, signing_key
from .edge_app import edge_client, teams_activity


@pytest.fixture
async def service() -> AsyncIterator[FakeBotService]:
    fake = await FakeBotService().start()
    yield fake
    await fake.close()


async def post(client: TestClient, service: FakeBotService, authorization: str | None) -> int:
    headers = {"Authorization": authorization} if authorization is not None else {}
    answer = await client.post("/api/messages", json=teams_activity(service), headers=headers)
    return answer.status


def unsigned(service: FakeBotService) -> str:
    claims = jwt.decode(service.token(), options={"verify_signature": False})
    return jwt.encode(claims, key=None, algorithm="none", headers={"kid": "key-1"})


def hs256(service: FakeBotService) -> str:
    claims = jwt.decode(service.token(), options={"verify_signature": False})
    return jwt.encode(
        claims, "a shared secret of at least thirty-two bytes", algorithm="HS256", headers={"kid": "key-1"}
    )


BAD_TOKENS = [
    # (why, the Authorization header)
    ("no header at all", lambda s: None),
    ("empty header", lambda s: ""),
    ("not bearer", lambda s: "Basic dXNlcjpwYXNz"),
    ("bearer without a token", lambda s: "Bearer "),
    ("not a JWT", lambda s: "Bearer not.a.token"),
    ("garbage with spaces", lambda s: "Bearer a b c"),
    ("unsigned (alg none)", unsigned),
    ("HMAC-signed with a guessable secret", hs256),
    (
        "signed with another key under the published key id",
        lambda s: s.token(signing_key("rogue"), kid="key-1"),
    ),
    ("expired an hour ago", lambda s: s.token(exp=int(time.time()) - 3600, nbf=int(time.time()) - 7200)),
    ("not valid for another hour", lambda s: s.token(nbf=int(time.time()) + 3600)),
    ("for another bot", lambda s: s.token(aud="11111111-2222-3333-4444-555555555555")),
    ("no audience", lambda s: s.token(aud=None)),
    ("from another issuer", lambda s: s.token(iss="https://evil.example/")),
    ("for another service URL", lambda s: s.token(serviceurl="https://evil.example/")),
    (
        "without a key id",
        lambda s: jwt.encode(
            {"iss": "https://api.botframework.com", "aud": APP_ID},
            signing_key("key-1").private,
            algorithm="RS256",
        ),
    ),
]


@pytest.mark.parametrize(("why", "header"), BAD_TOKENS, ids=[b[0] for b in BAD_TOKENS])
async def test_bad_tokens_get_401(service: FakeBotService, why: str, header) -> None:
    async with edge_client(service) as (client, _):
        assert await post(client, service, header(service)) == 401, why
        # ...and the server keeps serving the real channel.
        assert await post(client, service, f"Bearer {service.token()}") == 201
    assert [r.body["text"] for r in service.delivered] == ["echo hoi"]


async def test_a_token_signed_with_the_published_key_gets_in(service: FakeBotService) -> None:
    async with edge_client(service) as (client, _):
        assert await post(client, service, f"Bearer {service.token()}") == 201
    assert len(service.delivered) == 1
    assert service.key_fetches == 1


async def test_an_unknown_key_id_refreshes_the_keys_instead_of_failing(service: FakeBotService) -> None:
    old, new = signing_key("key-1"), signing_key("key-2")
    async with edge_client(service, KEY_REFRESH_MIN_SECONDS=0) as (client, _):
        assert await post(client, service, f"Bearer {service.token(old)}") == 201
        service.published = [old, new]  # the channel rotates its keys
        assert await post(client, service, f"Bearer {service.token(new)}") == 201
    assert service.key_fetches == 2
    assert len(service.delivered) == 2


async def test_a_key_id_nobody_publishes_is_a_401_not_an_index_error(service: FakeBotService) -> None:
    async with edge_client(service, KEY_REFRESH_MIN_SECONDS=0) as (client, _):
        assert await post(client, service, f"Bearer {service.token()}") == 201
        stranger = signing_key("stranger")
        assert await post(client, service, f"Bearer {service.token(stranger)}") == 401
    assert service.key_fetches == 2  # it looked again once before refusing


async def test_unknown_key_ids_do_not_flood_the_metadata_endpoint(service: FakeBotService) -> None:
    async with edge_client(service, KEY_REFRESH_MIN_SECONDS=300) as (client, _):
        assert await post(client, service, f"Bearer {service.token()}") == 201
        for i in range(5):
            stranger = signing_key(f"stranger-{i % 2}")
            assert await post(client, service, f"Bearer {service.token(stranger)}") == 401
    assert service.key_fetches == 1


async def test_keys_that_cannot_be_fetched_give_503_not_401_or_500(service: FakeBotService) -> None:
    service.metadata_down = True
    async with edge_client(service) as (client, _):
        assert await post(client, service, f"Bearer {service.token()}") == 503
        service.metadata_down = False
        assert await post(client, service, f"Bearer {service.token()}") == 201


async def test_the_real_app_with_an_app_id_refuses_unauthenticated_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADMIN_ENABLED", "false")  # the workspace would want OpenID Connect settings
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        microsoft_app_id=APP_ID,
        microsoft_app_password="secret",
    )
    await asyncio.to_thread(upgrade, settings.database_url)
    activity = {
        "type": "message",
        "id": "1",
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/emea/",
        "conversation": {"id": "a:1"},
        "from": {"id": "29:1"},
        "recipient": {"id": "28:bot"},
        "text": "hoi",
    }
    async with TestClient(TestServer(create_app(settings), host="127.0.0.1")) as client:
        for headers in ({}, {"Authorization": "Bearer x.y.z"}, {"Authorization": "Basic abc"}):
            answer = await client.post("/api/messages", json=activity, headers=headers)
            assert answer.status == 401
