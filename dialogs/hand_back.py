"""A flow that can hand a message back to MainDialog's routing instead of swallowing it."""

from __future__ import annotations

from typing import Any

from dialogs._sdk import ComponentDialog, DialogContext, DialogTurnResult, DialogTurnStatus
from dialogs.flow import ROUTE_DIALOG_ID

# What a step ends with when the message is not for this flow (a new question, a button of another card).
HAND_BACK: dict[str, Any] = {"hand_back": True}


class HandsBackComponent(ComponentDialog):
    """When the inner dialog ends with HAND_BACK, the same message is routed afresh by MainDialog.

    The decision is the step's (it asks knowledge/); this class only does the re-routing,
    after this flow has ended, so MainDialog may answer it or start another flow.
    """

    async def continue_dialog(self, dialog_context: DialogContext) -> DialogTurnResult:
        result = await super().continue_dialog(dialog_context)
        if result.status == DialogTurnStatus.Complete and result.result == HAND_BACK:
            return await dialog_context.begin_dialog(ROUTE_DIALOG_ID)
        return result
