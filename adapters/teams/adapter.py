"""Build the Bot Framework CloudAdapter from our settings, with an error handler that leaks nothing."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import ActivityTypes

log = logging.getLogger("wegwijzer.teams")

APOLOGY = {
    "nl": "Sorry, er ging bij mij iets mis. Probeer het zo nog eens. Is er gevaar? Bel dan direct 112.",
    "en": "Sorry, something went wrong on my side. Please try again in a moment. In danger? Call 112 now.",
}


@dataclass(frozen=True)
class BotCredentials:
    """What the SDK's configuration-based authentication reads (its attribute names)."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str


def create_adapter(app_id: str, password: str, app_type: str, tenant_id: str) -> CloudAdapter:
    creds = BotCredentials(app_id, password, app_type or "MultiTenant", tenant_id)
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(creds))
    adapter.on_turn_error = _on_turn_error
    return adapter


async def _on_turn_error(context: TurnContext, error: Exception) -> None:
    # Only the exception type: the message could quote what the user wrote.
    log.error("turn failed", extra={"event": "turn_error", "error_type": type(error).__name__})
    if context.activity.type not in (ActivityTypes.message, ActivityTypes.invoke):
        return
    lang = "en" if (context.activity.locale or "").lower().startswith("en") else "nl"
    try:
        await context.send_activity(APOLOGY[lang])
    except Exception as exc:  # the apology itself may fail when the connector is down
        log.warning("apology not sent", extra={"event": "apology_failed", "error_type": type(exc).__name__})
