"""evaluate.py must give exactly the figures of shared/annotation/score.py."""

from __future__ import annotations

import importlib.util
import json

import pytest

from app.annotate.batch import annotate_paths, evaluate_paths
from app.annotate.evaluate import format_report, score
from tests.annotate.helpers import DEV, SHARED, TOPICS

SCORER = SHARED / "annotation" / "score.py"
pytestmark = pytest.mark.skipif(
    not SCORER.exists() or not DEV.exists(), reason="../shared/annotation (scorer and dev corpus) not present"
)


def _reference():
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("ignore", [False, True])
def test_identical_to_reference_scorer(tmp_path, ignore):
    ref = _reference()
    written = annotate_paths([DEV], tmp_path, topics=TOPICS, ignore_participants=ignore)
    assert len(written) == len(list(DEV.glob("[0-9]*.json")))
    expected = ref.score(ref.load(DEV), ref.load(tmp_path))
    assert evaluate_paths([DEV], topics=TOPICS, ignore_participants=ignore) == expected
    assert score(ref.load(DEV), ref.load(tmp_path)) == expected


def test_identical_on_perturbed_predictions(tmp_path):
    """Also on predictions with misses, wrong speakers and alias names."""
    ref = _reference()
    gold = ref.load(DEV)
    pred = {}
    for i, (doc_id, doc) in enumerate(gold.items()):
        ps = []
        for j, p in enumerate(doc["positions"]):
            if (i + j) % 5 == 0:
                continue
            q = dict(p)
            if (i + j) % 7 == 0:
                q["speakers"] = [s.split()[-1] for s in p["speakers"]]
            if (i + j) % 4 == 0:
                q["speakers"] = ["Somebody Else"]
                q["topics"] = ["trade"]
            ps.append(q)
        pred[doc_id] = {"id": doc_id, "positions": ps}
    assert score(gold, pred) == ref.score(gold, pred)


def test_report_and_gold_output(tmp_path):
    out = annotate_paths([DEV / "01-china-russia-video-call.json"], tmp_path, topics=TOPICS)
    doc = json.loads(out[0].read_text(encoding="utf-8"))
    assert doc["id"] == "xi-putin-2021-06-28" and doc["positions"]
    assert {"start", "end", "speakers", "topics", "act"} <= set(doc["positions"][0])
    report = format_report(evaluate_paths([DEV], topics=TOPICS))
    assert "who-said-what" in report and "attribution" in report


def test_txt_input_uses_stem_as_id(tmp_path):
    src = tmp_path / "in" / "abc-123.txt"
    src.parent.mkdir()
    src.write_text(
        "Chinese President Xi Jinping held talks with Russian President Vladimir Putin. "
        "Xi said the two countries should deepen trade.",
        encoding="utf-8",
    )
    out = annotate_paths([src.parent], tmp_path / "out", topics=TOPICS)
    doc = json.loads(out[0].read_text(encoding="utf-8"))
    assert out[0].name == "abc-123.json" and doc["positions"][0]["speakers"] == ["Xi Jinping"]
