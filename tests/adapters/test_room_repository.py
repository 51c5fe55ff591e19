"""Room repository and feedback log: the fakes and the SQL versions behave alike and keep no identity."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from adapters.persistence.db import Database
from adapters.persistence.room_memory import InMemoryRoomFeedbackLog, InMemoryRoomRepository
from adapters.persistence.room_repository import SqlRoomFeedbackLog, SqlRoomRepository
from bot.rooms_setup import load_rooms
from knowledge.room_feedback import LocationTally, RoomFeedback, RoomFeedbackLog
from knowledge.rooms import RoomRepository, UpsertCounts
from tests.knowledge.rooms_factory import make_room

BACKENDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
DAY = date(2026, 11, 22)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Database | None:
    """None for the in-memory fakes, else a migrated database."""
    return None if request.param == "memory" else request.getfixturevalue(f"{request.param}_db")


async def _emptied(database: Database) -> Database:
    async with database.engine.begin() as connection:  # postgres keeps rows between tests
        await connection.execute(text("DELETE FROM room_feedback"))
        await connection.execute(text("DELETE FROM room"))
    return database


@pytest.fixture
async def rooms(backend: Database | None) -> InMemoryRoomRepository | SqlRoomRepository:
    return InMemoryRoomRepository() if backend is None else SqlRoomRepository(await _emptied(backend))


@pytest.fixture
async def feedback(backend: Database | None) -> InMemoryRoomFeedbackLog | SqlRoomFeedbackLog:
    return InMemoryRoomFeedbackLog() if backend is None else SqlRoomFeedbackLog(await _emptied(backend))


def _ports_are_satisfied(
    database: Database,
) -> tuple[RoomRepository, RoomFeedbackLog, RoomRepository, RoomFeedbackLog]:
    # Checked by mypy: every implementation fits the domain's Protocols.
    return (
        SqlRoomRepository(database),
        SqlRoomFeedbackLog(database),
        InMemoryRoomRepository(),
        InMemoryRoomFeedbackLog(),
    )


async def test_rooms_round_trip_every_field(rooms: InMemoryRoomRepository | SqlRoomRepository) -> None:
    full = make_room(
        "a", shared_with=["kolfruimte"], hours={"mon": "08:00-12:00, 13:00-17:00", "holidays": "open"}
    )
    bare = make_room(
        "b",
        floor=None,
        room=None,
        route=None,
        building={"id": "x", "name": "X", "district": "west"},
        verified=False,
        last_verified=None,
        example=True,
    )
    assert await rooms.upsert([full, bare]) == UpsertCounts(added=2)
    assert await rooms.all() == [full, bare]


async def test_upsert_adds_updates_and_with_replace_removes(
    rooms: InMemoryRoomRepository | SqlRoomRepository,
) -> None:
    await rooms.upsert([make_room("a"), make_room("b"), make_room("c")])
    changed = make_room("b", status="temporarily_closed")
    counts = await rooms.upsert([make_room("a"), changed, make_room("d")])
    assert counts == UpsertCounts(added=1, updated=1, removed=0)  # 'a' unchanged is no update
    assert [r.id for r in await rooms.all()] == ["a", "b", "c", "d"]
    counts = await rooms.upsert([make_room("a"), make_room("d")], replace=True)
    assert counts == UpsertCounts(added=0, updated=0, removed=2)
    assert [r.id for r in await rooms.all()] == ["a", "d"]


async def test_an_empty_directory_is_seeded_once(rooms: InMemoryRoomRepository | SqlRoomRepository) -> None:
    shipped = [make_room("example", example=True, verified=False, last_verified=None)]
    assert [r.id for r in await load_rooms(rooms, shipped)] == ["example"]
    await rooms.upsert([make_room("real")], replace=True)
    assert [r.id for r in await load_rooms(rooms, shipped)] == ["real"]  # the real list is never overwritten


async def test_a_stored_record_the_model_no_longer_reads_is_skipped(sqlite_db: Database) -> None:
    repo = SqlRoomRepository(sqlite_db)
    await repo.upsert([make_room("good"), make_room("old")])
    async with sqlite_db.engine.begin() as connection:
        await connection.execute(text("UPDATE room SET record = '{\"id\": \"old\"}' WHERE id = 'old'"))
    assert [r.id for r in await repo.all()] == ["good"]


def _report(
    location: str = "building:stadhuis", kind: str = "occupied", remark: str | None = None
) -> RoomFeedback:
    return RoomFeedback(location, location.split(":")[1].title(), kind, remark, DAY)  # type: ignore[arg-type]


async def test_feedback_is_counted_per_location_and_kind(
    feedback: InMemoryRoomFeedbackLog | SqlRoomFeedbackLog,
) -> None:
    assert await feedback.count_by_location() == {}
    for report in (
        _report(),
        _report(),
        _report(kind="meetings"),
        _report("other:weesperplein 8", "no_room"),
    ):
        await feedback.record(report)
    tallies = await feedback.count_by_location()
    assert tallies == {
        "building:stadhuis": LocationTally("Stadhuis", {"occupied": 2, "meetings": 1}),
        "other:weesperplein 8": LocationTally("Weesperplein 8", {"no_room": 1}),
    }
    assert tallies["building:stadhuis"].total == 3


async def test_remarks_per_location_newest_day_first(
    feedback: InMemoryRoomFeedbackLog | SqlRoomFeedbackLog,
) -> None:
    await feedback.record(RoomFeedback("building:x", "X", "broken", "de deur klemt", date(2026, 1, 2)))
    await feedback.record(RoomFeedback("building:x", "X", "other", None, date(2026, 3, 4)))
    found = await feedback.remarks("building:x")
    assert [r.day for r in found] == [date(2026, 3, 4), date(2026, 1, 2)]
    assert found[1].remark == "de deur klemt"
    with pytest.raises(ValueError, match="limit"):
        await feedback.remarks("building:x", -1)


def _columns(connection: Connection) -> dict[str, set[str]]:
    inspector = inspect(connection)
    return {table: {c["name"] for c in inspector.get_columns(table)} for table in ("room", "room_feedback")}


async def test_no_column_could_hold_who_or_when_exactly(database: Database) -> None:
    """Anonymity: adding a user, conversation or timestamp column must be a deliberate test change."""
    async with database.engine.connect() as connection:
        columns = await connection.run_sync(_columns)
    assert columns["room_feedback"] == {"id", "location_key", "location_label", "kind", "remark", "day"}
    assert columns["room"] == {
        "id",
        "building_id",
        "district",
        "status",
        "verified",
        "last_verified",
        "record",
    }


async def test_feedback_rows_keep_no_arrival_order(sqlite_db: Database) -> None:
    async with sqlite_db.engine.connect() as connection:
        sql = await connection.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'room_feedback'"))
    assert "WITHOUT ROWID" in sql
