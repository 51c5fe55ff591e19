"""The start page, the audit log, signed-in sessions and the (read-only) settings."""

from __future__ import annotations

from aiohttp import web

from adapters.web.admin.auth import requires, staff
from adapters.web.admin.workspace import form_text, record, render, ws


@requires()
async def home(request: web.Request) -> web.Response:
    workspace = ws(request)
    drafts = await workspace.store.drafts()
    questions = await workspace.questions.list() if "moderator" in staff(request).roles else []
    return render(
        request,
        "home.html",
        {
            "drafts": len(drafts),
            "version": await workspace.store.version(),
            "new_questions": sum(1 for q in questions if q.status == "new"),
            "entries": len(workspace.services.brain.kb.entries),
            "nav": "home",
        },
    )


@requires("admin")
async def audit_page(request: web.Request) -> web.Response:
    try:
        page = max(0, int(request.query.get("page", "0")))
    except ValueError:
        page = 0
    audit = ws(request).audit
    entries = await audit.recent(100, page * 100)
    total = await audit.count()
    return render(
        request,
        "audit.html",
        {"entries": entries, "page": page, "more": (page + 1) * 100 < total, "nav": "audit"},
    )


@requires("admin")
async def staff_sessions_page(request: web.Request) -> web.Response:
    sessions = await ws(request).staff_sessions.active()
    return render(
        request, "staff_sessions.html", {"sessions": sessions, "mine": staff(request).key, "nav": "staff"}
    )


@requires("admin")
async def staff_session_revoke(request: web.Request) -> web.Response:
    form = await request.post()
    key = form_text(form, "key", 64)
    if await ws(request).staff_sessions.revoke(key):
        await record(request, "sessie beëindigd", key[:12])
    raise web.HTTPSeeOther("/admin/staff-sessions?done=revoked")


@requires("admin")
async def settings_page(request: web.Request) -> web.Response:
    workspace = ws(request)
    settings = workspace.settings
    rows = [
        ("Modus", "productie" if workspace.production else "ontwikkeling"),
        ("Aanmelden", settings.oidc_issuer or "alleen de lokale link (ontwikkeling)"),
        ("Client-id", settings.oidc_client_id or "—"),
        ("Rollen uit claim", settings.oidc_role_claim),
        ("Vier ogen bij publiceren", "aan" if settings.four_eyes else "uit"),
        ("Sessieduur", f"{settings.session_hours:g} uur"),
        ("Kennisversie controleren", f"elke {settings.poll_seconds:g} seconden"),
        ("Kennisversie van deze server", str(workspace.reloader.loaded_version)),
    ]
    return render(request, "settings.html", {"rows": rows, "nav": "settings"})


def routes() -> list[web.RouteDef]:
    return [
        web.get("/", home),
        web.get("/audit", audit_page),
        web.get("/staff-sessions", staff_sessions_page),
        web.post("/staff-sessions/revoke", staff_session_revoke),
        web.get("/settings", settings_page),
    ]
