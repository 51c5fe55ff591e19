"""Tell the matcher that a message asks about a glossary word ("mag ik X nog zeggen?")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from knowledge.glossary import Glossary
from knowledge.normalize import tokens
from knowledge.term_lookup import TermLookup, extract_asked_term

# Pronoun questions ("wat betekent hen/hun?") belong to language.pronouns, not to a word look-up.
PRONOUN_ENTRIES = frozenset({"hij-zij", "he-or-she"})
SHORT_MESSAGE_WORDS = 2


def term_tagger(lookup: TermLookup, glossary: Glossary) -> Callable[[str], Sequence[str]]:
    """The words of glossary terms a question asks about; empty when it asks about none."""

    def tag(text: str) -> list[str]:
        asked = extract_asked_term(text)
        if asked is None:
            # A bare word or two ('alochton?') is a look-up when the glossary (nearly) knows it.
            words = tokens(text)
            if not 0 < len(words) <= SHORT_MESSAGE_WORDS or any(glossary.is_word(w) for w in words):
                return []  # 'hallo' is a word, not a typo of 'allochtoon'
            return words if lookup.lookup(text).outcome in ("found", "ambiguous") else []
        words: list[str] = []
        for entry_id, start, end in lookup.mentioned_terms(text):
            if entry_id not in PRONOUN_ENTRIES:
                words.extend(tokens(text[start:end]))
        if not words:
            # A typo ('alochton') is not 'mentioned', but the look-up still finds or nearly finds it.
            result = lookup.lookup(text)
            entry = result.entry or (result.choices[0] if result.choices else None)
            if result.outcome in ("found", "ambiguous") and getattr(entry, "id", None) not in PRONOUN_ENTRIES:
                words = tokens(asked)
        return words

    return tag
