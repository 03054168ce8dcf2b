"""FoldedPattern finds what the case-insensitive pattern finds, on any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.annotate.folded import FoldedPattern, lower_pattern

PATTERNS = [
    r"\b(?:stressed|underlined|reaffirmed)\b",
    r"(?P<cue>importance|need)\s+of",
    r"the\s+(?:two|both)\s+sides?",
    r"\bUN\b",  # an upper-case letter: searched as written, never folded
    r"(?-i:EU)|union",
    r"\s\s*(?:on\s+Monday|again|this)(?:\s+(?:on\s+Monday|again))*\s*$",  # lower-cased, then folded
    r"(?<![\w-])(?:Xi|President)(?:\s+[A-Z][\w'\u2019-]+)*(?![\w-])",
    "(?:China|China\u2019s)\\s+(?:leader)(?!\\s+[A-Z])",
    r"\Ssides|[^A-Z]two",
]
WORDS = [
    "Stressed", "STRESSED", "stressed", "the", "Two", "sides", "Need", "of", "UN", "un", "EU", "Union", "é", "İ",
    "ı", "ſides", "\u212aelvin", "China\u2019s", "\u201cXi", "President", "Jinping", "MONDAY", "on", "again", "leader",
]  # fmt: skip


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


@pytest.mark.parametrize(
    ("pattern", "lowered"),
    [
        (r"Afghan\w*", r"afghan\w*"),
        (r"\SFoo\.", r"\Sfoo\."),  # an escape keeps its letter
        (r"[A-Z][a-z]+", r"[a-z][a-z]+"),
        (r"(?P<Verb>Said)(?P=Verb)", r"(?P<Verb>said)(?P=Verb)"),
        ("China\u2019s", "china\u2019s"),
        (r"(?-i:UN)", None),  # a scoped flag
        (r"[A-z]", None),  # not [a-z]
        (r"\u2019s", None),
        ("Erdo\u011fan", None),
        (r"(a)\1", None),
    ],
)
def test_lower_pattern(pattern: str, lowered: str | None) -> None:
    assert lower_pattern(pattern) == lowered
