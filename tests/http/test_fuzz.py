"""Property-based fuzzing of /api/messages and /api/language/check: never a 5xx, the server keeps serving.

The real app runs in a thread of its own for the whole module (hypothesis calls a test many
times; one server for all of them). Replies on the normal path go to a local fake connector.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.persistence.migrate import upgrade
from bot.app import create_app
from bot.settings import Settings

from .bot_service import FakeBotService

ACTIONS = [
    "menu", "entry", "feedback", "other", "alderman.start", "alderman.submit", "alderman.cancel",
    "alderman.code", "alderman.change", "quietroom.search", "quietroom.feedback.start",
    "quietroom.feedback.answer", "report.start", "report.guide", "guide.back", "language.check",
    "language.term",
]  # fmt: skip
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


class ThreadedServer:
    """The app and a fake connector on a loop in a background thread, reached over loopback."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.port = 0
        self.connector: FakeBotService | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._start())
        self.ready.set()
        self.loop.run_forever()

    async def _start(self) -> None:
        self.connector = await FakeBotService().start()
        self.runner = web.AppRunner(create_app(self.settings), access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def _stop(self) -> None:
        await self.runner.cleanup()
        assert self.connector is not None
        await self.connector.close()

    def __enter__(self) -> ThreadedServer:
        self.thread.start()
        assert self.ready.wait(30), "the fuzzing server did not start"
        return self

    def __exit__(self, *_: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)
        self.loop.close()

    def post(self, path: str, raw: bytes) -> int:
        return self.exchange(path, raw)[0]

    def exchange(self, path: str, raw: bytes) -> tuple[int, bytes]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=raw,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return int(answer.status), answer.read()
        except urllib.error.HTTPError as error:
            return int(error.code), error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadedServer]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "bot.db"
    settings = Settings(database_url=f"sqlite+aiosqlite:///{path}", host="127.0.0.1", port=0)
    upgrade(settings.database_url)
    with ThreadedServer(settings) as running:
        yield running


def dumps(value: Any) -> bytes:
    return json.dumps(value, allow_nan=True).encode("utf-8", "surrogatepass")


json_leaf = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=60)
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=25,
)
card_value = st.fixed_dictionaries(
    {"action": st.sampled_from(ACTIONS) | st.text(max_size=20) | json_value},
    optional={
        "question": st.text(max_size=1200) | json_value,
        "addressee": st.sampled_from(["wethouder", "gemeentesecretaris", "beide"]) | json_value,
        "session": st.none() | st.text(max_size=20) | json_value,
        "confirmed": st.booleans() | json_value,
        "entry": st.text(max_size=40) | json_value,
        "area": st.sampled_from(["report", "language", "rooms", "alderman"]) | json_value,
        "code": st.text(max_size=30) | json_value,
        "answer": json_value,
        "query": st.text(max_size=80) | json_value,
    },
)


@st.composite
def activities(draw: st.DrawFn) -> dict[str, Any]:
    """Mostly well-formed Teams/Emulator activities with hostile fields; sometimes not activities at all."""
    conversation = draw(st.sampled_from(["c1", "c2", "c3"]) | st.text(min_size=1, max_size=40))
    body: dict[str, Any] = {
        "type": draw(
            st.sampled_from(["message", "message", "invoke", "conversationUpdate", "event"])
            | st.text(max_size=20)
        ),
        "id": draw(st.none() | st.uuids().map(str) | st.text(max_size=40)),
        "channelId": draw(st.sampled_from(["msteams", "emulator", "webchat"]) | st.text(max_size=20)),
        "conversation": draw(
            st.fixed_dictionaries(
                {"id": st.just(conversation)},
                optional={
                    "conversationType": st.sampled_from(["personal", "groupChat", "channel"]) | json_value
                },
            )
        ),
        "from": draw(
            st.fixed_dictionaries({"id": st.text(max_size=40)}, optional={"aadObjectId": json_value})
        ),
        "recipient": {"id": "bot"},
        "locale": draw(st.sampled_from(["nl-NL", "en-US"]) | st.text(max_size=10)),
        "deliveryMode": draw(st.sampled_from(["expectReplies", "expectReplies", "normal"])),
    }
    optional = {
        "text": st.text(max_size=500) | st.sampled_from(["hoi", "stop", "menu", "ik word bedreigd", "terug"]),
        "value": card_value | json_value,
        "name": st.sampled_from(
            ["task/fetch", "task/submit", "composeExtension/query", "adaptiveCard/action"]
        )
        | st.text(max_size=30),
        "entities": st.lists(
            st.fixed_dictionaries(
                {"type": st.sampled_from(["mention", "clientInfo"]) | st.text(max_size=10)},
                optional={"mentioned": json_value, "text": json_value},
            ),
            max_size=3,
        ),
        "attachments": st.lists(json_value, max_size=2),
        "channelData": json_value,
        "membersAdded": st.lists(st.fixed_dictionaries({"id": st.sampled_from(["bot", "29:x"])}), max_size=2),
        "replyToId": st.text(max_size=20),
        "textFormat": st.sampled_from(["plain", "markdown", "xml"]) | st.text(max_size=8),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            body[key] = draw(strategy)
    if draw(st.integers(0, 9)) == 0:  # now and then a field of the wrong kind altogether
        body[draw(st.sampled_from(sorted(body)))] = draw(json_value)
    return body


def test_fuzzed_activities_never_get_a_5xx(server: ThreadedServer) -> None:
    assert server.connector is not None
    service_url = server.connector.service_url

    @FUZZ
    @given(body=activities())
    def run(body: dict[str, Any]) -> None:
        if body.get("deliveryMode") == "normal":
            body["serviceUrl"] = service_url  # replies go to the fake connector, never outside
        status = server.post("/api/messages", dumps(body))
        assert status < 500, (status, body)

    run()
    assert server.post("/api/messages", dumps(alive_probe())) == 200


@FUZZ
@given(raw=st.binary(max_size=2000) | json_value.map(dumps))
def test_fuzzed_raw_bodies_never_get_a_5xx(server: ThreadedServer, raw: bytes) -> None:
    assert server.post("/api/messages", raw) < 500
    assert server.post("/api/language/check", raw) < 500


@FUZZ
@given(
    text=st.text(max_size=3000) | json_value,
    lang=st.sampled_from(["nl", "en", None]) | json_value,
    extra=st.dictionaries(st.text(max_size=10), json_value, max_size=3),
)
def test_fuzzed_language_checks_never_get_a_5xx(
    server: ThreadedServer, text: Any, lang: Any, extra: Any
) -> None:
    status, answer = server.exchange("/api/language/check", dumps({**extra, "text": text, "lang": lang}))
    assert status < 500
    if status == 200:  # only a string text with a known language gets here
        for finding in json.loads(answer)["findings"]:
            assert text[finding["start"] : finding["end"]] == finding["match"]


def alive_probe() -> dict[str, Any]:
    return {
        "type": "message",
        "id": uuid.uuid4().hex,
        "channelId": "emulator",
        "conversation": {"id": "alive"},
        "from": {"id": "29:alive"},
        "recipient": {"id": "bot"},
        "deliveryMode": "expectReplies",
        "text": "hoi",
    }


def test_the_server_is_alive_after_the_fuzzing(server: ThreadedServer) -> None:
    assert server.post("/api/messages", dumps(alive_probe())) == 200
    assert server.post("/api/language/check", dumps({"text": "hoi", "lang": None})) == 200
