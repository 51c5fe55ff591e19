"""Before publishing: which questions would the bot answer differently, and may it be published at all?"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from knowledge.answering import EMERGENCY_TOPIC, Answerer, Decision
from knowledge.loader import KnowledgeBase
from knowledge.models import Lang


@dataclass(frozen=True)
class Probe:
    """One question of the regression set, and the topic it must reach when a person said so."""

    text: str
    lang: Lang
    source: str
    expected_topic: str | None = None


@dataclass(frozen=True)
class Change:
    """A probe whose topic (or way of answering) differs between the live and the new content."""

    probe: Probe
    before: str
    after: str
    before_kind: str
    after_kind: str

    @property
    def lost_emergency(self) -> bool:
        """An immediate-danger question that is no longer recognised as one: publishing must stop."""
        return self.before == EMERGENCY_TOPIC and self.after != EMERGENCY_TOPIC


@dataclass(frozen=True)
class RegressionReport:
    probes: int
    changes: tuple[Change, ...]
    failing_tests: tuple[Change, ...]

    @property
    def blocking(self) -> tuple[Change, ...]:
        lost = [c for c in self.changes if c.lost_emergency]
        danger_tests = [
            c for c in self.failing_tests if c.probe.expected_topic == EMERGENCY_TOPIC and c not in lost
        ]
        return (*lost, *danger_tests)

    @property
    def may_publish(self) -> bool:
        return not self.blocking


def regression_set(knowledge: Iterable[KnowledgeBase], tests: Iterable[Probe] = ()) -> list[Probe]:
    """Every example question of every entry (old and new content alike), then the stored tests."""
    seen: dict[tuple[str, str], Probe] = {}
    for kb in knowledge:
        for entry in kb.entries.values():
            for lang, text in entry.questions.all():
                seen.setdefault((lang, text), Probe(text, lang, f"voorbeeld van {entry.id}"))
    probes = list(seen.values())
    probes.extend(tests)
    return probes


def _topic(decision: Decision) -> str:
    return decision.topic if decision.kind in ("answer", "emergency") else decision.kind


def run_regression(before: Answerer, after: Answerer, probes: Sequence[Probe]) -> RegressionReport:
    """Ask both answerers every probe; report what moves and which stored tests fail after the change."""
    changes: list[Change] = []
    failing: list[Change] = []
    for probe in probes:
        old = before.decide(probe.text, probe.lang)
        new = after.decide(probe.text, probe.lang)
        change = Change(probe, _topic(old), _topic(new), old.kind, new.kind)
        if change.before != change.after:
            changes.append(change)
        if probe.expected_topic is not None and change.after != probe.expected_topic:
            failing.append(change)
    return RegressionReport(len(probes), tuple(changes), tuple(failing))
