"""Match an employee's message to knowledge entries: features, weights, scores, outcome."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from knowledge.lexicon import Lexicon
from knowledge.loader import KnowledgeBase
from knowledge.models import Entry
from knowledge.normalize import stem, tokens

SOCIAL = frozenset({"hallo", "bedankt", "help"})
# Features too general to outweigh a greeting, thanks or a call for help.
GENERIC = frozenset({"waar", "wanneer", "open", "zelf", "collega", "bot"})
# How, where and in what one asks ("waar meld ik dat?", "bij het stadhuis", "mail me"): no sign of
# a subject of ours next to another subject.
ASKING = frozenset({"melden", "place", "tekst"})
# Unseen words weigh fully in messages of up to this many features, then less (not below the floor).
SHORT_QUERY = 3
UNSEEN_FLOOR = 0.3
# Score factor for an entry whose area needs context the message lacks.
MISSING_CONTEXT = 0.6
TERM_FEATURE = "@term"
# Phrases that only open or soften a message ('quick question:', 'even checken'): dropped like
# stop-words, so their words ('question') do not count as a subject.
FILLER = "filler"
# Words of subjects the bot does not cover (lexicon concept): never part of an
# example, always weighing fully in a message.
OFFTOPIC = "offtopic"
# Weight of the message's coverage over the example's in the F-measure (< 1: the
# message's words must be explained).
BETA = 0.7
# A message with more features than this that tells a story first is matched on its question.
LONG_QUERY = 8
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# Personal pronouns: stop-words in a sentence, the subject of the question when quoted.
PRONOUNS = frozenset(
    {"hij", "zij", "ze", "hen", "hun", "die", "diens", "he", "she", "they", "them", "their", "xe"}
)
# Concepts that make a message a question about a word.
WORD_QUESTION = frozenset({"woord", "kwetsend", "alternatief", "betekenis"})
_QUOTED = re.compile(r"['\"‘’“”„«»][^'\"‘’“”„«»]{2,60}['\"‘’“”„«»]")

Outcome = Literal["answer", "clarify", "fallback"]
# Returns the words of the term a message asks about ("mag ik X zeggen?"), if any.
TermTagger = Callable[[str], Sequence[str]]


class Analyzer:
    """Turns text into matching features: synonyms joined, stop-words dropped, typos mended."""

    def __init__(self, lexicon: Lexicon, term_tagger: TermTagger | None = None) -> None:
        self.lexicon = lexicon
        self.term_tagger = term_tagger
        self._targets: dict[str, str] = {}
        self._target_keys: list[str] = []

    def learn_vocabulary(self, features: set[str]) -> None:
        """Words the fuzzy step may mend towards: features of examples and one-word synonyms."""
        targets = {f: f for f in features if not f.startswith("@")}
        for key, concept in self.lexicon.phrases.items():
            if len(key) == 1 and len(key[0]) >= 4:
                targets.setdefault(key[0], concept)
        self._targets = targets
        self._target_keys = sorted(targets)  # a fixed order: ties between typo targets break alike everywhere

    def _concept(self, token: str) -> str | None:
        for core, concept in self.lexicon.prefixes:
            if token.startswith(core):
                return concept
        for core, concept in self.lexicon.contains:
            if core in token:
                return concept
        return None

    def _mend(self, token: str) -> list[str]:
        """Map an unknown token to known ones: a typo (edit distance) or a compound split."""
        if len(token) < 6 or not self._target_keys:
            return [token]
        budget = 1 if len(token) < 8 else 2
        hit = process.extractOne(token, self._target_keys, scorer=Levenshtein.distance, score_cutoff=budget)
        if hit is not None and hit[0][0] == token[0]:
            return [self._targets[hit[0]]]
        if len(token) >= 8:
            for i in range(len(token) - 3, 3, -1):
                left, right = token[:i], token[i:]
                for link in ("", "s", "e", "en"):
                    if link and not left.endswith(link):
                        continue
                    head = left[: len(left) - len(link)] if link else left
                    if len(head) < 3:
                        continue
                    a = self._targets.get(head) or self._targets.get(stem(head))
                    b = self._targets.get(right) or self._targets.get(stem(right))
                    if a and b:
                        return [a, b]
        return [token]

    def features(self, text: str) -> list[str]:
        asked = set(self.term_tagger(text)) if self.term_tagger is not None else set()
        if asked and all((w,) in self.lexicon.phrases for w in asked):
            asked = set()  # 'hallo' or 'hee' are greetings the lexicon knows, not glossary typos
        out = self._features(text, asked)
        if WORD_QUESTION.intersection(out):
            # "mag je 'Oost-Europeanen' zeggen?": what is quoted is the word asked about, known to
            # the glossary or not; its parts ('oost') say nothing about the topic.
            quoted = {w for span in _QUOTED.findall(text) for w in tokens(span)}
            if quoted and quoted <= PRONOUNS:
                # "mag ik 'hen' gebruiken?": the word asked about is a pronoun.
                return list(dict.fromkeys([*out, "voornaamwoord"]))
            if quoted - asked:
                out = self._features(text, asked | quoted)
        return out

    def _features(self, text: str, asked: set[str]) -> list[str]:
        toks = tokens(text)
        stems = [stem(t) for t in toks]
        out: list[str] = []
        i = 0
        phrases = self.lexicon.phrases
        while i < len(toks):
            for n in range(min(self.lexicon.max_phrase, len(toks) - i), 0, -1):
                if n == 1 and toks[i] in asked:
                    # The asked word alone carries no topic ('wheelchair' in 'wheelchair-bound').
                    i += 1
                    break
                concept = phrases.get(tuple(toks[i : i + n]))
                if concept is None:
                    concept = phrases.get((*toks[i : i + n - 1], stems[i + n - 1]))
                if concept is not None:
                    if concept != FILLER:
                        out.append(concept)
                    i += n
                    break
            else:
                tok, stemmed = toks[i], stems[i]
                i += 1
                # The asked-about word itself carries no topic; a lexicon concept inside it does.
                if tok in self.lexicon.stopwords or tok in asked:
                    continue
                concept = self._concept(tok) if len(tok) >= 5 else None
                if concept is not None:
                    out.append(concept)
                    continue
                if stemmed in self._targets or tok in self._targets:
                    out.append(self._targets.get(stemmed) or self._targets[tok])
                else:
                    out.extend(self._mend(stemmed))
        if asked or _QUOTED.search(text):
            out.append(TERM_FEATURE)
        if any(f not in SOCIAL and f not in GENERIC and self._topical_concept(f) for f in out):
            # 'hoi, waar is de stilteruimte?' is about the room; 'goeiemorgen allemaal' is a greeting.
            out = [f for f in out if f not in SOCIAL]
        if (
            OFFTOPIC in out
            and sum(self._topical_concept(f) and f not in ASKING for f in self.topical(out)) >= 2
        ):
            # "getuige van discriminatie in de kantine": the canteen is where, not what.
            out = [f for f in out if f != OFFTOPIC]
        return list(dict.fromkeys(out))

    def topical(self, features: Sequence[str]) -> list[str]:
        """The features that say what a message is about: known, and not greetings or filler."""
        return [
            f
            for f in features
            if f not in (OFFTOPIC, TERM_FEATURE) and f not in SOCIAL and f not in GENERIC and self._known(f)
        ]

    def _topical_concept(self, feature: str) -> bool:
        return feature in self.lexicon.concepts or feature.startswith("@")

    def _known(self, feature: str) -> bool:
        return feature in self._targets or feature in self.lexicon.concepts or feature.startswith("@")


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    score: float


@dataclass(frozen=True)
class MatchResult:
    """What the matcher concluded about one message."""

    outcome: Outcome
    topic: str
    score: float
    candidates: tuple[Candidate, ...]
    features: tuple[str, ...]

    @property
    def best(self) -> Entry | None:
        return self.candidates[0].entry if self.candidates else None


class Matcher:
    """Scores every entry against a message; built once per knowledge version."""

    def __init__(self, kb: KnowledgeBase, analyzer: Analyzer) -> None:
        self.kb = kb
        self.analyzer = analyzer
        raw = {e.id: [set(analyzer.features(q)) for _, q in e.questions.all()] for e in kb.entries.values()}
        analyzer.learn_vocabulary({f for sets in raw.values() for s in sets for f in s})
        # Re-analyse now that typos and compounds in the examples can be mended too.
        self._examples: dict[str, list[frozenset[str]]] = {
            e.id: [frozenset(analyzer.features(q)) - {OFFTOPIC} for _, q in e.questions.all()]
            for e in kb.entries.values()
        }
        n = len(self._examples)
        df: dict[str, int] = {}
        for sets in self._examples.values():
            for f in set().union(*sets):
                df[f] = df.get(f, 0) + 1
        self._idf = {f: math.log((n + 1) / (c + 0.5)) for f, c in df.items()}
        self._unknown = max(self._idf.values(), default=1.0)
        # Only examples sharing a feature with the message can score: an inverted index finds
        # them, so matching stays fast with thousands of examples. Scores are computed exactly
        # as before, in the same order, so results do not change.
        self._entry_ids = list(self._examples)
        self._example_sets = [self._examples[eid] for eid in self._entry_ids]
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._example_weights: list[list[float]] = []
        for e, eid in enumerate(self._entry_ids):
            self._example_weights.append([math.fsum(map(self.weight, ex)) for ex in self._examples[eid]])
            for x, ex in enumerate(self._examples[eid]):
                for f in ex:
                    self._postings.setdefault(f, []).append((e, x))

    def weight(self, feature: str, unseen: float | None = None) -> float:
        """A feature's IDF; a word no example uses weighs `unseen` ('offtopic' always fully)."""
        known = self._idf.get(feature)
        if known is not None:
            return known
        return self._unknown if unseen is None or feature == OFFTOPIC else unseen

    @staticmethod
    def _f_measure(wq: float, we: float, m: float) -> float:
        if m == 0:
            return 0.0
        p, r = m / wq, m / we
        b2 = BETA * BETA
        return 100.0 * (1 + b2) * p * r / (b2 * p + r)

    def focus(self, text: str, features: tuple[str, ...]) -> tuple[str, ...]:
        """A long message's features: its question's words, and only the concepts of the rest.

        Someone who first tells what happened ends with what they ask ('bij wie kan ik
        terecht?'). The story's plain words are context that no example has; its concepts
        ('manager', 'opmerking', 'discriminatie') still say what it is about.
        """
        parts = [p for p in _SENTENCE.split(text.strip()) if p.strip()]
        if len(parts) < 2:
            return features
        question = next((p for p in reversed(parts) if "?" in p), parts[-1])
        concepts = self.analyzer.lexicon.concepts
        context = [
            f
            for part in parts
            if part is not question
            for f in self.analyzer.features(part)
            if f in concepts or f.startswith("@")
        ]
        return tuple(dict.fromkeys([*self.analyzer.features(question), *context]))

    def rank(self, features: Sequence[str]) -> list[Candidate]:
        query = set(features)
        if not query:
            return []
        # Words no example uses cannot tell entries apart. In a short message they are a sign of
        # another subject and weigh fully; in a long one (someone telling what happened) they
        # are mostly context, so they weigh less. 'offtopic' always weighs fully.
        unseen = self._unknown * max(UNSEEN_FLOOR, min(1.0, SHORT_QUERY / len(query)))
        # Exact sums (math.fsum): a plain sum follows the set's order, which changes with the
        # process's hash seed, so two instances could break a tie between entries differently.
        weights = {f: self.weight(f, unseen) for f in query}
        wq = math.fsum(weights.values())
        of = weights.__getitem__
        f_measure, examples, example_weights, fsum = (
            self._f_measure,
            self._example_sets,
            self._example_weights,
            math.fsum,
        )
        best: dict[int, float] = {}
        for e, x in {hit for f in query for hit in self._postings.get(f, ())}:
            score = f_measure(wq, example_weights[e][x], fsum(map(of, query & examples[e][x])))
            if score > best.get(e, 0.0):
                best[e] = score
        scored = []
        for e in sorted(best):  # entry order, so equal scores keep their order after the sort
            entry = self.kb.entries[self._entry_ids[e]]
            score = best[e]
            needed = self.analyzer.lexicon.required(entry.topic)
            if needed and not needed & query:
                score *= MISSING_CONTEXT
            if score > 0:
                scored.append(Candidate(entry, score))
        return sorted(scored, key=lambda c: -c.score)

    def match(self, text: str) -> MatchResult:
        features = tuple(self.analyzer.features(text))
        if len(features) > LONG_QUERY:
            features = self.focus(text, features)
        if (
            not self.analyzer.topical(features)
            and not SOCIAL.intersection(features)
            and TERM_FEATURE not in features
        ):
            # Only filler known ('wanneer is de kerstborrel?'): nothing here is ours to answer.
            return MatchResult("fallback", "fallback", 0.0, (), features)
        ranked = self.rank(features)
        if not ranked:
            return MatchResult("fallback", "fallback", 0.0, (), features)
        best = ranked[0]
        limits = self.analyzer.lexicon.threshold(best.entry.topic)
        if best.score >= limits.answer:
            return MatchResult("answer", best.entry.topic, round(best.score, 1), tuple(ranked[:3]), features)
        if best.score >= limits.clarify:
            close = tuple(c for c in ranked[:3] if c.score >= limits.clarify)
            return MatchResult("clarify", best.entry.topic, round(best.score, 1), close, features)
        return MatchResult("fallback", "fallback", round(best.score, 1), tuple(ranked[:3]), features)
