"""Floors on the dev corpus figures (just under what the annotator reaches)."""
from __future__ import annotations

import pytest

from app.annotate.batch import evaluate_paths
from tests.annotate.helpers import DEV, TOPICS

pytestmark = pytest.mark.skipif(not DEV.exists(), reason="../shared/annotation/dev not present")

FLOORS = {
    False: {"detection": 0.97, "attribution": 0.97, "topics": 0.93, "headline": 0.97, "who-said-what": 0.94},
    True: {"detection": 0.97, "attribution": 0.97, "topics": 0.93, "headline": 0.97, "who-said-what": 0.94},
}


@pytest.mark.parametrize("ignore", [False, True], ids=["participants-given", "participants-inferred"])
def test_dev_floors(ignore):
    misses: list[str] = []
    m = evaluate_paths([DEV], topics=TOPICS, ignore_participants=ignore, misses=misses)
    low = {k: m[k]["f1"] for k, floor in FLOORS[ignore].items() if m[k]["f1"] < floor}
    assert not low, f"below floor: {low}\n" + "\n".join(misses)
