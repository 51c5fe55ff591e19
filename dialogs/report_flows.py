"""The reporting flows as MainDialog plugs them in, and the safety net every other flow gets."""

from __future__ import annotations

from dialogs._sdk import DialogContext, DialogTurnResult, DialogTurnStatus, Storage
from dialogs.flow import Flow, options_for_action
from dialogs.report_answer_dialog import DIRECT_TOPICS, ReportAnswerDialog
from dialogs.report_cards import ACTION_SHOW_ROUTE, disclosure_card
from dialogs.report_guide_dialog import GUIDE_TOPIC, ReportGuideDialog, forget_conversation, send_cards
from dialogs.services import Services
from dialogs.turn import record_match
from knowledge.disclosure import looks_like_disclosure
from knowledge.guide import ACTION_START, GUIDE_ACTIONS, Guide
from knowledge.language import detect_lang, locale_lang

REPORT_FLOW_IDS = frozenset({ReportGuideDialog.ID, ReportAnswerDialog.ID})
# Kept in MainDialog's own dialog instance: the net was offered during this flow.
_OFFERED = "reportNetOffered"


def report_flows(services: Services, guide: Guide, storage: Storage) -> tuple[Flow, Flow]:
    """The guide (report.start, its buttons) and the direct answers (other report.* topics, route buttons)."""
    direct = ReportAnswerDialog(services, guide.routes)
    return (
        Flow(
            ReportGuideDialog(services, guide, forget_conversation(storage)),
            topics=frozenset({GUIDE_TOPIC}),
            actions=GUIDE_ACTIONS,
        ),
        Flow(direct, topics=DIRECT_TOPICS, actions=frozenset({ACTION_SHOW_ROUTE}), at_once=direct.at_once),
    )


async def catch_disclosure(inner_dc: DialogContext) -> DialogTurnResult | None:
    """The safety net while another flow runs (MainDialog.on_continue_dialog, after the safety check).

    A disclosure gets care and the guide on offer; the running flow never sees that text (so it
    cannot keep it anywhere) and waits. Once per flow: if the person sends it again, it was meant
    for the flow (a text to check, say) and goes there. A press on the guide button starts the
    guide in place of the running flow. None: not ours, let the running flow continue.
    """
    active = inner_dc.active_dialog
    if active is None or active.id in REPORT_FLOW_IDS:
        return None
    activity = inner_dc.context.activity
    value = activity.value if isinstance(activity.value, dict) else None
    if (
        value is not None
        and value.get("action") == ACTION_START
        and await inner_dc.find_dialog(ReportGuideDialog.ID) is not None
    ):
        await inner_dc.cancel_all_dialogs()
        options = options_for_action(value, locale_lang(activity.locale))
        return await inner_dc.begin_dialog(ReportGuideDialog.ID, options)
    owner = inner_dc.parent.active_dialog if inner_dc.parent is not None else None
    if owner is None or owner.state.get(_OFFERED) or not looks_like_disclosure(activity.text):
        return None
    owner.state[_OFFERED] = True
    record_match(inner_dc.context, GUIDE_TOPIC, 100)
    await send_cards(inner_dc.context, [disclosure_card(detect_lang(activity.text, activity.locale))])
    return DialogTurnResult(DialogTurnStatus.Waiting)
