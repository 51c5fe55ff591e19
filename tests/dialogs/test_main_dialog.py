"""Conversations with the real bot over the SDK TestAdapter, Teams-shaped."""

from __future__ import annotations

import pytest

from tests.dialogs.harness import Conversation, buttons, cards, texts, traces


async def test_install_sends_the_welcome_with_the_four_areas() -> None:
    chat = Conversation()
    replies = await chat.install()
    assert "Wegwijzer" in texts(replies)
    titles = [b["title"] for b in buttons(replies)]
    assert titles[:4] == ["Inclusieve taal", "Stilteruimtes", "Iets melden", "Vraag aan de wethouder"]


async def test_greeting_answers_with_the_menu() -> None:
    replies = await Conversation().say("hoi")
    assert traces(replies)[0]["topic"] == "bot.greeting"
    assert any(b["data"] == {"action": "menu", "area": "report"} for b in buttons(replies))


async def test_menu_area_lists_its_topics_and_a_click_answers() -> None:
    chat = Conversation()
    replies = await chat.click({"action": "menu", "area": "report"})
    entry_buttons = [b for b in buttons(replies) if b["data"].get("action") == "entry"]
    assert len(entry_buttons) >= 5
    answer = await chat.click(entry_buttons[1]["data"])
    assert traces(answer)[0]["topic"].startswith("report.")
    assert traces(answer)[0]["score"] == 100


async def test_answer_has_followups_and_feedback_is_stored_without_identity() -> None:
    chat = Conversation()
    replies = await chat.say("hoe bereik ik een vertrouwenspersoon?")
    assert traces(replies)[0]["topic"] == "report.confidential-advisor"
    actions = buttons(replies)
    assert any(b["data"].get("action") == "entry" for b in actions if b["type"] == "Action.Submit")
    thumbs_up = next(b for b in actions if b["title"] == "👍")
    thanks = await chat.click(thumbs_up["data"])
    assert "Dank je" in texts(thanks)
    tallies = await chat.services.feedback.count_by_entry()
    assert tallies[thumbs_up["data"]["id"]].helpful == 1


async def test_unverified_entries_say_so() -> None:
    replies = await Conversation().say("kan ik een second opinion aanvragen op mijn zaak bij BI?")
    assert traces(replies)[0]["topic"] == "report.second-opinion"
    assert "nog niet bevestigd" in texts(replies)


async def test_fallback_is_kind_offers_the_menu_and_records_masked_text_only() -> None:
    chat = Conversation()
    replies = await chat.say("hoe vraag ik een nieuwe parkeervergunning aan? mail me op jan@example.org")
    assert traces(replies)[0]["topic"] == "fallback"
    assert "weet ik helaas niet" in texts(replies)
    assert any(b["data"].get("area") == "language" for b in buttons(replies))
    gaps = await chat.services.gaps.recent()
    assert len(gaps) == 1
    assert "jan@example.org" not in gaps[0].text
    assert chat.user.id not in repr(gaps[0]) and chat.conversation.id not in repr(gaps[0])


async def test_a_disclosure_is_never_kept_for_moderators() -> None:
    chat = Conversation()
    await chat.say(
        "mijn afdelingshoofd blijft me vreselijk intimideren en ik weet het echt niet meer qua werkplezier"
    )
    assert await chat.services.gaps.recent() == []


@pytest.mark.parametrize(
    ("text", "must_say"),
    [
        ("er loopt iemand met een mes door de gang", "112"),  # danger: 112 first
        ("ik wil niet meer leven", "113"),  # suicidal thoughts: 113 (and 112)
        ("I am in danger right now", "112"),  # English
    ],
)
async def test_safety_comes_first(text: str, must_say: str) -> None:
    replies = await Conversation().say(text)
    assert traces(replies)[0]["topic"] == "report.emergency"
    first = cards(replies)[0]
    assert must_say in first["body"][0]["text"]
    assert "112" in texts(replies)


async def test_english_message_gets_an_english_answer_even_with_a_dutch_locale() -> None:
    replies = await Conversation().say("where can I report discrimination at work?")
    assert "report" in texts(replies).lower()


async def test_channel_message_without_mention_gets_no_reply_but_a_trace() -> None:
    chat = Conversation(conversation_type="channel")
    replies = await chat.say("waar is de stilteruimte")
    assert [a.type for a in replies] == ["trace"]


async def test_channel_mention_is_stripped_and_answered() -> None:
    chat = Conversation(conversation_type="channel")
    replies = await chat.say("waar is een stilteruimte?", mention=True)
    assert traces(replies)[0]["topic"].startswith("quietroom.")


async def test_clarify_offers_choices_and_something_else() -> None:
    chat = Conversation()
    # Vague enough to land between the clarify and answer thresholds (the test checks that it does).
    replies = await chat.say("ik heb een probleem met mijn team")
    assert "Bedoel je" in texts(replies)
    data = [b["data"] for b in buttons(replies)]
    assert 2 <= len(data) <= 4
    assert data[-1] == {"action": "other"}
    other = await chat.click({"action": "other"})
    assert "andere woorden" in texts(other)


async def test_stale_or_unknown_button_is_handled_kindly() -> None:
    chat = Conversation()
    replies = await chat.click({"action": "entry", "id": "no-such-entry"})
    assert "knop werkt niet meer" in texts(replies)
    replies = await chat.click({"action": "feedback", "id": "gone", "helpful": True})
    assert "ken ik niet meer" in texts(replies)


@pytest.mark.parametrize(
    "value", [{"action": 5}, {"action": "menu", "area": "nope"}, [1, 2], "x", {"nested": {"a": [1]}}]
)
async def test_hostile_card_values_never_crash(value: object) -> None:
    replies = await Conversation().say(value=value)
    assert len(traces(replies)) == 1


async def test_overlong_and_empty_messages_get_a_kind_reply() -> None:
    chat = Conversation()
    assert "lang bericht" in texts(await chat.say("woord " * 2000))
    assert "geen tekst" in texts(await chat.say("   "))
