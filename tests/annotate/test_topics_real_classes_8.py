"""Topic assignment, round 8 (issue #11): vocabulary stated from the guidelines' topic definitions,
each rule kept only when it gained on one half of the dev split and did not lose on the other.
Invented sentences, one wording per case."""

from __future__ import annotations

import pytest

from app.annotate.topics import TopicMatcher
from tests.annotate.helpers import ALBANESE, KISHIDA, LULA, MACRON, MODI, PUTIN, TOPICS, XI, ZELENSKY, position_topics

MATCHER = TopicMatcher(TOPICS)
BIL = "bilateral-relations"


def topics_of(sentence: str) -> set[str]:
    return set(MATCHER.match(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "The two countries will jointly develop a solar power plant.",
        "They agreed to hold joint naval exercises next year.",
        "He proposed a joint research fund for new medicines.",
        "The leaders welcomed progress in joint working on border management.",
        "He hoped the festival would bring both peoples closer.",
    ],
)
def test_what_the_pair_does_together_is_their_relationship(sentence: str) -> None:
    # 'jointly' and 'joint <anything>' say 'together' in other words; 'both peoples' is 'the two peoples'
    assert BIL in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "They issued a joint statement on climate finance.",
        "He spoke on climate finance at a joint press conference.",
        "The Joint Comprehensive Plan of Action should be preserved.",
    ],
)
def test_a_joint_statement_or_a_named_plan_is_no_relationship(sentence: str) -> None:
    assert BIL not in topics_of(sentence)


def test_a_joint_press_conference_in_the_reporting_clause_gives_no_relationship() -> None:
    text = "Lula said the region needed cleaner energy, speaking at a joint press conference with Modi."
    assert BIL not in position_topics(text, "cleaner energy", (LULA, MODI))


@pytest.mark.parametrize(
    "sentence",
    [
        "He called for collective action by African nations to end the blockade.",
        "Concerted efforts are needed to stop the famine.",
        "Acting collectively is the only way out of the debt crisis.",
    ],
)
def test_collective_action_is_the_wider_community(sentence: str) -> None:
    assert "multilateralism" in topics_of(sentence)


def test_a_commitment_to_the_other_side_is_the_relationship() -> None:
    # like support, promises and assurances given to the other participant
    text = "Macron said France reaffirmed its long-term commitment to Ukraine in every field."
    assert BIL in position_topics(text, "long-term commitment", (MACRON, ZELENSKY))


@pytest.mark.parametrize(
    "sentence",
    [
        "He backed the EU monitoring mission on the border.",
        "He welcomed the European Commission's opinion on the application.",
        "Police forces will share records through Europol.",
        "He supported Moldova's accession to the European Union.",
    ],
)
def test_the_european_union_as_an_institution_is_multilateral(sentence: str) -> None:
    assert "multilateralism" in topics_of(sentence)


def test_the_european_union_acting_as_one_side_is_no_forum() -> None:
    # the Union as an actor, said by a member's leader, is that side's own union (the guidelines' fora are
    # the institutions and their processes)
    assert "multilateralism" not in topics_of("The European Union is ready to deepen climate cooperation.")


def test_a_subject_named_in_the_fourth_sentence_of_the_lead_carries() -> None:
    # the lead tells of the call, its schedule and the relationship first; the subject comes fourth,
    # and a later position speaks of it by a context cue only
    text = (
        "Putin and Xi held a phone call on Monday. The two leaders reviewed the schedule of contacts for the year. "
        "They noted the progress of their energy projects. They also exchanged views on Afghanistan.\n"
        "Putin said the two leaders had agreed to expand trade. "
        "Putin said the humanitarian situation required urgent attention from all sides."
    )
    assert "afghanistan" in position_topics(text, "humanitarian situation", (PUTIN, XI))


def test_the_status_quo_by_force_or_coercion_of_a_sea_is_no_taiwan_cue() -> None:
    # in a readout whose subject includes Taiwan, the sea's status quo named with 'by force or coercion'
    # is the sea's (the sea's cue claims the Taiwan cue 'status quo'), as it is with 'by force' alone
    text = (
        "Kishida and Albanese met in Canberra on Friday. They stressed peace across the Taiwan Strait. "
        "Albanese said the two leaders opposed attempts to change the status quo by force or coercion "
        "in the East and South China Seas."
    )
    got = position_topics(text, "status quo by force or coercion", (KISHIDA, ALBANESE))
    assert "taiwan" not in got and "south-china-sea" in got
