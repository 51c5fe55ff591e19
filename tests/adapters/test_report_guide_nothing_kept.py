"""Nothing kept: after the route guide ends, the SQLite files hold no trace of the answers given.

The guide runs over the real SQL bot storage; the database file and its WAL are read as bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from adapters.persistence.db import Database
from adapters.persistence.state import SqlStateStore
from adapters.teams.state_storage import SqlBotStorage
from knowledge.guide import ACTION_START, Ask, walk
from tests.dialogs.harness import traces
from tests.dialogs.reporting import answer, guide, reporting_chat

ANSWERS = (
    "safe-now",
    "saw-it-happen",
    "not-reported-yet",
    "issue-discrimination",
    "discrimination-be-heard",
    "wants-anonymity",
    "doubts-internal-routes",
)


def _stored(url: str) -> bytes:
    db_file = Path(url.removeprefix("sqlite+aiosqlite:///"))
    return b"".join(p.read_bytes() for p in sorted(db_file.parent.glob(db_file.name + "*")))


def _traces_of(answers: tuple[str, ...]) -> list[bytes]:
    """What the answers would leave behind: their option ids and (longer) labels, in both languages."""
    found = []
    for index, option_id in enumerate(answers):
        position = walk(guide(), answers[:index])
        assert isinstance(position, Ask)
        option = position.question.option(option_id)
        found.append(option_id.encode())
        found += [label.encode() for label in (option.label.nl, option.label.en) if len(label) >= 8]
    return found


async def _rows(database: Database) -> int:
    async with database.engine.connect() as connection:
        return (await connection.execute(text("SELECT count(*) FROM bot_state"))).scalar_one()


async def _click_through(chat, answers: tuple[str, ...]) -> list:
    replies = await chat.click({"action": ACTION_START})
    for index, option_id in enumerate(answers):
        position = walk(guide(), answers[:index])
        replies = await chat.click(answer(position.question_id, option_id))
        assert len(traces(replies)) == 1
    return replies


@pytest.mark.parametrize(
    ("answers", "ending"),
    [
        (ANSWERS, "outcome"),  # walked to the end
        (ANSWERS[:5], "stop"),  # stopped halfway, at the anonymity question
        (ANSWERS[:4], "danger"),  # interrupted by the safety check
    ],
)
async def test_the_guide_leaves_no_trace_in_the_database(
    sqlite_db: Database, sqlite_url: str, answers, ending
) -> None:
    storage = SqlBotStorage(SqlStateStore(sqlite_db))
    chat = reporting_chat(storage)
    await _click_through(chat, answers[:-1])

    # Mid-guide the answers are in the dialog state: the check below can see them.
    during = _stored(sqlite_url)
    assert answers[-2].encode() in during
    assert await _rows(sqlite_db) == 1

    if ending == "outcome":
        last = walk(guide(), answers[:-1])
        await chat.click(answer(last.question_id, answers[-1]))
    elif ending == "stop":
        await chat.say("stop")
    else:
        replies = await chat.say("help, iemand bedreigt me nu")
        assert traces(replies)[0]["topic"] == "report.emergency"

    assert await _rows(sqlite_db) == 0
    assert await storage.read([f"msteams/conversations/{chat.conversation.id}"]) == {}
    after = _stored(sqlite_url)
    given = answers if ending == "outcome" else answers[:-1]
    for trace in _traces_of(given):
        assert trace not in after, f"{trace!r} outlived the guide"
