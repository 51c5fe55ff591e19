"""Build the Bot Framework CloudAdapter from our settings, with an error handler that leaks nothing."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from copy import copy
from http import HTTPStatus
from typing import Any

from botbuilder.core import InvokeResponse, Middleware, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ConversationAccount,
    ConversationReference,
    DeliveryModes,
    ResourceResponse,
)
from msrest.serialization import Model

from adapters.teams.auth import BotCredentials, EdgeAuthentication
from adapters.teams.deliveries import mark_turn_failed
from adapters.teams.retries import HttpPool
from adapters.teams.wire import to_wire

log = logging.getLogger("wegwijzer.teams")

APOLOGY = {
    "nl": "Sorry, er ging bij mij iets mis. Probeer het zo nog eens. Is er gevaar? Bel dan direct 112.",
    "en": "Sorry, something went wrong on my side. Please try again in a moment. In danger? Call 112 now.",
}
MATCH_TRACE = "knowledge.match"
_TRACE_SENT = "wegwijzer.match_trace_sent"

__all__ = ["APOLOGY", "BotCredentials", "create_adapter", "http_pool_of"]


def create_adapter(
    app_id: str, password: str, app_type: str, tenant_id: str, **endpoints: Any
) -> CloudAdapter:
    """The adapter; `endpoints` are BotCredentials' endpoint fields (only for a private cloud or tests)."""
    credentials = BotCredentials(app_id, password, app_type or "MultiTenant", tenant_id, **endpoints)
    adapter = EdgeAdapter(EdgeAuthentication(credentials, HttpPool()))
    adapter.use(_MatchTraceWatch())
    adapter.on_turn_error = _on_turn_error
    return adapter


class LeanTurnContext(TurnContext):
    """TurnContext whose send_activities copies each outgoing activity shallowly.

    The SDK deep-copies every activity it sends (a whole Adaptive Card: a fifth of a
    FAQ turn's CPU) only to stamp the conversation reference on the copy. The stamping
    assigns top-level attributes, so a shallow copy keeps the caller's activity intact
    just as well. Otherwise this is the SDK's method (botbuilder-core 4.17).
    """

    async def send_activities(self, activities: list[Activity]) -> list[ResourceResponse]:
        ref = TurnContext.get_conversation_reference(self.activity)
        output = [stamp(activity, ref) for activity in activities]
        sent_non_trace_activity = any(activity.type != ActivityTypes.trace for activity in output)

        async def logic() -> list[ResourceResponse]:
            if self.activity.delivery_mode == DeliveryModes.expect_replies:
                responses = []
                for activity in output:
                    self.buffered_reply_activities.append(activity)
                    if activity.type == ActivityTypes.invoke_response:
                        self.turn_state[TurnContext._INVOKE_RESPONSE_KEY] = activity
                    responses.append(ResourceResponse())
            else:
                responses = await self.adapter.send_activities(self, output)
            if sent_non_trace_activity:
                self.responded = True
            return responses

        return await self._emit(self._on_send_activities, output, logic())


def stamp(activity: Activity, ref: ConversationReference) -> Activity:
    """A shallow copy of an outgoing activity, addressed as TurnContext.send_activities addresses it."""
    activity = TurnContext.apply_conversation_reference(copy(activity), ref)
    if not getattr(activity, "type", None):
        activity.type = ActivityTypes.message
    if not activity.input_hint:
        activity.input_hint = "acceptingInput"
    activity.id = None
    return activity


def reference_of(body: dict[str, Any]) -> ConversationReference:
    """TurnContext.get_conversation_reference for a message, from the raw JSON (no Activity model)."""
    return ConversationReference(
        activity_id=body.get("id") if body.get("channelId") not in ("directline", "webchat") else None,
        user=_account(ChannelAccount, body.get("from")),
        bot=_account(ChannelAccount, body.get("recipient")),
        conversation=_account(ConversationAccount, body.get("conversation")),
        channel_id=body.get("channelId"),
        locale=body.get("locale"),
        service_url=body.get("serviceUrl"),
    )


def _fields(model: type[Model]) -> dict[str, tuple[str, str]]:
    return {desc["key"]: (attr, desc["type"]) for attr, desc in model._attribute_map.items()}


_ACCOUNT_FIELDS = {model: _fields(model) for model in (ChannelAccount, ConversationAccount)}
_PLAIN = {"str": str, "bool": bool}


def _account(model: type[Model], data: object) -> Any:
    """msrest's reading of an account, built directly when every field is a plain string or flag.

    msrest ignores keys the model does not know (Teams' 'tenantId' on a conversation); so does
    this. Any other value (an object, a number where a string belongs) goes to msrest itself.
    """
    if not isinstance(data, dict):
        return None
    fields = _ACCOUNT_FIELDS[model]
    values = {}
    for key, value in data.items():
        field = fields.get(key)
        if field is None or value is None:
            continue
        attr, kind = field
        if type(value) is not _PLAIN.get(kind):
            return model.deserialize(data)
        values[attr] = value
    return model(**values)


def replies_body(activities: list[Activity]) -> dict[str, Any]:
    """The expectReplies answer: every reply as msrest writes it; one it cannot write is left out."""
    replies = []
    for activity in activities:
        try:
            replies.append(to_wire(activity))
        except Exception as error:  # the SDK's own invoke errors can hold an Exception object
            log.warning(
                "reply not serialisable; left out",
                extra={"event": "reply_dropped", "error_type": type(error).__name__},
            )
    return {"activities": replies}


async def post_replies(connector: Any, activities: list[Activity]) -> None:
    """CloudAdapterBase.send_activities (botbuilder-core 4.17) for a turn's plain replies."""
    for activity in activities:
        if activity.type == ActivityTypes.trace and activity.channel_id != "emulator":
            continue  # the SDK sends traces to the Emulator only
        if activity.reply_to_id:
            await connector.conversations.reply_to_activity(
                activity.conversation.id, activity.reply_to_id, activity
            )
        else:
            await connector.conversations.send_to_conversation(activity.conversation.id, activity)


class EdgeAdapter(CloudAdapter):
    """CloudAdapter with a lean TurnContext, whose expectReplies answer is written by our fast writer."""

    def _create_turn_context(
        self,
        activity: Activity,
        claims_identity: Any,
        oauth_scope: str,
        connector_client: Any,
        user_token_client: Any,
        logic: Any,
        connector_factory: Any,
    ) -> TurnContext:
        # The SDK's method (botbuilder-core 4.17), building our LeanTurnContext.
        context = LeanTurnContext(self, activity)
        context.turn_state[self.BOT_IDENTITY_KEY] = claims_identity
        context.turn_state[self.BOT_CONNECTOR_CLIENT_KEY] = connector_client
        context.turn_state[self.USER_TOKEN_CLIENT_KEY] = user_token_client
        context.turn_state[self.BOT_CALLBACK_HANDLER_KEY] = logic
        context.turn_state[self.CONNECTOR_FACTORY_KEY] = connector_factory
        context.turn_state[self.BOT_OAUTH_SCOPE_KEY] = oauth_scope
        return context

    def _process_turn_results(self, context: TurnContext) -> InvokeResponse | None:
        if context.activity.delivery_mode == DeliveryModes.expect_replies:
            return InvokeResponse(status=HTTPStatus.OK, body=replies_body(context.buffered_reply_activities))
        return super()._process_turn_results(context)


def apology_for(locale: str | None) -> str:
    """The short apology for a failed turn, in the client's language."""
    return APOLOGY["en" if (locale or "").lower().startswith("en") else "nl"]


def failed_turn_trace() -> Activity:
    """The knowledge.match trace of a turn that failed: nothing was answered."""
    return Activity(
        type=ActivityTypes.trace,
        name=MATCH_TRACE,
        label="Knowledge match",
        value_type="https://wegwijzer/knowledge.match",
        value={"topic": "fallback", "score": 0},
    )


def http_pool_of(adapter: CloudAdapter) -> HttpPool | None:
    auth = adapter.bot_framework_authentication
    return auth.http if isinstance(auth, EdgeAuthentication) else None


class _MatchTraceWatch(Middleware):
    """Notes whether the turn's knowledge.match trace went out, so a failed turn can still send one."""

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable[None]]) -> None:
        context.on_send_activities(_note_match_trace)
        await logic()


async def _note_match_trace(
    context: TurnContext, activities: list[Activity], next_send: Callable[[], Awaitable[Any]]
) -> Any:
    if any(a.type == ActivityTypes.trace and a.name == MATCH_TRACE for a in activities):
        context.turn_state[_TRACE_SENT] = True
    return await next_send()


async def _on_turn_error(context: TurnContext, error: Exception) -> None:
    # Only the exception type: the message could quote what the user wrote.
    log.error("turn failed", extra={"event": "turn_error", "error_type": type(error).__name__})
    mark_turn_failed()
    activity = context.activity
    if activity.type not in (ActivityTypes.message, ActivityTypes.invoke):
        return
    try:
        await context.send_activity(apology_for(activity.locale))
        if activity.type == ActivityTypes.message and not context.turn_state.get(_TRACE_SENT):
            # The contract: every message turn ends with exactly one knowledge.match trace.
            await context.send_activity(failed_turn_trace())
    except Exception as exc:  # the apology itself may fail when the connector is down
        log.warning("apology not sent", extra={"event": "apology_failed", "error_type": type(exc).__name__})
