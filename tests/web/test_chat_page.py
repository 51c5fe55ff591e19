"""GET /chat: the try-it-without-Teams page, against the real app and Debian's Chromium."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer
from playwright.async_api import Page, Route, expect

from adapters.web import chat_page

REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "docs" / "chat-page.png"
MARKUP = "<img src=x onerror=alert(1)>"

expect.set_options(timeout=10_000)


# ---- helpers ----


def is_post(request: Any) -> bool:
    return request.url.endswith("/api/messages") and request.method == "POST"


async def welcome(page: Page) -> None:
    """Wait until the welcome card (the reply to conversationUpdate) is on the page."""
    await expect(page.locator(".msg--bot")).to_have_count(1)
    await expect(page.locator(".msg--bot").first).to_contain_text("Wegwijzer")


async def type_and_enter(page: Page, text: str) -> dict[str, Any]:
    """Type into the message field, press Enter; return the activity the page posted."""
    before = await page.locator(".msg--bot").count()
    await page.locator("#message").fill(text)
    async with page.expect_request(is_post) as sent:
        await page.locator("#message").press("Enter")
    await expect(page.locator(".msg--bot")).to_have_count(before + 1)
    return json.loads((await sent.value).post_data or "{}")


async def click_and_reply(page: Page, name: str) -> dict[str, Any]:
    before = await page.locator(".msg--bot").count()
    async with page.expect_request(is_post) as sent:
        await page.locator(".msg--bot").last.get_by_role("button", name=name, exact=True).click()
    await expect(page.locator(".msg--bot")).to_have_count(before + 1)
    return json.loads((await sent.value).post_data or "{}")


async def reply_once(page: Page, activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Answer the next POST /api/messages with these activities; the posted bodies are collected."""
    posted: list[dict[str, Any]] = []

    async def fulfil(route: Route) -> None:
        posted.append(json.loads(route.request.post_data or "{}"))
        body = json.dumps({"activities": activities})
        await route.fulfill(status=200, content_type="application/json", body=body)

    await page.route("**/api/messages", fulfil, times=1)
    return posted


def card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {"type": "AdaptiveCard", "version": "1.5", "body": body}
    if actions:
        content["actions"] = actions
    return {"contentType": "application/vnd.microsoft.card.adaptive", "content": content}


# ---- the HTTP edge, no browser ----


async def test_page_and_assets_carry_strict_headers(server: TestServer) -> None:
    async with aiohttp.ClientSession(base_url=str(server.make_url(""))) as http:
        for path, kind in (("/chat", "text/html"), ("/chat/static/chat.js", "text/javascript"),
                           ("/chat/static/chat.css", "text/css")):
            async with http.get(path) as resp:
                assert resp.status == 200, path
                assert resp.content_type == kind
                csp = resp.headers["Content-Security-Policy"]
                assert "default-src 'self'" in csp
                assert "script-src 'self'" in csp
                assert "unsafe-inline" not in csp
                assert "unsafe-eval" not in csp
                assert resp.headers["X-Content-Type-Options"] == "nosniff"
                assert resp.headers["Referrer-Policy"] == "no-referrer"
                assert resp.headers["Cache-Control"] == "no-cache"
                etag = resp.headers["ETag"]
            async with http.get(path, headers={"If-None-Match": etag}) as again:
                assert again.status == 304
        for path in ("/chat/static/chat.html", "/chat/static/..%2Fchat_page.py", "/chat/static/nope.js"):
            async with http.get(path) as resp:
                assert resp.status == 404, path


def test_html_has_no_inline_script_style_or_external_resource() -> None:
    html = (chat_page.STATIC_DIR / chat_page.PAGE).read_text(encoding="utf-8")
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/chat/static/chat.js" defer>']
    assert not re.search(r"<script[^>]*>\s*[^<\s]", html), "inline script"
    assert not re.search(r"\son\w+\s*=", html), "inline event handler"
    assert "<style" not in html
    assert "style=" not in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "external resource"
    js = (chat_page.STATIC_DIR / "chat.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js
    assert "insertAdjacentHTML" not in js
    assert "eval(" not in js


# ---- in the browser ----


async def test_page_loads_with_the_welcome_card_and_its_buttons(page: Page) -> None:
    await welcome(page)
    card = page.locator(".msg--bot").first
    await expect(card).to_contain_text("Hoi! Ik ben Wegwijzer")
    titles = ("Inclusieve taal", "Stilteruimtes", "Iets melden", "Vraag aan de wethouder",
              "Praten met een mens")
    for title in titles:
        await expect(card.get_by_role("button", name=title, exact=True)).to_be_visible()
    await expect(page.get_by_role("log")).to_have_attribute("aria-live", "polite")
    await expect(page.get_by_role("button", name="Verstuur")).to_be_visible()
    await expect(page.locator("#dev-status")).to_have_text("Ontwikkelaar: nog geen knowledge.match")


async def test_a_typed_question_gets_an_answer_and_the_topic_shows(page: Page) -> None:
    await welcome(page)
    sent = await type_and_enter(page, "waar is een stilteruimte")
    assert sent["type"] == "message"
    assert sent["text"] == "waar is een stilteruimte"
    assert sent["deliveryMode"] == "expectReplies"
    assert sent["channelId"] == "emulator"
    assert sent["conversation"]["conversationType"] == "personal"
    assert sent["locale"] == "nl-NL"
    await expect(page.locator(".msg--user").last).to_have_text("Jij: waar is een stilteruimte")
    await expect(page.locator(".msg--bot").last).to_contain_text(re.compile("stilteruimte", re.IGNORECASE))
    dev_status = page.locator("#dev-status")
    await expect(dev_status).to_have_text(re.compile(r"onderwerp quietroom\.find · score \d"))
    await expect(page.locator("#message")).to_have_value("")
    await expect(page.locator("#message")).to_be_focused()


async def test_a_submit_button_sends_its_data_and_shows_the_reply(page: Page) -> None:
    await welcome(page)
    sent = await click_and_reply(page, "Stilteruimtes")
    assert sent["value"] == {"action": "menu", "area": "quietroom"}
    assert "text" not in sent
    first_conversation = sent["conversation"]["id"]
    await expect(page.locator(".msg--user").last).to_have_text("Jij: Stilteruimtes")
    await expect(page.locator(".msg--bot").last.locator(".tb").first).to_have_text("Stilteruimtes")
    await expect(page.locator("#dev-status")).to_contain_text("bot.help")
    sent = await click_and_reply(page, "Stilteruimte vinden")
    assert sent["value"] == {"action": "entry", "id": "quietroom.find"}
    assert sent["conversation"]["id"] == first_conversation
    dev_status = page.locator("#dev-status")
    await expect(dev_status).to_have_text("Ontwikkelaar: onderwerp quietroom.find · score 100")
    # The room search starts: its choices are real buttons too.
    await expect(page.locator(".msg--bot").last.get_by_role("button", name="Zuidoost")).to_be_visible()


async def test_markup_typed_by_the_user_is_shown_as_text(page: Page, watch: Any) -> None:
    await welcome(page)
    await type_and_enter(page, MARKUP)
    await expect(page.locator(".msg--user").last).to_have_text(f"Jij: {MARKUP}")
    assert await page.locator("#transcript img").count() == 0
    assert watch.dialogs == []


async def test_markup_from_the_bot_is_shown_as_text(page: Page, watch: Any) -> None:
    await welcome(page)
    await reply_once(page, [
        {"type": "message", "text": MARKUP, "attachments": [card(
            [
                {"type": "TextBlock", "text": "<b onmouseover=alert(2)>vet</b>"},
                {"type": "FactSet", "facts": [{"title": "<script>alert(3)</script>", "value": MARKUP}]},
                {"type": "Image", "url": "javascript:alert(4)", "altText": "<i>geen plaatje</i>"},
            ],
            [
                {"type": "Action.Submit", "title": "<u>knop</u>", "data": {"action": "other"}},
                {"type": "Action.OpenUrl", "title": "<a href=x>link</a>", "url": "javascript:alert(5)"},
            ],
        )]},
    ])
    await type_and_enter(page, "toon markup")
    reply = page.locator(".msg--bot").last
    await expect(reply.locator(".text")).to_have_text(MARKUP)
    await expect(reply.locator(".tb")).to_have_text("<b onmouseover=alert(2)>vet</b>")
    await expect(reply.locator("dt")).to_have_text("<script>alert(3)</script>")
    await expect(reply.locator("dd")).to_have_text(MARKUP)
    await expect(reply.get_by_text("<i>geen plaatje</i>")).to_be_visible()
    await expect(reply.get_by_role("button", name="<u>knop</u>")).to_be_visible()
    await expect(reply.get_by_text("<a href=x>link</a>")).to_be_visible()
    for tag in ("img", "b", "script", "u", "i", "a"):
        assert await reply.locator(tag).count() == 0, tag
    await reply.locator(".tb").hover()
    assert watch.dialogs == []


async def test_the_language_toggle_switches_to_english(page: Page) -> None:
    await welcome(page)
    toggle = page.get_by_role("button", name="English")
    await toggle.click()
    await expect(page.get_by_role("button", name="Nederlands")).to_be_visible()
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.get_by_role("button", name="Send")).to_be_visible()
    await expect(page.get_by_label("Your message")).to_have_attribute("placeholder", "Type your question…")
    sent = await type_and_enter(page, "hello")
    assert sent["locale"] == "en-US"
    await expect(page.locator(".msg--bot").last).to_contain_text("What would you like to know about?")
    dev_status = page.locator("#dev-status")
    await expect(dev_status).to_have_text(re.compile(r"^Developer: topic bot\.greeting · score"))
    # A card button now answers in English too.
    await click_and_reply(page, "Quiet rooms")
    await expect(page.locator(".msg--bot").last.locator(".tb").first).to_have_text("Quiet rooms")


async def test_keyboard_only(page: Page) -> None:
    await welcome(page)
    for _ in range(20):
        if await page.evaluate("document.activeElement && document.activeElement.id") == "message":
            break
        await page.keyboard.press("Tab")
    focused = await page.evaluate("document.activeElement.id")
    assert focused == "message", "Tab never reached the message field"
    assert await page.evaluate("document.activeElement.matches(':focus-visible')")
    outline = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    await page.keyboard.type("tips voor genderneutraal schrijven")
    async with page.expect_request(is_post):
        await page.keyboard.press("Enter")
    await expect(page.locator(".msg--bot")).to_have_count(2)
    await expect(page.locator(".msg--bot").last).to_contain_text("👍")
    # Shift+Tab walks back into the answer card; Enter on a focused card button presses it.
    for _ in range(30):
        if await page.evaluate("document.activeElement.textContent") == "👍":
            break
        await page.keyboard.press("Shift+Tab")
    assert await page.evaluate("document.activeElement.tagName") == "BUTTON"
    async with page.expect_request(is_post) as sent:
        await page.keyboard.press("Enter")
    assert json.loads((await sent.value).post_data or "{}")["value"]["action"] == "feedback"
    await expect(page.locator(".msg--bot").last).to_contain_text("Dank je")


async def test_card_inputs_show_cards_links_suggestions_and_traces(page: Page) -> None:
    await welcome(page)
    heading = {"type": "TextBlock", "text": "Formulier", "weight": "Bolder", "size": "Large",
               "color": "Attention"}
    column_text = {"type": "TextBlock", "text": "In een kolom", "isSubtle": True}
    note_input = {"type": "Input.Text", "id": "opmerking", "placeholder": "Je opmerking", "isMultiline": True}
    note_submit = {"type": "Action.Submit", "title": "Opmerking sturen", "data": {"action": "note"}}
    form = card(
        [
            heading,
            {"type": "Input.Text", "id": "naam", "label": "Onderwerp", "value": "voorbeeld"},
            {"type": "Input.ChoiceSet", "id": "gebouw", "label": "Gebouw", "choices": [
                {"title": "Stadhuis", "value": "stopera"}, {"title": "Zuidoost", "value": "zo"}]},
            {"type": "Input.ChoiceSet", "id": "dagen", "label": "Dagen", "isMultiSelect": True, "choices": [
                {"title": "Ma", "value": "ma"}, {"title": "Di", "value": "di"}]},
            {"type": "Input.Toggle", "id": "anoniem", "title": "Anoniem", "valueOn": "ja", "valueOff": "nee"},
            {"type": "ColumnSet", "columns": [{"items": [
                {"type": "Container", "items": [column_text]}]}]},
            {"type": "Image", "url": "data:image/gif;base64,R0lGODlhAQABAAAAACw=", "altText": "stip"},
            {"type": "ActionSet", "actions": [
                {"type": "Action.OpenUrl", "title": "Bel 112", "url": "tel:112"}]},
        ],
        [
            {"type": "Action.Submit", "title": "Versturen", "data": {"action": "form"}},
            {"type": "Action.OpenUrl", "title": "Meer info", "url": "https://www.amsterdam.nl/"},
            {"type": "Action.ShowCard", "title": "Opmerking",
             "card": {"type": "AdaptiveCard", "body": [note_input], "actions": [note_submit]}},
        ],
    )
    await reply_once(page, [
        {"type": "trace", "name": "knowledge.match", "value": {"topic": "demo.form", "score": 42.5}},
        {"type": "message", "attachments": [form],
         "suggestedActions": {"actions": [{"type": "imBack", "title": "Ja graag", "value": "ja graag"}]}},
        {"type": "typing"},
    ])
    await type_and_enter(page, "formulier")
    reply = page.locator(".msg--bot").nth(1)
    await expect(page.locator("#dev-status")).to_have_text("Ontwikkelaar: onderwerp demo.form · score 42.5")
    await expect(page.locator("#transcript")).not_to_contain_text("demo.form")
    await expect(reply.locator(".tb").first).to_have_class("tb tb-bold tb-large tb-attention")
    await expect(reply.get_by_alt_text("stip")).to_be_visible()
    link = reply.get_by_role("link", name="Meer info")
    await expect(link).to_have_attribute("href", "https://www.amsterdam.nl/")
    await expect(link).to_have_attribute("rel", "noopener noreferrer")
    await expect(link).to_have_attribute("target", "_blank")
    await expect(reply.get_by_role("link", name="Bel 112")).to_have_attribute("href", "tel:112")

    await reply.get_by_label("Onderwerp").fill("lift kapot")
    await reply.get_by_label("Gebouw").select_option("zo")
    await reply.get_by_label("Di").check()
    await reply.get_by_label("Anoniem").check()
    opener = reply.get_by_role("button", name="Opmerking", exact=True)
    await expect(opener).to_have_attribute("aria-expanded", "false")
    await expect(reply.get_by_label("Je opmerking")).to_be_hidden()
    await opener.click()
    await expect(opener).to_have_attribute("aria-expanded", "true")
    await reply.get_by_label("Je opmerking").fill("graag snel")

    posted = await reply_once(page, [{"type": "message", "text": "ontvangen"}])
    await reply.get_by_role("button", name="Versturen").click()
    await expect(page.locator(".msg--bot").last).to_have_text("Wegwijzer: ontvangen")
    await expect(page.locator(".msg--user").last).to_have_text("Jij: Versturen")
    assert posted[0]["value"] == {"action": "form", "naam": "lift kapot", "gebouw": "zo", "dagen": "di",
                                  "anoniem": "ja"}

    posted = await reply_once(page, [{"type": "message", "text": "opmerking ontvangen"}])
    await reply.get_by_role("button", name="Opmerking sturen").click()
    await expect(page.locator(".msg--bot").last).to_have_text("Wegwijzer: opmerking ontvangen")
    assert posted[0]["value"]["action"] == "note"
    assert posted[0]["value"]["opmerking"] == "graag snel"
    assert posted[0]["value"]["naam"] == "lift kapot"  # inputs of the surrounding card come along

    await expect(page.locator("#suggestions")).to_be_empty()  # a new turn clears old suggestions


async def test_suggested_actions_send_their_value(page: Page) -> None:
    await welcome(page)
    await reply_once(page, [{"type": "message", "text": "Nog iets?", "suggestedActions": {"actions": [
        {"type": "imBack", "title": "Ja graag", "value": "waar is een stilteruimte"},
        {"type": "imBack", "title": "Nee"}]}}])
    await type_and_enter(page, "iets")
    await expect(page.locator("#suggestions").get_by_role("button")).to_have_count(2)
    async with page.expect_request(is_post) as sent:
        await page.locator("#suggestions").get_by_role("button", name="Ja graag").click()
    assert json.loads((await sent.value).post_data or "{}")["text"] == "waar is een stilteruimte"
    await expect(page.locator("#suggestions")).to_be_empty()
    await expect(page.locator(".msg--bot").last).to_contain_text(re.compile("stilteruimte", re.IGNORECASE))


async def test_screenshot_after_a_short_conversation_and_narrow_screen(page: Page, tmp_path: Path) -> None:
    await welcome(page)
    await type_and_enter(page, "tips voor genderneutraal schrijven")
    await click_and_reply(page, "👍")
    # docs/chat-page.png is refreshed only on request, so test runs leave the tree clean.
    target = SCREENSHOT if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path / "chat-page.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(target))
    await page.set_viewport_size({"width": 360, "height": 740})
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360, "horizontal scrolling at 360px"
    await expect(page.get_by_role("button", name="Verstuur")).to_be_in_viewport()
