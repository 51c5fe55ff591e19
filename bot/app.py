"""create_app(settings): build every part once and wire it into one aiohttp application."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web

from adapters.periodic import Periodic
from adapters.persistence.db import Database
from adapters.persistence.question_repository import SqlQuestionRepository, SqlSessionRepository
from adapters.persistence.repositories import SqlFeedbackLog, SqlGapLog
from adapters.persistence.state import SqlStateStore
from adapters.teams.adapter import create_adapter
from adapters.teams.http import MessagesEndpoint
from adapters.teams.state_storage import SqlBotStorage
from adapters.web import chat_page
from adapters.web.admin import mount_workspace
from adapters.web.language_api import language_routes
from bot.live_language import CurrentChecker, CurrentLookup
from bot.rooms_setup import RoomsWiring
from bot.settings import Settings
from dialogs.activity_handler import WegwijzerBot
from dialogs.alderman_desk import QuestionDesk
from dialogs.alderman_dialog import alderman_flow
from dialogs.alderman_withdraw_dialog import alderman_withdraw_flow
from dialogs.language_flows import language_flows
from dialogs.quick_turn import QuickTurn
from dialogs.report_flows import report_flows
from dialogs.services import Brain, Services
from dialogs.typing_indicator import SLOW_TURN_SECONDS
from knowledge.answering import Answerer
from knowledge.checker import Checker
from knowledge.glossary import Glossary, load_glossary
from knowledge.guide import load_guide
from knowledge.lexicon import load_lexicon
from knowledge.loader import load_knowledge
from knowledge.matching import Analyzer, Matcher
from knowledge.routes import load_routes
from knowledge.term_lookup import TermLookup
from knowledge.term_tagging import term_tagger

log = logging.getLogger("wegwijzer.app")

DATABASE = web.AppKey("database", Database)
BRAIN = web.AppKey("brain", Brain)
SETTINGS = web.AppKey("settings", Settings)
MESSAGES = web.AppKey("messages", MessagesEndpoint)


def build_language(content_dir: Path) -> tuple[Glossary, Checker, TermLookup]:
    glossary = load_glossary(content_dir / "glossary")
    checker = Checker(glossary)
    return glossary, checker, TermLookup(glossary, checker)


def build_brain(content_dir: Path, language: tuple[Glossary, Checker, TermLookup] | None = None) -> Brain:
    """Load and index all content; raises ContentError naming the file and entry on any fault."""
    kb = load_knowledge(content_dir)
    lexicon = load_lexicon(content_dir / "lexicon.yaml")
    glossary, checker, lookup = language or build_language(content_dir)
    matcher = Matcher(kb, Analyzer(lexicon, term_tagger=term_tagger(lookup, glossary)))
    guide = load_guide(content_dir / "guide.yaml", load_routes(content_dir / "routes.yaml"))
    return Brain(kb=kb, answerer=Answerer(matcher), checker=checker, lookup=lookup, guide=guide)


async def healthz(request: web.Request) -> web.Response:
    database = request.app[DATABASE]
    brain = request.app[BRAIN]
    db_ok = await database.ping()
    body = {
        "status": "ok" if db_ok else "unavailable",
        "database": "ok" if db_ok else "unreachable",
        "knowledge_entries": len(brain.kb.entries),
        "mode": "development" if request.app[SETTINGS].development_mode else "production",
    }
    return web.json_response(body, status=200 if db_ok else 503)


def create_app(settings: Settings, quick_path: bool = True) -> web.Application:
    """The whole server; nothing is built at import time and nothing else reads the environment.

    quick_path=False sends every turn through the SDK's turn machinery (tests compare the two).
    """
    brain = build_brain(settings.knowledge_dir)
    guide = brain.guide
    assert guide is not None
    database = Database(settings.database_url)
    rooms = RoomsWiring.create(settings.knowledge_dir, database)
    services = Services(brain=brain, gaps=SqlGapLog(database), feedback=SqlFeedbackLog(database))
    # Published glossary edits reach the checker and look-up too: they follow services.brain.
    checker, lookup = CurrentChecker(services), CurrentLookup(services)
    state_store = SqlStateStore(database)
    storage = SqlBotStorage(state_store)
    desk = QuestionDesk(SqlQuestionRepository(database), SqlSessionRepository(database))
    flows = (
        *rooms.flows(services),
        alderman_flow(services, desk),
        alderman_withdraw_flow(services, desk),
        *report_flows(services, guide, storage),
        *language_flows(services, checker, lookup),
    )
    bot = WegwijzerBot.create(storage, services, flows, checker=checker, typing_after=SLOW_TURN_SECONDS)
    adapter = create_adapter(
        settings.microsoft_app_id,
        settings.microsoft_app_password,
        settings.microsoft_app_type,
        settings.microsoft_app_tenant_id,
    )
    quick = QuickTurn(bot.main_dialog, storage.idle).answer if quick_path else None
    messages = MessagesEndpoint(adapter, bot, settings.max_message_bytes, quick=quick)

    app = web.Application(client_max_size=settings.max_message_bytes)
    app[SETTINGS] = settings
    app[DATABASE] = database
    app[BRAIN] = brain
    app[MESSAGES] = messages
    app.router.add_post("/api/messages", messages.handle)
    app.on_cleanup.append(messages.close)
    app.router.add_get("/healthz", healthz)
    app.add_routes(language_routes(checker))
    if settings.development_mode:
        app.add_routes(chat_page.routes())
    mount_workspace(app, settings, database, services, build_brain, rooms_directory=rooms.directory)

    app.on_startup.append(rooms.on_startup)
    app.cleanup_ctx.append(
        _purge_stale_state(state_store, timedelta(minutes=settings.state_ttl_minutes)).cleanup_ctx()
    )

    async def close_database(_: web.Application) -> None:
        await database.dispose()

    app.on_cleanup.append(close_database)
    return app


def _purge_stale_state(store: SqlStateStore, ttl: timedelta) -> Periodic:
    """Dialog state untouched for `ttl` is deleted: flows forget what they were told."""

    async def purge() -> None:
        try:
            purged = await store.purge_older_than(datetime.now(UTC) - ttl)
        except Exception as exc:  # the database may be away; try again next round
            log.warning(
                "state purge failed", extra={"event": "state_purge_failed", "error_type": type(exc).__name__}
            )
            return
        if purged:
            log.info("stale dialog state purged", extra={"event": "state_purged", "count": purged})

    return Periodic("state_purge", min(60.0, ttl.total_seconds() / 4), purge)
