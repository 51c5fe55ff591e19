"""The minimal shape an incoming activity must have before the SDK may see it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError, model_validator

# Teams caps a message at about 28 KB; a little more leaves room for markup.
MAX_TEXT_CHARS = 40_000


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class AccountIn(_Open):
    id: StrictStr | None = Field(None, max_length=512)
    name: StrictStr | None = Field(None, max_length=512)


class ConversationIn(_Open):
    id: StrictStr = Field(min_length=1, max_length=1024)


class MentionedIn(_Open):
    id: StrictStr = Field(max_length=512)
    name: StrictStr | None = Field(None, max_length=512)


class EntityIn(_Open):
    type: StrictStr | None = Field(None, max_length=64)

    @model_validator(mode="after")
    def _mention_shape(self) -> EntityIn:
        # The SDK's mention removal indexes these fields blindly (KeyError, TypeError mid-turn).
        if self.type == "mention":
            extra = self.model_extra or {}
            mentioned = MentionedIn.model_validate(extra.get("mentioned"))
            text = extra.get("text")
            if text is not None and not isinstance(text, str):
                raise ValueError("a mention's text must be a string")
            if text is None and mentioned.name is None:
                raise ValueError("a mention needs a text or the mentioned name")
        return self


class ActivityIn(_Open):
    type: StrictStr = Field(min_length=1, max_length=64)
    id: StrictStr | None = Field(None, max_length=1024)
    text: StrictStr | None = Field(None, max_length=MAX_TEXT_CHARS)
    from_: AccountIn | None = Field(None, alias="from")
    recipient: AccountIn | None = None
    conversation: ConversationIn
    # Conversation state is keyed by channel and conversation: both must be there.
    channelId: StrictStr = Field(min_length=1, max_length=64)
    serviceUrl: StrictStr | None = Field(None, max_length=2048)
    locale: StrictStr | None = Field(None, max_length=32)
    deliveryMode: StrictStr | None = Field(None, max_length=32)
    name: StrictStr | None = Field(None, max_length=256)
    value: Any = None
    entities: list[EntityIn] | None = Field(None, max_length=64)


def check_activity(body: Any) -> str | None:
    """None when the body can be handed to the SDK, else a short reason (never echoing content)."""
    if not isinstance(body, dict):
        return "body must be a JSON object (an activity)"
    try:
        act = ActivityIn.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "activity"
        return f"not a valid activity: {where}: {first['msg']}"
    if act.deliveryMode not in (None, "normal", "expectReplies", "notification"):
        return "not a valid activity: deliveryMode"
    if act.deliveryMode != "expectReplies" and not act.serviceUrl:
        return "not a valid activity: serviceUrl is required unless deliveryMode is expectReplies"
    return None
