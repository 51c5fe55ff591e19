"""The inclusive-language flows in conversation: a word look-up and the text check."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from adapters.persistence.memory import InMemoryFeedbackLog, InMemoryGapLog
from dialogs import language_cards as lc
from dialogs.language_check_dialog import pasted_text
from dialogs.language_flows import language_flows
from dialogs.language_term_dialog import gap_term
from dialogs.services import Brain, Services
from knowledge.answering import Decision
from knowledge.checker import MAX_CHARS, Checker
from knowledge.glossary import load_glossary
from knowledge.language import detect_lang
from knowledge.loader import KnowledgeBase
from knowledge.term_lookup import TermLookup
from tests.dialogs.harness import CONTENT, Conversation, brain, buttons, cards, make_services, texts, traces

GLOSSARY = load_glossary(CONTENT / "glossary")
CHECKER = Checker(GLOSSARY)
LOOKUP = TermLookup(GLOSSARY, CHECKER)
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "ac-schema-1.5.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft6Validator(SCHEMA)
FLAGGED = "Wij zoeken allochtone jongeren en gehandicapten. Ook rolstoelgebonden mensen zijn welkom."


class PinnedAnswerer:
    """Sends every message to one topic: tests the flow's answer apart from the matcher's routing."""

    def __init__(self, kb: KnowledgeBase, topic: str) -> None:
        self.kb, self.topic = kb, topic

    def decide(self, text: str, locale: str | None = None) -> Decision:
        entry = self.kb.first_for_topic(self.topic)
        return Decision("answer", self.topic, 100.0, detect_lang(text, locale), entry=entry)


def chat_with(pinned: str | None = None, locale: str = "nl-NL") -> Conversation:
    services = make_services()
    if pinned is not None:
        kb = brain().kb
        services = Services(
            brain=Brain(kb=kb, answerer=PinnedAnswerer(kb, pinned)),  # type: ignore[arg-type]
            gaps=InMemoryGapLog(),
            feedback=InMemoryFeedbackLog(),
            today=lambda: date(2026, 11, 22),
        )
    return Conversation(services=services, locale=locale, flows=language_flows(services, CHECKER, LOOKUP))


def assert_valid(card: dict[str, Any]) -> None:
    errors = list(VALIDATOR.iter_errors(card))
    assert not errors, errors[0].message
    assert card.get("fallbackText"), "clients that cannot render cards need fallback text"


async def say(chat: Conversation, text: str | None = None, value: Any = None) -> list[Any]:
    """One turn: every card valid, exactly one knowledge.match trace."""
    replies = await chat.say(text, value=value)
    for card in cards(replies):
        assert_valid(card)
    assert len(traces(replies)) == 1
    return replies


def topic(replies: list[Any]) -> str:
    return traces(replies)[0]["topic"]


def runs(replies: list[Any]) -> list[str]:
    """The TextRuns of the cards: where user text (a word, a passage) is shown, never as markdown."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextRun":
                found.append(node["text"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(cards(replies))
    return found


def stored(chat: Conversation) -> str:
    """Everything the bot keeps about the conversation, as JSON."""
    return json.dumps(chat.storage.memory, default=lambda o: vars(o) if hasattr(o, "__dict__") else str(o))


# ---------------------------------------------------------------- look-up
async def test_a_known_word_gets_its_card_with_level_alternatives_reason_and_source() -> None:
    chat = chat_with()
    replies = await say(chat, "mag ik allochtoon nog zeggen?")
    said = texts(replies)
    assert topic(replies) == "language.term"
    assert "Heroverweeg" in said
    assert "Amsterdammer met een Marokkaanse achtergrond" in said
    assert "Als de herkomst er echt toe doet" in said  # when to use the alternative
    assert "sinds 2013" in said  # the why
    assert "Bron: Gemeente Amsterdam" in said
    assert {"action": "language.term", "id": "autochtoon"} in [b["data"] for b in buttons(replies)]
    assert chat.services.gaps.gaps == []


async def test_see_also_opens_the_related_term() -> None:
    chat = chat_with()
    await say(chat, "mag ik allochtoon nog zeggen?")
    replies = await say(chat, value={"action": "language.term", "id": "autochtoon"})
    assert traces(replies)[0] == {"topic": "language.term", "score": 100}
    assert "autochtoon" in texts(replies)
    assert "Nederlander zonder migratieachtergrond" in texts(replies)


async def test_close_words_ask_which_one_is_meant() -> None:
    chat = chat_with()
    replies = await say(chat, "mag ik 'alochton' zeggen?")
    assert topic(replies) == "language.term"
    assert "Welk woord bedoel je?" in texts(replies)
    data = [b["data"] for b in buttons(replies)]
    assert data == [
        {"action": "language.term", "id": "allochtoon"},
        {"action": "language.term", "id": "autochtoon"},
        {"action": "language.term", "other": True},
    ]
    chosen = await say(chat, value=data[0])
    assert "Heroverweeg" in texts(chosen)
    assert "allochtoon" in texts(chosen)
    other = await say(chat, value=data[2])
    assert "Typ het woord nog eens" in texts(other)
    assert chat.services.gaps.gaps == []


@pytest.mark.parametrize(
    ("question", "locale", "expected"),
    [
        ("is wheelchair-bound ok?", "en-US", "wheelchair user"),  # the issue's English example
        ("mag ik alochton zeggen?", "nl-NL", "Welk woord bedoel je?"),  # a typo between two terms
        ("wat is een alternatief voor gehandicapte?", "nl-NL", "mensen met een beperking"),  # issue's example
    ],
)
async def test_the_issues_examples_whatever_the_routing(question: str, locale: str, expected: str) -> None:
    # The matcher decides which flow a message reaches; here every message reaches the look-up.
    replies = await say(chat_with("language.term", locale), question)
    assert expected in texts(replies)


async def test_english_question_gets_english_labels() -> None:
    chat = chat_with(locale="en-US")
    replies = await say(chat, "is it ok to say wheelchair-bound?")
    said = texts(replies)
    assert topic(replies) == "language.term"
    assert "**Avoid**" in said
    assert "wheelchair user" in said
    assert "For someone who uses a wheelchair." in said
    assert "Source: Yoast" in said
    dutch = await say(chat, "is it ok to say allochtoon?")
    assert "This is a Dutch word" in texts(dutch)


async def test_an_unknown_word_is_said_to_be_unknown_and_recorded_without_identity() -> None:
    chat = chat_with()
    replies = await say(chat, "mag ik 'flipperkast' zeggen?")
    said = texts(replies)
    assert topic(replies) == "language.term"
    assert "staat niet in mijn lijst" in said
    assert "zonder je naam" in said
    assert "“flipperkast”" in runs(replies)
    assert not any(level in said for level in ("Vermijd", "Heroverweeg", "Ter info"))  # nothing invented
    (gap,) = chat.services.gaps.gaps
    assert (gap.kind, gap.text, gap.lang, gap.topic_guess) == (
        "unknown_term",
        "flipperkast",
        "nl",
        "language.term",
    )
    recorded = json.dumps(vars(gap), default=str)
    for secret in (chat.user.id, chat.user.name, chat.user.aad_object_id, chat.conversation.id):
        assert secret not in recorded


async def test_an_unknown_word_is_masked_before_it_is_kept() -> None:
    chat = chat_with()
    await say(chat, "mag ik 'jan@example.nl' zeggen?")
    assert [g.text for g in chat.services.gaps.gaps] == ["[e-mail]"]


@pytest.mark.parametrize(
    ("term", "kept"),
    [
        ("flipperkast", "flipperkast"),  # a plain word stays as it is
        ("  twee   woorden ", "twee woorden"),  # spaces folded
        ("bel 0612345678", "bel [telefoon]"),  # a phone number masked
        ("x" * 200, "x" * 80),  # at most 80 characters
    ],
)
def test_gap_term(term: str, kept: str) -> None:
    assert gap_term(term) == kept


async def test_no_word_to_go_on_gets_the_general_look_up_answer() -> None:
    chat = chat_with(locale="en-US")
    replies = await say(chat, "look up a word")
    assert topic(replies) == "language.term"
    assert "Look up a word" in texts(replies)
    assert chat.services.gaps.gaps == []


@pytest.mark.parametrize(
    "value",
    [
        {"action": "language.term"},  # no id
        {"action": "language.term", "id": "bestaat-niet"},  # an id we do not have
        {"action": "language.term", "id": ["allochtoon"]},  # a list
        {"action": "language.term", "id": {"$ne": None}},  # an object
        {"action": "language.term", "id": 12},  # a number
        {"action": "language.term", "id": "x" * 100_000},  # huge
        {"action": "language.term", "other": "yes"},  # not exactly true
        {"action": "language.term", "id": "<at>iedereen</at>**vet**[klik](https://evil.example)"},  # markup
    ],
)
async def test_hostile_term_buttons_get_a_kind_answer(value: dict[str, Any]) -> None:
    chat = chat_with()
    replies = await say(chat, value=value)
    assert traces(replies)[0] == {"topic": "language.term", "score": 100}
    assert "Typ het woord" in texts(replies)
    assert "evil" not in texts(replies)
    assert chat.services.gaps.gaps == []


async def test_a_word_with_markup_is_shown_as_plain_text_only() -> None:
    chat = chat_with()
    replies = await say(chat, "mag ik '[klik](https://evil.example)' zeggen?")
    assert "staat niet in mijn lijst" in texts(replies)
    assert "evil.example" not in texts(replies)  # no TextBlock (markdown) carries it
    assert any("evil.example" in run for run in runs(replies))  # a TextRun does: never a link


# ---------------------------------------------------------------- the text check
async def test_check_asks_for_the_text_then_lists_each_flagged_passage() -> None:
    chat = chat_with()
    asked = await say(chat, "kun je mijn tekst controleren?")
    assert topic(asked) == "language.check"
    assert "Plak je tekst hieronder" in texts(asked)
    replies = await say(chat, FLAGGED)
    said = texts(replies)
    assert topic(replies) == "language.check"
    assert "Ik vond 3 plekken" in said
    for term in ("allochtoon", "gehandicapte", "rolstoelgebonden"):
        assert f"**{term}**" in said
    assert "rolstoelgebruiker" in said  # an alternative
    assert "Een vaag woord dat mensen in 'wij' en 'zij' verdeelt." in said  # a short reason
    assert "geen oordeel" in said  # a word check, not a judgement
    assert [r for r in runs(replies) if r in ("allochtone", "gehandicapten", "rolstoelgebonden")] == [
        "allochtone",
        "gehandicapten",
        "rolstoelgebonden",
    ]
    again = await say(chat, "waar is een stilteruimte?")
    assert topic(again).startswith("quietroom.")  # the flow ended with the findings


async def test_the_check_button_starts_the_flow_and_english_works() -> None:
    chat = chat_with(locale="en-US")
    asked = await say(chat, value={"action": "language.check", "text": FLAGGED, "junk": [1] * 1000})
    assert traces(asked)[0] == {"topic": "language.check", "score": 100}
    assert "Paste your text below" in texts(asked)
    assert "allochtone" not in stored(chat)  # a card value is not kept either
    replies = await say(chat, "We really need more manpower, guys.")
    assert "**manpower**" in texts(replies)


async def test_a_clean_text_is_klaar() -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    replies = await say(chat, "Beste collega's, morgen om drie uur is de borrel in de kantine.")
    assert "Klaar: ik vond geen woorden om op te letten." in texts(replies)
    assert "woordcheck" in texts(replies)


async def test_a_text_in_the_first_message_is_checked_at_once() -> None:
    chat = chat_with()
    replies = await say(chat, "kun je deze tekst controleren: Het is een mooie dag.")
    assert topic(replies) == "language.check"
    assert "Klaar" in texts(replies)
    after = await say(chat, "waar is een stilteruimte?")
    assert topic(after).startswith("quietroom.")


async def test_a_long_first_message_with_a_check_request_is_checked_at_once() -> None:
    chat = chat_with("language.check")  # long texts rarely reach a topic by matching alone
    message = "Kun je deze tekst controleren? " + FLAGGED + " Meld je aan via de website." * 5
    replies = await say(chat, message)
    assert "Ik vond 3 plekken" in texts(replies)
    assert "allochtone" not in stored(chat)


@pytest.mark.parametrize(
    ("message", "text"),
    [
        ("controleer: Wij zoeken mankracht.", "Wij zoeken mankracht."),  # 'controleer: <tekst>'
        ("Kun je deze tekst checken?\nHallo allemaal", "Hallo allemaal"),  # request, then text on a new line
        ("kun je deze tekst checken:\nHallo allemaal", "Hallo allemaal"),  # a colon, then a line break
        ("check my text: We need manpower.", "We need manpower."),  # English
        ("controleer mijn tekst", None),  # only the request: ask for the text
        ("controleer mijn tekst:", None),  # a colon and nothing after it
        ("Wij zoeken mankracht: meld je aan", None),  # a colon, but no check request before it
        ("Kun je deze tekst nakijken? " + "x " * 120, "x " * 120),  # long, opens with a request
        ("Ik schreef dit. " + "y " * 120, None),  # long, but no request
    ],
)
def test_pasted_text(message: str, text: str | None) -> None:
    assert pasted_text(message) == text


@pytest.mark.parametrize("word", ["stop", "annuleer", "cancel", "Stop!", "terug"])
async def test_stop_ends_the_check_kindly(word: str) -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    replies = await say(chat, word)
    assert topic(replies) == "language.check"
    assert "Oké, ik check niets" in texts(replies)
    after = await say(chat, "waar is een stilteruimte?")
    assert topic(after).startswith("quietroom.")


async def test_a_short_text_with_stop_in_it_is_checked() -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    replies = await say(chat, "Stop allochtone jongeren niet in een hokje.")
    assert "**allochtoon**" in texts(replies)


async def test_an_empty_reply_is_asked_again_once() -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    first = await say(chat, "   ")
    assert topic(first) == "language.check"
    assert "Ik zie nog geen tekst" in texts(first)
    second = await say(chat, None)  # a message without text, such as an image
    assert "Ik zie nog steeds geen tekst" in texts(second)
    after = await say(chat, "waar is een stilteruimte?")
    assert topic(after).startswith("quietroom.")


async def test_an_empty_reply_then_a_text_is_checked() -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    await say(chat, "")
    replies = await say(chat, FLAGGED)
    assert "Ik vond 3 plekken" in texts(replies)


async def test_a_text_over_the_limit_gets_a_kind_message_and_the_flow_ends() -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    replies = await say(chat, "allochtoon " * (MAX_CHARS // 10) + "x")
    assert topic(replies) == "language.check"
    assert "meer dan 20.000 tekens" in texts(replies)
    assert "stukken" in texts(replies)
    assert cards(replies) == []
    assert "allochtoon" not in stored(chat)
    after = await say(chat, "waar is een stilteruimte?")
    assert topic(after).startswith("quietroom.")


async def test_a_text_at_the_limit_is_checked_and_shows_ten_passages_then_the_rest() -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    text = ("allochtoon " * (MAX_CHARS // 11))[:MAX_CHARS]
    replies = await say(chat, text)
    count = text.split().count("allochtoon")
    assert f"Ik vond {count} plekken" in texts(replies)
    assert f"En nog {count - lc.MAX_FINDINGS} andere plekken" in texts(replies)
    containers = [i for i in cards(replies)[0]["body"] if i["type"] == "Container"]
    assert len(containers) == lc.MAX_FINDINGS
    assert texts(replies).count("Liever:") == 1  # the same term explained once


async def test_a_button_of_another_card_while_waiting_is_routed_afresh() -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    replies = await say(chat, value={"action": "language.term", "id": "allochtoon"})
    assert topic(replies) == "language.term"
    assert "Heroverweeg" in texts(replies)
    after = await say(chat, "waar is een stilteruimte?")
    assert topic(after).startswith("quietroom.")


@pytest.mark.parametrize(
    ("value", "reply"),
    [
        ({"action": "language.check", "text": {"$gt": ""}}, "Plak je tekst hieronder"),  # starts afresh
        ({"action": 12}, "Ik zie geen tekst in je bericht"),  # no action: MainDialog's own answer
        (["language.check"], "Ik zie nog geen tekst"),  # not an object: no text, so asked again
    ],
)
async def test_hostile_values_while_waiting_do_no_harm(value: Any, reply: str) -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    replies = await say(chat, value=value)
    assert reply in texts(replies)
    assert "$gt" not in stored(chat)


async def test_pasted_markup_is_quoted_as_plain_text() -> None:
    chat = chat_with()
    await say(chat, "controleer mijn tekst")
    replies = await say(chat, "[klik hier](https://evil.example) voor allochtone **collega's**")
    assert "evil.example" not in texts(replies)  # no TextBlock (markdown) carries the pasted text
    assert "allochtone" in runs(replies)


async def test_the_checked_text_is_never_kept() -> None:
    chat = chat_with()
    secret = "Vertrouwelijk memo over Fatima Yilmaz: wij zoeken allochtone jongeren."
    await say(chat, "kun je mijn vacaturetekst controleren op inclusieve taal?")
    waiting = stored(chat)
    assert "vacaturetekst" not in waiting  # not even the request is kept while the flow waits
    await say(chat, secret)
    kept = stored(chat)
    for part in ("Fatima", "Yilmaz", "Vertrouwelijk", "allochtone"):
        assert part not in kept
    assert chat.services.gaps.gaps == []


# ---------------------------------------------------------------- the cards themselves
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_term_card_is_valid(lang: str) -> None:
    entries = GLOSSARY.entries
    for entry in entries.values():
        related = [entries[r] for r in entry.related if r in entries]
        assert_valid(lc.term_card(entry, lang, related))


@pytest.mark.parametrize("level", ["avoid", "reconsider", "info"])
def test_each_level_is_named_plainly_and_only_info_says_it_is_debated(level: str) -> None:
    entry = next(e for e in GLOSSARY.entries.values() if e.level == level)
    card = lc.term_card(entry, "nl")
    body = " ".join(b.get("text", "") for b in card["body"])
    assert {"avoid": "Vermijd", "reconsider": "Heroverweeg", "info": "Ter info"}[level] in body
    assert ("verschillen de meningen" in body) == (level == "info")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_other_cards_are_valid(lang: str) -> None:
    entries = list(GLOSSARY.entries.values())
    assert_valid(lc.did_you_mean_card(entries[:5], lang))
    assert_valid(
        lc.unknown_term_card("\x00<b>" + "w" * 500, lang, brain().kb.first_for_topic("language.term"))
    )
    assert_valid(lc.unknown_term_card("woord", lang, None))
    assert_valid(lc.findings_card("", [], lang))
    text = "Emoji 👋🏽 en é: " + FLAGGED * 5
    assert_valid(lc.findings_card(text, CHECKER.check(text), lang))
