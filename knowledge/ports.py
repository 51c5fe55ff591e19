"""What the domain needs from storage, as Protocols; adapters implement them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

GapKind = Literal["fallback", "low_confidence", "unknown_term", "thumbs_down"]


@dataclass(frozen=True)
class Gap:
    """Something the bot could not answer well; never carries who asked."""

    kind: GapKind
    text: str
    lang: str
    day: date
    topic_guess: str | None = None
    score: float = 0.0
    entry_id: str | None = None


class GapLog(Protocol):
    """Records what the bot could not answer, for moderators."""

    async def record(self, gap: Gap) -> None: ...


class FeedbackLog(Protocol):
    """Counts 👍/👎 per knowledge entry, without identity."""

    async def record(self, entry_id: str, helpful: bool, day: date) -> None: ...
