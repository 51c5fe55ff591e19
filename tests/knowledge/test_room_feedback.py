"""The feedback form: prefill, typed or clicked answers, back, stop, hostile input, what is kept."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.room_feedback import (
    MAX_REMARK,
    FeedbackDraft,
    advance,
    finish,
    kind_from_text,
    location_from_text,
    prefill,
)
from tests.knowledge.rooms_factory import directory

ROOMS = directory()
AT_KIND = FeedbackDraft("kind", "building:stadhuis", "Stadhuis (Stopera)")
AT_REMARK = FeedbackDraft("remark", "building:stadhuis", "Stadhuis (Stopera)", "occupied")


@pytest.mark.parametrize(
    ("text", "stage", "location", "kind"),
    [
        ("op ons kantoor is helemaal geen stilteruimte", "location", None, "no_room"),  # no place named
        ("de stilteruimte in het stadhuis is altijd bezet", "remark", "building:stadhuis", "occupied"),
        (
            "in nieuw west wordt de gebedsruimte gebruikt om te vergaderen",
            "remark",
            "building:sdk-nieuw-west",
            "meetings",
        ),
        (
            "de stilteruimte in zuidoost is vies",
            "remark",
            "district:zuidoost",
            "not_clean",
        ),  # two buildings there
        ("ik wil iets melden over de stilteruimte", "location", None, None),  # nothing to prefill
        ("the quiet room at city hall is broken", "remark", "building:stadhuis", "broken"),  # English
        ("de stilteruimte is kapot en vies", "location", None, None),  # two kinds: ask, don't guess
    ],
)
def test_a_first_message_fills_what_it_says(
    text: str, stage: str, location: str | None, kind: str | None
) -> None:
    draft = prefill(text, None, ROOMS)
    assert (draft.stage, draft.location_key, draft.kind) == (stage, location, kind)


def test_a_button_prefills_the_location() -> None:
    draft = prefill("", {"action": "quietroom.feedback.start", "location": "building:sdk-noord"}, ROOMS)
    assert (draft.stage, draft.location_label) == ("kind", "Stadsdeelkantoor Noord")


@pytest.mark.parametrize(
    "value",
    [
        {"location": "building:../../etc/passwd"},  # not a known building
        {"location": ["building:stadhuis"]},  # a list
        {"kind": "explosion"},  # not a kind
        {"kind": None, "location": 5},  # wrong types
        {},  # nothing
    ],
)
def test_hostile_button_data_is_ignored(value: dict) -> None:
    assert prefill("", value, ROOMS) == FeedbackDraft("location")
    step = advance(FeedbackDraft(), "", value, ROOMS)
    assert (step.status, step.notice, step.draft.location_key) == ("ask", "not_understood", None)


def test_a_full_form_by_buttons() -> None:
    step = advance(FeedbackDraft(), "", {"location": "building:stadhuis"}, ROOMS)
    step = advance(step.draft, "", {"kind": "meetings"}, ROOMS)
    assert step.draft.stage == "remark"
    step = advance(step.draft, "", {"skip": True}, ROOMS)
    record = finish(step, date(2026, 11, 22))
    assert (record.location_key, record.kind, record.remark, record.day) == (
        "building:stadhuis",
        "meetings",
        None,
        date(2026, 11, 22),
    )


def test_another_location_in_words_is_masked_and_cut() -> None:
    step = advance(FeedbackDraft(), "", {"location": "other"}, ROOMS)
    assert step.draft.stage == "location_text"
    long_place = "Weesperplein 8, bel Jan op 06-12345678 of mail jan@example.org " + "x" * 300
    step = advance(step.draft, long_place, None, ROOMS)
    assert step.draft.stage == "kind"
    label = step.draft.location_label or ""
    assert "12345678" not in label
    assert "jan@example.org" not in label
    assert len(label) <= 120
    assert (step.draft.location_key or "").startswith("other:weesperplein 8")


def test_a_typed_known_place_is_the_building() -> None:
    step = advance(FeedbackDraft(), "stopera", None, ROOMS)
    assert step.draft.location_key == "building:stadhuis"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "12345", "<b></b>", "<script></script>"])
def test_a_location_without_letters_is_asked_again_then_given_up(text: str) -> None:
    step = advance(FeedbackDraft(), text, None, ROOMS)
    assert (step.status, step.notice) == ("ask", "not_understood")
    step = advance(step.draft, text, None, ROOMS)
    step = advance(step.draft, text, None, ROOMS)
    assert step.status == "gave_up"


def test_another_subject_leaves_the_form() -> None:
    assert (
        advance(FeedbackDraft(), "hoe meld ik discriminatie?", None, ROOMS, elsewhere=True).status == "leave"
    )
    assert advance(AT_KIND, "wat is een vertrouwenspersoon", None, ROOMS, elsewhere=True).status == "leave"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("altijd bezet", "occupied"),
        ("ze vergaderen er", "meetings"),
        ("de deur is kapot", "broken"),
        ("het is er smerig", "not_clean"),
        ("er is hier geen stilteruimte", "no_room"),
        ("iets anders", "other"),
        ("people use it for meetings", "meetings"),
    ],
)
def test_a_typed_kind(text: str, kind: str) -> None:
    assert kind_from_text(text) == kind
    assert advance(AT_KIND, text, None, ROOMS).draft.kind == kind


@pytest.mark.parametrize(
    ("text", "nav"), [("stop", None), ("STOP!", None), ("laat maar", None), ("", "stop")]
)
def test_stop_at_any_question(text: str, nav: str | None) -> None:
    value = {"nav": nav} if nav else None
    for draft in (FeedbackDraft(), AT_KIND, AT_REMARK):
        assert advance(draft, text, value, ROOMS).status == "stopped"


def test_back_goes_one_question_back() -> None:
    assert advance(AT_REMARK, "terug", None, ROOMS).draft == FeedbackDraft(
        "kind", "building:stadhuis", "Stadhuis (Stopera)"
    )
    assert advance(AT_KIND, "", {"nav": "back"}, ROOMS).draft == FeedbackDraft("location")
    assert advance(FeedbackDraft(), "terug", None, ROOMS).draft == FeedbackDraft("location")


def test_a_remark_is_masked_and_cut_at_500() -> None:
    text = "Bel 0612345678, mail iemand@amsterdam.nl. " + "lang " * 200
    step = advance(AT_REMARK, text, None, ROOMS)
    assert (step.status, step.notice) == ("done", "trimmed")
    assert step.remark is not None
    assert len(step.remark) <= MAX_REMARK
    assert "0612345678" not in step.remark
    assert "iemand@amsterdam.nl" not in step.remark


def test_a_remark_that_may_be_a_disclosure_is_not_kept() -> None:
    step = advance(
        AT_REMARK, "ik word daar gediscrimineerd door mijn teamleider", None, ROOMS, sensitive=True
    )
    assert (step.status, step.notice, step.remark) == ("done", "sensitive", None)
    assert finish(step, date(2026, 11, 22)).remark is None


def test_control_characters_and_markup_in_a_remark() -> None:
    step = advance(AT_REMARK, "te\x00veel\x1b[31m  <b>lawaai</b>\n\n", None, ROOMS)
    assert step.remark == "te veel [31m lawaai"


def test_an_unfinished_form_cannot_be_kept() -> None:
    with pytest.raises(ValueError, match="not complete"):
        finish(advance(AT_KIND, "huh", None, ROOMS), date(2026, 11, 22))


@pytest.mark.parametrize(
    "data",
    [
        None,
        "x",
        {"stage": "remark"},
        {"stage": "hack", "kind": "explosion", "retries": "many"},
        {"location_key": 5, "location_label": "x"},
    ],
)
def test_a_draft_from_any_stored_data_is_consistent(data: object) -> None:
    draft = FeedbackDraft.from_data(data)
    assert draft.stage in ("location", "location_text")
    assert draft.location_key is None


def test_draft_round_trip() -> None:
    assert FeedbackDraft.from_data(AT_REMARK.to_data()) == AT_REMARK


def test_location_from_text_needs_one_meaning() -> None:
    assert location_from_text("stadhuis of noord", ROOMS) is None  # two places: ask
    assert location_from_text("noord", ROOMS) == (
        "building:sdk-noord",
        "Stadsdeelkantoor Noord",
    )  # one building
