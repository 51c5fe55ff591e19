"""GET /chat: a plain web page to talk to the bot without Teams (development mode only).

The page speaks the Bot Framework protocol to POST /api/messages on the same origin with
deliveryMode expectReplies, exactly like `python -m bot chat`. It is static: one HTML file,
one script, one stylesheet, all served from adapters/web/static with a strict
Content-Security-Policy (no inline script or style, nothing loaded from elsewhere).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from aiohttp import web

STATIC_DIR = Path(__file__).resolve().parent / "static"
PAGE = "chat.html"
# The only files served, with their content types: nothing else under static/ is reachable.
ASSETS = {
    "chat.js": "text/javascript",
    "chat.css": "text/css",
}

# Card images may come from https or data URLs (the renderer allows nothing else); everything
# else, including fetch, is same-origin only.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' https: data:",
        "connect-src 'self'",
        "font-src 'none'",
        "object-src 'none'",
        "media-src 'none'",
        "frame-src 'none'",
        "worker-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    # Development: always revalidate, so an edited file shows on the next reload (ETag -> 304).
    "Cache-Control": "no-cache",
}


def _serve(request: web.Request, name: str, content_type: str) -> web.Response:
    body = (STATIC_DIR / name).read_bytes()  # read per request: edits show without a restart
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {**SECURITY_HEADERS, "ETag": etag}
    if etag in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, content_type=content_type, charset="utf-8", headers=headers)


async def chat_page(request: web.Request) -> web.Response:
    return _serve(request, PAGE, "text/html")


async def chat_asset(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    content_type = ASSETS.get(name)
    if content_type is None:
        raise web.HTTPNotFound(headers={"X-Content-Type-Options": "nosniff"})
    return _serve(request, name, content_type)


def routes() -> list[web.RouteDef]:
    """GET /chat and GET /chat/static/{name}; mount only in development mode (no MicrosoftAppId)."""
    return [
        web.get("/chat", chat_page),
        web.get("/chat/static/{name}", chat_asset),
    ]
