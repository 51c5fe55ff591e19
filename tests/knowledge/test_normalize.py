"""Text folding: the ASCII short cut lands exactly where the full Unicode route does."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.normalize import fold


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_folds_as_the_full_unicode_route_would(text: str) -> None:
    full = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    assert fold(text) == "".join(c for c in full if unicodedata.category(c) != "Mn")


def test_non_ascii_still_takes_the_full_route() -> None:
    assert fold("Één Stilteruimte") == "een stilteruimte"
    assert fold("Straße") == "strasse"
