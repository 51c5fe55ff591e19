"""Golden conversations of the reporting flows, written in YAML so content reviewers can read and add them.

Each file in tests/transcripts/report/ is a list of turns. A turn sends `say: text` or
`click: {button data}` and may check: `topic` (the knowledge.match trace), `expect` (texts
that must appear), `absent` (texts that must not), `buttons` (button titles that must be
there), `stored: nothing` (no conversation state left). Every card is schema-checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from botbuilder.core import MemoryStorage

from tests.dialogs.harness import buttons, texts, traces
from tests.dialogs.reporting import reporting_chat, valid_cards

FOLDER = Path(__file__).resolve().parents[1] / "transcripts" / "report"
FILES = sorted(FOLDER.glob("*.yaml"))
TURN_KEYS = {"say", "click", "topic", "expect", "absent", "buttons", "stored"}


def test_there_are_transcripts() -> None:
    assert FILES


SCRIPTS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in FILES}


@pytest.mark.parametrize("name", sorted(SCRIPTS))
async def test_transcript(name: str) -> None:
    script = SCRIPTS[name]
    storage = MemoryStorage()
    chat = reporting_chat(storage, locale=script.get("locale", "nl-NL"))
    for number, turn in enumerate(script["turns"], start=1):
        where = f"{name}.yaml, turn {number}"
        assert set(turn) <= TURN_KEYS, f"{where}: unknown keys in {turn}"
        assert ("say" in turn) != ("click" in turn), f"{where}: give either say or click"
        replies = await (chat.say(str(turn["say"])) if "say" in turn else chat.click(turn["click"]))
        valid_cards(replies)
        said = texts(replies)
        assert len(traces(replies)) == 1, where
        if "topic" in turn:
            assert traces(replies)[0]["topic"] == turn["topic"], where
        for part in turn.get("expect", []):
            assert part in said, f"{where}: expected {part!r} in:\n{said}"
        for part in turn.get("absent", []):
            assert part not in said, f"{where}: did not expect {part!r}"
        titles = [b.get("title") for b in buttons(replies)]
        for title in turn.get("buttons", []):
            assert title in titles, f"{where}: no button {title!r} in {titles}"
        if turn.get("stored") == "nothing":
            assert storage.memory == {}, f"{where}: conversation state was kept"
