"""Per-turn facts the flows record for the activity handler, and what a one-turn answer says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dialogs._sdk import Activity, ActivityTypes, CardFactory, MessageFactory, TurnContext
from knowledge.answering import Answerer, Decision
from knowledge.ports import Gap, GapLog

MATCH_KEY = "wegwijzer.match"
DECISION_KEY = "wegwijzer.decision"
MATCH_TRACE = "knowledge.match"


@dataclass(frozen=True)
class TurnMatch:
    topic: str
    score: float

    @classmethod
    def of(cls, topic: str, score: float) -> TurnMatch:
        """The match as the trace reports it: the score held to 0..100."""
        return cls(topic, max(0.0, min(100.0, float(score))))


def record_match(context: TurnContext, topic: str, score: float) -> None:
    context.turn_state[MATCH_KEY] = TurnMatch.of(topic, score)


def recorded_match(context: TurnContext) -> TurnMatch:
    found = context.turn_state.get(MATCH_KEY)
    return found if isinstance(found, TurnMatch) else TurnMatch("fallback", 0.0)


def decide(context: TurnContext, answerer: Answerer, text: str) -> Decision:
    """The answerer's reading of this turn's text, once per turn.

    A flow that hands a message back to MainDialog has read it already; reading it again
    would cost a second safety check and match for the same words.
    """
    memo = context.turn_state.get(DECISION_KEY)
    if memo is not None and memo[0] == text and memo[1] is answerer:
        return memo[2]  # type: ignore[no-any-return]
    decision = answerer.decide(text, context.activity.locale)
    context.turn_state[DECISION_KEY] = (text, answerer, decision)
    return decision


def turn_lang(context: TurnContext) -> str:
    return "en" if (context.activity.locale or "").lower().startswith("en") else "nl"


def match_trace(match: TurnMatch) -> Activity:
    """The knowledge.match trace that ends every message turn (the contract's trace activity)."""
    return Activity(
        type=ActivityTypes.trace,
        name=MATCH_TRACE,
        label="Knowledge match",
        value_type="https://wegwijzer/knowledge.match",
        value={"topic": match.topic, "score": round(match.score, 1)},
    )


@dataclass
class Said:
    """A one-turn answer, composed before anything is sent: its messages, its match, its gaps.

    The same Said is sent through the dialogs (send) or, for a message in an idle
    conversation, by the quick path at the HTTP edge (dialogs.quick_turn): one answer, two doors.
    """

    activities: list[Activity] = field(default_factory=list)
    match: TurnMatch | None = None
    gaps: list[Gap] = field(default_factory=list)

    def card(self, card: dict[str, Any]) -> Said:
        self.activities.append(MessageFactory.attachment(CardFactory.adaptive_card(card)))
        return self

    def cards(self, cards: Sequence[dict[str, Any]], text: str | None = None) -> Said:
        """Several cards as one message (a vertical list in Teams)."""
        self.activities.append(MessageFactory.list([CardFactory.adaptive_card(c) for c in cards], text=text))
        return self

    def text(self, text: str) -> Said:
        # What TurnContext.send_activity(str) builds.
        self.activities.append(Activity(text=text, input_hint="acceptingInput"))
        return self

    def record(self, topic: str, score: float) -> Said:
        self.match = TurnMatch.of(topic, score)
        return self

    async def send(self, context: TurnContext, gaps: GapLog) -> None:
        if self.match is not None:
            context.turn_state[MATCH_KEY] = self.match
        for activity in self.activities:
            await context.send_activity(activity)
        await self.keep_gaps(gaps)

    async def keep_gaps(self, gaps: GapLog) -> None:
        for gap in self.gaps:
            await gaps.record(gap)
