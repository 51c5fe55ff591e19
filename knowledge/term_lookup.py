"""Answer a question about a word: the glossary entry meant, a 'Bedoel je ...?' choice, or 'unknown'.

The bot never invents an answer: a word that is not in the glossary comes back as `unknown` with the
text that was asked about, so the bot can say so and record it for the moderators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from knowledge.checker import Checker
from knowledge.glossary import Glossary, GlossaryEntry
from knowledge.textnorm import WORD, norm_key

Outcome = Literal["found", "ambiguous", "unknown"]

FOUND_SCORE = 90.0  # a typo this close is the word itself...
FOUND_MARGIN = 10.0  # ...unless another entry is nearly as close
ASK_SCORE = 75.0  # below this we do not guess
CHOICE_WINDOW = 15.0
MAX_CHOICES = 3
MAX_TERM_WORDS = 6
BARE_WORDS = 3  # a question of at most this many words, without a pattern, is the term itself

_Q = r"(?:het\s+woord\s+|de\s+term\s+|het\s+begrip\s+|de\s+uitdrukking\s+|the\s+word\s+|the\s+term\s+)?"
_FILL_NL = (r"(?:nog\s+(?:steeds\s+)?|eigenlijk\s+|wel\s+|ook\s+|gewoon\s+|nou\s+|dan\s+|echt\s+|niet\s+"
            r"|tegenwoordig\s+)*")
_JUDGE_NL = (r"(?:kwetsend|beledigend|racistisch|discriminerend|seksistisch|validistisch|ok|oke|okee|oké"
             r"|goed|fout|erg|verkeerd|gevoelig|achterhaald|ouderwets|negatief|toegestaan|gepast|ongepast|respectvol"
             r"|correct|politiek|gangbaar|normaal|neutraal|inclusief|scheldwoord|probleem|taboe|woord|term"
             r"|begrip|beter|slecht|netjes|kwaad|not\s+done)")
_JUDGE_EN = (r"(?:ok|okay|offensive|problematic|racist|sexist|ableist|acceptable|appropriate|inappropriate"
             r"|fine|bad|wrong|derogatory|hurtful|slur|allowed|inclusive|word|term|insult|outdated|politically"
             r"|rude|harmful|a\s+problem)")
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    # Dutch
    rf"\b(?:is|vind\s+(?:je|jij|u)|vinden\s+jullie)\s+het\s+(?:nog\s+)?(?:ok|oke|oké|okee|goed|erg|fout|prima"
    rf"|gepast|netjes|verstandig|handig|beter)\s+(?:om\s+)?{_Q}(?P<t>.+?)\s+te\s+(?:zeggen|gebruiken|schrijven|noemen)",
    rf"\b(?:mag|kan|kun|kunnen|mogen)\s+(?:ik|je|jij|men|we|wij|u|jullie)\s+{_FILL_NL}{_Q}(?P<t>.+?)\s+"
    rf"{_FILL_NL}(?:zeggen|gebruiken|schrijven|noemen)\b",
    rf"\b(?:beter|ander|goed|passend|neutraal|inclusief|alternatief|netter|vriendelijker)e?\s+(?:woord|term"
    rf"|omschrijving|benaming|begrip|uitdrukking|alternatief)\s+(?:voor|dan|in\s+plaats\s+van)\s+{_Q}(?P<t>.+)$",
    rf"\balternatie(?:f|ven)\s+(?:voor|van|op)\s+{_Q}(?P<t>.+)$",
    rf"\b(?:in\s+plaats\s+van|i\.?p\.?v\.?)\s+{_Q}(?P<t>.+?)(?:\s+(?:zeggen|gebruiken|schrijven))?$",
    rf"\bwaarom\s+(?:is|mag|zeg\s+je)\s+{_Q}(?P<t>.+?)\s+(?:niet|kwetsend|fout|verkeerd|beledigend|racistisch"
    rf"|discriminerend|ongepast|een\s+probleem|meer)\b",
    rf"\bwat\s+is\s+er\s+(?:mis|fout|verkeerd)\s+(?:met|aan)\s+{_Q}(?P<t>.+)$",
    rf"(?:^|\s)(?:is|zijn)\s+{_Q}(?P<t>.+?)\s+{_FILL_NL}(?:(?:nog\s+)?een\s+(?:\w+\s+)?)?{_JUDGE_NL}\b",
    rf"\bwat\s+(?:betekent|betekenen|bedoel(?:en)?\s+(?:je|ze|we|jullie)\s+met)\s+{_Q}(?P<t>.+)$",
    # English
    rf"\bis\s+it\s+(?:still\s+)?(?:ok|okay|fine|alright|acceptable|appropriate|offensive|rude|wrong|bad)\s+to"
    rf"\s+(?:say|use|write)\s+{_Q}(?P<t>.+?)(?:\s+(?:anymore|any\s+more|at\s+work))?$",
    rf"\b(?:can|may|should)\s+(?:i|we|you|one)\s+(?:still\s+)?(?:say|use|write)\s+{_Q}(?P<t>.+?)"
    rf"(?:\s+(?:anymore|any\s+more|still|at\s+work))?$",
    rf"\b(?:better|other|alternative|another|good|inclusive|neutral|nicer|different)\s+(?:word|term|phrase"
    rf"|expression|way\s+to\s+say)\s+(?:for|than|to|instead\s+of)\s+{_Q}(?P<t>.+)$",
    rf"\balternatives?\s+(?:to|for)\s+{_Q}(?P<t>.+)$",
    rf"\binstead\s+of\s+(?:saying\s+)?{_Q}(?P<t>.+)$",
    rf"\bwhat(?:'s|’s|\s+is)\s+wrong\s+with\s+{_Q}(?P<t>.+)$",
    rf"\bwhy\s+(?:is|are)\s+{_Q}(?P<t>.+?)\s+(?:offensive|wrong|bad|problematic|racist|sexist|ableist|not\s+ok"
    rf"|a\s+problem)\b",
    rf"(?:^|\s)(?:is|are)\s+{_Q}(?P<t>.+?)\s+(?:still\s+|really\s+|actually\s+|considered\s+)*"
    rf"(?:an?\s+(?:\w+\s+)?)?{_JUDGE_EN}\b",
    rf"\bwhat\s+does\s+{_Q}(?P<t>.+?)\s+mean\b",
)]
# "het woord X" / "the word X": X is the asked word unless a pattern above found a phrase starting with it.
_NAMED = re.compile(r"\b(?:het\s+woord|de\s+term|het\s+begrip|the\s+word|the\s+term)\s+(?P<t>[^\s,.;:!?]+)",
                    re.IGNORECASE)
_QUOTE = re.compile(r"[\"“„«‹‘]([^\"“”„«»‹›‘’]{1,60})[\"”“»›’]|(?<![\w’'])'([^'\n]{1,60})'(?![\w])")
# Words trimmed off both ends of an extracted term, and "terms" that are no term at all.
_EDGE_WORDS = frozenset((
    "het", "de", "een", "the", "a", "an", "nog", "wel", "eigenlijk", "gewoon", "nou", "dan", "still",
    "anymore", "zeggen", "gebruiken", "say", "use", "woord", "term", "begrip", "word",
))
_NOT_A_TERM = frozenset((
    "dit", "dat", "het", "er", "die", "deze", "dit woord", "dat woord", "it", "this", "that", "these",
    "those", "there",
))


@dataclass(frozen=True)
class LookupResult:
    """found: entry is set; ambiguous: choices to offer; unknown: term holds what was asked (or None)."""

    outcome: Outcome
    entry: GlossaryEntry | None = None
    choices: tuple[GlossaryEntry, ...] = ()
    term: str | None = None
    score: float = 0.0


def _clean(raw: str) -> str | None:
    words = raw.strip(" \t\"'“”„«»‹›‘’`?!.,:;()").split()
    while words and words[0].lower() in _EDGE_WORDS:
        words.pop(0)
    while words and words[-1].lower() in _EDGE_WORDS:
        words.pop()
    term = " ".join(words).strip(" \"'“”„«»‹›‘’`?!.,:;()")
    if not term or len(words) > MAX_TERM_WORDS or term.lower() in _NOT_A_TERM:
        return None
    return term


def extract_asked_term(question: str) -> str | None:
    """The word a question is about: a quoted word, or the X in 'mag ik X zeggen', 'is X ok?', ..."""
    text = " ".join(question.split()).strip()
    quoted = _QUOTE.search(text)
    if quoted:
        term = _clean(quoted.group(1) or quoted.group(2) or "")
        if term:
            return term
    text = text.rstrip("?!. ")
    named_match = _NAMED.search(text)
    named = _clean(named_match.group("t")) if named_match else None
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if m:
            term = _clean(m.group("t"))
            if term:
                if named and not term.lower().startswith(named.lower()):
                    return named
                return term
    return named


class TermLookup:
    """Finds the glossary entry a question is about; indexes every form, alias and headword."""

    def __init__(self, glossary: Glossary, checker: Checker | None = None) -> None:
        self.glossary = glossary
        self._checker = checker if checker is not None else Checker(glossary)
        index: dict[str, list[str]] = {}
        for entry in glossary.entries.values():
            for text in [entry.term, *entry.forms, *entry.context_forms, *entry.aliases]:
                for key in {norm_key(text), norm_key(text).replace(" ", "")}:
                    ids = index.setdefault(key, [])
                    if entry.id not in ids:
                        ids.append(entry.id)
        self._index = index
        self._keys = list(index)

    def mentioned_terms(self, text: str) -> list[tuple[str, int, int]]:
        """Glossary terms mentioned in text (also Q&A-only ones): (entry id, start, end) in text."""
        return self._checker.mentions(text)

    def extract_asked_term(self, question: str) -> str | None:
        return extract_asked_term(question)

    def lookup(self, question: str) -> LookupResult:
        """found (entry), ambiguous (choices: 'Bedoel je ...?') or unknown (term: what was asked, or None)."""
        asked = extract_asked_term(question)
        if asked is None and len(WORD.findall(question)) <= BARE_WORDS:
            asked = _clean(question)  # a bare word or two: 'alochton?', 'wheelchair bound'
        if asked is not None:
            return self._resolve(asked) or LookupResult("unknown", term=asked)
        ids = list(dict.fromkeys(entry_id for entry_id, _, _ in self.mentioned_terms(question)))
        if ids:
            return self._result(ids, 100.0)
        return LookupResult("unknown", term=None)

    def _result(self, ids: list[str], score: float) -> LookupResult:
        entries = tuple(self.glossary.entries[i] for i in ids)
        if len(entries) == 1:
            return LookupResult("found", entry=entries[0], score=score)
        return LookupResult("ambiguous", choices=entries[:MAX_CHOICES], score=score)

    def _resolve(self, asked: str) -> LookupResult | None:
        key = norm_key(asked)
        if not key:
            return None
        if key in self._index:
            return self._result(self._index[key], 100.0)
        ids = list(dict.fromkeys(entry_id for entry_id, _, _ in self.mentioned_terms(asked)))
        if ids:
            return self._result(ids, 100.0)
        return self._fuzzy(key)

    def _fuzzy(self, key: str) -> LookupResult | None:
        best: dict[str, float] = {}
        candidates = process.extract(key, self._keys, scorer=fuzz.ratio, limit=20, score_cutoff=70)
        for choice, score, _ in candidates:
            for entry_id in self._index[choice]:
                best[entry_id] = max(best.get(entry_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < ASK_SCORE:
            return None
        top_id, top = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if top >= FOUND_SCORE and runner_up < top - FOUND_MARGIN:
            return LookupResult("found", entry=self.glossary.entries[top_id], score=top)
        choices = [i for i, s in ranked if s >= max(70.0, top - CHOICE_WINDOW)][:MAX_CHOICES]
        return LookupResult("ambiguous", choices=tuple(self.glossary.entries[i] for i in choices), score=top)
