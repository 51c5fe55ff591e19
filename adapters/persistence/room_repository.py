"""SQL implementations of the quiet-room ports: the directory's rooms and the anonymous room feedback."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Sequence

from pydantic import ValidationError
from sqlalchemy import delete, func, select

from adapters.persistence.db import Database
from adapters.persistence.tables import RoomFeedbackRow, RoomRow
from knowledge.room_feedback import LocationTally, RoomFeedback
from knowledge.rooms import QuietRoom, UpsertCounts

log = logging.getLogger(__name__)


def _row(room: QuietRoom) -> RoomRow:
    return RoomRow(
        id=room.id,
        building_id=room.building.id,
        district=room.building.district,
        status=room.status,
        verified=room.verified,
        last_verified=room.last_verified,
        record=room.model_dump_json(),
    )


class SqlRoomRepository:
    """The directory as kept between starts; imports write here, the bot reads it at start."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def all(self) -> list[QuietRoom]:
        """Every stored room; a record the current model cannot read is skipped and logged by id."""
        async with self._db.sessions() as session:
            rows = (await session.scalars(select(RoomRow).order_by(RoomRow.id))).all()
        rooms = []
        for row in rows:
            try:
                rooms.append(QuietRoom.model_validate_json(row.record))
            except ValidationError:
                log.warning(
                    "stored room skipped: no longer valid", extra={"event": "room_invalid", "room": row.id}
                )
        return rooms

    async def upsert(self, rooms: Sequence[QuietRoom], replace: bool = False) -> UpsertCounts:
        """Add new rooms and update changed ones in one transaction; with replace, remove the rest."""
        added = updated = removed = 0
        async with self._db.sessions.begin() as session:
            existing = {row.id: row for row in (await session.scalars(select(RoomRow))).all()}
            for room in rooms:
                fresh = _row(room)
                old = existing.get(room.id)
                if old is None:
                    session.add(fresh)
                    added += 1
                elif old.record != fresh.record:
                    for column in (
                        "building_id",
                        "district",
                        "status",
                        "verified",
                        "last_verified",
                        "record",
                    ):
                        setattr(old, column, getattr(fresh, column))
                    updated += 1
            if replace:
                gone = set(existing) - {room.id for room in rooms}
                if gone:
                    await session.execute(delete(RoomRow).where(RoomRow.id.in_(gone)))
                removed = len(gone)
        return UpsertCounts(added, updated, removed)


class SqlRoomFeedbackLog:
    """One row per report, no identity, day precision; counted per location for moderators."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def record(self, feedback: RoomFeedback) -> None:
        row = RoomFeedbackRow(
            # Random, not sequential: an id must not reveal the order of arrival.
            id=uuid.uuid4().hex,
            location_key=feedback.location_key,
            location_label=feedback.location_label,
            kind=feedback.kind,
            remark=feedback.remark,
            day=feedback.day,
        )
        async with self._db.sessions.begin() as session:
            session.add(row)

    async def count_by_location(self) -> dict[str, LocationTally]:
        """Per location key: its label and how many reports of each kind."""
        query = select(
            RoomFeedbackRow.location_key,
            func.min(RoomFeedbackRow.location_label),
            RoomFeedbackRow.kind,
            func.count(),
        ).group_by(RoomFeedbackRow.location_key, RoomFeedbackRow.kind)
        async with self._db.sessions() as session:
            rows = (await session.execute(query)).all()
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        labels: dict[str, str] = {}
        for key, label, kind, count in rows:
            counts[key][kind] = int(count)
            labels[key] = min(labels.get(key, label), label)
        return {key: LocationTally(labels[key], dict(counts[key])) for key in counts}

    async def remarks(self, location_key: str, limit: int = 50) -> list[RoomFeedback]:
        """The newest reports for one location, newest day first (order within a day is not kept)."""
        if limit < 0:
            raise ValueError("limit must be zero or more")
        query = (
            select(RoomFeedbackRow)
            .where(RoomFeedbackRow.location_key == location_key)
            .order_by(RoomFeedbackRow.day.desc(), RoomFeedbackRow.id)
            .limit(limit)
        )
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [RoomFeedback(r.location_key, r.location_label, r.kind, r.remark, r.day) for r in rows]  # type: ignore[arg-type]
