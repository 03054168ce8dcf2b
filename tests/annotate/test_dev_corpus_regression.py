"""Floors on the dev corpus figures (just under what the annotator reaches)."""

from __future__ import annotations

import pytest

from app.annotate.batch import evaluate_paths
from tests.annotate.helpers import DEV, TOPICS

pytestmark = pytest.mark.skipif(not DEV.exists(), reason="../shared/annotation/dev not present")

# Reached (F1, both settings): detection 1.000, attribution 1.000, topics 0.969,
# headline 1.000, who-said-what 0.974. Floors sit a little below; the project targets are
# who-said-what >= 0.90 and attribution >= 0.95 (given), attribution >= 0.90 (inferred).
FLOORS = {
    False: {"detection": 0.98, "attribution": 0.98, "topics": 0.95, "headline": 0.98, "who-said-what": 0.96},
    True: {"detection": 0.98, "attribution": 0.98, "topics": 0.95, "headline": 0.98, "who-said-what": 0.96},
}


@pytest.mark.parametrize("ignore", [False, True], ids=["participants-given", "participants-inferred"])
def test_dev_floors(ignore):
    misses: list[str] = []
    m = evaluate_paths([DEV], topics=TOPICS, ignore_participants=ignore, misses=misses)
    low = {k: m[k]["f1"] for k, floor in FLOORS[ignore].items() if m[k]["f1"] < floor}
    assert not low, f"below floor: {low}\n" + "\n".join(misses)
