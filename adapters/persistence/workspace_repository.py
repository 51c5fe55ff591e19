"""SQL storage for the workspace's content: revisions, the published overlay, releases, test questions."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from adapters.persistence.db import Database
from adapters.persistence.tables import (
    WorkspacePublishedRow,
    WorkspaceReleaseRow,
    WorkspaceRevisionRow,
    WorkspaceTestQuestionRow,
)

DRAFT = "draft"
PUBLISHED = "published"


@dataclass(frozen=True)
class Revision:
    """One saved version of an item; body None means 'remove this item'."""

    id: str
    area: str
    item_id: str
    body: dict[str, Any] | None
    author: str
    created_at: datetime
    note: str
    state: str
    published_at: datetime | None = None
    published_by: str | None = None


@dataclass(frozen=True)
class Release:
    version: int
    area: str
    published_at: datetime
    published_by: str
    items: int


@dataclass(frozen=True)
class TestQuestion:
    id: str
    text: str
    lang: str
    expected_topic: str
    author: str
    created_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


def _revision(row: WorkspaceRevisionRow) -> Revision:
    return Revision(
        id=row.id,
        area=row.area,
        item_id=row.item_id,
        body=json.loads(row.body) if row.body is not None else None,
        author=row.author,
        created_at=row.created_at,
        note=row.note,
        state=row.state,
        published_at=row.published_at,
        published_by=row.published_by,
    )


class PublishConflictError(RuntimeError):
    """Another publication happened at the same moment; look again and retry."""


class SqlWorkspaceContent:
    """Every save is a revision; publishing lays the newest drafts over the shipped content in one go."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def save(
        self, area: str, item_id: str, body: dict[str, Any] | None, author: str, note: str = ""
    ) -> Revision:
        row = WorkspaceRevisionRow(
            id=uuid.uuid4().hex,
            area=area,
            item_id=item_id,
            body=json.dumps(body, ensure_ascii=False, sort_keys=True) if body is not None else None,
            author=author,
            created_at=_now(),
            note=note[:500],
            state=DRAFT,
        )
        async with self._db.sessions.begin() as session:
            session.add(row)
        return _revision(row)

    async def revision(self, revision_id: str) -> Revision | None:
        async with self._db.sessions() as session:
            row = await session.get(WorkspaceRevisionRow, revision_id)
        return _revision(row) if row is not None else None

    async def history(self, area: str, item_id: str) -> list[Revision]:
        """Newest first."""
        query = (
            select(WorkspaceRevisionRow)
            .where(WorkspaceRevisionRow.area == area, WorkspaceRevisionRow.item_id == item_id)
            .order_by(WorkspaceRevisionRow.created_at.desc(), WorkspaceRevisionRow.id)
        )
        async with self._db.sessions() as session:
            return [_revision(r) for r in (await session.scalars(query)).all()]

    async def drafts(self, area: str | None = None) -> list[Revision]:
        """Unpublished revisions, oldest first (so the newest per item wins when applied in order)."""
        query = select(WorkspaceRevisionRow).where(WorkspaceRevisionRow.state == DRAFT)
        if area is not None:
            query = query.where(WorkspaceRevisionRow.area == area)
        query = query.order_by(WorkspaceRevisionRow.created_at, WorkspaceRevisionRow.id)
        async with self._db.sessions() as session:
            return [_revision(r) for r in (await session.scalars(query)).all()]

    async def discard_drafts(self, area: str, item_id: str) -> int:
        statement = delete(WorkspaceRevisionRow).where(
            WorkspaceRevisionRow.area == area,
            WorkspaceRevisionRow.item_id == item_id,
            WorkspaceRevisionRow.state == DRAFT,
        )
        async with self._db.sessions.begin() as session:
            return int((await session.execute(statement)).rowcount)

    async def published(self, area: str | None = None) -> dict[str, dict[str, dict[str, Any] | None]]:
        """area -> item id -> published body (None: removed)."""
        query = select(WorkspacePublishedRow)
        if area is not None:
            query = query.where(WorkspacePublishedRow.area == area)
        out: dict[str, dict[str, dict[str, Any] | None]] = {}
        async with self._db.sessions() as session:
            for row in (await session.scalars(query)).all():
                body = json.loads(row.body) if row.body is not None else None
                out.setdefault(row.area, {})[row.item_id] = body
        return out

    async def version(self) -> int:
        """The newest published knowledge version (0: nothing published yet)."""
        async with self._db.sessions() as session:
            found = await session.scalar(select(func.max(WorkspaceReleaseRow.version)))
        return int(found or 0)

    async def releases(self, limit: int = 20) -> list[Release]:
        query = select(WorkspaceReleaseRow).order_by(WorkspaceReleaseRow.version.desc()).limit(limit)
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [Release(r.version, r.area, r.published_at, r.published_by, r.items) for r in rows]

    async def publish(self, area: str, drafts: Sequence[Revision], publisher: str) -> int:
        """Publish exactly these drafts (the newest per item wins) and return the new version.

        `area` only labels the release; every draft lands in its own area.
        """
        newest: dict[tuple[str, str], Revision] = {}
        for draft in drafts:
            newest[(draft.area, draft.item_id)] = draft
        now = _now()
        try:
            return await self._publish(area, drafts, newest, publisher, now)
        except IntegrityError as error:
            raise PublishConflictError("another publication happened at the same moment") from error

    async def _publish(
        self,
        area: str,
        drafts: Sequence[Revision],
        newest: dict[tuple[str, str], Revision],
        publisher: str,
        now: datetime,
    ) -> int:
        async with self._db.sessions.begin() as session:
            ids = [d.id for d in drafts]
            marked = await session.execute(
                update(WorkspaceRevisionRow)
                .where(WorkspaceRevisionRow.id.in_(ids), WorkspaceRevisionRow.state == DRAFT)
                .values(state=PUBLISHED, published_at=now, published_by=publisher)
            )
            if marked.rowcount != len(ids):
                raise PublishConflictError("some of these changes were published or discarded meanwhile")
            for (item_area, item_id), draft in newest.items():
                body = (
                    json.dumps(draft.body, ensure_ascii=False, sort_keys=True)
                    if draft.body is not None
                    else None
                )
                existing = await session.get(WorkspacePublishedRow, (item_area, item_id))
                if existing is None:
                    session.add(
                        WorkspacePublishedRow(
                            area=item_area, item_id=item_id, body=body, revision_id=draft.id
                        )
                    )
                else:
                    existing.body = body
                    existing.revision_id = draft.id
            version = int((await session.scalar(select(func.max(WorkspaceReleaseRow.version)))) or 0) + 1
            # The primary key settles a race between two publishers: one of them fails and retries.
            session.add(
                WorkspaceReleaseRow(
                    version=version, area=area, published_at=now, published_by=publisher, items=len(newest)
                )
            )
        return version

    async def add_test(self, text: str, lang: str, expected_topic: str, author: str) -> TestQuestion:
        row = WorkspaceTestQuestionRow(
            id=uuid.uuid4().hex,
            text=text[:500],
            lang=lang,
            expected_topic=expected_topic,
            author=author,
            created_at=_now(),
        )
        async with self._db.sessions.begin() as session:
            session.add(row)
        return TestQuestion(row.id, row.text, row.lang, row.expected_topic, row.author, row.created_at)

    async def tests(self) -> list[TestQuestion]:
        query = select(WorkspaceTestQuestionRow).order_by(WorkspaceTestQuestionRow.created_at)
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [TestQuestion(r.id, r.text, r.lang, r.expected_topic, r.author, r.created_at) for r in rows]

    async def remove_test(self, test_id: str) -> bool:
        statement = delete(WorkspaceTestQuestionRow).where(WorkspaceTestQuestionRow.id == test_id)
        async with self._db.sessions.begin() as session:
            return (await session.execute(statement)).rowcount == 1
