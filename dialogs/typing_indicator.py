"""Teams' typing indicator for slow turns: shown once a turn takes longer than a moment, never after a reply.

The SDK's ShowTypingMiddleware sends through the adapter directly, past the turn's own send path:
for an `expectReplies` caller it would post to the connector (and it keeps going after the
reply). This one sends through the turn context, stops at the first reply, and stays out of
`expectReplies` turns, whose caller reads the replies at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from types import TracebackType

from dialogs._sdk import Activity, ActivityTypes, TurnContext

log = logging.getLogger("wegwijzer.typing")

QUIET = (ActivityTypes.trace, ActivityTypes.typing)
# A turn slower than this shows Teams' typing dots; most turns answer well within it.
SLOW_TURN_SECONDS = 1.0


class TypingWhileSlow:
    """`async with TypingWhileSlow(context, after):` around the work of a message turn."""

    def __init__(self, context: TurnContext, after: float | None) -> None:
        self.context = context
        self.after = after
        self.task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> TypingWhileSlow:
        activity = self.context.activity
        if self.after is None or activity.delivery_mode == "expectReplies":
            return self
        self.context.on_send_activities(self._on_send)
        self.task = asyncio.create_task(self._later(self.after))
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop()
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    async def _on_send(
        self, _: TurnContext, activities: list[Activity], next_send: Callable[[], Awaitable[None]]
    ) -> None:
        if any(a.type not in QUIET for a in activities):
            self._stop()
        await next_send()

    def _stop(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()

    async def _later(self, after: float) -> None:
        await asyncio.sleep(after)
        try:
            await self.context.send_activity(Activity(type=ActivityTypes.typing))
        except Exception as error:  # only a courtesy: the turn goes on without it
            log.info("typing not sent", extra={"event": "typing_failed", "error_type": type(error).__name__})
