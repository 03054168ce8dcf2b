"""Fit the sparse logistic heads of app/annotate/linear.py (standard library only).

    from train_linear import Example, fit, cross_validate, write_model

An Example is (features, label, group): group is the readout it comes from, so that a
feature seen in only one readout (a name, a turn of phrase of one outlet) can be dropped
(`min_groups`) and cross-validation holds out whole readouts. `fit` minimises the L2-
regularised log loss with AdaGrad over a fixed, seeded order: the same examples give the
same weights on every machine. Drivers (bench/train_*.py) build the examples from the gold
of the development split only and write data/models/<name>.json with `write_model`.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Example:
    features: tuple[str, ...]
    label: int
    group: str


@dataclass(frozen=True)
class Fitted:
    bias: float
    weights: dict[str, float]

    def probability(self, features: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def _kept_features(examples: Sequence[Example], min_groups: int) -> set[str]:
    groups: dict[str, set[str]] = {}
    for ex in examples:
        for f in set(ex.features):
            groups.setdefault(f, set()).add(ex.group)
    return {f for f, g in groups.items() if len(g) >= min_groups}


def fit(
    examples: Sequence[Example],
    *,
    l2: float = 1e-3,
    epochs: int = 30,
    rate: float = 0.5,
    min_groups: int = 2,
    positive_weight: float = 1.0,
    seed: int = 7,
) -> Fitted:
    """Logistic regression by AdaGrad; features seen in fewer than `min_groups` readouts are
    dropped; `positive_weight` scales the loss of positive examples (class imbalance)."""
    keep = _kept_features(examples, min_groups)
    rows = [(tuple(sorted(set(ex.features) & keep)), ex.label) for ex in examples]
    w: dict[str, float] = dict.fromkeys(sorted(keep), 0.0)
    g2: dict[str, float] = dict.fromkeys(w, 1e-8)
    pos = sum(y for _, y in rows)
    prior = (pos + 1) / (len(rows) + 2)
    b = math.log(prior / (1 - prior))
    gb = 1e-8
    order = list(range(len(rows)))
    rnd = random.Random(seed)
    for _ in range(epochs):
        rnd.shuffle(order)
        for i in order:
            feats, y = rows[i]
            z = b + sum(w[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
            err = (p - y) * (positive_weight if y else 1.0)
            gb += err * err
            b -= rate * err / math.sqrt(gb)
            for f in feats:
                g = err + l2 * w[f]  # L2 applied lazily, to the weights an example touches
                g2[f] += g * g
                w[f] -= rate * g / math.sqrt(g2[f])
    return Fitted(b, {f: round(v, 5) for f, v in w.items() if abs(v) >= 1e-4})


def cross_validate(examples: Sequence[Example], folds: int = 5, **kw: Any) -> list[tuple[Example, float]]:
    """Each example with the probability a model fitted without its readout's fold gives it
    (folds by readout, assigned in sorted order of the readout ids)."""
    groups = sorted({ex.group for ex in examples})
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    out: list[tuple[Example, float]] = []
    for k in range(folds):
        train = [ex for ex in examples if fold_of[ex.group] != k]
        test = [ex for ex in examples if fold_of[ex.group] == k]
        if not train or not test:
            continue
        m = fit(train, **kw)
        out.extend((ex, m.probability(ex.features)) for ex in test)
    return out


def best_threshold(
    scored: Sequence[tuple[Example, float]], metric: Callable[[int, int, int], float] | None = None
) -> tuple[float, float]:
    """The threshold (and its value of `metric(tp, fp, fn)`, F1 by default) that is best on
    cross-validated probabilities."""

    def f1(tp: int, fp: int, fn: int) -> float:
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    metric = metric or f1
    best = (0.5, -1.0)
    for t in [x / 100 for x in range(5, 96)]:
        tp = sum(1 for ex, p in scored if p >= t and ex.label)
        fp = sum(1 for ex, p in scored if p >= t and not ex.label)
        fn = sum(1 for ex, p in scored if p < t and ex.label)
        v = metric(tp, fp, fn)
        if v > best[1]:
            best = (t, v)
    return best


def write_model(path: Path, name: str, heads: dict[str, tuple[Fitted, float]], trained_on: dict[str, Any]) -> None:
    """Write data/models/<name>.json: each head's bias, threshold and weights (sorted, so a
    retrained model diffs cleanly)."""
    doc = {
        "format": 1,
        "name": name,
        "trained_on": trained_on,
        "heads": {
            h: {"bias": round(m.bias, 5), "threshold": t, "weights": dict(sorted(m.weights.items()))}
            for h, (m, t) in sorted(heads.items())
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def feature_counts(examples: Sequence[Example]) -> Counter[str]:
    """How many examples carry each feature (for reports)."""
    c: Counter[str] = Counter()
    for ex in examples:
        c.update(set(ex.features))
    return c
