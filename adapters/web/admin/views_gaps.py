"""What the bot could not answer: clusters with counts and trends; add as example, new entry, dismiss."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from aiohttp import web

from adapters.web.admin.auth import requires, staff
from adapters.web.admin.content import item_in
from adapters.web.admin.forms import with_example
from adapters.web.admin.workspace import form_list, form_text, record, render, ws
from knowledge.gap_clusters import cluster_gaps
from knowledge.loader import ContentError
from knowledge.models import LANGS

KIND_LABELS = {
    "fallback": "geen antwoord",
    "low_confidence": "twijfel",
    "unknown_term": "onbekend woord",
    "thumbs_down": "👎",
}
TREND_LABELS = {"up": "stijgt", "down": "daalt", "flat": "gelijk", "new": "nieuw"}
DAYS = 90


async def _page(request: web.Request, problem: str | None = None, status: int = 200) -> web.Response:
    workspace = ws(request)
    today = workspace.today()
    items = await workspace.gaps.items(since=today - timedelta(days=DAYS))
    clusters = cluster_gaps(items, today)
    tallies = await workspace.feedback.count_by_entry()
    disliked = sorted(
        ((entry_id, t.unhelpful, t.helpful) for entry_id, t in tallies.items() if t.unhelpful),
        key=lambda row: (-row[1], row[0]),
    )[:15]
    entries = sorted(k for k, v in (await workspace.content.working("answers")).items() if v.body is not None)
    return render(
        request,
        "gaps.html",
        {
            "clusters": clusters[:100],
            "disliked": disliked,
            "entries": entries,
            "kind_labels": KIND_LABELS,
            "trend_labels": TREND_LABELS,
            "days": DAYS,
            "problem": problem,
            "nav": "gaps",
        },
        status=status,
    )


@requires("editor")
async def gaps_page(request: web.Request) -> web.Response:
    return await _page(request)


@requires("editor")
async def gaps_dismiss(request: web.Request) -> web.Response:
    form = await request.post()
    ids = form_list(form, "ids")[:500]
    removed = await ws(request).gaps.remove(ids)
    await record(request, "onbeantwoorde vragen weggelegd", "", f"{removed} vragen")
    raise web.HTTPSeeOther("/admin/gaps?done=dismissed")


@requires("editor")
async def gaps_add_example(request: web.Request) -> web.Response:
    """The cluster's question becomes an example question of an entry (a draft); the texts are deleted."""
    workspace = ws(request)
    form = await request.post()
    ids = form_list(form, "ids")[:500]
    entry_id, lang = form_text(form, "entry", 120), form_text(form, "lang", 5)
    text = form_text(form, "text", 300)
    items = await workspace.content.working("answers")
    if not item_in(items, entry_id) or lang not in LANGS or len(text) < 2:
        return await _page(request, "Kies een antwoord en een taal.", 422)
    body = with_example(items[entry_id].body or {}, lang, text)
    try:
        await workspace.content.check("answers", entry_id, body)
    except ContentError as exc:
        return await _page(request, str(exc).split(": ", 1)[-1], 422)
    await workspace.store.save(
        "answers", entry_id, body, staff(request).actor, "voorbeeldvraag uit onbeantwoorde vragen"
    )
    await workspace.gaps.remove(ids)
    await record(request, "voorbeeldvraag toegevoegd", entry_id, text)
    raise web.HTTPSeeOther("/admin/gaps?done=example-added")


@requires("editor")
async def gaps_new_entry(request: web.Request) -> web.Response:
    form = await request.post()
    text, lang = form_text(form, "text", 300), form_text(form, "lang", 5)
    await ws(request).gaps.remove(form_list(form, "ids")[:500])
    await record(request, "nieuw antwoord uit onbeantwoorde vragen", "", text)
    raise web.HTTPSeeOther("/admin/answers/new?" + urlencode({"example": text, "lang": lang}))


def routes() -> list[web.RouteDef]:
    return [
        web.get("/gaps", gaps_page),
        web.post("/gaps/dismiss", gaps_dismiss),
        web.post("/gaps/add-example", gaps_add_example),
        web.post("/gaps/new-entry", gaps_new_entry),
    ]
