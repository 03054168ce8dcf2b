"""General English reporting verbs as lexicon data (issue #11, detection class: recall on verbs no
readout here used before). One invented sentence per verb group."""

from __future__ import annotations

import pytest

from tests.annotate.helpers import MACRON, SCHOLZ, said

PAIR = (MACRON, SCHOLZ)
LEAD = "President Macron spoke with Chancellor Scholz on Monday. "


@pytest.mark.parametrize(
    "sentence",
    [
        "Scholz echoed the French President's view on the stability pact.",
        "The German Chancellor echoes that concern about the stability pact.",
        "Scholz strongly aligned with the French position on the stability pact.",
        "Scholz revealed that Germany would table a proposal on the stability pact.",
        "Scholz conceded that the stability pact needed reform.",
        "Scholz restated Germany's opposition to changing the stability pact.",
        "Scholz recommitted Germany to the reform of the stability pact.",
        "Scholz expected the stability pact to be reformed by spring.",
    ],
)
def test_a_general_reporting_verb_attributes_the_sentence(sentence: str) -> None:
    assert said(LEAD + sentence, PAIR, "stability pact") == [("Olaf Scholz",)]
