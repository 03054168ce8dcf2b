"""Property tests: any string in, well-formed output out."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app.annotate.pipeline as pipeline
from app.annotate import annotate, split_sentences
from tests.annotate.helpers import LULA, MODI, TOPICS

WORDS = st.sampled_from(
    [
        "Lula",
        "Modi",
        "said",
        "that",
        "Brazil",
        "India",
        "agreed",
        "the two leaders",
        "U.S.",
        "Mr.",
        '"',
        "\u201c",
        "\u201d",
        ",",
        ".",
        "\n",
        "\n\n",
        "1.",
        "He",
        "BEIJING, Aug. 25 (Xinhua) --",
        "trade",
        "vaccines",
        "Taiwan",
        "they",
        "she",
    ]
)
READOUTISH = st.lists(WORDS, max_size=60).map(" ".join)
ANY = st.one_of(st.text(max_size=300), READOUTISH)
CFG = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CFG
@given(ANY)
def test_sentences_slice_exactly(text):
    prev_end = 0
    for s, e in split_sentences(text):
        assert prev_end <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        prev_end = e


@CFG
@given(ANY, st.booleans())
def test_annotate_never_raises_and_is_well_formed(text, infer):
    pipeline.STRICT = True  # surface internal errors instead of the empty-result fallback
    try:
        ann = annotate(text, topics=TOPICS, participants=None if infer else [LULA, MODI])
    finally:
        pipeline.STRICT = False
    ann = annotate(text, topics=TOPICS, participants=None if infer else [LULA, MODI])
    names = {p.name for p in ann.participants}
    keys = [(p.start, p.speakers) for p in ann.positions]
    assert keys == sorted(keys)
    for p in ann.positions:
        assert 0 <= p.start < p.end <= len(text)
        assert text[p.start : p.end] == text[p.start : p.end].strip()
        assert p.speakers and set(p.speakers) <= names
        assert 0 <= p.confidence <= 1
