"""SQL storage for the alderman questions and the knowledge sessions; nothing here knows who asked."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from adapters.persistence.db import Database
from adapters.persistence.tables import AppSecretRow, DeliverySeenRow, QuestionRow, QuestionSessionRow
from knowledge.questions import Question, QuestionStatus
from knowledge.sessions import Session, Slot
from knowledge.withdrawal import CodeDigest

DELIVERY_KEY_PREFIX: Final = "delivery_key:"
# A retry comes within seconds or minutes; yesterday's key covers one that crosses midnight.
DELIVERY_KEEP_DAYS: Final = 1


class DuplicateSessionError(ValueError):
    """A session with this id exists already."""


class _SeenBefore(Exception):
    pass


def _question(row: QuestionRow) -> Question:
    return Question(
        id=row.id,
        session_id=row.session_id,
        addressee=row.addressee,  # type: ignore[arg-type]  # only Addressee values are written
        text=row.text,
        status=row.status,  # type: ignore[arg-type]  # only QuestionStatus values are written
        reason=row.reason,
        merged_into=row.merged_into,
        day=row.day,
        sort_key=row.sort_key,
    )


class SqlQuestionRepository:
    """Questions, their code digests, and retry detection without keeping any activity id."""

    def __init__(self, database: Database) -> None:
        self._db = database
        self._keys: dict[date, bytes] = {}
        self._purged_on: date | None = None

    async def add(self, question: Question, code: CodeDigest, delivery_id: str | None) -> bool:
        """Store once per delivery: the retry check and the insert commit together, or not at all."""
        digests = await self._delivery_digests(delivery_id, question.day) if delivery_id else []
        row = QuestionRow(
            **question.model_dump(), code_bucket=code.bucket, code_salt=code.salt, code_hash=code.hash
        )
        try:
            async with self._db.sessions.begin() as session:
                if digests:
                    # Insert first: it takes the write lock, and the primary key settles a race.
                    session.add(DeliverySeenRow(digest=digests[0], day=question.day))
                    await session.flush()
                    earlier = select(DeliverySeenRow.digest).where(DeliverySeenRow.digest.in_(digests[1:]))
                    if digests[1:] and (await session.scalar(earlier)) is not None:
                        raise _SeenBefore
                session.add(row)
        except (IntegrityError, _SeenBefore):
            return False
        await self._purge_deliveries(question.day)
        return True

    async def get(self, question_id: str) -> Question | None:
        async with self._db.sessions() as session:
            row = await session.get(QuestionRow, question_id)
        return _question(row) if row is not None else None

    async def list(self, session_id: str | None = None) -> list[Question]:
        query = select(QuestionRow).order_by(QuestionRow.sort_key, QuestionRow.id)
        if session_id is not None:
            query = query.where(QuestionRow.session_id == session_id)
        async with self._db.sessions() as session:
            return [_question(row) for row in (await session.scalars(query)).all()]

    async def candidates(self, bucket: str) -> list[tuple[Question, CodeDigest]]:
        query = select(QuestionRow).where(QuestionRow.code_bucket == bucket)
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [(_question(r), CodeDigest(r.code_bucket, r.code_salt, r.code_hash)) for r in rows]

    async def withdraw(self, question_id: str) -> bool:
        async with self._db.sessions.begin() as session:
            await session.execute(
                update(QuestionRow)
                .where(QuestionRow.merged_into == question_id)
                .values(status="new", merged_into=None)
            )
            removed = (
                await session.execute(delete(QuestionRow).where(QuestionRow.id == question_id))
            ).rowcount
        # secure_delete zeroes the row in the file; the checkpoint clears the copy in the WAL.
        await self._db.checkpoint()
        return removed == 1

    async def change_text(self, question_id: str, text: str) -> bool:
        changed = await self._update(question_id, text=text, status="new", reason=None, merged_into=None)
        await self._db.checkpoint()
        return changed

    async def set_status(self, question_id: str, status: QuestionStatus, reason: str | None = None) -> bool:
        return await self._update(question_id, status=status, reason=reason, merged_into=None)

    async def merge(self, question_ids: Sequence[str], into: str) -> int:
        ids = [i for i in question_ids if i != into]
        if not ids:
            return 0
        async with self._db.sessions.begin() as session:
            await session.execute(
                update(QuestionRow).where(QuestionRow.merged_into.in_(ids)).values(merged_into=into)
            )
            statement = (
                update(QuestionRow)
                .where(QuestionRow.id.in_(ids))
                .values(status="merged", merged_into=into, reason=None)
            )
            return int((await session.execute(statement)).rowcount)

    async def _update(self, question_id: str, **values: object) -> bool:
        async with self._db.sessions.begin() as session:
            statement = update(QuestionRow).where(QuestionRow.id == question_id).values(**values)
            return (await session.execute(statement)).rowcount == 1

    async def _delivery_digests(self, delivery_id: str, day: date) -> list[str]:
        """Today's digest (to insert) and yesterday's (to look for), each under its own day's key."""
        digests = [self._digest(await self._key(day, create=True), delivery_id)]
        yesterday = await self._key(day - timedelta(days=1), create=False)
        if yesterday is not None:
            digests.append(self._digest(yesterday, delivery_id))
        return digests

    @staticmethod
    def _digest(key: bytes, delivery_id: str) -> str:
        return hmac.new(key, delivery_id.encode("utf-8", "replace"), hashlib.sha256).hexdigest()

    async def _key(self, day: date, create: bool) -> bytes | None:
        """The day's random key, shared by all instances through app_secret and deleted after two days."""
        if day in self._keys:
            return self._keys[day]
        name = DELIVERY_KEY_PREFIX + day.isoformat()
        query = select(AppSecretRow.value).where(AppSecretRow.name == name)
        async with self._db.engine.connect() as connection:
            value = (await connection.execute(query)).scalar_one_or_none()
        if value is None and create:
            try:
                async with self._db.engine.begin() as connection:
                    await connection.execute(
                        insert(AppSecretRow).values(name=name, value=secrets.token_hex(32))
                    )
            except IntegrityError:
                pass  # another instance made it first; use theirs
            async with self._db.engine.connect() as connection:
                value = (await connection.execute(query)).scalar_one_or_none()
        if value is None:
            return None
        self._keys[day] = bytes.fromhex(value)
        return self._keys[day]

    async def _purge_deliveries(self, today: date) -> None:
        """Once a day: forget deliveries and keys older than yesterday."""
        if self._purged_on == today:
            return
        oldest = today - timedelta(days=DELIVERY_KEEP_DAYS)
        async with self._db.sessions.begin() as session:
            await session.execute(delete(DeliverySeenRow).where(DeliverySeenRow.day < oldest))
            await session.execute(
                delete(AppSecretRow).where(
                    AppSecretRow.name.startswith(DELIVERY_KEY_PREFIX),
                    AppSecretRow.name < DELIVERY_KEY_PREFIX + oldest.isoformat(),
                )
            )
        self._keys = {d: k for d, k in self._keys.items() if d >= oldest}
        self._purged_on = today


def _session(row: QuestionSessionRow) -> Session:
    return Session(
        id=row.id,
        title=row.title,
        day=row.day,
        start=row.start_time,
        end=row.end_time,
        place=row.place,
        slots=tuple(Slot.model_validate(s) for s in json.loads(row.slots)),
        deadline=row.deadline,
        intro=row.intro,
    )


class SqlSessionRepository:
    """The Bureau's knowledge sessions (the standing collection is not stored: it always exists)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def add(self, session: Session) -> None:
        if session.is_standing or session.day is None:
            raise ValueError("only dated sessions are stored")
        row = QuestionSessionRow(
            id=session.id,
            title=session.title,
            day=session.day,
            start_time=session.start,
            end_time=session.end,
            place=session.place,
            slots=json.dumps([slot.model_dump(mode="json") for slot in session.slots]),
            deadline=session.deadline,
            intro=session.intro,
        )
        try:
            async with self._db.sessions.begin() as db_session:
                db_session.add(row)
        except IntegrityError as error:
            raise DuplicateSessionError(f"a session with id {session.id!r} exists already") from error

    async def get(self, session_id: str) -> Session | None:
        async with self._db.sessions() as db_session:
            row = await db_session.get(QuestionSessionRow, session_id)
        return _session(row) if row is not None else None

    async def list(self) -> list[Session]:
        query = select(QuestionSessionRow).order_by(QuestionSessionRow.day, QuestionSessionRow.id)
        async with self._db.sessions() as db_session:
            return [_session(row) for row in (await db_session.scalars(query)).all()]
