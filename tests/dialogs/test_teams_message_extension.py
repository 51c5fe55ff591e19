"""The compose-box check 'Controleer op inclusieve taal': composeExtension/fetchTask and submitAction."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from knowledge.checker import MAX_CHARS
from tests.dialogs.teams_support import Teams, actions, card_text, checker, inputs, window

COMMAND = "checkInclusiveLanguage"
DRAFT = "Beste collega's, volgende week praten we over de positie van allochtonen op de arbeidsmarkt."


def submit(text: Any = DRAFT, action: str = "compose.check", command: Any = COMMAND) -> dict[str, Any]:
    """What Teams sends when the window's Check button is pressed: the inputs merged into the data."""
    return {
        "commandId": command,
        "commandContext": "compose",
        "data": {"action": action, "text": text},
        "context": {"theme": "default"},
    }


async def check(teams: Teams, value: Any) -> tuple[str, dict[str, Any]]:
    response, chat = await teams.invoke("composeExtension/submitAction", value)
    assert chat == [], "the check answers in the window only: nothing is posted"
    return window(response)


async def test_fetch_task_opens_the_form() -> None:
    response, chat = await Teams().invoke(
        "composeExtension/fetchTask", {"commandId": COMMAND, "commandContext": "compose"}
    )
    title, card = window(response)
    assert title == "Controleer op inclusieve taal"
    assert inputs(card)["text"]["maxLength"] == MAX_CHARS
    assert "Ik bewaar je tekst niet" in card_text(card)
    assert [a["data"] for a in actions(card)] == [{"action": "compose.check"}]
    assert chat == []


async def test_the_findings_are_offered_with_the_text_to_edit_and_check_again() -> None:
    _, card = await check(Teams(), submit())
    shown = card_text(card)
    assert "Ik vond 1 plek" in shown
    assert "allochtonen" in shown
    assert "geen oordeel" in shown  # a word check, never a verdict on the writer
    assert "Je bericht in Teams verandert hierdoor niet" in shown
    assert inputs(card)["text"]["value"] == DRAFT
    assert [a["data"]["action"] for a in actions(card)] == ["compose.check", "compose.done"]


async def test_a_clean_text_is_said_to_be_clean() -> None:
    _, card = await check(Teams(), submit("Beste collega's, volgende week is de teamdag in het stadhuis."))
    assert "ik vond geen woorden om op te letten" in card_text(card)


async def test_the_same_checker_as_the_chat_and_the_api() -> None:
    """The window's findings are exactly what the checker finds (and what POST /api/language/check says)."""
    teams = Teams()
    text = "De voorzitter sprak met de gehandicapten en de allochtonen over de blacklist."
    _, card = await check(teams, submit(text))
    found = checker().check(text)
    assert [f.match for f in found] == ["gehandicapten", "allochtonen", "blacklist"]
    assert "Ik vond 3 plekken" in card_text(card)
    for finding in found:
        assert finding.match in card_text(card)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Ik zie nog geen tekst"),  # empty
        ("   \n ", "Ik zie nog geen tekst"),  # only blanks
        (None, "Ik zie nog geen tekst"),  # no text field at all
        ({"a": 1}, "Ik zie nog geen tekst"),  # not a string
        ("x" * (MAX_CHARS + 1), "meer dan 20.000 tekens"),  # too long: nothing of it is echoed back
    ],
)
async def test_empty_odd_or_overlong_texts_get_the_form_again(text: Any, says: str) -> None:
    _, card = await check(Teams(), submit(text))
    assert says in card_text(card)
    assert inputs(card)["text"]["value"] == ""


async def test_done_closes_the_window() -> None:
    response, chat = await Teams().invoke("composeExtension/submitAction", submit(action="compose.done"))
    assert (response.status, response.body, chat) == (200, {}, [])


@pytest.mark.parametrize(
    "value",
    [
        None,
        "x",
        [1],
        {"commandId": "somethingElse", "data": {"text": DRAFT}},  # a command this bot does not have
        {"commandId": COMMAND, "data": "x"},
        {"commandId": COMMAND, "data": {"action": 5, "text": 7}},
        {"commandId": [COMMAND]},
    ],
)
@pytest.mark.parametrize("name", ["composeExtension/fetchTask", "composeExtension/submitAction"])
async def test_hostile_values_get_a_kind_window(name: str, value: Any) -> None:
    response, chat = await Teams().invoke(name, value)
    window(response)
    assert chat == []


async def test_replies_follow_the_locale_unless_the_text_is_clearly_in_the_other_language() -> None:
    opened, _ = await Teams(locale="en-US").invoke("composeExtension/fetchTask", {"commandId": COMMAND})
    title, form = window(opened)
    assert title == "Check for inclusive language"
    assert "I don't keep your text" in card_text(form)
    english = "Dear team, the chairman wants to discuss the blacklist with you and the other people."
    _, card = await check(Teams(locale="nl-NL"), submit(english))
    assert "I found" in card_text(card) and "not a judgement" in card_text(card)
    _, card = await check(Teams(locale="en-US"), submit(DRAFT))
    assert "Ik vond 1 plek" in card_text(card)


async def test_nothing_of_the_text_is_kept_or_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    teams = Teams()
    await check(teams, submit())
    assert "allochtonen" not in caplog.text
    assert teams.services.gaps.gaps == []
    assert "allochtonen" not in str(teams.chat.storage.memory)


async def test_without_a_checker_the_extension_is_not_ours() -> None:
    response, _ = await Teams(with_checker=False).invoke("composeExtension/fetchTask", {"commandId": COMMAND})
    assert response.status == 501


async def test_an_unknown_invoke_is_not_implemented() -> None:
    response, _ = await Teams().invoke("composeExtension/query", {"commandId": COMMAND})
    assert response.status == 501
