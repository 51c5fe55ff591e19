"""Alembic environment: runs migrations over our async engine via run_sync."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from adapters.persistence.db import create_engine, is_sqlite_url
from adapters.persistence.tables import Base

config = context.config
target_metadata = Base.metadata
# migrate.upgrade() passes the URL as an attribute: the ini-style main options
# would try to %-interpolate passwords.
database_url: str = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=is_sqlite_url(database_url),
        compare_type=True,
        transaction_per_migration=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=database_url, literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run_sync(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_sync)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    # migrate.upgrade() guarantees no event loop runs in this thread.
    asyncio.run(run_migrations_online())
