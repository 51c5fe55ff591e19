"""The matching lexicon: stop-words, synonyms and per-topic thresholds from lexicon.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.loader import ContentError
from knowledge.normalize import stem, tokens

MIN_PATTERN_LETTERS = 5


class Threshold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    answer: float = Field(ge=0, le=100)
    clarify: float = Field(ge=0, le=100)


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    stopwords: dict[str, list[str]]
    synonyms: dict[str, list[str]]
    thresholds: dict[str, Threshold]
    requires: dict[str, list[str]] = Field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    """Compiled lexicon: phrase table, patterns, stop-words and thresholds."""

    stopwords: frozenset[str]
    phrases: dict[tuple[str, ...], str]
    prefixes: tuple[tuple[str, str], ...]
    contains: tuple[tuple[str, str], ...]
    thresholds: dict[str, Threshold]
    max_phrase: int = 5
    concepts: frozenset[str] = field(default_factory=frozenset)
    requires: dict[str, frozenset[str]] = field(default_factory=dict)

    def threshold(self, topic: str) -> Threshold:
        if topic in self.thresholds:
            return self.thresholds[topic]
        area = topic.split(".")[0] + ".*"
        return self.thresholds.get(area, self.thresholds["default"])

    def required(self, topic: str) -> frozenset[str] | None:
        """Concepts of which a message needs one to be about this topic's area, if any."""
        return self.requires.get(topic) or self.requires.get(topic.split(".")[0] + ".*")


def _compile(raw: LexiconFile, path: Path) -> Lexicon:
    phrases: dict[tuple[str, ...], str] = {}
    prefixes: list[tuple[str, str]] = []
    contains: list[tuple[str, str]] = []
    listed: dict[tuple[str, ...], str] = {}
    for concept, forms in raw.synonyms.items():
        for form in forms:
            form = str(form)
            core = form.strip("*")
            if "*" in form:
                if len(core) < MIN_PATTERN_LETTERS or " " in core:
                    raise ContentError(
                        f"{path}: synonym {concept!r}: pattern {form!r} needs >= 5 letters, one word"
                    )
                target = contains if form.startswith("*") else prefixes
                target.append((core, concept))
                continue
            key = tuple(tokens(form))
            if not key:
                raise ContentError(f"{path}: synonym {concept!r}: form {form!r} has no words")
            if key in listed:
                # Only the first listing counts: a second one would be dead without anyone noticing.
                raise ContentError(
                    f"{path}: synonym {concept!r}: form {form!r} is already listed under {listed[key]!r}"
                )
            listed[key] = concept
            phrases.setdefault(key, concept)
            # Also the stem ('meldingen' -> 'meld'), unless it is so short that it
            # is likely another word ('teams' -> 'team').
            if len(key) == 1 and len(stem(key[0])) >= 5:
                phrases.setdefault((stem(key[0]),), concept)
            elif len(key) > 1 and len(stem(key[-1])) >= 4:
                # A phrase's last word is stemmed too: 'confidential advisors', 'quiet rooms'.
                phrases.setdefault((*key[:-1], stem(key[-1])), concept)
    if "default" not in raw.thresholds:
        raise ContentError(f"{path}: thresholds: a 'default' is required")
    for area, needed in raw.requires.items():
        unknown = [c for c in needed if c not in raw.synonyms]
        if unknown:
            raise ContentError(f"{path}: requires {area!r}: unknown concept(s) {', '.join(unknown)}")
    stop = frozenset(t for words in raw.stopwords.values() for w in words for t in tokens(str(w)))
    return Lexicon(
        stopwords=stop,
        phrases=phrases,
        prefixes=tuple(sorted(prefixes, key=lambda p: -len(p[0]))),
        contains=tuple(sorted(contains, key=lambda p: -len(p[0]))),
        thresholds=dict(raw.thresholds),
        max_phrase=max(len(k) for k in phrases),
        concepts=frozenset(raw.synonyms),
        requires={area: frozenset(needed) for area, needed in raw.requires.items()},
    )


def load_lexicon(path: Path) -> Lexicon:
    try:
        with Path(path).open(encoding="utf-8") as f:
            data: Any = yaml.safe_load(f)
        return _compile(LexiconFile.model_validate(data), path)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ContentError(f"{path}: {where}: {first['msg']}") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot be read: {exc}") from exc
