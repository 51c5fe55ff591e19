"""Mask personal data in free text before anything of it is kept."""

from __future__ import annotations

import re

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), "[e-mail]"),
    (re.compile(r"(?:\+31|0031|\b0)[\s-]?(?:\d[\s-]?){8,10}\b"), "[telefoon]"),
    (re.compile(r"\b\d{5,}\b"), "[nummer]"),
    (re.compile(r"\bhttps?://\S+", re.IGNORECASE), "[link]"),
)


def mask_personal_data(text: str) -> str:
    """E-mail addresses, phone numbers, long numbers and links become placeholders."""
    for pattern, mark in _PATTERNS:
        text = pattern.sub(mark, text)
    return text
