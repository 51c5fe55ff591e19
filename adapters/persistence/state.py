"""Key/value rows for conversation state, with optimistic concurrency and hashed keys."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from adapters.persistence.db import Database
from adapters.persistence.tables import AppSecretRow, BotStateRow

ANY_ETAG: Final = "*"
# The SQLite shortcuts (Database.read_now, write_now); tests compare them with the engine's path.
_READ_ONE: Final = "SELECT key, etag, data FROM bot_state WHERE key = ?"
_UPDATE_ANY: Final = "UPDATE bot_state SET etag = ?, data = ?, updated_at = ? WHERE key = ?"
_UPDATE_IF: Final = _UPDATE_ANY + " AND etag = ?"

HMAC_ROW_NAME: Final = "state_key_hmac"


class ConflictError(Exception):
    """The item changed (or appeared, or vanished) since the caller last read it."""


def _utc(moment: datetime) -> datetime:
    # SQLite drops the offset when storing: compare everything in UTC.
    if moment.tzinfo is None:
        raise ValueError("use an aware datetime; naive ones are ambiguous across servers")
    return moment.astimezone(UTC)


class SqlStateStore:
    """Stores JSON documents under HMAC-hashed keys, so raw conversation ids never hit the disk."""

    def __init__(self, database: Database, secret: bytes | None = None) -> None:
        self._db = database
        # A secret from configuration wins; otherwise the one shared in app_secret.
        self._secret = secret

    async def _key_secret(self) -> bytes:
        if self._secret is None:
            self._secret = bytes.fromhex(await self._shared_secret(HMAC_ROW_NAME))
        return self._secret

    async def _shared_secret(self, name: str) -> str:
        """Insert-if-absent then read back: concurrent first starts agree on one value."""
        query = select(AppSecretRow.value).where(AppSecretRow.name == name)
        async with self._db.engine.connect() as connection:
            value = (await connection.execute(query)).scalar_one_or_none()
        if value is not None:
            return value
        try:
            async with self._db.engine.begin() as connection:
                await connection.execute(insert(AppSecretRow).values(name=name, value=secrets.token_hex(32)))
        except IntegrityError:
            pass  # another instance created it first; theirs is the one to use
        async with self._db.engine.connect() as connection:
            return (await connection.execute(query)).scalar_one()

    async def hash_key(self, key: str) -> str:
        """The row key for an SDK storage key (64 hex characters)."""
        digest = hmac.new(await self._key_secret(), key.encode("utf-8"), hashlib.sha256)
        return digest.hexdigest()

    async def read(self, keys: Iterable[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Map hashed key → (etag, data) for the keys that exist; unknown keys are left out."""
        hashed = [await self.hash_key(key) for key in keys]
        if not hashed:
            return {}
        direct = self._read_now(hashed)
        if direct is not None:
            return direct
        query = select(BotStateRow.key, BotStateRow.etag, BotStateRow.data).where(BotStateRow.key.in_(hashed))
        async with self._db.engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return {row.key: (row.etag, json.loads(row.data)) for row in rows}

    def _read_now(self, hashed: list[str]) -> dict[str, tuple[str, dict[str, Any]]] | None:
        """The SQLite shortcut (Database.read_now); None sends the caller down the async path."""
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        for key in hashed:
            rows = self._db.read_now(_READ_ONE, (key,))
            if rows is None:
                return None
            for row_key, etag, data in rows:
                found[row_key] = (etag, json.loads(data))
        return found

    async def write(self, key: str, data: dict[str, Any], expected_etag: str | None) -> str:
        """Store data unless someone else changed it first; returns the new etag."""
        # expected_etag: "*" writes unconditionally, None only creates a new
        # item, anything else must equal the stored etag; else ConflictError.
        if expected_etag == "":
            raise ValueError("expected_etag must not be empty: use None, '*' or a real etag")
        hashed = await self.hash_key(key)
        etag = uuid.uuid4().hex
        values = {"etag": etag, "data": json.dumps(data), "updated_at": datetime.now(UTC)}
        if expected_etag is None:
            if not await self._insert(hashed, values):
                raise ConflictError("the item already exists")
            return etag
        if expected_etag != ANY_ETAG:
            # One statement: the etag check and the write cannot be separated by another writer.
            if not await self._update(hashed, values, expected_etag):
                raise ConflictError("the item was changed or deleted since it was read")
            return etag
        # Unconditional: update, else create; a concurrent create makes the update succeed.
        for _ in range(3):
            if await self._update(hashed, values, None) or await self._insert(hashed, values):
                return etag
        raise ConflictError("the item kept appearing and disappearing while writing")

    async def _update(self, hashed: str, values: dict[str, Any], etag: str | None) -> bool:
        updated_at = self._db.stored(BotStateRow.__table__.c.updated_at, values["updated_at"])
        stamped = (values["etag"], values["data"], updated_at, hashed)
        if etag is None:
            changed = await self._db.write_now(_UPDATE_ANY, stamped)
        else:
            changed = await self._db.write_now(_UPDATE_IF, (*stamped, etag))
        if changed is not None:
            return changed == 1
        statement = update(BotStateRow).where(BotStateRow.key == hashed).values(**values)
        if etag is not None:
            statement = statement.where(BotStateRow.etag == etag)
        async with self._db.engine.begin() as connection:
            return (await connection.execute(statement)).rowcount == 1

    async def _insert(self, hashed: str, values: dict[str, Any]) -> bool:
        inserted = await self._db.insert_now(BotStateRow.__table__, {"key": hashed, **values})
        if inserted is not None:
            return inserted
        try:
            async with self._db.engine.begin() as connection:
                await connection.execute(insert(BotStateRow).values(key=hashed, **values))
        except IntegrityError:
            return False
        return True

    async def delete(self, keys: Iterable[str]) -> None:
        """Delete items; keys that do not exist are ignored."""
        hashed = [await self.hash_key(key) for key in keys]
        if not hashed:
            return
        async with self._db.engine.begin() as connection:
            await connection.execute(delete(BotStateRow).where(BotStateRow.key.in_(hashed)))
        await self._db.checkpoint()

    async def purge_older_than(self, cutoff: datetime) -> int:
        """Delete state untouched since cutoff (the inactivity rule); returns how many rows went."""
        statement = delete(BotStateRow).where(BotStateRow.updated_at < _utc(cutoff))
        async with self._db.engine.begin() as connection:
            removed = (await connection.execute(statement)).rowcount
        # Always: the WAL also holds older versions of rows that were only updated.
        await self._db.checkpoint()
        return removed
