"""mount_workspace: build the /admin sub-app once, from the settings and the parts create_app made."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Final

import aiohttp_jinja2
import jinja2
from aiohttp import web

from adapters.persistence.db import Database
from adapters.persistence.question_repository import SqlQuestionRepository, SqlSessionRepository
from adapters.persistence.repositories import SqlFeedbackLog
from adapters.persistence.room_repository import SqlRoomRepository
from adapters.persistence.workspace_accounts import SqlAuditLog, SqlStaffSessions
from adapters.persistence.workspace_moderation import SqlGapReview, SqlQuestionOriginals, SqlSessionEditor
from adapters.persistence.workspace_repository import SqlWorkspaceContent
from adapters.web.admin import (
    views_admin,
    views_answers,
    views_auth,
    views_gaps,
    views_items,
    views_publish,
    views_questions,
)
from adapters.web.admin.auth import SECURITY_HEADERS, auth_middleware, public
from adapters.web.admin.content import BrainHolder, BuildBrain, ContentWorkspace, ShippedContent
from adapters.web.admin.oidc import OidcClient
from adapters.web.admin.reloader import KnowledgeReloader
from adapters.web.admin.settings import WorkspaceSettings
from adapters.web.admin.workspace import WORKSPACE, DevLogin, Workspace

HERE = Path(__file__).resolve().parent
STATIC: Final = {"admin.css": "text/css", "admin.js": "text/javascript"}
WORKSPACE_APP: Final = web.AppKey("workspace_app", web.Application)


@public
async def static_asset(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    content_type = STATIC.get(name)
    if content_type is None:
        raise web.HTTPNotFound()
    body = (HERE / "static" / name).read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {**SECURITY_HEADERS, "ETag": etag, "Cache-Control": "no-cache"}
    if etag in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, content_type=content_type, charset="utf-8", headers=headers)


def mount_workspace(
    app: web.Application,
    settings: Any,
    database: Database,
    services: BrainHolder,
    build_brain: BuildBrain,
    *,
    workspace_settings: WorkspaceSettings | None = None,
    rooms_directory: Any = None,
) -> web.Application | None:
    """Add /admin to `app` (bot.settings.Settings as `settings`; `services.brain` is swapped on publish).

    Raises WorkspaceConfigError in production without OpenID Connect settings. Returns the sub-app,
    or None when ADMIN_ENABLED=false.
    """
    config = workspace_settings or WorkspaceSettings()
    production = not settings.development_mode
    config.check(production)
    if not config.enabled:
        return None
    store = SqlWorkspaceContent(database)
    shipped = ShippedContent(Path(settings.knowledge_dir))
    rooms = SqlRoomRepository(database)
    reloader = KnowledgeReloader(
        store,
        services,
        shipped,
        build_brain,
        config.poll_seconds,
        rooms=(rooms, rooms_directory.replace) if rooms_directory is not None else None,
    )
    dev = DevLogin() if not production and settings.host_is_loopback else None
    oidc = (
        OidcClient(
            config.oidc_issuer,
            config.oidc_client_id,
            config.oidc_client_secret,
            config.oidc_scopes,
            config.oidc_role_claim,
        )
        if config.oidc_configured
        else None
    )
    workspace = Workspace(
        settings=config,
        production=production,
        content=ContentWorkspace(shipped, store, build_brain),
        store=store,
        staff_sessions=SqlStaffSessions(database),
        audit=SqlAuditLog(database),
        reloader=reloader,
        services=services,
        questions=SqlQuestionRepository(database),
        question_sessions=SqlSessionRepository(database),
        session_editor=SqlSessionEditor(database),
        originals=SqlQuestionOriginals(database),
        gaps=SqlGapReview(database),
        feedback=SqlFeedbackLog(database),
        oidc=oidc,
        dev_login=dev,
        base_url=f"http://{settings.host}:{settings.port}" if settings.port else "",
        rooms=rooms,
    )
    admin = web.Application(middlewares=[auth_middleware(workspace.staff_sessions, config.public_url)])
    admin[WORKSPACE] = workspace
    aiohttp_jinja2.setup(
        admin,
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
    )
    views_publish.setup(admin)
    admin.router.add_get("/static/{name}", static_asset)
    for module in (
        views_auth,
        views_admin,
        views_answers,
        views_publish,
        views_gaps,
        views_questions,
        views_items,
    ):
        admin.add_routes(module.routes())
    app.add_subapp("/admin", admin)
    app[WORKSPACE_APP] = admin
    app.cleanup_ctx.append(reloader.cleanup_ctx())
    if dev is not None:

        async def announce(_: web.Application) -> None:
            views_auth.print_dev_link(workspace.base_url, dev.token)

        app.on_startup.append(announce)
    return admin
