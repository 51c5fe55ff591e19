"""The inclusive-language glossary: entries, word sets and the word list, validated at load."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from knowledge.loader import ContentError, describe, read_yaml
from knowledge.textnorm import norm_key

Lang = Literal["nl", "en"]
Level = Literal["avoid", "reconsider", "info"]
LEVEL_RANK: dict[str, int] = {"avoid": 0, "reconsider": 1, "info": 2}
Compound = Literal["none", "modifier", "head", "both"]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
WORDSETS_FILE = "wordsets.yaml"
LEXICON_DIR = "lexicon"


class GlossaryError(ContentError):
    """A glossary file is broken; the message names the file and the entry id."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Alternative(_Strict):
    """A better wording, and when it fits."""

    text: str = Field(min_length=1)
    when: str = Field(min_length=3)


class Window(_Strict):
    """Words (or @word-set names) looked for within a few words before/after a match."""

    words: list[str] = Field(default_factory=list)
    before: int = Field(default=3, ge=0, le=8)
    after: int = Field(default=3, ge=0, le=8)


class Requirement(Window):
    """When a context form counts: a word nearby, or standing alone (as a noun: 'een blanke')."""

    standalone: bool = False
    standalone_after: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something(self) -> Requirement:
        if not self.words and not self.standalone:
            raise ValueError("requires needs words or standalone: true")
        return self


class Proximity(_Strict):
    """Two words close together in one sentence: 'pleegde zelfmoord', 'heeft zelfmoord gepleegd'."""

    first: list[str] = Field(min_length=1)
    second: list[str] = Field(min_length=1)
    max_gap: int = Field(default=3, ge=0, le=6)
    any_order: bool = True


class Examples(_Strict):
    flag: list[str] = Field(default_factory=list)
    clean: list[str] = Field(default_factory=list)


class GlossaryEntry(_Strict):
    """One term: its forms, how to recognise it in context, and what to say about it."""

    id: str
    lang: Lang
    term: str = Field(min_length=1)
    category: str = Field(min_length=2)
    level: Level
    forms: list[str] = Field(default_factory=list)
    context_forms: list[str] = Field(default_factory=list)
    proximity: list[Proximity] = Field(default_factory=list)
    compound: Compound = "none"
    requires: Requirement | None = None
    unless_near: Window | None = None
    not_preceded_by: list[str] = Field(default_factory=list)
    not_followed_by: list[str] = Field(default_factory=list)
    capital_means_other: bool = False
    same_lang_only: bool = False
    check: bool = True
    alternatives: list[Alternative] = Field(min_length=1)
    reason: str = Field(min_length=10, max_length=400)
    source: str = Field(min_length=2)
    false_friends: list[str] = Field(default_factory=list)
    allow: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    owner: str = Field(min_length=2)
    reviewed: date
    examples: Examples = Field(default_factory=Examples)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id must be lower-case letters, digits or '-'")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> GlossaryEntry:
        if not (self.forms or self.context_forms or self.proximity):
            raise ValueError("an entry needs forms, context_forms or proximity")
        if bool(self.context_forms) != (self.requires is not None):
            raise ValueError("context_forms and requires go together")
        if self.check and not self.examples.flag:
            raise ValueError("a checked entry needs at least one examples.flag sentence")
        for word in [*self.forms, *self.context_forms, *self.false_friends, *self.allow, *self.aliases]:
            if not norm_key(word):
                raise ValueError(f"{word!r} has no letters")
        return self

    @property
    def all_forms(self) -> list[str]:
        return [*self.forms, *self.context_forms]


class _EntryFile(_Strict):
    entries: list[GlossaryEntry] = Field(min_length=1)


class _WordsetsFile(_Strict):
    sets: dict[str, list[str]]


class _LexiconFile(_Strict):
    lang: Lang
    words: str = Field(min_length=1)


@dataclass(frozen=True)
class Glossary:
    """All entries by id, the named word sets and the common-word lists (folded)."""

    entries: dict[str, GlossaryEntry]
    wordsets: dict[str, frozenset[str]]
    lexicon: dict[str, frozenset[str]]
    source_files: tuple[Path, ...] = field(default=())

    def by_lang(self, lang: str) -> list[GlossaryEntry]:
        return [e for e in self.entries.values() if e.lang == lang]

    def expand(self, words: Iterable[str]) -> frozenset[str]:
        """Folded words, with every '@name' replaced by that word set."""
        out: set[str] = set()
        for word in words:
            if word.startswith("@"):
                out |= self.wordsets[word[1:]]
            else:
                out.add(norm_key(word) if not word.endswith("*") else norm_key(word[:-1]) + "*")
        return frozenset(out)

    def is_word(self, folded: str) -> bool:
        """True for a common Dutch or English word (the guard against fuzzy and compound hits)."""
        return folded in self.lexicon["nl"] or folded in self.lexicon["en"]


# Endings and beginnings that make another real word of a listed one ('slapen' = 'slap' + 'en'):
# such a word is no typo, and it can close a compound.
_SUFFIXES = {
    "nl": ("en", "s", "e", "n", "'s", "je", "jes", "tje", "tjes", "er", "ers", "heid", "ing", "ingen", "te",
           "de", "ten", "den", "t", "ste", "st"),
    "en": ("s", "es", "ed", "ing", "er", "ers", "'s", "d", "ly"),
}
_PREFIXES = {
    "nl": ("ge", "be", "ver", "ont", "her", "on", "in", "aan", "op", "af", "uit", "mee", "toe", "door",
           "over", "om", "onder", "voor", "na", "terug", "weg", "samen", "bij", "neer", "vast", "los",
           "tegen"),
    "en": ("un", "re", "dis", "mis", "over", "under", "out", "pre", "non", "in", "im", "de"),
}


class WordList:
    """Common words per language, and whether an unlisted word is built from them ('ingediend')."""

    def __init__(self, words: dict[str, frozenset[str]]) -> None:
        self.words: dict[str, set[str]] = {lang: set(ws) for lang, ws in words.items()}

    def is_word(self, word: str, lang: str) -> bool:
        """Listed, or listed after taking off an ending."""
        lex = self.words[lang]
        if word in lex:
            return True
        return any(word.endswith(s) and len(word) - len(s) >= 3 and word[: -len(s)] in lex
                   for s in _SUFFIXES[lang])

    def plausible(self, part: str, lang: str, long_stem: bool) -> bool:
        """Can part (what is left of a compound) be a word, or two words (with a linking -s-)?"""
        if len(part) < 3 or not part.isalpha():
            return False
        if long_stem or self.is_word(part, lang):
            return True
        return any(self.is_word(part[:k], lang) and (self.is_word(part[k:], lang)
                   or (part[k] == "s" and self.is_word(part[k + 1:], lang)))
                   for k in range(3, len(part) - 2))

    def looks_real(self, token: str) -> bool:
        """A word we do not list but that is built from words we do: a prefix, an ending, a compound."""
        for lang in self.words:
            if self.is_word(token, lang):
                return True
            for prefix in _PREFIXES[lang]:
                rest = token[len(prefix):]
                if not token.startswith(prefix) or len(rest) < 4:
                    continue
                if self.is_word(rest, lang) or (rest.startswith("ge") and self.is_word(rest[2:], lang)):
                    return True
            if self.plausible(token, lang, False):
                return True
        return False


def _load_wordsets(path: Path) -> dict[str, frozenset[str]]:
    raw = read_yaml(path, GlossaryError)
    try:
        parsed = _WordsetsFile.model_validate(raw)
    except ValidationError as exc:
        raise GlossaryError(f"{path}: {describe(exc, raw)}") from exc
    return {
        name: frozenset(norm_key(w[:-1]) + "*" if w.endswith("*") else norm_key(w) for w in words)
        for name, words in parsed.sets.items()
    }


def _load_lexicon(folder: Path) -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {"nl": set(), "en": set()}
    for path in sorted(folder.glob("*.yaml")):
        raw = read_yaml(path, GlossaryError)
        try:
            parsed = _LexiconFile.model_validate(raw)
        except ValidationError as exc:
            raise GlossaryError(f"{path}: {describe(exc, raw)}") from exc
        words[parsed.lang].update(norm_key(w) for w in parsed.words.split())
    return {lang: frozenset(w for w in ws if w) for lang, ws in words.items()}


def _check_refs(entry: GlossaryEntry, path: Path, wordsets: dict[str, frozenset[str]]) -> None:
    windows = [w for w in (entry.requires, entry.unless_near) if w is not None]
    for word in [word for w in windows for word in w.words]:
        if word.startswith("@") and word[1:] not in wordsets:
            raise GlossaryError(f"{path}: entry {entry.id!r}: unknown word set {word!r}")


def _check_forms(entries: dict[str, tuple[GlossaryEntry, Path]]) -> None:
    """A form belongs to one entry per language, so a finding always names one term."""
    owner: dict[tuple[str, str], str] = {}
    for entry, path in entries.values():
        for form in entry.all_forms:
            key = (entry.lang, norm_key(form))
            if key in owner and owner[key] != entry.id:
                raise GlossaryError(f"{path}: entry {entry.id!r}: form {form!r} is also in {owner[key]!r}")
            owner[key] = entry.id
        for rel in entry.related:
            if rel not in entries:
                raise GlossaryError(f"{path}: entry {entry.id!r}: related entry {rel!r} does not exist")


def load_glossary(path: Path) -> Glossary:
    """Read the entry files, wordsets.yaml and lexicon/*.yaml under path; GlossaryError on any fault."""
    folder = Path(path)
    wordsets = _load_wordsets(folder / WORDSETS_FILE)
    lexicon = _load_lexicon(folder / LEXICON_DIR)
    files = sorted(p for p in folder.glob("*.yaml") if p.name != WORDSETS_FILE)
    if not files:
        raise GlossaryError(f"{folder}: no glossary files found")
    loaded: dict[str, tuple[GlossaryEntry, Path]] = {}
    for file in files:
        raw = read_yaml(file, GlossaryError)
        try:
            parsed = _EntryFile.model_validate(raw)
        except ValidationError as exc:
            raise GlossaryError(f"{file}: {describe(exc, raw)}") from exc
        for entry in parsed.entries:
            if entry.id in loaded:
                raise GlossaryError(f"{file}: entry {entry.id!r}: id already used in {loaded[entry.id][1]}")
            _check_refs(entry, file, wordsets)
            loaded[entry.id] = (entry, file)
    _check_forms(loaded)
    return Glossary(
        entries={k: v[0] for k, v in loaded.items()},
        wordsets=wordsets,
        lexicon=lexicon,
        source_files=(*files, folder / WORDSETS_FILE),
    )
