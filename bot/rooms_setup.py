"""Wiring for the quiet rooms: the directory the dialogs search, its database, and the two flows."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from aiohttp import web

from adapters.persistence.db import Database
from adapters.persistence.room_repository import SqlRoomFeedbackLog, SqlRoomRepository
from dialogs.flow import Flow
from dialogs.quietroom_dialog import ACTIONS as FIND_ACTIONS
from dialogs.quietroom_dialog import TOPICS as FIND_TOPICS
from dialogs.quietroom_dialog import QuietRoomDialog
from dialogs.quietroom_feedback_dialog import ACTIONS as FEEDBACK_ACTIONS
from dialogs.quietroom_feedback_dialog import TOPICS as FEEDBACK_TOPICS
from dialogs.quietroom_feedback_dialog import QuietRoomFeedbackDialog
from dialogs.services import Services
from knowledge.room_feedback import RoomFeedbackLog
from knowledge.room_import import load_room_content
from knowledge.rooms import QuietRoom, RoomCatalog, RoomRepository

log = logging.getLogger("wegwijzer.rooms")


def room_flows(
    services: Services,
    directory: RoomCatalog,
    feedback: RoomFeedbackLog,
    now: Callable[[], datetime] | None = None,
) -> tuple[Flow, Flow]:
    """The search flow (quietroom.find, quietroom.facilities) and the feedback flow (quietroom.feedback)."""
    find = QuietRoomDialog(services, directory) if now is None else QuietRoomDialog(services, directory, now)
    return (
        Flow(find, topics=FIND_TOPICS, actions=FIND_ACTIONS),
        Flow(
            QuietRoomFeedbackDialog(services, directory, feedback),
            topics=FEEDBACK_TOPICS,
            actions=FEEDBACK_ACTIONS,
            handles_disclosure=True,
        ),
    )


async def load_rooms(repository: RoomRepository, shipped: list[QuietRoom]) -> list[QuietRoom]:
    """The rooms in the database; an empty database is first seeded with the shipped set."""
    stored = await repository.all()
    if stored or not shipped:
        return stored
    await repository.upsert(shipped)
    log.info("room directory seeded", extra={"event": "rooms_seeded", "count": len(shipped)})
    return await repository.all()


@dataclass
class RoomsWiring:
    """Built once by create_app: the catalog starts with the shipped set and is refilled from the database."""

    directory: RoomCatalog
    repository: SqlRoomRepository
    feedback: SqlRoomFeedbackLog
    shipped: list[QuietRoom]

    @classmethod
    def create(cls, content_dir: Path, database: Database) -> RoomsWiring:
        """Reads knowledge/content/rooms/*.yaml now, so a broken file stops the start (ContentError)."""
        shipped = load_room_content(Path(content_dir) / "rooms")
        return cls(RoomCatalog(shipped), SqlRoomRepository(database), SqlRoomFeedbackLog(database), shipped)

    def flows(self, services: Services) -> tuple[Flow, Flow]:
        return room_flows(services, self.directory, self.feedback)

    async def on_startup(self, _: web.Application) -> None:
        """aiohttp startup hook: the database's rooms replace the shipped set (seeding an empty database)."""
        try:
            rooms = await load_rooms(self.repository, self.shipped)
        except Exception as exc:  # the database may be away: keep answering from the shipped set
            log.warning(
                "room directory not loaded",
                extra={"event": "rooms_load_failed", "error_type": type(exc).__name__},
            )
            return
        if rooms:
            self.directory.replace(rooms)
