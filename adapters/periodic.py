"""Background jobs that run every few seconds while the server runs, and stop without cutting a round off.

Cancelling a task in the middle of a database call leaves the driver's worker (aiosqlite's
thread, an asyncpg protocol) finishing a call whose caller is gone; if the event loop closes
before it is done, the driver fails in its own thread. So stopping here asks the loop to end
after the current round and waits for it (bounded); only a round that overruns the grace
period is cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

log = logging.getLogger("wegwijzer.periodic")

STOP_GRACE_SECONDS = 5.0


class Periodic:
    """Runs `job` every `interval` seconds until stopped (first at start unless `wait_first`).

    `job` handles its own errors: one that escapes ends the loop.
    """

    def __init__(
        self,
        name: str,
        interval: float,
        job: Callable[[], Awaitable[Any]],
        *,
        wait_first: bool = False,
        grace: float = STOP_GRACE_SECONDS,
    ) -> None:
        self.name = name
        self.wait_first = wait_first
        self.interval = interval
        self.job = job
        self.grace = grace
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._stopping.clear()
            self._task = asyncio.create_task(self._loop(), name=self.name)

    async def _loop(self) -> None:
        if self.wait_first:
            await self._pause()
        while not self._stopping.is_set():
            await self.job()
            await self._pause()

    async def _pause(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), self.interval)

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), self.grace)
        except TimeoutError:
            log.warning(
                "background job cut off at shutdown", extra={"event": "job_cut_off", "kind": self.name}
            )
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def cleanup_ctx(self) -> Callable[[Any], AsyncIterator[None]]:
        """For aiohttp's app.cleanup_ctx: start with the server, stop (gracefully) with it."""

        async def ctx(_: Any) -> AsyncIterator[None]:
            self.start()
            yield
            await self.stop()

        return ctx
