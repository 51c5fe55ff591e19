"""Text normalisation for matching: casefold, fold accents, strip markup, tokenise, stem."""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]{0,400}>")
_MENTION = re.compile(r"<at\b[^>]{0,200}>.{0,200}?</at>", re.IGNORECASE | re.DOTALL)
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_NON_WORD = re.compile(r"[^\w]+")
_REPEAT = re.compile(r"(\w)\1{2,}")
_APOSTROPHE_S = re.compile(r"(?<=\w)['’]s\b")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def strip_markup(text: str) -> str:
    """Remove Teams HTML, @-mentions, URLs and e-mail addresses; keep the words."""
    text = _MENTION.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _URL.sub(" ", text)
    return _EMAIL.sub(" ", text)


def fold(text: str) -> str:
    """NFKC, casefold and drop diacritics: 'Één Stilteruimte' -> 'een stilteruimte'."""
    if text.isascii():
        return text.lower()  # what the rest does to ASCII, at a fraction of the cost
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def tokens(text: str) -> list[str]:
    """Word tokens of markup-free folded text; 'heeeel' -> 'heel', "VP's" -> 'vp'."""
    text = fold(strip_markup(text))
    text = _APOSTROPHE_S.sub("", text)
    text = _REPEAT.sub(r"\1\1", text)
    return [t for t in _NON_WORD.sub(" ", text).replace("_", " ").split() if t]


_SUFFIXES = ("heden", "ingen", "ing", "tjes", "tje", "jes", "je", "en", "es", "ed", "e", "s")


def stem(token: str) -> str:
    """A light Dutch/English suffix stripper, applied alike to questions and examples.

    Not linguistics: it only has to map inflections of one word to one key
    (vragen/vraag -> vrag/vraag are then joined by the fuzzy step).
    """
    if len(token) <= 4 or token.isdigit():
        return token
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            base = token[: -len(suffix)]
            # undouble a final consonant: 'melden' -> 'meld', 'pesten' -> 'pest', 'bellen' -> 'bel'
            if len(base) > 4 and base[-1] == base[-2] and base[-1] not in "aeiou":
                base = base[:-1]
            return base
    return token
