"""A new question on another subject during the guide is answered, not met with 'kies een knop'."""

from __future__ import annotations

from tests.dialogs.harness import texts, traces
from tests.dialogs.reporting import reporting_chat


async def test_another_subject_mid_guide_ends_the_guide_and_is_answered() -> None:
    chat = reporting_chat()
    started = await chat.say("ik word gediscrimineerd door mijn leidinggevende")
    assert "Vraag 1" in texts(started)
    replies = await chat.say("hoe bereik ik het bureau inclusie en diversiteit?")
    assert traces(replies)[-1]["topic"] == "bot.human"
    assert "Vraag" not in texts(replies)
    stored = chat.storage.memory.values()
    assert all("report.guide" not in str(v) for v in stored)


async def test_an_unclear_reply_about_reporting_keeps_the_guide_going() -> None:
    chat = reporting_chat()
    await chat.say("ik word gediscrimineerd door mijn leidinggevende")
    replies = await chat.say("tja")
    assert "Vraag 1" in texts(replies)
