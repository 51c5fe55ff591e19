"""Our activity writer gives exactly msrest's JSON: for everything the bot sends, and for odd shapes."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ActivityTypes, Attachment, ChannelAccount, Entity
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msrest.exceptions import SerializationError

import adapters.teams.adapter as edge
from adapters.teams import wire

from .test_fuzz import activities


def same_as_msrest(activity: Activity) -> dict[str, Any]:
    ours = wire.to_wire(activity)
    assert json.dumps(ours, sort_keys=True) == json.dumps(activity.serialize(), sort_keys=True)
    return ours


UTTERANCES = [
    "hoi",  # the welcome and menu
    "waar is een stilteruimte in het stadhuis",  # quiet rooms
    "kan ik anoniem melden?",  # an answer with follow-ups
    "mag ik allochtoon zeggen?",  # the glossary
    "ik word gediscrimineerd door mijn leidinggevende",  # the reporting guide
    "ik word nu bedreigd",  # the emergency answer
    "vraag aan de wethouder",  # the alderman form
    "hoe reset ik mijn wachtwoord",  # the fallback
]
CLICKS = [
    {"action": "menu", "area": "report"},
    {"action": "alderman.start"},
    {"action": "alderman.submit", "question": "Komt er een stilteruimte in Noord?", "addressee": "wethouder"},
    {"action": "guide.start"},
]


async def test_everything_the_bot_sends_is_written_as_msrest_writes_it(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[dict[str, Any]] = []
    monkeypatch.setattr(edge, "to_wire", lambda a: written.append(same_as_msrest(a)) or written[-1])
    conversation = "conv-" + uuid.uuid4().hex
    for fields in [{"text": t} for t in UTTERANCES] + [{"value": v} for v in CLICKS]:
        body = {
            "type": "message",
            "id": uuid.uuid4().hex,
            "channelId": "emulator",
            "conversation": {"id": conversation},
            "from": {"id": "29:someone"},
            "recipient": {"id": "bot"},
            "locale": "nl-NL",
            "deliveryMode": "expectReplies",
            **fields,
        }
        answer = await client.post("/api/messages", json=body)
        assert answer.status == 200
    assert len(written) > 20
    assert sum("attachments" in w for w in written) > 5


def test_odd_values_fall_back_to_msrest() -> None:
    naive = datetime.datetime(2026, 11, 22, 10, 0)  # msrest warns and assumes UTC
    aware = datetime.datetime(2026, 11, 22, 10, 0, 0, 120000, tzinfo=datetime.UTC)
    cases = [
        Activity(type=ActivityTypes.message, text="hoi", timestamp=aware),
        Activity(type="message", value={"a": [1, 2.5, None, True, {"b": "c"}]}),
        Activity(type="message", value=("a", "tuple")),  # not JSON: msrest writes str()
        Activity(type="message", value={1: "int key"}),
        Activity(type="message", local_timestamp=naive),
        Activity(type="message", from_property=ChannelAccount(id="x", name="y"), entities=[Entity(type="m")]),
        Activity(type="message", attachments=[Attachment(content_type="x", content={"k": float("inf")})]),
        Activity(type="message", text=42),  # a wrong type msrest casts
    ]
    for activity in cases:
        same_as_msrest(activity)
    # What msrest cannot write, we do not write either.
    broken = Activity(type="message", value=ActivityTypes.message)
    with pytest.raises(SerializationError, match="cannot be serialized"):
        wire.to_wire(broken)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=activities(), extra_text=st.text(max_size=20))
def test_any_activity_msrest_can_read_is_written_as_msrest_writes_it(
    body: dict[str, Any], extra_text: str
) -> None:
    try:
        activity = Activity().deserialize(body)
    except Exception:  # msrest refuses it; so does our edge (400)
        return
    activity.label = extra_text
    same_as_msrest(activity)


ACCOUNT_KEYS = st.sampled_from(
    [
        "id",
        "name",
        "aadObjectId",
        "role",
        "properties",
        "isGroup",
        "conversationType",
        "tenantId",
        "tenantID",
        "x",
    ]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    accounts=st.tuples(*[st.dictionaries(ACCOUNT_KEYS, JSON_VALUES | st.text(max_size=8), max_size=6)] * 3),
    activity_id=st.text(max_size=8),
)
def test_the_quick_paths_conversation_reference_is_the_sdks(
    accounts: tuple[dict[str, Any], ...], activity_id: str
) -> None:
    """Replies addressed from the raw JSON carry exactly what TurnContext would stamp on them."""
    body = {
        "type": "message",
        "id": activity_id,
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/emea/",
        "locale": "nl-NL",
        "from": accounts[0],
        "recipient": accounts[1],
        "conversation": accounts[2],
    }
    try:
        activity = Activity().deserialize(body)
    except Exception:  # msrest refuses it; so does our edge (400)
        return
    sdk = edge.stamp(Activity(text="hoi"), TurnContext.get_conversation_reference(activity))
    quick = edge.stamp(Activity(text="hoi"), edge.reference_of(body))
    assert json.dumps(wire.to_wire(quick), sort_keys=True) == json.dumps(wire.to_wire(sdk), sort_keys=True)
