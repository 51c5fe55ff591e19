"""A turn that changes nothing costs no write, and a conversation left idle keeps no row."""

from __future__ import annotations

from sqlalchemy import func, select

from adapters.persistence.db import Database
from adapters.persistence.state import SqlStateStore
from adapters.persistence.tables import BotStateRow
from adapters.teams.state_storage import SqlBotStorage
from tests.dialogs.harness import Conversation


async def rows(database: Database) -> int:
    async with database.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(BotStateRow))).scalar_one())


async def test_questions_and_answers_leave_no_state_row(sqlite_db: Database) -> None:
    chat = Conversation(storage=SqlBotStorage(SqlStateStore(sqlite_db)))
    for text in ("hoi", "waar kan ik anoniem melden?", "hoe vraag ik verlof aan?"):
        await chat.say(text)
    assert await rows(sqlite_db) == 0


async def test_a_waiting_flow_is_stored_and_an_unchanged_turn_writes_nothing(sqlite_db: Database) -> None:
    storage = SqlBotStorage(SqlStateStore(sqlite_db))
    await storage.write({"conv": {"DialogState": {"step": 1}}})
    first = await storage.read(["conv"])
    etag = first["conv"]["e_tag"]
    await storage.write({"conv": first["conv"]})  # the same document back: skipped
    assert (await storage.read(["conv"]))["conv"]["e_tag"] == etag
    changed = dict(first["conv"], DialogState={"step": 2})
    again = await storage.read(["conv"])
    await storage.write({"conv": dict(changed, e_tag=again["conv"]["e_tag"])})
    assert (await storage.read(["conv"]))["conv"]["e_tag"] != etag
    assert await rows(sqlite_db) == 1
