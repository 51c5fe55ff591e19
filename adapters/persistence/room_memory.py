"""In-memory room repository and room feedback log, for tests and for running without a database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from knowledge.room_feedback import LocationTally, RoomFeedback
from knowledge.rooms import QuietRoom, UpsertCounts


class InMemoryRoomRepository:
    """Same behaviour as SqlRoomRepository, kept in a dict."""

    def __init__(self, rooms: Sequence[QuietRoom] = ()) -> None:
        self._rooms = {room.id: room for room in rooms}

    async def all(self) -> list[QuietRoom]:
        return [self._rooms[key] for key in sorted(self._rooms)]

    async def upsert(self, rooms: Sequence[QuietRoom], replace: bool = False) -> UpsertCounts:
        added = sum(1 for r in rooms if r.id not in self._rooms)
        updated = sum(1 for r in rooms if r.id in self._rooms and self._rooms[r.id] != r)
        gone = set(self._rooms) - {r.id for r in rooms} if replace else set()
        for key in gone:
            del self._rooms[key]
        self._rooms.update({room.id: room for room in rooms})
        return UpsertCounts(added, updated, len(gone))


class InMemoryRoomFeedbackLog:
    """Same behaviour as SqlRoomFeedbackLog, kept in a list."""

    def __init__(self) -> None:
        self.reports: list[RoomFeedback] = []

    async def record(self, feedback: RoomFeedback) -> None:
        self.reports.append(feedback)

    async def count_by_location(self) -> dict[str, LocationTally]:
        counts: dict[str, Counter[str]] = {}
        labels: dict[str, str] = {}
        for report in self.reports:
            counts.setdefault(report.location_key, Counter())[report.kind] += 1
            labels[report.location_key] = min(
                labels.get(report.location_key, report.location_label), report.location_label
            )
        return {key: LocationTally(labels[key], dict(counter)) for key, counter in counts.items()}

    async def remarks(self, location_key: str, limit: int = 50) -> list[RoomFeedback]:
        if limit < 0:
            raise ValueError("limit must be zero or more")
        found = [r for r in self.reports if r.location_key == location_key]
        return sorted(found, key=lambda r: r.day, reverse=True)[:limit]
