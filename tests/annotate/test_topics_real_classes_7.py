"""Topics on real readouts, round 7 (issue #11): what the pair did together or with others, said in
words that carry no topic keyword. Invented sentences, each a different wording of the class, with
counter-examples that must not fire. One class per test."""

from __future__ import annotations

import pytest

from tests.annotate.helpers import ERDOGAN, MACRON, PUTIN, SCHOLZ, TOKAYEV, XI, position_topics

BIL = "bilateral-relations"


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            "Putin and Tokayev spoke. Putin said the agreements reached in Astana must be carried out in full.",
            "carried out",
            (PUTIN, TOKAYEV),
        ),
        (
            "Erdogan and Macron spoke. Erdogan stressed that the agreement signed last year should be implemented.",
            "implemented",
            (ERDOGAN, MACRON),
        ),
        (
            "Xi and Tokayev spoke. Xi welcomed the signing of a number of agreements on energy and transport.",
            "welcomed",
            (XI, TOKAYEV),
        ),
    ],
)
def test_agreements_the_pair_reached_or_signed_are_the_relationship(text, needle, participants) -> None:
    assert BIL in position_topics(text, needle, participants)


def test_agreements_between_third_countries_are_no_relationship() -> None:
    text = (
        "Putin and Tokayev spoke. Putin supported the agreements reached between Bishkek and Dushanbe "
        "to settle the border dispute."
    )
    assert BIL not in position_topics(text, "supported", (PUTIN, TOKAYEV))


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            "Macron and Erdogan spoke. Macron said France would seek closer cooperation with Brazil on the climate.",
            "Brazil",
            (MACRON, ERDOGAN),
        ),
        (
            "Putin and Tokayev spoke. Putin said the region needs humanitarian cooperation with North Korea.",
            "humanitarian",
            (PUTIN, TOKAYEV),
        ),
        (
            "Xi and Macron spoke. Macron said he would pursue coordination with the United States on the matter.",
            "pursue coordination",
            (XI, MACRON),
        ),
    ],
)
def test_cooperation_with_a_third_country_is_no_relationship(text, needle, participants) -> None:
    assert BIL not in position_topics(text, needle, participants)


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            "Macron and Scholz spoke. Macron said France would seek closer cooperation with Germany on the climate.",
            "closer cooperation",
            (MACRON, SCHOLZ),
        ),
        (
            "Putin and Tokayev spoke. Putin said Russia valued its cooperation with Astana and its ties with Brazil.",
            "valued",
            (PUTIN, TOKAYEV),
        ),
        # the pair together with a third country: a format the pair shares
        (
            "Xi and Macron spoke. They agreed to pursue coordination with the United States on the matter.",
            "pursue coordination",
            (XI, MACRON),
        ),
    ],
)
def test_cooperation_with_the_other_side_stays_the_relationship(text, needle, participants) -> None:
    assert BIL in position_topics(text, needle, participants)


def test_cooperation_with_us_is_the_pair_not_the_united_states() -> None:
    text = "Xi and Macron spoke. Xi said he hoped the French side would deepen its cooperation with us in every field."
    assert BIL in position_topics(text, "deepen", (XI, MACRON))


@pytest.mark.parametrize(
    ("text", "needle", "participants", "topic"),
    [
        (
            "Putin and Tokayev spoke. Various aspects of cooperation against the coronavirus were discussed. "
            "Putin and Tokayev agreed to keep in contact on all the mentioned issues.",
            "mentioned issues",
            (PUTIN, TOKAYEV),
            "covid-19",
        ),
        (
            "Macron and Erdogan spoke. The two leaders also discussed the threats from Iran against Israel. "
            'Macron said France would stand firmly with its partners in the face of those threats," the office said.',
            "those threats",
            (MACRON, ERDOGAN),
            "middle-east",
        ),
    ],
)
def test_subjects_named_by_the_narration_before_carry_to_an_anaphor(text, needle, participants, topic) -> None:
    assert topic in position_topics(text, needle, participants)


def test_a_heading_line_before_carries_nothing() -> None:
    text = (
        "Putin and Tokayev spoke.\n\nRead more: Coronavirus cases rise again in the region\n\n"
        "Putin said Russia would keep in contact with partners on these issues."
    )
    assert "covid-19" not in position_topics(text, "these issues", (PUTIN, TOKAYEV))
