"""Outbound calls within a turn's time: retried only when the other side says it took nothing.

Azure Bot Service waits 15 seconds for a turn. A reply that meets 429 (with
Retry-After) or 502-504 is tried again while the wait still fits in what is
left of the turn; a timeout or a dropped connection is never retried, because
the message may have arrived, and a reply must not be sent twice.
"""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp

log = logging.getLogger("wegwijzer.connector")

# Azure Bot Service gives a turn 15 seconds; keep a margin for the HTTP answer itself.
TURN_BUDGET_SECONDS = 14.0
RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_ATTEMPTS = 5
USER_AGENT = "Microsoft-BotFramework/3.1 (Wegwijzer)"

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("turn_deadline", default=None)


class ConnectorError(Exception):
    """The Bot Connector did not take the request (the status only: bodies may quote the message)."""

    def __init__(self, status: int, what: str) -> None:
        super().__init__(f"{what}: Bot Connector answered {status}")
        self.status = status


@contextmanager
def turn_budget(seconds: float = TURN_BUDGET_SECONDS) -> Iterator[float]:
    """Outbound calls made inside give up (instead of retrying) once the turn's time is spent."""
    deadline = time.monotonic() + seconds
    token = _deadline.set(deadline)
    try:
        yield deadline
    finally:
        _deadline.reset(token)


def remaining_budget() -> float:
    deadline = _deadline.get()
    if deadline is None:  # proactive work outside a turn gets a turn's worth of time
        return TURN_BUDGET_SECONDS
    return deadline - time.monotonic()


def retry_after_seconds(value: str | None, attempt: int) -> float:
    """The wait a 429/5xx asks for (seconds or an HTTP date), else exponential back-off with jitter."""
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return max(0.0, moment.timestamp() - time.time())
    return min(4.0, 0.25 * 2**attempt) * (0.5 + random.random() / 2)


class HttpPool:
    """One aiohttp session for every outbound call of one app, opened lazily on the running loop."""

    def __init__(self, timeout_seconds: float = 10.0) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self._timeout, headers={"User-Agent": USER_AGENT}, raise_for_status=False
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


def request_timeout() -> aiohttp.ClientTimeout:
    """No single request may outlast the turn (at least a second, so a last try is possible)."""
    return aiohttp.ClientTimeout(total=max(1.0, min(10.0, remaining_budget())))


async def send_with_retries(what: str, attempt_once: Callable[[], Any]) -> tuple[int, bytes]:
    """Run one request, retrying only answers that say it was not taken (429, 502-504, refused)."""
    # A timeout or a dropped connection may hide a delivered message: never retried,
    # so a reply is not sent twice.
    refused: Exception | None = None
    status = 0
    for attempt in range(MAX_ATTEMPTS):
        try:
            async with attempt_once() as response:
                status, body = response.status, await response.read()
                wait_hint = response.headers.get("Retry-After")
        except aiohttp.ClientConnectorError as error:  # nothing was sent
            status, body, wait_hint, refused = 0, b"", None, error
        if status and status not in RETRY_STATUSES:
            return status, body
        wait = retry_after_seconds(wait_hint, attempt)
        # The wait and a short request must both fit in what is left of the turn.
        if attempt + 1 == MAX_ATTEMPTS or wait + 0.5 > remaining_budget():
            break
        log.warning(
            "bot connector busy; retrying",
            extra={"event": "connector_retry", "status": status, "wait_ms": round(wait * 1000)},
        )
        await asyncio.sleep(wait)
    raise ConnectorError(status, what) from refused
