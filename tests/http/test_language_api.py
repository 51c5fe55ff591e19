"""POST /api/language/check over a real loopback server: the contract, and 4xx for every bad input."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from adapters.web.language_api import MAX_BODY_BYTES, PATH, language_routes
from knowledge.checker import MAX_CHARS, Checker
from knowledge.glossary import load_glossary

CHECKER = Checker(load_glossary(Path(__file__).resolve().parents[2] / "knowledge" / "content" / "glossary"))
JSON = {"Content-Type": "application/json"}


@pytest.fixture
async def api() -> AsyncIterator[TestClient]:
    app = web.Application()
    app.add_routes(language_routes(CHECKER))
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        yield client


async def test_findings_follow_the_contract(api: TestClient) -> None:
    text = "Wij zoeken allochtone jongeren voor ons nieuwe project."
    resp = await api.post(PATH, json={"text": text, "lang": None})
    assert resp.status == 200
    body = await resp.json()
    (finding,) = body["findings"]
    assert {"start", "end", "match", "term", "alternatives", "reason"} <= set(finding)
    assert text[finding["start"] : finding["end"]] == finding["match"] == "allochtone"
    assert finding["term"] == "allochtoon"
    assert finding["alternatives"]
    assert all(isinstance(a, str) for a in finding["alternatives"])
    assert finding["entry"] == "allochtoon"
    assert finding["level"] == "reconsider"


async def test_offsets_are_character_offsets_not_bytes(api: TestClient) -> None:
    text = "😀 café — niet‐westerse jongeren en ﬁne invaliden"
    resp = await api.post(PATH, json={"text": text, "lang": "nl"})
    findings = (await resp.json())["findings"]
    assert [text[f["start"] : f["end"]] for f in findings] == [f["match"] for f in findings]
    assert "invaliden" in [f["match"] for f in findings]


@pytest.mark.parametrize(
    ("payload", "count"),
    [
        ({"text": "The new colleague starts on Monday.", "lang": "en"}, 0),  # clean English
        ({"text": "", "lang": None}, 0),  # empty text
        ({"text": "Add the address to the blacklist."}, 1),  # lang may be left out
        ({"text": "x" * MAX_CHARS, "lang": "nl"}, 0),  # exactly at the limit
        ({"text": "Dames en heren, welkom.", "lang": "nl", "extra": 1}, 1),  # unknown keys are ignored
    ],
)
async def test_good_requests(api: TestClient, payload: dict[str, object], count: int) -> None:
    resp = await api.post(PATH, json=payload)
    assert resp.status == 200
    assert len((await resp.json())["findings"]) == count


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b'{"text": "hoi"}', {}, 415),  # no Content-Type
        (b'{"text": "hoi"}', {"Content-Type": "text/plain"}, 415),  # wrong Content-Type
        (b'{"text": "hoi",', JSON, 400),  # malformed JSON
        (b"", JSON, 400),  # empty body
        (b'{"text": "\xff\xfe"}', JSON, 400),  # not UTF-8
        (b"[1, 2, 3]", JSON, 400),  # not an object
        (b'"hallo"', JSON, 400),  # a bare string
        (b"{}", JSON, 400),  # no text
        (b'{"text": 5}', JSON, 400),  # text is not a string
        (b'{"text": null}', JSON, 400),  # text is null
        (b'{"text": "hoi", "lang": "de"}', JSON, 400),  # unsupported language
        (b'{"text": "hoi", "lang": 1}', JSON, 400),  # lang is not a string
        (b'{"text": "hoi", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}", JSON, 400),  # deep nesting
        (json.dumps({"text": "a" * (MAX_CHARS + 1)}).encode(), JSON, 413),  # text over 20,000 characters
    ],
)
async def test_bad_requests_get_a_4xx_with_a_reason(
    api: TestClient, body: bytes, headers: dict[str, str], status: int
) -> None:
    resp = await api.post(PATH, data=body, headers=headers, skip_auto_headers=["Content-Type"])
    assert resp.status == status
    assert isinstance((await resp.json())["error"], str)
    # ... and the server keeps serving
    again = await api.post(PATH, json={"text": "mankracht"})
    assert again.status == 200


async def test_a_huge_body_is_refused_without_trusting_content_length(api: TestClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range((MAX_BODY_BYTES // 65536) + 4):
            yield b"a" * 65536
        yield b'"}'

    resp = await api.post(PATH, data=chunks(), headers=JSON)  # chunked: no Content-Length at all
    assert resp.status == 413
    assert "error" in await resp.json()


async def test_a_declared_huge_body_is_refused(api: TestClient) -> None:
    body = json.dumps({"text": "a" * (MAX_BODY_BYTES + 10)}).encode()
    resp = await api.post(PATH, data=body, headers=JSON)
    assert resp.status == 413


async def test_only_post_is_allowed(api: TestClient) -> None:
    resp = await api.get(PATH)
    assert resp.status == 405
    assert "error" in await resp.json()
