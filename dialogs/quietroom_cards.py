"""Adaptive Cards (1.5) of the quiet-room flows: rooms, 'meer', where-to-look, and the feedback form."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from dialogs.cards import Card, card, submit, text_block
from dialogs.quietroom_texts import qt
from knowledge.opening_hours import OpenState, days_between, weekly_summary
from knowledge.room_feedback import FEEDBACK_KINDS, FeedbackDraft
from knowledge.room_search import Place, RoomQuery
from knowledge.rooms import WEEKDAYS, Building, QuietRoom

SEARCH = "quietroom.search"
FEEDBACK_START = "quietroom.feedback.start"
FEEDBACK_ANSWER = "quietroom.feedback.answer"
BUTTONS_PER_ROW = 3


def action_rows(actions: Sequence[dict[str, Any]], per_row: int = BUTTONS_PER_ROW) -> list[dict[str, Any]]:
    """Buttons in body rows, so a long list wraps instead of hiding behind 'more' in Teams."""
    return [
        {"type": "ActionSet", "actions": list(actions[i : i + per_row])}
        for i in range(0, len(actions), per_row)
    ]


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _when(state: OpenState, moment: datetime, lang: str) -> str:
    days = days_between(state.now, moment)
    if days == 0:
        return qt("today_at", lang, time=_clock(moment))
    if days == 1:
        return qt("tomorrow_at", lang, time=_clock(moment))
    return qt("day_at", lang, day=qt(f"dayname.{WEEKDAYS[moment.weekday()]}", lang), time=_clock(moment))


def state_text(state: OpenState, lang: str) -> str:
    """'Nu open, tot 18:00', 'Nu dicht. Weer open morgen om 08:00', 'Vandaag dicht (Koningsdag)…'."""
    if state.is_open:
        return qt("open_until", lang, time=_clock(state.until)) if state.until else qt("open_always", lang)
    if state.reason in ("temporarily_closed", "no_hours"):
        return qt(state.reason, lang)
    when = _when(state, state.next_open, lang) if state.next_open else None
    if state.reason == "holiday" and state.holiday is not None and when:
        return qt("holiday", lang, holiday=state.holiday.name(lang), when=when)
    return qt("closed_next", lang, when=when) if when else qt("closed", lang)


def _listing(keys: Sequence[str], lang: str) -> str:
    return ", ".join(qt(f"facility.{k}", lang) for k in keys) or qt("none_listed", lang)


def hours_text(room: QuietRoom, lang: str) -> str:
    parts = []
    for days, spans in weekly_summary(room.hours):
        label = qt(f"day.{days[0]}", lang) + (f"–{qt(f'day.{days[-1]}', lang)}" if len(days) > 1 else "")
        shown = ", ".join(s.replace("-", "–") for s in spans) if spans else qt("closed_day", lang)
        parts.append(f"{label} {shown}")
    if room.hours.holidays == "closed":
        parts.append(qt("holidays_closed", lang))
    return "; ".join(parts)


def _facts(room: QuietRoom, lang: str) -> list[dict[str, str]]:
    facts = [
        ("address", room.building.address.line() if room.building.address else None),
        ("floor", room.floor),
        ("room", room.room),
        ("route", room.route.get(lang) if room.route else None),
        ("kind", qt(f"kind.{room.kind}", lang)),
        ("facilities", _listing(room.facilities, lang)),
        ("accessibility", _listing(room.accessibility, lang)),
        ("access", qt(f"access.{room.access}", lang)),
        ("hours", hours_text(room, lang)),
        ("contact", room.contact.team + (f" ({room.contact.channel})" if room.contact.channel else "")),
    ]
    return [{"title": qt(f"fact.{key}", lang), "value": value} for key, value in facts if value]


def _honesty(room: QuietRoom, lang: str) -> str:
    if room.example:
        return qt("room_example", lang)
    if room.checked and room.last_verified is not None:
        return qt("room_verified", lang, day=room.last_verified.isoformat())
    return qt("room_unverified", lang)


def room_card(room: QuietRoom, state: OpenState, lang: str) -> Card:
    """One room: name, building, open now or not, the facts, shared use, how sure we are, report a problem."""
    status = state_text(state, lang)
    body: list[dict[str, Any]] = [
        text_block(room.name.get(lang), weight="Bolder", size="Medium"),
        text_block(room.building.name, isSubtle=True, spacing="None"),
        text_block(status, weight="Bolder", color="Good" if state.is_open else "Attention"),
        {"type": "FactSet", "facts": _facts(room, lang)},
    ]
    body += [text_block(qt(f"shared.{use}", lang), color="Warning", size="Small") for use in room.shared_with]
    body.append(text_block(_honesty(room, lang), isSubtle=True, size="Small", color="Warning"))
    data = {"action": FEEDBACK_START, "location": f"building:{room.building.id}"}
    actions = [submit(qt("report_problem", lang), data)]
    return card(body, actions, fallback=f"{room.name.get(lang)}, {room.building.name}: {status}")


def more_card(query: RoomQuery, offset: int, remaining: int, lang: str) -> Card:
    text = qt("more_left", lang, n=remaining)
    data = {"action": SEARCH, "query": query.to_data(), "offset": offset}
    return card([text_block(text)], [submit(qt("more", lang), data)], fallback=text)


def place_buttons(places: Sequence[Place], query: RoomQuery, lang: str) -> list[dict[str, Any]]:
    """One button per place, carrying the filters asked so far; and 'all rooms'."""
    base = query.to_data()
    buttons = [
        submit(p.label, {"action": SEARCH, "query": {**base, "places": [p.key], "all": False}})
        for p in places
    ]
    buttons.append(
        submit(qt("all_rooms", lang), {"action": SEARCH, "query": {**base, "places": [], "all": True}})
    )
    return buttons


def ask_place_card(places: Sequence[Place], query: RoomQuery, lang: str, unverified: bool) -> Card:
    body = [text_block(qt("ask_place", lang), weight="Bolder")]
    if unverified:
        body.append(text_block(qt("list_unverified", lang), isSubtle=True, size="Small", color="Warning"))
    body += action_rows(place_buttons(places, query, lang))
    return card(body, fallback=qt("ask_place", lang))


def not_found_card(places: Sequence[Place], query: RoomQuery, lang: str) -> Card:
    """Honest: not in my list; ask reception; report it; or try another place."""
    report: dict[str, Any] = {"action": FEEDBACK_START, "kind": "no_room"}
    buildings = [p for p in query.places if p.kind == "building"]
    if len(buildings) == 1 and len(query.places) == 1:
        report["location"] = buildings[0].key
    body = [
        text_block(qt("not_found", lang)),
        action_rows([submit(qt("report_missing", lang), report)])[0],
        text_block(qt("not_found_retry", lang), isSubtle=True, spacing="Medium"),
        *action_rows(place_buttons(places, RoomQuery(), lang)),
    ]
    return card(body, fallback=qt("not_found", lang))


# --- feedback form ---------------------------------------------------------------------------


def _answer(data: dict[str, Any]) -> dict[str, Any]:
    return {"action": FEEDBACK_ANSWER, **data}


def _nav(lang: str, back: bool = True) -> dict[str, Any]:
    buttons = [submit(qt("fb.back", lang), _answer({"nav": "back"}))] if back else []
    buttons.append(submit(qt("fb.stop", lang), _answer({"nav": "stop"})))
    return {"type": "ActionSet", "actions": buttons, "spacing": "Medium"}


def _notice(notice: str, lang: str) -> list[dict[str, Any]]:
    return [text_block(qt("fb.not_understood", lang), color="Warning", size="Small")] if notice else []


def feedback_location_card(buildings: Sequence[Building], lang: str, notice: str = "") -> Card:
    buttons = [submit(b.name, _answer({"location": f"building:{b.id}"})) for b in buildings]
    buttons.append(submit(qt("fb.other_location", lang), _answer({"location": "other"})))
    body = [
        *_notice(notice, lang),
        text_block(qt("fb.location", lang), weight="Bolder"),
        *action_rows(buttons),
    ]
    return card([*body, _nav(lang, back=False)], fallback=qt("fb.location", lang))


def feedback_location_text_card(lang: str, notice: str = "") -> Card:
    body = [*_notice(notice, lang), text_block(qt("fb.location_text", lang), weight="Bolder"), _nav(lang)]
    return card(body, fallback=qt("fb.location_text", lang))


def feedback_kind_card(draft: FeedbackDraft, lang: str, notice: str = "") -> Card:
    question = qt("fb.kind", lang, location=draft.location_label or "")
    buttons = [submit(qt(f"fb.kind.{kind}", lang), _answer({"kind": kind})) for kind in FEEDBACK_KINDS]
    body = [*_notice(notice, lang), text_block(question, weight="Bolder"), *action_rows(buttons), _nav(lang)]
    return card(body, fallback=question)


def feedback_remark_card(draft: FeedbackDraft, lang: str, notice: str = "") -> Card:
    kind = qt(f"fb.kind.{draft.kind}", lang).lower() if draft.kind else ""
    question = qt("fb.remark", lang, location=draft.location_label or "", kind=kind)
    skip = {"type": "ActionSet", "actions": [submit(qt("fb.skip", lang), _answer({"skip": True}))]}
    body = [*_notice(notice, lang), text_block(question), skip, _nav(lang)]
    return card(body, fallback=question)


def feedback_thanks_card(lang: str, fix_now: bool, notice: str) -> Card:
    body = [text_block(qt("fb.thanks", lang))]
    if fix_now:
        body.append(text_block(qt("fb.fix_now", lang)))
    if notice == "trimmed":
        body.append(text_block(qt("fb.trimmed", lang), isSubtle=True, size="Small"))
    actions = []
    if notice == "sensitive":
        body.append(text_block(qt("fb.sensitive", lang)))
        actions.append(submit(qt("fb.routes", lang), {"action": "menu", "area": "report"}))
    return card(body, actions, fallback=qt("fb.thanks", lang))
