"""Answers: search, edit (every save a revision), remove, roll back, export and import as YAML."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import yaml
from aiohttp import web
from pydantic import ValidationError

from adapters.web.admin.auth import requires, staff
from adapters.web.admin.content import WorkingItem, validate_overlay
from adapters.web.admin.forms import entry_fields, entry_from_form, errors_of
from adapters.web.admin.workspace import form_text, record, render, ws
from knowledge.loader import ContentError
from knowledge.models import ContentFile
from knowledge.normalize import fold

AREA = "answers"
STATE_LABELS = {
    "shipped": "meegeleverd",
    "published": "gepubliceerd",
    "draft": "concept",
    "new": "nieuw (concept)",
    "removed": "verwijderd",
}
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,119}$")


def _matches(item: WorkingItem, query: str) -> bool:
    if not query:
        return True
    body = item.body or {}
    haystack = " ".join(
        [
            item.item_id,
            body.get("topic", ""),
            *(body.get("title", {}) or {}).values(),
            *(body.get("answer", {}) or {}).values(),
            *[q for qs in (body.get("questions", {}) or {}).values() for q in qs],
        ]
    )
    return all(word in fold(haystack) for word in fold(query).split())


@requires("editor")
async def answers_list(request: web.Request) -> web.Response:
    query = request.query.get("q", "")[:200]
    items = await ws(request).content.working(AREA)
    shown = sorted((i for i in items.values() if _matches(i, query)), key=lambda i: i.item_id)
    return render(
        request,
        "answers_list.html",
        {"items": shown, "q": query, "labels": STATE_LABELS, "total": len(items), "nav": "answers"},
    )


async def _form_context(request: web.Request, item_id: str | None, fields: dict[str, str]) -> dict[str, Any]:
    workspace = ws(request)
    history = await workspace.store.history(AREA, item_id) if item_id else []
    items = await workspace.content.working(AREA)
    return {
        "item_id": item_id,
        "fields": fields,
        "topics": workspace.content.shipped.topics,
        "entry_ids": sorted(items),
        "history": history,
        "state": items[item_id].state if item_id and item_id in items else "new",
        "labels": STATE_LABELS,
        "nav": "answers",
    }


@requires("editor")
async def answer_new(request: web.Request) -> web.Response:
    fields = entry_fields(None)
    example = request.query.get("example", "")[:300]
    if example:
        fields["questions_nl" if request.query.get("lang") != "en" else "questions_en"] = example
    context = await _form_context(request, None, fields)
    return render(request, "answer_form.html", {**context, "errors": [], "new_id": ""})


@requires("editor")
async def answer_create(request: web.Request) -> web.Response:
    form = await request.post()
    item_id = form_text(form, "id", 120)
    items = await ws(request).content.working(AREA)
    problems = []
    if not _ID.match(item_id):
        problems.append("id: kleine letters, cijfers, '.', '_' of '-'")
    elif item_id in items and items[item_id].state != "removed":
        problems.append("id: bestaat al")
    return await _save(request, item_id, form, problems, new=True)


@requires("editor")
async def answer_edit(request: web.Request) -> web.Response:
    item_id = request.match_info["item_id"]
    items = await ws(request).content.working(AREA)
    if item_id not in items:
        raise web.HTTPNotFound(text="Dit antwoord bestaat niet.")
    context = await _form_context(request, item_id, entry_fields(items[item_id].body))
    return render(request, "answer_form.html", {**context, "errors": []})


@requires("editor")
async def answer_save(request: web.Request) -> web.Response:
    item_id = request.match_info["item_id"]
    if item_id not in await ws(request).content.working(AREA):
        raise web.HTTPNotFound(text="Dit antwoord bestaat niet.")
    return await _save(request, item_id, await request.post(), [], new=False)


async def _save(
    request: web.Request, item_id: str, form: Any, problems: list[str], new: bool
) -> web.Response:
    workspace = ws(request)
    body, errors = entry_from_form(form, item_id) if not problems else (None, [])
    problems += errors
    if body is not None and not problems:
        try:
            await workspace.content.check(AREA, item_id, body)
        except ContentError as exc:
            problems.append(str(exc).split(": ", 1)[-1])
    if problems or body is None:
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        context = await _form_context(request, None if new else item_id, fields)
        return render(
            request, "answer_form.html", {**context, "errors": problems, "new_id": item_id}, status=422
        )
    note = form_text(form, "note", 500)
    await workspace.store.save(AREA, item_id, body, staff(request).actor, note)
    await record(request, "antwoord opgeslagen", item_id, note)
    raise web.HTTPSeeOther(f"/admin/answers/{item_id}?done=saved")


@requires("editor")
async def answer_remove(request: web.Request) -> web.Response:
    workspace = ws(request)
    item_id = request.match_info["item_id"]
    try:
        await workspace.content.check(AREA, item_id, None)
    except ContentError as exc:
        context = await _form_context(
            request, item_id, entry_fields((await workspace.content.working(AREA))[item_id].body)
        )
        return render(request, "answer_form.html", {**context, "errors": [str(exc).split(": ", 1)[-1]]}, 422)
    await workspace.store.save(AREA, item_id, None, staff(request).actor, "verwijderd")
    await record(request, "antwoord verwijderd (concept)", item_id)
    raise web.HTTPSeeOther(f"/admin/answers/{item_id}?done=removed")


@requires("editor")
async def answer_discard(request: web.Request) -> web.Response:
    item_id = request.match_info["item_id"]
    await ws(request).store.discard_drafts(AREA, item_id)
    await record(request, "concept weggegooid", item_id)
    target = (
        f"/admin/answers/{item_id}"
        if item_id in await ws(request).content.working(AREA)
        else "/admin/answers"
    )
    raise web.HTTPSeeOther(f"{target}?done=discarded")


@requires("editor")
async def answer_rollback(request: web.Request) -> web.Response:
    """An older revision becomes the newest draft; nothing is lost, it is published like any edit."""
    workspace = ws(request)
    item_id = request.match_info["item_id"]
    form = await request.post()
    revision = await workspace.store.revision(form_text(form, "revision", 64))
    if revision is None or revision.area != AREA or revision.item_id != item_id:
        raise web.HTTPNotFound(text="Deze versie bestaat niet.")
    await workspace.store.save(
        AREA,
        item_id,
        revision.body,
        staff(request).actor,
        f"terug naar versie van {revision.created_at:%Y-%m-%d %H:%M}",
    )
    await record(request, "antwoord teruggezet", item_id, revision.id)
    raise web.HTTPSeeOther(f"/admin/answers/{item_id}?done=rolled-back")


@requires("editor")
async def answers_export(request: web.Request) -> web.Response:
    items = await ws(request).content.working(AREA)
    entries = [i.body for i in sorted(items.values(), key=lambda i: i.item_id) if i.body is not None]
    await record(request, "antwoorden geëxporteerd", "", f"{len(entries)} antwoorden")
    text = yaml.safe_dump({"entries": entries}, allow_unicode=True, sort_keys=False)
    return web.Response(
        text=text,
        content_type="application/yaml",
        headers={"Content-Disposition": 'attachment; filename="wegwijzer-antwoorden.yaml"'},
    )


@requires("editor")
async def answers_import(request: web.Request) -> web.Response:
    """A YAML file like knowledge/content/answers/*.yaml: every entry becomes a draft, or none does."""
    workspace = ws(request)
    form = await request.post()
    upload = form.get("file")
    raw = upload.file.read(2_000_001) if hasattr(upload, "file") else b""
    problems: list[str] = []
    try:
        if not raw or len(raw) > 2_000_000:
            raise ValueError("kies een YAML-bestand van hoogstens 2 MB")
        parsed = ContentFile.model_validate(yaml.safe_load(raw.decode("utf-8")))
        overlay, _ = await workspace.content.overlay_with_drafts()
        for entry in parsed.entries:
            overlay.setdefault(AREA, {})[entry.id] = entry.model_dump(mode="json")
        await asyncio.to_thread(validate_overlay, workspace.content.shipped, overlay)
    except ValidationError as exc:
        problems = errors_of(exc)
    except (ValueError, UnicodeDecodeError, yaml.YAMLError, ContentError) as exc:
        problems = [str(exc)[:500]]
    if problems:
        items = await workspace.content.working(AREA)
        context = {"items": sorted(items.values(), key=lambda i: i.item_id), "q": "", "labels": STATE_LABELS}
        return render(
            request,
            "answers_list.html",
            {**context, "import_errors": problems, "total": len(items), "nav": "answers"},
            422,
        )
    for entry in parsed.entries:
        await workspace.store.save(
            AREA, entry.id, entry.model_dump(mode="json"), staff(request).actor, "import"
        )
    await record(request, "antwoorden geïmporteerd", "", f"{len(parsed.entries)} antwoorden")
    raise web.HTTPSeeOther("/admin/answers?done=imported")


def routes() -> list[web.RouteDef]:
    return [
        web.get("/answers", answers_list),
        web.get("/answers/new", answer_new),
        web.post("/answers/new", answer_create),
        web.get("/answers/export.yaml", answers_export),
        web.post("/answers/import", answers_import),
        web.get("/answers/{item_id}", answer_edit),
        web.post("/answers/{item_id}", answer_save),
        web.post("/answers/{item_id}/remove", answer_remove),
        web.post("/answers/{item_id}/discard", answer_discard),
        web.post("/answers/{item_id}/rollback", answer_rollback),
    ]
