"""Bring a database to the newest schema from code, without an alembic.ini."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> Config:
    """The Alembic configuration that an alembic.ini would otherwise hold."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Escaped for ConfigParser; env.py reads the unescaped attribute first.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Run `alembic upgrade head`; blocking, so call it before the loop or via a thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass  # no loop in this thread: env.py may start its own
    else:
        raise RuntimeError(
            "upgrade() blocks and starts its own event loop; from async code use "
            "`await asyncio.to_thread(upgrade, url)`"
        )
    command.upgrade(alembic_config(database_url), revision)
