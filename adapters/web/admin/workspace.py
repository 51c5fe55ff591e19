"""Everything the workspace's pages share, built once by mount_workspace and kept on the sub-app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

import aiohttp_jinja2
from aiohttp import web

from adapters.persistence.question_repository import SqlQuestionRepository, SqlSessionRepository
from adapters.persistence.repositories import SqlFeedbackLog
from adapters.persistence.workspace_accounts import SqlAuditLog, SqlStaffSessions
from adapters.persistence.workspace_moderation import SqlGapReview, SqlQuestionOriginals, SqlSessionEditor
from adapters.persistence.workspace_repository import SqlWorkspaceContent
from adapters.web.admin.auth import STAFF, new_token
from adapters.web.admin.content import BrainHolder, ContentWorkspace
from adapters.web.admin.oidc import OidcClient
from adapters.web.admin.reloader import KnowledgeReloader
from adapters.web.admin.settings import WorkspaceSettings

# Fixed messages shown after an action (the query string names one; never free text).
NOTICES: Final = {
    "saved": "Opgeslagen als concept. Publiceer om het de bot te laten gebruiken.",
    "published": "Gepubliceerd. Alle draaiende bots gebruiken het binnen enkele seconden.",
    "rolled-back": "De oude versie staat klaar als concept.",
    "discarded": "Het concept is weggegooid.",
    "removed": "Verwijdering staat klaar als concept.",
    "test-added": "Testvraag toegevoegd.",
    "test-removed": "Testvraag verwijderd.",
    "approved": "Vraag goedgekeurd.",
    "rejected": "Vraag afgewezen.",
    "answered": "Vraag gemarkeerd als beantwoord.",
    "reopened": "Vraag staat weer op nieuw.",
    "merged": "Vragen samengevoegd.",
    "edited": "Nieuwe formulering opgeslagen; de vraag moet opnieuw beoordeeld worden.",
    "session-saved": "Kennissessie opgeslagen.",
    "dismissed": "Weggelegd en verwijderd.",
    "example-added": "Als voorbeeldvraag toegevoegd (concept).",
    "revoked": "Sessie beëindigd.",
    "imported": "Geïmporteerd als concepten.",
    "signed-out": "Je bent afgemeld.",
}


@dataclass
class DevLogin:
    """The one-time local sign-in link of development mode; a new token after each use."""

    token: str = field(default_factory=new_token)

    def use(self, token: str) -> bool:
        import hmac

        if hmac.compare_digest(token.encode(), self.token.encode()):
            self.token = new_token()
            return True
        return False


@dataclass
class Workspace:
    settings: WorkspaceSettings
    production: bool
    content: ContentWorkspace
    store: SqlWorkspaceContent
    staff_sessions: SqlStaffSessions
    audit: SqlAuditLog
    reloader: KnowledgeReloader
    services: BrainHolder
    questions: SqlQuestionRepository
    question_sessions: SqlSessionRepository
    session_editor: SqlSessionEditor
    originals: SqlQuestionOriginals
    gaps: SqlGapReview
    feedback: SqlFeedbackLog
    oidc: OidcClient | None = None
    dev_login: DevLogin | None = None
    base_url: str = ""
    rooms: Any = None
    today: Callable[[], date] = date.today


WORKSPACE: Final = web.AppKey("workspace", Workspace)


def ws(request: web.Request) -> Workspace:
    return request.config_dict[WORKSPACE]


async def record(request: web.Request, action: str, target: str = "", detail: str = "") -> None:
    """The audit line for this request's staff member."""
    who = request.get(STAFF)
    await ws(request).audit.record(who.actor if who is not None else "anoniem", action, target, detail)


def render(request: web.Request, template: str, context: dict[str, Any], status: int = 200) -> web.Response:
    notice = NOTICES.get(request.query.get("done", ""))
    session = request.get(STAFF)
    shared = {"notice": notice, "staff": session, "csrf": session.csrf if session is not None else ""}
    return aiohttp_jinja2.render_template(template, request, {**shared, **context}, status=status)


def form_text(form: Any, name: str, limit: int = 4000) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def form_list(form: Any, name: str) -> list[str]:
    return [v for v in form.getall(name, []) if isinstance(v, str)]
