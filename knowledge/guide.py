"""The route guide: walk the decision tree of guide.yaml from the answers given so far.

Everything here is pure: the dialog keeps only the list of option ids chosen, and asks
`walk()` where that leaves the person: at a question, or at an outcome.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from knowledge.loader import ContentError
from knowledge.models import Bilingual
from knowledge.routes import Route, Routes

Prefer = Literal["anonymous", "internal", "external"]
# The card actions of the guide (Action.Submit data); never rely on button text.
ACTION_START = "guide.start"
ACTION_ANSWER = "guide.answer"
ACTION_BACK = "guide.back"
ACTION_STOP = "guide.stop"
GUIDE_ACTIONS = frozenset({ACTION_START, ACTION_ANSWER, ACTION_BACK, ACTION_STOP})
MAX_RECOMMENDED = 3
MAX_LABEL_CHARS = 50
_ANONYMITY_RANK = {
    "anonymous": 0,
    "nameless": 0,
    "confidential": 1,
    "unknown": 2,
    "not-applicable": 2,
    "named": 3,
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Option(_Strict):
    """One button: where it leads (a question or a result), or what it prefers (modifiers)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: Bilingual
    words: list[str] = Field(default_factory=list)
    next: str | None = None
    result: str | None = None
    prefer: Prefer | None = None

    @model_validator(mode="after")
    def _short_label(self) -> Option:
        for text in (self.label.nl, self.label.en):
            if len(text) > MAX_LABEL_CHARS:
                raise ValueError(f"label {text!r} is longer than {MAX_LABEL_CHARS} characters (a button)")
        return self


class Question(_Strict):
    text: Bilingual
    options: list[Option] = Field(min_length=2, max_length=7)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class Result(_Strict):
    routes: list[str] = Field(min_length=1, max_length=6)
    ask: list[str] = Field(default_factory=list)
    note: Bilingual | None = None
    emergency: bool = False


class GuideFile(_Strict):
    start: str
    questions: dict[str, Question]
    modifiers: dict[str, Question] = Field(default_factory=dict)
    results: dict[str, Result]


@dataclass(frozen=True)
class Ask:
    """The guide waits for an answer to `question`; `answers` is the valid part of what was given."""

    question_id: str
    question: Question
    answers: tuple[str, ...]

    @property
    def number(self) -> int:
        return len(self.answers) + 1


@dataclass(frozen=True)
class Outcome:
    """Where the answers lead: 1–3 recommended routes and every other route."""

    result_id: str
    result: Result
    recommended: tuple[Route, ...]
    others: tuple[Route, ...]
    prefers: frozenset[str]
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    """The validated tree plus the routes its results point to."""

    start: str
    questions: dict[str, Question]
    modifiers: dict[str, Question]
    results: dict[str, Result]
    routes: Routes

    def question(self, question_id: str) -> Question:
        return self.questions.get(question_id) or self.modifiers[question_id]


def walk(guide: Guide, answers: Sequence[str]) -> Ask | Outcome:
    """Replay the answers from the first question; an answer that does not fit ends the replay there."""
    question_id = guide.start
    pending: str | None = None
    asks: list[str] = []
    prefers: set[str] = set()
    for index, answer in enumerate(answers):
        option = guide.question(question_id).option(answer) if isinstance(answer, str) else None
        if option is None:
            return Ask(question_id, guide.question(question_id), tuple(answers[:index]))
        if pending is None and option.next is not None:
            question_id = option.next
            continue
        if pending is None:
            pending = option.result or ""
            asks = list(guide.results[pending].ask)
        elif option.prefer is not None:
            prefers.add(option.prefer)
        if asks:
            question_id = asks.pop(0)
            continue
        return _outcome(guide, pending, frozenset(prefers), tuple(answers[: index + 1]))
    return Ask(question_id, guide.question(question_id), tuple(answers))


def choose(guide: Guide, answers: Sequence[str], question_id: str, option_id: str) -> tuple[str, ...] | None:
    """The answers after a button press: for the current question or an earlier one (whose answer changes)."""
    current = walk(guide, answers)
    for cut in range(len(current.answers), -1, -1):
        position = walk(guide, current.answers[:cut])
        if isinstance(position, Ask) and position.question_id == question_id:
            if position.question.option(option_id) is None:
                return None
            return (*position.answers, option_id)
    return None


def _outcome(guide: Guide, result_id: str, prefers: frozenset[str], answers: tuple[str, ...]) -> Outcome:
    result = guide.results[result_id]
    candidates = [r for r in (guide.routes.get(i) for i in result.routes) if r is not None]
    ranked = sorted(enumerate(candidates), key=lambda pair: (*_preference(pair[1], prefers), pair[0]))
    ordered = [route for _, route in ranked]
    chosen = ordered[:MAX_RECOMMENDED]
    if not result.emergency and not any(r.kind == "external" for r in chosen):
        external = next((r for r in ordered if r.kind == "external"), None)
        if external is not None:
            chosen[-1] = external
    others = (
        ()
        if result.emergency
        else tuple(r for r in guide.routes.all() if r not in chosen and r.kind != "emergency")
    )
    return Outcome(result_id, result, tuple(chosen), others, prefers, answers)


def _preference(route: Route, prefers: frozenset[str]) -> tuple[int, int]:
    anonymity = _ANONYMITY_RANK[route.anonymity] if "anonymous" in prefers else 0
    if "external" in prefers:
        return anonymity, 0 if route.kind == "external" else 1
    if "internal" in prefers:
        return anonymity, 0 if route.kind == "internal" else 1
    return anonymity, 0


# ----------------------------------------------------------------------------- every path (tests, reviews)


def all_walks(guide: Guide) -> Iterator[tuple[str, ...]]:
    """Every sequence of answers that reaches an outcome (each leaf, with each modifier answer)."""
    stack: list[tuple[str, ...]] = [()]
    while stack:
        answers = stack.pop()
        position = walk(guide, answers)
        if isinstance(position, Outcome):
            yield answers
            continue
        stack.extend((*answers, o.id) for o in reversed(position.question.options))


def all_asks(guide: Guide) -> Iterator[Ask]:
    """Every question as reached along every path: where 'stop' and 'terug' must work."""
    stack: list[tuple[str, ...]] = [()]
    while stack:
        position = walk(guide, stack.pop())
        if isinstance(position, Ask):
            yield position
            stack.extend((*position.answers, o.id) for o in reversed(position.question.options))


# ----------------------------------------------------------------------------- loading


def load_guide(path: Path, routes: Routes) -> Guide:
    """Read guide.yaml and check it against the routes; ContentError names the file and the node."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot be read as YAML: {exc}") from exc
    try:
        parsed = GuideFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ContentError(f"{path}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from exc
    guide = Guide(parsed.start, dict(parsed.questions), dict(parsed.modifiers), dict(parsed.results), routes)
    problems = list(_problems(guide))
    if problems:
        raise ContentError(f"{path}: {problems[0]}")
    return guide


def _problems(guide: Guide) -> Iterator[str]:
    if guide.start not in guide.questions:
        yield f"start: unknown question {guide.start!r}"
        return
    seen: set[str] = set()
    for name, question in (*guide.questions.items(), *guide.modifiers.items()):
        modifier = name in guide.modifiers
        for option in question.options:
            where = f"question {name!r}: option {option.id!r}"
            if option.id in seen:
                yield f"{where}: option id already used"
            seen.add(option.id)
            if modifier and (option.next or option.result):
                yield f"{where}: a modifier only prefers, it cannot lead anywhere"
            if not modifier and (option.next is None) == (option.result is None):
                yield f"{where}: give exactly one of next or result"
            if option.next is not None and option.next not in guide.questions:
                yield f"{where}: unknown next question {option.next!r}"
            if option.result is not None and option.result not in guide.results:
                yield f"{where}: unknown result {option.result!r}"
    for name, result in guide.results.items():
        yield from _result_problems(guide, name, result)
    yield from _shape_problems(guide)


def _result_problems(guide: Guide, name: str, result: Result) -> Iterator[str]:
    for route_id in result.routes:
        if guide.routes.get(route_id) is None:
            yield f"result {name!r}: unknown route {route_id!r}"
    for modifier in result.ask:
        if modifier not in guide.modifiers:
            yield f"result {name!r}: unknown modifier {modifier!r}"
    kinds = {r.kind for r in (guide.routes.get(i) for i in result.routes) if r is not None}
    if not result.emergency and "external" not in kinds:
        yield f"result {name!r}: list at least one external route next to the internal ones"


def _shape_problems(guide: Guide) -> Iterator[str]:
    """No loops, and every question and result can be reached."""
    reached: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> Iterator[str]:
        if name in path:
            yield f"question {name!r}: the tree loops back to it"
            return
        reached.add(name)
        for option in guide.questions[name].options:
            if option.result is not None:
                reached.add("result:" + option.result)
            if option.next is not None and option.next in guide.questions:
                yield from visit(option.next, (*path, name))

    yield from visit(guide.start, ())
    for name in guide.questions:
        if name not in reached:
            yield f"question {name!r}: no option leads to it"
    for name in guide.results:
        if "result:" + name not in reached:
            yield f"result {name!r}: no option leads to it"
