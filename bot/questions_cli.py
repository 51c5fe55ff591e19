"""`python -m bot questions …` and `sessions …`: the Bureau's command line for the alderman questions."""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from collections.abc import Awaitable, Callable
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar

from adapters.export.question_writers import FORMATS, render
from adapters.persistence.db import Database
from adapters.persistence.question_repository import (
    DuplicateSessionError,
    SqlQuestionRepository,
    SqlSessionRepository,
)
from bot.settings import Settings
from knowledge.moderation import merge_questions, near_duplicates, set_status
from knowledge.question_export import STATUS_LABELS, shape_export
from knowledge.questions import STATUSES
from knowledge.sessions import STANDING, STANDING_ID, Session, Slot, format_day, format_times

T = TypeVar("T")
_ADDRESSEE_NAMES = {
    "wethouder": "wethouder",
    "wh": "wethouder",
    "gemeentesecretaris": "gemeentesecretaris",
    "gs": "gemeentesecretaris",
    "beide": "beide",
    "gs+wh": "beide",
    "wh+gs": "beide",
    "both": "beide",
}
_SLOT = re.compile(r"^\s*([\w+ ]+?)\s*=\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$")


class CliError(Exception):
    """A problem the Bureau can fix; printed as one line, exit status 2."""


def register(subparsers: Any) -> None:
    """Add the `questions` and `sessions` commands to the main parser's subparsers."""
    questions = subparsers.add_parser("questions", help="export and moderate the questions for the alderman")
    q_sub = questions.add_subparsers(dest="questions_command", required=True)
    export = q_sub.add_parser("export", help="write the collected questions, grouped by addressee")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--session", help=f"one session's id ('{STANDING_ID}' for the standing collection)")
    export.add_argument("--include-new", action="store_true", help="all questions not withdrawn or rejected")
    export.add_argument("--redact", action="store_true", help="replace detected personal data with [5.1.2.e]")
    export.add_argument("--out", type=Path, help="file to write (default: stdout)")
    export.set_defaults(func=cmd_export)
    listing = q_sub.add_parser("list", help="show questions with their ids and statuses, for moderation")
    listing.add_argument("--session")
    listing.add_argument("--status", choices=STATUSES)
    listing.set_defaults(func=cmd_list)
    dupes = q_sub.add_parser("duplicates", help="suggest near-duplicate questions to merge")
    dupes.add_argument("--session")
    dupes.set_defaults(func=cmd_duplicates)
    for name, status, what in (
        ("approve", "approved", "approve questions"),
        ("answered", "answered", "mark questions as answered in a session"),
        ("reopen", "new", "set questions back to new"),
    ):
        command = q_sub.add_parser(name, help=what)
        command.add_argument("ids", nargs="+")
        command.set_defaults(func=cmd_status, status=status)
    reject = q_sub.add_parser("reject", help="reject a question, with a reason")
    reject.add_argument("ids", nargs="+")
    reject.add_argument("--reason", required=True)
    reject.set_defaults(func=cmd_status, status="rejected")
    merge = q_sub.add_parser("merge", help="merge questions into one; the originals are kept")
    merge.add_argument("ids", nargs="+")
    merge.add_argument("--into", required=True)
    merge.set_defaults(func=cmd_merge)

    sessions = subparsers.add_parser("sessions", help="the knowledge sessions questions are collected for")
    s_sub = sessions.add_subparsers(dest="sessions_command", required=True)
    add = s_sub.add_parser("add", help="add a session")
    add.add_argument("--title", required=True)
    add.add_argument("--date", required=True, type=_day, help="YYYY-MM-DD")
    add.add_argument(
        "--slot",
        action="append",
        required=True,
        type=_slot,
        metavar="ADDRESSEE=HH:MM-HH:MM",
        help="who answers when, e.g. gs=15:00-15:30 or 'gs+wh=15:30-16:00'; repeat per addressee",
    )
    add.add_argument("--start", type=_time, help="HH:MM (default: the first slot's start)")
    add.add_argument("--end", type=_time, help="HH:MM (default: the last slot's end)")
    add.add_argument("--place", default="")
    add.add_argument("--deadline", type=_day, help="last day to send questions (default: the session's day)")
    add.add_argument("--intro", default="", help="a short introduction shown to employees")
    add.add_argument("--id", help="the session's id (default: made from the date)")
    add.set_defaults(func=cmd_sessions_add)
    s_sub.add_parser("list", help="list the sessions").set_defaults(func=cmd_sessions_list)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-03-12") from error


def _time(value: str) -> time:
    try:
        return time.fromisoformat(value.zfill(5))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not a time like 15:30") from error


def _slot(value: str) -> Slot:
    found = _SLOT.match(value)
    addressee = _ADDRESSEE_NAMES.get(found.group(1).lower().replace(" ", "")) if found else None
    if found is None or addressee is None:
        raise argparse.ArgumentTypeError(
            f"{value!r}: use ADDRESSEE=HH:MM-HH:MM with wethouder (wh), gemeentesecretaris (gs) "
            "or beide (gs+wh)"
        )
    try:
        return Slot(addressee=addressee, start=_time(found.group(2)), end=_time(found.group(3)))  # type: ignore[arg-type]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r}: {_first_error(error)}") from error


def _first_error(error: Exception) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        return "; ".join(str(e.get("msg", "")).removeprefix("Value error, ") for e in errors())
    return str(error)


def _run(work: Callable[[SqlQuestionRepository, SqlSessionRepository], Awaitable[T]]) -> T:
    """Migrate the database DATABASE_URL names, then run work against it."""
    from adapters.persistence.migrate import upgrade

    try:
        settings = Settings()
    except Exception as error:  # pydantic's ValidationError: say it plainly
        raise CliError(f"invalid settings: {error}") from error
    upgrade(settings.database_url)

    async def main() -> T:
        database = Database(settings.database_url)
        try:
            return await work(SqlQuestionRepository(database), SqlSessionRepository(database))
        finally:
            await database.dispose()

    return asyncio.run(main())


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except CliError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2

    run.__doc__ = command.__doc__
    return run


async def _session_or_fail(sessions: SqlSessionRepository, session_id: str) -> Session:
    if session_id == STANDING_ID:
        return STANDING
    found = await sessions.get(session_id)
    if found is None:
        raise CliError(f"no session with id {session_id!r}; `python -m bot sessions list` shows them")
    return found


@_guarded
def cmd_export(args: argparse.Namespace) -> int:
    """Write the export to --out or stdout (DOCX only to a file or a pipe)."""
    if args.format == "docx" and args.out is None and sys.stdout.isatty():
        raise CliError("a DOCX file is binary: give --out FILE (or redirect stdout to a file)")

    async def work(questions: SqlQuestionRepository, sessions: SqlSessionRepository) -> bytes:
        if args.session:
            chosen = [await _session_or_fail(sessions, args.session)]
        else:
            chosen = [*await sessions.list(), STANDING]
        found = await questions.list(args.session)
        exports = shape_export(found, chosen, args.include_new, args.redact, keep_empty=bool(args.session))
        return render(exports, args.format)

    data = _run(work)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.out.write_bytes(data)
        print(f"written: {args.out}", file=sys.stderr)
    return 0


@_guarded
def cmd_list(args: argparse.Namespace) -> int:
    async def work(questions: SqlQuestionRepository, _: SqlSessionRepository) -> int:
        for q in await questions.list(args.session):
            if args.status in (None, q.status):
                extra = f" → {q.merged_into}" if q.merged_into else (f" ({q.reason})" if q.reason else "")
                print(f"{q.id}  {q.session_id}  {q.addressee:<18} {STATUS_LABELS[q.status]}{extra}")
                print(f"    {' '.join(q.text.split())}")
        return 0

    return _run(work)


@_guarded
def cmd_duplicates(args: argparse.Namespace) -> int:
    async def work(questions: SqlQuestionRepository, _: SqlSessionRepository) -> int:
        for pair in near_duplicates(await questions.list(args.session)):
            print(f"{pair.score:5.1f}  {pair.first}  {pair.second}")
        return 0

    return _run(work)


@_guarded
def cmd_status(args: argparse.Namespace) -> int:
    async def work(questions: SqlQuestionRepository, _: SqlSessionRepository) -> int:
        failed = 0
        for question_id in args.ids:
            problem = await set_status(questions, question_id, args.status, getattr(args, "reason", None))
            if problem:
                failed += 1
                print(f"{question_id}: not changed ({problem})", file=sys.stderr)
        return 1 if failed else 0

    return _run(work)


@_guarded
def cmd_merge(args: argparse.Namespace) -> int:
    async def work(questions: SqlQuestionRepository, _: SqlSessionRepository) -> int:
        problem = await merge_questions(questions, args.ids, args.into)
        if problem:
            raise CliError(f"not merged ({problem})")
        return 0

    return _run(work)


@_guarded
def cmd_sessions_add(args: argparse.Namespace) -> int:
    slots = sorted(args.slot, key=lambda s: s.start)
    try:
        session = Session(
            id=args.id or f"{args.date.isoformat()}-{_short_suffix()}",
            title=args.title,
            day=args.date,
            start=args.start or slots[0].start,
            end=args.end or max(s.end for s in slots),
            place=args.place,
            slots=tuple(slots),
            deadline=args.deadline or args.date,
            intro=args.intro,
        )
    except ValueError as error:
        raise CliError(_first_error(error)) from error

    async def work(_: SqlQuestionRepository, sessions: SqlSessionRepository) -> int:
        try:
            await sessions.add(session)
        except DuplicateSessionError as error:
            raise CliError(str(error)) from error
        print(session.id)
        return 0

    return _run(work)


def _short_suffix() -> str:
    import secrets

    return secrets.token_hex(2)


@_guarded
def cmd_sessions_list(_: argparse.Namespace) -> int:
    async def work(__: SqlQuestionRepository, sessions: SqlSessionRepository) -> int:
        for s in await sessions.list():
            slots = ", ".join(
                f"{slot.addressee} {format_times(slot.start, slot.end)}".strip() for slot in s.slots
            )
            deadline = f"vragen t/m {format_day(s.deadline)}" if s.deadline else ""
            print(
                f"{s.id}  {s.title}  {format_day(s.day) if s.day else ''}  {s.place}  [{slots}]  {deadline}"
            )
        print(f"{STANDING_ID}  {STANDING.title} (altijd open)")
        return 0

    return _run(work)
