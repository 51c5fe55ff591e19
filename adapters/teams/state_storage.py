"""Bot Framework Storage on SQL, so dialog state survives restarts and is shared by instances."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any, Final

from botbuilder.core import Storage
from jsonpickle.pickler import Pickler
from jsonpickle.unpickler import Unpickler

from adapters.persistence.state import ANY_ETAG, ConflictError, SqlStateStore

__all__ = ["ConflictError", "SqlBotStorage", "UnsafeStateError"]

# Dialog state holds SDK objects (DialogState, PromptOptions, Activity, enums,
# datetimes) and maybe our own: restoring any other class from the database
# would let whoever can write a row run code in the bot.
DEFAULT_ALLOWED_MODULES: Final = ("botbuilder", "datetime", "decimal", "uuid", "dialogs", "knowledge")
_CLASS_TAGS: Final = frozenset({"py/object", "py/type", "py/function"})
_FORBIDDEN_TAGS: Final = frozenset({"py/mod", "py/repr", "py/ref", "py/property"})


class UnsafeStateError(ValueError):
    """State mentions a class outside the allowed modules (or a jsonpickle escape hatch)."""


def _e_tag_of(item: object) -> str | None:
    if isinstance(item, Mapping):
        return item.get("e_tag")
    return getattr(item, "e_tag", None)


SEEN_LIMIT = 20_000
_IDLE_DIALOGS = {"py/object": "botbuilder.dialogs.dialog_state.DialogState", "_dialog_stack": []}


def _idle(document: dict[str, Any]) -> bool:
    """A conversation state holding nothing but an empty dialog stack."""
    return all(value == _IDLE_DIALOGS for value in document.values())


class SqlBotStorage(Storage):
    """MemoryStorage's contract on SQL, so state survives restarts and is shared by instances."""

    # Items read back carry their current e_tag; writing one back with that
    # e_tag raises ConflictError if another turn wrote or deleted it meanwhile
    # (MemoryStorage would recreate a deleted item). None or "*" overwrite.

    def __init__(self, store: SqlStateStore, allowed_modules: Iterable[str] = DEFAULT_ALLOWED_MODULES):
        super().__init__()
        self._store = store
        self._allowed = tuple(allowed_modules)
        # What each key held when last read (None: nothing), so that a turn which changed
        # nothing, or left a new conversation idle, costs no write and keeps no row.
        self._seen: OrderedDict[str, tuple[str, dict[str, Any]] | None] = OrderedDict()

    async def read(self, keys: Iterable[str] | None) -> dict[str, Any]:
        if not keys:
            return {}  # as MemoryStorage and CosmosDbPartitionedStorage do
        keys = list(keys)
        rows = await self._store.read(keys)
        items: dict[str, Any] = {}
        for key in keys:
            row = rows.get(await self._store.hash_key(key))
            self._remember(key, row)
            if row is not None:
                etag, document = row
                items[key] = self._restore(document, etag)
        return items

    async def idle(self, key: str) -> bool:
        """True when no flow is running in this state: nothing stored, or an empty dialog stack only.

        Reads the stored document without restoring it (no classes are built), for the quick path.
        """
        row = (await self._store.read([key])).get(await self._store.hash_key(key))
        return row is None or _idle(row[1])

    def _remember(self, key: str, row: tuple[str, dict[str, Any]] | None) -> None:
        self._seen[key] = row
        self._seen.move_to_end(key)
        while len(self._seen) > SEEN_LIMIT:
            self._seen.popitem(last=False)

    def _unchanged(self, key: str, document: dict[str, Any], expected: str) -> bool:
        """True when writing would store what is there already, or an idle state where nothing is."""
        if key not in self._seen:
            return False
        seen = self._seen.pop(key)
        if seen is None:
            return _idle(document)
        return expected == seen[0] and document == seen[1]

    async def write(self, changes: Mapping[str, Any] | None) -> None:
        if changes is None:
            # The SDK's own wording: its storage tests compare the message.
            raise ValueError("Changes are required when writing")
        if not changes:
            return
        documents = {}
        # Check everything first, so a bad item does not leave a half-written batch.
        for key, item in changes.items():
            e_tag = _e_tag_of(item)
            if e_tag == "":
                raise ValueError("SqlBotStorage.write(): etag missing")
            documents[key] = (self._flatten(item), ANY_ETAG if e_tag in (None, ANY_ETAG) else e_tag)
        for key, (document, expected) in documents.items():
            if not self._unchanged(key, document, expected):
                await self._store.write(key, document, expected)

    async def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        for key in keys:
            self._seen.pop(key, None)
        await self._store.delete(keys)

    def _flatten(self, item: object) -> dict[str, Any]:
        document = Pickler().flatten(item)
        if not isinstance(document, dict):
            # Bare lists or strings have nowhere to carry an e_tag.
            raise TypeError(f"storage items must be dicts or objects, not {type(item).__name__}")
        # The etag lives in its own column; the stored one would always be stale.
        document.pop("e_tag", None)
        self._check(document)
        return document

    def _restore(self, document: dict[str, Any], etag: str) -> Any:
        self._check(document)
        item = Unpickler(safe=True, on_missing="error").restore(document)
        if isinstance(item, dict):
            item["e_tag"] = etag
        else:
            item.e_tag = etag
        return item

    def _check(self, node: Any) -> None:
        if isinstance(node, list):
            for value in node:
                self._check(value)
        elif isinstance(node, dict):
            for tag, value in node.items():
                if tag in _FORBIDDEN_TAGS or tag.startswith("json://"):
                    raise UnsafeStateError(f"jsonpickle tag {tag!r} is not allowed in bot state")
                if tag in _CLASS_TAGS and not self._allowed_name(value):
                    raise UnsafeStateError(f"class {value!r} is not allowed in bot state")
                self._check(value)

    def _allowed_name(self, name: object) -> bool:
        return isinstance(name, str) and any(name.startswith(module + ".") for module in self._allowed)
