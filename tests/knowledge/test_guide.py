"""The route guide's decisions, pure: where answers lead, what a reply means, what every leaf recommends."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.guide import (
    ACTION_ANSWER,
    ACTION_BACK,
    ACTION_START,
    ACTION_STOP,
    Ask,
    Outcome,
    all_asks,
    all_walks,
    load_guide,
    walk,
)
from knowledge.replies import command, reply, understand
from knowledge.routes import load_routes

CONTENT = Path(__file__).resolve().parents[2] / "knowledge" / "content"
GUIDE = load_guide(CONTENT / "guide.yaml", load_routes(CONTENT / "routes.yaml"))
WALKS = list(all_walks(GUIDE))
TO_ISSUE = ("safe-now", "happened-to-me", "not-reported-yet")


def test_every_result_is_reached_by_some_walk() -> None:
    reached = {walk(GUIDE, w).result_id for w in WALKS}
    assert reached == set(GUIDE.results)


@pytest.mark.parametrize("answers", WALKS, ids=lambda w: "/".join(w) or "start")
def test_every_leaf_recommends_one_to_three_routes_with_an_external_one_and_lists_the_rest(answers) -> None:
    outcome = walk(GUIDE, answers)
    assert isinstance(outcome, Outcome)
    assert 1 <= len(outcome.recommended) <= 3
    assert len({r.id for r in outcome.recommended}) == len(outcome.recommended)
    if outcome.result.emergency:
        assert [r.id for r in outcome.recommended] == ["emergency-112"]
        assert outcome.others == ()
        return
    assert any(r.kind == "external" for r in outcome.recommended), (
        "external options always stand next to internal ones"
    )
    shown = {r.id for r in (*outcome.recommended, *outcome.others)}
    assert shown == {r.id for r in GUIDE.routes.all() if r.kind != "emergency"}


def test_danger_ends_the_guide_at_the_first_answer() -> None:
    outcome = walk(GUIDE, ("in-danger-now", "happened-to-me"))
    assert isinstance(outcome, Outcome)
    assert outcome.result_id == "emergency"
    assert outcome.answers == ("in-danger-now",)  # nothing after it is even looked at


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ((), "safety"),  # the first question is always safety
        (("safe-now",), "role"),
        (("safe-now", "nonsense"), "role"),  # an answer that does not fit stops the replay there
        (("safe-now", "saw-it-happen", "not-reported-yet", "issue-discrimination"), "discrimination-goal"),
        ((*TO_ISSUE, "issue-not-sure"), "anonymity"),  # modifiers come just before the result
        ((*TO_ISSUE, "issue-not-sure", "wants-anonymity"), "trust"),
        (
            (*TO_ISSUE, "issue-not-sure", "safe-now"),
            "anonymity",
        ),  # an option of another question does not fit
        (("safe-now", 7, {"x": 1}), "role"),  # values of other types are no answers
    ],
)
def test_walk_finds_the_question_the_answers_lead_to(answers, expected: str) -> None:
    position = walk(GUIDE, answers)
    assert isinstance(position, Ask)
    assert position.question_id == expected


@pytest.mark.parametrize(
    ("prefers", "first"),
    [
        (("name-may-be-known", "trust-not-sure"), "confidential-advisor"),  # no preference: the tree's order
        (("wants-anonymity", "trust-not-sure"), "integrity-bureau"),  # anonymous routes first
        (
            ("name-may-be-known", "doubts-internal-routes"),
            "external-meldpunt",
        ),  # outside the municipality first
    ],
)
def test_modifiers_reorder_the_routes(prefers, first: str) -> None:
    outcome = walk(GUIDE, (*TO_ISSUE, "issue-not-sure", *prefers))
    assert isinstance(outcome, Outcome)
    assert outcome.recommended[0].id == first


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("safety", "nee", "safe-now"),  # the plain word
        ("safety", "Nee, ik ben niet in gevaar", "safe-now"),  # 'gevaar' after 'niet' does not count
        ("safety", "no, I'm safe", "safe-now"),  # English
        ("safety", "ja", "in-danger-now"),
        ("safety", "2", "safe-now"),  # the number of the button
        ("safety", "9", None),  # no such button
        ("safety", "misschien", None),  # fits nothing: ask again
        ("role", "ik zag het bij een collega", "saw-it-happen"),
        ("role", "Ik ben leidinggevende en kreeg een melding", "i-am-a-manager"),  # the label itself
        ("role", "mijn leidinggevende doet het", None),  # 'leidinggevende' alone is not the manager option
        ("reported", "ja, maar er is niks mee gedaan", "reported-not-heard"),
        ("reported", "nog niet", "not-reported-yet"),
        ("issue", "mijn manager discrimineert me", "issue-discrimination"),
        ("issue", "I'm being bullied", "issue-behaviour"),
        ("issue", "discriminatie en pesten", None),  # two options at once: ask again
        ("issue", "weet ik niet", "issue-not-sure"),
        ("crime-goal", "ik wil aangifte doen", "crime-file-report"),
        ("discrimination-goal", "een oordeel van het college", "discrimination-ruling"),
        ("trust", "nee, liever extern", "doubts-internal-routes"),
        ("anonymity", "ja anoniem graag", "wants-anonymity"),
        ("anonymity", "x " * 200, None),  # a long text is no button answer
        ("anonymity", "", None),
    ],
)
def test_a_typed_answer_counts_only_when_it_clearly_fits_one_option(
    question: str, text: str, expected
) -> None:
    assert understand(GUIDE.question(question), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stop", "stop"),
        ("Stoppen!", "stop"),
        ("ik wil stoppen", "stop"),
        ("terug", "back"),
        ("ga terug", "back"),
        ("back", "back"),
        ("opnieuw", "restart"),
        ("ik wil dat het pesten stopt en terug naar normaal", None),  # a sentence, not a command
        ("stop terug", None),  # two commands at once
        ("", None),
    ],
)
def test_commands(text: str, expected) -> None:
    assert command(text) == expected


AT_ROLE = ("safe-now",)


@pytest.mark.parametrize(
    ("value", "text", "stop", "answers", "notice"),
    [
        # a button for the current question
        (
            {"action": ACTION_ANSWER, "question": "role", "option": "saw-it-happen"},
            None,
            False,
            ("safe-now", "saw-it-happen"),
            None,
        ),
        # a button of an earlier question: that answer changes, later ones go
        (
            {"action": ACTION_ANSWER, "question": "safety", "option": "in-danger-now"},
            None,
            False,
            ("in-danger-now",),
            None,
        ),
        # an option that belongs to another question
        (
            {"action": ACTION_ANSWER, "question": "role", "option": "safe-now"},
            None,
            False,
            AT_ROLE,
            "unclear",
        ),
        # a question not on this path
        (
            {"action": ACTION_ANSWER, "question": "trust", "option": "trusts-internal-routes"},
            None,
            False,
            AT_ROLE,
            "unclear",
        ),
        # hostile card values
        (
            {"action": ACTION_ANSWER, "question": ["role"], "option": {"$ne": 1}},
            None,
            False,
            AT_ROLE,
            "unclear",
        ),
        (
            {"action": ACTION_ANSWER, "question": "role" * 10_000, "option": "x" * 10_000},
            None,
            False,
            AT_ROLE,
            "unclear",
        ),
        ({"action": ACTION_ANSWER}, None, False, AT_ROLE, "unclear"),
        ([1, 2, 3], None, False, AT_ROLE, "unclear"),
        ("guide.stop", None, False, AT_ROLE, "unclear"),  # a string value, not a card's data
        ({"action": "menu", "area": "report"}, None, False, AT_ROLE, "unclear"),  # another card's button
        ({"action": ACTION_BACK}, None, False, (), None),
        ({"action": ACTION_STOP}, None, True, (), None),
        ({"action": ACTION_START}, None, False, (), None),
        # typed replies
        (None, "stop", True, (), None),
        (None, "terug", False, (), None),
        (None, "ik zag het", False, ("safe-now", "saw-it-happen"), None),
        (None, "hmm", False, AT_ROLE, "unclear"),
        (
            None,
            "mijn manager intimideert me al maanden",
            False,
            AT_ROLE,
            "no_story_needed",
        ),  # care, no questions
        (None, None, False, AT_ROLE, "unclear"),
        (None, "   ", False, AT_ROLE, "unclear"),
    ],
)
def test_what_a_reply_does(value, text, stop: bool, answers, notice) -> None:
    move = reply(GUIDE, AT_ROLE, value, text)
    assert (move.stop, move.answers, move.notice) == (stop, answers, notice)


def test_back_at_the_first_question_says_so() -> None:
    move = reply(GUIDE, (), {"action": ACTION_BACK}, None)
    assert (move.answers, move.notice) == ((), "first_question")


def test_every_question_on_every_path_is_listed_for_stop_and_back() -> None:
    asks = list(all_asks(GUIDE))
    assert {a.question_id for a in asks} == set(GUIDE.questions) | set(GUIDE.modifiers)
    assert all(isinstance(walk(GUIDE, a.answers), Ask) for a in asks)
