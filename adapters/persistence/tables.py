"""The schema as SQLAlchemy models, kept portable between SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, MetaData, String, Text, Time
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Fixed constraint names, so hand-written migrations and the models agree.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class BotStateRow(Base):
    """One SDK storage item; the key is an HMAC of the SDK key, never the key itself."""

    __tablename__ = "bot_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    etag: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class AppSecretRow(Base):
    """Secrets that every instance of the bot must share, created once on first use."""

    __tablename__ = "app_secret"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


# WITHOUT ROWID on SQLite: rows are stored in random-id order, so the file does
# not reveal in which order (and so roughly when, within a day) they arrived.
_NO_ROWID = {"sqlite_with_rowid": False}


class GapRow(Base):
    """A question the bot answered badly; the day is the finest time we keep."""

    __tablename__ = "gap"
    __table_args__ = _NO_ROWID

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(5))
    day: Mapped[date] = mapped_column(Date)
    topic_guess: Mapped[str | None] = mapped_column(String(255))
    score: Mapped[float] = mapped_column(Float)
    entry_id: Mapped[str | None] = mapped_column(String(255))


class FeedbackRow(Base):
    """One 👍/👎 on a knowledge entry, with no trace of who gave it."""

    __tablename__ = "feedback"
    __table_args__ = _NO_ROWID

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(255), index=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    day: Mapped[date] = mapped_column(Date)


class QuestionSessionRow(Base):
    """A knowledge session of the Bureau; the addressee slots are a small JSON list."""

    __tablename__ = "question_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    day: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200))
    slots: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date | None] = mapped_column(Date)
    intro: Mapped[str] = mapped_column(Text)


class QuestionRow(Base):
    """A question for the alderman: no sender, no conversation, no time finer than the day."""

    __tablename__ = "question"
    __table_args__ = _NO_ROWID

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(64), index=True)
    addressee: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    merged_into: Mapped[str | None] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    # The withdrawal code, only as a slow salted hash plus a 16-bit bucket to find candidates.
    code_bucket: Mapped[str] = mapped_column(String(8), index=True)
    code_salt: Mapped[str] = mapped_column(String(64))
    code_hash: Mapped[str] = mapped_column(String(128))
    sort_key: Mapped[str] = mapped_column(String(32))


class DeliverySeenRow(Base):
    """An HMAC of a delivered activity id under a daily key, kept a day or two to catch retries."""

    __tablename__ = "delivery_seen"
    __table_args__ = _NO_ROWID

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)


class RoomRow(Base):
    """One quiet room of the directory; the whole validated record is the JSON in `record`."""

    __tablename__ = "room"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    building_id: Mapped[str] = mapped_column(String(80), index=True)
    district: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    verified: Mapped[bool] = mapped_column(Boolean)
    last_verified: Mapped[date | None] = mapped_column(Date)
    record: Mapped[str] = mapped_column(Text)


class RoomFeedbackRow(Base):
    """A quiet-room problem or shortage: where and what, no sender, the day as the finest time."""

    __tablename__ = "room_feedback"
    __table_args__ = _NO_ROWID

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    location_key: Mapped[str] = mapped_column(String(160), index=True)
    location_label: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(32))
    remark: Mapped[str | None] = mapped_column(Text)
    day: Mapped[date] = mapped_column(Date)


# ---- the moderator workspace (adapters/web/admin): staff actions, never an employee's identity ----


class WorkspaceRevisionRow(Base):
    """One saved version of one content item (answer, glossary entry, route, room); body None removes it."""

    __tablename__ = "workspace_revision"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    area: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[str] = mapped_column(String(120), index=True)
    body: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(16))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str | None] = mapped_column(String(200))


class WorkspacePublishedRow(Base):
    """The published version of one item, laid over the shipped content; body None means removed."""

    __tablename__ = "workspace_published"

    area: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    body: Mapped[str | None] = mapped_column(Text)
    revision_id: Mapped[str] = mapped_column(String(32))


class WorkspaceReleaseRow(Base):
    """One publication; the highest version is what every running instance must serve."""

    __tablename__ = "workspace_release"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    area: Mapped[str] = mapped_column(String(16))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str] = mapped_column(String(200))
    items: Mapped[int] = mapped_column(Integer)


class WorkspaceSessionRow(Base):
    """A signed-in staff member; the cookie holds a random token, the row only its SHA-256."""

    __tablename__ = "workspace_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    actor: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(200))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class WorkspaceLoginRow(Base):
    """An OpenID Connect sign-in under way (state, nonce, PKCE verifier), kept for minutes."""

    __tablename__ = "workspace_login"

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(128))
    verifier: Mapped[str] = mapped_column(String(128))
    next_path: Mapped[str] = mapped_column(String(300))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class WorkspaceAuditRow(Base):
    """Who on the staff did what in the workspace, and when."""

    __tablename__ = "workspace_audit"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text)


class WorkspaceTestQuestionRow(Base):
    """A question editors keep in the regression set, with the topic it must reach."""

    __tablename__ = "workspace_test_question"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    text: Mapped[str] = mapped_column(String(500))
    lang: Mapped[str] = mapped_column(String(5))
    expected_topic: Mapped[str] = mapped_column(String(120))
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WorkspaceQuestionOriginalRow(Base):
    """A question's wording before a moderator first edited it; goes when the question goes."""

    __tablename__ = "workspace_question_original"
    __table_args__ = _NO_ROWID

    question_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("question.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
