"""Find non-inclusive wording in a text, with alternatives and exact offsets into the original text.

Pipeline (reference §3.4): fold the text (keeping a map back to the original offsets), split it into
words, then look for exact forms and phrases (also hyphenated and with words in between), Dutch
compounds that contain a term, and typos of terms in words that are not real words. Context rules,
quotes and allowed phrases (such as the alternatives themselves) remove hits; the longest match wins.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from knowledge.glossary import LEVEL_RANK, Glossary, GlossaryEntry, Window, WordList
from knowledge.textnorm import Folded, Tokens, fold, norm_words, tokenize

MAX_CHARS = 20_000
LANGS = ("nl", "en")

# Real words that are easy to mistype into a term, or that contain one (reference §3.6, §4). Never a form:
# a token this close to a confusable is not taken for a typo of a term.
CONFUSABLES = (
    "negeren", "negeer", "negeert", "negeerde", "negeerden", "genegeerd", "verslaafd", "verslaafde",
    "slaafs", "slaafse", "slaap", "slapen", "blanco", "bank", "banken", "indische", "indisch", "indiaas",
    "indiase", "indier", "indiers", "koffer", "koffers", "niger", "nigeria", "manager", "managers",
    "mandaat", "invalid", "invalids", "invalidate", "indiana", "indianapolis", "mongolie", "mongools",
    "mongoolse", "slavisch", "slavische", "sloven", "slavery", "menskracht", "blanket", "blinken",
    "eskimorol", "berbertapijt", "exoten", "exoot", "bemensing", "bemensen",
)
# Before a term these words make it a mention, not a use: "het woord allochtoon", "alternatief voor X".
_MENTION_CUES = (
    ("woord",), ("woorden",), ("term",), ("termen",), ("begrip",), ("uitdrukking",), ("word",), ("words",),
    ("phrase",), ("expression",), ("woord", "voor"), ("term", "voor"), ("alternatief", "voor"),
    ("plaats", "van"), ("word", "for"), ("term", "for"), ("instead", "of"), ("alternative", "to"),
    ("alternative", "for"), ("woord", "dan"), ("word", "than"),
)
_CUES_BY_LAST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _cue in _MENTION_CUES:
    _CUES_BY_LAST_WORD.setdefault(_cue[-1], []).append(_cue)
_QUOTED = re.compile(
    r"\"([^\"\n]{1,80})\"|“([^”“\n]{1,80})[”“]|„([^”“\n]{1,80})[”“]|«([^»\n]{1,80})»|‹([^›\n]{1,80})›"
    r"|‘([^’\n]{1,80})’|(?<![\w’'])'([^'\n]{1,80})'(?![\w])"
)
_MENTION_MAX_WORDS = 4
_LONG_STEM = 8
_SHORT_QUESTION = 6  # words: 'is blank een probleem?' is about the word whatever its context
_MAX_HYPHEN_PARTS = 4  # 'gehandicapten-parkeer-kaart' at most; keeps 'a-a-a-a-...' linear

_EXACT, _COMPOUND, _FUZZY, _NEAR = 0, 1, 2, 3


class TextTooLongError(ValueError):
    """The text is longer than MAX_CHARS."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged span: text[start:end] == match, in Python string indices of the original text."""

    start: int
    end: int
    match: str
    term: str
    alternatives: list[str]
    reason: str
    level: str
    entry_id: str


@dataclass(frozen=True, slots=True)
class _Near:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    before: int
    after: int

    def has(self, word: str) -> bool:
        return word in self.exact or word.startswith(self.prefixes)


@dataclass(frozen=True, slots=True)
class _Rule:
    """An entry, compiled for matching."""

    entry: GlossaryEntry
    rank: int
    requires: _Near | None
    standalone: bool
    standalone_after: frozenset[str]
    unless: _Near | None
    not_before: tuple[tuple[str, ...], ...]
    not_after: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class _Hit:
    first: int  # word index
    last: int  # word index, exclusive
    rule: _Rule
    context: bool  # a context form: its requirement must hold
    kind: int


@dataclass(slots=True)
class _Doc:
    text: str
    folded: Folded
    tokens: Tokens
    langs: list[str | None]  # per sentence
    quotes: list[tuple[int, int]] | None = None  # short quoted spans, found when first needed

    def short_quotes(self) -> list[tuple[int, int]]:
        if self.quotes is None:
            self.quotes = [
                m.span() for m in _QUOTED.finditer(self.text)
                if len(next(g for g in m.groups() if g is not None).split()) <= _MENTION_MAX_WORDS
            ]
        return self.quotes


def _reach(spans: list[tuple[int, int]], n: int) -> list[int]:
    """reach[i]: the furthest end of a span that starts at or before word i (contains = reach >= last)."""
    reach = [0] * (n + 1)
    for first, last in spans:
        reach[first] = max(reach[first], last)
    for i in range(1, n + 1):
        reach[i] = max(reach[i], reach[i - 1])
    return reach


class Checker:
    """Checks texts against a glossary; indexes are built once, check() is pure."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._stop = {"nl": glossary.wordsets.get("stop_nl", frozenset()),
                      "en": glossary.wordsets.get("stop_en", frozenset())}
        self._lex = WordList(glossary.lexicon)
        self._single: dict[str, list[tuple[_Rule, bool]]] = {}
        self._multi: dict[str, list[tuple[tuple[str, ...], _Rule, bool]]] = {}
        self._protect: dict[str, list[tuple[str, ...]]] = {}
        self._allow_prefixes: list[str] = []
        self._prox: dict[str, list[tuple[_Rule, frozenset[str], int, bool]]] = {}
        self._mod: dict[str, list[_Rule]] = {}
        self._head: dict[str, list[_Rule]] = {}
        self._fuzzy: dict[tuple[str, int], list[tuple[str, _Rule, bool]]] = {}  # (first letter, length)
        self._confusables: set[str] = set(CONFUSABLES)
        for entry in glossary.entries.values():
            self._add(entry)
        self._guard = self._lex.words["nl"] | self._lex.words["en"] | self._confusables
        self._mod_lengths = sorted({len(k) for k in self._mod}, reverse=True)
        self._head_lengths = sorted({len(k) for k in self._head}, reverse=True)
        self._only = {"nl": frozenset(self._lex.words["nl"] - self._lex.words["en"]),
                      "en": frozenset(self._lex.words["en"] - self._lex.words["nl"])}
        self._allow = tuple(self._allow_prefixes)
        self._fuzzy_cache: dict[str, list[tuple[_Rule, bool]]] = {}

    # ------------------------------------------------------------------ building the indexes
    def _near(self, window: Window | None) -> _Near | None:
        if window is None or not window.words:
            return None
        words = self.glossary.expand(window.words)
        return _Near(frozenset(w for w in words if not w.endswith("*")),
                     tuple(w[:-1] for w in words if w.endswith("*")), window.before, window.after)

    def _add(self, entry: GlossaryEntry) -> None:
        req = entry.requires
        rule = _Rule(
            entry=entry,
            rank=LEVEL_RANK[entry.level],
            requires=self._near(req),
            standalone=bool(req and req.standalone),
            standalone_after=self.glossary.expand(req.standalone_after) if req else frozenset(),
            unless=self._near(entry.unless_near),
            not_before=tuple(w for w in (norm_words(p) for p in entry.not_preceded_by) if w),
            not_after=tuple(w for w in (norm_words(p) for p in entry.not_followed_by) if w),
        )
        for form, context in [(f, False) for f in entry.forms] + [(f, True) for f in entry.context_forms]:
            words = norm_words(form)
            variants = {words}
            if len(words) > 1 and "-" in form:
                variants.add(("".join(words),))
            for variant in variants:
                self._add_pattern(variant, rule, context)
        for prox in entry.proximity:
            second = frozenset(w for f in prox.second for w in norm_words(f))
            for f in prox.first:
                for w in norm_words(f):
                    self._prox.setdefault(w, []).append((rule, second, prox.max_gap, prox.any_order))
        for phrase in [*entry.allow, *(f for f in entry.false_friends if len(norm_words(f)) > 1)]:
            words = norm_words(phrase)
            if len(words) == 1:
                self._allow_prefixes.append(words[0])
            self._protect.setdefault(words[0], []).append(words)
        for alt in entry.alternatives:
            for part in re.split(r"[;,()]| / | of | or ", alt.text):
                words = norm_words(part)
                self._lex.words[entry.lang].update(words)
                if len(words) > 1:
                    self._protect.setdefault(words[0], []).append(words)
        for ff in entry.false_friends:
            words = norm_words(ff)
            self._lex.words[entry.lang].update(words)
            if len(words) == 1:
                self._confusables.add(words[0])

    def _add_pattern(self, words: tuple[str, ...], rule: _Rule, context: bool) -> None:
        entry = rule.entry
        if len(words) > 1:
            bucket = self._multi.setdefault(words[0], [])
            bucket.append((words, rule, context))
            bucket.sort(key=lambda p: -len(p[0]))
            return
        word = words[0]
        self._single.setdefault(word, []).append((rule, context))
        if entry.check and not context and len(word) >= 6 and word.isalpha():
            self._fuzzy.setdefault((word[0], len(word)), []).append((word, rule, context))
        if not context and len(word) >= 5 and entry.compound in ("modifier", "both"):
            self._mod.setdefault(word, []).append(rule)
        if not context and len(word) >= 5 and entry.compound in ("head", "both"):
            self._head.setdefault(word, []).append(rule)

    # ------------------------------------------------------------------ public API
    def check(self, text: str, lang: str | None = None) -> list[Finding]:
        """Findings for text (at most MAX_CHARS characters), sorted by position."""
        if lang is not None and lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS} or None")
        if len(text) > MAX_CHARS:
            raise TextTooLongError(f"text has {len(text)} characters; the limit is {MAX_CHARS}")
        if not text.strip():
            return []
        doc = self._doc(text, lang)
        kept: list[_Hit] = []
        # Allowed phrases cover what is inside them; a span the context rules turned down covers the
        # same entry's shorter spans ("Doven en slechthorenden" is an identity, so is "slechthorenden").
        n = len(doc.tokens.words)
        covered = {"": _reach(self._protected(doc), n)}
        turned_down: dict[str, list[tuple[int, int]]] = {}
        for hit in self._hits(doc):
            if not hit.rule.entry.check:
                continue
            if self._keep(hit, doc):
                kept.append(hit)
            elif hit.last - hit.first > 1:
                turned_down.setdefault(hit.rule.entry.id, []).append((hit.first, hit.last))
        covered.update({entry_id: _reach(spans, n) for entry_id, spans in turned_down.items()})
        no_reach = covered[""]
        hits = [h for h in kept if covered[""][h.first] < h.last
                and covered.get(h.rule.entry.id, no_reach)[h.first] < h.last]
        findings = []
        for hit in self._resolve(hits, doc):
            entry = hit.rule.entry
            start, end = doc.folded.span(doc.tokens.starts[hit.first], doc.tokens.ends[hit.last - 1])
            alternatives = [a.text for a in entry.alternatives]
            findings.append(Finding(start, end, text[start:end], entry.term, alternatives, entry.reason,
                                    entry.level, entry.id))
        return findings

    def mentions(self, text: str) -> list[tuple[str, int, int]]:
        """Glossary terms mentioned in a question, Q&A-only ones too: (entry id, start, end).

        Use and mention are the same here ('mag ik allochtoon zeggen?'), so quotes and context rules
        do not remove a term. A word that is only a term in context ('blank', 'bruine', 'slachtoffer van')
        counts when its context holds, when it is quoted or named ('het woord blank'), or when the
        question is short ('is blank ok?'), so 'ik ben slachtoffer van pesten' is no question about a word.
        """
        if not text.strip() or len(text) > MAX_CHARS:
            return []
        doc = self._doc(text, None)
        short = len(doc.tokens.words) <= _SHORT_QUESTION
        hits = [h for h in self._hits(doc)
                if not h.context or short or self._required(h, doc) or self._mentioned(h, doc)]
        out = []
        for hit in self._resolve(hits, doc):
            start, end = doc.folded.span(doc.tokens.starts[hit.first], doc.tokens.ends[hit.last - 1])
            out.append((hit.rule.entry.id, start, end))
        return out

    # ------------------------------------------------------------------ analysis
    def _doc(self, text: str, lang: str | None) -> _Doc:
        folded = fold(text)
        tokens = tokenize(folded.text)
        n_sent = tokens.sentence[-1] + 1 if tokens.words else 0
        if lang is not None:
            return _Doc(text, folded, tokens, [lang] * n_sent)
        score = [0] * n_sent
        nl_only, en_only = self._only["nl"], self._only["en"]
        for word, sent in zip(tokens.words, tokens.sentence, strict=True):
            if word in nl_only:
                score[sent] += 1
            elif word in en_only:
                score[sent] -= 1
        total = sum(score)
        fallback = "nl" if total > 1 else "en" if total < -1 else None
        langs: list[str | None] = [
            "nl" if s > 0 else "en" if s < 0 else fallback for s in score
        ]
        return _Doc(text, folded, tokens, langs)

    def _hits(self, doc: _Doc) -> Iterable[_Hit]:
        tk = doc.tokens
        words, joined, hyphen = tk.words, tk.joined, tk.hyphen
        n = len(words)
        for i, word in enumerate(words):
            for pattern, rule, context in self._multi.get(word, ()):
                k = len(pattern)
                if i + k <= n and all(words[i + j] == pattern[j] and joined[i + j] for j in range(1, k)):
                    yield _Hit(i, i + k, rule, context, _EXACT)
            for rule, second, gap, any_order in self._prox.get(word, ()):
                yield from self._near_pair(doc, i, rule, second, gap, any_order)
            last = i + 1
            token = word
            while True:
                yield from self._single_hits(token, i, last)
                if last < n and hyphen[last] and last - i < _MAX_HYPHEN_PARTS:
                    token += words[last]
                    last += 1
                else:
                    break

    def _single_hits(self, token: str, first: int, last: int) -> Iterable[_Hit]:
        found = self._single.get(token)
        if found is None and token.endswith("'s"):
            found = self._single.get(token[:-2])
        if found:
            for rule, context in found:
                yield _Hit(first, last, rule, context, _EXACT)
            return
        if len(token) < 6 or token in self._guard or token.startswith(self._allow):
            return
        compound = self._compound(token)
        if compound is not None:
            yield _Hit(first, last, compound, False, _COMPOUND)
            return
        for rule, context in self._typo(token):
            yield _Hit(first, last, rule, context, _FUZZY)

    def _near_pair(self, doc: _Doc, i: int, rule: _Rule, second: frozenset[str], gap: int,
                   any_order: bool) -> Iterable[_Hit]:
        tk = doc.tokens
        lo = max(0, i - gap - 1) if any_order else i + 1
        for j in range(lo, min(len(tk.words), i + gap + 2)):
            if j != i and tk.words[j] in second and tk.sentence[j] == tk.sentence[i]:
                yield _Hit(min(i, j), max(i, j) + 1, rule, False, _NEAR)
                return

    # ------------------------------------------------------------------ compounds and typos
    def _compound(self, token: str) -> _Rule | None:
        size = len(token)
        for length in self._mod_lengths:
            if length <= size - 3 and (rules := self._mod.get(token[:length])):
                rest = token[length:]
                for rule in rules:
                    lang, long_stem = rule.entry.lang, length >= _LONG_STEM
                    linked = rest[1:] if rest.startswith("s") and len(rest) > 3 else rest  # linking -s-
                    if self._lex.plausible(rest, lang, long_stem) or self._lex.plausible(linked, lang, False):
                        return rule
        for length in self._head_lengths:
            if length <= size - 3 and (rules := self._head.get(token[-length:])):
                for rule in rules:
                    if self._lex.plausible(token[:-length], rule.entry.lang, length >= _LONG_STEM):
                        return rule
        return None

    def _typo(self, token: str) -> list[tuple[_Rule, bool]]:
        """Entries with a form closest to a token that is no real word (1 typo allowed; 2 from 10 letters)."""
        if token in self._fuzzy_cache:
            return self._fuzzy_cache[token]
        result: list[tuple[_Rule, bool]] = []
        if token.isalpha():
            size = len(token)
            budget = 1 if size < 10 else 2
            best_distance = budget + 1
            for length in range(size - budget, size + budget + 1):
                for form, rule, context in self._fuzzy.get((token[0], length), ()):
                    distance = OSA.distance(token, form, score_cutoff=budget)
                    if distance < best_distance:
                        best_distance, result = distance, [(rule, context)]
                    elif distance == best_distance <= budget and (rule, context) not in result:
                        result.append((rule, context))
            if result and (self._lex.looks_real(token) or any(
                    OSA.distance(token, c, score_cutoff=best_distance) <= best_distance
                    for c in self._confusables if abs(len(c) - size) <= best_distance)):
                result = []
        if len(self._fuzzy_cache) > 50_000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[token] = result
        return result

    # ------------------------------------------------------------------ context rules
    def _keep(self, hit: _Hit, doc: _Doc) -> bool:
        rule, tk = hit.rule, doc.tokens
        entry = rule.entry
        sent = tk.sentence[hit.first]
        sent_lang = doc.langs[sent]
        strict = hit.context or entry.same_lang_only
        if strict and sent_lang is not None and sent_lang != entry.lang:
            return False
        if (entry.capital_means_other or hit.kind == _FUZZY) and self._proper_noun(hit.first, doc):
            return False
        if rule.not_before and any(self._ends_before(doc, hit.first, p) for p in rule.not_before):
            return False
        if rule.not_after and any(self._starts_after(doc, hit.last, p) for p in rule.not_after):
            return False
        if hit.context and not self._required(hit, doc):
            return False
        if rule.unless is not None and self._has_near(doc, hit, rule.unless):
            return False
        return not self._mentioned(hit, doc)

    @staticmethod
    def _ends_before(doc: _Doc, first: int, phrase: tuple[str, ...]) -> bool:
        tk = doc.tokens
        k = len(phrase)
        return first - k >= 0 and tk.sentence[first - k] == tk.sentence[first] and \
            tuple(tk.words[first - k: first]) == phrase

    @staticmethod
    def _starts_after(doc: _Doc, last: int, phrase: tuple[str, ...]) -> bool:
        tk = doc.tokens
        k = len(phrase)
        return last + k <= len(tk.words) and tk.sentence[last] == tk.sentence[last - 1] and \
            tuple(tk.words[last: last + k]) == phrase

    @staticmethod
    def _has_near(doc: _Doc, hit: _Hit, near: _Near) -> bool:
        tk = doc.tokens
        sent = tk.sentence[hit.first]
        for k in range(max(0, hit.first - near.before), hit.first):
            if tk.sentence[k] == sent and near.has(tk.words[k]):
                return True
        for k in range(hit.last, min(len(tk.words), hit.last + near.after)):
            if tk.sentence[k] == sent and near.has(tk.words[k]):
                return True
        return False

    def _required(self, hit: _Hit, doc: _Doc) -> bool:
        rule, tk = hit.rule, doc.tokens
        if rule.requires is not None and self._has_near(doc, hit, rule.requires):
            return True
        if not rule.standalone:
            return False
        sent = tk.sentence[hit.first]
        if rule.standalone_after and not (hit.first > 0 and tk.sentence[hit.first - 1] == sent
                                          and tk.words[hit.first - 1] in rule.standalone_after):
            return False
        nxt = hit.last
        if nxt >= len(tk.words) or tk.sentence[nxt] != sent:
            return True
        return tk.words[nxt] in self._stop[rule.entry.lang]

    @staticmethod
    def _proper_noun(first: int, doc: _Doc) -> bool:
        """A capital inside a sentence: 'Mongool' (from Mongolia), 'Slaven' (Slavs), 'Doven'."""
        tk = doc.tokens
        if first == 0 or tk.sentence[first - 1] != tk.sentence[first]:
            return False
        start, end = doc.folded.span(tk.starts[first], tk.ends[first])
        original = doc.text[start:end]
        return original[:1].isupper() and not original.isupper()

    def _mentioned(self, hit: _Hit, doc: _Doc) -> bool:
        """A mention, not a use: 'het woord allochtoon', or the term alone between quotes."""
        tk = doc.tokens
        first = hit.first
        if first > 0 and tk.sentence[first - 1] == tk.sentence[first]:
            for cue in _CUES_BY_LAST_WORD.get(tk.words[first - 1], ()):
                if self._ends_before(doc, first, cue):
                    return True
        quotes = doc.short_quotes()
        if not quotes:
            return False
        start, end = doc.folded.span(tk.starts[hit.first], tk.ends[hit.last - 1])
        k = bisect_right(quotes, (start, len(doc.text))) - 1
        return k >= 0 and quotes[k][0] < start and end < quotes[k][1]

    def _protected(self, doc: _Doc) -> list[tuple[int, int]]:
        tk = doc.tokens
        words, joined, hyphen = tk.words, tk.joined, tk.hyphen
        spans = []
        allow = self._allow
        for i, word in enumerate(words):
            for pattern in self._protect.get(word, ()):
                k = len(pattern)
                if i + k <= len(words) and all(words[i + j] == pattern[j] and joined[i + j]
                                               for j in range(1, k)):
                    spans.append((i, i + k))
            if allow:
                last, token = i + 1, word
                while last < len(words) and hyphen[last] and last - i < _MAX_HYPHEN_PARTS:
                    token += words[last]
                    last += 1
                if last > i + 1 and token.startswith(allow):
                    spans.append((i, last))
        return spans

    # ------------------------------------------------------------------ overlaps
    @staticmethod
    def _resolve(hits: list[_Hit], doc: _Doc) -> list[_Hit]:
        """Longest span wins (far-apart pairs last); then the sentence's language, exact first, level."""
        tk = doc.tokens

        def order(h: _Hit) -> tuple[bool, int, int, int, int, int]:
            width = tk.ends[h.last - 1] - tk.starts[h.first]
            lang = doc.langs[tk.sentence[h.first]]
            # Words found apart ('werkte jarenlang zwart') only count where no listed form or phrase is.
            return (h.kind == _NEAR, -width, 0 if lang in (None, h.rule.entry.lang) else 1, h.kind,
                    h.rule.rank, h.first)

        taken: list[_Hit] = []
        occupied = bytearray(len(tk.words) + 1)
        for hit in sorted(hits, key=order):
            if not any(occupied[hit.first: hit.last]):
                occupied[hit.first: hit.last] = b"\x01" * (hit.last - hit.first)
                taken.append(hit)
        return sorted(taken, key=lambda h: h.first)
