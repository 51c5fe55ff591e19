"""Per-turn facts the flows record for the activity handler (the knowledge.match trace)."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs._sdk import TurnContext

MATCH_KEY = "wegwijzer.match"


@dataclass(frozen=True)
class TurnMatch:
    topic: str
    score: float


def record_match(context: TurnContext, topic: str, score: float) -> None:
    context.turn_state[MATCH_KEY] = TurnMatch(topic, max(0.0, min(100.0, float(score))))


def recorded_match(context: TurnContext) -> TurnMatch:
    found = context.turn_state.get(MATCH_KEY)
    return found if isinstance(found, TurnMatch) else TurnMatch("fallback", 0.0)


def turn_lang(context: TurnContext) -> str:
    return "en" if (context.activity.locale or "").lower().startswith("en") else "nl"
