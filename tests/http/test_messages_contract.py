"""POST /api/messages and /healthz as CONTRACT.md states them, over real HTTP on loopback."""

from __future__ import annotations

import io
import json
import uuid
from typing import Any

import pytest
from aiohttp.test_utils import TestClient


def activity(text: str | None = "hoi", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "message",
        "id": uuid.uuid4().hex,
        "channelId": "emulator",
        "serviceUrl": "http://127.0.0.1:9/",
        "timestamp": "2026-11-22T10:00:00.000Z",
        "conversation": {"id": "conv-" + uuid.uuid4().hex},
        "from": {"id": "29:" + uuid.uuid4().hex, "name": "Eval User", "aadObjectId": str(uuid.uuid4())},
        "recipient": {"id": "bot", "name": "bot"},
        "locale": "nl-NL",
        "deliveryMode": "expectReplies",
    }
    if text is not None:
        body["text"] = text
    body.update(extra)
    return body


async def post(client: TestClient, body: Any) -> tuple[int, Any]:
    resp = await client.post("/api/messages", json=body)
    return resp.status, await resp.json()


async def test_expect_replies_answers_200_with_activities(client: TestClient) -> None:
    status, body = await post(client, activity("kan ik anoniem melden?"))
    assert status == 200
    kinds = [a["type"] for a in body["activities"]]
    assert "message" in kinds


@pytest.mark.parametrize(
    "text",
    [
        "hoi",  # greeting
        "waar is een stilteruimte",  # an answer
        "hoe reset ik mijn wachtwoord",  # the fallback
        "ik word nu bedreigd",  # an emergency
        "",  # empty text
    ],
)
async def test_exactly_one_knowledge_match_trace_per_message_turn(client: TestClient, text: str) -> None:
    _, body = await post(client, activity(text))
    found = [a for a in body["activities"] if a["type"] == "trace" and a.get("name") == "knowledge.match"]
    assert len(found) == 1
    assert set(found[0]["value"]) == {"topic", "score"}
    assert 0 <= found[0]["value"]["score"] <= 100


async def test_card_click_also_gets_one_trace(client: TestClient) -> None:
    _, body = await post(client, activity(None, value={"action": "menu", "area": "report"}))
    found = [a for a in body["activities"] if a["type"] == "trace"]
    assert [t["value"]["topic"] for t in found] == ["bot.help"]


async def test_emergency_topic_and_112_first(client: TestClient) -> None:
    _, body = await post(client, activity("iemand bedreigt me met een mes"))
    trace = next(a for a in body["activities"] if a["type"] == "trace")
    assert trace["value"]["topic"] == "report.emergency"
    first_message = next(a for a in body["activities"] if a["type"] == "message")
    assert "112" in json.dumps(first_message)


BAD_INPUTS = [
    # (why, raw body, headers, expected status)
    ("no content type", b'{"type":"message"}', {}, 415),
    ("text/plain", b'{"type":"message"}', {"Content-Type": "text/plain"}, 415),
    ("malformed json", b'{"type": "message",', {"Content-Type": "application/json"}, 400),
    ("empty body", b"", {"Content-Type": "application/json"}, 400),
    ("json list", b"[1,2,3]", {"Content-Type": "application/json"}, 400),
    ("json string", b'"hello"', {"Content-Type": "application/json"}, 400),
    ("empty object", b"{}", {"Content-Type": "application/json"}, 400),
    ("no type", b'{"text": "hoi", "conversation": {"id": "c"}}', {"Content-Type": "application/json"}, 400),
    ("bad utf-8", b'{"type":"message","text":"\xff\xfe"}', {"Content-Type": "application/json"}, 400),
    (
        "wrong types",
        b'{"type":"message","text":5,"from":"x","conversation":[]}',
        {"Content-Type": "application/json"},
        400,
    ),
    (
        "no conversation",
        b'{"type":"message","text":"hoi","deliveryMode":"expectReplies"}',
        {"Content-Type": "application/json"},
        400,
    ),
    (
        "no serviceUrl on the normal path",
        b'{"type":"message","text":"hoi","conversation":{"id":"c"}}',
        {"Content-Type": "application/json"},
        400,
    ),
    (
        "deep nesting",
        b'{"type":"message","value":' + b"[" * 5000 + b"]" * 5000 + b"}",
        {"Content-Type": "application/json"},
        400,
    ),
    (
        "moderate nesting",
        b'{"type":"message","conversation":{"id":"c"},"deliveryMode":"expectReplies","value":'
        + b"[" * 200
        + b"]" * 200
        + b"}",
        {"Content-Type": "application/json"},
        400,
    ),
    (
        "huge body",
        b'{"type":"message","text":"' + b"a" * 3_000_000 + b'"}',
        {"Content-Type": "application/json"},
        413,
    ),
    (
        "text over the Teams limit",
        json.dumps(activity("a" * 50_000)).encode(),
        {"Content-Type": "application/json"},
        400,
    ),
]


@pytest.mark.parametrize(("why", "raw", "headers", "expected"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
async def test_bad_input_gets_4xx_and_the_server_keeps_serving(
    client: TestClient, why: str, raw: bytes, headers: dict[str, str], expected: int
) -> None:
    # A stream, so that the 3 MB case is sent in chunks like a real client would.
    resp = await client.post(
        "/api/messages", data=io.BytesIO(raw), headers=headers, skip_auto_headers=["Content-Type"]
    )
    assert resp.status == expected, why
    assert "error" in await resp.json()
    status, _ = await post(client, activity("hoi"))
    assert status == 200


async def test_healthz_ok(client: TestClient) -> None:
    resp = await client.get("/healthz")
    assert resp.status == 200
    body = await resp.json()
    assert body["status"] == "ok"
    assert body["knowledge_entries"] > 0
