"""The reporting routes as data: what each place does, who will know what, how to reach it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from knowledge.loader import ContentError, describe
from knowledge.models import LANGS, Bilingual, Lang

Kind = Literal["emergency", "internal", "external"]
# anonymous: nobody needs to know who you are; nameless: registered without your name;
# confidential: they know you but pass nothing on without consent; named: not anonymous.
Anonymity = Literal["anonymous", "nameless", "confidential", "named", "unknown", "not-applicable"]
Show = Literal["cards", "list", "timelines", "anonymity"]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# One field of a route card; B1 means short sentences and few of them.
MAX_FIELD_WORDS = 50


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Contact(_Strict):
    """A way to reach a route; only details found in the research notes are allowed."""

    title: Bilingual
    url: str = Field(pattern=r"^(https://|tel:|mailto:)")


class Route(_Strict):
    """One place to go, told the same way to everybody (no opinions, only facts and options)."""

    id: str
    topic: str = Field(pattern=r"^report\.[a-z-]+$")
    name: Bilingual
    kind: Kind
    anonymity: Anonymity
    formal: bool | None
    summary: Bilingual
    does: Bilingual
    does_not: Bilingual
    who_knows: Bilingual
    timelines: Bilingual
    prepare: Bilingual
    reach: Bilingual
    contacts: list[Contact] = Field(default_factory=list, max_length=3)
    source: str = Field(min_length=1)
    reviewed: date
    verified: bool

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id must be lower-case letters, digits and '-'")
        return value

    @field_validator("summary", "does", "does_not", "who_knows", "timelines", "prepare", "reach")
    @classmethod
    def _short(cls, value: Bilingual) -> Bilingual:
        for lang in LANGS:
            words = len(value.get(lang).split())
            if words > MAX_FIELD_WORDS:
                raise ValueError(f"{lang} has {words} words; keep it under {MAX_FIELD_WORDS}")
        return value

    @property
    def anonymous_possible(self) -> bool:
        return self.anonymity in ("anonymous", "nameless")

    def label(self, lang: Lang) -> str:
        return self.name.get(lang)


class DirectAnswer(_Strict):
    """How a direct question (a report.* topic or one entry of it) is answered from the routes."""

    show: Show
    routes: list[str] = Field(default_factory=list, max_length=6)
    also: list[str] = Field(default_factory=list, max_length=3)
    entry_text: bool = False


class RoutesFile(_Strict):
    routes: list[Route] = Field(min_length=1)
    direct: dict[str, DirectAnswer] = Field(default_factory=dict)


@dataclass(frozen=True)
class Routes:
    """Every route by id (in file order) and the direct answers by topic or entry id."""

    by_id: dict[str, Route]
    direct: dict[str, DirectAnswer]
    path: Path

    def get(self, route_id: str) -> Route | None:
        return self.by_id.get(route_id)

    def all(self) -> list[Route]:
        return list(self.by_id.values())

    def answer_for(self, entry_id: str | None, topic: str | None) -> DirectAnswer | None:
        """An entry's own direct answer wins over its topic's."""
        return self.direct.get(entry_id or "") or self.direct.get(topic or "")


def load_routes(path: Path) -> Routes:
    """Read routes.yaml; raise ContentError naming the file and the route on any fault."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot be read as YAML: {exc}") from exc
    try:
        parsed = RoutesFile.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(f"{path}: {describe(exc, raw, 'routes', 'route')}") from exc
    by_id: dict[str, Route] = {}
    for route in parsed.routes:
        if route.id in by_id:
            raise ContentError(f"{path}: route {route.id!r}: id already used")
        by_id[route.id] = route
    for key, answer in parsed.direct.items():
        for route_id in (*answer.routes, *answer.also):
            if route_id not in by_id:
                raise ContentError(f"{path}: direct answer {key!r}: unknown route {route_id!r}")
        if answer.show != "anonymity" and not answer.routes:
            raise ContentError(f"{path}: direct answer {key!r}: needs at least one route")
        shown = [by_id[r] for r in (*answer.routes, *answer.also)] or list(by_id.values())
        if not any(r.kind == "external" for r in shown):
            raise ContentError(f"{path}: direct answer {key!r}: show an external route next to internal ones")
    return Routes(by_id=by_id, direct=dict(parsed.direct), path=path)
