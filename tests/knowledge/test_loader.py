"""Content loads whole or not at all, and a fault names the file and the entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.lexicon import load_lexicon
from knowledge.loader import ContentError, load_knowledge

CONTENT = Path(__file__).resolve().parents[2] / "knowledge" / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_the_shipped_content_loads_and_covers_every_topic() -> None:
    kb = load_knowledge(CONTENT)
    covered = {e.topic for e in kb.entries.values()}
    assert covered == set(kb.topics) - {"fallback"}
    load_lexicon(CONTENT / "lexicon.yaml")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # an answer without English
        (lambda d: d["entries"][0]["answer"].pop("en"), "answer.en"),
        # an unknown topic id
        (lambda d: d["entries"][0].__setitem__("topic", "language.nonsense"), "unknown topic"),
        # a follow-up to nowhere
        (lambda d: d["entries"][0].__setitem__("followups", ["does-not-exist"]), "does not exist"),
        # an extra field (typo in a key)
        (lambda d: d["entries"][0].__setitem__("anwser", "x"), "anwser"),
        # an answer far beyond B1 length
        (lambda d: d["entries"][0]["answer"].__setitem__("nl", "woord " * 150), "words"),
        # a duplicate id
        (lambda d: d["entries"].append(dict(d["entries"][0])), "already used"),
    ],
)
def test_a_broken_entry_stops_the_load_naming_file_and_entry(content: Path, change, message: str) -> None:
    target = content / "answers" / "report.yaml"
    first_id = yaml.safe_load(target.read_text(encoding="utf-8"))["entries"][0]["id"]
    _edit(target, change)
    with pytest.raises(ContentError) as err:
        load_knowledge(content)
    text = str(err.value)
    assert "report.yaml" in text
    assert first_id in text
    assert message in text


def test_invalid_yaml_names_the_file(content: Path) -> None:
    (content / "answers" / "bot.yaml").write_text("entries: [\n  - id: oops\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"bot\.yaml"):
        load_knowledge(content)


def test_a_topic_without_entries_is_an_error(content: Path) -> None:
    _edit(
        content / "answers" / "bot.yaml",
        lambda d: d.__setitem__("entries", [e for e in d["entries"] if e["topic"] != "bot.thanks"]),
    )
    with pytest.raises(ContentError, match=r"bot\.thanks"):
        load_knowledge(content)


@pytest.mark.parametrize(
    ("first", "second"),
    [(["stilte", "rust"], ["rust"]), (["e-mail"], ["e mail"]), (["hen/hun", "hen hun"], [])],
)
def test_a_synonym_form_listed_twice_is_an_error_not_a_silently_dead_line(
    tmp_path: Path, first: list[str], second: list[str]
) -> None:
    shipped = yaml.safe_load((CONTENT / "lexicon.yaml").read_text(encoding="utf-8"))
    shipped["synonyms"] = {"een": first, "twee": second or ["iets anders"]}
    shipped["requires"] = {}
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(shipped, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="already listed under 'een'"):
        load_lexicon(path)
