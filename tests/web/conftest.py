"""The real app on loopback with the chat page mounted, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, BrowserContext, Page, Request, Route, async_playwright

from adapters.persistence.migrate import upgrade
from adapters.web import chat_page
from bot.app import create_app
from bot.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def mount_chat_page(app: web.Application) -> None:
    """Mount GET /chat unless bot/app.py already does (it will, in development mode)."""
    mounted = {getattr(route.resource, "canonical", None) for route in app.router.routes()}
    if "/chat" not in mounted:
        app.add_routes(chat_page.routes())


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        host="127.0.0.1",
        port=0,
        microsoft_app_id="",
    )


@pytest.fixture
async def server(settings: Settings) -> AsyncIterator[TestServer]:
    await asyncio.to_thread(upgrade, settings.database_url)
    app = create_app(settings)
    mount_chat_page(app)
    async with TestServer(app, host="127.0.0.1") as test_server:
        yield test_server


@pytest.fixture
def base_url(server: TestServer) -> str:
    return str(server.make_url("")).rstrip("/")


@pytest.fixture
def chromium() -> Path:
    """Debian's Chromium; its absence fails the suite loudly (CI installs it), it never skips."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing: the chat page tests drive Debian's Chromium. "
            "Install it with `apt-get install -y chromium` (Playwright must not download its own browser).",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture
async def browser(chromium: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


@dataclass
class PageWatch:
    """What the page did that a test must not let pass silently."""

    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [
            *(f"request outside the page's origin: {url}" for url in self.foreign_requests),
            *(f"console error: {text}" for text in self.console_errors),
            *(f"script error: {text}" for text in self.page_errors),
            *(f"dialog opened (script ran?): {text}" for text in self.dialogs),
        ]


@pytest.fixture
async def context(browser: Browser, base_url: str) -> AsyncIterator[BrowserContext]:
    ctx = await browser.new_context(viewport={"width": 900, "height": 760}, locale="nl-NL")
    ctx.set_default_timeout(10_000)
    try:
        yield ctx
    finally:
        await ctx.close()


@pytest.fixture
async def watch(base_url: str) -> PageWatch:
    return PageWatch(origin=base_url)


@pytest.fixture
async def page(context: BrowserContext, base_url: str, watch: PageWatch) -> AsyncIterator[Page]:
    """A page on /chat whose every request stays on the app's origin, with no errors and no dialogs."""

    async def same_origin_only(route: Route, request: Request) -> None:
        url = request.url
        if url == base_url or url.startswith((base_url + "/", "data:")):
            await route.continue_()
        else:
            watch.foreign_requests.append(url)
            await route.abort()

    async def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        watch.dialogs.append(dialog.message)
        await dialog.dismiss()

    await context.route("**/*", same_origin_only)
    tab = await context.new_page()
    tab.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
    tab.on("dialog", on_dialog)
    await tab.goto(base_url + "/chat")
    yield tab
    assert not watch.problems(), "\n".join(watch.problems())
