"""Signing in and out: OpenID Connect, or in development the one-time local link."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Final

from aiohttp import web

from adapters.web.admin.auth import (
    STAFF,
    clear_session_cookie,
    cookie_name,
    is_loopback,
    is_secure,
    new_token,
    public,
    requires,
    safe_next,
    set_session_cookie,
    staff,
)
from adapters.web.admin.oidc import SignInError
from adapters.web.admin.settings import ROLES
from adapters.web.admin.workspace import record, render, ws

log = logging.getLogger("wegwijzer.workspace.auth")
DEV_ACTOR: Final = "ontwikkelaar (lokaal)"
LOGIN_ERRORS: Final = {
    "failed": "Aanmelden is niet gelukt. Probeer het opnieuw.",
    "no-role": "Je account heeft geen rol voor deze werkplek. Vraag een beheerder om een rol.",
    "unavailable": "Aanmelden kan nu niet: de aanmeldservice is niet bereikbaar.",
}


def _redirect_uri(request: web.Request) -> str:
    base = ws(request).settings.public_url.rstrip("/") or f"{request.scheme}://{request.host}"
    return base + "/admin/callback"


async def _start_session(
    request: web.Request, actor: str, roles: frozenset[str], response: web.StreamResponse
) -> None:
    workspace = ws(request)
    lifetime = timedelta(hours=workspace.settings.session_hours)
    token = new_token()
    session = await workspace.staff_sessions.create(token, actor, roles, new_token(), lifetime)
    request[STAFF] = session
    set_session_cookie(response, token, is_secure(request, workspace.settings.public_url), lifetime)
    await record(request, "aangemeld", "", "rollen: " + ", ".join(sorted(roles)))


def _continue_page(request: web.Request, next_path: str) -> web.Response:
    # A page, not a redirect: a SameSite=Strict cookie set during a cross-site redirect chain
    # (the provider sent the browser here) is only sent on the next same-site navigation.
    return render(request, "continue.html", {"next_path": next_path})


@public
async def login_page(request: web.Request) -> web.Response:
    workspace = ws(request)
    return render(
        request,
        "login.html",
        {
            "next_path": safe_next(request.query.get("next")),
            "oidc": workspace.oidc is not None,
            "dev": workspace.dev_login is not None,
            "error": LOGIN_ERRORS.get(request.query.get("error", "")),
        },
    )


@public
async def login_start(request: web.Request) -> web.StreamResponse:
    workspace = ws(request)
    if workspace.oidc is None:
        raise web.HTTPNotFound()
    try:
        auth = await workspace.oidc.authorization_request(_redirect_uri(request))
    except SignInError as exc:
        log.warning("sign-in unavailable", extra={"event": "signin_unavailable", "error_type": str(exc)[:80]})
        raise web.HTTPSeeOther("/admin/login?error=unavailable") from exc
    await workspace.staff_sessions.begin_login(
        auth.state, auth.nonce, auth.verifier, safe_next(request.query.get("next"))
    )
    raise web.HTTPSeeOther(auth.url)


@public
async def callback(request: web.Request) -> web.StreamResponse:
    workspace = ws(request)
    state, code = request.query.get("state", ""), request.query.get("code", "")
    if workspace.oidc is None or not state or not code:
        raise web.HTTPSeeOther("/admin/login?error=failed")
    transaction = await workspace.staff_sessions.finish_login(state)
    if transaction is None:
        raise web.HTTPSeeOther("/admin/login?error=failed")
    try:
        identity = await workspace.oidc.finish(
            code, _redirect_uri(request), transaction.nonce, transaction.verifier
        )
    except SignInError as exc:
        log.warning("sign-in refused", extra={"event": "signin_refused", "error_type": str(exc)[:80]})
        raise web.HTTPSeeOther("/admin/login?error=failed") from exc
    if not identity.roles:
        await workspace.audit.record(identity.name, "aanmelden geweigerd", "", "geen rol")
        raise web.HTTPSeeOther("/admin/login?error=no-role")
    response = _continue_page(request, transaction.next_path)
    await _start_session(request, identity.name, identity.roles, response)
    return response


@public
async def dev_login(request: web.Request) -> web.StreamResponse:
    """Development mode on loopback only: the link `make run` printed signs in once with every role."""
    workspace = ws(request)
    if workspace.dev_login is None or not is_loopback(request.remote):
        raise web.HTTPNotFound()
    if not workspace.dev_login.use(request.match_info["token"]):
        raise web.HTTPNotFound()
    print_dev_link(workspace.base_url, workspace.dev_login.token)
    response = _continue_page(request, "/admin/")
    await _start_session(request, DEV_ACTOR, frozenset(ROLES), response)
    return response


@requires()
async def logout(request: web.Request) -> web.StreamResponse:
    workspace = ws(request)
    secure = is_secure(request, workspace.settings.public_url)
    await record(request, "afgemeld")
    await workspace.staff_sessions.revoke(staff(request).key)
    response = web.HTTPSeeOther("/admin/login?done=signed-out")
    clear_session_cookie(response, secure)
    response.cookies.pop(cookie_name(not secure), None)
    raise response


def print_dev_link(base_url: str, token: str) -> None:
    """What `make run` shows: the link is a secret for this machine only, so it goes to the terminal."""
    if base_url:
        print(f"  workspace:      {base_url}/admin/dev-login/{token}  (once, this machine only)", flush=True)


def routes() -> list[web.RouteDef]:
    return [
        web.get("/login", login_page),
        web.get("/login/start", login_start),
        web.get("/callback", callback),
        web.get("/dev-login/{token}", dev_login),
        web.post("/logout", logout),
    ]
