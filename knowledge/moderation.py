"""The Bureau's moderation: statuses, rejection with a reason, merging near-duplicates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from rapidfuzz import fuzz

from knowledge.normalize import fold
from knowledge.questions import REASON_MAX_CHARS, Question, QuestionRepository, QuestionStatus, clean_text

# token_set_ratio above this: worth showing a moderator as a possible duplicate.
DUPLICATE_THRESHOLD: Final = 85.0
_OPEN: Final[frozenset[QuestionStatus]] = frozenset({"new", "approved"})

ModerationProblem = Literal[
    "not_found",
    "reason_needed",
    "reason_too_long",
    "not_approved",
    "use_merge",
    "merge_into_itself",
    "merge_target_closed",
]


@dataclass(frozen=True)
class DuplicatePair:
    """Two open questions to the same addressee in the same session that read almost alike."""

    first: str
    second: str
    score: float


def near_duplicates(
    questions: Sequence[Question], threshold: float = DUPLICATE_THRESHOLD
) -> list[DuplicatePair]:
    """Pairs a moderator may want to merge, most alike first; nothing is merged automatically."""
    open_ones = [q for q in questions if q.status in _OPEN]
    folded = {q.id: fold(q.text) for q in open_ones}
    pairs = []
    for i, first in enumerate(open_ones):
        for second in open_ones[i + 1 :]:
            if (first.session_id, first.addressee) != (second.session_id, second.addressee):
                continue
            score = fuzz.token_set_ratio(folded[first.id], folded[second.id])
            if score >= threshold:
                pairs.append(DuplicatePair(first.id, second.id, round(score, 1)))
    return sorted(pairs, key=lambda p: (-p.score, p.first, p.second))


def merge_root(question_id: str, by_id: dict[str, Question]) -> str:
    """The question a merged one finally counts towards (chains are followed, loops stopped)."""
    seen = {question_id}
    current = by_id.get(question_id)
    while (
        current is not None
        and current.status == "merged"
        and current.merged_into
        and current.merged_into not in seen
    ):
        seen.add(current.merged_into)
        current = by_id.get(current.merged_into)
    return current.id if current is not None else question_id


def asked_by(questions: Iterable[Question]) -> dict[str, int]:
    """Per question not merged away: how many colleagues asked it (itself plus those merged into it)."""
    by_id = {q.id: q for q in questions}
    counts = {q.id: 1 for q in by_id.values() if q.status != "merged"}
    for question in by_id.values():
        if question.status == "merged":
            root = merge_root(question.id, by_id)
            if root in counts:
                counts[root] += 1
    return counts


async def set_status(
    repository: QuestionRepository, question_id: str, status: QuestionStatus, reason: str | None = None
) -> ModerationProblem | None:
    """Approve, reject (a reason is required), mark answered or reopen one question."""
    question = await repository.get(question_id)
    if question is None:
        return "not_found"
    if status == "merged":
        return "use_merge"
    reason = clean_text(reason) or None
    if status == "rejected" and not reason:
        return "reason_needed"
    if reason is not None and len(reason) > REASON_MAX_CHARS:
        return "reason_too_long"
    if status == "answered" and question.status not in ("approved", "answered"):
        return "not_approved"
    await repository.set_status(question_id, status, reason if status == "rejected" else None)
    return None


async def merge_questions(
    repository: QuestionRepository, question_ids: Sequence[str], into: str
) -> ModerationProblem | None:
    """Merge near-duplicates into one question; the originals are kept for moderators."""
    target = await repository.get(into)
    if target is None:
        return "not_found"
    if target.status == "merged" and target.merged_into:
        into = merge_root(into, {q.id: q for q in await repository.list(target.session_id)})
        target = await repository.get(into)
    if target is None or target.status == "rejected":
        return "merge_target_closed"
    if into in question_ids:
        return "merge_into_itself"
    for question_id in question_ids:
        if await repository.get(question_id) is None:
            return "not_found"
    await repository.merge(question_ids, into)
    return None
