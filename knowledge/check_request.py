"""Recognise 'check this text: <text>' so the text check can start from the first message."""

from __future__ import annotations

import re

LONG_MESSAGE = 200  # a message this long that opens with a check request carries its text
_REQUEST = (
    r"(?:controleer|controleren|check|checken|checkt|nakijken|kijk\b[^:\n]{0,40}\bna|scan|scannen"
    r"|review|proofread|lees\b[^:\n]{0,40}\bmee|meekijken|taalcheck|tekstcheck)"
)
# "controleer: <tekst>", "kun je deze tekst checken:\n<tekst>": a request, a colon or line break, the text.
_INLINE = re.compile(
    rf"^\W*(?=[^:\n]{{0,120}}\b{_REQUEST}\b)[^:\n]{{1,120}}[:\n]\s*(?P<text>\S[\s\S]*)$", re.I
)
# "Kun je deze tekst controleren? Wij zoeken ...": a long message whose first sentence asks for a check.
_OPENING = re.compile(
    rf"^\W*(?=[^.?!:\n]{{0,120}}\b{_REQUEST}\b)[^.?!:\n]{{1,120}}[.?!:\n]+\s*(?P<text>\S[\s\S]*)$", re.I
)


def pasted_text(message: str) -> str | None:
    """The text to check when the opening message already carries it, else None (then we ask for it)."""
    found = _INLINE.match(message)
    if found is None and len(message) > LONG_MESSAGE:
        found = _OPENING.match(message)
    return found.group("text") if found else None
