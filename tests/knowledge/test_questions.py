"""Submission rules, sessions, withdrawal codes, merging and export shaping of the alderman questions."""

from __future__ import annotations

import time as clock
from datetime import date, time

import pytest
from pydantic import ValidationError

from knowledge.moderation import asked_by, merge_root, near_duplicates
from knowledge.question_export import heading_for, shape_export
from knowledge.questions import (
    Question,
    check_submission,
    check_text,
    clean_text,
    new_question_id,
    new_sort_key,
)
from knowledge.sessions import STANDING, Session, Slot, choose_session, open_sessions
from knowledge.withdrawal import ALPHABET, CodeHasher, display, new_code, normalize_code

TODAY = date(2026, 11, 22)
FAST = CodeHasher(n=2**4)


def session(
    sid: str,
    day: date,
    deadline: date | None = None,
    slots: tuple[str, ...] = ("gemeentesecretaris", "beide"),
):
    times = [(time(15, 0), time(15, 30)), (time(15, 30), time(16, 0)), (time(16, 0), time(16, 30))]
    return Session(
        id=sid,
        title=f"Sessie {sid}",
        day=day,
        start=time(15),
        end=time(16, 30),
        place="Stadhuis",
        slots=tuple(Slot(addressee=a, start=s, end=e) for a, (s, e) in zip(slots, times, strict=False)),
        deadline=deadline,
    )


SOON = session("soon", date(2026, 12, 1), date(2026, 11, 28))
LATER = session("later", date(2027, 1, 10), slots=("wethouder", "beide"))
PAST = session("past", date(2026, 11, 20))
CLOSED = session("closed", date(2026, 11, 30), date(2026, 11, 21))
ALL = [LATER, PAST, SOON, CLOSED]

TEXTS = [
    # exactly ten characters after trimming is enough
    ("  abcdefghij  ", "abcdefghij"),
    # nine is too short
    ("abcdefghi", "too_short"),
    # only spaces is empty
    ("   \n\t ", "empty"),
    # not a string at all (card values can be any JSON)
    (12345678901, "empty"),
    (None, "empty"),
    (["a list"], "empty"),
    # 1,000 characters is allowed, 1,001 is not
    ("x" * 1000, "x" * 1000),
    ("x" * 1001, "too_long"),
    # a huge value is refused before any work is done on it
    ("x" * 1_000_000, "too_long"),
    # invisible characters and bidi overrides are dropped, line ends tidied
    ("Waarom\u200b is\u202e dit\r\nzo?\x00", "Waarom is dit\nzo?"),
]


@pytest.mark.parametrize(("raw", "expected"), TEXTS)
def test_question_text_rules(raw: object, expected: str) -> None:
    assert check_text(raw) == expected


def test_clean_text_keeps_at_most_one_blank_line() -> None:
    assert clean_text("a\n\n\n\n\nb") == "a\n\nb"


SESSIONS = [
    # no session asked for: the next open session that has this addressee
    (None, "beide", "soon"),
    ("", "gemeentesecretaris", "soon"),
    ("next", "beide", "soon"),
    # the next open session has no slot for the alderman alone: a later one has
    (None, "wethouder", "later"),
    # asked by id
    ("later", "wethouder", "later"),
    # the standing collection takes all three addressees, always
    ("standing", "wethouder", "standing"),
    # a session whose deadline passed, or whose day passed
    ("closed", "beide", "closed_session"),
    ("past", "beide", "closed_session"),
    # an unknown id, or not a string
    ("nope", "beide", "unknown_session"),
    (["soon"], "beide", "unknown_session"),
    # an addressee the session does not have, or no addressee at all
    ("soon", "wethouder", "bad_addressee"),
    (None, "burgemeester", "bad_addressee"),
    (None, None, "bad_addressee"),
]


@pytest.mark.parametrize(("requested", "addressee", "expected"), SESSIONS)
def test_choosing_the_session(requested: object, addressee: object, expected: str) -> None:
    chosen = choose_session(requested, addressee, ALL, TODAY)
    assert (chosen.id if isinstance(chosen, Session) else chosen) == expected


def test_without_open_sessions_questions_go_to_the_standing_collection() -> None:
    assert choose_session(None, "wethouder", [PAST, CLOSED], TODAY) is STANDING
    assert open_sessions(ALL, TODAY) == [SOON, LATER]
    assert STANDING.addressees == ("wethouder", "gemeentesecretaris", "beide")


def test_a_submission_becomes_a_draft_or_names_its_problem() -> None:
    draft = check_submission(
        {"question": " Hoe staat het met de stilteruimtes? ", "addressee": "beide", "session": None},
        ALL,
        TODAY,
    )
    assert not isinstance(draft, str)
    assert (draft.text, draft.addressee, draft.session.id) == (
        "Hoe staat het met de stilteruimtes?",
        "beide",
        "soon",
    )
    assert check_submission({"question": "kort", "addressee": "beide"}, ALL, TODAY) == "too_short"
    assert check_submission({"question": "lang genoeg nu", "addressee": 3}, ALL, TODAY) == "bad_addressee"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        # a slot that ends before it starts
        ({"slots": ({"addressee": "beide", "start": time(16), "end": time(15)},)}, "end after it starts"),
        # two slots for one addressee
        ({"slots": ({"addressee": "beide"}, {"addressee": "beide"})}, "one slot"),
        # a deadline after the session
        ({"deadline": date(2026, 12, 2)}, "deadline"),
        # an id that is not a slug, or the reserved word for "the next session"
        ({"id": "Sessie 1"}, "session id"),
        ({"id": "next"}, "reserved"),
    ],
)
def test_sessions_are_validated(fields: dict, message: str) -> None:
    base = SOON.model_dump() | fields
    with pytest.raises(ValidationError, match=message):
        Session(**base)


def test_codes_are_short_grouped_and_free_of_look_alikes() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 10
        assert set(code) <= set(ALPHABET)
    assert not set("0O1ILUAE") & set(ALPHABET)
    assert display("BCDFG23456") == "BCDFG-23456"


NORMALISED = [
    # as shown
    ("BCDFG-23456", "BCDFG23456"),
    # typed in lower case with spaces
    (" bcdfg 23456 ", "BCDFG23456"),
    # a character that never occurs in a code
    ("BCDF0-23456", None),
    # too short, too long, not a string, absurdly long
    ("BCDFG-2345", None),
    ("BCDFG-234567", None),
    (1234567890, None),
    ("B" * 10_000, None),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALISED)
def test_typed_codes_are_normalised(raw: object, expected: str | None) -> None:
    assert normalize_code(raw) == expected


def test_code_hashes_are_salted_and_verify_only_the_right_code() -> None:
    code = new_code()
    first, second = FAST.digest(code), FAST.digest(code)
    assert first.salt != second.salt
    assert first.hash != second.hash
    assert code not in first.hash + first.salt + first.bucket
    assert FAST.matches(code, first)
    assert FAST.matches(code, second)
    other = next(c for c in iter(new_code, None) if c != code)
    assert not FAST.matches(other, first)
    assert not FAST.matches(code, first.__class__(first.bucket, "zz", first.hash))


def test_the_default_code_hash_is_slow() -> None:
    started = clock.perf_counter()
    CodeHasher().digest(new_code())
    assert clock.perf_counter() - started > 0.005


def q(
    qid: str,
    text: str = "Hoe staat het met de stilteruimtes in de stad?",
    status: str = "approved",
    addressee: str = "wethouder",
    session_id: str = "standing",
    merged_into: str | None = None,
    sort_key: str | None = None,
) -> Question:
    return Question(
        id=qid,
        session_id=session_id,
        addressee=addressee,
        text=text,
        status=status,
        merged_into=merged_into,
        day=TODAY,
        sort_key=sort_key or new_sort_key(),
    )


def test_merged_questions_count_towards_their_root() -> None:
    questions = [
        q("a"),
        q("b", status="merged", merged_into="a"),
        q("c", status="merged", merged_into="b"),
        q("d", status="merged", merged_into="d"),
    ]
    assert asked_by(questions) == {"a": 3}
    assert merge_root("c", {x.id: x for x in questions}) == "a"


def test_near_duplicates_are_suggested_within_one_addressee_only() -> None:
    questions = [
        q("a", "Waarom zijn er zo weinig stilteruimtes op het stadhuis?"),
        q("b", "waarom zijn er zo weinig stilteruimtes op het Stadhuis"),
        q("c", "waarom zijn er zo weinig stilteruimtes op het Stadhuis", addressee="beide"),
        q("d", "Wat doet de gemeente tegen discriminatie bij sollicitaties?"),
        q("e", "Waarom zijn er zo weinig stilteruimtes op het stadhuis?", status="rejected"),
    ]
    pairs = near_duplicates(questions)
    assert [(p.first, p.second) for p in pairs] == [("a", "b")]


def test_export_groups_by_addressee_like_the_briefing() -> None:
    soon_questions = [
        q("g1", addressee="gemeentesecretaris", session_id="soon"),
        q("b1", addressee="beide", session_id="soon"),
        q("n1", addressee="beide", session_id="soon", status="new"),
    ]
    standing = [q("w1"), q("w2", status="merged", merged_into="w1"), q("r1", status="rejected")]
    exports = shape_export(soon_questions + standing, [SOON, STANDING])
    assert [e.session.id for e in exports] == ["soon", "standing"]
    assert [g.heading for g in exports[0].groups] == ["Aan de GS", "Aan de GS + WH"]
    assert exports[0].groups[0].when == "15:00–15:30"
    assert [len(g.items) for g in exports[0].groups] == [1, 1]
    assert exports[1].groups[0].items[0].asked_by_label == "gesteld door 2 collega's"
    with_new = shape_export(soon_questions + standing, [SOON, STANDING], include_new=True)
    assert [len(g.items) for g in with_new[0].groups] == [1, 2]
    assert heading_for("wethouder") == "Aan de WH"


def test_export_order_is_the_random_key_not_the_order_of_arrival() -> None:
    arrived = [q(new_question_id(), f"Vraag nummer {i}: is dit een goede vraag?") for i in range(40)]
    items = shape_export(arrived, [STANDING])[0].groups[0].items
    exported = [item.text for item in items]
    assert sorted(exported) == sorted(x.text for x in arrived)
    assert exported != [x.text for x in arrived]
    assert exported == [x.text for x in sorted(arrived, key=lambda x: x.sort_key)]


def test_export_can_redact_and_skips_empty_sessions() -> None:
    exports = shape_export(
        [q("a", "Mijn collega Jan vroeg dit ook al eens.")], [SOON, STANDING], redact_personal_data=True
    )
    assert [e.session.id for e in exports] == ["standing"]
    assert exports[0].groups[0].items[0].text == "Mijn collega [5.1.2.e] vroeg dit ook al eens."
    assert shape_export([], [SOON], keep_empty=True)[0].groups == ()
