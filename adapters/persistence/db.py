"""One place that knows how to open SQLite and PostgreSQL safely for this bot."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import os
import sqlite3
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Column, Table, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.util import await_only
from sqlalchemy.util.concurrency import in_greenlet

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
# When the database is away, a turn must fail fast (and apologise) within the
# 15 seconds a channel waits, not queue for the driver's defaults (30-60 s).
CONNECT_TIMEOUT_SECONDS = 5.0
POOL_TIMEOUT_SECONDS = 10.0
STATEMENT_TIMEOUT_SECONDS = 10.0
# As long as SQLite's own busy_timeout above.
WRITE_WAIT_SECONDS = 5.0
# Per instance; PostgreSQL's default max_connections (100) leaves room for several instances.
SERVER_POOL_SIZE = 10
SERVER_POOL_OVERFLOW = 10
_FILE_ID = "wegwijzer_file_id"
_WRITER = "wegwijzer_writer"
_WRITES = ("insert", "update", "delete", "replace")


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


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _watch_sqlite_file(engine: AsyncEngine, path: Path) -> None:
    """Pooled connections notice when the database file is replaced or gone, and reconnect."""

    # An open SQLite connection keeps reading a file that was moved, deleted or
    # restored from a backup under its name: writes would vanish into the old
    # file. Checking the file's identity at checkout costs one stat().
    def remember(_dbapi_connection: Any, record: Any) -> None:
        record.info[_FILE_ID] = _file_id(path)

    def check(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if _file_id(path) != record.info.get(_FILE_ID) or record.info.get(_FILE_ID) is None:
            raise DisconnectionError("the database file was replaced or removed")

    event.listen(engine.sync_engine, "connect", remember)
    event.listen(engine.sync_engine, "checkout", check)


class _WriteGate:
    """One SQLite writer at a time in this process, queued on the event loop.

    SQLite lets one connection write; the others spin in its busy handler, sleeping
    1, 2, 5, 10... ms between tries. Under load that sleeping is most of a turn's
    latency (p99 near a second with a 15-connection pool). Here a connection about
    to write waits its turn on an asyncio lock instead, held until it goes back to
    the pool; reads never wait.
    """

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    def before_execute(self, conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if conn.info.get(_WRITER) is not None or not statement.lstrip()[:7].lower().startswith(_WRITES):
            return
        if not in_greenlet():
            return  # synchronous use (tools): SQLite's own locking suffices
        lock = self._locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())
        try:
            await_only(asyncio.wait_for(lock.acquire(), self.timeout))
        except TimeoutError:
            raise TimeoutError("the database stayed busy") from None
        conn.info[_WRITER] = lock

    @staticmethod
    def release(_dbapi_connection: Any, record: Any, *_: Any) -> None:
        lock = record.info.pop(_WRITER, None) if record is not None else None
        if lock is not None and lock.locked():
            lock.release()

    def install(self, engine: AsyncEngine) -> None:
        _GATES[engine.sync_engine] = self
        event.listen(engine.sync_engine, "before_cursor_execute", self.before_execute)
        for name in ("checkin", "invalidate", "soft_invalidate", "detach"):
            event.listen(engine.sync_engine.pool, name, self.release)


_GATES: weakref.WeakKeyDictionary[Any, _WriteGate] = weakref.WeakKeyDictionary()


def create_engine(url: str, *, guarded: bool = False) -> AsyncEngine:
    """An async engine with the durability and privacy settings this bot relies on.

    guarded: the safeguards of a running service (the server, the CLI; not migrations).
    A database that is away fails fast instead of hanging a turn; a SQLite file that
    is missing is an error, never a new blank database written to while the real one
    is away; and SQLite writers queue on the event loop instead of spinning.
    """
    if not is_sqlite_url(url):
        # Connections to a server die behind load balancers; check before use.
        options: dict[str, Any] = {}
        if make_url(url).get_driver_name() == "asyncpg":
            options["timeout"] = CONNECT_TIMEOUT_SECONDS
            if guarded:  # migrations may legitimately run long statements
                options["command_timeout"] = STATEMENT_TIMEOUT_SECONDS
        return create_async_engine(
            url,
            pool_pre_ping=True,
            pool_size=SERVER_POOL_SIZE,
            max_overflow=SERVER_POOL_OVERFLOW,
            pool_timeout=POOL_TIMEOUT_SECONDS,
            connect_args=options,
        )
    path = _sqlite_file(url)
    if path is None:
        engine = create_async_engine(url)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        if guarded:
            target = make_url(url).set(
                database=f"file:{quote(str(path.resolve()))}", query={"mode": "rw", "uri": "true"}
            )
            engine = create_async_engine(target, pool_timeout=POOL_TIMEOUT_SECONDS)
            _WriteGate(timeout=WRITE_WAIT_SECONDS).install(engine)
        else:
            engine = create_async_engine(url, pool_timeout=POOL_TIMEOUT_SECONDS)
        _watch_sqlite_file(engine, path.resolve())
    # Per connection, because SQLite forgets most PRAGMAs when a connection closes.
    event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
    return engine


class _PlainSqlite:
    """One plain sqlite3 connection to the database file, reopened when the file is replaced."""

    def __init__(self, path: Path, pragmas: Sequence[str]) -> None:
        self.path = path
        self.pragmas = tuple(pragmas)
        self._connection: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None

    def connection(self) -> sqlite3.Connection | None:
        """The connection to the file now under the path; None when there is none (never a new file)."""
        file = _file_id(self.path)
        if file is None:
            self.close()
            return None
        if self._connection is None or file != self._file:
            self.close()
            target = f"file:{quote(str(self.path))}?mode=rw"
            connection = sqlite3.connect(target, uri=True, isolation_level=None, check_same_thread=False)
            try:
                for pragma in self.pragmas:
                    connection.execute(pragma)
            except sqlite3.Error:
                connection.close()
                raise
            self._connection, self._file = connection, file
        return self._connection

    def close(self) -> None:
        connection, self._connection, self._file = self._connection, None, None
        if connection is not None:
            connection.close()


class _DirectReader:
    """Short reads on the event loop through one plain sqlite3 connection (SQLite files only).

    A SELECT by primary key in WAL mode takes microseconds and does not wait for writers;
    through SQLAlchemy and aiosqlite the same read hops to a worker thread and back five
    times, which was a third of a FAQ turn's CPU. This is only a shortcut: a lock, a
    missing or replaced file or any other error closes the connection and answers None,
    and the caller takes the ordinary async path with its tested fault behaviour.
    """

    BUSY_TIMEOUT_MS = 50  # the event loop waits at most this long; then the async path waits

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sqlite = _PlainSqlite(
            path, (f"PRAGMA busy_timeout={self.BUSY_TIMEOUT_MS}", "PRAGMA query_only=ON")
        )

    def fetch(self, statement: str, parameters: Sequence[Any]) -> list[tuple[Any, ...]] | None:
        try:
            connection = self._sqlite.connection()
            return None if connection is None else connection.execute(statement, parameters).fetchall()
        except sqlite3.Error:
            self._sqlite.close()
            return None

    def close(self) -> None:
        self._sqlite.close()


class _DirectWriter:
    """Short writes through one plain sqlite3 connection in one worker thread (SQLite files only).

    Through SQLAlchemy and aiosqlite a one-statement transaction hops between the event loop
    and a worker thread about five times while holding the write gate: under load writers
    queued behind each other for most of their turn (70-90 ms against 3 ms for a read,
    measured). Here the whole transaction is one hop, and writes queue in this one thread
    instead of on the event loop; a writer of the engine in the way is waited for by
    SQLite's busy handler, in this thread. A missing or replaced file or an error other
    than a constraint answers None, and the caller writes through the engine instead.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sqlite = _PlainSqlite(path, SQLITE_PRAGMAS)
        self._thread: concurrent.futures.ThreadPoolExecutor | None = None

    async def execute(self, statement: str, parameters: Sequence[Any]) -> int | None:
        if self._thread is None:  # first use, or first use after close (like a disposed engine)
            self._thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="sqlite-writer")
        return await asyncio.get_running_loop().run_in_executor(
            self._thread, self._execute, statement, parameters
        )

    def _execute(self, statement: str, parameters: Sequence[Any]) -> int | None:
        try:
            connection = self._sqlite.connection()
            if connection is None:
                return None
            connection.execute("BEGIN IMMEDIATE")
            try:
                count = connection.execute(statement, parameters).rowcount
                connection.execute("COMMIT")
            except BaseException:
                connection.rollback()
                raise
            return count
        except sqlite3.IntegrityError:
            raise  # the caller's business: a duplicate key is an answer, not a fault
        except sqlite3.Error:
            self._sqlite.close()
            return None

    def close(self) -> None:
        """Finish the write in flight, then close (for Database.dispose); harmless when closed."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.submit(self._sqlite.close).result()
            thread.shutdown(wait=True)


@functools.cache
def _sqlite_insert(table: Table, dialect: Any) -> tuple[str, tuple[tuple[str, Callable[[Any], Any]], ...]]:
    """INSERT for every column of `table`, with each column's bind processing as the engine does it."""
    names = [column.name for column in table.columns]
    processors = tuple((column.name, _bind(column, dialect)) for column in table.columns)
    marks = ", ".join("?" for _ in names)
    return f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", processors  # noqa: S608


def _bind(column: Column[Any], dialect: Any) -> Callable[[Any], Any]:
    """How the engine turns a Python value into what it stores in `column` (dates as text on SQLite)."""
    process = column.type._cached_bind_processor(dialect)
    return process if process is not None else _same


def _same(value: Any) -> Any:
    return value


class Database:
    """Engine plus session factory, shared by the state store and the repositories."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = is_sqlite_url(url)
        self.engine = create_engine(url, guarded=True)
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine, expire_on_commit=False
        )
        path = _sqlite_file(url) if self.is_sqlite else None
        self._direct = _DirectReader(path.resolve()) if path is not None else None
        guarded = self.engine.sync_engine in _GATES  # a served database, not a migration
        self._writer = _DirectWriter(path.resolve()) if path is not None and guarded else None

    def read_now(self, statement: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]] | None:
        """Rows of a short SELECT read at once on SQLite, or None: then read through the engine."""
        return self._direct.fetch(statement, parameters) if self._direct is not None else None

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

    async def write_now(self, statement: str, parameters: Sequence[Any] = ()) -> int | None:
        """Rows changed by one short write, committed on SQLite in one hop; or None: use the engine.

        Raises sqlite3.IntegrityError when a constraint refuses the row.
        """
        if self._writer is None:
            return None
        return await self._writer.execute(statement, parameters)

    def stored(self, column: Column[Any], value: Any) -> Any:
        """`value` as the engine would store it in `column`, for the SQLite shortcuts."""
        return _bind(column, self.engine.dialect)(value)

    async def insert_now(self, table: Table, row: dict[str, Any]) -> bool | None:
        """Insert one row on SQLite in one hop (False: a constraint refused it); or None: use the engine."""
        if set(row) != set(table.columns.keys()):
            raise ValueError(f"insert_now needs exactly the columns of {table.name}")
        if self._writer is None:
            return None
        statement, columns = _sqlite_insert(table, self.engine.dialect)
        parameters = tuple(process(row.get(name)) for name, process in columns)
        try:
            written = await self._writer.execute(statement, parameters)
        except sqlite3.IntegrityError:
            return False
        return None if written is None else True

    async def dispose(self) -> None:
        if self._writer is not None:
            await asyncio.to_thread(self._writer.close)
        if self._direct is not None:
            self._direct.close()
        await self.engine.dispose()
