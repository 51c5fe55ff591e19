"""The schema as SQLAlchemy models, kept portable between SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, Float, MetaData, String, Text, Time
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
