"""A published glossary edit reaches the checker and the word look-up without a restart."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from adapters.persistence.memory import InMemoryFeedbackLog, InMemoryGapLog
from bot.app import build_brain
from bot.live_language import CurrentChecker, CurrentLookup
from dialogs.services import Services

CONTENT = Path(__file__).resolve().parent.parent / "knowledge" / "content"
TEXT = "Wij zoeken allochtone jongeren."


def test_checker_and_lookup_follow_the_published_brain(tmp_path: Path) -> None:
    services = Services(brain=build_brain(CONTENT), gaps=InMemoryGapLog(), feedback=InMemoryFeedbackLog())
    checker, lookup = CurrentChecker(services), CurrentLookup(services)
    assert [f.entry_id for f in checker.check(TEXT)] == ["allochtoon"]
    assert lookup.lookup("mag ik allochtoon zeggen?").outcome == "found"

    edited = tmp_path / "content"
    shutil.copytree(CONTENT, edited)
    glossary = edited / "glossary" / "nl.yaml"
    data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    data["entries"] = [e for e in data["entries"] if e["id"] != "allochtoon"]
    for entry in data["entries"]:  # the loader insists that references stay whole
        if "related" in entry:
            entry["related"] = [r for r in entry["related"] if r != "allochtoon"]
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    services.brain = build_brain(edited)  # what the workspace's reloader does on publish

    assert "allochtoon" not in [f.entry_id for f in checker.check(TEXT)]
    after = lookup.lookup("mag ik allochtoon zeggen?")
    assert after.entry is None or after.entry.id != "allochtoon"
