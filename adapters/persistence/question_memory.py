"""In-memory question and session repositories, for tests and for running without a database."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import date

from adapters.persistence.question_repository import DuplicateSessionError
from knowledge.questions import Question, QuestionStatus
from knowledge.sessions import Session
from knowledge.withdrawal import CodeDigest


class InMemoryQuestionRepository:
    """Same behaviour as SqlQuestionRepository; deliveries are kept as keyed hashes for the process's life."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[Question, CodeDigest]] = {}
        self._deliveries: set[str] = set()
        self._key = secrets.token_bytes(32)

    async def add(self, question: Question, code: CodeDigest, delivery_id: str | None) -> bool:
        if delivery_id is not None:
            digest = hmac.new(self._key, delivery_id.encode("utf-8", "replace"), hashlib.sha256).hexdigest()
            if digest in self._deliveries:
                return False
            self._deliveries.add(digest)
        self._rows[question.id] = (question, code)
        return True

    async def get(self, question_id: str) -> Question | None:
        found = self._rows.get(question_id)
        return found[0] if found else None

    async def list(self, session_id: str | None = None) -> list[Question]:
        questions = [q for q, _ in self._rows.values() if session_id is None or q.session_id == session_id]
        return sorted(questions, key=lambda q: (q.sort_key, q.id))

    async def candidates(self, bucket: str) -> list[tuple[Question, CodeDigest]]:
        return [(q, d) for q, d in self._rows.values() if d.bucket == bucket]

    async def withdraw(self, question_id: str) -> bool:
        for q, _ in list(self._rows.values()):
            if q.merged_into == question_id:
                self._replace(q, status="new", merged_into=None)
        return self._rows.pop(question_id, None) is not None

    async def change_text(self, question_id: str, text: str) -> bool:
        return self._update(question_id, text=text, status="new", reason=None, merged_into=None)

    async def set_status(self, question_id: str, status: QuestionStatus, reason: str | None = None) -> bool:
        return self._update(question_id, status=status, reason=reason, merged_into=None)

    async def merge(self, question_ids: Sequence[str], into: str) -> int:
        ids = {i for i in question_ids if i != into}
        for q, _ in list(self._rows.values()):
            if q.merged_into in ids:
                self._replace(q, merged_into=into)
        return sum(self._update(i, status="merged", merged_into=into, reason=None) for i in ids)

    def _update(self, question_id: str, **values: object) -> bool:
        found = self._rows.get(question_id)
        if found is None:
            return False
        self._replace(found[0], **values)
        return True

    def _replace(self, question: Question, **values: object) -> None:
        digest = self._rows[question.id][1]
        self._rows[question.id] = (question.model_copy(update=values), digest)


class InMemorySessionRepository:
    """Same behaviour as SqlSessionRepository."""

    def __init__(self, sessions: Sequence[Session] = ()) -> None:
        self._sessions: dict[str, Session] = {s.id: s for s in sessions}

    async def add(self, session: Session) -> None:
        if session.is_standing or session.day is None:
            raise ValueError("only dated sessions are stored")
        if session.id in self._sessions:
            raise DuplicateSessionError(f"a session with id {session.id!r} exists already")
        self._sessions[session.id] = session

    async def get(self, session_id: str) -> Session | None:
        return self._sessions.get(session_id)

    async def list(self) -> list[Session]:
        return sorted(self._sessions.values(), key=lambda s: (s.day or date.min, s.id))
