"""Matching generalises: hand-written sentences (not the shared dev set) reach the bar."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.dialogs.harness import brain

CASES = yaml.safe_load((Path(__file__).parent / "data" / "topic_cases.yaml").read_text(encoding="utf-8"))
BATCHES = [key for key in CASES if key.endswith("_batch")]  # later hand-written rounds: [text, topic] rows
SECOND = [row for batch in BATCHES for row in CASES.pop(batch)]
ROWS = [(text, topic) for topic, texts in CASES.items() for text in texts] + [
    (t, topic) for t, topic in SECOND
]


def test_topic_accuracy_on_hand_written_sentences() -> None:
    answerer = brain().answerer
    misses = [(text, topic, answerer.decide(text, "nl-NL").topic) for text, topic in ROWS]
    misses = [m for m in misses if m[1] != m[2]]
    accuracy = 100 * (len(ROWS) - len(misses)) / len(ROWS)
    assert accuracy >= 90, "\n".join(f"{t!r}: expected {e}, got {g}" for t, e, g in misses)


@pytest.mark.parametrize(
    "text", CASES["report.emergency"] + [t for t, topic in SECOND if topic == "report.emergency"]
)
def test_every_emergency_is_recognised(text: str) -> None:
    assert brain().answerer.decide(text, "nl-NL").kind == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "is 'zelfmoord plegen' een kwetsende term?",  # a question about a word, not a crisis
        "hoe schrijf ik over suïcide in een nieuwsbrief?",  # writing about the subject
    ],
)
def test_language_questions_about_hard_words_are_not_emergencies(text: str) -> None:
    assert brain().answerer.decide(text, "nl-NL").kind != "emergency"
