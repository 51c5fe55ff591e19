"""The schema as SQLAlchemy models, kept portable between SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, MetaData, String, Text
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
