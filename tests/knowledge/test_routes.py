"""The routes and the guide load whole or not at all; a fault names the file and the route or node."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.guide import load_guide
from knowledge.loader import ContentError, load_knowledge
from knowledge.routes import load_routes

CONTENT = Path(__file__).resolve().parents[2] / "knowledge" / "content"
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    target.mkdir()
    for name in ("routes.yaml", "guide.yaml"):
        shutil.copy(CONTENT / name, target / name)
    return target


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _load(content: Path) -> None:
    load_guide(content / "guide.yaml", load_routes(content / "routes.yaml"))


def test_the_shipped_routes_and_guide_load() -> None:
    routes = load_routes(CONTENT / "routes.yaml")
    guide = load_guide(CONTENT / "guide.yaml", routes)
    assert len(routes.all()) >= 13
    assert guide.start == "safety"


def test_every_route_the_issue_names_is_there_with_the_verified_flags_it_asks_for() -> None:
    routes = load_routes(CONTENT / "routes.yaml")
    for route_id in (
        "confidential-advisor",
        "manager-hr",
        "integrity-bureau",
        "external-meldpunt",
        "second-opinion",
        "complaints-committee",
        "discriminatie-nl",
        "crm-report",
        "crm-ruling",
        "police",
        "whistleblower-authority",
        "occupational-physician",
        "works-council",
        "emergency-112",
    ):
        assert routes.get(route_id) is not None, route_id
    assert routes.get("second-opinion").verified is False  # a new measure, not yet confirmed
    assert routes.get("complaints-committee").verified is False  # Amsterdam's own rules unchecked


# Contact details found in ../shared/reference/*.md (research notes), for checkouts without them.
NOTES_SNAPSHOT = (
    "112 113 0800-0113 088-133 10 00 contact@huisvoorklokkenluiders.nl huisvoorklokkenluiders.nl"
    " mdra.nl discriminatie.nl mensenrechten.nl 113.nl"
)


def test_contact_details_come_only_from_the_research_notes() -> None:
    """A phone number, address or site the notes do not hold must not appear on a card."""
    notes = "\n".join(p.read_text(encoding="utf-8") for p in REFERENCE.glob("*.md")).casefold()
    if not notes:  # a checkout without ../shared beside it: the facts the notes held when this was written
        notes = NOTES_SNAPSHOT
    digits = re.sub(r"[^0-9]", "", notes)
    for route in load_routes(CONTENT / "routes.yaml").all():
        for contact in route.contacts:
            scheme, target = contact.url.split(":", 1)
            if scheme == "tel":
                assert target.replace("+31", "0") in digits, f"{route.id}: {contact.url}"
            else:
                assert target.removeprefix("//").casefold() in notes, f"{route.id}: {contact.url}"


def test_every_direct_question_key_is_a_topic_or_an_entry() -> None:
    kb = load_knowledge(CONTENT)
    routes = load_routes(CONTENT / "routes.yaml")
    for key in routes.direct:
        assert key in kb.topics or key in kb.entries, key


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        # a route without its English "does not"
        (
            "routes.yaml",
            lambda d: d["routes"][1]["does_not"].pop("en"),
            "route 'confidential-advisor': does_not.en",
        ),
        # a typo in a field name
        (
            "routes.yaml",
            lambda d: d["routes"][1].__setitem__("whoknows", "x"),
            "route 'confidential-advisor': whoknows",
        ),
        # a field far beyond B1 length
        (
            "routes.yaml",
            lambda d: d["routes"][2]["does"].__setitem__("nl", "woord " * 80),
            "route 'manager-hr': does",
        ),
        # a contact that is no link
        (
            "routes.yaml",
            lambda d: d["routes"][3].__setitem__(
                "contacts", [{"title": {"nl": "x", "en": "x"}, "url": "0201234567"}]
            ),
            "route 'integrity-bureau': contacts",
        ),
        # the same id twice
        (
            "routes.yaml",
            lambda d: d["routes"].append(dict(d["routes"][1])),
            "route 'confidential-advisor': id already used",
        ),
        # a direct answer pointing nowhere
        (
            "routes.yaml",
            lambda d: d["direct"]["report.integrity"]["routes"].append("nowhere"),
            "unknown route 'nowhere'",
        ),
        # a direct answer with internal routes only
        (
            "routes.yaml",
            lambda d: d["direct"].__setitem__(
                "report.integrity", {"show": "cards", "routes": ["integrity-bureau"]}
            ),
            "external route",
        ),
        # an option leading to an unknown question
        (
            "guide.yaml",
            lambda d: d["questions"]["role"]["options"][0].__setitem__("next", "nowhere"),
            "question 'role': option 'happened-to-me': unknown next",
        ),
        # an option with both next and result
        (
            "guide.yaml",
            lambda d: d["questions"]["role"]["options"][0].__setitem__("result", "unsure"),
            "exactly one of next or result",
        ),
        # a result naming an unknown route
        (
            "guide.yaml",
            lambda d: d["results"]["unsure"]["routes"].append("nowhere"),
            "result 'unsure': unknown route",
        ),
        # a result with internal routes only
        (
            "guide.yaml",
            lambda d: d["results"]["unsure"].__setitem__("routes", ["confidential-advisor"]),
            "result 'unsure': list at least one external",
        ),
        # a loop
        (
            "guide.yaml",
            lambda d: d["questions"]["issue"]["options"][0].__setitem__("next", "role"),
            "loops back",
        ),
        # a result nobody reaches
        (
            "guide.yaml",
            lambda d: d["results"].__setitem__("orphan", {"routes": ["police"]}),
            "result 'orphan': no option leads to it",
        ),
        # a button label too long for a button
        (
            "guide.yaml",
            lambda d: d["questions"]["role"]["options"][0]["label"].__setitem__("nl", "x" * 80),
            "longer than",
        ),
        # an option id used twice
        (
            "guide.yaml",
            lambda d: d["questions"]["reported"]["options"][0].__setitem__("id", "safe-now"),
            "option id already used",
        ),
        # a modifier that leads somewhere
        (
            "guide.yaml",
            lambda d: d["modifiers"]["trust"]["options"][0].__setitem__("next", "role"),
            "modifier only prefers",
        ),
    ],
)
def test_a_broken_file_stops_the_load_naming_file_and_node(
    content: Path, file: str, change, message: str
) -> None:
    _edit(content / file, change)
    with pytest.raises(ContentError) as err:
        _load(content)
    assert file in str(err.value)
    assert message in str(err.value)


def test_unreadable_yaml_names_the_file(content: Path) -> None:
    (content / "guide.yaml").write_text("start: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match=r"guide\.yaml"):
        _load(content)
