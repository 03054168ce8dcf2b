"""bench/train_detector.py's recorder: within `fallback_as`, the annotator asks the fallback about
its candidates (each recorded) and still returns the rules' positions. A recorder whose signature
drifted from `learned_detection.sentence_features` raised inside annotate(), which then returned no
positions at all: training saw no candidate and cross-validation scored half the set."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from app.annotate import annotate
from tests.annotate.helpers import ERDOGAN, PUTIN, TOPICS

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _bench(name: str) -> ModuleType:
    """A module of bench/ (a scripts folder whose modules import each other by bare name)."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return importlib.import_module(name)


def test_the_recorder_sees_the_candidates_and_leaves_the_rules_positions() -> None:
    realset, train_detector = _bench("realset"), _bench("train_detector")
    text = (
        "President Putin held talks with President Erdogan in Sochi. "
        "Putin said Russia is ready to expand gas supplies to Turkey. "
        "Russia regards Turkey as a reliable partner in the region and beyond it."
    )
    entry = realset.Entry("fixture", {"participants": [], "positions": []}, text)
    rules_only = annotate(text, topics=TOPICS, participants=[PUTIN, ERDOGAN]).positions
    seen: list[tuple[str, int, int, tuple[str, ...]]] = []
    with train_detector.fallback_as(None, 0.99, [entry], seen):
        recorded = annotate(text, topics=TOPICS, participants=[PUTIN, ERDOGAN]).positions
    assert [(doc, text[s:e][:6]) for doc, s, e, _ in seen] == [("fixture", "Russia")]
    assert [p.start for p in recorded] == [p.start for p in rules_only] and recorded
