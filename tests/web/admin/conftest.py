"""The real app with the workspace on loopback, a local OpenID provider, and Debian's Chromium."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, BrowserContext, Page

from adapters.persistence.migrate import upgrade
from adapters.web.admin import mount_workspace
from adapters.web.admin.app import WORKSPACE_APP
from adapters.web.admin.workspace import WORKSPACE, Workspace
from bot.app import DATABASE, build_brain, create_app
from bot.settings import Settings
from tests.web.admin.oidc_provider import CLIENT_ID, CLIENT_SECRET, LocalProvider, User
from tests.web.conftest import PageWatch

AXE = Path(__file__).resolve().parent / "assets" / "axe.min.js"
EDITOR = User("u-editor", "Eva Editor", ["Wegwijzer.Editor"])
EDITOR_TWO = User("u-editor-2", "Erik Editor", ["Wegwijzer.Editor"])
MODERATOR = User("u-moderator", "Mo Moderator", ["Wegwijzer.Moderator", "Wegwijzer.Exporter"])
ADMIN = User("u-admin", "Ada Admin", ["Wegwijzer.Admin", "Wegwijzer.Editor", "Wegwijzer.Moderator"])
NOBODY = User("u-none", "Nora Niemand", ["Something.Else"])


def services_of(app: web.Application) -> Any:
    """The Services object create_app built (only needed while bot/app.py does not mount /admin itself)."""
    for route in app.router.routes():
        if getattr(route.resource, "canonical", None) == "/api/messages":
            endpoint = route.handler.__self__  # type: ignore[attr-defined]
            for dialog in endpoint.bot.dialogs._dialogs.values():
                if hasattr(dialog, "services"):
                    return dialog.services
    raise AssertionError("could not find the bot's services")


def ensure_workspace(app: web.Application, settings: Settings) -> Workspace:
    """The workspace create_app mounted, or mount it here exactly as the wiring line would."""
    if WORKSPACE_APP not in app:
        mount_workspace(app, settings, app[DATABASE], services_of(app), lambda folder: build_brain(folder))
    return app[WORKSPACE_APP][WORKSPACE]


@pytest.fixture
async def provider() -> AsyncIterator[LocalProvider]:
    local = LocalProvider()
    async with TestServer(local.app(), host="127.0.0.1") as op_server:
        local.issuer = str(op_server.make_url("")).rstrip("/")
        yield local


@pytest.fixture
def settings(tmp_path: Path, provider: LocalProvider, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("ADMIN_OIDC_ISSUER", provider.issuer)
    monkeypatch.setenv("ADMIN_OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("ADMIN_OIDC_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("ADMIN_KNOWLEDGE_POLL_SECONDS", "0.2")
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        host="127.0.0.1",
        port=0,
        microsoft_app_id="",
    )


@pytest.fixture
async def app(settings: Settings) -> web.Application:
    await asyncio.to_thread(upgrade, settings.database_url)
    application = create_app(settings)
    ensure_workspace(application, settings)
    return application


@pytest.fixture
async def server(app: web.Application) -> AsyncIterator[TestServer]:
    async with TestServer(app, host="127.0.0.1") as test_server:
        yield test_server


@pytest.fixture
def workspace(app: web.Application) -> Workspace:
    return app[WORKSPACE_APP][WORKSPACE]


@dataclass
class Staff:
    """An HTTP client signed in through the provider, with the CSRF token of its session."""

    http: aiohttp.ClientSession
    csrf: str

    async def post(
        self, path: str, data: dict[str, Any] | list[tuple[str, str]] | None = None
    ) -> aiohttp.ClientResponse:
        fields = list(data.items()) if isinstance(data, dict) else list(data or [])
        return await self.http.post(path, data=[("csrf", self.csrf), *fields], allow_redirects=False)


async def sign_in(base_url: str, provider: LocalProvider, user: User) -> aiohttp.ClientSession:
    """The whole code flow by hand: /admin/login/start -> provider -> /admin/callback."""
    provider.user = user
    http = aiohttp.ClientSession(base_url=base_url, cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with http.get("/admin/login/start?next=/admin/", allow_redirects=False) as start:
        assert start.status == 303, await start.text()
        authorize = start.headers["Location"]
    async with aiohttp.ClientSession() as outside, outside.get(authorize, allow_redirects=False) as op:
        assert op.status == 302, await op.text()
        back = op.headers["Location"]
    parts = urlsplit(back)
    async with http.get(f"{parts.path}?{parts.query}", allow_redirects=False) as done:
        assert done.status == 200, await done.text()
    return http


async def csrf_of(http: aiohttp.ClientSession) -> str:
    async with http.get("/admin/") as home:
        html = await home.text()
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the start page"
    return found.group(1)


@pytest.fixture
def base_url(server: TestServer) -> str:
    return str(server.make_url("")).rstrip("/")


@pytest.fixture
async def staff_client(base_url: str, provider: LocalProvider) -> AsyncIterator[Any]:
    opened: list[aiohttp.ClientSession] = []

    async def make(user: User) -> Staff:
        http = await sign_in(base_url, provider, user)
        opened.append(http)
        return Staff(http, await csrf_of(http))

    yield make
    for http in opened:
        await http.close()


@pytest.fixture
async def admin_context(browser: Browser, base_url: str) -> AsyncIterator[BrowserContext]:
    ctx = await browser.new_context(
        viewport={"width": 1100, "height": 900}, locale="nl-NL", accept_downloads=True
    )
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        await ctx.close()


@pytest.fixture
async def admin_page(
    admin_context: BrowserContext, base_url: str, provider: LocalProvider
) -> AsyncIterator[Page]:
    """A tab whose requests stay on loopback (the app and the provider), failing on script errors."""
    watch = PageWatch(origin=base_url)

    async def loopback_only(route: Any, request: Any) -> None:
        if (
            request.url.startswith((base_url + "/", provider.issuer + "/", "data:"))
            or request.url == base_url
        ):
            await route.continue_()
        else:
            watch.foreign_requests.append(request.url)
            await route.abort()

    await admin_context.route("**/*", loopback_only)
    tab = await admin_context.new_page()
    tab.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))

    async def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        await dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab
    assert not watch.problems(), "\n".join(watch.problems())


async def browser_sign_in(
    page: Page, base_url: str, provider: LocalProvider, user: User, target: str = "/admin/"
) -> None:
    provider.user = user
    await page.goto(base_url + target)
    await page.get_by_role("link", name="Aanmelden met je gemeente-account").click()
    await page.wait_for_url(re.compile(re.escape(base_url) + r"/admin/.*"), wait_until="load")
    await page.get_by_role("button", name="Afmelden").wait_for()


async def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core findings on the page as it is now."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's CSP (no inline script) stays as it is.
        await page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = await page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]
