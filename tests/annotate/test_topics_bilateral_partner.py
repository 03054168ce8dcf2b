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
