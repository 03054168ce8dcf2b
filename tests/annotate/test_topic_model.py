"""The learned topic fallback (app/annotate/topic_model.py): its features never name a
participant, and its hook in the pipeline only adds a slug of the caller's vocabulary at its
head's threshold. Invented one-sentence fixtures and hand-written heads."""

from __future__ import annotations

from collections.abc import Iterator
from unittest.mock import patch

import pytest

from app.annotate import TopicSpec, topic_model
from app.annotate.linear import Head, LinearModel
from tests.annotate.helpers import BIDEN, TOPICS, XI, run

TEXT = "Biden and Xi spoke by phone. Xi said the delegation would arrive next month."
NEEDLE = "delegation"


def _model(*heads: tuple[str, float, dict[str, float]]) -> LinearModel:
    return LinearModel("topics", {slug: Head(bias, 0.5, weights) for slug, bias, weights in heads})


@pytest.fixture
def delegation_model() -> Iterator[None]:
    """A head that fires on "delegation", and one for a slug no vocabulary has."""
    m = _model(
        ("bilateral-relations", -3.0, {"w:delegation": 5.0}),
        ("not-a-topic", -3.0, {"w:delegation": 5.0}),
    )
    with patch.object(topic_model, "model", lambda name: m):
        yield


def _topics(text: str, needle: str, topics: list[TopicSpec] = TOPICS) -> set[str]:
    from app.annotate import annotate

    ann = annotate(text, topics=topics, participants=[XI, BIDEN])
    hits = [p for p in ann.positions if needle in text[p.start : p.end]]
    assert hits, f"no position holds {needle!r}"
    return {t for p in hits for t in p.topics}


def test_span_text_puts_one_placeholder_for_each_masked_name() -> None:
    text = "Xi said China would send a delegation."
    masked = "   said       would send a delegation."
    assert topic_model.span_text(text, masked, 0, len(text)).split() == [
        "ptcp",
        "said",
        "ptcp",
        "would",
        "send",
        "a",
        "delegation.",
    ]


def test_span_text_tells_the_speakers_side_from_the_other_participant() -> None:
    text = "Xi said China's cooperation with the United States and Biden mattered."
    masked = "   said         cooperation with the               and       mattered."
    names = topic_model.owners([XI, BIDEN])
    words = topic_model.span_text(text, masked, 0, len(text), frozenset({0}), names).split()
    assert words == [
        "ownside",
        "said",
        "ownside",
        "cooperation",
        "with",
        "the",
        "otherside",
        "and",
        "otherside",
        "mattered.",
    ]
    both = topic_model.span_text(text, masked, 0, len(text), frozenset({0, 1}), names).split()
    assert both.count("ownside") == 4


def test_position_features_name_no_participant_and_carry_rules_context_and_flags() -> None:
    text = 'Xi said: "China will never waver on Taiwan."'
    masked = '   said: "      will never waver on Taiwan."'
    f = topic_model.position_features(
        topic_model.span_text(text, masked, 0, len(text)),
        ["taiwan"],
        ["sovereignty"],
        everyone=False,
        cls="say",
        evidence="frame:person",
        idx=3,
        continuing=False,
    )
    assert not any("xi" in x.split(":", 1)[1].split("_") or "china" in x for x in f)
    assert {"w:ptcp", "w2:ptcp_said", "w:taiwan", "rule:taiwan", "prev:sovereignty"} <= set(f)
    assert {"spk:one", "cls:say", "ev:frame:person", "idx:2-4", "q:quote"} <= set(f)
    assert "rule:none" not in f


def test_lead_features_are_prefixed_words_once() -> None:
    assert topic_model.lead_features("Call on Ukraine", "The leaders discussed Ukraine.") == [
        "lead:call",
        "lead:discussed",
        "lead:leaders",
        "lead:on",
        "lead:the",
        "lead:ukraine",
    ]


def test_without_a_model_file_the_rules_alone_decide() -> None:
    with patch.object(topic_model, "model", lambda name: None):
        assert "bilateral-relations" not in _topics(TEXT, NEEDLE)


def test_a_head_adds_its_slug_where_no_keyword_fires(delegation_model: None) -> None:
    assert "bilateral-relations" in _topics(TEXT, NEEDLE)


def test_a_head_whose_slug_is_not_in_the_vocabulary_is_never_used(delegation_model: None) -> None:
    assert "not-a-topic" not in _topics(TEXT, NEEDLE)
    without = [t for t in TOPICS if t.slug != "bilateral-relations"]
    assert "bilateral-relations" not in _topics(TEXT, NEEDLE, without)


def test_below_its_threshold_a_head_adds_nothing() -> None:
    m = _model(("bilateral-relations", -3.0, {"w:delegation": 2.0}))  # p = 0.27 < 0.5
    with patch.object(topic_model, "model", lambda name: m):
        assert "bilateral-relations" not in _topics(TEXT, NEEDLE)


def test_the_model_never_removes_a_rule_topic() -> None:
    text = "Biden and Xi spoke by phone. Xi said the Taiwan question was the most important issue."
    m = _model(("taiwan", -40.0, {}), ("bilateral-relations", -40.0, {}))
    with patch.object(topic_model, "model", lambda name: m):
        assert "taiwan" in _topics(text, "Taiwan question")


def test_the_lead_feeds_every_position_of_the_readout() -> None:
    text = "Biden and Xi discussed climate change by phone. Xi said both would keep working on it."
    m = _model(("climate", -3.0, {"lead:climate": 5.0}))
    with patch.object(topic_model, "model", lambda name: m):
        ann = run(text, participants=(XI, BIDEN))
    assert ann.positions
    assert all("climate" in p.topics for p in ann.positions)
