"""Question and session repositories: the in-memory fakes and the SQL versions keep one contract."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import delete, inspect, select, text
from sqlalchemy.engine import Connection

from adapters.persistence.db import Database
from adapters.persistence.question_memory import InMemoryQuestionRepository, InMemorySessionRepository
from adapters.persistence.question_repository import (
    DELIVERY_KEY_PREFIX,
    DuplicateSessionError,
    SqlQuestionRepository,
    SqlSessionRepository,
)
from adapters.persistence.tables import AppSecretRow, DeliverySeenRow
from knowledge.moderation import merge_questions, set_status
from knowledge.questions import (
    Draft,
    Question,
    QuestionRepository,
    SessionRepository,
    find_by_code,
    new_question_id,
    new_sort_key,
    submit_question,
)
from knowledge.sessions import STANDING, Session, Slot
from knowledge.withdrawal import CodeHasher, new_code

BACKENDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
DAY = date(2026, 11, 22)
FAST = CodeHasher(n=2**4)
_OUR_TABLES = ("question", "question_session", "delivery_seen")


@pytest.fixture
async def postgres_clean_db(postgres_db: Database) -> AsyncIterator[Database]:
    """The shared PostgreSQL server keeps rows between tests: empty our tables, drop our keys after."""
    forget_keys = delete(AppSecretRow).where(AppSecretRow.name.startswith(DELIVERY_KEY_PREFIX))
    async with postgres_db.engine.begin() as connection:
        # CASCADE: later tables (the workspace's originals) refer to questions.
        await connection.execute(text(f"TRUNCATE {', '.join(_OUR_TABLES)} CASCADE"))
        await connection.execute(forget_keys)
    yield postgres_db
    async with postgres_db.engine.begin() as connection:
        await connection.execute(forget_keys)


def _database(request: pytest.FixtureRequest) -> Database:
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "postgres_clean_db")


@pytest.fixture(params=BACKENDS)
def questions(request: pytest.FixtureRequest) -> QuestionRepository:
    if request.param == "memory":
        return InMemoryQuestionRepository()
    return SqlQuestionRepository(_database(request))


@pytest.fixture(params=BACKENDS)
def sessions(request: pytest.FixtureRequest) -> SessionRepository:
    if request.param == "memory":
        return InMemorySessionRepository()
    return SqlSessionRepository(_database(request))


def _ports_are_satisfied(
    database: Database,
) -> tuple[QuestionRepository, SessionRepository, QuestionRepository, SessionRepository]:
    # Checked by mypy: every implementation fits the domain's Protocols.
    return (
        SqlQuestionRepository(database),
        SqlSessionRepository(database),
        InMemoryQuestionRepository(),
        InMemorySessionRepository(),
    )


def question(text_: str = "Hoe staat het met de stilteruimtes?", **fields: object) -> Question:
    values = {
        "id": new_question_id(),
        "session_id": "standing",
        "addressee": "wethouder",
        "text": text_,
        "day": DAY,
        "sort_key": new_sort_key(),
    } | fields
    return Question(**values)


def draft(text_: str = "Hoe staat het met de stilteruimtes?") -> Draft:
    return Draft(text=text_, addressee="beide", session=STANDING)


async def test_questions_round_trip_in_sort_key_order(questions: QuestionRepository) -> None:
    stored = [
        question(f"Vraag {i} over de stilteruimtes", sort_key=key) for i, key in enumerate(["c", "a", "b"])
    ]
    for item in stored:
        assert await questions.add(item, FAST.digest(new_code()), None)
    assert [q.sort_key for q in await questions.list()] == ["a", "b", "c"]
    assert await questions.get(stored[0].id) == stored[0]
    assert await questions.get("missing") is None
    other = question(session_id="2026-12-01-ab12")
    await questions.add(other, FAST.digest(new_code()), None)
    assert await questions.list("2026-12-01-ab12") == [other]


async def test_the_same_delivery_stores_one_question(questions: QuestionRepository) -> None:
    first = await submit_question(questions, draft(), DAY, "activity-1", FAST)
    again = await submit_question(questions, draft(), DAY, "activity-1", FAST)
    other = await submit_question(questions, draft(), DAY, "activity-2", FAST)
    assert first is not None
    assert other is not None
    assert again is None
    assert len(await questions.list()) == 2


async def test_concurrent_duplicate_deliveries_store_one_question(questions: QuestionRepository) -> None:
    results = await asyncio.gather(
        *(submit_question(questions, draft(), DAY, "same-id", FAST) for _ in range(6))
    )
    assert sum(r is not None for r in results) == 1
    assert len(await questions.list()) == 1


async def test_a_retry_just_after_midnight_is_still_caught(questions: QuestionRepository) -> None:
    assert await submit_question(questions, draft(), DAY, "late-evening", FAST) is not None
    assert await submit_question(questions, draft(), date(2026, 11, 23), "late-evening", FAST) is None


async def test_a_code_finds_its_question_and_nothing_else(questions: QuestionRepository) -> None:
    receipts = [
        await submit_question(questions, draft(f"Vraag nummer {i} over iets"), DAY, None, FAST)
        for i in range(5)
    ]
    for receipt in receipts:
        assert receipt is not None
        assert await find_by_code(questions, receipt.code.lower(), FAST) == receipt.question
    assert await find_by_code(questions, "BCDFG-HJKMN", FAST) is None
    assert await find_by_code(questions, {"not": "a code"}, FAST) is None


async def test_withdrawing_deletes_and_frees_merged_questions(questions: QuestionRepository) -> None:
    root, twin = question(), question()
    for item in (root, twin):
        await questions.add(item, FAST.digest(new_code()), None)
    assert await merge_questions(questions, [twin.id], root.id) is None
    assert await questions.withdraw(root.id)
    assert await questions.get(root.id) is None
    freed = await questions.get(twin.id)
    assert freed is not None
    assert (freed.status, freed.merged_into) == ("new", None)
    assert not await questions.withdraw(root.id)


async def test_changing_the_text_sends_it_back_to_moderation(questions: QuestionRepository) -> None:
    item = question()
    await questions.add(item, FAST.digest(new_code()), None)
    await set_status(questions, item.id, "approved")
    assert await questions.change_text(item.id, "Een heel andere vraag nu")
    changed = await questions.get(item.id)
    assert changed is not None
    assert (changed.text, changed.status) == ("Een heel andere vraag nu", "new")
    assert not await questions.change_text("missing", "whatever text")


async def test_moderation_rules(questions: QuestionRepository) -> None:
    item, other = question(), question()
    for x in (item, other):
        await questions.add(x, FAST.digest(new_code()), None)
    assert await set_status(questions, item.id, "rejected") == "reason_needed"
    assert await set_status(questions, item.id, "rejected", "x" * 501) == "reason_too_long"
    assert await set_status(questions, item.id, "answered") == "not_approved"
    assert await set_status(questions, item.id, "merged") == "use_merge"
    assert await set_status(questions, "missing", "approved") == "not_found"
    assert await set_status(questions, item.id, "rejected", "  Gaat over één persoon  ") is None
    rejected = await questions.get(item.id)
    assert rejected is not None
    assert (rejected.status, rejected.reason) == ("rejected", "Gaat over één persoon")
    assert await merge_questions(questions, [other.id], item.id) == "merge_target_closed"
    assert await set_status(questions, item.id, "approved") is None
    assert (await questions.get(item.id)).reason is None  # type: ignore[union-attr]
    assert await merge_questions(questions, [item.id], item.id) == "merge_into_itself"
    assert await merge_questions(questions, ["missing"], item.id) == "not_found"
    assert await set_status(questions, item.id, "answered") is None


async def test_merging_follows_chains_and_keeps_the_originals(questions: QuestionRepository) -> None:
    a, b, c = question("Vraag a over iets"), question("Vraag b over iets"), question("Vraag c over iets")
    for x in (a, b, c):
        await questions.add(x, FAST.digest(new_code()), None)
    assert await merge_questions(questions, [b.id], a.id) is None
    # merging into a merged question lands on its root; what was merged into c moves along
    assert await merge_questions(questions, [c.id], b.id) is None
    stored = {q.id: q for q in await questions.list()}
    assert len(stored) == 3
    assert (stored[b.id].merged_into, stored[c.id].merged_into) == (a.id, a.id)
    assert stored[c.id].text == "Vraag c over iets"


async def test_sessions_round_trip(sessions: SessionRepository) -> None:
    later = Session(
        id="2027-01-10-aa11",
        title="Kennissessie januari",
        day=date(2027, 1, 10),
        start=time(15),
        end=time(16),
        place="Stadhuis, zaal 2",
        deadline=date(2027, 1, 3),
        intro="Over inclusie.",
        slots=(
            Slot(addressee="gemeentesecretaris", start=time(15), end=time(15, 30)),
            Slot(addressee="beide", start=time(15, 30), end=time(16)),
        ),
    )
    sooner = later.model_copy(update={"id": "2026-12-01-bb22", "day": date(2026, 12, 1), "deadline": None})
    await sessions.add(later)
    await sessions.add(sooner)
    assert await sessions.list() == [sooner, later]
    assert await sessions.get(later.id) == later
    assert await sessions.get("missing") is None
    with pytest.raises(DuplicateSessionError):
        await sessions.add(later)
    with pytest.raises(ValueError, match="dated"):
        await sessions.add(STANDING)


def _columns(connection: Connection, table: str) -> set[str]:
    return {c["name"] for c in inspect(connection).get_columns(table)}


async def test_the_question_table_has_no_place_for_an_identifier(sqlite_db: Database) -> None:
    async with sqlite_db.engine.connect() as connection:
        columns = await connection.run_sync(_columns, "question")
        delivery = await connection.run_sync(_columns, "delivery_seen")
        for table in ("question", "delivery_seen"):
            sql = await connection.scalar(text(f"SELECT sql FROM sqlite_master WHERE name = '{table}'"))
            assert "WITHOUT ROWID" in sql
    assert columns == {
        "id",
        "session_id",
        "addressee",
        "text",
        "status",
        "reason",
        "merged_into",
        "day",
        "code_bucket",
        "code_salt",
        "code_hash",
        "sort_key",
    }
    assert delivery == {"digest", "day"}


async def test_deliveries_are_kept_as_keyed_hashes_and_forgotten_after_a_day(sqlite_db: Database) -> None:
    repository = SqlQuestionRepository(sqlite_db)
    await submit_question(repository, draft(), DAY, "activity-secret-42", FAST)
    async with sqlite_db.sessions() as session:
        digests = (await session.scalars(select(DeliverySeenRow.digest))).all()
    assert len(digests) == 1
    assert "activity-secret-42" not in digests[0]
    # Two days later a fresh repository (a restart) purges the old rows and the old key.
    later = SqlQuestionRepository(sqlite_db)
    await submit_question(later, draft(), date(2026, 11, 24), "activity-other", FAST)
    async with sqlite_db.sessions() as session:
        days = (await session.scalars(select(DeliverySeenRow.day))).all()
        keys = (
            await session.scalars(
                select(AppSecretRow.name).where(AppSecretRow.name.startswith(DELIVERY_KEY_PREFIX))
            )
        ).all()
    assert days == [date(2026, 11, 24)]
    assert keys == [DELIVERY_KEY_PREFIX + "2026-11-24"]


async def test_a_withdrawn_question_leaves_no_trace_in_the_sqlite_files(
    sqlite_url: str, sqlite_db: Database
) -> None:
    repository = SqlQuestionRepository(sqlite_db)
    secret = "Een unieke vraag 7f3a9c die weg moet"
    receipt = await submit_question(repository, draft(secret), DAY, None, FAST)
    assert receipt is not None
    assert await repository.withdraw(receipt.question.id)
    path = Path(sqlite_url.removeprefix("sqlite+aiosqlite:///"))
    for file in path.parent.glob(path.name + "*"):
        assert b"7f3a9c" not in file.read_bytes(), file.name
