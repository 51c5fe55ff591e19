"""GapLog and FeedbackLog: the fakes and the SQL versions behave alike."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from adapters.persistence.db import Database
from adapters.persistence.memory import InMemoryFeedbackLog, InMemoryGapLog
from adapters.persistence.repositories import FeedbackTally, SqlFeedbackLog, SqlGapLog
from knowledge.ports import FeedbackLog, Gap, GapLog

BACKENDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def gap_log(request: pytest.FixtureRequest) -> InMemoryGapLog | SqlGapLog:
    if request.param == "memory":
        return InMemoryGapLog()
    return SqlGapLog(request.getfixturevalue(f"{request.param}_db"))


@pytest.fixture(params=BACKENDS)
def feedback_log(request: pytest.FixtureRequest) -> InMemoryFeedbackLog | SqlFeedbackLog:
    if request.param == "memory":
        return InMemoryFeedbackLog()
    return SqlFeedbackLog(request.getfixturevalue(f"{request.param}_db"))


def _ports_are_satisfied(database: Database) -> tuple[GapLog, FeedbackLog, GapLog, FeedbackLog]:
    # Checked by mypy: every implementation fits the domain's Protocols.
    return SqlGapLog(database), SqlFeedbackLog(database), InMemoryGapLog(), InMemoryFeedbackLog()


async def test_gaps_round_trip_every_field(gap_log: InMemoryGapLog | SqlGapLog) -> None:
    full = Gap(
        "low_confidence", "wat is een vertrouwenspersoon?", "nl", date(2024, 5, 1), "support", 0.42, "e-7"
    )
    bare = Gap("fallback", "ëé ✓ 🙂", "en", date(2024, 5, 2))
    await gap_log.record(full)
    await gap_log.record(bare)
    assert await gap_log.recent(10) == [bare, full]


async def test_recent_gaps_are_newest_day_first_and_limited(gap_log: InMemoryGapLog | SqlGapLog) -> None:
    for day in (3, 1, 4, 2):
        await gap_log.record(Gap("unknown_term", f"day {day}", "nl", date(2024, 6, day)))
    assert [gap.text for gap in await gap_log.recent(2)] == ["day 4", "day 3"]
    assert len(await gap_log.recent()) == 4
    assert await gap_log.recent(0) == []
    with pytest.raises(ValueError, match="limit"):
        await gap_log.recent(-1)


async def test_feedback_is_counted_per_entry(feedback_log: InMemoryFeedbackLog | SqlFeedbackLog) -> None:
    assert await feedback_log.count_by_entry() == {}
    votes = [("a", True), ("a", True), ("a", False), ("b", False)]
    for entry_id, helpful in votes:
        await feedback_log.record(entry_id, helpful, date(2024, 6, 1))
    assert await feedback_log.count_by_entry() == {
        "a": FeedbackTally(helpful=2, unhelpful=1),
        "b": FeedbackTally(helpful=0, unhelpful=1),
    }


def _columns(connection: Connection) -> dict[str, set[str]]:
    inspector = inspect(connection)
    return {table: {c["name"] for c in inspector.get_columns(table)} for table in ("gap", "feedback")}


async def test_no_column_could_hold_who_or_when_exactly(database: Database) -> None:
    """Anonymity: adding a user, conversation or timestamp column must be a deliberate test change."""
    async with database.engine.connect() as connection:
        columns = await connection.run_sync(_columns)
    assert columns == {
        "gap": {"id", "kind", "text", "lang", "day", "topic_guess", "score", "entry_id"},
        "feedback": {"id", "entry_id", "helpful", "day"},
    }
