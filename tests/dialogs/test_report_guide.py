"""The route guide as a person meets it: every leaf, every 'stop' and 'terug', odd input, nothing kept.

The walks are generated from knowledge/content/guide.yaml, so a new branch is covered without
touching this file.
"""

from __future__ import annotations

import pytest
from botbuilder.core import MemoryStorage

from knowledge.guide import ACTION_BACK, ACTION_START, ACTION_STOP, Ask, Outcome, all_asks, all_walks, walk
from tests.dialogs.harness import buttons, texts, traces
from tests.dialogs.reporting import answer, guide, reporting_chat, valid_cards

WALKS = list(all_walks(guide()))
ASKS = list(all_asks(guide()))


def _clicks(answers: tuple[str, ...]) -> list[dict[str, str]]:
    """The button data a person presses to give these answers, one question after another."""
    clicks = []
    for index, option in enumerate(answers):
        position = walk(guide(), answers[:index])
        assert isinstance(position, Ask)
        clicks.append(answer(position.question_id, option))
    return clicks


def _question_text(answers: tuple[str, ...], lang: str = "nl") -> str:
    position = walk(guide(), answers)
    assert isinstance(position, Ask)
    return position.question.text.get(lang)


def _ids(answers: tuple[str, ...]) -> str:
    return "/".join(answers) or "first-question"


async def _walk_to(chat, answers: tuple[str, ...]):
    replies = await chat.click({"action": ACTION_START})
    for data in _clicks(answers):
        replies = await chat.click(data)
    return replies


async def test_a_message_about_discrimination_answers_with_care_then_asks_about_safety_first() -> None:
    chat = reporting_chat()
    replies = await chat.say("ik word gediscrimineerd door mijn leidinggevende, wat moet ik doen?")
    assert traces(replies) == [{"topic": "report.start", "score": traces(replies)[0]["score"]}]
    said = texts(replies)
    assert "Wat vervelend dat je dit meemaakt" in said  # the matched answer's care comes first
    assert "Je hoeft niet te vertellen wat er gebeurde" in said
    assert _question_text(()) in said
    assert [b["data"].get("option") for b in buttons(replies)][:2] == ["in-danger-now", "safe-now"]
    assert {b["data"]["action"] for b in buttons(replies)} >= {ACTION_BACK, ACTION_STOP}
    valid_cards(replies)


@pytest.mark.parametrize("answers", WALKS, ids=_ids)
async def test_every_leaf_ends_with_route_cards_and_the_other_routes_and_keeps_nothing(answers) -> None:
    storage = MemoryStorage()
    chat = reporting_chat(storage)
    replies = await chat.click({"action": ACTION_START})
    for index, data in enumerate(_clicks(answers)):
        assert _question_text(answers[:index]) in texts(replies)
        replies = await chat.click(data)
        assert traces(replies) == [{"topic": "report.start", "score": 100.0}]
    outcome = walk(guide(), answers)
    assert isinstance(outcome, Outcome)
    shown = valid_cards(replies)
    said = texts(replies)
    for route in outcome.recommended:
        assert route.name.nl in said
    if outcome.result.emergency:
        assert "Bel nu 112" in said
        assert any(b.get("url") == "tel:112" for b in buttons(replies))
    else:
        assert len(shown) == 1 + len(outcome.recommended) + 1  # why, a card per route, the others
        picker = next(i for i in shown[-1]["body"] if i["type"] == "Input.ChoiceSet")
        assert [c["value"] for c in picker["choices"]] == [r.id for r in outcome.others]
    assert storage.memory == {}, "the answers outlived the guide"


@pytest.mark.parametrize("via", ["button", "typed"])
@pytest.mark.parametrize("ask", ASKS, ids=lambda a: _ids(a.answers))
async def test_stop_works_at_every_question(ask: Ask, via: str) -> None:
    storage = MemoryStorage()
    chat = reporting_chat(storage)
    await _walk_to(chat, ask.answers)
    replies = await (chat.click({"action": ACTION_STOP}) if via == "button" else chat.say("stop"))
    assert "we stoppen" in texts(replies)
    assert traces(replies) == [{"topic": "report.start", "score": 100.0}]
    valid_cards(replies)
    assert storage.memory == {}
    after = await chat.say("hoi")  # the guide is gone: the next message is an ordinary one
    assert traces(after)[0]["topic"] == "bot.greeting"


@pytest.mark.parametrize("via", ["button", "typed"])
@pytest.mark.parametrize("ask", ASKS, ids=lambda a: _ids(a.answers))
async def test_terug_works_at_every_question(ask: Ask, via: str) -> None:
    chat = reporting_chat()
    await _walk_to(chat, ask.answers)
    replies = await (chat.click({"action": ACTION_BACK}) if via == "button" else chat.say("terug"))
    previous = ask.answers[:-1]
    assert _question_text(previous) in texts(replies)
    assert f"Vraag {len(previous) + 1}" in texts(replies)
    if not ask.answers:
        assert "eerste vraag" in texts(replies)
    valid_cards(replies)
    if ask.answers:  # the same answer again leads back to where we were
        again = await chat.click(_clicks(ask.answers)[-1])
        assert _question_text(ask.answers) in texts(again)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "hmm"),  # fits no option
        (None, "x" * 5000),  # oversized
        (None, "<script>alert(1)</script>"),  # hostile markup
        ([1, 2], None),  # a card value that is no dict
        ({"action": "guide.answer", "question": {"a": [1]}, "option": None}, None),  # malformed data
        ({"action": "guide.answer", "question": "safety", "option": "🙂" * 10_000}, None),  # oversized data
        ({"action": "menu", "area": "report"}, None),  # another card's button
        (None, ""),  # empty
    ],
)
async def test_odd_input_repeats_the_question_kindly(value, text) -> None:
    chat = reporting_chat()
    await _walk_to(chat, ("safe-now",))
    replies = await chat.say(text, value=value)
    said = texts(replies)
    assert "begreep ik niet" in said
    assert _question_text(("safe-now",)) in said
    assert "script" not in said  # nothing the person sent is echoed
    assert "🙂" not in said
    assert len(traces(replies)) == 1
    valid_cards(replies)


async def test_a_typed_answer_that_fits_an_option_counts() -> None:
    chat = reporting_chat()
    await _walk_to(chat, ("safe-now",))
    replies = await chat.say("ik zag het bij een collega")
    assert _question_text(("safe-now", "saw-it-happen")) in texts(replies)


async def test_telling_what_happened_gets_care_and_no_questions_about_it() -> None:
    chat = reporting_chat()
    await _walk_to(chat, ("safe-now",))
    replies = await chat.say("mijn collega intimideert me al maanden en ik weet het niet meer")
    said = texts(replies)
    assert "Je hoeft mij niet te vertellen wat er gebeurde" in said
    assert _question_text(("safe-now",)) in said


async def test_an_earlier_questions_button_changes_that_answer() -> None:
    chat = reporting_chat()
    await _walk_to(chat, ("safe-now", "happened-to-me", "not-reported-yet"))
    replies = await chat.click(answer("role", "i-am-a-manager"))
    assert "Als leidinggevende heb je zelf de taak" in texts(replies)


async def test_danger_typed_during_the_guide_gives_112_and_ends_it_keeping_nothing() -> None:
    storage = MemoryStorage()
    chat = reporting_chat(storage)
    await _walk_to(chat, ("safe-now", "happened-to-me"))
    replies = await chat.say("help, er staat iemand met een mes voor me")
    assert traces(replies)[0]["topic"] == "report.emergency"
    assert "112" in texts(replies)
    assert storage.memory == {}
    after = await chat.say("hoi")
    assert traces(after)[0]["topic"] == "bot.greeting"


async def test_a_button_of_a_finished_guide_starts_afresh() -> None:
    chat = reporting_chat()
    await _walk_to(chat, ("safe-now",))
    await chat.click({"action": ACTION_STOP})
    replies = await chat.click(answer("role", "happened-to-me"))
    said = texts(replies)
    assert "eerdere ronde" in said
    assert _question_text(()) in said
    assert traces(replies) == [{"topic": "report.start", "score": 100.0}]


async def test_a_stop_button_of_a_finished_guide_just_says_goodbye() -> None:
    storage = MemoryStorage()
    chat = reporting_chat(storage)
    replies = await chat.click({"action": ACTION_STOP})
    assert "we stoppen" in texts(replies)
    assert storage.memory == {}


async def test_english_all_the_way() -> None:
    chat = reporting_chat(locale="en-US")
    replies = await _walk_to(chat, ("safe-now", "happened-to-me", "reported-not-heard"))
    said = texts(replies)
    assert "I'm sorry you don't feel heard" in said
    assert "Second opinion on a Bureau Integriteit case" in said
    assert "not yet been confirmed" in said  # the unverified route says so
    valid_cards(replies)
