"""What the flows need, handed in by the composition root (bot/)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from knowledge.answering import Answerer
from knowledge.checker import Checker
from knowledge.guide import Guide
from knowledge.loader import KnowledgeBase
from knowledge.ports import FeedbackLog, GapLog
from knowledge.term_lookup import TermLookup


@dataclass
class Brain:
    """The current knowledge and the answerer built on it; swapped whole when content is republished."""

    kb: KnowledgeBase
    answerer: Answerer
    # The glossary's checker and word look-up, rebuilt with the rest on republish.
    checker: Checker | None = None
    lookup: TermLookup | None = None
    # The reporting routes and the guide's decision tree, likewise.
    guide: Guide | None = None


@dataclass
class Services:
    brain: Brain
    gaps: GapLog
    feedback: FeedbackLog
    today: Callable[[], date] = field(default=date.today)
