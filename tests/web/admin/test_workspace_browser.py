"""The workspace in Debian's Chromium: the editor's and the moderator's whole jobs, axe-core, XSS."""

from __future__ import annotations

import io
import os
import re
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from docx import Document
from playwright.async_api import Page, expect

from adapters.persistence.question_repository import SqlQuestionRepository, SqlSessionRepository
from adapters.persistence.repositories import SqlGapLog
from bot.app import DATABASE
from knowledge.ports import Gap
from knowledge.questions import Question, new_sort_key
from knowledge.sessions import Session, Slot
from knowledge.withdrawal import CodeDigest
from tests.web.admin.conftest import ADMIN, EDITOR, MODERATOR, axe_violations, browser_sign_in
from tests.web.admin.oidc_provider import LocalProvider

REPO = Path(__file__).resolve().parents[3]
ENTRY = "language.guide-salutation"
ASKED = "genderneutrale aanhef"
NEW_TEXT = "Schrijf Beste, gevolgd door de voornaam en de achternaam. Zo spreek je iedereen goed aan (nieuw)."
MARKUP = "<img src=x onerror=alert(1)>"

expect.set_options(timeout=15_000)


async def ask_bot(base_url: str, text: str) -> str:
    """What the bot answers over /api/messages (expectReplies), all texts and card texts joined."""
    body = {
        "type": "message",
        "id": uuid.uuid4().hex,
        "channelId": "emulator",
        "serviceUrl": "http://127.0.0.1:9/",
        "conversation": {"id": "conv-" + uuid.uuid4().hex},
        "from": {"id": "29:" + uuid.uuid4().hex, "name": "Tester"},
        "recipient": {"id": "bot", "name": "bot"},
        "locale": "nl-NL",
        "deliveryMode": "expectReplies",
        "text": text,
    }
    async with aiohttp.ClientSession() as http, http.post(base_url + "/api/messages", json=body) as resp:
        assert resp.status == 200
        return str(await resp.json())


async def seed_questions(app: web.Application) -> dict[str, str]:
    database = app[DATABASE]
    sessions = SqlSessionRepository(database)
    day = date.today() + timedelta(days=10)
    await sessions.add(
        Session(
            id="kennissessie-test",
            title="Kennissessie najaar",
            day=day,
            slots=(Slot(addressee="wethouder"),),
            deadline=day,
        )
    )
    questions = SqlQuestionRepository(database)
    texts = {
        "a": "Wat doet de gemeente tegen discriminatie bij sollicitaties?",
        "b": "Wat doet de gemeente tegen discriminatie bij het solliciteren?",
        "c": f"Waarom {MARKUP} <script>alert(2)</script> staat dit hier?",
    }
    ids = {}
    for key, text in texts.items():
        question = Question(
            id=uuid.uuid4().hex,
            session_id="kennissessie-test",
            addressee="wethouder",
            text=text,
            day=date.today(),
            sort_key=new_sort_key(),
        )
        await questions.add(question, CodeDigest("0000", "00" * 16, "00" * 32), None)
        ids[key] = question.id
    return ids


async def seed_gaps(app: web.Application) -> None:
    log = SqlGapLog(app[DATABASE])
    today = date.today()
    for text in (
        "waar kan ik parkeren bij het stadhuis",
        "waar parkeer ik bij het stadhuis",
        f"wat is {MARKUP}",
    ):
        await log.record(Gap(kind="fallback", text=text, lang="nl", day=today))


def screenshot(name: str, tmp_path: Path) -> str:
    target = REPO / "docs" / name if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    return str(target)


async def test_an_editor_changes_an_answer_sees_the_regression_publishes_and_the_bot_says_it(
    admin_page: Page, base_url: str, provider: LocalProvider, tmp_path: Path
) -> None:
    page = admin_page
    assert NEW_TEXT not in await ask_bot(base_url, ASKED)
    await browser_sign_in(page, base_url, provider, EDITOR, f"/admin/answers/{ENTRY}")
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Antwoord {ENTRY}")
    await page.get_by_label("Nederlands", exact=True).nth(1).fill(NEW_TEXT)  # title, answer: the answer
    await page.get_by_label("Wat heb je veranderd?").fill("kortere aanhef")
    await page.get_by_role("button", name="Opslaan als concept").click()
    await expect(page.get_by_role("status")).to_contain_text("Opgeslagen als concept")
    await expect(page.get_by_text("Stand: concept")).to_be_visible()

    await page.get_by_role("link", name="Proberen").first.click()
    await page.get_by_label("Typ een vraag").fill(ASKED)
    await page.get_by_role("button", name="Proberen").click()
    await expect(page.locator("section", has_text="Met alle concepten")).to_contain_text(NEW_TEXT)
    await expect(page.locator("section", has_text="Nu in de bot")).not_to_contain_text(NEW_TEXT)

    await page.get_by_role("navigation").get_by_role("link", name="Publiceren").click()
    await expect(page.get_by_role("heading", name="Regressietest")).to_be_visible()
    await expect(page.get_by_text(re.compile(r"\d+ vragen getest"))).to_be_visible()
    await expect(page.get_by_role("link", name=ENTRY)).to_be_visible()
    await page.screenshot(path=screenshot("admin-publish.png", tmp_path), full_page=True)
    await page.get_by_role("button", name="Publiceren").click()
    await expect(page.get_by_role("status")).to_contain_text("Gepubliceerd")
    await expect(page.get_by_text("Versie 1:")).to_be_visible()

    assert NEW_TEXT in await ask_bot(base_url, ASKED)


async def test_a_moderator_approves_merges_and_downloads_a_docx(
    admin_page: Page, app: web.Application, base_url: str, provider: LocalProvider, tmp_path: Path
) -> None:
    ids = await seed_questions(app)
    page = admin_page
    await browser_sign_in(page, base_url, provider, MODERATOR, "/admin/questions?session=kennissessie-test")
    first = page.locator("li.question", has=page.locator(f"#q-{ids['a']}"))
    await expect(page.get_by_role("heading", name="Lijken op elkaar")).to_be_visible()
    await first.get_by_role("button", name="Goedkeuren").click()
    await expect(page.get_by_role("status")).to_have_text("Vraag goedgekeurd.")
    await expect(page.locator("li.question", has=page.locator(f"#q-{ids['a']}"))).to_contain_text(
        "goedgekeurd"
    )

    second = page.locator("li.question", has=page.locator(f"#q-{ids['b']}"))
    await second.get_by_label("Kiezen om samen te voegen").check()
    await page.get_by_label("Opgaan in").select_option(ids["a"])
    await page.screenshot(path=screenshot("admin-questions.png", tmp_path), full_page=True)
    await page.get_by_role("button", name="Samenvoegen").click()
    await expect(page.get_by_role("status")).to_have_text("Vragen samengevoegd.")
    await expect(page.locator("li.question", has=page.locator(f"#q-{ids['a']}"))).to_contain_text(
        "gesteld door 2 collega's"
    )

    # Markup in a question is shown as text, never run or rendered.
    third = page.locator("li.question", has=page.locator(f"#q-{ids['c']}"))
    await expect(third.get_by_role("heading")).to_have_text(
        f"Waarom {MARKUP} <script>alert(2)</script> staat dit hier?"
    )
    assert await page.locator("main img").count() == 0

    await page.get_by_role("navigation").get_by_role("link", name="Export").click()
    await page.get_by_label("Kennissessie").select_option("kennissessie-test")
    await page.get_by_label("Word (DOCX)").check()
    async with page.expect_download() as download_info:
        await page.get_by_role("button", name="Downloaden").click()
    download = await download_info.value
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / "export.docx"
    await download.save_as(saved)
    document = Document(io.BytesIO(saved.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kennissessie najaar" in text
    assert "Wat doet de gemeente tegen discriminatie bij sollicitaties? (gesteld door 2 collega's)" in text
    assert "alert(2)" not in text  # not approved, so not exported


async def test_every_page_passes_axe_core_and_stored_markup_stays_text(
    admin_page: Page, app: web.Application, base_url: str, provider: LocalProvider, tmp_path: Path
) -> None:
    await seed_questions(app)
    await seed_gaps(app)
    page = admin_page
    await browser_sign_in(page, base_url, provider, ADMIN)
    # A draft, so the publish page shows the regression table too.
    await page.goto(base_url + f"/admin/answers/{ENTRY}")
    await page.locator("#title_nl").fill(f"Aanhef {MARKUP}")
    await page.get_by_role("button", name="Opslaan als concept").click()
    await expect(page.get_by_role("status")).to_be_visible()
    pages = [
        "/admin/",
        "/admin/answers",
        "/admin/answers?q=aanhef",
        "/admin/answers/new",
        f"/admin/answers/{ENTRY}",
        "/admin/preview?q=waar+is+de+stilteruimte&lang=nl",
        "/admin/publish",
        "/admin/tests",
        "/admin/gaps",
        "/admin/questions",
        "/admin/question-sessions",
        "/admin/question-sessions?edit=kennissessie-test",
        "/admin/export",
        "/admin/items/glossary",
        "/admin/items/glossary/allochtoon",
        "/admin/items/routes",
        "/admin/items/rooms",
        "/admin/audit",
        "/admin/staff-sessions",
        "/admin/settings",
    ]
    problems: dict[str, Any] = {}
    for path in pages:
        response = await page.goto(base_url + path)
        assert response is not None and response.status == 200, path
        found = await axe_violations(page)
        if found:
            problems[path] = found
        # Narrow screens: nothing forces sideways scrolling of the page itself.
        await page.set_viewport_size({"width": 360, "height": 740})
        width = await page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            problems.setdefault(path, []).append(f"horizontal scrolling at 360px: {width}")
        await page.set_viewport_size({"width": 1100, "height": 900})
        if path == "/admin/gaps":
            await page.screenshot(path=screenshot("admin-gaps.png", tmp_path), full_page=True)
    assert not problems, problems

    # Stored markup is escaped everywhere it shows.
    await page.goto(base_url + "/admin/gaps")
    await expect(page.get_by_role("heading", name=f"wat is {MARKUP}")).to_be_visible()
    await page.goto(base_url + "/admin/answers?q=aanhef")
    await expect(page.get_by_role("cell", name=f"Aanhef {MARKUP}")).to_be_visible()
    assert await page.locator("main img").count() == 0

    await page.get_by_role("button", name="Afmelden").click()
    await expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    assert await axe_violations(page) == []


async def test_the_workspace_works_with_the_keyboard_alone(
    admin_page: Page, base_url: str, provider: LocalProvider
) -> None:
    page = admin_page
    await browser_sign_in(page, base_url, provider, EDITOR, "/admin/tests")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    await page.keyboard.press("Enter")
    for _ in range(40):
        if await page.evaluate("document.activeElement.id") == "text":
            break
        await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "text", "Tab never reached the question field"
    assert await page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    await page.keyboard.type("iemand bedreigt me nu met een mes")
    await page.keyboard.press("Tab")
    await page.keyboard.type("report.emergency")  # type-ahead in the topic list
    await page.keyboard.press("Tab")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Toevoegen"
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("status")).to_have_text("Testvraag toegevoegd.")
    await expect(
        page.get_by_role("cell", name="iemand bedreigt me nu met een mes", exact=True)
    ).to_be_visible()
    await expect(page.get_by_role("cell", name="report.emergency", exact=True)).to_be_visible()
