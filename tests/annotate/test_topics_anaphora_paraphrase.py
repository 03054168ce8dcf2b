"""Topics carried by anaphora and paraphrase (issue #11, round read on dev-a, checked on dev-b): the
readout's theme carried to "the issue", security, format and connectivity paraphrases. Invented
sentences, one wording per case."""

from __future__ import annotations

import pytest

from app.annotate.topics import TopicMatcher
from tests.annotate.helpers import BIDEN, MODI, PUTIN, SCHOLZ, TOPICS, position_topics

MATCHER = TopicMatcher(TOPICS)


def topics_of(sentence: str) -> set[str]:
    return set(MATCHER.match(sentence))


# -- the readout's theme carried by a bare definite anaphor ----------------------------------


def test_the_issue_in_a_readout_about_a_topic_is_that_topic() -> None:
    text = (
        "Modi and Biden discussed vaccines by phone. "
        "Modi said the experts of both sides would keep working on the issue in the coming weeks."
    )
    assert "vaccines" in position_topics(text, "working on the issue", participants=(MODI, BIDEN))


def test_the_issue_needs_a_readout_about_it() -> None:
    text = (
        "Modi and Biden held a phone call on Tuesday. "
        "Modi said the experts of both sides would keep working on the issue in the coming weeks."
    )
    assert "vaccines" not in position_topics(text, "working on the issue", participants=(MODI, BIDEN))


def test_the_issue_of_something_names_its_own_topic() -> None:
    text = (
        "Scholz and Putin discussed Ukraine by phone. "
        "Scholz said the issue of fertiliser prices needed attention from both governments."
    )
    assert "ukraine" not in position_topics(text, "fertiliser prices", participants=(SCHOLZ, PUTIN))


# -- security paraphrases: a region or neighbourhood named by its speakers, crime across borders -----


@pytest.mark.parametrize(
    "sentence",
    [
        "He said both nations value peace and security in our region above all.",
        "He wants a calm and secure neighbourhood for every nation around the lake.",
        "They pledged to keep the neighborhood stable after the election.",
        "He backed the safety of the three republics and of the entire Alpine region.",
        "They agreed to crack down on cross-border crime along the river.",
        "He stressed the importance of proper border protection in the mountains.",
        "He said a calm valley was vital for regional trade and security.",
        "She offered troops for the stabilisation mission on the island.",
    ],
)
def test_security_paraphrases_are_regional_security(sentence: str) -> None:
    assert "regional-security" in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "He praised the new neighbourhood schools built with the loan.",
        "They agreed to fight transnational organised crime and money laundering.",
    ],
)
def test_other_neighbourhoods_and_crime_are_no_regional_security(sentence: str) -> None:
    assert "regional-security" not in topics_of(sentence)


# -- multilateral formats not in the vocabulary before ---------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "She hoped the Normandy Four would meet again before winter.",
        "They called for joint action by the countries that share the Amazon rainforest.",
        "He welcomed the multinational police mission to the island.",
        "They stressed that the transatlantic alliance remains strong.",
        "He backed deeper Eurasian economic integration.",
    ],
)
def test_formats_of_several_countries_are_multilateralism(sentence: str) -> None:
    assert "multilateralism" in topics_of(sentence)


def test_the_normandy_four_is_about_ukraine() -> None:
    assert "ukraine" in topics_of("She hoped the Normandy 4 advisers would meet again before winter.")


def test_a_multinational_company_is_no_format() -> None:
    assert "multilateralism" not in topics_of("He welcomed the multinational company's new factory.")


# -- trade carried by connectivity -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "He proposed closer cooperation in the fields of transit and logistics.",
        "They agreed to speed up work on the East-West Corridor.",
        "He said the new terminal would become a connectivity hub for the whole coast.",
    ],
)
def test_connectivity_for_goods_is_trade(sentence: str) -> None:
    assert "trade" in topics_of(sentence)


def test_a_humanitarian_corridor_is_no_trade() -> None:
    assert "trade" not in topics_of("He called for a humanitarian corridor out of the besieged city.")


# -- "the project" refers back to the project the same speaker has just named -----------------------


def test_the_project_takes_the_topics_of_the_sentence_before() -> None:
    text = (
        "Modi and Biden held talks in Delhi. "
        "Modi said the two countries should build a joint trade corridor through the Gulf. "
        "He said India was ready to sign the papers needed to finish the project."
    )
    assert "trade" in position_topics(text, "finish the project", participants=(MODI, BIDEN))
