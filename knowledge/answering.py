"""Decide how to answer one message: safety first, then the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from knowledge.check_request import pasted_text
from knowledge.disclosure import looks_like_disclosure
from knowledge.language import detect_lang
from knowledge.matching import OFFTOPIC, TERM_FEATURE, WORD_QUESTION, Matcher
from knowledge.models import Entry, Lang
from knowledge.safety import Signal, check_safety

Kind = Literal["emergency", "answer", "clarify", "fallback"]
EMERGENCY_TOPIC = "report.emergency"
CHECK_TOPIC = "language.check"
GUIDE_TOPIC = "report.start"
TERM_TOPIC = "language.term"
WRITING_TOPICS = frozenset({"language.guide", "language.check"})
# A message that mentions these may be a disclosure: never keep its text.
SENSITIVE = frozenset({"discriminatie", "intimidatie", "seksueel", "gevaar", "politie", "represaille"})


@dataclass(frozen=True)
class Decision:
    """The bot's reading of one message; dialogs turn it into replies."""

    kind: Kind
    topic: str
    score: float
    lang: Lang
    entry: Entry | None = None
    choices: tuple[Entry, ...] = ()
    signal: Signal | None = None
    sensitive: bool = False

    @property
    def keep_text_for_moderators(self) -> bool:
        """Fallbacks and near-misses teach moderators; disclosures and emergencies are never kept."""
        return self.kind in ("fallback", "clarify") and not self.sensitive


class Answerer:
    """Safety check, language, matching: one call per message."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    def decide(self, text: str, locale: str | None = None) -> Decision:
        lang = detect_lang(text, locale)
        check_entry = self.matcher.kb.first_for_topic(CHECK_TOPIC)
        if check_entry is not None and pasted_text(text) is not None:
            # "controleer: <tekst>": the words are the text's, not the writer's situation.
            return Decision("answer", CHECK_TOPIC, 100.0, lang, entry=check_entry)
        safety = check_safety(text)
        if safety.urgent:
            return Decision("emergency", EMERGENCY_TOPIC, 100.0, lang, signal=safety.signal, sensitive=True)
        result = self.matcher.match(text)
        sensitive = bool(SENSITIVE.intersection(result.features)) or looks_like_disclosure(text)
        term_entry = (
            self.matcher.kb.first_for_topic(TERM_TOPIC)
            if result.outcome != "fallback"
            and result.topic in WRITING_TOPICS
            and TERM_FEATURE in result.features
            and WORD_QUESTION.intersection(result.features)
            else None
        )
        if term_entry is not None:
            # "is 'guys' OK when I address my team?": a question about one word, whatever else it
            # touches; the word's own card says more than the general writing guidance.
            return Decision("answer", TERM_TOPIC, result.score, lang, entry=term_entry, sensitive=sensitive)
        if result.outcome == "answer" and result.best is not None:
            return Decision(
                "answer", result.topic, result.score, lang, entry=result.best, sensitive=sensitive
            )
        if result.outcome == "clarify" and OFFTOPIC not in result.features:
            choices = tuple(c.entry for c in result.candidates)
            return Decision("clarify", result.topic, result.score, lang, choices=choices, sensitive=sensitive)
        guide = self.matcher.kb.first_for_topic(GUIDE_TOPIC)
        if guide is not None and looks_like_disclosure(text):
            # Someone telling what is being done to them, in words no example has: not "I don't
            # understand" but the guide to where they can go (it asks nothing about what happened).
            return Decision("answer", GUIDE_TOPIC, result.score, lang, entry=guide, sensitive=True)
        return Decision("fallback", "fallback", result.score, lang, sensitive=sensitive)
