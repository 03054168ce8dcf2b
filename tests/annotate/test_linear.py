"""app/annotate/linear.py: model files are validated on load, and a head's probability is the
logistic of its bias plus the weights of the features present."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.annotate.linear import Head, ModelError, load_model, word_features


def _write(tmp_path: Path, doc: object) -> Path:
    p = tmp_path / "m.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    return p


GOOD = {
    "format": 1,
    "name": "detector",
    "trained_on": {"split": "dev", "readouts": 3},
    "heads": {"position": {"bias": -1.0, "threshold": 0.5, "weights": {"w:agreed": 2.5, "w:weather": -1.0}}},
}


def test_a_valid_file_loads_with_its_heads_and_record(tmp_path: Path) -> None:
    m = load_model(_write(tmp_path, GOOD))
    assert m.name == "detector"
    assert m.trained_on["readouts"] == 3
    h = m.heads["position"]
    assert h.probability(["w:agreed"]) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert h.probability(["w:unseen"]) == pytest.approx(1 / (1 + math.exp(1.0)))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(format=2), "format"),
        (lambda d: d.update(name=""), "name"),
        (lambda d: d.update(heads={}), "heads"),
        (lambda d: d["heads"]["position"].update(threshold=1.5), "heads.position.threshold"),
        (lambda d: d["heads"]["position"].update(bias="high"), "heads.position.bias"),
        (lambda d: d["heads"]["position"]["weights"].update({"w:x": None}), "heads.position.weights.w:x"),
        (lambda d: d.update(trained_on=[]), "trained_on"),
    ],
)
def test_a_malformed_file_names_what_is_wrong(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    doc = json.loads(json.dumps(GOOD))
    edit(doc)
    with pytest.raises(ModelError, match=message.replace(".", r"\.")):
        load_model(_write(tmp_path, doc))


def test_a_file_that_is_not_json_is_a_model_error(tmp_path: Path) -> None:
    p = tmp_path / "m.json"
    p.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="JSON"):
        load_model(p)


@given(
    st.floats(-50, 50),
    st.dictionaries(st.text(min_size=1, max_size=5), st.floats(-50, 50), max_size=8),
    st.lists(st.text(min_size=1, max_size=5), max_size=10),
)
def test_probability_is_a_probability_and_grows_with_the_logit(
    bias: float, weights: dict[str, float], feats: list[str]
) -> None:
    h = Head(bias, 0.5, weights)
    p = h.probability(feats)
    assert 0.0 <= p <= 1.0
    z = h.logit(feats)
    if abs(z) > 1e-9:  # (at a logit of ~0, rounding decides the side)
        assert (p > 0.5) == (z > 0)


def test_word_features_are_lower_cased_words_and_pairs_with_digits_folded() -> None:
    f = word_features("Both sides AGREED in 2021", "w")
    assert f[:5] == ["w:both", "w:sides", "w:agreed", "w:in", "w:0"]
    assert "w2:sides_agreed" in f and "w2:in_0" in f
    assert word_features("Xi's", "w", bigrams=False) == ["w:xi's"]
