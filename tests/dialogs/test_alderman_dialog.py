"""The alderman-question flows, end to end through the one conversation harness."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from datetime import date, time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from botbuilder.schema import Activity

from adapters.persistence.db import Database
from adapters.persistence.migrate import upgrade
from adapters.persistence.question_memory import InMemoryQuestionRepository, InMemorySessionRepository
from adapters.persistence.state import SqlStateStore
from adapters.teams.state_storage import SqlBotStorage
from dialogs.alderman_desk import QuestionDesk
from dialogs.alderman_dialog import alderman_flow
from dialogs.alderman_withdraw_dialog import alderman_withdraw_flow
from dialogs.rate_limit import DailyLimiter
from knowledge.questions import find_by_code
from knowledge.sessions import Session, Slot
from knowledge.withdrawal import CodeHasher
from tests.dialogs.harness import Conversation, buttons, cards, make_services, texts, traces

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "ac-schema-1.5.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft6Validator(SCHEMA)
FAST = CodeHasher(n=2**4)
TODAY = date(2026, 11, 22)
QUESTION = "Hoe zorgt de gemeente voor genoeg stilteruimtes op alle locaties?"


class Chat:
    """A conversation with the alderman flows whose every card must be valid Adaptive Card 1.5."""

    def __init__(
        self,
        storage: Any = None,
        locale: str = "nl-NL",
        sessions: tuple[Session, ...] = (),
        desk: QuestionDesk | None = None,
    ) -> None:
        self.services = make_services(TODAY)
        self.desk = desk or QuestionDesk(
            InMemoryQuestionRepository(), InMemorySessionRepository(sessions), hasher=FAST
        )
        flows = (alderman_flow(self.services, self.desk), alderman_withdraw_flow(self.services, self.desk))
        self.conversation = Conversation(services=self.services, storage=storage, locale=locale, flows=flows)

    async def say(self, text: str) -> list[Activity]:
        return self._checked(await self.conversation.say(text))

    async def click(self, data: dict[str, Any]) -> list[Activity]:
        return self._checked(await self.conversation.click(data))

    async def send_twice(self, data: dict[str, Any]) -> tuple[list[Activity], list[Activity]]:
        """The same activity (same id) delivered twice, as a retrying channel does."""
        activity_id = uuid.uuid4().hex
        return await self._send_with_id(data, activity_id), await self._send_with_id(data, activity_id)

    async def _send_with_id(self, data: dict[str, Any], activity_id: str) -> list[Activity]:
        # TestAdapter.process_activity numbers activities itself; a retry must keep its id.
        adapter = self.conversation.adapter
        template = adapter.template
        activity = Activity(
            type="message",
            id=activity_id,
            value=data,
            locale=self.conversation.locale,
            channel_id=template.channel_id,
            from_property=template.from_property,
            recipient=template.recipient,
            conversation=template.conversation,
            service_url=template.service_url,
        )
        adapter.activity_buffer.clear()
        await adapter.run_pipeline(adapter.create_turn_context(activity), self.conversation.bot.on_turn)
        return self._checked(list(adapter.activity_buffer))

    @staticmethod
    def _checked(replies: list[Activity]) -> list[Activity]:
        for card in cards(replies):
            errors = list(VALIDATOR.iter_errors(card))
            assert not errors, errors[0].message
            assert card.get("fallbackText")
        assert len(traces(replies)) == 1, "every message turn ends with one knowledge.match trace"
        return replies


def submit(question: Any = QUESTION, addressee: Any = "wethouder", session: Any = None, **extra: Any) -> dict:
    return {
        "action": "alderman.submit",
        "question": question,
        "addressee": addressee,
        "session": session,
        **extra,
    }


def button(replies: list[Activity], action: str) -> dict[str, Any]:
    return next(b["data"] for b in buttons(replies) if b.get("data", {}).get("action") == action)


async def test_asking_first_says_what_is_kept_then_shows_the_form() -> None:
    chat = Chat()
    replies = await chat.say("ik wil een vraag stellen aan de wethouder")
    assert traces(replies)[0]["topic"] == "alderman.ask"
    shown = texts(replies)
    assert shown.index("Wat bewaren we?") < shown.index("Je vraag\n")
    assert "zonder je naam" in shown
    assert "niet het tijdstip" in shown
    assert "chatgeschiedenis" in shown
    assert "Teams bewaart chats" in shown
    assert "geen meldpunt" in shown
    assert {"action": "menu", "area": "report"} in [b["data"] for b in buttons(replies)]
    form = cards(replies)[-1]
    inputs = {item["id"]: item for item in form["body"] if item["type"].startswith("Input.")}
    assert set(inputs) == {"question", "addressee"}
    assert [c["value"] for c in inputs["addressee"]["choices"]] == [
        "wethouder",
        "gemeentesecretaris",
        "beide",
    ]
    assert inputs["question"]["maxLength"] == 1000
    assert button(replies, "alderman.submit") == {"action": "alderman.submit"}


async def test_the_form_offers_open_sessions_and_the_sessions_topic_shows_them() -> None:
    december = Session(
        id="dec-2026",
        title="Kennissessie december",
        day=date(2026, 12, 1),
        start=time(15),
        end=time(16),
        place="Stadhuis",
        deadline=date(2026, 11, 28),
        intro="Over werving.",
        slots=(
            Slot(addressee="gemeentesecretaris", start=time(15), end=time(15, 30)),
            Slot(addressee="beide", start=time(15, 30), end=time(16)),
        ),
    )
    closed = december.model_copy(update={"id": "old", "title": "Oude sessie", "deadline": date(2026, 11, 1)})
    chat = Chat(sessions=(december, closed))
    replies = await chat.click({"action": "alderman.start"})
    session_input = next(i for i in cards(replies)[-1]["body"] if i.get("id") == "session")
    assert [c["value"] for c in session_input["choices"]] == ["next", "dec-2026", "standing"]
    about = await chat.say("wanneer is de volgende kennissessie?")
    assert traces(about)[0]["topic"] == "alderman.sessions"
    shown = texts(about)
    assert "Kennissessie december" in shown
    assert "Oude sessie" not in shown
    assert "1 december 2026, 15:00–16:00, Stadhuis" in shown
    assert "GS 15:00–15:30 · GS + WH 15:30–16:00" in shown
    assert "Vragen tot en met 28 november 2026." in shown


async def test_a_submission_is_checked_and_previewed_but_not_stored() -> None:
    chat = Chat()
    text = "Waarom zei mijn collega Jan op 12 maart dat team Inkoop geen stilteruimte nodig heeft?"
    replies = await chat.click(submit(text))
    assert traces(replies)[0]["topic"] == "alderman.ask"
    assert "Klopt dit?" in texts(replies)
    assert "Dit kan laten zien wie je bent" in texts(replies)
    facts = next(i for i in cards(replies)[0]["body"] if i["type"] == "FactSet")["facts"]
    assert [f["title"] for f in facts] == ["“Jan”", "“12 maart”", "“team Inkoop”"]
    assert button(replies, "alderman.submit") == submit(text, confirmed=True)
    assert button(replies, "alderman.start") == {
        "action": "alderman.start",
        "question": text,
        "addressee": "wethouder",
        "session": None,
    }
    assert await chat.desk.questions.list() == []
    edit = await chat.click(button(replies, "alderman.start"))
    assert next(i for i in cards(edit)[-1]["body"] if i.get("id") == "question")["value"] == text
    stopped = await chat.click(button(replies, "alderman.cancel"))
    assert "niets verstuurd" in texts(stopped)
    assert await chat.desk.questions.list() == []


async def test_confirming_stores_once_and_shows_the_code_once_with_a_receipt_trace() -> None:
    chat = Chat()
    replies = await chat.click(submit(f"  {QUESTION}  ", confirmed=True))
    receipt = traces(replies, "alderman.submitted")
    assert len(receipt) == 1
    code = receipt[0]["receipt"]
    assert code in texts(replies)
    assert "één keer" in texts(replies)
    stored = await chat.desk.questions.list()
    assert [(q.text, q.addressee, q.session_id, q.status, q.day) for q in stored] == [
        (QUESTION, "wethouder", "standing", "new", TODAY)
    ]
    assert await find_by_code(chat.desk.questions, code, FAST) == stored[0]


async def test_the_same_activity_delivered_twice_stores_one_question() -> None:
    chat = Chat()
    first, second = await chat.send_twice(submit(confirmed=True))
    assert len(traces(first, "alderman.submitted")) == 1
    assert traces(second, "alderman.submitted") == []
    assert "al ontvangen" in texts(second)
    assert len(await chat.desk.questions.list()) == 1


BAD = [
    # too short, too long, nothing, not text
    (submit("kort"), "wat kort"),
    (submit("x" * 1001), "te lang"),
    (submit("   "), "geen vraag"),
    (submit({"nested": "dict"}), "geen vraag"),
    # no addressee, an unknown one, a list
    (submit(addressee=None), "voor wie"),
    (submit(addressee="burgemeester"), "voor wie"),
    (submit(addressee=["wethouder"]), "voor wie"),
    # an unknown session, one of the wrong type
    (submit(session="bestaat-niet"), "ken ik niet"),
    (submit(session=42), "ken ik niet"),
    # hostile text is only text
    (submit("<script>alert(1)</script>" * 50), "te lang"),
]


@pytest.mark.parametrize(("data", "message"), BAD)
async def test_bad_submissions_get_the_form_back_with_a_kind_message(data: dict, message: str) -> None:
    chat = Chat()
    replies = await chat.click({**data, "confirmed": True})
    assert message in texts(replies).lower()
    assert traces(replies, "alderman.submitted") == []
    assert any(i.get("id") == "question" for i in cards(replies)[-1]["body"])
    assert await chat.desk.questions.list() == []


@pytest.mark.parametrize("confirmed", ["true", 1, [True], None])
async def test_only_a_real_true_counts_as_confirmed(confirmed: Any) -> None:
    chat = Chat()
    replies = await chat.click(submit(confirmed=confirmed))
    assert "Klopt dit?" in texts(replies)
    assert await chat.desk.questions.list() == []


async def test_a_few_questions_per_person_per_day() -> None:
    desk = QuestionDesk(
        InMemoryQuestionRepository(), InMemorySessionRepository(), hasher=FAST, submissions=DailyLimiter(2)
    )
    chat = Chat(desk=desk)
    for _ in range(2):
        assert traces(await chat.click(submit(confirmed=True)), "alderman.submitted")
    refused = await chat.click(submit(confirmed=True))
    assert traces(refused, "alderman.submitted") == []
    assert "morgen" in texts(refused)
    other_person = Chat(desk=desk)
    assert traces(await other_person.click(submit(confirmed=True)), "alderman.submitted")
    assert len(await desk.questions.list()) == 3


class BrokenQuestions(InMemoryQuestionRepository):
    async def add(self, question: Any, code: Any, delivery_id: str | None) -> bool:
        raise RuntimeError(f"database is away while storing {question.text}")


async def test_no_confirmation_without_a_commit_and_nothing_of_the_question_in_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    chat = Chat(desk=QuestionDesk(BrokenQuestions(), InMemorySessionRepository(), hasher=FAST))
    replies = await chat.click(submit("Een heel herkenbare vraag 5e7d1 over mijn team", confirmed=True))
    assert traces(replies, "alderman.submitted") == []
    assert "niet gelukt" in texts(replies)
    assert "question_store_failed" in [getattr(r, "event", None) for r in caplog.records]
    assert "5e7d1" not in caplog.text
    assert "5e7d1" not in " ".join(str(r.__dict__) for r in caplog.records)


async def test_english_speakers_get_english(tmp_path: Path) -> None:
    chat = Chat(locale="en-US")
    replies = await chat.click({"action": "alderman.start"})
    assert "Your question" in texts(replies)
    receipt = await chat.click(submit(confirmed=True))
    assert "withdrawal code" in texts(receipt)


async def test_no_draft_or_identifier_remains_in_the_state_storage(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'state.db'}"
    await asyncio.to_thread(upgrade, url)
    database = Database(url)
    try:
        chat = Chat(storage=SqlBotStorage(SqlStateStore(database)))
        draft = "Unieke conceptvraag 9c4b2e over de stilteruimtes hier"
        await chat.say("ik wil een vraag stellen aan de wethouder")
        preview = await chat.click(submit(draft))
        _assert_not_in_files(tmp_path, "9c4b2e")
        await chat.click(button(preview, "alderman.submit"))
        await chat.say("hoi")
        conversation = chat.conversation
        for needle in (
            "9c4b2e",
            conversation.user.id,
            conversation.user.aad_object_id,
            conversation.conversation.id,
            conversation.conversation.tenant_id,
        ):
            _assert_not_in_files(tmp_path, needle)
        assert len(await chat.desk.questions.list()) == 1
    finally:
        await database.dispose()


def _assert_not_in_files(folder: Path, needle: str) -> None:
    for file in folder.iterdir():
        assert needle.encode() not in file.read_bytes(), f"{needle!r} found in {file.name}"


async def _stored_code(chat: Chat, text: str = QUESTION) -> str:
    return traces(await chat.click(submit(text, confirmed=True)), "alderman.submitted")[0]["receipt"]


async def test_withdrawing_with_the_code_deletes_the_question() -> None:
    chat = Chat()
    code = await _stored_code(chat)
    replies = await chat.say("ik wil mijn vraag intrekken")
    assert traces(replies)[0]["topic"] == "alderman.withdraw"
    assert "intrekcode" in texts(replies)
    assert any(i.get("id") == "code" for i in cards(replies)[-1]["body"])
    done = await chat.click({"action": "alderman.code", "op": "withdraw", "code": f" {code.lower()} "})
    assert traces(done)[0]["topic"] == "alderman.withdraw"
    assert "ingetrokken" in texts(done)
    assert await chat.desk.questions.list() == []
    again = await chat.click({"action": "alderman.code", "op": "withdraw", "code": code})
    assert "kan ik niets vinden" in texts(again)


async def test_changing_with_the_code_is_checked_previewed_and_saved() -> None:
    chat = Chat()
    code = await _stored_code(chat)
    form = await chat.click({"action": "alderman.code", "op": "change", "code": code})
    assert next(i for i in cards(form)[0]["body"] if i.get("id") == "question")["value"] == QUESTION
    short = await chat.click({**button(form, "alderman.change"), "question": "kort"})
    assert "wat kort" in texts(short)
    new_text = "Hoe zorgt de gemeente voor stilteruimtes in elk gebouw, ook buiten het centrum?"
    preview = await chat.click({**button(form, "alderman.change"), "question": new_text})
    assert "Klopt dit?" in texts(preview)
    assert (await chat.desk.questions.list())[0].text == QUESTION
    saved = await chat.click(button(preview, "alderman.change"))
    assert "aangepast" in texts(saved)
    assert [q.text for q in await chat.desk.questions.list()] == [new_text]


@pytest.mark.parametrize("code", ["BCDFG-HJKMN", "nonsense", "", None, 12345, {"code": "x"}, "B" * 5000])
async def test_a_wrong_code_gets_one_kind_answer(code: Any) -> None:
    chat = Chat()
    await _stored_code(chat)
    replies = await chat.click({"action": "alderman.code", "op": "withdraw", "code": code})
    assert "kan ik niets vinden" in texts(replies)
    assert len(await chat.desk.questions.list()) == 1


async def test_code_guesses_are_limited_per_person() -> None:
    chat = Chat()
    code = await _stored_code(chat)
    for _ in range(5):
        assert "kan ik niets vinden" in texts(
            await chat.click({"action": "alderman.code", "op": "withdraw", "code": "BCDFG-HJKMN"})
        )
    blocked = await chat.click({"action": "alderman.code", "op": "withdraw", "code": code})
    assert "morgen" in texts(blocked)
    assert len(await chat.desk.questions.list()) == 1


def test_the_daily_limiter_forgets_at_midnight_and_keeps_no_identifier() -> None:
    day = [date(2026, 11, 22)]
    limiter = DailyLimiter(1, today=lambda: day[0])
    limiter.hit("29:user-abc")
    assert not limiter.allows("29:user-abc")
    assert limiter.allows("29:someone-else")
    assert "29:user-abc" not in repr(limiter.__dict__)
    day[0] = date(2026, 11, 23)
    assert limiter.allows("29:user-abc")


async def test_in_a_group_chat_the_form_and_the_code_stay_out() -> None:
    chat = Chat()
    chat.conversation.conversation.conversation_type = "groupChat"
    asked = await chat.conversation.say("ik wil een vraag stellen aan de wethouder", mention=True)
    assert "chat met alleen mij" in texts(asked)
    assert not any(i.get("id") == "question" for c in cards(asked) for i in c["body"])
    submitted = await chat.click(submit(confirmed=True))
    assert "chat met alleen mij" in texts(submitted)
    code = await chat.click({"action": "alderman.code", "op": "withdraw", "code": "BCDFG-HJKMN"})
    assert "chat met alleen mij" in texts(code)
    assert await chat.desk.questions.list() == []
