"""Reporting a quiet-room problem or shortage: the short form's rules, and what is kept of it.

Kept: the location, the kind of problem, an optional remark with personal data masked,
and the day. Never kept: who reported it, when within the day, or a remark that looks
like a personal disclosure (that person is pointed to the reporting routes instead).
The counts per location are the signal the Bureau needs to argue for more rooms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal, Protocol

from knowledge.normalize import fold
from knowledge.privacy import mask_personal_data
from knowledge.room_search import read_text
from knowledge.room_words import BACK_WORDS, KIND_WORDS, STOP_WORDS
from knowledge.rooms import DISTRICTS, Building, QuietRoom

FeedbackKind = Literal["no_room", "occupied", "meetings", "broken", "not_clean", "other"]
FEEDBACK_KINDS: tuple[FeedbackKind, ...] = ("no_room", "occupied", "meetings", "broken", "not_clean", "other")
Stage = Literal["location", "location_text", "kind", "remark"]
STAGES: tuple[Stage, ...] = ("location", "location_text", "kind", "remark")
Status = Literal["ask", "done", "stopped", "gave_up", "leave"]
Notice = Literal["", "not_understood", "trimmed", "sensitive", "elsewhere"]
MAX_REMARK = 500
MAX_LOCATION = 120
MAX_RETRIES = 2
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TAG = re.compile(r"<[^>]{0,400}>")


@dataclass(frozen=True)
class RoomFeedback:
    """One report, as stored: no identity, the day only."""

    location_key: str
    location_label: str
    kind: FeedbackKind
    remark: str | None
    day: date


@dataclass(frozen=True)
class LocationTally:
    """Reports for one location, per kind."""

    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class RoomFeedbackLog(Protocol):
    """Keeps quiet-room reports and counts them per location for moderators."""

    async def record(self, feedback: RoomFeedback) -> None: ...

    async def count_by_location(self) -> dict[str, LocationTally]: ...


@dataclass(frozen=True)
class FeedbackDraft:
    """The form so far (kept in dialog state as plain data)."""

    stage: Stage = "location"
    location_key: str | None = None
    location_label: str | None = None
    kind: FeedbackKind | None = None
    retries: int = 0

    def to_data(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "location_key": self.location_key,
            "location_label": self.location_label,
            "kind": self.kind,
            "retries": self.retries,
        }

    @classmethod
    def from_data(cls, data: object) -> FeedbackDraft:
        if not isinstance(data, dict):
            return cls()
        stage = next((s for s in STAGES if s == data.get("stage")), "location")
        kind = next((k for k in FEEDBACK_KINDS if k == data.get("kind")), None)
        key, label = data.get("location_key"), data.get("location_label")
        retries = data.get("retries")
        draft = cls(stage, kind=kind, retries=retries if isinstance(retries, int) else 0)
        if isinstance(key, str) and isinstance(label, str):
            draft = replace(draft, location_key=key, location_label=label)
        return _next_stage(draft, stage)


@dataclass(frozen=True)
class FeedbackStep:
    """The draft after one answer, what happens next, and anything to tell the person first."""

    draft: FeedbackDraft
    status: Status
    notice: Notice = ""
    remark: str | None = None


def _next_stage(draft: FeedbackDraft, preferred: Stage = "location") -> FeedbackDraft:
    if draft.location_key is None:
        stage: Stage = "location_text" if preferred == "location_text" else "location"
    elif draft.kind is None:
        stage = "kind"
    else:
        stage = "remark"
    return replace(draft, stage=stage)


def clean(text: str, limit: int) -> tuple[str, bool]:
    """Masked; tags, control characters and runs of spaces removed; cut at `limit`; and whether it was cut."""
    text = _SPACE.sub(" ", _CONTROL.sub(" ", _TAG.sub(" ", text))).strip()
    text = mask_personal_data(text)
    return text[:limit].rstrip(), len(text) > limit


def building_location(building: Building) -> tuple[str, str]:
    return f"building:{building.id}", building.name


def location_from_text(text: str, rooms: Sequence[QuietRoom]) -> tuple[str, str] | None:
    """A known building or stadsdeel named in the text, when exactly one is meant."""
    places = read_text(text, rooms).query.places
    named = {
        r.building.id: r.building
        for r in rooms
        if any(p.kind == "building" and p.id == r.building.id for p in places)
    }
    districts = {p.id for p in places if p.kind == "district"}
    if len(named) == 1:
        only = next(iter(named.values()))
        return building_location(only) if districts <= {only.district} else None
    if named or len(districts) != 1:
        return None
    district = districts.pop()
    in_district = {r.building.id: r.building for r in rooms if r.building.district == district}
    if len(in_district) == 1:
        return building_location(next(iter(in_district.values())))
    return f"district:{district}", DISTRICTS[district]


_KIND_PATTERNS = {
    k: re.compile(r"\b(?:" + "|".join(map(re.escape, KIND_WORDS[k])) + ")") for k in FEEDBACK_KINDS
}


def kind_from_text(text: str, concrete_only: bool = False) -> FeedbackKind | None:
    """The one kind of problem the words name (each form starts a word: 'vergader' fits 'vergaderen')."""
    folded = fold(text[:1000])
    found = [k for k, pattern in _KIND_PATTERNS.items() if pattern.search(folded)]
    if concrete_only:
        found = [k for k in found if k != "other"]
    return found[0] if len(found) == 1 else None


def prefill(text: str, value: object, rooms: Sequence[QuietRoom]) -> FeedbackDraft:
    """Start the form with what the first message or button already said."""
    draft = FeedbackDraft()
    if isinstance(value, dict):
        draft = _from_value(draft, value, rooms) or draft
    elif text:
        location = location_from_text(text, rooms)
        if location is not None:
            draft = replace(draft, location_key=location[0], location_label=location[1])
        draft = replace(draft, kind=kind_from_text(text, concrete_only=True))
    return _next_stage(draft)


def _from_value(
    draft: FeedbackDraft, value: dict[str, Any], rooms: Sequence[QuietRoom]
) -> FeedbackDraft | None:
    """Apply a button's data; None when it carries nothing this form knows."""
    changed = draft
    location = value.get("location")
    buildings = {f"building:{r.building.id}": r.building for r in rooms}
    if isinstance(location, str) and location in buildings:
        changed = replace(changed, location_key=location, location_label=buildings[location].name)
    elif location == "other":
        changed = replace(changed, stage="location_text", location_key=None, location_label=None)
    if value.get("kind") in FEEDBACK_KINDS:
        changed = replace(changed, kind=value["kind"])
    return None if changed == draft else changed


def advance(
    draft: FeedbackDraft,
    text: str,
    value: object,
    rooms: Sequence[QuietRoom],
    elsewhere: bool = False,
    sensitive: bool = False,
) -> FeedbackStep:
    """One answer to the form. `elsewhere`: the matcher is sure the text is about another subject
    (the form is left; at the last question it is kept without that text, which is then answered);
    `sensitive`: the text may be a personal disclosure (then it is never kept)."""
    text = text.strip() if isinstance(text, str) else ""
    command = fold(text[:40]).strip(" .!?")
    nav = value.get("nav") if isinstance(value, dict) else None
    if command in STOP_WORDS or nav == "stop":
        return FeedbackStep(draft, "stopped")
    if command in BACK_WORDS or nav == "back":
        return FeedbackStep(_back(draft), "ask")
    if draft.stage == "remark":
        return _remark(draft, text, value, elsewhere, sensitive)
    if isinstance(value, dict):
        changed = _from_value(draft, value, rooms)
        if changed is not None:
            return FeedbackStep(_next_stage(changed, changed.stage), "ask")
        return _retry(draft)
    if draft.stage in ("location", "location_text"):
        return _location(draft, text, rooms, elsewhere)
    kind = kind_from_text(text)
    if kind is not None:
        return FeedbackStep(_next_stage(replace(draft, kind=kind, retries=0)), "ask")
    return FeedbackStep(draft, "leave") if elsewhere else _retry(draft)


def _location(draft: FeedbackDraft, text: str, rooms: Sequence[QuietRoom], elsewhere: bool) -> FeedbackStep:
    known = location_from_text(text, rooms)
    if known is None and elsewhere:
        return FeedbackStep(draft, "leave")
    if known is None:
        label, _ = clean(text, MAX_LOCATION)
        if not any(c.isalpha() for c in label.replace("[nummer]", "")):
            return _retry(draft)
        known = f"other:{fold(label)}"[:160], label
    return FeedbackStep(
        _next_stage(replace(draft, location_key=known[0], location_label=known[1], retries=0)), "ask"
    )


def _remark(draft: FeedbackDraft, text: str, value: object, elsewhere: bool, sensitive: bool) -> FeedbackStep:
    """The last answer completes the form; a personal or off-subject text is not kept as the remark."""
    if isinstance(value, dict) and value.get("skip") is True:
        return FeedbackStep(draft, "done")
    if not text:
        return _retry(draft)
    if sensitive:
        return FeedbackStep(draft, "done", "sensitive")
    if elsewhere:
        return FeedbackStep(draft, "done", "elsewhere")
    remark, trimmed = clean(text, MAX_REMARK)
    return FeedbackStep(draft, "done", "trimmed" if trimmed else "", remark or None)


def _retry(draft: FeedbackDraft) -> FeedbackStep:
    if draft.retries >= MAX_RETRIES:
        return FeedbackStep(draft, "gave_up")
    return FeedbackStep(replace(draft, retries=draft.retries + 1), "ask", "not_understood")


def _back(draft: FeedbackDraft) -> FeedbackDraft:
    if draft.stage == "remark":
        return replace(draft, stage="kind", kind=None, retries=0)
    if draft.stage == "kind" or draft.stage == "location_text":
        return replace(draft, stage="location", location_key=None, location_label=None, kind=None, retries=0)
    return replace(draft, retries=0)


def finish(step: FeedbackStep, day: date) -> RoomFeedback:
    """The record to keep for a completed form."""
    draft = step.draft
    if (
        step.status != "done"
        or draft.location_key is None
        or draft.location_label is None
        or draft.kind is None
    ):
        raise ValueError("the form is not complete")
    return RoomFeedback(draft.location_key, draft.location_label, draft.kind, step.remark, day)
