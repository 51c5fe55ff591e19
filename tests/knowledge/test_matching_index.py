"""The matcher's inverted index ranks exactly as scoring every example would (same scores, same order)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bot.app import build_brain
from knowledge.matching import BETA, MISSING_CONTEXT, Matcher

CONTENT = Path(__file__).resolve().parents[2] / "knowledge" / "content"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return build_brain(CONTENT).answerer.matcher


def brute_force(matcher: Matcher, features: list[str]) -> list[tuple[str, float]]:
    """The definition: the best weighted F-measure over each entry's examples, context factor applied.

    Sums are exact (math.fsum), so they do not depend on the order a set is walked in.
    """
    query = set(features)
    scored = []
    for eid, examples in matcher._examples.items():
        best = 0.0
        for example in examples:
            if not query or not example:
                continue
            wq = math.fsum(matcher.weight(f) for f in query)
            we = math.fsum(matcher.weight(f) for f in example)
            m = math.fsum(matcher.weight(f) for f in query & example)
            if m:
                p, r = m / wq, m / we
                best = max(best, 100.0 * (1 + BETA * BETA) * p * r / (BETA * BETA * p + r))
        entry = matcher.kb.entries[eid]
        needed = matcher.analyzer.lexicon.required(entry.topic)
        if needed and not needed & query:
            best *= MISSING_CONTEXT
        if best > 0:
            scored.append((eid, best))
    return sorted(scored, key=lambda pair: -pair[1])


def test_every_example_question_ranks_as_the_definition_says(matcher: Matcher) -> None:
    texts = [q for e in matcher.kb.entries.values() for _, q in e.questions.all()]
    texts += ["", "hoi", "stilteruimte melden wethouder vertrouwenspersoon", "asdf qwerty"]
    for text in texts:
        features = matcher.analyzer.features(text)
        ranked = [(c.entry.id, c.score) for c in matcher.rank(features)]
        assert ranked == brute_force(matcher, features), text
