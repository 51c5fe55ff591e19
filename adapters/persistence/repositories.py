"""SQL implementations of the domain's GapLog and FeedbackLog ports."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, insert, select

from adapters.persistence.db import Database
from adapters.persistence.tables import FeedbackRow, GapRow
from knowledge.ports import Gap


@dataclass(frozen=True)
class FeedbackTally:
    """👍 and 👎 counts for one knowledge entry."""

    helpful: int = 0
    unhelpful: int = 0


def _new_id() -> str:
    # Random, not sequential: an id must not reveal the order of arrival.
    return uuid.uuid4().hex


def _check_limit(limit: int) -> None:
    if limit < 0:
        raise ValueError("limit must be zero or more")


class SqlGapLog:
    """Keeps gaps for moderators; stores only what Gap carries, never who asked."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def record(self, gap: Gap) -> None:
        # A Core insert: the ORM's unit of work costs more than the row is worth on a busy turn.
        row = {
            "id": _new_id(),
            "kind": gap.kind,
            "text": gap.text,
            "lang": gap.lang,
            "day": gap.day,
            "topic_guess": gap.topic_guess,
            "score": gap.score,
            "entry_id": gap.entry_id,
        }
        if await self._db.insert_now(GapRow.__table__, row) is None:
            async with self._db.engine.begin() as connection:
                await connection.execute(insert(GapRow), [row])

    async def recent(self, limit: int = 50) -> list[Gap]:
        """The newest gaps, newest day first (order within a day is deliberately not kept)."""
        _check_limit(limit)
        query = select(GapRow).order_by(GapRow.day.desc(), GapRow.id).limit(limit)
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [
            Gap(
                kind=row.kind,  # type: ignore[arg-type]  # only GapKind values are ever written
                text=row.text,
                lang=row.lang,
                day=row.day,
                topic_guess=row.topic_guess,
                score=row.score,
                entry_id=row.entry_id,
            )
            for row in rows
        ]


class SqlFeedbackLog:
    """Counts 👍/👎 per entry; one anonymous row per vote."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def record(self, entry_id: str, helpful: bool, day: date) -> None:
        row = {"id": _new_id(), "entry_id": entry_id, "helpful": helpful, "day": day}
        if await self._db.insert_now(FeedbackRow.__table__, row) is None:
            async with self._db.engine.begin() as connection:
                await connection.execute(insert(FeedbackRow), [row])

    async def count_by_entry(self) -> dict[str, FeedbackTally]:
        """Per knowledge entry, how many found it helpful and how many did not."""
        query = select(
            FeedbackRow.entry_id,
            func.sum(case((FeedbackRow.helpful, 1), else_=0)),
            func.sum(case((FeedbackRow.helpful, 0), else_=1)),
        ).group_by(FeedbackRow.entry_id)
        async with self._db.sessions() as session:
            rows = (await session.execute(query)).all()
        return {entry: FeedbackTally(int(up), int(down)) for entry, up, down in rows}
