"""Fold text for matching (NFKC, casefold, no accents) and map every match back to the original."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Typographic apostrophes become "'", dashes become "-", invisible characters from copy-paste vanish.
_PUNCT = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u00b4": "'", "\u2032": "'",
        "\uff07": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
        "\u180e": None,
    }
)
_ASCII = str.maketrans({"`": "'"})
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# One unit to fold: a non-ASCII character, or an ASCII one that carries combining marks.
_CLUSTER = re.compile(f"(?:[^\\x00-\\x7f]|[\\x00-\\x7f](?=[{_MARKS}]))[{_MARKS}]*")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


@lru_cache(maxsize=4096)
def _fold(cluster: str) -> str:
    s = unicodedata.normalize("NFKC", cluster).translate(_PUNCT).casefold()
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus the segments that lead back to the original offsets."""

    text: str
    # Per segment: folded start, original start, original length, linear (1:1) or not.
    _norm_starts: tuple[int, ...]
    _segments: tuple[tuple[int, int, int, bool], ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the folded characters [start, end); end > start."""
        return self._orig_start(start), self._orig_end(end - 1)

    def _orig_start(self, pos: int) -> int:
        norm_start, orig_start, _orig_len, linear = self._segments[bisect_right(self._norm_starts, pos) - 1]
        return orig_start + (pos - norm_start) if linear else orig_start

    def _orig_end(self, pos: int) -> int:
        norm_start, orig_start, orig_len, linear = self._segments[bisect_right(self._norm_starts, pos) - 1]
        return orig_start + (pos - norm_start) + 1 if linear else orig_start + orig_len


def fold(text: str) -> Folded:
    """Fold text for matching; Folded.span maps folded offsets back to offsets in `text`."""
    if text.isascii():
        return Folded(text.lower().translate(_ASCII), (0,), ((0, 0, len(text), True),))
    parts: list[str] = []
    starts: list[int] = []
    segments: list[tuple[int, int, int, bool]] = []
    norm_pos = 0
    orig_pos = 0
    for m in _CLUSTER.finditer(text):
        if m.start() > orig_pos:
            run = text[orig_pos : m.start()].lower().translate(_ASCII)
            starts.append(norm_pos)
            segments.append((norm_pos, orig_pos, len(run), True))
            parts.append(run)
            norm_pos += len(run)
        folded = _fold(m.group())
        if folded:
            starts.append(norm_pos)
            segments.append((norm_pos, m.start(), m.end() - m.start(), False))
            parts.append(folded)
            norm_pos += len(folded)
        orig_pos = m.end()
    if orig_pos < len(text):
        run = text[orig_pos:].lower().translate(_ASCII)
        starts.append(norm_pos)
        segments.append((norm_pos, orig_pos, len(run), True))
        parts.append(run)
    if not segments:
        segments.append((0, 0, 0, True))
        starts.append(0)
    return Folded("".join(parts), tuple(starts), tuple(segments))


def norm_key(text: str) -> str:
    """The matching key of a glossary word or phrase: folded, words joined by one space."""
    return " ".join(WORD.findall(fold(text).text))


def norm_words(text: str) -> tuple[str, ...]:
    """The folded words of a glossary form; hyphens and slashes separate words."""
    return tuple(WORD.findall(fold(text).text))


# Characters that end a sentence (for context windows and phrases); a newline does too.
_SENTENCE_END = frozenset(".!?;:\n\r\u2029\u2028")
# What may stand between the words of a phrase: spaces, a hyphen, a slash or a comma.
_JOINERS = frozenset(" \t\u00a0-/,")


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a folded text, with offsets and how each word is joined to the one before."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    sentence: list[int]
    joined: list[bool]  # the gap before word i may sit inside a phrase
    hyphen: list[bool]  # word i is glued to word i-1 by a bare hyphen ("niet-westers")


def tokenize(folded: str) -> Tokens:
    """Split folded text into words; sentence ids change at . ! ? ; : or a line break."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sentence: list[int] = []
    joined: list[bool] = []
    hyphen: list[bool] = []
    sent = 0
    prev_end = 0
    for m in WORD.finditer(folded):
        s, e = m.span()
        if s - prev_end == 1 and folded[prev_end] == " ":
            joined.append(bool(words))
            hyphen.append(False)
        else:
            gap = folded[prev_end:s]
            if words and not _SENTENCE_END.isdisjoint(gap):
                sent += 1
            joined.append(bool(words) and all(c in _JOINERS for c in gap) and len(gap) <= 5)
            hyphen.append(bool(words) and gap == "-")
        words.append(m.group())
        starts.append(s)
        ends.append(e)
        sentence.append(sent)
        prev_end = e
    return Tokens(words, starts, ends, sentence, joined, hyphen)
