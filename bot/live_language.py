"""The checker and word look-up of whatever knowledge is published now (the workspace swaps it)."""

from __future__ import annotations

from dialogs.services import Brain, Services
from knowledge.checker import Checker, Finding
from knowledge.glossary import Glossary
from knowledge.term_lookup import LookupResult, TermLookup


def _current(services: Services) -> Brain:
    brain = services.brain
    if brain.checker is None or brain.lookup is None:
        raise RuntimeError("the current knowledge was built without its glossary")
    return brain


class CurrentChecker:
    """Stands in for a Checker; every call uses the published glossary of this moment."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def now(self) -> Checker:
        checker = _current(self.services).checker
        assert checker is not None
        return checker

    def check(self, text: str, lang: str | None = None) -> list[Finding]:
        return self.now.check(text, lang)


class CurrentLookup:
    """Stands in for a TermLookup in the same way."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def now(self) -> TermLookup:
        lookup = _current(self.services).lookup
        assert lookup is not None
        return lookup

    @property
    def glossary(self) -> Glossary:
        return self.now.glossary

    def lookup(self, question: str) -> LookupResult:
        return self.now.lookup(question)

    def mentioned_terms(self, text: str) -> list[tuple[str, int, int]]:
        return self.now.mentioned_terms(text)
