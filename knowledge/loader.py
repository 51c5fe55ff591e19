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


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot be read as YAML: {exc}") from exc


def _describe(exc: ValidationError, raw: Any) -> str:
    first = exc.errors()[0]
    loc = list(first["loc"])
    where = ".".join(str(p) for p in loc)
    entry_id = None
    if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
        try:
            entry_id = raw["entries"][loc[1]].get("id")
        except (KeyError, IndexError, TypeError, AttributeError):
            entry_id = None
        where = ".".join(str(p) for p in loc[2:]) or "entry"
    prefix = f"entry {entry_id!r}: " if entry_id else ""
    return f"{prefix}{where}: {first['msg']}"


def load_topics(path: Path) -> dict[str, Topic]:
    raw = _read_yaml(path)
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
        raw = _read_yaml(path)
        try:
            parsed = ContentFile.model_validate(raw)
        except ValidationError as exc:
            raise ContentError(f"{path}: {_describe(exc, raw)}") from exc
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
