"""The glossary content loads, is complete, and a broken file fails with a message naming file and entry."""

from __future__ import annotations

import shutil
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

from knowledge.glossary import Glossary, GlossaryError, load_glossary
from knowledge.loader import ContentError
from knowledge.textnorm import norm_key

GLOSSARY_DIR = Path(__file__).resolve().parents[2] / "knowledge" / "content" / "glossary"


@cache
def glossary() -> Glossary:
    return load_glossary(GLOSSARY_DIR)


def test_counts_per_language() -> None:
    assert len(glossary().by_lang("nl")) >= 80
    assert len(glossary().by_lang("en")) >= 25


def test_every_entry_is_reviewed_and_owned() -> None:
    for entry in glossary().entries.values():
        assert entry.reviewed == date(2026, 11, 22), entry.id
        assert entry.owner, entry.id
        assert entry.source, entry.id
        assert all(alt.when for alt in entry.alternatives), entry.id


def test_every_false_friend_is_a_known_word() -> None:
    # The "is a real word" guard must know every false friend, or fuzzy matching could flag it.
    g = glossary()
    forms = {norm_key(form) for entry in g.entries.values() for form in entry.all_forms}
    for entry in g.entries.values():
        for friend in entry.false_friends:
            for word in norm_key(friend).split():
                if word not in forms:  # 'hermafrodiete slakken': only 'slakken' must be a known word
                    assert g.is_word(word), f"{entry.id}: false friend {friend!r} ({word}) not in word list"


def test_word_list_is_a_few_thousand_words() -> None:
    assert len(glossary().lexicon["nl"]) > 2500
    assert len(glossary().lexicon["en"]) > 1200


def test_related_and_word_sets_resolve() -> None:
    g = glossary()
    for entry in g.entries.values():
        assert all(r in g.entries for r in entry.related), entry.id
    assert "personen" in g.wordsets
    assert "blanke" not in g.wordsets["personen"]


# ---------------------------------------------------------------- broken files


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "glossary"
    shutil.copytree(GLOSSARY_DIR, target)
    return target


def _edit_first_entry(folder: Path, change: dict[str, object], drop: str | None = None) -> None:
    path = folder / "nl.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["entries"][0].update(change)
    if drop:
        del data["entries"][0][drop]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "drop", "expected"),
    [
        # an unknown field (extra=forbid)
        ({"colour": "red"}, None, "colour"),
        # a level that does not exist
        ({"level": "forbidden"}, None, "level"),
        # alternatives need a 'when'
        ({"alternatives": [{"text": "migrant"}]}, None, "alternatives.0.when"),
        # a missing required field
        ({}, "reason", "reason"),
        # context forms need a requirement
        ({"context_forms": ["allochtoontjes"]}, None, "context_forms and requires"),
        # a bad id
        ({"id": "Allochtoon!"}, None, "id"),
    ],
)
def test_a_broken_entry_names_file_and_entry(
    tmp_path: Path, change: dict[str, object], drop: str | None, expected: str
) -> None:
    folder = _copy(tmp_path)
    _edit_first_entry(folder, change, drop)
    with pytest.raises(GlossaryError) as info:
        load_glossary(folder)
    message = str(info.value)
    assert "nl.yaml" in message
    assert "entry 'allochtoon'" in message or "Allochtoon!" in message
    assert expected in message


def test_a_glossary_error_is_a_content_error() -> None:
    # The composition root catches ContentError for all content; the glossary's error is one of those.
    assert issubclass(GlossaryError, ContentError)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    data = yaml.safe_load((folder / "nl.yaml").read_text(encoding="utf-8"))
    (folder / "extra.yaml").write_text(yaml.safe_dump({"entries": [data["entries"][0]]}), encoding="utf-8")
    with pytest.raises(GlossaryError, match="id already used"):
        load_glossary(folder)


def test_a_form_in_two_entries_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    data = yaml.safe_load((folder / "nl.yaml").read_text(encoding="utf-8"))
    data["entries"][1]["forms"].append("allochtonen")
    (folder / "nl.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GlossaryError, match="'allochtonen' is also in 'allochtoon'"):
        load_glossary(folder)


def test_an_unknown_word_set_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit_first_entry(folder, {"unless_near": {"words": ["@nergens"]}})
    with pytest.raises(GlossaryError, match="unknown word set '@nergens'"):
        load_glossary(folder)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "en.yaml").write_text("entries: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"en\.yaml: cannot be read as YAML"):
        load_glossary(folder)
