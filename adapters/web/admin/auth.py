"""Who may do what: server-side staff sessions, roles per page, CSRF tokens, security headers."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, Final
from urllib.parse import quote, urlsplit

from aiohttp import web

from adapters.persistence.workspace_accounts import SqlStaffSessions, StaffSession

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
COOKIE_SECURE: Final = "__Host-wegwijzer-admin"
COOKIE_PLAIN: Final = "wegwijzer-admin"

STAFF: Final = web.RequestKey("wegwijzer_staff", StaffSession)
CONTENT_SECURITY_POLICY: Final = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: Final = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def public(handler: Handler) -> Handler:
    """Reachable without signing in (sign-in pages and the stylesheet): everything else is not."""
    handler._workspace_public = True  # type: ignore[attr-defined]
    return handler


def requires(*roles: str) -> Callable[[Handler], Handler]:
    """The page needs one of these roles (no roles given: any signed-in staff member)."""

    def mark(handler: Handler) -> Handler:
        handler._workspace_roles = frozenset(roles)  # type: ignore[attr-defined]
        return handler

    return mark


def staff(request: web.Request) -> StaffSession:
    found: StaffSession | None = request.get(STAFF)
    if found is None:  # the middleware makes this impossible for non-public pages
        raise web.HTTPForbidden()
    return found


def is_secure(request: web.Request, public_url: str) -> bool:
    return request.secure or public_url.startswith("https://")


def cookie_name(secure: bool) -> str:
    return COOKIE_SECURE if secure else COOKIE_PLAIN


def set_session_cookie(response: web.StreamResponse, token: str, secure: bool, lifetime: timedelta) -> None:
    response.set_cookie(
        cookie_name(secure),
        token,
        path="/",
        httponly=True,
        secure=secure,
        samesite="Strict",
        max_age=int(lifetime.total_seconds()),
    )


def clear_session_cookie(response: web.StreamResponse, secure: bool) -> None:
    response.del_cookie(cookie_name(secure), path="/", secure=secure, httponly=True, samesite="Strict")


def is_loopback(remote: str | None) -> bool:
    try:
        return remote is not None and ipaddress.ip_address(remote).is_loopback
    except ValueError:
        return False


def safe_next(path: object) -> str:
    """Only a path inside the workspace: never an open redirect."""
    if not isinstance(path, str) or not path.startswith("/admin") or path.startswith("//"):
        return "/admin/"
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or "\\" in path:
        return "/admin/"
    return path[:300]


def new_token() -> str:
    return secrets.token_urlsafe(32)


async def _csrf_ok(request: web.Request, session: StaffSession) -> bool:
    origin = request.headers.get("Origin")
    if origin is not None and origin != "null":
        expected = f"{request.scheme}://{request.host}"
        parts = urlsplit(origin)
        if f"{parts.scheme}://{parts.netloc}" != expected and parts.netloc != request.host:
            return False
    sent = request.headers.get("X-CSRF-Token")
    if sent is None:
        form = await request.post()
        value = form.get("csrf")
        sent = value if isinstance(value, str) else ""
    return hmac.compare_digest(sent.encode(), session.csrf.encode())


def auth_middleware(sessions: SqlStaffSessions, public_url: str) -> Any:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await _guard(request, handler)
        except web.HTTPException as exc:
            exc.headers.update(SECURITY_HEADERS)
            raise
        response.headers.update(SECURITY_HEADERS)
        return response

    async def _guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        target = request.match_info.route.handler
        secure = is_secure(request, public_url)
        token = request.cookies.get(cookie_name(secure))
        session = await sessions.find(token) if token else None
        if session is not None:
            request[STAFF] = session
        if getattr(target, "_workspace_public", False):
            return await handler(request)
        if session is None:
            if request.method in ("GET", "HEAD"):
                raise web.HTTPSeeOther("/admin/login?next=" + quote(request.path_qs, safe=""))
            raise web.HTTPForbidden(text="Meld je eerst aan.")
        if request.method not in ("GET", "HEAD") and not await _csrf_ok(request, session):
            raise web.HTTPForbidden(text="Dit formulier is verlopen. Laad de pagina opnieuw.")
        needed: frozenset[str] = getattr(target, "_workspace_roles", frozenset())
        if needed and not needed & session.roles:
            raise web.HTTPForbidden(text="Je hebt geen toegang tot deze pagina.")
        return await handler(request)

    return middleware
