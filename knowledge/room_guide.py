"""The room search as a short conversation: what to do with each message, decided here, said by dialogs/.

The flow has two stages. `ask_place`: the bot asked where to look. `results`: a page of
rooms is on screen and the next message may follow up on it ('meer', 'is die nu open?',
'en in Noord?', 'met wasgelegenheid'). Anything else is not ours: the dialog hands it
back to the main routing, so a new question is never swallowed by this flow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from knowledge.answering import Decision
from knowledge.room_search import PAGE_SIZE, ReadText, RoomQuery, SearchResult, query_from_data, search
from knowledge.rooms import QuietRoom

Stage = Literal["ask_place", "results"]
MoveKind = Literal["ask_place", "results", "not_found", "no_more", "open_now", "entry", "stop", "leave"]
# Moves that are shown and then wait for the next message (the ones kept in dialog state).
SHOWN: tuple[MoveKind, ...] = ("ask_place", "results", "not_found", "no_more", "open_now")
# A follow-up may carry this many words the search does not know ('en ook in Noord?').
MAX_LEFTOVER = 2


@dataclass(frozen=True)
class FindState:
    """What the flow remembers between messages (kept in dialog state as plain data)."""

    stage: Stage = "ask_place"
    query: RoomQuery = field(default_factory=RoomQuery)
    offset: int = 0

    def to_data(self) -> dict[str, Any]:
        return {"stage": self.stage, "query": self.query.to_data(), "offset": self.offset}

    @classmethod
    def from_data(cls, data: object, rooms: Sequence[QuietRoom]) -> FindState:
        if not isinstance(data, dict):
            return cls()
        stage: Stage = "results" if data.get("stage") == "results" else "ask_place"
        offset = data.get("offset")
        offset = (
            offset if isinstance(offset, int) and not isinstance(offset, bool) and 0 <= offset < 10_000 else 0
        )
        return cls(stage, query_from_data(data.get("query"), rooms), offset)


@dataclass(frozen=True)
class Move:
    """What the bot does next, and the state it is in afterwards."""

    kind: MoveKind
    state: FindState
    result: SearchResult | None = None

    def shown(self) -> tuple[QuietRoom, ...]:
        return self.result.page(self.state.offset) if self.result is not None else ()


FIND_TOPICS = frozenset({"quietroom.find", "quietroom.facilities"})


def elsewhere(decision: Decision, topics: frozenset[str] = FIND_TOPICS) -> bool:
    """The matcher is sure the message is about something other than these topics."""
    return decision.kind in ("answer", "emergency") and decision.topic not in topics


def _show(query: RoomQuery, rooms: Sequence[QuietRoom], offset: int = 0) -> Move:
    if query.needs_place:
        return Move("ask_place", FindState("ask_place", query))
    result = search(query, rooms)
    if not result.rooms:
        return Move("not_found", FindState("ask_place", query), result)
    offset = offset if offset < len(result.rooms) else 0
    return Move("results", FindState("results", query, offset), result)


def first_move(topic: str, read: ReadText, rooms: Sequence[QuietRoom]) -> Move:
    """The first message: search, ask where, or (a facility question we cannot filter on) the entry."""
    query = read.query
    if read.lactation or (topic == "quietroom.facilities" and not (query.filtered or query.places)):
        return Move("entry", FindState())
    return _show(query, rooms)


def move_for_data(data: dict[str, Any], rooms: Sequence[QuietRoom]) -> Move:
    """A button of this flow: {"query": {...}, "offset": n} (any JSON; malformed parts are dropped)."""
    state = FindState.from_data({"stage": "results", **data}, rooms)
    return _show(state.query, rooms, state.offset)


def next_move(state: FindState, read: ReadText, decision: Decision, rooms: Sequence[QuietRoom]) -> Move:
    """A typed follow-up while the flow runs."""
    if read.stop:
        return Move("stop", state)
    ours = not read.leftover or (len(read.leftover) <= MAX_LEFTOVER and not elsewhere(decision))
    if state.stage == "results" and read.back:
        if state.offset > 0:
            return _show(state.query, rooms, max(0, state.offset - PAGE_SIZE))
        return Move("ask_place", FindState("ask_place", RoomQuery()))
    if read.back:
        return Move("stop", state)
    if state.stage == "results" and read.more and ours:
        return more(state, rooms)
    query = read.query
    if (query.places or query.filtered or query.everything) and ours:
        return _show(state.query.refined_by(query) if state.stage == "results" else query, rooms)
    if state.stage == "results" and query.open_now and ours:
        return Move("open_now", state, search(state.query, rooms))
    if state.stage == "ask_place" and read.says_something and ours:
        return Move("ask_place", FindState("ask_place", state.query.refined_by(query)))
    if state.stage == "ask_place" and not elsewhere(decision) and len(read.leftover) <= 6:
        return Move("not_found", state, SearchResult(state.query))
    return Move("leave", state)


def restore_move(kind: object, state: object, rooms: Sequence[QuietRoom]) -> Move:
    """A move kept in dialog state between two steps; anything unexpected asks where to look."""
    restored = FindState.from_data(state, rooms)
    shown = next((k for k in SHOWN if k == kind), None)
    return (
        Move(shown, restored)
        if shown is not None
        else Move("ask_place", FindState("ask_place", restored.query))
    )


def more(state: FindState, rooms: Sequence[QuietRoom]) -> Move:
    result = search(state.query, rooms)
    offset = state.offset + PAGE_SIZE
    if offset >= len(result.rooms):
        return Move("no_more", state, result)
    return Move("results", FindState("results", state.query, offset), result)
