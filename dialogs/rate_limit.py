"""Per-person daily limits that never store who the person is."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import Counter
from collections.abc import Callable
from datetime import date


class DailyLimiter:
    """Counts per person per day under an HMAC whose random key lives only in this process and changes daily.

    Nothing is written anywhere: a restart forgets every count, which is the price of
    keeping no identifier. Old keys are dropped, so yesterday's counts cannot be linked.
    """

    def __init__(self, limit: int, today: Callable[[], date] = date.today) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._today = today
        self._day: date | None = None
        self._key = b""
        self._counts: Counter[str] = Counter()

    def _slot(self, who: str) -> str:
        day = self._today()
        if day != self._day:
            self._day, self._key, self._counts = day, secrets.token_bytes(32), Counter()
        return hmac.new(self._key, who.encode("utf-8", "replace"), hashlib.sha256).hexdigest()

    def allows(self, who: str) -> bool:
        """True while this person is under today's limit."""
        return self._counts[self._slot(who)] < self.limit

    def hit(self, who: str) -> None:
        slot = self._slot(who)  # first: a new day replaces the counter
        self._counts[slot] += 1
