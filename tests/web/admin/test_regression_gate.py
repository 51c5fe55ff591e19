"""The regression set before publishing: which questions move, and when publishing must stop."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.app import build_brain
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from knowledge.answering import Answerer
from knowledge.loader import KnowledgeBase
from knowledge.matching import Matcher
from knowledge.models import Examples
from knowledge.regression import Probe, regression_set, run_regression


@pytest.fixture(scope="module")
def live() -> Answerer:
    return build_brain(DEFAULT_KNOWLEDGE_DIR).answerer


def changed(answerer: Answerer, entry_id: str, **fields: object) -> Answerer:
    kb = answerer.matcher.kb
    entries = {**kb.entries, entry_id: kb.entries[entry_id].model_copy(update=fields)}
    new_kb = KnowledgeBase(topics=kb.topics, entries=entries)
    return Answerer(Matcher(new_kb, answerer.matcher.analyzer.__class__(answerer.matcher.analyzer.lexicon)))


def test_unchanged_content_moves_nothing(live: Answerer) -> None:
    probes = regression_set([live.matcher.kb])[:150]
    report = run_regression(live, live, probes)
    assert report.changes == () and report.may_publish


def test_losing_a_danger_example_blocks_publishing(live: Answerer) -> None:
    other = changed(
        live,
        "report.emergency-danger",
        questions=Examples(nl=["iets heel anders", "nog iets anders"], en=["something else"]),
    )
    # A danger sentence the safety rules miss: only the examples recognise it.
    probes = [Probe("iemand wacht me op bij de uitgang, ik voel me onveilig", "nl", "voorbeeld")]
    report = run_regression(live, other, probes)
    assert [c.after for c in report.changes] != ["report.emergency"]
    assert report.blocking and not report.may_publish


@pytest.mark.parametrize(
    ("probe", "blocks"),
    [
        (Probe("iemand bedreigt me nu met geweld", "nl", "test", "report.emergency"), False),  # still caught
        (Probe("waar is een stilteruimte", "nl", "test", "quietroom.find"), False),  # passes
        (
            Probe("waar is een stilteruimte", "nl", "test", "report.emergency"),
            True,
        ),  # a danger test that fails
    ],
)
def test_stored_test_questions_fail_when_they_miss_their_topic(
    live: Answerer, probe: Probe, blocks: bool
) -> None:
    report = run_regression(live, live, [probe])
    assert bool(report.blocking) is blocks


def test_the_set_joins_old_and_new_examples_once(live: Answerer) -> None:
    kb = live.matcher.kb
    probes = regression_set([kb, kb], [Probe("extra", "nl", "testvraag", "fallback")])
    assert len(probes) == len({(p.lang, p.text) for p in probes[:-1]}) + 1
    assert probes[-1].text == "extra"
    assert replace(probes[0], source="x").text == probes[0].text
