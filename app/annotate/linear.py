"""Sparse linear models learned from the real-readout set, read from data/models/*.json.

A model is one or more heads (one per decision: "is this sentence a stated position",
"is this position about topic T"); a head is a bias, a threshold and weights of named
binary features. Its probability is the logistic of the bias plus the weights of the
features present; a feature the model never saw weighs nothing. The files are written by
`bench/train_linear.py` from the gold of the development split only (the held-out split
never trains anything), and carry what they were trained on in "trained_on".

The folder is $DATA_DIR/models when DATA_DIR is set (as in the container), else the
project's data/models. A malformed file raises ModelError naming the file, the head and what
is wrong, so a bad edit fails at start-up rather than silently changing annotations; a
missing file means the model is not used.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["ModelError", "Head", "LinearModel", "models_dir", "load_model", "model", "word_features"]

FORMAT = 1


class ModelError(ValueError):
    """A model file is malformed."""


@dataclass(frozen=True)
class Head:
    """One decision: probability from the features present, positive at `threshold`."""

    bias: float
    threshold: float
    weights: Mapping[str, float] = field(default_factory=dict)

    def logit(self, features: Iterable[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in features)

    def probability(self, features: Iterable[str]) -> float:
        z = self.logit(features)
        # (the two branches keep exp() from overflowing on large weights)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        ez = math.exp(z)
        return ez / (1.0 + ez)


@dataclass(frozen=True)
class LinearModel:
    """A named set of heads with the record of what trained them."""

    name: str
    heads: Mapping[str, Head]
    trained_on: Mapping[str, Any] = field(default_factory=dict)


def models_dir() -> Path:
    env = os.environ.get("DATA_DIR")
    if env and (Path(env) / "models").is_dir():
        return Path(env) / "models"
    return Path(__file__).resolve().parents[2] / "data" / "models"


def _number(path: Path, where: str, v: object) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise ModelError(f"{path}: {where}: must be a finite number")
    return float(v)


def load_model(path: Path) -> LinearModel:
    """Read and validate one model file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"{path}: cannot be read as JSON ({e})") from e
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f'{path}: must be a JSON object with "format": {FORMAT}')
    name = data.get("name")
    heads = data.get("heads")
    if not isinstance(name, str) or not name:
        raise ModelError(f"{path}: name: must be a non-empty string")
    if not isinstance(heads, dict) or not heads:
        raise ModelError(f"{path}: heads: must map head names to {{bias, threshold, weights}}")
    out: dict[str, Head] = {}
    for hname, h in heads.items():
        if not isinstance(h, dict):
            raise ModelError(f"{path}: heads.{hname}: must be an object")
        weights = h.get("weights")
        if not isinstance(weights, dict):
            raise ModelError(f"{path}: heads.{hname}.weights: must map feature names to numbers")
        threshold = _number(path, f"heads.{hname}.threshold", h.get("threshold"))
        if not 0 < threshold < 1:
            raise ModelError(f"{path}: heads.{hname}.threshold: must be between 0 and 1")
        out[str(hname)] = Head(
            bias=_number(path, f"heads.{hname}.bias", h.get("bias")),
            threshold=threshold,
            weights={str(k): _number(path, f"heads.{hname}.weights.{k}", v) for k, v in weights.items()},
        )
    trained_on = data.get("trained_on", {})
    if not isinstance(trained_on, dict):
        raise ModelError(f"{path}: trained_on: must be an object")
    return LinearModel(name, out, trained_on)


@cache
def model(name: str) -> LinearModel | None:
    """The model data/models/<name>.json, read once; None when there is no such file."""
    path = models_dir() / f"{name}.json"
    if not path.is_file():
        return None
    return load_model(path)


_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|\d+")


def word_features(text: str, prefix: str = "w", bigrams: bool = True) -> list[str]:
    """Lower-cased words ("w:agreed") and adjacent word pairs ("w2:agreed_to") of a text;
    digits collapse to one token, so "2021" and "15" are the same feature."""
    words = ["0" if w[0].isdigit() else w for w in _WORD_RE.findall(text.lower())]
    out = [f"{prefix}:{w}" for w in words]
    if bigrams:
        out.extend(f"{prefix}2:{a}_{b}" for a, b in zip(words, words[1:], strict=False))
    return out
