"""Structured event logs as JSON lines; no message text, names or ids ever go in."""

from __future__ import annotations

import json
import logging
import sys
import time

# Fields that may be attached with `extra=`; anything else is dropped, so a
# careless `extra={"text": ...}` cannot leak what a user wrote.
ALLOWED_FIELDS = frozenset(
    {
        "event",
        "error_type",
        "status",
        "topic",
        "score",
        "outcome",
        "duration_ms",
        "count",
        "url",
        "mode",
        "path",
        "entries",
        "database",
        "version",
        "kind",
        "method",
    }
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in ALLOWED_FIELDS:
            if key in record.__dict__:
                data[key] = record.__dict__[key]
        return json.dumps(data, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # The SDK and msrest log request details at INFO/DEBUG, including ids.
    # aiosqlite and SQLAlchemy echo statements with their parameters (question texts) at DEBUG.
    for noisy in (
        "botbuilder",
        "botframework",
        "msrest",
        "msal",
        "urllib3",
        "aiosqlite",
        "sqlalchemy",
        "asyncpg",
        "alembic",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)


# Remote address, user agent and referrer are left out on purpose.
ACCESS_LOG_FORMAT = "%r %s %b %Tf"
