"""Questions for the alderman: filter, approve, reject with a reason, merge, reword; sessions; export."""

from __future__ import annotations

import secrets
from datetime import date, time
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from pydantic import ValidationError

from adapters.export.question_writers import FORMATS
from adapters.export.question_writers import render as render_export
from adapters.persistence.question_repository import DuplicateSessionError
from adapters.web.admin.auth import requires
from adapters.web.admin.forms import errors_of
from adapters.web.admin.workspace import form_list, form_text, record, render, ws
from knowledge.moderation import asked_by, merge_questions, near_duplicates, set_status
from knowledge.question_export import STATUS_LABELS, shape_export
from knowledge.questions import STATUSES, check_text
from knowledge.sessions import ADDRESSEES, SHORT_NAMES, STANDING, STANDING_ID, Session, Slot

PROBLEMS = {
    "not_found": "Die vraag bestaat niet (meer).",
    "reason_needed": "Geef een reden bij afwijzen.",
    "reason_too_long": "De reden is te lang (hoogstens 500 tekens).",
    "not_approved": "Alleen een goedgekeurde vraag kan beantwoord zijn.",
    "use_merge": "Gebruik samenvoegen.",
    "merge_into_itself": "Een vraag kan niet in zichzelf opgaan.",
    "merge_target_closed": "Samenvoegen in een afgewezen vraag kan niet.",
    "empty": "De vraag is leeg.",
    "too_short": "De vraag is te kort (minstens 10 tekens).",
    "too_long": "De vraag is te lang (hoogstens 1000 tekens).",
}
ACTIONS = {"approve": "approved", "reject": "rejected", "answered": "answered", "reopen": "new"}
DONE = {"approved": "approved", "rejected": "rejected", "answered": "answered", "new": "reopened"}


async def _sessions(request: web.Request) -> list[Session]:
    return [*await ws(request).question_sessions.list(), STANDING]


async def _page(request: web.Request, problem: str | None = None, status: int = 200) -> web.Response:
    workspace = ws(request)
    sessions = await _sessions(request)
    session_id = request.query.get("session", "")
    wanted_status = request.query.get("status", "")
    addressee = request.query.get("addressee", "")
    every = await workspace.questions.list(session_id or None)
    counts = asked_by(every)
    shown = [
        q
        for q in every
        if (not wanted_status or q.status == wanted_status) and (not addressee or q.addressee == addressee)
    ]
    by_id = {q.id: q for q in every}
    return render(
        request,
        "questions.html",
        {
            "questions": shown,
            "counts": counts,
            "by_id": by_id,
            "originals": await workspace.originals.all(),
            "pairs": near_duplicates(every),
            "sessions": sessions,
            "session_titles": {s.id: s.title for s in sessions},
            "filters": {"session": session_id, "status": wanted_status, "addressee": addressee},
            "statuses": STATUSES,
            "status_labels": STATUS_LABELS,
            "addressees": ADDRESSEES,
            "short_names": SHORT_NAMES,
            "problem": problem,
            "back": request.path
            + (
                "?" + urlencode(kept)
                if (kept := [(k, v) for k, v in request.query.items() if k != "done"])
                else ""
            ),
            "nav": "questions",
        },
        status=status,
    )


@requires("moderator")
async def questions_page(request: web.Request) -> web.Response:
    return await _page(request)


def _back(form: Any, done: str) -> web.HTTPSeeOther:
    back = form_text(form, "back", 300)
    back = back if back.startswith("/admin/questions") else "/admin/questions"
    joiner = "&" if "?" in back else "?"
    return web.HTTPSeeOther(f"{back}{joiner}done={done}")


@requires("moderator")
async def question_status(request: web.Request) -> web.Response:
    workspace = ws(request)
    question_id = request.match_info["question_id"]
    form = await request.post()
    status = ACTIONS.get(form_text(form, "action", 20))
    if status is None:
        return await _page(request, "Onbekende actie.", 422)
    problem = await set_status(
        workspace.questions, question_id, status, form_text(form, "reason", 2000) or None
    )  # type: ignore[arg-type]
    if problem is not None:
        return await _page(request, PROBLEMS[problem], 422)
    await record(request, f"vraag {STATUS_LABELS[status]}", question_id, form_text(form, "reason", 500))  # type: ignore[index]
    raise _back(form, DONE[status])


@requires("moderator")
async def question_merge(request: web.Request) -> web.Response:
    workspace = ws(request)
    form = await request.post()
    ids = form_list(form, "ids")
    into = form_text(form, "into", 64)
    if len(ids) < 1 or not into:
        return await _page(request, "Kies de vragen om samen te voegen en de vraag waarin ze opgaan.", 422)
    problem = await merge_questions(workspace.questions, [i for i in ids if i != into], into)
    if problem is not None:
        return await _page(request, PROBLEMS[problem], 422)
    await record(request, "vragen samengevoegd", into, ", ".join(ids))
    raise _back(form, "merged")


@requires("moderator")
async def question_reword(request: web.Request) -> web.Response:
    """New wording; the sender's original stays visible to moderators (and goes when the question goes)."""
    workspace = ws(request)
    question_id = request.match_info["question_id"]
    form = await request.post()
    question = await workspace.questions.get(question_id)
    if question is None:
        return await _page(request, PROBLEMS["not_found"], 404)
    text = check_text(form.get("text"))
    if text in ("empty", "too_short", "too_long"):
        return await _page(request, PROBLEMS[text], 422)
    if text != question.text:
        await workspace.originals.keep(question_id, question.text)
        await workspace.questions.change_text(question_id, text)
        await record(request, "vraag herschreven", question_id)
    raise _back(form, "edited")


@requires("moderator", "exporter")
async def export_download(request: web.Request) -> web.Response:
    workspace = ws(request)
    file_format = request.query.get("format", "")
    if file_format not in FORMATS:
        raise web.HTTPBadRequest(text="Kies csv, md of docx.")
    session_id = request.query.get("session", "")
    sessions = await _sessions(request)
    chosen = [s for s in sessions if s.id == session_id] if session_id else sessions
    if session_id and not chosen:
        raise web.HTTPNotFound(text="Die kennissessie bestaat niet.")
    found = await workspace.questions.list(session_id or None)
    include_new = request.query.get("include_new") == "on"
    redact = request.query.get("redact") == "on"
    exports = shape_export(found, chosen, include_new, redact, keep_empty=bool(session_id))
    data = render_export(exports, file_format)
    await record(request, "vragen geëxporteerd", session_id or "alle sessies", file_format)
    content_types = {
        "csv": "text/csv",
        "md": "text/markdown",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    name = f"vragen-{session_id or 'alle'}-{date.today().isoformat()}.{file_format}"
    return web.Response(
        body=data,
        content_type=content_types[file_format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@requires("moderator", "exporter")
async def export_page(request: web.Request) -> web.Response:
    return render(
        request, "export.html", {"sessions": await _sessions(request), "formats": FORMATS, "nav": "export"}
    )


def _session_from_form(form: Any, session_id: str) -> tuple[Session | None, list[str]]:
    def parse_time(name: str) -> time | None:
        raw = form_text(form, name, 5)
        return time.fromisoformat(raw.zfill(5)) if raw else None

    try:
        slots = []
        for addressee in ADDRESSEES:
            if form.get(f"slot_{addressee}") == "on":
                slots.append(
                    Slot(
                        addressee=addressee,
                        start=parse_time(f"start_{addressee}"),
                        end=parse_time(f"end_{addressee}"),
                    )
                )
        day = date.fromisoformat(form_text(form, "day", 10))
        deadline_raw = form_text(form, "deadline", 10)
        return (
            Session(
                id=session_id,
                title=form_text(form, "title", 200),
                day=day,
                start=parse_time("start"),
                end=parse_time("end"),
                place=form_text(form, "place", 200),
                slots=tuple(slots),
                deadline=date.fromisoformat(deadline_raw) if deadline_raw else day,
                intro=form_text(form, "intro", 1000),
            ),
            [],
        )
    except ValidationError as exc:
        return None, errors_of(exc)
    except ValueError as exc:
        return None, [f"datum of tijd: {exc}"]


async def _sessions_page(
    request: web.Request,
    editing: Session | None,
    errors: list[str],
    fields: dict[str, Any],
    status: int = 200,
) -> web.Response:
    return render(
        request,
        "sessions.html",
        {
            "sessions": await ws(request).question_sessions.list(),
            "editing": editing,
            "errors": errors,
            "fields": fields,
            "addressees": ADDRESSEES,
            "short_names": SHORT_NAMES,
            "nav": "sessions",
        },
        status=status,
    )


def _fields(session: Session | None) -> dict[str, Any]:
    if session is None:
        return {"slots": {}}
    return {
        "title": session.title,
        "day": session.day.isoformat() if session.day else "",
        "start": f"{session.start:%H:%M}" if session.start else "",
        "end": f"{session.end:%H:%M}" if session.end else "",
        "place": session.place,
        "deadline": session.deadline.isoformat() if session.deadline else "",
        "intro": session.intro,
        "slots": {
            s.addressee: (f"{s.start:%H:%M}" if s.start else "", f"{s.end:%H:%M}" if s.end else "")
            for s in session.slots
        },
    }


@requires("moderator")
async def sessions_page(request: web.Request) -> web.Response:
    editing = None
    if request.query.get("edit"):
        editing = await ws(request).question_sessions.get(request.query["edit"])
    return await _sessions_page(request, editing, [], _fields(editing))


@requires("moderator")
async def session_save(request: web.Request) -> web.Response:
    workspace = ws(request)
    form = await request.post()
    existing_id = form_text(form, "id", 64)
    existing = await workspace.question_sessions.get(existing_id) if existing_id else None
    if existing_id and (existing is None or existing_id == STANDING_ID):
        raise web.HTTPNotFound(text="Die kennissessie bestaat niet.")
    session_id = existing_id or f"{form_text(form, 'day', 10)}-{secrets.token_hex(2)}"
    session, errors = _session_from_form(form, session_id)
    if session is not None:
        try:
            if existing is None:
                await workspace.question_sessions.add(session)
            else:
                await workspace.session_editor.replace(session)
        except (DuplicateSessionError, ValueError) as exc:
            errors = [str(exc)]
    if errors or session is None:
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        fields["slots"] = {
            a: (form_text(form, f"start_{a}", 5), form_text(form, f"end_{a}", 5))
            for a in ADDRESSEES
            if form.get(f"slot_{a}") == "on"
        }
        return await _sessions_page(request, existing, errors, fields, 422)
    await record(request, "kennissessie opgeslagen", session.id, session.title)
    raise web.HTTPSeeOther("/admin/question-sessions?done=session-saved")


def routes() -> list[web.RouteDef]:
    return [
        web.get("/questions", questions_page),
        web.post("/questions/merge", question_merge),
        web.post("/questions/{question_id}/status", question_status),
        web.post("/questions/{question_id}/text", question_reword),
        web.get("/export", export_page),
        web.get("/export/download", export_download),
        web.get("/question-sessions", sessions_page),
        web.post("/question-sessions", session_save),
    ]
