"""What SqlBotStorage adds to the SDK contract: strict etags, hashed keys, safe unpickling."""

from __future__ import annotations

import asyncio
from pathlib import Path, PurePosixPath

import pytest
from botbuilder.core import StoreItem

from adapters.persistence.db import Database
from adapters.persistence.state import ConflictError, SqlStateStore
from adapters.teams.state_storage import DEFAULT_ALLOWED_MODULES, SqlBotStorage, UnsafeStateError

RAW_KEY = "msteams/conversations/19:conv-d41d8cd98f@thread.v2|livechat/"


class Preferences:
    """A class of our own in dialog state; must be allowed explicitly."""

    def __init__(self, lang: str) -> None:
        self.lang = lang


def storage_on(database: Database) -> SqlBotStorage:
    return SqlBotStorage(SqlStateStore(database))


def db_bytes(sqlite_url: str) -> bytes:
    db_file = Path(sqlite_url.removeprefix("sqlite+aiosqlite:///"))
    return b"".join(path.read_bytes() for path in db_file.parent.glob(db_file.name + "*"))


async def test_raw_keys_never_reach_the_file(sqlite_db: Database, sqlite_url: str) -> None:
    storage = storage_on(sqlite_db)
    await storage.write({RAW_KEY: {"topic": "MARKER-4c1f9e"}})
    stored = db_bytes(sqlite_url)
    assert b"MARKER-4c1f9e" in stored
    assert RAW_KEY.encode() not in stored
    assert b"conv-d41d8cd98f" not in stored

    await storage.delete([RAW_KEY])
    # secure_delete plus the WAL checkpoint: the deleted document leaves no copy either.
    stored = db_bytes(sqlite_url)
    assert b"conv-d41d8cd98f" not in stored
    assert b"MARKER-4c1f9e" not in stored


async def test_items_written_without_etag_read_back_with_one(database: Database) -> None:
    storage = storage_on(database)
    await storage.write({"k": {"n": 1}})
    item = (await storage.read(["k"]))["k"]
    assert len(item["e_tag"]) == 32
    item["n"] = 2
    await storage.write({"k": item})
    assert (await storage.read(["k"]))["k"]["e_tag"] != item["e_tag"]


async def test_etag_of_a_deleted_item_conflicts(database: Database) -> None:
    storage = storage_on(database)
    await storage.write({"k": {"n": 1}})
    item = (await storage.read(["k"]))["k"]
    await storage.delete(["k"])
    with pytest.raises(ConflictError):
        await storage.write({"k": item})
    assert await storage.read(["k"]) == {}


async def test_empty_etag_refuses_the_whole_batch(database: Database) -> None:
    storage = storage_on(database)
    with pytest.raises(ValueError, match="etag missing"):
        await storage.write({"a": {"n": 1}, "b": {"n": 2, "e_tag": ""}})
    assert await storage.read(["a", "b"]) == {}


async def test_two_processes_share_state_and_race_fairly(sqlite_url: str, sqlite_db: Database) -> None:
    other = Database(sqlite_url)  # its own pool: as another instance of the bot
    try:
        mine, theirs = storage_on(sqlite_db), storage_on(other)
        await mine.write({RAW_KEY: StoreItem(owner=None)})
        a, b = (await mine.read([RAW_KEY]))[RAW_KEY], (await theirs.read([RAW_KEY]))[RAW_KEY]
        assert a.e_tag == b.e_tag
        a.owner, b.owner = "mine", "theirs"
        results = await asyncio.gather(
            mine.write({RAW_KEY: a}), theirs.write({RAW_KEY: b}), return_exceptions=True
        )
        assert sum(isinstance(result, ConflictError) for result in results) == 1
        winner = "theirs" if isinstance(results[0], ConflictError) else "mine"
        assert (await theirs.read([RAW_KEY]))[RAW_KEY].owner == winner
    finally:
        await other.dispose()


async def test_foreign_classes_are_refused_on_write(database: Database) -> None:
    storage = storage_on(database)
    with pytest.raises(UnsafeStateError, match="pathlib"):
        await storage.write({"k": {"path": PurePosixPath("/etc")}})
    with pytest.raises(UnsafeStateError, match="Preferences"):
        await storage.write({"k": {"prefs": Preferences("nl")}})
    with pytest.raises(TypeError):
        await storage.write({"k": ["not", "an", "item"]})


async def test_forged_rows_are_never_unpickled(database: Database) -> None:
    store = SqlStateStore(database)
    forged = {"x": {"py/reduce": [{"py/function": "os.system"}, {"py/tuple": ["echo pwned"]}]}}
    await store.write("k", forged, "*")
    await store.write("r", {"x": {"py/repr": "os/os.system('echo pwned')"}}, "*")
    storage = SqlBotStorage(store)
    for key in ("k", "r"):
        with pytest.raises(UnsafeStateError):
            await storage.read([key])


async def test_own_classes_can_be_allowed(database: Database) -> None:
    storage = SqlBotStorage(
        SqlStateStore(database), allowed_modules=(*DEFAULT_ALLOWED_MODULES, Preferences.__module__)
    )
    await storage.write({"k": {"prefs": Preferences("nl")}})
    prefs = (await storage.read(["k"]))["k"]["prefs"]
    assert isinstance(prefs, Preferences)
    assert prefs.lang == "nl"
