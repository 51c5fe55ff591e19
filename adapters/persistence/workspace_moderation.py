"""SQL helpers the workspace needs beside the bot's repositories: gap rows by id, originals, session edits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, select

from adapters.persistence.db import Database
from adapters.persistence.tables import GapRow, QuestionRow, QuestionSessionRow, WorkspaceQuestionOriginalRow
from knowledge.gap_clusters import GapItem
from knowledge.sessions import Session


class SqlGapReview:
    """What the bot could not answer, with row ids so moderators can act on them."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def items(self, since: date | None = None, limit: int = 2000) -> list[GapItem]:
        query = select(GapRow).order_by(GapRow.day.desc(), GapRow.id).limit(limit)
        if since is not None:
            query = query.where(GapRow.day >= since)
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [GapItem(r.id, r.kind, r.text, r.lang, r.day, r.topic_guess) for r in rows]

    async def texts(self, ids: Sequence[str]) -> list[GapItem]:
        if not ids:
            return []
        query = select(GapRow).where(GapRow.id.in_(list(ids)))
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [GapItem(r.id, r.kind, r.text, r.lang, r.day, r.topic_guess) for r in rows]

    async def remove(self, ids: Sequence[str]) -> int:
        """Dismissed or handled: the text is deleted for good (secure_delete, WAL checkpoint)."""
        if not ids:
            return 0
        async with self._db.sessions.begin() as session:
            removed = (await session.execute(delete(GapRow).where(GapRow.id.in_(list(ids))))).rowcount
        await self._db.checkpoint()
        return int(removed)


class SqlQuestionOriginals:
    """A question's first wording, kept when a moderator edits it; deleted with the question (cascade)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def keep(self, question_id: str, text: str) -> None:
        async with self._db.sessions.begin() as session:
            if await session.get(QuestionRow, question_id) is None:
                return
            if await session.get(WorkspaceQuestionOriginalRow, question_id) is None:
                session.add(WorkspaceQuestionOriginalRow(question_id=question_id, text=text))

    async def all(self) -> dict[str, str]:
        async with self._db.sessions() as session:
            rows = (await session.scalars(select(WorkspaceQuestionOriginalRow))).all()
        return {r.question_id: r.text for r in rows}


class SqlSessionEditor:
    """Changing a knowledge session after it was created (the bot's repository only adds)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def replace(self, session: Session) -> bool:
        async with self._db.sessions.begin() as db_session:
            row = await db_session.get(QuestionSessionRow, session.id)
            if row is None or session.day is None:
                return False
            row.title = session.title
            row.day = session.day
            row.start_time = session.start
            row.end_time = session.end
            row.place = session.place
            row.slots = json.dumps([slot.model_dump(mode="json") for slot in session.slots])
            row.deadline = session.deadline
            row.intro = session.intro
        return True
