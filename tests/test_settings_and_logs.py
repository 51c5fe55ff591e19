"""Development-mode rules and logs that never carry what users wrote or who they are."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.persistence.migrate import upgrade
from bot.app import create_app
from bot.cli import main
from bot.logs import ACCESS_LOG_FORMAT, JsonFormatter, configure_logging
from bot.settings import Settings, SettingsError


@pytest.mark.parametrize(
    ("host", "app_id", "allow", "refused"),
    [
        ("127.0.0.1", "", False, False),  # loopback, development mode: fine
        ("::1", "", False, False),
        ("0.0.0.0", "", False, True),  # everyone could reach an unauthenticated bot
        ("10.1.2.3", "", False, True),
        ("0.0.0.0", "", True, False),  # explicitly allowed
        ("0.0.0.0", "some-app-id", False, False),  # credentials: requests are authenticated
    ],
)
def test_unauthenticated_non_loopback_is_refused(host: str, app_id: str, allow: bool, refused: bool) -> None:
    settings = Settings(host=host, microsoft_app_id=app_id, allow_unauthenticated=allow)
    if refused:
        with pytest.raises(SettingsError, match="ALLOW_UNAUTHENTICATED"):
            settings.check_safe_to_serve()
    else:
        settings.check_safe_to_serve()


def test_environment_names_follow_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOST", "127.0.0.2")
    monkeypatch.setenv("PORT", "4000")
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:///x.db")
    monkeypatch.setenv("MicrosoftAppId", "abc")
    monkeypatch.setenv("ALLOW_UNAUTHENTICATED", "true")
    settings = Settings()
    assert (settings.host, settings.port, settings.database_url) == (
        "127.0.0.2",
        4000,
        "sqlite+aiosqlite:///x.db",
    )
    assert settings.microsoft_app_id == "abc" and not settings.development_mode
    assert settings.allow_unauthenticated


def test_serve_refuses_before_starting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("MicrosoftAppId", "")
    assert main(["serve"]) == 2
    assert "ALLOW_UNAUTHENTICATED" in capsys.readouterr().err
    configure_logging("WARNING")


def test_formatter_drops_fields_that_could_carry_content() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "turn", (), None)
    record.text = "geheime vraag"  # a careless extra=...
    record.user_id = "29:abc"
    record.event = "turn"
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "turn"
    assert "text" not in line and "user_id" not in line


async def test_a_conversation_leaves_no_text_or_identifier_in_the_logs(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    await asyncio.to_thread(upgrade, settings.database_url)
    user, conv, secret = "29:" + uuid.uuid4().hex, "conv-" + uuid.uuid4().hex, "Sanne de Vries"
    configure_logging("DEBUG")  # even at DEBUG nothing may leak
    records: list[logging.LogRecord] = []
    capture = logging.Handler()
    capture.emit = records.append  # type: ignore[method-assign]
    logging.getLogger().addHandler(capture)
    server = TestServer(create_app(settings), host="127.0.0.1")
    await server.start_server(access_log_format=ACCESS_LOG_FORMAT)  # as `serve` runs it
    async with TestClient(server) as client:
        for text in ("hoi", f"ik ben {secret} en word gepest", "onzin xyz", "iemand bedreigt me"):
            body = {
                "type": "message",
                "id": uuid.uuid4().hex,
                "channelId": "emulator",
                "text": text,
                "conversation": {"id": conv},
                "from": {"id": user, "name": secret, "aadObjectId": str(uuid.uuid4())},
                "recipient": {"id": "bot"},
                "deliveryMode": "expectReplies",
                "serviceUrl": "http://127.0.0.1:9/",
            }
            assert (await client.post("/api/messages", json=body)).status == 200
    logging.getLogger().removeHandler(capture)
    configure_logging("WARNING")
    assert records, "the capture itself must have seen the server's logs"
    everything = "\n".join(JsonFormatter().format(r) for r in records)
    for needle in (user, conv, secret, "gepest", "onzin", "127.0.0.1 "):
        assert needle not in everything
