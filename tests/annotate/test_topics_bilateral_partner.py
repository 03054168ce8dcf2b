"""Topics on real readouts (issue #11): bilateral-relations by who the partner is. Something "of both
countries" is each side's own (its people, its development, its identity), not the relationship between
them; the relationship itself keeps its own keywords. Invented sentences."""

from __future__ import annotations

import pytest

from tests.annotate.helpers import ERDOGAN, MACRON, PUTIN, SCHOLZ, TOKAYEV, position_topics

BIL = "bilateral-relations"


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            "Macron and Scholz spoke. The two leaders stressed the importance of the harvest festival for the "
            "farmers of both countries.",
            "harvest festival",
            (MACRON, SCHOLZ),
        ),
        (
            "Putin and Tokayev spoke. Putin said the economic growth of both nations depended on cheaper energy.",
            "economic growth",
            (PUTIN, TOKAYEV),
        ),
    ],
)
def test_what_belongs_to_each_of_both_countries_is_no_relationship(text, needle, participants) -> None:
    assert BIL not in position_topics(text, needle, participants)


def test_the_relationship_of_both_countries_stays_bilateral() -> None:
    text = "Erdogan and Macron spoke. Erdogan said the friendship of both countries had deep roots."
    assert BIL in position_topics(text, "friendship", (ERDOGAN, MACRON))


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            "Macron and Scholz spoke. Macron said the new treaty would serve the shared interests of the two "
            "republics for decades.",
            "new treaty",
            (MACRON, SCHOLZ),
        ),
        (
            "Erdogan and Tokayev spoke. Erdogan said the reform plan reflected goals shared by both governments.",
            "reform plan",
            (ERDOGAN, TOKAYEV),
        ),
    ],
)
def test_what_the_pair_shares_is_their_relationship(text, needle, participants) -> None:
    assert BIL in position_topics(text, needle, participants)


def test_what_a_wider_group_holds_in_common_is_no_relationship() -> None:
    text = "Putin and Tokayev spoke. Putin said Moscow would defend the common interests of all island nations at sea."
    assert BIL not in position_topics(text, "defend", (PUTIN, TOKAYEV))


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            "Macron and Tokayev spoke. Macron said the field hospital deployed to Kazakhstan last month had saved "
            "many lives.",
            "field hospital",
            (MACRON, TOKAYEV),
        ),
        (
            "Erdogan and Scholz spoke. Erdogan noted that the fire engines gifted to Germany were already in use.",
            "fire engines",
            (ERDOGAN, SCHOLZ),
        ),
        (
            "Putin and Erdogan spoke. Putin said the evacuation of stranded sailors to Turkey would start at dawn.",
            "sailors",
            (PUTIN, ERDOGAN),
        ),
    ],
)
def test_one_side_helping_the_other_is_their_relationship(text, needle, participants) -> None:
    assert BIL in position_topics(text, needle, participants)
