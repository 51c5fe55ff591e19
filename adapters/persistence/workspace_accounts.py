"""SQL storage for staff sign-ins (sessions, OpenID Connect transactions) and the workspace audit log."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select

from adapters.persistence.db import Database
from adapters.persistence.tables import WorkspaceAuditRow, WorkspaceLoginRow, WorkspaceSessionRow


def token_hash(token: str) -> str:
    """Only this is stored: a stolen database row cannot be replayed as a cookie."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we write is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class StaffSession:
    key: str  # the token's hash: safe to show and to use as an id for revoking
    actor: str
    roles: frozenset[str]
    csrf: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class LoginTransaction:
    nonce: str
    verifier: str
    next_path: str


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    target: str
    detail: str


def _session(row: WorkspaceSessionRow) -> StaffSession:
    return StaffSession(
        key=row.token_hash,
        actor=row.actor,
        roles=frozenset(r for r in row.roles.split(",") if r),
        csrf=row.csrf,
        created_at=_aware(row.created_at),
        expires_at=_aware(row.expires_at),
    )


class SqlStaffSessions:
    """Server-side sessions: revocable at once, shared by every instance."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def create(
        self, token: str, actor: str, roles: frozenset[str], csrf: str, lifetime: timedelta
    ) -> StaffSession:
        now = datetime.now(UTC)
        row = WorkspaceSessionRow(
            token_hash=token_hash(token),
            actor=actor[:200],
            roles=",".join(sorted(roles)),
            csrf=csrf,
            created_at=now,
            expires_at=now + lifetime,
        )
        async with self._db.sessions.begin() as session:
            await session.execute(delete(WorkspaceSessionRow).where(WorkspaceSessionRow.expires_at < now))
            session.add(row)
        return _session(row)

    async def find(self, token: str) -> StaffSession | None:
        async with self._db.sessions() as session:
            row = await session.get(WorkspaceSessionRow, token_hash(token))
        if row is None:
            return None
        found = _session(row)
        return found if found.expires_at > datetime.now(UTC) else None

    async def active(self) -> list[StaffSession]:
        now = datetime.now(UTC)
        query = (
            select(WorkspaceSessionRow)
            .where(WorkspaceSessionRow.expires_at > now)
            .order_by(WorkspaceSessionRow.created_at.desc())
        )
        async with self._db.sessions() as session:
            return [_session(r) for r in (await session.scalars(query)).all()]

    async def revoke(self, key: str) -> bool:
        async with self._db.sessions.begin() as session:
            statement = delete(WorkspaceSessionRow).where(WorkspaceSessionRow.token_hash == key)
            return (await session.execute(statement)).rowcount == 1

    async def begin_login(self, state: str, nonce: str, verifier: str, next_path: str) -> None:
        now = datetime.now(UTC)
        async with self._db.sessions.begin() as session:
            await session.execute(delete(WorkspaceLoginRow).where(WorkspaceLoginRow.expires_at < now))
            session.add(
                WorkspaceLoginRow(
                    state_hash=token_hash(state),
                    nonce=nonce,
                    verifier=verifier,
                    next_path=next_path[:300],
                    expires_at=now + timedelta(minutes=10),
                )
            )

    async def finish_login(self, state: str) -> LoginTransaction | None:
        """The transaction for this state, used once: it is deleted whatever happens next."""
        async with self._db.sessions.begin() as session:
            row = await session.get(WorkspaceLoginRow, token_hash(state))
            if row is None:
                return None
            await session.delete(row)
        if _aware(row.expires_at) < datetime.now(UTC):
            return None
        return LoginTransaction(row.nonce, row.verifier, row.next_path)


class SqlAuditLog:
    """Every workspace action: which staff member, what, on what, when."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def record(self, actor: str, action: str, target: str = "", detail: str = "") -> None:
        row = WorkspaceAuditRow(
            id=uuid.uuid4().hex,
            at=datetime.now(UTC),
            actor=actor[:200],
            action=action[:64],
            target=target[:200],
            detail=detail[:2000],
        )
        async with self._db.sessions.begin() as session:
            session.add(row)

    async def recent(self, limit: int = 200, offset: int = 0) -> list[AuditEntry]:
        query = select(WorkspaceAuditRow).order_by(WorkspaceAuditRow.at.desc()).limit(limit).offset(offset)
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [AuditEntry(_aware(r.at), r.actor, r.action, r.target, r.detail) for r in rows]

    async def count(self) -> int:
        async with self._db.sessions() as session:
            return int(await session.scalar(select(func.count()).select_from(WorkspaceAuditRow)) or 0)
