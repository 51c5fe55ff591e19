"""Adaptive Cards (1.5) of the alderman-question flows; the draft travels in the card, never in bot state."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dialogs.alderman_texts import t
from dialogs.cards import Card, card, submit, text_block
from knowledge.identifiability import Finding
from knowledge.questions import MAX_CHARS
from knowledge.sessions import (
    ADDRESSEES,
    NEXT_SESSION,
    SHORT_NAMES,
    STANDING_ID,
    Session,
    format_day,
    format_times,
)


def _prefill(value: Mapping[str, Any], key: str) -> str:
    found = value.get(key)
    return found if isinstance(found, str) else ""


def _problem(text: str) -> dict[str, Any]:
    return text_block(text, color="Attention", weight="Bolder")


def intro_card(facts: str, lang: str, first_actions: Sequence[dict[str, Any]] = ()) -> Card:
    """'Wat bewaren we?': what is and is not kept, Teams' own retention, and that this is not for reports.

    first_actions come before the reporting routes (in Teams: open the form in a dialog window).
    """
    body = [
        text_block(t("kept_title", lang), weight="Bolder", size="Medium"),
        text_block(facts),
        text_block(t("chat_kept", lang), isSubtle=True),
        text_block(t("not_reporting", lang)),
    ]
    actions = [*first_actions, submit(t("routes", lang), {"action": "menu", "area": "report"})]
    return card(body, actions, fallback=f"{t('kept_title', lang)} {facts}")


def session_label(session: Session, lang: str) -> str:
    if session.is_standing:
        return t("session_standing", lang)
    return f"{session.title} ({format_day(session.day, lang)})" if session.day else session.title


def form_card(
    lang: str, sessions: Sequence[Session], value: Mapping[str, Any] | None = None, problem: str | None = None
) -> Card:
    """The question form of the contract: question, addressee and (when sessions are open) session."""
    value = value or {}
    body: list[dict[str, Any]] = [text_block(t("form_title", lang), weight="Bolder", size="Medium")]
    if problem:
        body.append(_problem(problem))
    body += [
        text_block(t("form_hint", lang), isSubtle=True),
        {
            "type": "Input.Text",
            "id": "question",
            "label": t("question_label", lang),
            "isMultiline": True,
            "maxLength": MAX_CHARS,
            "placeholder": t("question_placeholder", lang),
            "value": _prefill(value, "question")[:MAX_CHARS],
        },
        {
            "type": "Input.ChoiceSet",
            "id": "addressee",
            "label": t("addressee_label", lang),
            "style": "expanded",
            "choices": [{"title": t(f"addressee.{a}", lang), "value": a} for a in ADDRESSEES],
            "value": _prefill(value, "addressee") if value.get("addressee") in ADDRESSEES else "",
        },
    ]
    if sessions:
        choices = [{"title": t("session.next", lang), "value": NEXT_SESSION}]
        choices += [{"title": session_label(s, lang), "value": s.id} for s in sessions]
        choices.append({"title": t("session.standing", lang), "value": STANDING_ID})
        chosen = _prefill(value, "session")
        body.append(
            {
                "type": "Input.ChoiceSet",
                "id": "session",
                "label": t("session_label", lang),
                "style": "compact",
                "choices": choices,
                "value": chosen if chosen in {c["value"] for c in choices} else NEXT_SESSION,
            }
        )
    return card(
        body, [submit(t("check", lang), {"action": "alderman.submit"})], fallback=t("form_title", lang)
    )


def _findings_blocks(findings: Sequence[Finding], lang: str) -> list[dict[str, Any]]:
    if not findings:
        return [text_block(t("no_findings", lang), isSubtle=True)]
    facts = [{"title": f"“{f.match[:60]}”", "value": t(f"kind.{f.kind}", lang)} for f in findings[:8]]
    return [
        text_block(t("findings_title", lang), weight="Bolder", color="Warning"),
        {"type": "FactSet", "facts": facts},
        text_block(t("findings_advice", lang)),
    ]


def review_card(
    text: str,
    addressee: str,
    session: Session,
    findings: Sequence[Finding],
    lang: str,
    confirm_data: dict[str, Any],
    edit_data: dict[str, Any],
) -> Card:
    """The preview: the question, where it goes, what might identify the sender; send, edit or stop."""
    body = [
        text_block(t("preview_title", lang), weight="Bolder", size="Medium"),
        {"type": "Container", "style": "emphasis", "items": [text_block(text)]},
        text_block(
            t(
                "preview_for",
                lang,
                addressee=t(f"addressee.{addressee}", lang),
                session=session_label(session, lang),
            ),
            isSubtle=True,
        ),
        *_findings_blocks(findings, lang),
    ]
    actions = [
        submit(t("send_anyway" if findings else "send", lang), confirm_data),
        submit(t("edit", lang), edit_data),
        submit(t("cancel", lang), {"action": "alderman.cancel"}),
    ]
    return card(body, actions, fallback=t("preview_title", lang))


def receipt_card(code: str, lang: str) -> Card:
    """The confirmation, after the commit: the withdrawal code, shown this once."""
    body = [
        text_block(t("receipt_title", lang), weight="Bolder", size="Medium", color="Good"),
        text_block(t("receipt", lang, code=code)),
        text_block(
            code, fontType="Monospace", size="ExtraLarge", weight="Bolder", horizontalAlignment="Center"
        ),
        text_block(t("receipt_answer", lang), isSubtle=True),
    ]
    return card(body, fallback=t("receipt", lang, code=code))


def message_card(text: str, actions: Sequence[dict[str, Any]] = ()) -> Card:
    return card([text_block(text)], actions, fallback=text)


def sessions_card(sessions: Sequence[Session], lang: str) -> Card:
    """The open sessions from the database: day, times, place, who answers when, deadline, intro."""
    body: list[dict[str, Any]] = [text_block(t("sessions_title", lang), weight="Bolder", size="Medium")]
    if not sessions:
        body.append(text_block(t("sessions_none", lang)))
    for s in sessions[:3]:
        when = ", ".join(
            p for p in (format_day(s.day, lang) if s.day else "", format_times(s.start, s.end), s.place) if p
        )
        slots = " · ".join(
            f"{SHORT_NAMES[x.addressee]} {format_times(x.start, x.end)}".strip() for x in s.slots
        )
        items = [
            text_block(s.title, weight="Bolder"),
            text_block(when, spacing="None"),
            text_block(slots, isSubtle=True),
        ]
        if s.deadline:
            items.append(
                text_block(t("sessions_deadline", lang, day=format_day(s.deadline, lang)), spacing="None")
            )
        if s.intro:
            items.append(text_block(s.intro))
        body.append({"type": "Container", "separator": True, "items": items})
    return card(
        body, [submit(t("ask", lang), {"action": "alderman.start"})], fallback=t("sessions_title", lang)
    )


def code_card(lang: str, intro: str | None = None, problem: str | None = None) -> Card:
    """Type the withdrawal code, then withdraw or change."""
    body: list[dict[str, Any]] = [text_block(t("code_title", lang), weight="Bolder", size="Medium")]
    if intro:
        body.append(text_block(intro))
    if problem:
        body.append(_problem(problem))
    body.append(
        {
            "type": "Input.Text",
            "id": "code",
            "label": t("code_label", lang),
            "maxLength": 32,
            "placeholder": "XXXXX-XXXXX",
        }
    )
    actions = [
        submit(t("withdraw", lang), {"action": "alderman.code", "op": "withdraw"}),
        submit(t("change", lang), {"action": "alderman.code", "op": "change"}),
    ]
    return card(body, actions, fallback=t("code_title", lang))


def change_card(text: str, code: str, lang: str, problem: str | None = None) -> Card:
    """The stored question to edit; the code rides along so nothing is kept between the turns."""
    body: list[dict[str, Any]] = [text_block(t("change_title", lang), weight="Bolder", size="Medium")]
    if problem:
        body.append(_problem(problem))
    body += [
        text_block(t("form_hint", lang), isSubtle=True),
        {
            "type": "Input.Text",
            "id": "question",
            "label": t("question_label", lang),
            "isMultiline": True,
            "maxLength": MAX_CHARS,
            "value": text[:MAX_CHARS],
        },
    ]
    return card(
        body,
        [submit(t("check", lang), {"action": "alderman.change", "code": code})],
        fallback=t("change_title", lang),
    )
