"""What a reply means at the current question of the route guide: a button, a typed option, a command."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from knowledge.disclosure import looks_like_disclosure
from knowledge.guide import (
    ACTION_BACK,
    ACTION_START,
    ACTION_STOP,
    GUIDE_ACTIONS,
    Ask,
    Guide,
    Question,
    choose,
    walk,
)
from knowledge.normalize import tokens

Command = Literal["stop", "back", "restart"]
_COMMANDS: dict[Command, frozenset[str]] = {
    "stop": frozenset({"stop", "stoppen", "ophouden", "annuleer", "annuleren", "cancel", "quit", "exit"}),
    "back": frozenset({"terug", "vorige", "back", "previous", "undo"}),
    "restart": frozenset({"opnieuw", "restart", "overnieuw"}),
}
_NEGATIONS = frozenset({"niet", "geen", "not", "no", "never", "nooit", "don", "didn", "isn", "doesn", "wasn"})
MAX_TYPED_TOKENS = 30
MAX_COMMAND_TOKENS = 6


def command(text: str) -> Command | None:
    """'stop', 'terug', 'opnieuw' (and English), typed on their own or in a short sentence."""
    words = tokens(text[:500])
    if not words or len(words) > MAX_COMMAND_TOKENS:
        return None
    found = [name for name, forms in _COMMANDS.items() if forms.intersection(words)]
    return found[0] if len(found) == 1 else None


def understand(question: Question, text: str) -> str | None:
    """The option a typed answer clearly means: its number, its label, or words of exactly one option."""
    words = tokens(text[:2000])
    if not words or len(words) > MAX_TYPED_TOKENS:
        return None
    if len(words) == 1 and words[0].isdigit() and 1 <= int(words[0]) <= len(question.options):
        return question.options[int(words[0]) - 1].id
    for option in question.options:
        if words in (tokens(option.label.nl), tokens(option.label.en)):
            return option.id
    hits = {o.id for o in question.options if any(_says(words, tokens(p)) for p in o.words)}
    return hits.pop() if len(hits) == 1 else None


def _says(words: list[str], phrase: list[str]) -> bool:
    """phrase occurs in words, and not right after a negation ('niet in gevaar' is no 'gevaar')."""
    size = len(phrase)
    for start in range(len(words) - size + 1):
        if words[start : start + size] == phrase and not _NEGATIONS.intersection(
            words[max(0, start - 2) : start]
        ):
            return True
    return False


Notice = Literal["unclear", "first_question", "no_story_needed"]


@dataclass(frozen=True)
class Move:
    """What one reply does: go on from `answers` (with a notice to show), or stop."""

    stop: bool
    answers: tuple[str, ...] = ()
    notice: Notice | None = None


def reply(guide: Guide, answers: Sequence[str], value: object, text: object) -> Move:
    """A button press (any JSON) or a typed message, read at the current question of the guide."""
    current = walk(guide, answers)
    answers = current.answers
    if isinstance(value, dict) and value.get("action") in GUIDE_ACTIONS:
        return _press(guide, answers, value)
    said = command(text) if isinstance(text, str) else None
    if said == "stop":
        return Move(stop=True)
    if said == "back":
        return _back(answers)
    if said == "restart":
        return Move(stop=False)
    if not isinstance(text, str) or not text.strip() or not isinstance(current, Ask):
        return Move(False, answers, "unclear")
    option = understand(current.question, text)
    if option is not None:
        return Move(False, (*answers, option))
    return Move(False, answers, "no_story_needed" if looks_like_disclosure(text) else "unclear")


def _press(guide: Guide, answers: tuple[str, ...], value: dict[object, object]) -> Move:
    action = value.get("action")
    if action == ACTION_STOP:
        return Move(stop=True)
    if action == ACTION_BACK:
        return _back(answers)
    if action == ACTION_START:
        return Move(stop=False)
    question, option = value.get("question"), value.get("option")
    if isinstance(question, str) and isinstance(option, str):
        chosen = choose(guide, answers, question[:100], option[:100])
        if chosen is not None:
            return Move(False, chosen)
    return Move(False, answers, "unclear")


def _back(answers: tuple[str, ...]) -> Move:
    return Move(False, answers[:-1], None if answers else "first_question")
