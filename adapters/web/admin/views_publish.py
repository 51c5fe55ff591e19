"""Preview an answer, run the regression set, publish (optionally four-eyes), keep test questions."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from aiohttp import web

from adapters.persistence.workspace_repository import PublishConflictError, Revision
from adapters.web.admin.auth import requires, staff
from adapters.web.admin.workspace import Workspace, form_text, record, render, ws
from knowledge.models import LANGS
from knowledge.regression import Probe, RegressionReport, regression_set, run_regression

FILE_AREAS = ("answers", "glossary", "routes")
_REPORTS: web.AppKey[dict[str, Any]] = web.AppKey("regression_cache", dict)


def fingerprint(drafts: list[Revision]) -> str:
    return hashlib.sha256(",".join(d.id for d in drafts).encode()).hexdigest()[:32]


async def regression(request: web.Request) -> tuple[RegressionReport, list[Revision], str]:
    """The live brain against the brain of all drafts; cached until drafts, version or live brain change."""
    workspace = ws(request)
    candidate, drafts = await workspace.content.candidate()
    drafts = [d for d in drafts if d.area in FILE_AREAS]
    live = workspace.services.brain
    key = f"{fingerprint(drafts)}:{await workspace.store.version()}:{id(live)}"
    cache = request.config_dict[_REPORTS]
    if cache.get("key") != key:
        tests = [Probe(t.text, t.lang, "testvraag", t.expected_topic) for t in await workspace.store.tests()]  # type: ignore[arg-type]
        probes = regression_set([live.kb, candidate.kb], tests)
        report = await asyncio.to_thread(run_regression, live.answerer, candidate.answerer, probes)
        cache.update(key=key, report=report)
    return cache["report"], drafts, fingerprint(drafts)


def four_eyes_problem(workspace: Workspace, drafts: list[Revision], publisher: str) -> str | None:
    if not workspace.settings.four_eyes:
        return None
    own = sorted({d.item_id for d in drafts if d.author == publisher})
    if own:
        return "Vier ogen: een andere redacteur publiceert jouw wijzigingen (" + ", ".join(own) + ")."
    return None


@requires("editor")
async def publish_page(request: web.Request) -> web.Response:
    workspace = ws(request)
    report, drafts, key = await regression(request)
    return render(
        request,
        "publish.html",
        {
            "report": report,
            "drafts": drafts,
            "key": key,
            "four_eyes": four_eyes_problem(workspace, drafts, staff(request).actor),
            "releases": await workspace.store.releases(10),
            "version": await workspace.store.version(),
            "nav": "publish",
        },
    )


@requires("editor")
async def publish(request: web.Request) -> web.Response:
    workspace = ws(request)
    form = await request.post()
    report, drafts, key = await regression(request)
    problem = None
    if not drafts:
        problem = "Er is niets om te publiceren."
    elif form_text(form, "key", 64) != key:
        problem = "De concepten zijn intussen veranderd. Bekijk de uitkomst opnieuw en publiceer dan."
    elif not report.may_publish:
        problem = "Publiceren kan niet: een vraag over acuut gevaar wordt dan niet meer herkend."
    else:
        problem = four_eyes_problem(workspace, drafts, staff(request).actor)
    if problem is None:
        try:
            version = await workspace.store.publish("kennis", drafts, staff(request).actor)
        except PublishConflictError:
            problem = "Iemand anders publiceerde tegelijk. Bekijk de uitkomst opnieuw."
        else:
            await record(
                request,
                "gepubliceerd",
                f"versie {version}",
                ", ".join(sorted({d.item_id for d in drafts}))[:1000],
            )
            await workspace.reloader.check()
            raise web.HTTPSeeOther("/admin/publish?done=published")
    return render(
        request,
        "publish.html",
        {
            "report": report,
            "drafts": drafts,
            "key": key,
            "problem": problem,
            "four_eyes": four_eyes_problem(workspace, drafts, staff(request).actor),
            "releases": await workspace.store.releases(10),
            "version": await workspace.store.version(),
            "nav": "publish",
        },
        status=409,
    )


def _describe(brain: Any, text: str, lang: str) -> dict[str, Any]:
    decision = brain.answerer.decide(text, lang)
    entry = decision.entry
    return {
        "kind": decision.kind,
        "topic": decision.topic,
        "score": decision.score,
        "title": entry.title.get(decision.lang) if entry else None,
        "answer": entry.answer.get(decision.lang) if entry else None,
        "choices": [c.title.get(decision.lang) for c in decision.choices],
    }


@requires("editor")
async def preview(request: web.Request) -> web.Response:
    """How the bot answers a typed question now, and how it would with every draft published."""
    workspace = ws(request)
    question = request.query.get("q", "").strip()[:500]
    lang = request.query.get("lang", "nl")
    lang = lang if lang in LANGS else "nl"
    result = None
    if question:
        candidate, _ = await workspace.content.candidate()
        result = {
            "live": _describe(workspace.services.brain, question, lang),
            "draft": _describe(candidate, question, lang),
        }
    return render(request, "preview.html", {"q": question, "lang": lang, "result": result, "nav": "preview"})


@requires("editor")
async def tests_page(request: web.Request) -> web.Response:
    workspace = ws(request)
    topics = workspace.content.shipped.topics
    return render(
        request,
        "tests.html",
        {"tests": await workspace.store.tests(), "topics": topics, "errors": [], "nav": "tests"},
    )


@requires("editor")
async def test_add(request: web.Request) -> web.Response:
    workspace = ws(request)
    form = await request.post()
    text, topic, lang = (
        form_text(form, "text", 500),
        form_text(form, "topic", 120),
        form_text(form, "lang", 5),
    )
    topics = workspace.content.shipped.topics
    errors = []
    if len(text) < 2:
        errors.append("Typ een vraag.")
    if topic not in topics and topic not in ("fallback", "clarify"):
        errors.append("Kies een onderwerp.")
    if lang not in LANGS:
        errors.append("Kies een taal.")
    if errors:
        context = {"tests": await workspace.store.tests(), "topics": topics, "errors": errors, "nav": "tests"}
        return render(request, "tests.html", context, status=422)
    await workspace.store.add_test(text, lang, topic, staff(request).actor)
    await record(request, "testvraag toegevoegd", topic, text)
    raise web.HTTPSeeOther("/admin/tests?done=test-added")


@requires("editor")
async def test_remove(request: web.Request) -> web.Response:
    test_id = request.match_info["test_id"]
    if await ws(request).store.remove_test(test_id):
        await record(request, "testvraag verwijderd", test_id)
    raise web.HTTPSeeOther("/admin/tests?done=test-removed")


def setup(app: web.Application) -> None:
    app[_REPORTS] = {}


def routes() -> list[web.RouteDef]:
    return [
        web.get("/publish", publish_page),
        web.post("/publish", publish),
        web.get("/preview", preview),
        web.get("/tests", tests_page),
        web.post("/tests", test_add),
        web.post("/tests/{test_id}/remove", test_remove),
    ]
