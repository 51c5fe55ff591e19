"""POST /api/messages: our own HTTP edge in front of the SDK.

The SDK's aiohttp CloudAdapter.process answers 500 for expectReplies
(botbuilder-python #2156: it serialises an already-serialised dict) and for a
missing Content-Type or malformed JSON. This handler validates first, then
hands a well-formed activity to CloudAdapter.process_activity, within the
15 seconds Azure Bot Service gives a turn, and answers a repeated delivery once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any, Protocol

from aiohttp import web
from botbuilder.core import Bot
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ChannelAccount

from adapters.teams.activity_schema import check_activity
from adapters.teams.adapter import (
    apology_for,
    failed_turn_trace,
    http_pool_of,
    post_replies,
    reference_of,
    replies_body,
    stamp,
)
from adapters.teams.deliveries import DeliveryLedger, TurnOutcome, track_turn
from adapters.teams.keys import AuthUnavailable
from adapters.teams.retries import TURN_BUDGET_SECONDS, turn_budget
from adapters.web.json_input import BadRequest, read_json

log = logging.getLogger("wegwijzer.http")


class QuickReply(Protocol):
    """A turn answered without the SDK's turn machinery: its replies, and what follows delivery."""

    activities: list[Activity]

    async def delivered(self) -> None: ...


# Answers a raw activity on the quick path, or None when the full path must run it.
QuickAnswer = Callable[[dict[str, Any]], Awaitable[QuickReply | None]]


class MessagesEndpoint:
    """Validates, authenticates and runs one Bot Framework activity."""

    def __init__(
        self,
        adapter: CloudAdapter,
        bot: Bot,
        max_bytes: int,
        turn_seconds: float = TURN_BUDGET_SECONDS,
        quick: QuickAnswer | None = None,
    ) -> None:
        self.adapter = adapter
        self.bot = bot
        self.quick = quick
        self.quick_turns = 0  # turns answered on the quick path since start
        self.max_bytes = max_bytes
        self.turn_seconds = turn_seconds
        self.deliveries = DeliveryLedger()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        try:
            body = await read_json(request, self.max_bytes)
        except BadRequest as bad:
            return bad.response()
        problem = check_activity(body)
        if problem:
            return web.json_response({"error": problem}, status=400)
        try:
            with turn_budget(self.turn_seconds):
                async with asyncio.timeout(self.turn_seconds):
                    return await self._authenticated(request, body)
        except TimeoutError:
            log.error("turn took too long", extra={"event": "turn_timeout"})
            return web.json_response({"error": "the turn took too long"}, status=503)

    async def _authenticated(self, request: web.Request, body: dict[str, Any]) -> web.Response:
        auth = self.adapter.bot_framework_authentication
        try:
            identity = await auth.authenticate_request(
                _credentials_view(body), request.headers.get("Authorization", "")
            )
        except PermissionError:
            return web.json_response({"error": "unauthorized"}, status=401)
        except AuthUnavailable:
            return web.json_response({"error": "cannot check the token now"}, status=503)
        # Only an authenticated delivery may count as seen: a forged copy must not block the real one.
        key = self.deliveries.key(body)
        if key is not None and not self.deliveries.claim(key):
            log.info("repeated delivery answered once", extra={"event": "duplicate_delivery"})
            return _already_answered(body)
        outcome = track_turn()
        try:
            response = await self._quick(identity, body, outcome)
            if response is None:
                response = await self._full(identity, body, outcome)
        except BaseException:
            if key is not None:
                self.deliveries.release(key)
            raise
        if outcome.failed and key is not None:
            self.deliveries.release(key)
        return response

    async def _quick(self, identity: Any, body: dict[str, Any], outcome: TurnOutcome) -> web.Response | None:
        """The quick path's answer (dialogs.quick_turn), or None to run the SDK's turn instead."""
        if self.quick is None:
            return None
        try:
            # Deciding has no side effects (gaps are kept once delivered), so declining is free.
            reply = await self.quick(body)
            if reply is None:
                return None
            ref = reference_of(body)
        except Exception as error:  # e.g. the database is away: the full path says sorry properly
            log.warning(
                "quick path declined", extra={"event": "quick_failed", "error_type": type(error).__name__}
            )
            return None
        self.quick_turns += 1
        activities = [stamp(activity, ref) for activity in reply.activities]
        if body.get("deliveryMode") == "expectReplies":
            try:
                await reply.delivered()
            except Exception as error:
                _turn_failed(outcome, error)
                # As the full path's error handler: the apology, then the trace of a failed turn.
                activities[-1:] = [_apology(ref), stamp(failed_turn_trace(), ref)]
            return web.json_response(replies_body(activities))
        connector = await identity.connector_factory.create(ref.service_url, identity.audience)
        try:
            await post_replies(connector, activities)
            await reply.delivered()
        except Exception as error:
            _turn_failed(outcome, error)
            try:
                await post_replies(connector, [_apology(ref)])
            except Exception as exc:  # the connector may be the thing that is down
                log.warning(
                    "apology not sent", extra={"event": "apology_failed", "error_type": type(exc).__name__}
                )
        return web.Response(status=201)

    async def _full(self, identity: Any, body: dict[str, Any], outcome: TurnOutcome) -> web.Response:
        """The SDK's turn: dialogs, state, and every kind of activity."""
        try:
            activity = Activity().deserialize(body)
        except Exception:  # msrest raises assorted errors on odd shapes
            outcome.failed = True  # nothing was answered: a corrected redelivery must not count as seen
            return web.json_response({"error": "not a valid activity"}, status=400)
        response = await self.adapter.process_activity(identity, activity, self.bot.on_turn)
        if response is None:
            return web.Response(status=201)
        status = int(response.status or 200)
        if status == HTTPStatus.NOT_IMPLEMENTED:
            # The SDK's answer to an invoke no handler knows: the request's fault, not a server error.
            return web.json_response({"error": "this invoke is not supported"}, status=400)
        try:
            answer = _jsonable(response.body)
        except Exception as error:  # the SDK builds some invoke errors it cannot serialise itself
            log.warning(
                "invoke answer not serialisable",
                extra={"event": "invoke_body", "error_type": type(error).__name__},
            )
            if status < 500:
                return web.json_response({"error": "this invoke could not be answered"}, status=status)
            raise
        return web.json_response(answer, status=status)

    async def close(self, _: web.Application | None = None) -> None:
        """Close the outbound HTTP session (app.on_cleanup)."""
        pool = http_pool_of(self.adapter)
        if pool is not None:
            await pool.close()


def _apology(ref: Any) -> Activity:
    return stamp(Activity(text=apology_for(ref.locale), input_hint="acceptingInput"), ref)


def _turn_failed(outcome: TurnOutcome, error: Exception) -> None:
    """As the adapter's turn-error handler: the exception's type only, and a retry gets a real attempt."""
    log.error("turn failed", extra={"event": "turn_error", "error_type": type(error).__name__})
    outcome.failed = True


def _credentials_view(body: dict[str, Any]) -> Activity:
    """The activity fields token validation reads (channel, service URL, recipient role), no more."""
    recipient = body.get("recipient")
    role = recipient.get("role") if isinstance(recipient, dict) else None
    return Activity(
        channel_id=body.get("channelId"),
        service_url=body.get("serviceUrl"),
        recipient=ChannelAccount(role=role if isinstance(role, str) else None),
    )


def _already_answered(body: dict[str, Any]) -> web.Response:
    if body.get("deliveryMode") == "expectReplies":
        return web.json_response({"activities": []})
    if body.get("type") == "invoke":
        return web.json_response({}, status=200)
    return web.Response(status=201)


def _jsonable(body: Any) -> Any:
    """InvokeResponse bodies are dicts already, or SDK models that can serialise themselves."""
    if body is None or isinstance(body, (dict, list, str, int, float, bool)):
        return body
    serialize = getattr(body, "serialize", None)
    return serialize() if callable(serialize) else body
