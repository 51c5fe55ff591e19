"""Which language to answer in: the user's locale, unless the message is clearly in the other one."""

from __future__ import annotations

from knowledge.models import Lang
from knowledge.normalize import tokens

_NL = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "ik",
        "je",
        "jij",
        "u",
        "wij",
        "mijn",
        "ben",
        "zijn",
        "niet",
        "wat",
        "hoe",
        "waar",
        "wie",
        "wanneer",
        "welke",
        "kan",
        "kun",
        "mag",
        "moet",
        "wil",
        "voor",
        "van",
        "met",
        "op",
        "aan",
        "bij",
        "naar",
        "over",
        "er",
        "dat",
        "dit",
        "die",
        "deze",
        "ook",
        "nog",
        "geen",
        "wel",
        "graag",
        "hoi",
        "hallo",
        "dank",
        "bedankt",
        "goedemorgen",
        "goedemiddag",
        "alsjeblieft",
        "mij",
        "heb",
        "heeft",
        "word",
        "wordt",
        "waarom",
        "om",
        "te",
        "als",
        "maar",
        "dan",
    ]
)
_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "i",
        "you",
        "my",
        "am",
        "are",
        "not",
        "what",
        "how",
        "where",
        "who",
        "when",
        "which",
        "can",
        "could",
        "may",
        "must",
        "want",
        "for",
        "of",
        "with",
        "on",
        "at",
        "to",
        "about",
        "there",
        "that",
        "this",
        "these",
        "also",
        "no",
        "yes",
        "please",
        "hi",
        "hello",
        "thanks",
        "thank",
        "good",
        "morning",
        "afternoon",
        "have",
        "has",
        "do",
        "does",
        "why",
        "if",
        "but",
        "or",
        "it",
        "be",
    ]
)


def locale_lang(locale: str | None) -> Lang:
    return "en" if (locale or "").lower().startswith("en") else "nl"


def detect_lang(text: str, locale: str | None = None) -> Lang:
    """The locale's language unless the words say clearly otherwise (two more hits and twice as many)."""
    default = locale_lang(locale)
    words = tokens(text)
    nl = sum(1 for w in words if w in _NL)
    en = sum(1 for w in words if w in _EN)
    if default == "nl" and en >= 1 and en > 2 * nl:
        return "en"
    if default == "en" and nl >= 1 and nl > 2 * en:
        return "nl"
    return default
