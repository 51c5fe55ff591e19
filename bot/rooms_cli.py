"""`python -m bot rooms …`: load the real quiet-room list, and read the shortage counts."""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from adapters.persistence.db import Database
from adapters.persistence.room_repository import SqlRoomFeedbackLog, SqlRoomRepository
from bot.settings import Settings
from knowledge.room_feedback import FEEDBACK_KINDS
from knowledge.room_import import RoomImportError, parse_file

T = TypeVar("T")


def register(subparsers: Any) -> None:
    """Add the `rooms` command to the main parser's subparsers."""
    rooms = subparsers.add_parser("rooms", help="the quiet-room directory and its feedback")
    sub = rooms.add_subparsers(dest="rooms_command", required=True)
    load = sub.add_parser("import", help="validate a CSV or YAML list of rooms and store it (all or nothing)")
    load.add_argument("file", type=Path, help="rooms.csv, rooms.yaml or rooms.yml (UTF-8)")
    load.add_argument(
        "--replace", action="store_true", help="also remove stored rooms that are not in the file"
    )
    load.add_argument("--dry-run", action="store_true", help="only check the file; store nothing")
    load.set_defaults(func=cmd_import)
    counts = sub.add_parser("feedback", help="reports per location (no identities; for the Bureau)")
    counts.set_defaults(func=cmd_feedback)


def _run(work: Callable[[Database], Awaitable[T]]) -> T:
    """Migrate the database DATABASE_URL names, then run work against it."""
    from adapters.persistence.migrate import upgrade

    try:
        settings = Settings()
    except Exception as error:  # pydantic's ValidationError: say it plainly
        raise SystemExit(f"error: invalid settings: {error}") from error
    upgrade(settings.database_url)

    async def main() -> T:
        database = Database(settings.database_url)
        try:
            return await work(database)
        finally:
            await database.dispose()

    return asyncio.run(main())


def cmd_import(args: argparse.Namespace) -> int:
    """Every row is checked first; one fault and nothing is stored. Exit 1 lists the faults by line."""
    try:
        rooms = parse_file(args.file)
    except RoomImportError as error:
        print(f"error: {args.file.name} was not imported; nothing was changed:", file=sys.stderr)
        for line in str(error).splitlines():
            print(f"  {line}", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"{args.file.name}: {len(rooms)} rooms, all valid (nothing stored: --dry-run)")
        return 0
    counts = _run(lambda database: SqlRoomRepository(database).upsert(rooms, replace=args.replace))
    print(f"{args.file.name}: {counts.added} added, {counts.updated} updated, {counts.removed} removed")
    print("restart the bot to use the new list", file=sys.stderr)
    return 0


def cmd_feedback(_: argparse.Namespace) -> int:
    """CSV on stdout: one line per location, a column per kind of report, and the total."""
    tallies = _run(lambda database: SqlRoomFeedbackLog(database).count_by_location())
    writer = csv.writer(sys.stdout)
    writer.writerow(["location", "label", *FEEDBACK_KINDS, "total"])
    for key, tally in sorted(tallies.items(), key=lambda item: (-item[1].total, item[0])):
        writer.writerow([key, tally.label, *(tally.counts.get(k, 0) for k in FEEDBACK_KINDS), tally.total])
    return 0
