"""app/annotate/folded.py's alternation builders match what the plain alternations match
(Hypothesis over random word lists and texts)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.annotate.folded import trie_alternation, word_start_alternation

WORD = st.text(alphabet="abc .-'", min_size=1, max_size=6)
LOWER_WORD = st.text(alphabet="abcd", min_size=1, max_size=5)


@given(st.lists(WORD, min_size=1, max_size=12), st.text(alphabet="abc .-'", max_size=8))
def test_the_trie_matches_a_text_exactly_when_it_is_one_of_the_words(words: list[str], text: str) -> None:
    rx = re.compile(trie_alternation(words))
    assert (rx.fullmatch(text) is not None) == (text in words)


@given(st.lists(WORD, min_size=1, max_size=12), st.text(alphabet="abc .-'", max_size=10))
def test_with_prefixes_it_matches_when_some_word_starts_the_text(words: list[str], text: str) -> None:
    rx = re.compile(trie_alternation(words, prefixes=True))
    assert (rx.match(text) is not None) == any(text.startswith(w) for w in words)


@given(st.lists(LOWER_WORD, min_size=1, max_size=10), st.text(alphabet="abcd xy,", max_size=40))
def test_word_start_alternation_finds_the_same_spans_as_a_word_boundary_alternation(alts: list[str], text: str) -> None:
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, alts)) + ")")
    fast = re.compile(word_start_alternation(map(re.escape, alts)))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_word_start_alternation_refuses_an_alternative_that_opens_with_anything_but_a_lower_case_letter() -> None:
    with pytest.raises(ValueError, match="plain lower-case letter"):
        word_start_alternation(["ready", "Commit"])
