"""The command line: serve, db upgrade, chat."""

from __future__ import annotations

import argparse
import gc
import logging
import sys

from aiohttp import web

from adapters.web.admin import WorkspaceConfigError
from bot import manifest_cli, questions_cli, rooms_cli
from bot.logs import ACCESS_LOG_FORMAT, configure_logging
from bot.settings import Settings, SettingsError
from knowledge.loader import ContentError

log = logging.getLogger("wegwijzer")

DEV_BANNER = """
==============================================================================
  DEVELOPMENT MODE: MicrosoftAppId is empty, so requests to /api/messages are
  NOT authenticated. Fine on your own machine; never like this in production.
==============================================================================
"""


def _settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic's ValidationError: print it plainly
        print(f"error: invalid settings: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def cmd_db_upgrade(_: argparse.Namespace) -> int:
    from adapters.persistence.migrate import upgrade

    settings = _settings()
    upgrade(settings.database_url)
    print("database is up to date")
    return 0


def cmd_serve(_: argparse.Namespace) -> int:
    from adapters.persistence.migrate import upgrade
    from bot.app import create_app

    settings = _settings()
    configure_logging(settings.log_level)
    try:
        settings.check_safe_to_serve()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if settings.development_mode:
        print(DEV_BANNER, file=sys.stderr, flush=True)
        log.warning("unauthenticated development mode", extra={"event": "dev_mode"})
    upgrade(settings.database_url)
    try:
        app = create_app(settings)
    except ContentError as exc:
        print(f"error: knowledge content is broken: {exc}", file=sys.stderr)
        return 2
    except WorkspaceConfigError as exc:
        print(f"error: moderator workspace: {exc}", file=sys.stderr)
        return 2
    app.on_startup.append(_freeze_startup_heap)
    base = f"http://{settings.host}:{settings.port}"
    print(
        f"Wegwijzer is running:\n  chat page:      {base}/chat\n"
        f"  bot endpoint:   {base}/api/messages\n  health:         {base}/healthz",
        flush=True,
    )
    web.run_app(app, host=settings.host, port=settings.port, access_log_format=ACCESS_LOG_FORMAT, print=None)
    return 0


async def _freeze_startup_heap(_: web.Application) -> None:
    """Take what startup built (knowledge, indexes: ~190,000 objects) out of the collector's walks.

    A full collection walks every tracked object: with the knowledge loaded that took about
    80 ms, a stall every few hundred turns that set the p99. Frozen objects are not scanned
    (reference counting still frees them). Only here, once per process: the tests build
    many apps in one process and must not freeze each other's garbage.
    """
    gc.collect()
    gc.freeze()


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.terminal_chat import run_terminal_chat

    return run_terminal_chat(_settings(), url=args.url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Wegwijzer, the I&D Teams bot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="migrate the database and start the server").set_defaults(func=cmd_serve)
    db = sub.add_parser("db", help="database commands")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply all migrations").set_defaults(func=cmd_db_upgrade)
    chat = sub.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--url", help="a running server's base URL (default: start one in-process)")
    chat.set_defaults(func=cmd_chat)
    questions_cli.register(sub)
    rooms_cli.register(sub)
    manifest_cli.register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))
