"""What the bot could not answer, grouped: similar questions together, with counts and a trend."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from rapidfuzz import fuzz

from knowledge.normalize import fold
from knowledge.privacy import mask_personal_data

# token_set_ratio at or above this puts two questions in one cluster.
SIMILAR: Final = 72.0
TREND_DAYS: Final = 7
Trend = Literal["up", "down", "flat", "new"]


@dataclass(frozen=True)
class GapItem:
    """One kept question (already masked when stored; masked again here to be sure)."""

    id: str
    kind: str
    text: str
    lang: str
    day: date
    topic_guess: str | None = None


@dataclass(frozen=True)
class GapCluster:
    """Questions that read alike; the first is the one shown."""

    key: str
    items: tuple[GapItem, ...]
    recent: int
    before: int

    @property
    def label(self) -> str:
        return self.items[0].text

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    @property
    def kinds(self) -> dict[str, int]:
        return dict(Counter(item.kind for item in self.items))

    @property
    def topic_guess(self) -> str | None:
        guesses = Counter(item.topic_guess for item in self.items if item.topic_guess)
        return guesses.most_common(1)[0][0] if guesses else None

    @property
    def trend(self) -> Trend:
        """This week against the week before."""
        if self.before == 0:
            return "new" if self.recent else "flat"
        if self.recent > self.before:
            return "up"
        if self.recent < self.before:
            return "down"
        return "flat"


def _masked(item: GapItem) -> GapItem:
    text = mask_personal_data(item.text)
    return (
        item
        if text == item.text
        else GapItem(item.id, item.kind, text, item.lang, item.day, item.topic_guess)
    )


def cluster_gaps(items: Sequence[GapItem], today: date, threshold: float = SIMILAR) -> list[GapCluster]:
    """Greedy clustering by folded token-set similarity; biggest clusters first, then the newest."""
    groups: list[tuple[str, list[GapItem]]] = []
    for item in sorted((_masked(i) for i in items), key=lambda i: (-i.day.toordinal(), i.id)):
        folded = fold(item.text)
        for head, members in groups:
            if fuzz.token_set_ratio(folded, head) >= threshold:
                members.append(item)
                break
        else:
            groups.append((folded, [item]))
    week = today - timedelta(days=TREND_DAYS)
    fortnight = week - timedelta(days=TREND_DAYS)
    clusters = [
        GapCluster(
            key=members[0].id,
            items=tuple(members),
            recent=sum(1 for m in members if m.day > week),
            before=sum(1 for m in members if fortnight < m.day <= week),
        )
        for _, members in groups
    ]
    return sorted(clusters, key=lambda c: (-c.count, -max(m.day for m in c.items).toordinal(), c.key))
