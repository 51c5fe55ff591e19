"""Real server processes (`python -m bot serve`) for tests that kill, restart or run two of them."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

REPO = Path(__file__).resolve().parents[2]
START_SECONDS = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(database_url: str, port: int = 0) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().startswith("microsoftapp")}
    env.update(
        {
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "DATABASE_URL": database_url,
            "MicrosoftAppId": "",
            "MicrosoftAppPassword": "",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


class ServerProcess:
    """One `python -m bot serve`; its output goes to a log file the test can show when it fails."""

    def __init__(self, database_url: str, log_dir: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.env = server_env(database_url, self.port)
        self.log_path = log_dir / f"server-{self.port}-{uuid.uuid4().hex[:6]}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "serve"],
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    async def wait_healthy(self, within: float = START_SECONDS) -> None:
        deadline = time.monotonic() + within
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                assert self.proc is not None
                if self.proc.poll() is not None:
                    raise AssertionError(f"server exited with {self.proc.returncode}:\n{self.tail()}")
                try:
                    async with session.get(self.url + "/healthz") as answer:
                        if answer.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        raise AssertionError("server not healthy in time:\n" + self.tail())

    def kill9(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill9()

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def message(conversation: str, user: str, activity_id: str | None = None, **fields: Any) -> dict[str, Any]:
    """A Teams-like personal-chat message on the expectReplies path."""
    return {
        "type": "message",
        "id": activity_id or uuid.uuid4().hex,
        "channelId": "emulator",
        "serviceUrl": "http://127.0.0.1:9/",
        "conversation": {"id": conversation, "conversationType": "personal"},
        "from": {
            "id": user,
            "name": "Test Persoon",
            "aadObjectId": str(uuid.uuid5(uuid.NAMESPACE_URL, user)),
        },
        "recipient": {"id": "bot", "name": "Wegwijzer"},
        "locale": "nl-NL",
        "deliveryMode": "expectReplies",
        **fields,
    }


def traces(activities: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [a for a in activities if a.get("type") == "trace" and a.get("name") == name]


def export_questions(database_url: str) -> str:
    """The Bureau's own command, as the contract names it."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "questions", "export", "--format", "csv", "--include-new"],
        cwd=REPO,
        env=server_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


@asynccontextmanager
async def private_postgres_database(server_url: str) -> AsyncIterator[str]:
    """A database of its own on the test server, so process tests leave the shared one untouched."""
    name = f"wegwijzer_fault_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()
