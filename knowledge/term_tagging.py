"""Tell the matcher that a message asks about a glossary word ("mag ik X nog zeggen?")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from knowledge.normalize import tokens
from knowledge.term_lookup import TermLookup, extract_asked_term

# Pronoun questions ("wat betekent hen/hun?") belong to language.pronouns, not to a word look-up.
PRONOUN_ENTRIES = frozenset({"hij-zij", "he-or-she"})


def term_tagger(lookup: TermLookup) -> Callable[[str], Sequence[str]]:
    """The words of glossary terms a question asks about; empty when it asks about none."""

    def tag(text: str) -> list[str]:
        if extract_asked_term(text) is None:
            return []
        words: list[str] = []
        for entry_id, start, end in lookup.mentioned_terms(text):
            if entry_id not in PRONOUN_ENTRIES:
                words.extend(tokens(text[start:end]))
        return words

    return tag
