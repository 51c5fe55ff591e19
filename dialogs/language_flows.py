"""The inclusive-language flows as MainDialog plugs them in: a word look-up and the text check."""

from __future__ import annotations

from dialogs import language_check_dialog as check
from dialogs import language_term_dialog as term
from dialogs.flow import Flow
from dialogs.services import Services
from knowledge.checker import Checker
from knowledge.term_lookup import TermLookup


def language_flows(services: Services, checker: Checker, lookup: TermLookup) -> tuple[Flow, Flow]:
    """language.term and language.check, each begun by its topic or by its card action."""
    word = term.LanguageTermDialog(services, lookup)
    return (
        Flow(word, topics=frozenset({term.TOPIC}), actions=frozenset({term.ACTION}), at_once=word.at_once),
        Flow(
            check.LanguageCheckDialog(services, checker),
            topics=frozenset({check.TOPIC}),
            actions=frozenset({check.ACTION}),
        ),
    )
