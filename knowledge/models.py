"""Pydantic models for the knowledge base: what a content file may contain."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# B1 answers are short; past this a moderator should split the entry.
MAX_ANSWER_WORDS = 100


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Bilingual(Strict):
    """A text in Dutch and English."""

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


class Examples(Strict):
    """Example questions an employee might type, in both languages."""

    nl: list[str] = Field(min_length=2)
    en: list[str] = Field(min_length=1)

    def all(self) -> list[tuple[Lang, str]]:
        return [("nl", q) for q in self.nl] + [("en", q) for q in self.en]


class Link(Strict):
    title: Bilingual
    url: str = Field(pattern=r"^(https://|tel:|mailto:)")


class Entry(Strict):
    """One answer in the knowledge base."""

    id: str
    topic: str
    title: Bilingual
    questions: Examples
    answer: Bilingual
    followups: list[str] = Field(default_factory=list, max_length=4)
    links: list[Link] = Field(default_factory=list)
    source: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    reviewed: date
    verified: bool

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id must be lower-case letters, digits, '.', '_' or '-'")
        return value

    @field_validator("answer")
    @classmethod
    def _short(cls, value: Bilingual) -> Bilingual:
        for lang in LANGS:
            words = len(value.get(lang).split())
            if words > MAX_ANSWER_WORDS:
                raise ValueError(f"answer.{lang} has {words} words; keep it under {MAX_ANSWER_WORDS}")
        return value


class ContentFile(Strict):
    """The shape of one YAML file under knowledge/content/answers/."""

    entries: list[Entry] = Field(min_length=1)


class Topic(Strict):
    id: str
    about: str
    examples: list[str] = Field(default_factory=list)
