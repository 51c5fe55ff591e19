"""Shape collected questions like the Bureau's briefing form: per session, per addressee, merged counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from knowledge.identifiability import redact
from knowledge.moderation import asked_by
from knowledge.questions import Question, QuestionStatus
from knowledge.sessions import SHORT_NAMES, Addressee, Session, format_day, format_times

APPROVED_ONLY: Final[frozenset[QuestionStatus]] = frozenset({"approved"})
# --include-new: everything not withdrawn (withdrawn questions are deleted) or rejected.
# Merged questions are not listed on their own; they count towards the one they joined.
NOT_REJECTED: Final[frozenset[QuestionStatus]] = frozenset({"new", "approved", "answered"})
STATUS_LABELS: Final[dict[QuestionStatus, str]] = {
    "new": "nieuw",
    "approved": "goedgekeurd",
    "merged": "samengevoegd",
    "rejected": "afgewezen",
    "answered": "beantwoord",
}


@dataclass(frozen=True)
class ExportItem:
    text: str
    asked_by: int
    status: QuestionStatus

    @property
    def asked_by_label(self) -> str:
        """'gesteld door 3 collega's' when more than one colleague asked it, else ''."""
        return f"gesteld door {self.asked_by} collega's" if self.asked_by > 1 else ""


@dataclass(frozen=True)
class ExportGroup:
    addressee: Addressee
    heading: str
    when: str
    items: tuple[ExportItem, ...]


@dataclass(frozen=True)
class SessionExport:
    session: Session
    title: str
    details: str
    groups: tuple[ExportGroup, ...]


def heading_for(addressee: Addressee) -> str:
    """'Aan de WH', 'Aan de GS', 'Aan de GS + WH', as on the briefing form."""
    return f"Aan de {SHORT_NAMES[addressee]}"


def describe(session: Session) -> tuple[str, str]:
    """Title and one line of details (day, times, place, deadline) in Dutch."""
    if session.is_standing:
        return "Vaste verzameling", "Vragen die binnenkwamen toen er geen kennissessie open stond."
    parts = [format_day(session.day, "nl")] if session.day else []
    parts += [p for p in (format_times(session.start, session.end), session.place) if p]
    if session.deadline:
        parts.append(f"vragen tot en met {format_day(session.deadline, 'nl')}")
    return session.title, ", ".join(parts)


def shape_export(
    questions: Sequence[Question],
    sessions: Sequence[Session],
    include_new: bool = False,
    redact_personal_data: bool = False,
    keep_empty: bool = False,
) -> list[SessionExport]:
    """Sessions by date (standing collection last), addressees in slot order, questions by random key.

    Sessions without questions to list are left out unless keep_empty (an export of one session).
    """
    statuses = NOT_REJECTED if include_new else APPROVED_ONLY
    counts = asked_by(questions)
    known = {s.id: s for s in sessions}
    ordered = sorted(known.values(), key=lambda s: (s.is_standing, s.day or date.min, s.id))
    exports = []
    for session in ordered:
        picked = sorted(
            (q for q in questions if q.session_id == session.id and q.status in statuses and q.id in counts),
            key=lambda q: (q.sort_key, q.id),
        )
        if not picked and not keep_empty:
            continue
        groups = []
        for slot in session.slots:
            items = tuple(
                ExportItem(redact(q.text) if redact_personal_data else q.text, counts[q.id], q.status)
                for q in picked
                if q.addressee == slot.addressee
            )
            if items:
                groups.append(
                    ExportGroup(
                        slot.addressee, heading_for(slot.addressee), format_times(slot.start, slot.end), items
                    )
                )
        title, details = describe(session)
        exports.append(SessionExport(session, title, details, tuple(groups)))
    return exports
