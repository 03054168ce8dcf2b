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


def test_and_content_binds_to_the_and() -> None:
    # "a common commitment" far from any "and" after a narration is no stance of the leaders
    text = (
        "Prime Minister Modi held talks with President Lula at the Itamaraty Palace, "
        "a building named as a symbol of a common commitment of the founders."
    )
    assert said(text, (LULA, MODI), "Itamaraty") == []


def test_and_their_shared_commitment_after_a_narration_is_a_position() -> None:
    text = (
        "President Lula discussed the harvest with Prime Minister Modi, and their shared commitment to food security."
    )
    found = said(text, (LULA, MODI), "food security")
    assert found and "Luiz Inácio Lula da Silva" in found[0]


def test_and_on_the_importance_after_a_narration_is_a_position() -> None:
    text = (
        "President Lula discussed the harvest with Prime Minister Modi, and on the importance of fertiliser supplies."
    )
    found = said(text, (LULA, MODI), "fertiliser")
    assert found and "Luiz Inácio Lula da Silva" in found[0]
