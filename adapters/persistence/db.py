"""One place that knows how to open SQLite and PostgreSQL safely for this bot."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

log = logging.getLogger(__name__)

# secure_delete zeroes freed pages: the anonymity check greps the file for
# identifiers, so deleted state must not survive in free pages.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA secure_delete=ON",
)

# A probe that hangs is worse than one that says "no": an unreachable server
# can otherwise take minutes to time out.
PING_TIMEOUT_SECONDS = 5.0


def is_sqlite_url(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for in-memory databases."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def create_engine(url: str) -> AsyncEngine:
    """An async engine with the durability and privacy settings this bot relies on."""
    if not is_sqlite_url(url):
        # Connections to a server die behind load balancers; check before use.
        return create_async_engine(url, pool_pre_ping=True)
    path = _sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url)
    # Per connection, because SQLite forgets most PRAGMAs when a connection closes.
    event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
    return engine


class Database:
    """Engine plus session factory, shared by the state store and the repositories."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = is_sqlite_url(url)
        self.engine = create_engine(url)
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine, expire_on_commit=False
        )

    async def ping(self) -> bool:
        """Health check for readiness probes: never raises, only answers."""
        try:
            async with asyncio.timeout(PING_TIMEOUT_SECONDS), self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception as error:  # any failure means "not ready", whatever the driver raised
            # The URL may carry a password: log the error type, not the message.
            log.warning("database ping failed: %s", type(error).__name__)
            return False
        return True

    async def checkpoint(self) -> None:
        """Fold the SQLite WAL into the file and truncate it, so deleted rows leave no copy."""
        if not self.is_sqlite:
            return
        try:
            async with self.engine.connect() as connection:
                await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except SQLAlchemyError as error:
            # Best effort: a busy reader only postpones the truncation to the next purge.
            log.warning("WAL checkpoint skipped: %s", type(error).__name__)

    async def dispose(self) -> None:
        await self.engine.dispose()
