"""FoldedPattern finds what the case-insensitive pattern finds, on any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.annotate.folded import FoldedPattern

PATTERNS = [
    r"\b(?:stressed|underlined|reaffirmed)\b",
    r"(?P<cue>importance|need)\s+of",
    r"the\s+(?:two|both)\s+sides?",
    r"\bUN\b",  # an upper-case letter: searched as written, never folded
    r"(?-i:EU)|union",
]
WORDS = ["Stressed", "STRESSED", "stressed", "the", "Two", "sides", "Need", "of", "UN", "un", "EU", "Union", "é", "İ"]


def spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), {k: None if v is None else v.lower() for k, v in m.groupdict().items()}) for m in matches]


@pytest.mark.parametrize("pattern", PATTERNS)
@given(words=st.lists(st.sampled_from(WORDS), max_size=12), seps=st.sampled_from([" ", "  ", "\n", ", "]))
def test_same_spans_and_groups_as_the_case_insensitive_pattern(pattern: str, words: list[str], seps: str) -> None:
    text = seps.join(words)
    folded, plain = FoldedPattern(pattern), re.compile(pattern, re.I)
    assert spans(list(folded.finditer(text))) == spans(list(plain.finditer(text)))
    found, expected = folded.search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())
