"""Topic assignment, round 9 (issue #11): vocabulary stated from the guidelines' topic definitions,
read on dev-b and each rule kept only when it did not lower dev-a. Invented sentences, one wording
per case."""

from __future__ import annotations

import pytest

from app.annotate.topics import TopicMatcher
from tests.annotate.helpers import KISHIDA, LULA, MODI, PUTIN, TOPICS, XI, position_topics

MATCHER = TopicMatcher(TOPICS)


def topics_of(sentence: str) -> set[str]:
    return set(MATCHER.match(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "He said Berlin wants a stable, independent and democratic Mali.",
        "They backed the growth of Somalia as a peaceful, united and independent country.",
        "He praised the strategic independence of the island's diplomacy.",
        "He respected Kenya's independent choice of its own road of progress.",
    ],
)
def test_a_countrys_independence_is_sovereignty(sentence: str) -> None:
    # the guidelines' sovereignty: national sovereignty, independence, a country's own development path
    assert "sovereignty" in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "He called for an independent inquiry into the shipwreck.",
        "He said an independent Election Commission would count the votes.",
    ],
)
def test_an_independent_body_is_no_sovereignty(sentence: str) -> None:
    assert "sovereignty" not in topics_of(sentence)


def test_the_indo_pacific_economic_framework_is_a_forum_not_regional_security() -> None:
    got = topics_of("He confirmed Vietnam's place in the Indo-Pacific Economic Framework talks.")
    assert "multilateralism" in got and "regional-security" not in got


def test_the_indo_pacific_alone_stays_regional_security() -> None:
    assert "regional-security" in topics_of("They discussed their shared vision of the Indo-Pacific.")


def test_the_international_community_called_on_to_act_is_multilateral() -> None:
    # 'the need for the international community to act' is the wider community acting, not the world at stake
    sentence = "He stressed the urgent need for the international community to fund the reconstruction."
    assert "multilateralism" in topics_of(sentence)


def test_what_matters_to_the_international_community_is_still_no_forum() -> None:
    assert "multilateralism" not in topics_of("He said the canal was important to the international community.")


@pytest.mark.parametrize(
    "sentence",
    [
        "They talked about regional matters of mutual interest and called for a ceasefire in Sudan.",
        "He said the two ministers would meet on questions of mutual concern to the whole continent.",
    ],
)
def test_matters_of_mutual_interest_are_what_is_talked_about_not_the_relationship(sentence: str) -> None:
    assert "bilateral-relations" not in topics_of(sentence)


def test_mutual_trust_stays_the_relationship() -> None:
    assert "bilateral-relations" in topics_of("He praised the mutual trust that had grown over the years.")


def test_regional_and_international_cooperation_is_the_wider_community() -> None:
    # cooperation named regional and international, with a field between, is not the pair's
    sentence = "The countries will keep strengthening regional and international security and cooperation."
    assert "bilateral-relations" not in topics_of(sentence)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("Kishida said Japan regards India as a close, long-standing and valued partner.", "valued partner"),
        ("Modi said India would provide quick, practical and steady support for Japan's recovery plan.", "steady"),
    ],
)
def test_a_list_of_modifiers_does_not_part_the_other_side_from_its_cue(text: str, needle: str) -> None:
    # the commas of 'a close, long-standing and valued partner' join one phrase, not two clauses
    assert "bilateral-relations" in position_topics(text, needle, (KISHIDA, MODI))


@pytest.mark.parametrize(
    "sentence",
    [
        "He hoped the visit would build a climate of trust between the two navies.",
        "They welcomed the friendly climate that now marks their talks.",
        "He said reforms had improved the investment climate for small firms.",
    ],
)
def test_climate_as_the_mood_between_people_is_no_climate_change(sentence: str) -> None:
    assert "climate" not in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "He urged faster climate action before the next harvest.",
        "They called for a favourable climate finance deal for island states.",
    ],
)
def test_climate_action_and_finance_stay_climate(sentence: str) -> None:
    assert "climate" in topics_of(sentence)


@pytest.mark.parametrize(
    ("text", "needle", "pair"),
    [
        # the other side's people or government as a possessive only says whose efforts or choice it is
        (
            "Putin voiced support for the Brazilian authorities' efforts to curb forest fires.",
            "forest fires",
            (PUTIN, LULA),
        ),
        # the country word of the one-China formula names the policy, not the other side
        (
            "Modi reaffirmed the commitment of his government to the \u201cOne China\u201d principle.",
            "One China",
            (MODI, XI),
        ),
    ],
)
def test_the_other_sides_name_inside_another_phrase_is_no_relationship(text: str, needle: str, pair: tuple) -> None:
    assert "bilateral-relations" not in position_topics(text, needle, pair)


def test_support_for_the_other_people_themselves_stays_the_relationship() -> None:
    text = "Putin said Russia would support the Brazilian people after the floods."
    assert "bilateral-relations" in position_topics(text, "Brazilian people", (PUTIN, LULA))


def test_a_truce_in_a_place_with_no_topic_of_its_own_is_regional_security() -> None:
    # like a conflict or a coup there (the residual regional-security cues)
    text = "Lula said Brazil backed the ceasefire agreed between the Sudanese army and the rebels."
    assert "regional-security" in position_topics(text, "ceasefire", (LULA, MODI))


def test_armed_groups_in_such_a_place_are_regional_security() -> None:
    text = "Modi said armed groups near the border of Mali were a growing worry."
    assert "regional-security" in position_topics(text, "armed groups", (LULA, MODI))


def test_a_truce_in_gaza_is_the_middle_east_only() -> None:
    got = position_topics("Modi said the ceasefire in Gaza had to hold.", "ceasefire", (LULA, MODI))
    assert "middle-east" in got and "regional-security" not in got
