"""Sign-in through the local OpenID provider, roles, CSRF, cookies: every /admin route refuses strangers."""

from __future__ import annotations

import re
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from adapters.web.admin import WorkspaceConfigError, WorkspaceSettings, mount_workspace
from adapters.web.admin.app import WORKSPACE_APP
from adapters.web.admin.oidc import roles_from_claim
from adapters.web.admin.workspace import Workspace
from bot.app import DATABASE, build_brain
from bot.settings import Settings
from tests.web.admin.conftest import ADMIN, EDITOR, MODERATOR, NOBODY, services_of, sign_in
from tests.web.admin.oidc_provider import LocalProvider

# Reachable without a session; none of them shows workspace data.
PUBLIC = {
    "/admin/login",
    "/admin/login/start",
    "/admin/callback",
    "/admin/dev-login/{token}",
    "/admin/static/{name}",
}


def admin_routes(app: web.Application) -> list[tuple[str, str]]:
    found = []
    for route in app[WORKSPACE_APP].router.routes():
        info = route.resource.get_info() if route.resource is not None else {}
        path = info.get("path") or info.get("formatter")
        if path and route.method != "HEAD":
            found.append((route.method, path))
    return sorted(set(found))


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: {"area": "glossary", "format": "yaml"}.get(m.group(1), "x"), path)


async def test_every_admin_route_refuses_an_anonymous_request(app: web.Application, base_url: str) -> None:
    routes = admin_routes(app)
    assert len(routes) >= 40, routes
    async with aiohttp.ClientSession(base_url=base_url) as http:
        for method, path in routes:
            if path in PUBLIC:
                continue
            async with http.request(
                method, concrete(path), allow_redirects=False, data={"csrf": "x"}
            ) as resp:
                body = await resp.text()
                if method == "GET":
                    assert resp.status == 303, (method, path, resp.status)
                    assert resp.headers["Location"].startswith("/admin/login?next="), path
                else:
                    assert resp.status == 403, (method, path, resp.status)
                assert "csrf" not in body and "<table" not in body, path
                assert resp.headers["Content-Security-Policy"].startswith("default-src 'self'")


async def test_public_routes_show_no_workspace_data(base_url: str) -> None:
    async with aiohttp.ClientSession(base_url=base_url) as http:
        async with http.get("/admin/login") as resp:
            html = await resp.text()
            assert resp.status == 200
            assert "Aanmelden met je gemeente-account" in html
            assert 'name="csrf"' not in html
        async with http.get("/admin/callback?code=x&state=y", allow_redirects=False) as resp:
            assert resp.status == 303 and resp.headers["Location"] == "/admin/login?error=failed"
        async with http.get("/admin/dev-login/not-the-token", allow_redirects=False) as resp:
            assert resp.status == 404
        async with http.get("/admin/static/admin.css") as resp:
            assert resp.status == 200 and resp.content_type == "text/css"
        async with http.get("/admin/static/..%2Fapp.py") as resp:
            assert resp.status == 404


async def test_the_code_flow_signs_in_with_roles_and_a_strict_cookie(
    base_url: str, provider: LocalProvider, workspace: Workspace
) -> None:
    http = await sign_in(base_url, provider, MODERATOR)
    try:
        cookie = next(c for c in http.cookie_jar if c.key == "wegwijzer-admin")
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Strict"
        assert cookie["path"] == "/"
        async with http.get("/admin/") as home:
            html = await home.text()
            assert "Mo Moderator" in html
            assert "exporter, moderator" in html
        async with http.get("/admin/questions") as page:
            assert page.status == 200
        async with http.get("/admin/answers", allow_redirects=False) as page:
            assert page.status == 403  # a moderator is no editor
        assert provider.token_requests == 1
        sessions = await workspace.staff_sessions.active()
        assert [s.actor for s in sessions] == ["Mo Moderator"]
        # The database keeps only a hash of the cookie's token.
        assert cookie.value not in {s.key for s in sessions}
        audit = await workspace.audit.recent()
        assert audit[0].action == "aangemeld" and audit[0].actor == "Mo Moderator"
    finally:
        await http.close()


@pytest.mark.parametrize(
    ("tamper", "why"),
    [
        ({"claims": {"aud": "someone-else"}}, "the token was made for another client"),
        ({"claims": {"exp": 1000, "iat": 900}}, "the token expired long ago"),
        ({"claims": {"nonce": "replayed"}}, "the nonce is not the one this sign-in sent"),
        ({"claims": {"iss": "https://evil.example"}}, "another issuer"),
        ({"other_key": True}, "signed with a key the provider does not publish"),
    ],
)
async def test_a_bad_id_token_is_refused(
    base_url: str, provider: LocalProvider, tamper: dict[str, Any], why: str
) -> None:
    from joserfc.jwk import RSAKey

    provider.tamper = {"claims": tamper.get("claims", {})}
    if tamper.get("other_key"):
        provider.tamper["key"] = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    provider.user = EDITOR
    async with aiohttp.ClientSession(base_url=base_url) as http:
        async with http.get("/admin/login/start", allow_redirects=False) as start:
            authorize = start.headers["Location"]
        async with aiohttp.ClientSession() as outside, outside.get(authorize, allow_redirects=False) as op:
            back = op.headers["Location"]
        path = back[back.index("/admin/callback") :]
        async with http.get(path, allow_redirects=False) as done:
            assert done.status == 303, why
            assert done.headers["Location"] == "/admin/login?error=failed", why
            assert "wegwijzer-admin" not in done.cookies, why


async def test_a_state_is_used_once_and_an_account_without_role_gets_nothing(
    base_url: str, provider: LocalProvider
) -> None:
    provider.user = NOBODY
    async with aiohttp.ClientSession(base_url=base_url) as http:
        async with http.get("/admin/login/start", allow_redirects=False) as start:
            authorize = start.headers["Location"]
        async with aiohttp.ClientSession() as outside, outside.get(authorize, allow_redirects=False) as op:
            back = op.headers["Location"]
        path = back[back.index("/admin/callback") :]
        async with http.get(path, allow_redirects=False) as done:
            assert done.headers["Location"] == "/admin/login?error=no-role"
        async with http.get(path, allow_redirects=False) as again:
            assert again.headers["Location"] == "/admin/login?error=failed"


async def test_posts_need_the_session_csrf_token(base_url: str, staff_client: Any) -> None:
    staff = await staff_client(ADMIN)
    data = {"text": "waar is de stilteruimte", "topic": "quietroom.find", "lang": "nl"}
    async with staff.http.post("/admin/tests", data=data, allow_redirects=False) as resp:
        assert resp.status == 403
    async with staff.http.post("/admin/tests", data={**data, "csrf": "wrong"}, allow_redirects=False) as resp:
        assert resp.status == 403
    headers = {"Origin": "http://evil.example"}
    async with staff.http.post(
        "/admin/tests", data={**data, "csrf": staff.csrf}, headers=headers, allow_redirects=False
    ) as resp:
        assert resp.status == 403
    async with await staff.post("/admin/tests", data) as resp:
        assert resp.status == 303


async def test_sign_out_ends_the_session_and_an_admin_can_end_others(
    base_url: str, staff_client: Any
) -> None:
    editor = await staff_client(EDITOR)
    admin = await staff_client(ADMIN)
    async with admin.http.get("/admin/staff-sessions") as page:
        html = await page.text()
        keys = re.findall(r'name="key" value="([0-9a-f]{64})"', html)
        assert "Eva Editor" in html and len(keys) == 2
    # The editor's row: the key that follows the editor's name.
    row = html[html.index("Eva Editor") :]
    editor_key = re.search(r'name="key" value="([0-9a-f]{64})"', row).group(1)
    async with await admin.post("/admin/staff-sessions/revoke", {"key": editor_key}) as resp:
        assert resp.status == 303
    async with editor.http.get("/admin/answers", allow_redirects=False) as resp:
        assert resp.status == 303
    async with await admin.post("/admin/logout") as resp:
        assert resp.status == 303
    async with admin.http.get("/admin/", allow_redirects=False) as resp:
        assert resp.status == 303


async def test_the_development_link_works_once_and_only_from_loopback(
    base_url: str, workspace: Workspace
) -> None:
    assert workspace.dev_login is not None
    token = workspace.dev_login.token
    async with aiohttp.ClientSession(base_url=base_url, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(f"/admin/dev-login/{token}", allow_redirects=False) as resp:
            assert resp.status == 200
        async with http.get("/admin/settings") as page:
            assert "ontwikkeling" in await page.text()
    async with (
        aiohttp.ClientSession(base_url=base_url) as http,
        http.get(f"/admin/dev-login/{token}", allow_redirects=False) as resp,
    ):
        assert resp.status == 404  # used up
    assert workspace.dev_login.token != token


def test_production_refuses_to_start_without_oidc(tmp_path: Any) -> None:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        microsoft_app_id="app",
        microsoft_app_password="pw",
    )
    with pytest.raises(WorkspaceConfigError, match="ADMIN_OIDC_ISSUER"):
        mount_workspace(
            web.Application(),
            settings,
            None,
            None,
            build_brain,
            workspace_settings=WorkspaceSettings(oidc_issuer="", oidc_client_id="", oidc_client_secret=""),
        )  # type: ignore[arg-type]
    with pytest.raises(WorkspaceConfigError, match="https"):
        WorkspaceSettings(
            oidc_issuer="http://login.example", oidc_client_id="c", oidc_client_secret="s"
        ).check(True)
    assert (
        mount_workspace(
            web.Application(),
            settings,
            None,
            None,
            build_brain,  # type: ignore[arg-type]
            workspace_settings=WorkspaceSettings(enabled=False),
        )
        is None
    )


async def test_production_has_no_development_link(tmp_path: Any, provider: LocalProvider) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", microsoft_app_id="app")
    app = web.Application()
    from adapters.persistence.db import Database

    database = Database(settings.database_url)
    try:
        config = WorkspaceSettings(
            oidc_issuer="https://login.example/t/v2.0", oidc_client_id="c", oidc_client_secret="s"
        )
        admin = mount_workspace(app, settings, database, object(), build_brain, workspace_settings=config)  # type: ignore[arg-type]
        assert admin is not None
        assert (
            admin[__import__("adapters.web.admin.workspace", fromlist=["WORKSPACE"]).WORKSPACE].dev_login
            is None
        )
    finally:
        await database.dispose()


@pytest.mark.parametrize(
    ("claim", "roles"),
    [
        (["Wegwijzer.Editor", "Wegwijzer.Moderator"], {"editor", "moderator"}),  # Entra app roles
        ("editor exporter", {"editor", "exporter"}),  # a space-separated string
        (["wegwijzer-admin", "Other.Role", 7], {"admin"}),  # unknown and non-string values ignored
        (None, set()),  # no claim: no roles
    ],
)
def test_roles_from_the_claim(claim: Any, roles: set[str]) -> None:
    assert roles_from_claim(claim) == roles


async def test_services_helper_finds_the_live_brain(app: web.Application) -> None:
    assert services_of(app).brain is not None and app[DATABASE] is not None


async def test_test_server_type(server: TestServer) -> None:
    assert server.host == "127.0.0.1"
