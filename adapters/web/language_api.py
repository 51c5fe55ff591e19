"""POST /api/language/check: the inclusive-language checker over HTTP. Stores nothing, logs no text."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from adapters.web.json_input import BadRequest, read_json
from knowledge.checker import MAX_CHARS, Checker, Finding

PATH = "/api/language/check"
# 20,000 characters are at most 80 KB as UTF-8 and 120 KB with a \uXXXX escape per character, so 200 KB
# fits every normal request; a bigger body is refused (413) before it is parsed.
MAX_BODY_BYTES = 200 * 1024
LANGS = ("nl", "en")


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "start": finding.start,
        "end": finding.end,
        "match": finding.match,
        "term": finding.term,
        "alternatives": finding.alternatives,
        "reason": finding.reason,
        "level": finding.level,
        "entry": finding.entry_id,
    }


def _parse(body: Any) -> tuple[str, str | None]:
    if not isinstance(body, dict):
        raise BadRequest(400, "body must be a JSON object")
    text = body.get("text")
    if not isinstance(text, str):
        raise BadRequest(400, "'text' must be a string")
    lang = body.get("lang")
    if lang is not None and lang not in LANGS:
        raise BadRequest(400, "'lang' must be \"nl\", \"en\" or null")
    if len(text) > MAX_CHARS:
        raise BadRequest(413, f"'text' is longer than {MAX_CHARS} characters")
    return text, lang


def language_routes(checker: Checker) -> list[web.RouteDef]:
    """The routes to mount on the app: app.add_routes(language_routes(checker))."""

    async def check(request: web.Request) -> web.Response:
        if request.method != "POST":
            return web.json_response({"error": "use POST"}, status=405, headers={"Allow": "POST"})
        try:
            text, lang = _parse(await read_json(request, MAX_BODY_BYTES))
        except BadRequest as exc:
            return exc.response()
        findings = checker.check(text, lang)
        return web.json_response({"findings": [_finding_json(f) for f in findings]})

    return [web.route("*", PATH, check)]
