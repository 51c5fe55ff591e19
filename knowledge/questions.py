"""Questions for the alderman: what a question is, when one may be sent, and what storage must offer."""

from __future__ import annotations

import asyncio
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from knowledge.sessions import Addressee, Session, SessionProblem, choose_session
from knowledge.withdrawal import CodeDigest, CodeHasher, code_bucket, display, new_code, normalize_code

MIN_CHARS: Final = 10
MAX_CHARS: Final = 1000
REASON_MAX_CHARS: Final = 500

QuestionStatus = Literal["new", "approved", "merged", "rejected", "answered"]
STATUSES: Final[tuple[QuestionStatus, ...]] = ("new", "approved", "merged", "rejected", "answered")

# Invisible and control characters (bidi overrides included) say nothing and can hide text.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_RAW_LIMIT: Final = 4 * MAX_CHARS


class Question(BaseModel):
    """A stored question: no sender, no time finer than the day; ids and sort keys are random."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    session_id: str
    addressee: Addressee
    text: str = Field(min_length=1, max_length=MAX_CHARS)
    status: QuestionStatus = "new"
    reason: str | None = None
    merged_into: str | None = None
    day: date
    sort_key: str


@dataclass(frozen=True)
class Draft:
    """A question that passed the rules, not stored yet."""

    text: str
    addressee: Addressee
    session: Session


SubmissionProblem = Literal["empty", "too_short", "too_long"] | SessionProblem


def clean_text(raw: object) -> str:
    """The question as it will be stored: invisible characters gone, line ends tidy, trimmed."""
    if not isinstance(raw, str):
        return ""
    text = raw[:_RAW_LIMIT].replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _INVISIBLE.sub("", text)
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def check_text(raw: object) -> str | Literal["empty", "too_short", "too_long"]:
    """The cleaned text, or why it cannot be sent (10 to 1,000 characters after trimming)."""
    if isinstance(raw, str) and len(raw) > _RAW_LIMIT:
        return "too_long"
    text = clean_text(raw)
    if not text:
        return "empty"
    if len(text) < MIN_CHARS:
        return "too_short"
    if len(text) > MAX_CHARS:
        return "too_long"
    return text


def check_submission(
    value: Mapping[str, object], sessions: Sequence[Session], today: date
) -> Draft | SubmissionProblem:
    """A form submission ({"question", "addressee", "session"}, any JSON) as a Draft, or the first problem."""
    text = check_text(value.get("question"))
    if text in ("empty", "too_short", "too_long"):
        return text  # type: ignore[return-value]  # narrowed by the membership test
    session = choose_session(value.get("session"), value.get("addressee"), sessions, today)
    if isinstance(session, str):
        return session
    addressee = value["addressee"]
    return Draft(text=text, addressee=addressee, session=session)  # type: ignore[arg-type]  # checked above


def new_question_id() -> str:
    """Random, never sequential: an id must not reveal the order of arrival."""
    return secrets.token_hex(16)


def new_sort_key() -> str:
    """Exports are ordered by this random key, so their order says nothing about when a question came in."""
    return secrets.token_hex(8)


class QuestionRepository(Protocol):
    """Stores questions without anything that points to the sender."""

    async def add(self, question: Question, code: CodeDigest, delivery_id: str | None) -> bool:
        """Store question once per delivery; False (nothing stored) if this delivery was seen already."""
        ...

    async def get(self, question_id: str) -> Question | None: ...

    async def list(self, session_id: str | None = None) -> list[Question]:
        """All questions (of one session), in sort-key order."""
        ...

    async def candidates(self, bucket: str) -> list[tuple[Question, CodeDigest]]: ...

    async def withdraw(self, question_id: str) -> bool:
        """Delete a question for good; questions merged into it become new again."""
        ...

    async def change_text(self, question_id: str, text: str) -> bool:
        """New text; it needs moderating again, so the status goes back to new."""
        ...

    async def set_status(
        self, question_id: str, status: QuestionStatus, reason: str | None = None
    ) -> bool: ...

    async def merge(self, question_ids: Sequence[str], into: str) -> int: ...


class SessionRepository(Protocol):
    """The Bureau's knowledge sessions."""

    async def add(self, session: Session) -> None: ...

    async def get(self, session_id: str) -> Session | None: ...

    async def list(self) -> list[Session]: ...


@dataclass(frozen=True)
class Receipt:
    """A stored question and its withdrawal code, shown to the sender once and never kept."""

    code: str
    question: Question


async def submit_question(
    repository: QuestionRepository, draft: Draft, day: date, delivery_id: str | None, hasher: CodeHasher
) -> Receipt | None:
    """Store a confirmed draft; None when this delivery was stored before (a retry)."""
    code = new_code()
    digest = await asyncio.to_thread(hasher.digest, code)
    question = Question(
        id=new_question_id(),
        session_id=draft.session.id,
        addressee=draft.addressee,
        text=draft.text,
        day=day,
        sort_key=new_sort_key(),
    )
    stored = await repository.add(question, digest, delivery_id)
    return Receipt(display(code), question) if stored else None


# Checked when no row shares the bucket, so a miss costs as long as a near-hit.
_DECOY: Final = CodeDigest(bucket="", salt="00" * 16, hash="00" * 32)


async def find_by_code(
    repository: QuestionRepository, raw_code: object, hasher: CodeHasher
) -> Question | None:
    """The question a code belongs to, or None; the time taken does not tell whether a code exists."""
    code = normalize_code(raw_code)
    if code is None:
        return None
    candidates = await repository.candidates(code_bucket(code))
    for question, digest in candidates:
        if await asyncio.to_thread(hasher.matches, code, digest):
            return question
    if not candidates:
        await asyncio.to_thread(hasher.matches, code, CodeDigest(code_bucket(code), _DECOY.salt, _DECOY.hash))
    return None
