"""Every running instance serves the newest published knowledge within seconds of its publication."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from adapters.periodic import Periodic
from adapters.persistence.workspace_repository import SqlWorkspaceContent
from adapters.web.admin.content import BrainHolder, BuildBrain, ShippedContent, build_from_overlay
from knowledge.rooms import QuietRoom

log = logging.getLogger("wegwijzer.workspace.reload")


class KnowledgeReloader:
    """Polls the published knowledge version; on a change it rebuilds the Brain and swaps it whole.

    The rebuild goes through bot.app.build_brain (handed in as `build_brain`) over the shipped
    content with the published overlay laid on it, in a worker thread; a fault keeps the old brain.
    """

    def __init__(
        self,
        store: SqlWorkspaceContent,
        services: BrainHolder,
        shipped: ShippedContent,
        build_brain: BuildBrain,
        poll_seconds: float = 2.0,
        rooms: tuple[Any, Callable[[Sequence[QuietRoom]], None]] | None = None,
    ) -> None:
        self.store = store
        self.services = services
        self.shipped = shipped
        self.build_brain = build_brain
        self.poll_seconds = poll_seconds
        self.rooms = rooms
        self.loaded_version = 0
        self._lock = asyncio.Lock()

    async def check(self) -> bool:
        """Load the published knowledge if it is newer than what this instance serves; True if swapped."""
        async with self._lock:
            version = await self.store.version()
            if version == self.loaded_version:
                return False
            overlay = await self.store.published()
            try:
                brain = await asyncio.to_thread(build_from_overlay, self.shipped, overlay, self.build_brain)
            except Exception as exc:  # keep answering with what we have; say so in the log
                log.error(
                    "published knowledge not loaded",
                    extra={"event": "knowledge_reload_failed", "error_type": type(exc).__name__},
                )
                self.loaded_version = version
                return False
            self.services.brain = brain
            if self.rooms is not None:
                repository, replace = self.rooms
                replace(await repository.all())
            self.loaded_version = version
            log.info(
                "published knowledge loaded",
                extra={"event": "knowledge_reloaded", "version": version, "count": len(brain.kb.entries)},
            )
            return True

    async def poll(self) -> None:
        """One round of the poller: never raises (the database may be away for a moment)."""
        try:
            await self.check()
        except Exception as exc:
            log.warning(
                "knowledge version check failed",
                extra={"event": "knowledge_poll_failed", "error_type": type(exc).__name__},
            )

    def cleanup_ctx(self) -> Callable[[Any], AsyncIterator[None]]:
        """For app.cleanup_ctx: load what is published before serving, then poll while the server runs."""
        poller = Periodic("knowledge_poll", self.poll_seconds, self.poll, wait_first=True)

        async def ctx(_: Any) -> AsyncIterator[None]:
            # A starting instance serves the published knowledge from its first message on.
            await self.poll()
            poller.start()
            yield
            await poller.stop()

        return ctx
