"""Offsets are exact Python string indices of the original text, whatever Unicode surrounds the terms."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.checker import Checker
from knowledge.glossary import load_glossary
from knowledge.textnorm import fold

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "knowledge" / "content" / "glossary")
CHECKER = Checker(GLOSSARY)

# Terms that are flagged wherever they stand (no context rule, no capital rule).
PLAIN_TERMS = sorted(
    {
        form
        for e in GLOSSARY.entries.values()
        if e.check and not (e.requires or e.unless_near or e.not_preceded_by or e.not_followed_by)
        and not e.capital_means_other and not e.same_lang_only
        for form in e.forms
        if form.isalpha() and len(form) >= 5
    }
)
# Text around the terms: any letters, digits and symbols, emoji, combining marks, ligatures and invisible
# characters, but no quotes (a term alone between quotes is a mention, not a use).
NOISE_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\"'“”„‟«»‹›‘’‚`´",
)
NOISE = st.lists(
    st.one_of(NOISE_CHARS, st.sampled_from(["\u00ad", "\u200b", "\u200d", "ﬁ", "ĳ", "é", "e\u0301",
                                            "😀", "👩🏽‍💻", "\u0308", " ", "\n", "-", "/"])),
    max_size=40,
).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def disguised(draw: st.DrawFn, term: str) -> str:
    """The term as people paste it: other case, an accent, a soft hyphen or zero-width character inside."""
    case = draw(st.sampled_from([str.lower, str.upper, str.title]))
    out = case(term)
    if draw(st.booleans()):
        i = draw(st.integers(1, len(out) - 1))
        out = out[:i] + draw(st.sampled_from(["\u00ad", "\u200b", "\u200c", "\u2060"])) + out[i:]
    if draw(st.booleans()):
        i = draw(st.integers(0, len(out) - 1))
        if out[i] in "aeiouAEIOU":
            out = out[: i + 1] + draw(st.sampled_from(["\u0301", "\u0308", "\u0300"])) + out[i + 1 :]
    return out


@SETTINGS
@given(st.text(max_size=300))
def test_every_finding_points_at_its_match(text: str) -> None:
    found = CHECKER.check(text)
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.match
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


@SETTINGS
@given(data=st.data(), before=NOISE, after=NOISE, term=st.sampled_from(PLAIN_TERMS))
def test_inserted_terms_are_found_at_their_offsets(
    data: st.DataObject, before: str, after: str, term: str
) -> None:
    shown = data.draw(disguised(term))
    text = f"{before} . {shown} . {after}"
    start = len(before) + 3
    found = CHECKER.check(text)
    assert (start, start + len(shown)) in [(f.start, f.end) for f in found], (text, found)
    for f in found:
        assert text[f.start : f.end] == f.match


@SETTINGS
@given(terms=st.lists(st.sampled_from(PLAIN_TERMS), min_size=1, max_size=8), gap=NOISE)
def test_several_terms_in_one_text(terms: list[str], gap: str) -> None:
    parts, spans, pos = [], [], 0
    for term in terms:
        chunk = f"{gap} . "
        parts.append(chunk)
        pos += len(chunk)
        parts.append(term)
        spans.append((pos, pos + len(term)))
        pos += len(term)
        parts.append(" . ")
        pos += 3
    text = "".join(parts)
    found = {(f.start, f.end) for f in CHECKER.check(text)}
    assert set(spans) <= found


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ĲSSEL", "ijssel"),  # the ij ligature and capital IJ
        ("ﬁets", "fiets"),  # fi ligature
        ("café", "cafe"),  # precomposed accent
        ("cafe\u0301", "cafe"),  # combining accent
        ("allo\u00adchtoon", "allochtoon"),  # soft hyphen
        ("eskimo’s", "eskimo's"),  # typographic apostrophe
        ("niet‐westers", "niet-westers"),  # Unicode hyphen
        ("Straße", "strasse"),  # casefold
    ],
)
def test_folding(text: str, folded: str) -> None:
    assert fold(text).text == folded


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("😀😀 allochtonen 👩🏽‍💻", "allochtonen"),  # emoji before and after
        ("ﬁne ĳs, dan allochtonen", "allochtonen"),  # ligatures that grow when folded
        ("Straße — mankracht", "mankracht"),  # a character that folds to two
        ("e\u0301e\u0301e\u0301 doofstom", "doofstom"),  # combining accents before
        ("in de krant: doofsto\u0308m!", "doofsto\u0308m"),  # a combining mark inside the term
    ],
)
def test_offsets_survive_unicode(text: str, word: str) -> None:
    (finding,) = CHECKER.check(text)
    start = text.index(word)
    assert (finding.start, finding.end, finding.match) == (start, start + len(word), word)
