"""The editable content: shipped YAML plus the published overlay plus drafts, and brains built from them.

Answers, glossary entries and routes ship as YAML under knowledge/content/. The workspace never
writes there: a publication is a set of item bodies in the database, laid over the shipped files
in a temporary copy of the content folder that the bot's own loader (bot.app.build_brain) reads.
So every validation the loader makes at start is made again before anything is published.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

import yaml
from pydantic import BaseModel

from adapters.persistence.workspace_repository import Revision, SqlWorkspaceContent
from knowledge.answering import Answerer
from knowledge.glossary import GlossaryEntry, load_glossary
from knowledge.guide import load_guide
from knowledge.loader import KnowledgeBase, load_entries, load_knowledge, load_topics
from knowledge.models import Entry
from knowledge.routes import Route, load_routes

Body = dict[str, Any]
Overlay = Mapping[str, Mapping[str, Body | None]]
FILE_AREAS: Final = ("answers", "glossary", "routes")
MODELS: Final[dict[str, type[BaseModel]]] = {"answers": Entry, "glossary": GlossaryEntry, "routes": Route}
NEW_ANSWERS_FILE: Final = "workspace.yaml"


class BrainLike(Protocol):
    """What the workspace needs of dialogs.services.Brain (adapters do not import dialogs)."""

    kb: KnowledgeBase
    answerer: Answerer


class BrainHolder(Protocol):
    """dialogs.services.Services: the live brain, swapped whole."""

    brain: Any


BuildBrain = Callable[[Path], BrainLike]


@dataclass(frozen=True)
class WorkingItem:
    """An item as the editor sees it: its newest body and where that body stands."""

    item_id: str
    body: Body | None
    state: str  # "shipped", "published", "draft", "new", "removed"
    author: str | None = None


def _dump(model: BaseModel) -> Body:
    return model.model_dump(mode="json")


def _write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


class ShippedContent:
    """The YAML files as shipped, read once: item bodies and which file each lives in."""

    def __init__(self, content_dir: Path) -> None:
        self.content_dir = Path(content_dir)
        topics = load_topics(self.content_dir / "topics.yaml")
        self.topics = sorted(topics)
        answers = load_entries(sorted((self.content_dir / "answers").glob("*.yaml")), topics)
        self.files: dict[str, dict[str, str]] = {
            "answers": {eid: path.name for eid, (_, path) in answers.items()},
        }
        self.items: dict[str, dict[str, Body]] = {
            "answers": {eid: _dump(e) for eid, (e, _) in answers.items()}
        }
        glossary = load_glossary(self.content_dir / "glossary")
        self.items["glossary"] = {gid: _dump(g) for gid, g in glossary.entries.items()}
        self.files["glossary"] = {gid: f"{g.lang}.yaml" for gid, g in glossary.entries.items()}
        routes = load_routes(self.content_dir / "routes.yaml")
        self.items["routes"] = {route.id: _dump(route) for route in routes.all()}
        self.files["routes"] = {route.id: "routes.yaml" for route in routes.all()}

    def write_overlay(self, target: Path, overlay: Overlay) -> None:
        """A full copy of the content folder with the overlay's items replacing, adding or removing."""
        shutil.copytree(self.content_dir, target, dirs_exist_ok=True)
        for area in FILE_AREAS:
            changes = overlay.get(area, {})
            if not changes:
                continue
            merged: dict[str, Body] = dict(self.items[area])
            for item_id, body in changes.items():
                if body is None:
                    merged.pop(item_id, None)
                else:
                    merged[item_id] = body
            getattr(self, f"_write_{area}")(target, merged)

    def _write_answers(self, target: Path, merged: dict[str, Body]) -> None:
        by_file: dict[str, list[Body]] = {}
        for item_id, body in merged.items():
            by_file.setdefault(self.files["answers"].get(item_id, NEW_ANSWERS_FILE), []).append(body)
        for old in (target / "answers").glob("*.yaml"):
            old.unlink()
        for name, entries in by_file.items():
            _write_yaml(target / "answers" / name, {"entries": entries})

    def _write_glossary(self, target: Path, merged: dict[str, Body]) -> None:
        by_file: dict[str, list[Body]] = {}
        for body in merged.values():
            by_file.setdefault(f"{body.get('lang', 'nl')}.yaml", []).append(body)
        for old in (target / "glossary").glob("*.yaml"):
            if old.name != "wordsets.yaml":
                old.unlink()
        for name, entries in by_file.items():
            _write_yaml(target / "glossary" / name, {"entries": entries})

    def _write_routes(self, target: Path, merged: dict[str, Body]) -> None:
        raw = yaml.safe_load((self.content_dir / "routes.yaml").read_text(encoding="utf-8"))
        raw["routes"] = list(merged.values())
        _write_yaml(target / "routes.yaml", raw)


def validate_overlay(shipped: ShippedContent, overlay: Overlay) -> None:
    """Load everything the bot loads at start from the overlaid content; raises ContentError on a fault."""
    with tempfile.TemporaryDirectory(prefix="wegwijzer-check-") as folder:
        target = Path(folder)
        shipped.write_overlay(target, overlay)
        load_knowledge(target)
        load_glossary(target / "glossary")
        load_guide(target / "guide.yaml", load_routes(target / "routes.yaml"))


def build_from_overlay(shipped: ShippedContent, overlay: Overlay, build_brain: BuildBrain) -> BrainLike:
    """A brain over the shipped content with the overlay laid on it (blocking: call it in a thread)."""
    with tempfile.TemporaryDirectory(prefix="wegwijzer-brain-") as folder:
        target = Path(folder)
        shipped.write_overlay(target, overlay)
        return build_brain(target)


def apply_drafts(published: Overlay, drafts: list[Revision]) -> dict[str, dict[str, Body | None]]:
    """The published overlay with the drafts laid on top (the newest draft per item wins)."""
    merged: dict[str, dict[str, Body | None]] = {area: dict(items) for area, items in published.items()}
    for draft in drafts:
        merged.setdefault(draft.area, {})[draft.item_id] = draft.body
    return merged


class ContentWorkspace:
    """Reads and writes the editable content; builds (and caches) the brain of the drafts."""

    def __init__(self, shipped: ShippedContent, store: SqlWorkspaceContent, build_brain: BuildBrain) -> None:
        self.shipped = shipped
        self.store = store
        self.build_brain = build_brain
        self._candidate: tuple[tuple[str, ...], int, BrainLike] | None = None
        self._lock = asyncio.Lock()

    async def working(self, area: str) -> dict[str, WorkingItem]:
        """Every item of an area as an editor sees it now."""
        published = (await self.store.published(area)).get(area, {})
        shipped = self.shipped.items.get(area, {})
        items: dict[str, WorkingItem] = {k: WorkingItem(k, v, "shipped") for k, v in shipped.items()}
        for item_id, body in published.items():
            items[item_id] = WorkingItem(item_id, body, "published" if body is not None else "removed")
        for draft in await self.store.drafts(area):
            state = "removed" if draft.body is None else ("draft" if item_in(items, draft.item_id) else "new")
            items[draft.item_id] = WorkingItem(draft.item_id, draft.body, state, draft.author)
        return items

    async def overlay_with_drafts(self) -> tuple[dict[str, dict[str, Body | None]], list[Revision]]:
        drafts = await self.store.drafts()
        return apply_drafts(await self.store.published(), drafts), drafts

    async def check(self, area: str, item_id: str, body: Body | None) -> None:
        """Raise ContentError when saving this body (on top of all drafts) would break the content."""
        overlay, _ = await self.overlay_with_drafts()
        overlay.setdefault(area, {})[item_id] = body
        await asyncio.to_thread(validate_overlay, self.shipped, overlay)

    async def candidate(self) -> tuple[BrainLike, list[Revision]]:
        """The brain the bot would have if every draft were published now (cached per set of drafts)."""
        async with self._lock:
            overlay, drafts = await self.overlay_with_drafts()
            key = tuple(d.id for d in drafts)
            version = await self.store.version()
            if self._candidate is not None and self._candidate[:2] == (key, version):
                return self._candidate[2], drafts
            brain = await asyncio.to_thread(build_from_overlay, self.shipped, overlay, self.build_brain)
            self._candidate = (key, version, brain)
            return brain, drafts


def item_in(items: Mapping[str, WorkingItem], item_id: str) -> bool:
    found = items.get(item_id)
    return found is not None and found.state != "removed"
