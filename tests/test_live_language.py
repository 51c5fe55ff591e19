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


def test_reporting_flows_follow_published_routes(tmp_path: Path) -> None:
    from dialogs.report_answer_dialog import ReportAnswerDialog
    from dialogs.report_guide_dialog import ReportGuideDialog

    first = build_brain(CONTENT)
    services = Services(brain=first, gaps=InMemoryGapLog(), feedback=InMemoryFeedbackLog())
    assert first.guide is not None
    answers = ReportAnswerDialog(services, first.guide.routes)
    guide = ReportGuideDialog(services, first.guide, forget=lambda _context: None)  # type: ignore[arg-type]

    edited = tmp_path / "content"
    shutil.copytree(CONTENT, edited)
    routes = edited / "routes.yaml"
    old, new = 'nl: "Vertrouwenspersoon"', 'nl: "Vertrouwenspersoon (VP)"'
    routes.write_text(routes.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    services.brain = build_brain(edited)  # what the workspace's reloader does on publish

    assert answers.routes.get("confidential-advisor").name.nl == "Vertrouwenspersoon (VP)"
    assert guide.guide is services.brain.guide
