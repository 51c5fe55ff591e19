"""The question form in a Teams dialog window: task/fetch and task/submit, as the form contract says."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import pytest

from tests.dialogs.harness import Conversation, buttons, cards, texts
from tests.dialogs.teams_support import Teams, actions, assert_valid, card_text, inputs, window

QUESTION = "Hoe zorgt de gemeente voor genoeg stilteruimtes op alle locaties?"


def data(question: Any = QUESTION, addressee: Any = "wethouder", session: Any = None, **extra: Any) -> dict:
    """What the form's Check button submits: the contract's dict under value.data."""
    fields = {"action": "alderman.submit", "question": question, "addressee": addressee, "session": session}
    return {"data": {**fields, **extra}, "context": {"theme": "default"}}


def button_data(card: dict[str, Any], action: str) -> dict[str, Any]:
    return next(a["data"] for a in actions(card) if a.get("data", {}).get("action") == action)


async def test_task_fetch_opens_the_form_in_a_window_and_nothing_goes_to_the_chat() -> None:
    teams = Teams()
    response, chat = await teams.invoke("task/fetch", {"data": {"action": "alderman.start"}})
    title, card = window(response)
    assert title == "Vraag aan de wethouder of GS"
    assert set(inputs(card)) == {"question", "addressee"}
    assert "Dit venster staat los van de chat" in card_text(card)
    assert button_data(card, "alderman.submit") == {"action": "alderman.submit"}
    assert chat == [], "the window answers; the chat stays empty"


async def test_the_launcher_data_prefills_the_form() -> None:
    teams = Teams()
    launcher = {"action": "alderman.start", "msteams": {"type": "task/fetch"}, "question": QUESTION}
    _, card = window((await teams.invoke("task/fetch", {"data": launcher}))[0])
    assert inputs(card)["question"]["value"] == QUESTION


async def test_submit_checks_and_previews_in_the_window_and_stores_nothing() -> None:
    teams = Teams()
    text = "Waarom zei mijn collega Jan op 12 maart dat team Inkoop geen stilteruimte nodig heeft?"
    response, chat = await teams.invoke("task/submit", data(text))
    _, card = window(response)
    assert "Klopt dit?" in card_text(card)
    assert "Dit kan laten zien wie je bent" in card_text(card)
    assert button_data(card, "alderman.submit") == {**data(text)["data"], "confirmed": True}
    assert chat == []
    assert await teams.desk.questions.list() == []


async def test_confirming_in_the_window_stores_once_and_shows_the_code_only_there(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    teams = Teams()
    response, chat = await teams.invoke("task/submit", data(confirmed=True))
    _, card = window(response)
    stored = await teams.desk.questions.list()
    assert [(q.text, q.addressee, q.session_id) for q in stored] == [(QUESTION, "wethouder", "standing")]
    assert "Verstuurd. Dank je wel!" in card_text(card)
    assert "één keer" in card_text(card)
    # The code is shown in the window only: no chat message, and the receipt trace is the message path's.
    assert chat == []
    assert QUESTION not in caplog.text


async def test_the_same_invoke_delivered_twice_stores_one_question() -> None:
    teams = Teams()
    delivery = uuid.uuid4().hex
    first, _ = await teams.invoke("task/submit", data(confirmed=True), activity_id=delivery)
    again, _ = await teams.invoke("task/submit", data(confirmed=True), activity_id=delivery)
    assert "Verstuurd" in card_text(window(first)[1])
    assert "al ontvangen" in card_text(window(again)[1])
    assert len(await teams.desk.questions.list()) == 1


async def test_edit_and_cancel_stay_in_the_window() -> None:
    teams = Teams()
    _, review = window((await teams.invoke("task/submit", data()))[0])
    edit_data, cancel_data = button_data(review, "alderman.start"), button_data(review, "alderman.cancel")
    _, edit = window((await teams.invoke("task/submit", {"data": edit_data}))[0])
    assert inputs(edit)["question"]["value"] == QUESTION
    _, stopped = window((await teams.invoke("task/submit", {"data": cancel_data}))[0])
    assert "niets verstuurd" in card_text(stopped)
    assert await teams.desk.questions.list() == []


@pytest.mark.parametrize(
    "value",
    [
        None,  # no value at all
        "x",  # not an object
        [1, 2],
        {"data": 5},  # data that is no object
        {"data": {"action": 7}},
        data({"a": 1}, [], confirmed=True),  # fields of the wrong type
        data("x" * 50_000, confirmed=True),  # far too long
        data(addressee="burgemeester", confirmed=True),  # not an addressee
        data(session="no-such-session", confirmed=True),
        data(confirmed="true"),  # only a real true confirms
    ],
)
@pytest.mark.parametrize("name", ["task/fetch", "task/submit"])
async def test_hostile_or_broken_invokes_get_a_kind_window_and_store_nothing(name: str, value: Any) -> None:
    teams = Teams()
    response, chat = await teams.invoke(name, value)
    window(response)
    assert chat == []
    assert await teams.desk.questions.list() == []


async def test_in_a_group_chat_the_window_refuses_and_offers_a_personal_chat() -> None:
    teams = Teams(conversation_type="groupChat")
    opened = {"data": {"action": "alderman.start"}}
    for name, value in (("task/fetch", opened), ("task/submit", data(confirmed=True))):
        _, card = window((await teams.invoke(name, value))[0])
        assert "chat met alleen mij" in card_text(card)
        assert "question" not in inputs(card)
        link = next(a for a in actions(card) if a["type"] == "Action.OpenUrl")
        assert link["url"] == "https://teams.microsoft.com/l/chat/0/0?users=28:wegwijzer-bot"
    assert await teams.desk.questions.list() == []


async def test_english_users_get_an_english_window() -> None:
    teams = Teams(locale="en-GB")
    title, card = window((await teams.invoke("task/fetch", {"data": {"action": "alderman.start"}}))[0])
    assert title == "Question for the alderman or GS"
    assert "This window is separate from the chat" in card_text(card)
    _, receipt = window((await teams.invoke("task/submit", data(confirmed=True)))[0])
    assert "Sent. Thank you!" in card_text(receipt)


async def test_in_teams_the_chat_offers_the_window_and_keeps_the_form_as_fallback() -> None:
    teams = Teams()
    replies = await teams.chat.say("ik wil een vraag stellen aan de wethouder")
    launcher = next(b for b in buttons(replies) if b.get("data", {}).get("msteams"))
    assert launcher["data"] == {"action": "alderman.start", "msteams": {"type": "task/fetch"}}
    assert launcher["title"] == "Open het formulier apart"
    assert "question" in inputs(cards(replies)[-1]), "the in-chat form stays for clients without dialogs"
    for card in cards(replies):
        assert_valid(card)
    # A client that cannot open dialogs sends the launcher's data as an ordinary click: the form again.
    clicked = await teams.chat.click(launcher["data"])
    assert "question" in inputs(cards(clicked)[-1])


async def test_outside_teams_there_is_no_window_button() -> None:
    teams = Teams()
    activity = teams.chat.adapter.template
    activity.channel_id = "emulator"
    replies = await teams.chat.say("ik wil een vraag stellen aan de wethouder")
    assert not any(b.get("data", {}).get("msteams") for b in buttons(replies))
    assert "Je vraag" in texts(replies)


async def test_without_the_alderman_flow_task_invokes_are_not_ours() -> None:
    conversation = Conversation()
    teams = Teams()
    teams.chat = conversation
    response, _ = await teams.invoke("task/fetch", {"data": {"action": "alderman.start"}})
    assert response.status == 501
