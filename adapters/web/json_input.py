"""Read a JSON request body safely: content type, byte limit, UTF-8, depth; 4xx on any fault."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

MAX_DEPTH = 64


class BadRequest(Exception):
    """The request cannot be used; status and a short reason go back to the caller."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> web.Response:
        return web.json_response({"error": self.reason}, status=self.status)


def _depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


async def read_json(request: web.Request, max_bytes: int) -> Any:
    """The parsed body, or BadRequest: 415 wrong type, 413 too large, 400 not valid JSON."""
    if request.content_type != "application/json":
        raise BadRequest(415, "Content-Type must be application/json")
    if request.content_length is not None and request.content_length > max_bytes:
        raise BadRequest(413, f"body larger than {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise BadRequest(413, f"body larger than {max_bytes} bytes")
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        raise BadRequest(400, "empty body")
    try:
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest(400, "body is not valid UTF-8") from None
    except (json.JSONDecodeError, RecursionError):
        raise BadRequest(400, "body is not valid JSON") from None
    if not _depth_ok(value):
        raise BadRequest(400, f"JSON nested deeper than {MAX_DEPTH} levels")
    return value
