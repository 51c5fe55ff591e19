"""Every card of the Teams extras validates against Adaptive Card 1.5, in both languages and at the edges."""

from __future__ import annotations

import pytest

from dialogs import alderman_cards as ac
from dialogs import teams_cards as tc
from knowledge.checker import MAX_CHARS
from tests.dialogs.teams_support import assert_valid, checker


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_compose_check_cards_are_valid(lang: str) -> None:
    many = " ".join(["allochtonen, blacklist en gehandicapten."] * 8)  # more findings than a card shows
    assert len(checker().check(many)) > 10
    assert_valid(tc.check_form_card(lang))
    assert_valid(tc.check_form_card(lang, "tekst", problem="Ik zie nog geen tekst."))
    for text in ("Een schone tekst.", many, "x" * MAX_CHARS, "<at>Iemand</at> [link](https://x) **vet**"):
        assert_valid(tc.check_result_card(text, checker().check(text), lang))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_window_form_and_the_launchers_are_valid(lang: str) -> None:
    form = ac.form_card(lang, [])
    shown = tc.with_window_note(form, lang)
    assert_valid(shown)
    assert shown["body"][0] == form["body"][0], "the title stays first"
    assert form == ac.form_card(lang, []), "the chat's form is not changed by the window's copy"
    assert_valid(ac.intro_card("Feiten.", lang, [tc.launcher_action(lang)]))
    assert_valid(ac.message_card("Alleen in een chat met mij.", [tc.open_chat_action("28:abc-123", lang)]))
    assert_valid(tc.message_card("Dit venster werkt niet meer."))


def test_the_chat_link_names_only_the_bot() -> None:
    link = tc.open_chat_action("28:0b1c2d3e-aaaa-bbbb-cccc-1234567890ab", "nl")["url"]
    assert link == "https://teams.microsoft.com/l/chat/0/0?users=28:0b1c2d3e-aaaa-bbbb-cccc-1234567890ab"
    assert "&" not in tc.open_chat_action("28:x&message=hoi", "nl")["url"]


def test_a_window_answer_has_the_shape_teams_reads() -> None:
    shown = tc.message_card("Hallo")
    assert tc.dialog_window("Titel", shown) == {
        "task": {
            "type": "continue",
            "value": {
                "title": "Titel",
                "height": "large",
                "width": "medium",
                "card": {"contentType": "application/vnd.microsoft.card.adaptive", "content": shown},
            },
        }
    }
