"""Adaptive Cards (1.5) of the inclusive-language flows: a term, 'Bedoel je…?', an unknown word, findings.

Glossary content is ours and may use markdown; anything that came from the user (a word, a passage of a
pasted text) goes into a TextRun, which clients never read as markdown, so it cannot become a link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dialogs.cards import Card, card, entry_action, submit, text_block
from dialogs.language_texts import lt
from knowledge.checker import Finding
from knowledge.glossary import GlossaryEntry
from knowledge.models import Entry

ACTION_TERM = "language.term"
ACTION_CHECK = "language.check"
LEVEL_COLOR = {"avoid": "Attention", "reconsider": "Warning", "info": "Accent"}
MAX_FINDINGS = 10
MAX_CHOICES = 3
MAX_RELATED = 3
MAX_ALTERNATIVES = 3
CONTEXT_CHARS = 40  # of the pasted text on either side of a flagged passage
MAX_ECHO = 80  # characters of a user's word shown back


def level_label(level: str, lang: str) -> str:
    return lt(f"level.{level}" if level in LEVEL_COLOR else "level.info", lang)


def plain(text: str, limit: int) -> str:
    """User text made safe to show: one line, printable characters only, at most limit characters."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def text_run(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextRun", "text": text, **style}


def rich_text(inlines: list[dict[str, Any]], **style: Any) -> dict[str, Any]:
    return {"type": "RichTextBlock", "inlines": inlines, **style}


def term_action(entry: GlossaryEntry) -> dict[str, Any]:
    return submit(entry.term, {"action": ACTION_TERM, "id": entry.id})


def check_action(lang: str, key: str = "check_text") -> dict[str, Any]:
    return submit(lt(key, lang), {"action": ACTION_CHECK})


# ---------------------------------------------------------------- one term
def term_card(entry: GlossaryEntry, lang: str, related: Sequence[GlossaryEntry] = ()) -> Card:
    """The level (plainly), alternatives with when to use them, the why, the source; honest when debated."""
    level = level_label(entry.level, lang)
    body = [
        text_block(entry.term, weight="Bolder", size="Medium"),
        text_block(f"**{level}**: {lt(f'level_note.{entry.level}', lang)}", color=LEVEL_COLOR[entry.level]),
    ]
    if entry.lang != lang:
        body.append(text_block(lt("other_lang", lang), isSubtle=True, size="Small"))
    body.append(text_block(lt("alternatives", lang), weight="Bolder", spacing="Medium"))
    body += [text_block(f"**{alt.text}**: {alt.when}", spacing="Small") for alt in entry.alternatives]
    body += [
        text_block(lt("why", lang), weight="Bolder", spacing="Medium"),
        text_block(entry.reason, spacing="Small"),
    ]
    if entry.level == "info":
        body.append(text_block(lt("debated", lang), isSubtle=True))
    body.append(
        text_block(lt("source", lang, source=entry.source), isSubtle=True, size="Small", spacing="Medium")
    )
    body.append(text_block(lt("advice", lang), isSubtle=True, size="Small", spacing="None"))
    actions = [
        submit(lt("see_also", lang, term=r.term), {"action": ACTION_TERM, "id": r.id})
        for r in related[:MAX_RELATED]
    ]
    actions.append(check_action(lang))
    alternatives = "; ".join(a.text for a in entry.alternatives)
    fallback = f"{entry.term}: {level}. {lt('alternatives', lang)}: {alternatives}. {entry.reason}"
    return card(body, actions, fallback=fallback)


def did_you_mean_card(choices: Sequence[GlossaryEntry], lang: str) -> Card:
    """'Bedoel je…?': the close terms as buttons, and 'iets anders'."""
    shown = list(choices[:MAX_CHOICES])
    actions = [term_action(e) for e in shown]
    actions.append(submit(lt("something_else", lang), {"action": ACTION_TERM, "other": True}))
    question = lt("did_you_mean", lang)
    return card(
        [text_block(question, weight="Bolder")],
        actions,
        fallback=f"{question} {', '.join(e.term for e in shown)}",
    )


def unknown_term_card(term: str, lang: str, help_entry: Entry | None = None) -> Card:
    """The word is not in the list: said plainly, nothing invented, passed on without a name."""
    word = plain(term, MAX_ECHO)
    body = [
        rich_text([text_run(f"“{word}”", weight="Bolder", size="Medium")]),
        text_block(lt("unknown_title", lang), weight="Bolder", spacing="Small"),
        text_block(lt("unknown", lang)),
    ]
    actions = [entry_action(help_entry, lang)] if help_entry is not None else []
    actions.append(check_action(lang))
    return card(body, actions, fallback=f"“{word}”: {lt('unknown_title', lang)}. {lt('unknown', lang)}")


# ---------------------------------------------------------------- the text check
def _passage(text: str, finding: Finding) -> dict[str, Any]:
    """The flagged passage, highlighted inside a few words of the text around it (cut at word boundaries)."""
    start, end = finding.start, finding.end
    left, right = text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
    cut_left, cut_right = start > CONTEXT_CHARS, end + CONTEXT_CHARS < len(text)
    before = plain(re.sub(r"^\S*\s", "", left, count=1) if cut_left else left, CONTEXT_CHARS)
    after = plain(re.sub(r"\s\S*$", "", right) if cut_right else right, CONTEXT_CHARS)
    before = ("…" if cut_left else "") + before + (" " if before and left[-1:].isspace() else "")
    after = (" " if after and right[:1].isspace() else "") + after + ("…" if cut_right else "")
    runs = [text_run(before, italic=True)] if before else []
    runs.append(text_run(plain(finding.match, MAX_ECHO), weight="Bolder", highlight=True))
    if after:
        runs.append(text_run(after, italic=True))
    return rich_text(runs, spacing="Small")


def _short(reason: str) -> str:
    """The first sentence of a reason: the card stays short; the look-up card has the rest."""
    first = re.split(r"(?<=[.!?])\s+", reason.strip(), maxsplit=1)[0]
    return first if len(first) >= 20 else reason


def _finding_items(text: str, finding: Finding, first_time: bool, lang: str) -> list[dict[str, Any]]:
    level = level_label(finding.level, lang)
    items = [
        text_block(f"**{finding.term}** · {level}", color=LEVEL_COLOR.get(finding.level, "Accent")),
        _passage(text, finding),
    ]
    if first_time:
        alternatives = " · ".join(finding.alternatives[:MAX_ALTERNATIVES])
        items.append(text_block(lt("instead", lang, alternatives=alternatives), spacing="Small"))
        items.append(text_block(_short(finding.reason), isSubtle=True, size="Small", spacing="Small"))
    return items


def findings_card(text: str, findings: Sequence[Finding], lang: str) -> Card:
    """Each flagged passage (at most MAX_FINDINGS, then 'en nog N'), or 'Klaar' when the text is clean."""
    note = text_block(lt("word_check", lang), isSubtle=True, size="Small", spacing="Medium")
    actions = [check_action(lang, "check_another")]
    if not findings:
        done = lt("clean", lang)
        return card(
            [text_block(done, weight="Bolder"), note], actions, fallback=f"{done} {lt('word_check', lang)}"
        )
    count = len(findings)
    title = lt("found_one", lang) if count == 1 else lt("found_many", lang, n=count)
    body = [text_block(title, weight="Bolder")]
    seen: set[str] = set()
    for finding in findings[:MAX_FINDINGS]:
        items = _finding_items(text, finding, finding.entry_id not in seen, lang)
        seen.add(finding.entry_id)
        body.append({"type": "Container", "items": items, "separator": True, "spacing": "Medium"})
    if count > MAX_FINDINGS:
        body.append(text_block(lt("more_found", lang, n=count - MAX_FINDINGS), spacing="Medium"))
    body.append(note)
    summary = "; ".join(f"{f.term} ({level_label(f.level, lang)})" for f in findings[:MAX_FINDINGS])
    return card(body, actions, fallback=f"{title} {summary}. {lt('word_check', lang)}")
