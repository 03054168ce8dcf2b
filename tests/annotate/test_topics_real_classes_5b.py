"""Bilateral relations on real readouts, round 5b (issue #11): who the other party is. Invented
sentences, each a different wording of a class seen in dev readouts of several outlets, with
counter-examples that must not fire. One class per test."""

from __future__ import annotations

import pytest

from app.annotate import Participant
from app.annotate.topics import TopicMatcher
from tests.annotate.helpers import (
    BIDEN,
    ERDOGAN,
    KISHIDA,
    LULA,
    MACRON,
    MELONI,
    MODI,
    PUTIN,
    SCHOLZ,
    TOPICS,
    XI,
    ZELENSKY,
    position_topics,
    run,
)

BIL = "bilateral-relations"
MATCHER = TopicMatcher(TOPICS)
SHARIF = Participant("Shehbaz Sharif", "Prime Minister", "Pakistan", "male")


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        # the other side as the clause's subject, the speaker's side receiving
        (
            "Modi and Scholz met. Modi said Germany has been a steady supplier of equipment to India.",
            "steady",
            (MODI, SCHOLZ),
        ),
        ("Lula and Xi spoke. Lula said Beijing had assisted Brazil in areas such as energy.", "assisted", (LULA, XI)),
        # the other side as the addressee of a verb that is no cue, the speaker's country receiving
        ("Lula and Modi met. Lula urged Modi to help Brazil with its fertiliser needs.", "urged", (LULA, MODI)),
        # "of the X" and possessives: the giver and the receiver qualify a noun
        (
            "Zelensky and Macron spoke. Zelensky welcomed the decision of France to provide Ukraine with air defence.",
            "decision",
            (ZELENSKY, MACRON),
        ),
        (
            "Lula and Xi spoke. Lula requested Xi's help to guarantee the delivery of fertiliser to Brazil.",
            "requested",
            (LULA, XI),
        ),
        (
            "Kishida and Zelensky met. Kishida said Tokyo would send new aid for Ukraine's power grid.",
            "power grid",
            (KISHIDA, ZELENSKY),
        ),
        # the speaker's side in the first person of a quotation
        (
            'Scholz and Kishida met. "Japan has been a dependable partner of our efforts," Scholz said.',
            "dependable",
            (SCHOLZ, KISHIDA),
        ),
    ],
)
def test_both_sides_around_a_relationship_cue_are_the_relationship(text: str, needle: str, participants) -> None:
    assert BIL in position_topics(text, needle, participants)


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        # the speaker's own side only, giving to a third party
        ("Modi and Biden spoke. Modi said India will send vaccines to Africa.", "Africa", (MODI, BIDEN)),
        # both participants on one side of the cue: no giver and receiver between them
        (
            "Xi and Putin spoke. Xi said Russia's experts and China's doctors will help Africa fight hunger.",
            "hunger",
            (XI, PUTIN),
        ),
        # support for the other side's own steps is that side's policy
        (
            "Putin and Xi spoke. Putin said Russia supports the steps taken by China to safeguard stability.",
            "steps",
            (PUTIN, XI),
        ),
        (
            "Biden and Kishida met. Biden underscored US support for Japan's efforts to rebuild its economy.",
            "rebuild",
            (BIDEN, KISHIDA),
        ),
        # the two sides in different clauses
        (
            "Modi and Scholz met. Modi said Germany has sent experts to Kenya, while India will help its farmers.",
            "experts",
            (MODI, SCHOLZ),
        ),
    ],
)
def test_one_side_or_the_other_sides_own_policy_is_no_relationship(text: str, needle: str, participants) -> None:
    assert BIL not in position_topics(text, needle, participants)


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            'Xi and Sharif spoke. "China expressed deep sympathies to the Pakistani people over the floods," Xi said.',
            "sympathies",
            (XI, SHARIF),
        ),
        (
            'Putin and Erdogan spoke. "Russia will send relief to the Turkish people at once," Putin said.',
            "relief",
            (PUTIN, ERDOGAN),
        ),
    ],
)
def test_the_other_people_before_a_closing_reporting_clause_count(text: str, needle: str, participants) -> None:
    assert BIL in position_topics(text, needle, participants)


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            'Putin and Erdogan spoke. "Russia supports the measures taken by the Turkish government," Putin said.',
            "measures",
            (PUTIN, ERDOGAN),
        ),
        (
            "Putin and Xi spoke. Putin praised the efforts of the Chinese authorities to contain the floods.",
            "floods",
            (PUTIN, XI),
        ),
    ],
)
def test_a_people_that_only_qualifies_the_steps_is_no_other_party(text: str, needle: str, participants) -> None:
    assert BIL not in position_topics(text, needle, participants)


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            "Meloni and Modi met. Meloni called Modi's visit very important for Europe.",
            "very important",
            (MELONI, MODI),
        ),
        (
            "Erdogan and Putin spoke. Erdogan said he received an invitation from Putin to visit Russia.",
            "invitation",
            (ERDOGAN, PUTIN),
        ),
    ],
)
def test_a_participants_visit_is_a_visit_between_them(text: str, needle: str, participants) -> None:
    ann = run(text, participants=participants)
    found = [p for p in ann.positions if needle in text[p.start : p.end]]
    assert found and all(BIL in p.topics for p in found)


def test_a_visit_of_no_participant_is_no_relationship() -> None:
    text = "Meloni and Modi met. Meloni said she had proposed to the Pope a visit."
    assert BIL not in position_topics(text, "Pope", (MELONI, MODI))


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            "Modi and Scholz met. They welcomed the first German-Indian governmental consultations in Berlin.",
            "consultations",
            (MODI, SCHOLZ),
        ),
        (
            "Xi and Lula spoke. Lula said Brazil will build a Brazil-China community with a shared future.",
            "community",
            (XI, LULA),
        ),
        (
            "Biden and Kishida met. The leaders agreed to implement the U.S.\u2013Japan Agenda for health security.",
            "Agenda",
            (BIDEN, KISHIDA),
        ),
    ],
)
def test_the_two_participants_countries_joined_by_a_hyphen_are_their_relationship(
    text: str, needle: str, participants
) -> None:
    assert BIL in position_topics(text, needle, participants)


def test_a_hyphen_pair_with_a_third_country_is_no_relationship() -> None:
    text = "Modi and Scholz met. Modi said the India-Pakistan border must stay calm."
    assert BIL not in position_topics(text, "border", (MODI, SCHOLZ))


@pytest.mark.parametrize(
    "sentence",
    [
        "The parties will pay special attention to interaction in the interests of their security.",
        "They emphasised their interest in continued close interaction on these questions.",
        "The two presidents intend to maintain personal contact on all the issues discussed.",
        "The leaders agreed on the importance of close working in areas such as energy.",
        "They discussed the need for further joint efforts to provide military support.",
    ],
)
def test_other_words_for_working_together_are_the_relationship(sentence: str) -> None:
    assert BIL in set(MATCHER.match(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "He called for the joint efforts of the international community against the virus.",
        "He stressed interaction among regional countries on water resources.",
        "He stressed the interaction between all the countries of the region.",
    ],
)
def test_working_together_with_everyone_is_no_bilateral_relationship(sentence: str) -> None:
    assert BIL not in set(MATCHER.match(sentence))
