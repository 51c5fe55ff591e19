"""A delivery seen twice is answered once: channels retry when a turn is slow or an answer got lost."""

from __future__ import annotations

import contextvars
import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Final

# Channels retry within seconds; ten minutes covers a slow retry without growing without bound.
KEEP_SECONDS: Final = 600.0
MAX_KEPT: Final = 50_000


@dataclass
class TurnOutcome:
    failed: bool = False


_outcome: contextvars.ContextVar[TurnOutcome | None] = contextvars.ContextVar("turn_outcome", default=None)


def track_turn() -> TurnOutcome:
    """Start tracking the current turn (call in the task that runs it)."""
    outcome = TurnOutcome()
    _outcome.set(outcome)
    return outcome


def mark_turn_failed() -> None:
    """Called by the adapter's error handler: the user got an apology, so a retry may run again."""
    outcome = _outcome.get()
    if outcome is not None:
        outcome.failed = True


class DeliveryLedger:
    """Remembers recent activity deliveries of this instance, by a keyed hash only."""

    # Across instances, the stores that matter de-duplicate themselves (a question
    # is stored once per delivery, in the database); this ledger keeps a second
    # delivery to the same instance from producing a second answer.

    def __init__(self, keep_seconds: float = KEEP_SECONDS, max_kept: int = MAX_KEPT) -> None:
        self._key = secrets.token_bytes(32)
        self._keep = keep_seconds
        self._max = max_kept
        self._seen: OrderedDict[bytes, float] = OrderedDict()

    def key(self, body: dict[str, Any]) -> bytes | None:
        """None for activities without an id: nothing to recognise them by."""
        activity_id = body.get("id")
        if not isinstance(activity_id, str) or not activity_id:
            return None
        conversation = body.get("conversation") or {}
        parts = (str(body.get("channelId") or ""), str(conversation.get("id") or ""), activity_id)
        return hmac.new(self._key, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).digest()

    def claim(self, key: bytes) -> bool:
        """True for the first delivery (now running); False for a repeat of a running or answered one."""
        now = time.monotonic()
        self._expire(now)
        if key in self._seen:
            return False
        self._seen[key] = now
        if len(self._seen) > self._max:
            self._seen.popitem(last=False)
        return True

    def release(self, key: bytes) -> None:
        """The turn failed: a retry deserves a real attempt."""
        self._seen.pop(key, None)

    def _expire(self, now: float) -> None:
        while self._seen:
            oldest, at = next(iter(self._seen.items()))
            if now - at < self._keep:
                break
            del self._seen[oldest]
