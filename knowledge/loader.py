"""Load and validate the YAML content at start: all of it, or nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.models import ContentFile, Entry, Topic


class ContentError(Exception):
    """A content file is broken; the message names the file and the entry."""


@dataclass(frozen=True)
class KnowledgeBase:
    """Every answer entry, by id, and the topics they belong to."""

    topics: dict[str, Topic]
    entries: dict[str, Entry]
    source_files: tuple[Path, ...] = field(default=())

    def by_topic(self, topic: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.topic == topic]

    def first_for_topic(self, topic: str) -> Entry | None:
        found = self.by_topic(topic)
        return found[0] if found else None


def read_yaml(path: Path, error: type[ContentError] = ContentError) -> Any:
    """The parsed file, or `error` naming the file: every content loader reads YAML this way."""
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise error(f"{path}: cannot be read as YAML: {exc}") from exc


def describe(exc: ValidationError, raw: Any, items: str = "entries", label: str = "entry") -> str:
    """The first validation fault, naming the item (by id, else by position) it is in."""
    first = exc.errors()[0]
    loc = list(first["loc"])
    if len(loc) >= 2 and loc[0] == items and isinstance(loc[1], int):
        try:
            item_id = raw[items][loc[1]].get("id")
        except (KeyError, IndexError, TypeError, AttributeError):
            item_id = None
        where = ".".join(str(p) for p in loc[2:]) or label
        return f"{label} {item_id or f'#{loc[1] + 1}'!r}: {where}: {first['msg']}"
    return f"{'.'.join(str(p) for p in loc)}: {first['msg']}"


def load_topics(path: Path) -> dict[str, Topic]:
    raw = read_yaml(path)
    if not isinstance(raw, dict) or not raw:
        raise ContentError(f"{path}: expected a mapping of topic id to description")
    topics: dict[str, Topic] = {}
    for topic_id, body in raw.items():
        try:
            topics[str(topic_id)] = Topic(id=str(topic_id), **(body or {}))
        except (ValidationError, TypeError) as exc:
            raise ContentError(f"{path}: topic {topic_id!r}: {exc}") from exc
    return topics


def load_entries(files: Iterable[Path], topics: dict[str, Topic]) -> dict[str, tuple[Entry, Path]]:
    entries: dict[str, tuple[Entry, Path]] = {}
    for path in files:
        raw = read_yaml(path)
        try:
            parsed = ContentFile.model_validate(raw)
        except ValidationError as exc:
            raise ContentError(f"{path}: {describe(exc, raw)}") from exc
        for entry in parsed.entries:
            if entry.id in entries:
                raise ContentError(f"{path}: entry {entry.id!r}: id already used in {entries[entry.id][1]}")
            if entry.topic not in topics:
                raise ContentError(f"{path}: entry {entry.id!r}: unknown topic {entry.topic!r}")
            entries[entry.id] = (entry, path)
    return entries


def load_knowledge(content_dir: Path) -> KnowledgeBase:
    """Read topics.yaml and answers/*.yaml under content_dir; raise ContentError on any fault."""
    content_dir = Path(content_dir)
    topics = load_topics(content_dir / "topics.yaml")
    files = sorted((content_dir / "answers").glob("*.yaml"))
    if not files:
        raise ContentError(f"{content_dir / 'answers'}: no content files found")
    loaded = load_entries(files, topics)
    for entry, path in loaded.values():
        for follow in entry.followups:
            if follow not in loaded:
                raise ContentError(f"{path}: entry {entry.id!r}: follow-up {follow!r} does not exist")
            if follow == entry.id:
                raise ContentError(f"{path}: entry {entry.id!r}: an entry cannot follow itself")
    missing = [t for t in topics if t != "fallback" and not any(e.topic == t for e, _ in loaded.values())]
    if missing:
        raise ContentError(f"{content_dir / 'answers'}: no entry for topic(s) {', '.join(missing)}")
    return KnowledgeBase(
        topics=topics,
        entries={k: v[0] for k, v in loaded.items()},
        source_files=tuple(files),
    )
