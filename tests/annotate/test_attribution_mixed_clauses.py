"""Mixed sentences read clause by clause: a courtesy or narration clause joined to a stance
clause by "and"/"while" keeps the stance clause's position, with its own speaker (issue #11,
dev-a round). Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import LULA, MELONI, MODI, position_topics, said

LULA_ONLY = [("Luiz Inácio Lula da Silva",)]
MODI_ONLY = [("Narendra Modi",)]


def test_courtesy_then_he_keeps_the_stance_of_the_first_subject() -> None:
    text = "President Lula wished Prime Minister Modi well, and he called for a ceasefire in Gaza."
    assert said(text, (LULA, MODI), "ceasefire") == LULA_ONLY


def test_appreciation_then_he_looked_forward_to_a_visit() -> None:
    text = (
        "President Lula expressed appreciation for India's help with the flood relief, "
        "and he looked forward to welcoming Prime Minister Modi to Brasilia."
    )
    assert said(text, (LULA, MODI), "looked forward") == LULA_ONLY


def test_pronoun_of_the_other_gender_is_the_other_leader() -> None:
    text = (
        "Prime Minister Meloni wished President Lula a happy birthday, and he urged a quick end to the tariff dispute."
    )
    assert said(text, (MELONI, LULA), "tariff dispute") == LULA_ONLY


def test_courtesies_joined_stay_no_position() -> None:
    text = (
        "Prime Minister Modi congratulated President Lula on his victory, "
        "and he conveyed warm greetings to the people of Brazil."
    )
    assert said(text, (LULA, MODI), "victory") == []


def test_thanked_for_is_no_topic_of_the_stance_clause() -> None:
    text = "Prime Minister Modi thanked President Lula for the vaccine doses and called for talks on a trade agreement."
    topics = position_topics(text, "trade agreement", (LULA, MODI))
    assert "trade" in topics and "vaccines" not in topics


def test_congratulated_on_is_no_topic_but_the_pledge_is() -> None:
    text = (
        "President Lula congratulated Prime Minister Modi on the climate summit in Delhi, "
        "and he pledged to fight terrorism together."
    )
    topics = position_topics(text, "terrorism", (LULA, MODI))
    assert "terrorism" in topics and "climate" not in topics
