"""In-memory GapLog and FeedbackLog, for tests and for running without a database."""

from __future__ import annotations

from collections import Counter
from datetime import date

from adapters.persistence.repositories import FeedbackTally
from knowledge.ports import Gap


class InMemoryGapLog:
    """Same behaviour as SqlGapLog, kept in a list."""

    def __init__(self) -> None:
        self.gaps: list[Gap] = []

    async def record(self, gap: Gap) -> None:
        self.gaps.append(gap)

    async def recent(self, limit: int = 50) -> list[Gap]:
        """The newest gaps, newest day first."""
        if limit < 0:
            raise ValueError("limit must be zero or more")
        return sorted(self.gaps, key=lambda gap: gap.day, reverse=True)[:limit]


class InMemoryFeedbackLog:
    """Same behaviour as SqlFeedbackLog, kept in counters."""

    def __init__(self) -> None:
        self._helpful: Counter[str] = Counter()
        self._unhelpful: Counter[str] = Counter()

    async def record(self, entry_id: str, helpful: bool, day: date) -> None:
        (self._helpful if helpful else self._unhelpful)[entry_id] += 1

    async def count_by_entry(self) -> dict[str, FeedbackTally]:
        """Per knowledge entry, how many found it helpful and how many did not."""
        entries = self._helpful.keys() | self._unhelpful.keys()
        return {entry: FeedbackTally(self._helpful[entry], self._unhelpful[entry]) for entry in entries}
