"""Glossary entries, reporting routes and quiet rooms: edit as YAML, revise, publish; import and export.

Glossary and routes are published together with the answers (the regression set runs over the
glossary too, because the matcher tags glossary words). Rooms live in the database already:
publishing them writes the directory and every instance reloads it with the next knowledge version.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Final

import yaml
from aiohttp import web
from pydantic import BaseModel, ValidationError

from adapters.web.admin.auth import requires, staff
from adapters.web.admin.content import WorkingItem
from adapters.web.admin.forms import errors_of
from adapters.web.admin.workspace import form_text, record, render, ws
from knowledge.glossary import GlossaryEntry
from knowledge.loader import ContentError
from knowledge.normalize import fold
from knowledge.room_import import COLUMNS, LIST_COLUMNS, RoomImportError, parse_csv, parse_yaml
from knowledge.rooms import QuietRoom
from knowledge.routes import Route

MAX_UPLOAD: Final = 2_000_000


@dataclass(frozen=True)
class Area:
    name: str
    title: str
    model: type[BaseModel]
    label_field: str


AREAS: Final = {
    "glossary": Area("glossary", "Woordenlijst", GlossaryEntry, "term"),
    "routes": Area("routes", "Meldroutes", Route, "name"),
    "rooms": Area("rooms", "Stilteruimtes", QuietRoom, "name"),
}


def _area(request: web.Request) -> Area:
    found = AREAS.get(request.match_info["area"])
    if found is None:
        raise web.HTTPNotFound()
    return found


def _label(area: Area, body: dict[str, Any] | None) -> str:
    if not body:
        return ""
    value = body.get(area.label_field, "")
    return value.get("nl", "") if isinstance(value, dict) else str(value)


async def _working(request: web.Request, area: Area) -> dict[str, WorkingItem]:
    workspace = ws(request)
    if area.name != "rooms":
        return await workspace.content.working(area.name)
    stored = await workspace.rooms.all() if workspace.rooms is not None else []
    items = {r.id: WorkingItem(r.id, r.model_dump(mode="json"), "published") for r in stored}
    for draft in await workspace.store.drafts("rooms"):
        state = "removed" if draft.body is None else ("draft" if draft.item_id in items else "new")
        items[draft.item_id] = WorkingItem(draft.item_id, draft.body, state, draft.author)
    return items


@requires("editor")
async def items_list(request: web.Request) -> web.Response:
    area = _area(request)
    query = request.query.get("q", "")[:200]
    items = await _working(request, area)
    shown = [
        (item, _label(area, item.body))
        for item in sorted(items.values(), key=lambda i: i.item_id)
        if all(w in fold(f"{item.item_id} {_label(area, item.body)}") for w in fold(query).split())
    ]
    drafts = list(await ws(request).store.drafts(area.name))
    return render(
        request,
        "items_list.html",
        {"area": area, "items": shown, "q": query, "drafts": drafts, "errors": [], "nav": area.name},
    )


async def _form(
    request: web.Request, area: Area, item_id: str, text: str, errors: list[str], status: int = 200
) -> web.Response:
    history = await ws(request).store.history(area.name, item_id)
    return render(
        request,
        "item_form.html",
        {
            "area": area,
            "item_id": item_id,
            "text": text,
            "errors": errors,
            "history": history,
            "nav": area.name,
        },
        status=status,
    )


@requires("editor")
async def item_edit(request: web.Request) -> web.Response:
    area = _area(request)
    item_id = request.match_info["item_id"]
    items = await _working(request, area)
    if item_id not in items:
        raise web.HTTPNotFound(text="Bestaat niet.")
    text = (
        yaml.safe_dump(items[item_id].body, allow_unicode=True, sort_keys=False)
        if items[item_id].body
        else ""
    )
    return await _form(request, area, item_id, text, [])


async def _check(request: web.Request, area: Area, item_id: str, body: dict[str, Any] | None) -> list[str]:
    if area.name == "rooms":
        return []
    try:
        await ws(request).content.check(area.name, item_id, body)
    except ContentError as exc:
        return [str(exc).split(": ", 1)[-1]]
    return []


@requires("editor")
async def item_save(request: web.Request) -> web.Response:
    area = _area(request)
    item_id = request.match_info["item_id"]
    form = await request.post()
    text = form_text(form, "yaml", 60_000)
    errors: list[str] = []
    body = None
    try:
        body = area.model.model_validate(yaml.safe_load(text)).model_dump(mode="json")
        if body.get("id") != item_id:
            errors.append(f"id: moet {item_id!r} blijven")
    except ValidationError as exc:
        errors = errors_of(exc)
    except yaml.YAMLError as exc:
        errors = [f"YAML: {str(exc)[:300]}"]
    if not errors:
        errors = await _check(request, area, item_id, body)
    if errors:
        return await _form(request, area, item_id, text, errors, 422)
    await ws(request).store.save(area.name, item_id, body, staff(request).actor, form_text(form, "note", 500))
    await record(request, f"{area.title.lower()} opgeslagen", item_id)
    raise web.HTTPSeeOther(f"/admin/items/{area.name}/{item_id}?done=saved")


def _flatten(body: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in body.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        elif isinstance(value, list):
            out[name] = "; ".join(
                yaml.safe_dump(v, default_flow_style=True).strip() if isinstance(v, dict) else str(v)
                for v in value
            )
        else:
            out[name] = "" if value is None else str(value)
    return out


def _room_row(body: dict[str, Any]) -> dict[str, str]:
    row = {}
    for column, path in COLUMNS.items():
        value: Any = body
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if column in LIST_COLUMNS or isinstance(value, list):
            row[column] = ", ".join(str(v) for v in value or [])
        elif isinstance(value, bool):
            row[column] = "ja" if value else "nee"
        else:
            row[column] = "" if value is None else str(value)
    return row


@requires("editor")
async def items_export(request: web.Request) -> web.Response:
    area = _area(request)
    kind = request.match_info["format"]
    bodies = [
        i.body for i in sorted((await _working(request, area)).values(), key=lambda i: i.item_id) if i.body
    ]
    await record(request, f"{area.title.lower()} geëxporteerd", kind, f"{len(bodies)} items")
    disposition = {"Content-Disposition": f'attachment; filename="wegwijzer-{area.name}.{kind}"'}
    if kind == "yaml":
        key = {"glossary": "entries", "routes": "routes", "rooms": "rooms"}[area.name]
        text = yaml.safe_dump({key: bodies}, allow_unicode=True, sort_keys=False)
        return web.Response(text=text, content_type="application/yaml", headers=disposition)
    if kind != "csv":
        raise web.HTTPNotFound()
    rows = [_room_row(b) for b in bodies] if area.name == "rooms" else [_flatten(b) for b in bodies]
    columns = list(dict.fromkeys(c for row in rows for c in row)) or ["id"]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _cell(row.get(c, "")) for c in columns})
    return web.Response(
        body=buffer.getvalue().encode("utf-8-sig"), content_type="text/csv", headers=disposition
    )


def _cell(value: str) -> str:
    """Spreadsheets must show a cell as text, never run it as a formula."""
    return "'" + value if value.startswith(("=", "+", "-", "@")) else value


def _parse_upload(area: Area, name: str, raw: bytes) -> list[dict[str, Any]]:
    text = raw.decode("utf-8-sig")
    if area.name == "rooms":
        rooms = parse_csv(text, name) if name.lower().endswith(".csv") else parse_yaml(text, name)
        return [r.model_dump(mode="json") for r in rooms]
    data = yaml.safe_load(text)
    key = "entries" if area.name == "glossary" else "routes"
    records = data.get(key) if isinstance(data, dict) else None
    if not isinstance(records, list) or not records:
        raise ValueError(f"het bestand heeft geen lijst '{key}'")
    return [area.model.model_validate(r).model_dump(mode="json") for r in records]


@requires("editor")
async def items_import(request: web.Request) -> web.Response:
    area = _area(request)
    workspace = ws(request)
    form = await request.post()
    upload = form.get("file")
    raw = upload.file.read(MAX_UPLOAD + 1) if hasattr(upload, "file") else b""
    name = str(getattr(upload, "filename", "upload"))
    errors: list[str] = []
    bodies: list[dict[str, Any]] = []
    try:
        if not raw or len(raw) > MAX_UPLOAD:
            raise ValueError("kies een bestand van hoogstens 2 MB")
        bodies = _parse_upload(area, name, raw)
        if area.name != "rooms":
            overlay, _ = await workspace.content.overlay_with_drafts()
            for body in bodies:
                overlay.setdefault(area.name, {})[body["id"]] = body
            import asyncio

            from adapters.web.admin.content import validate_overlay

            await asyncio.to_thread(validate_overlay, workspace.content.shipped, overlay)
    except RoomImportError as exc:
        errors = exc.errors
    except ValidationError as exc:
        errors = errors_of(exc)
    except (ValueError, UnicodeDecodeError, yaml.YAMLError, ContentError) as exc:
        errors = [str(exc)[:500]]
    if errors:
        items = await _working(request, area)
        shown = [(i, _label(area, i.body)) for i in sorted(items.values(), key=lambda i: i.item_id)]
        context = {"area": area, "items": shown, "q": "", "drafts": [], "errors": errors, "nav": area.name}
        return render(request, "items_list.html", context, status=422)
    for body in bodies:
        await workspace.store.save(area.name, body["id"], body, staff(request).actor, f"import {name}"[:500])
    await record(request, f"{area.title.lower()} geïmporteerd", name, f"{len(bodies)} items")
    raise web.HTTPSeeOther(f"/admin/items/{area.name}?done=imported")


@requires("editor")
async def rooms_publish(request: web.Request) -> web.Response:
    """Rooms go straight to the directory in the database; the version bump makes every instance reload."""
    workspace = ws(request)
    drafts = await workspace.store.drafts("rooms")
    if drafts and workspace.rooms is not None:
        from adapters.web.admin.views_publish import four_eyes_problem

        problem = four_eyes_problem(workspace, drafts, staff(request).actor)
        if problem:
            raise web.HTTPConflict(text=problem)
        current = {r.id: r for r in await workspace.rooms.all()}
        for draft in drafts:
            if draft.body is None:
                current.pop(draft.item_id, None)
            else:
                current[draft.item_id] = QuietRoom.model_validate(draft.body)
        await workspace.rooms.upsert(list(current.values()), replace=True)
        version = await workspace.store.publish("rooms", drafts, staff(request).actor)
        await record(request, "stilteruimtes gepubliceerd", f"versie {version}", f"{len(drafts)} wijzigingen")
        await workspace.reloader.check()
    raise web.HTTPSeeOther("/admin/items/rooms?done=published")


def routes() -> list[web.RouteDef]:
    return [
        web.post("/items/rooms/publish", rooms_publish),
        web.get("/items/{area}", items_list),
        web.get("/items/{area}/export.{format}", items_export),
        web.post("/items/{area}/import", items_import),
        web.get("/items/{area}/{item_id}", item_edit),
        web.post("/items/{area}/{item_id}", item_save),
    ]
