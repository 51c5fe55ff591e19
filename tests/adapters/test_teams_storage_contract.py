"""The SDK storage contract (ported from botbuilder-testing's StorageBaseTests), on every backend."""

from __future__ import annotations

import asyncio
import copy

import pytest
from botbuilder.core import MemoryStorage, Storage, StoreItem

from adapters.persistence.db import Database
from adapters.persistence.state import SqlStateStore
from adapters.teams.state_storage import ConflictError, SqlBotStorage

# MemoryStorage signals a stale e_tag with KeyError; we raise ConflictError.
STALE_ETAG_ERRORS = (KeyError, ConflictError)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def storage(request: pytest.FixtureRequest) -> Storage:
    """botbuilder's MemoryStorage is the reference; ours must behave the same."""
    if request.param == "memory":
        return MemoryStorage()
    database: Database = request.getfixturevalue(f"{request.param}_db")
    return SqlBotStorage(SqlStateStore(database))


async def read_one(storage: Storage, key: str):
    # MemoryStorage hands out its own objects: copy, as a second process would see them.
    return copy.deepcopy((await storage.read([key]))[key])


async def test_unknown_keys_read_as_nothing(storage: Storage) -> None:
    assert await storage.read(["unknown"]) == {}
    await storage.write({"known": {"n": 1}})
    assert set(await storage.read(["unknown", "known"])) == {"known"}


async def test_no_keys_read_as_empty(storage: Storage) -> None:
    assert await storage.read(None) == {}
    assert await storage.read([]) == {}


async def test_writing_none_is_refused(storage: Storage) -> None:
    with pytest.raises(Exception, match="Changes are required when writing"):
        await storage.write(None)


async def test_writing_nothing_is_fine(storage: Storage) -> None:
    await storage.write([])
    await storage.write({})


async def test_create_object(storage: Storage) -> None:
    await storage.write({"createPoco": {"id": 1}, "createPocoStoreItem": {"id": 2, "e_tag": "*"}})
    items = await storage.read(["createPoco", "createPocoStoreItem"])
    assert items["createPoco"]["id"] == 1
    assert items["createPocoStoreItem"]["id"] == 2
    assert items["createPocoStoreItem"]["e_tag"] is not None


async def test_crazy_keys(storage: Storage) -> None:
    key = '!@#$%^&*()_+??><":QASD~`'
    await storage.write({key: {"id": 1}})
    assert (await storage.read([key]))[key]["id"] == 1


async def test_update_object(storage: Storage) -> None:
    await storage.write(
        {"pocoItem": {"id": 1, "count": 1}, "pocoStoreItem": {"id": 1, "count": 1, "e_tag": "*"}}
    )
    loaded = copy.deepcopy(await storage.read(["pocoItem", "pocoStoreItem"]))
    loaded["pocoItem"]["e_tag"] = None
    assert loaded["pocoStoreItem"]["e_tag"] is not None
    loaded["pocoItem"]["count"] += 1
    loaded["pocoStoreItem"]["count"] += 1
    await storage.write(loaded)

    reloaded = copy.deepcopy(await storage.read(["pocoItem", "pocoStoreItem"]))
    assert reloaded["pocoItem"]["count"] == 2
    assert reloaded["pocoStoreItem"]["count"] == 2

    # Without an e_tag an item is simply overwritten.
    await storage.write({"pocoItem": {"id": 1, "count": 123}})
    assert (await read_one(storage, "pocoItem"))["count"] == 123

    # The wildcard overwrites whatever is stored.
    reloaded["pocoStoreItem"].update(count=100, e_tag="*")
    await storage.write({"pocoStoreItem": reloaded["pocoStoreItem"]})
    assert (await read_one(storage, "pocoStoreItem"))["count"] == 100

    # An empty e_tag is a bug in the caller, never a write.
    item = await read_one(storage, "pocoStoreItem")
    item.update(count=5, e_tag="")
    with pytest.raises(Exception, match="etag missing"):
        await storage.write({"pocoStoreItem": item})
    assert (await read_one(storage, "pocoStoreItem"))["count"] == 100


async def _with_real_etag(storage: Storage, key: str, item: dict) -> None:
    # MemoryStorage only starts versioning once an item has been written twice.
    await storage.write({key: {**item, "e_tag": "*"}})
    await storage.write({key: {**item, "e_tag": "*"}})


async def test_stale_etag_raises_and_keeps_the_winner(storage: Storage) -> None:
    await _with_real_etag(storage, "k", {"n": 0})
    first, second = await read_one(storage, "k"), await read_one(storage, "k")
    first["n"] = 1
    await storage.write({"k": first})
    second["n"] = 2
    with pytest.raises(STALE_ETAG_ERRORS):
        await storage.write({"k": second})
    assert (await read_one(storage, "k"))["n"] == 1

    second["e_tag"] = "*"
    await storage.write({"k": second})
    assert (await read_one(storage, "k"))["n"] == 2


async def test_current_etag_keeps_writing(storage: Storage) -> None:
    await _with_real_etag(storage, "k", {"n": 0})
    for n in range(1, 4):
        item = await read_one(storage, "k")
        item["n"] = n
        await storage.write({"k": item})
    assert (await read_one(storage, "k"))["n"] == 3


async def test_store_items_round_trip_with_etags(storage: Storage) -> None:
    await storage.write({"si": StoreItem(id=1, count=1, e_tag="*")})
    await storage.write({"si": StoreItem(id=1, count=1, e_tag="*")})
    item = await read_one(storage, "si")
    assert isinstance(item, StoreItem)
    assert (item.id, item.count) == (1, 1)
    assert item.e_tag not in (None, "", "*")

    stale = copy.deepcopy(item)
    item.count = 2
    await storage.write({"si": item})
    stale.count = 3
    with pytest.raises(STALE_ETAG_ERRORS):
        await storage.write({"si": stale})
    assert (await read_one(storage, "si")).count == 2


async def test_two_writers_with_the_same_etag_one_wins(storage: Storage) -> None:
    await _with_real_etag(storage, "race", {"winner": None})
    a, b = await read_one(storage, "race"), await read_one(storage, "race")
    a["winner"], b["winner"] = "a", "b"
    results = await asyncio.gather(
        storage.write({"race": a}), storage.write({"race": b}), return_exceptions=True
    )
    failures = [result for result in results if isinstance(result, Exception)]
    assert len(failures) == 1
    winner = "b" if results[0] is failures[0] else "a"
    assert (await read_one(storage, "race"))["winner"] == winner


async def test_delete_object(storage: Storage) -> None:
    await storage.write({"delete1": {"id": 1, "count": 1, "e_tag": "*"}})
    item = await read_one(storage, "delete1")
    assert item["e_tag"]
    assert item["count"] == 1
    await storage.delete(["delete1"])
    assert "delete1" not in await storage.read(["delete1"])


async def test_deleting_an_unknown_key_is_fine(storage: Storage) -> None:
    await storage.delete(["unknown_key"])


async def test_batch_operations(storage: Storage) -> None:
    await storage.write({"batch1": {"count": 10}, "batch2": {"count": 20}, "batch3": {"count": 30}})
    result = await storage.read(["batch1", "batch2", "batch3"])
    assert [result[key]["count"] for key in ("batch1", "batch2", "batch3")] == [10, 20, 30]
    # BotState.delete passes a set, read may get dict keys: any iterable works.
    await storage.delete({"batch1", "batch2"})
    result = await storage.read({"batch1": 0, "batch2": 0, "batch3": 0}.keys())
    assert set(result) == {"batch3"}


async def test_nested_values_round_trip(storage: Storage) -> None:
    value = {"list": [1, "two", {"three": 3.0}], "none": None, "flag": True, "text": "ëé ✓"}
    await storage.write({"nested": {"value": value}})
    assert (await read_one(storage, "nested"))["value"] == value
