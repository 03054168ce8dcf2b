"""Bilateral relations against multilateralism (issue #11): who the cooperation is with.
The guidelines' bilateral-relations is the participants' relationship or their cooperation;
cooperation with third countries at large, humanity or the international community is
multilateralism, and each side's own affairs ("in both countries") are neither. Invented
one-sentence fixtures, one class per test."""

from __future__ import annotations

import pytest

from app.annotate.topics import TopicMatcher
from tests.annotate.helpers import TOPICS

MATCHER = TopicMatcher(TOPICS)
BIL, MUL = "bilateral-relations", "multilateralism"


def topics_of(sentence: str) -> set[str]:
    return set(MATCHER.match(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "China is willing to work with other countries to build a global community of health.",
        "He stressed the need for coordination and cooperation among all the countries to fight the pandemic.",
        "Only with solidarity and collaboration can mankind get through difficulties.",
        "Both underscored the significance of international collaboration in addressing global challenges.",
    ],
)
def test_cooperation_with_countries_at_large_is_multilateral_not_bilateral(sentence: str) -> None:
    got = topics_of(sentence)
    assert MUL in got and BIL not in got


@pytest.mark.parametrize(
    "sentence",
    [
        "They stressed the importance of a coordinated response to the crisis.",
        "Recognition should happen on a coordinated, rather than unilateral, basis.",
        "He underscored the importance of coordinated approaches in addressing the situation.",
        "The leaders discussed vaccination efforts in both countries.",
        "They backed the measures taken in the two countries to counter the epidemic.",
        "The international community had to come together on Afghanistan.",
    ],
)
def test_a_manner_or_each_sides_own_affairs_is_not_the_relationship(sentence: str) -> None:
    assert BIL not in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The two countries will coordinate closely on vaccines.",
        "They agreed to work together with each other on climate.",
        "They stressed the need to deepen cooperation in both countries' interest.",
        "Cooperation between the two countries will grow.",
    ],
)
def test_the_pairs_own_cooperation_stays_bilateral(sentence: str) -> None:
    assert BIL in topics_of(sentence)
