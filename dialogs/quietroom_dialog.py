"""Find a quiet room: search the directory from what someone typed, answer with room cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from dialogs._sdk import (
    Activity,
    CardFactory,
    Dialog,
    DialogTurnResult,
    MessageFactory,
    TurnContext,
    WaterfallDialog,
    WaterfallStepContext,
)
from dialogs.cards import answer_card
from dialogs.flow import options_lang
from dialogs.hand_back import HAND_BACK, HandsBackComponent
from dialogs.quietroom_cards import SEARCH, ask_place_card, more_card, not_found_card, room_card, state_text
from dialogs.quietroom_texts import qt
from dialogs.services import Services
from dialogs.turn import decide, record_match
from knowledge.models import Lang
from knowledge.opening_hours import open_state
from knowledge.room_guide import FindState, Move, first_move, move_for_data, next_move, restore_move
from knowledge.room_search import PAGE_SIZE, Place, RoomQuery, read_text, search
from knowledge.rooms import DISTRICTS, QuietRoom, RoomDirectory

TOPIC = "quietroom.find"
TOPICS = frozenset({"quietroom.find", "quietroom.facilities"})
ACTIONS = frozenset({SEARCH})
MAX_TEXT = 4000


def _utc_now() -> datetime:
    return datetime.now(UTC)


class QuietRoomDialog(HandsBackComponent):
    """Answers 'where is a quiet room?' from the directory only; never names a room it does not have.

    Steps: answer_step (search and show up to five room cards and 'meer', or ask where to
    look, or say honestly that nothing was found), follow_up_step (waits for the next
    message: 'meer', 'is die nu open?', another place or facility, 'terug', 'stop').
    Exits: 'stop'; a facility question the directory cannot answer ends with its knowledge
    entry; any other message is handed back to MainDialog's routing.
    """

    ID = "quietroom.find"
    LOOP = "quietroom.find.loop"

    def __init__(
        self, services: Services, directory: RoomDirectory, now: Callable[[], datetime] = _utc_now
    ) -> None:
        super().__init__(QuietRoomDialog.ID)
        self.services = services
        self.directory = directory
        self.now = now
        self.add_dialog(WaterfallDialog(QuietRoomDialog.LOOP, [self.answer_step, self.follow_up_step]))
        self.initial_dialog_id = QuietRoomDialog.LOOP

    async def answer_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        options: dict[str, Any] = step.options if isinstance(step.options, dict) else {}
        lang = options_lang(options)
        move = self.opening_move(step.context, options)
        if move.kind == "entry":
            await self.send_entry(step.context, options.get("entry"), lang)
            return await step.end_dialog()
        if options.get("topic") == "quietroom.facilities" and not move.state.query.places:
            await self.send_entry(step.context, options.get("entry"), lang)
        await self.show(step.context, move, lang)
        step.values["state"], step.values["lang"] = move.state.to_data(), lang
        return Dialog.end_of_turn

    async def follow_up_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = step.values.get("lang", "nl")
        move = self.follow_up(step.context, step.values.get("state"))
        if move is None or move.kind == "leave":
            return await step.end_dialog(HAND_BACK)
        record_match(step.context, TOPIC, 100)
        if move.kind == "stop":
            await step.context.send_activity(qt("stopped", lang))
            return await step.end_dialog()
        return await step.replace_dialog(
            QuietRoomDialog.LOOP, {"lang": lang, "move": move.kind, "state": move.state.to_data()}
        )

    def follow_up(self, context: TurnContext, state: object) -> Move | None:
        """The move for the next message; None for a button of another card (not ours to answer)."""
        activity, rooms = context.activity, self.directory.rooms()
        if isinstance(activity.value, dict):
            return move_for_data(activity.value, rooms) if activity.value.get("action") in ACTIONS else None
        text = (activity.text or "").strip()[:MAX_TEXT]
        decision = decide(context, self.services.brain.answerer, text)
        return next_move(FindState.from_data(state, rooms), read_text(text, rooms), decision, rooms)

    def opening_move(self, context: TurnContext, options: dict[str, Any]) -> Move:
        """The move to show: decided by follow_up_step, or from the text or button that began the flow."""
        rooms = self.directory.rooms()
        if "move" in options:
            return restore_move(options["move"], options.get("state"), rooms)
        if isinstance(options.get("value"), dict):
            record_match(context, TOPIC, 100)
            return move_for_data(options["value"], rooms)
        return first_move(
            str(options.get("topic", TOPIC)), read_text(str(options.get("text", ""))[:MAX_TEXT], rooms), rooms
        )

    async def send_entry(self, context: TurnContext, entry_id: object, lang: Lang) -> None:
        kb = self.services.brain.kb
        entry = kb.entries.get(entry_id) if isinstance(entry_id, str) else None
        if entry is not None:
            followups = [kb.entries[f] for f in entry.followups if f in kb.entries]
            await _send_cards(context, [answer_card(entry, lang, followups)])

    async def show(self, context: TurnContext, move: Move, lang: str) -> None:
        rooms = self.directory.rooms()
        query = move.state.query
        if move.kind == "ask_place":
            await _send_cards(
                context, [ask_place_card(self.places(), query, lang, not all(r.checked for r in rooms))]
            )
        elif move.kind == "not_found":
            await _send_cards(context, [not_found_card(self.places(), query, lang)])
        elif move.kind == "no_more":
            await context.send_activity(qt("no_more", lang))
        elif move.kind == "open_now":
            await context.send_activity(
                self.open_now_text(search(query, rooms).page(move.state.offset), lang)
            )
        else:
            await self.show_results(context, move.state, lang)

    async def show_results(self, context: TurnContext, state: FindState, lang: str) -> None:
        result = search(state.query, self.directory.rooms())
        shown = result.page(state.offset)
        moment = self.now()
        cards = [room_card(room, open_state(room, moment), lang) for room in shown]
        remaining = len(result.rooms) - state.offset - len(shown)
        if remaining > 0:
            cards.append(more_card(state.query, state.offset + PAGE_SIZE, remaining, lang))
        intro = _intro(state.query, len(result.rooms), result.relaxed, lang)
        if state.offset == 0 and not all(room.checked for room in shown):
            intro += " " + qt("list_unverified", lang)
        await _send_cards(context, cards, intro)

    def open_now_text(self, rooms: Sequence[QuietRoom], lang: str) -> str:
        moment = self.now()
        lines = [
            qt(
                "open_now_line",
                lang,
                name=r.name.get(lang),
                state=_lower_first(state_text(open_state(r, moment), lang)),
            )
            for r in rooms
        ]
        lines.append(qt("hours_note", lang))
        if not all(r.checked for r in rooms):
            lines.append(qt("list_unverified", lang))
        return "\n\n".join(lines)

    def places(self) -> list[Place]:
        """The stadsdelen that have rooms, for the where-to-look buttons."""
        present = {room.building.district for room in self.directory.rooms()}
        return [Place("district", key, label) for key, label in DISTRICTS.items() if key in present]


def _intro(query: RoomQuery, count: int, relaxed: bool, lang: str) -> str:
    place = ", ".join(p.label for p in query.places)
    filters = ", ".join(qt(f"facility.{f}", lang) for f in sorted(query.facilities | query.accessibility))
    if relaxed:
        return qt("relaxed", lang, filters=filters, place=place)
    number = qt("count_one", lang) if count == 1 else qt("count_many", lang, n=count)
    where = qt("where", lang, place=place) if place else ""
    what = qt("what", lang, filters=filters) if filters else ""
    return qt("found", lang, where=where, what=what, count=number)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


async def _send_cards(context: TurnContext, cards: Sequence[dict[str, Any]], text: str | None = None) -> None:
    attachments = [CardFactory.adaptive_card(c) for c in cards]
    activity: Activity = MessageFactory.list(attachments, text=text)
    await context.send_activity(activity)
