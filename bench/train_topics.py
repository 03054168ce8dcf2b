#!/usr/bin/env python3
"""Train the learned topic fallback (app/annotate/topic_model.py) on the dev split of the real set.

    .venv/bin/python bench/train_topics.py cv     [--before COMMIT] [--one] [setting flags]
    .venv/bin/python bench/train_topics.py check  --before COMMIT [setting flags]
    .venv/bin/python bench/train_topics.py write  [--before COMMIT] [--out PATH] [--all-heads] [setting flags]

    setting flags: --l2 (0.03) --epochs (40) --min-groups (3) --no-rule-features --all-positions --adapt

Examples are the annotator's own predicted positions, with the features the hook computes
at that point (captured by running the pipeline with a recording fallback), paired with the
gold positions as the scorer pairs them (span IoU >= 0.5): for each topic slug, a position
whose rule topics lack the slug is an example of that slug's head, positive when its paired
gold position carries the slug (an unpaired position is a negative: a topic there is a false
positive for the scorer too). Only readouts of the dev split are read (bench/realset.py
`split_of`); the held-out split is never loaded.

`cv` estimates by 5-fold cross-validation grouped by readout: each readout's positions get
the probabilities of heads fitted without its fold; the modified predictions are scored with
the scorer (topics, who-said-what), rules only vs with the model, for each setting of the
grid, and the shared threshold is chosen on those cross-validated figures. `check` fits on
the dev readouts whose gold existed at COMMIT and scores the dev readouts added since (never
seen by any rule or model) both ways, through the real hook. `write` fits on the whole dev
split (or the readouts at COMMIT) and writes data/models/topics.json with its "trained_on"
record; a head is written only when CV keeps it (its additions alone raise the topic F1 without
lowering who-said-what), or with --all-heads, to study. Standard library + the app.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from unittest.mock import patch

from realset import GOLD_DIR, ROOT, Entry, annotator_inputs, full_doc, load_set, select
from train_linear import Example, Fitted, fit, write_model

from app.annotate import pipeline, topic_model
from app.annotate.batch import annotate_doc
from app.annotate.evaluate import _canon, _pair, score
from app.annotate.linear import Head, LinearModel
from app.annotate.models import Participant

MODEL_PATH = ROOT / "data" / "models" / f"{topic_model.MODEL}.json"
FOLDS = 5
MIN_POSITIVES = 8  # a head is written only with this many positive examples ...
MIN_READOUTS = 4  # ... in at least this many readouts
THRESHOLDS = [x / 100 for x in range(20, 96, 5)]


@dataclass
class Pos:
    """One predicted position: its rule topics, features, and the gold topics it pairs with."""

    rule: frozenset[str]
    features: tuple[str, ...]
    gold: frozenset[str] | None  # None: paired with no gold position


@dataclass
class Readout:
    id: str
    gold_doc: dict[str, Any]
    pred_doc: dict[str, Any]  # rules only
    positions: list[Pos] = field(default_factory=list)  # parallel to pred_doc["positions"]


class _Recorder(topic_model.ReadoutTopics):
    """A fallback that adds nothing and records each position's features."""

    def __init__(
        self,
        vocabulary: Sequence[str],
        participants: Sequence[Participant],
        title: str,
        masked: str,
        lead: Sequence[tuple[int, int]],
    ) -> None:
        super().__init__(
            topic_model._Compiled(
                tuple(vocabulary), (0.0,) * len(vocabulary), (0.0,) * len(vocabulary), {}, frozenset()
            ),
            (),
            participants,
        )
        self.lead = tuple(topic_model.lead_features(title, "\n".join(masked[s:e] for s, e in lead)))
        self.seen: list[tuple[int, int, bool, tuple[str, ...]]] = []
        self._everyone = False
        self._span = (0, 0)

    def add(self, text: str, masked: str, s: int, e: int, rule: frozenset[str], **kw: Any) -> frozenset[str]:
        self._span, self._everyone = (s, e), len(kw["who"]) >= self._n
        return super().add(text, masked, s, e, rule, **kw)

    def decide(self, features: Sequence[str], rule: frozenset[str]) -> frozenset[str]:
        self.seen.append((*self._span, self._everyone, tuple(features) + self.lead))
        return frozenset()


@contextmanager
def _recording() -> Iterator[list[_Recorder]]:
    made: list[_Recorder] = []

    def make(
        vocabulary: Sequence[str],
        participants: Sequence[Participant],
        title: str,
        masked: str,
        lead: Sequence[tuple[int, int]],
    ) -> topic_model.ReadoutTopics | None:
        r = _Recorder(vocabulary, participants, title, masked, lead)
        made.append(r)
        return r

    with patch.object(pipeline, "readout_topics", make):
        yield made


@contextmanager
def _using(m: LinearModel | None) -> Iterator[None]:
    """Annotate with this in-memory model instead of data/models/topics.json."""
    with patch.object(topic_model, "model", lambda name: m):
        yield


def collect(entries: Sequence[Entry]) -> list[Readout]:
    """Each readout annotated by the rules, its positions' features and paired gold topics."""
    topics, leaders = annotator_inputs()
    out = []
    for e in entries:
        doc = full_doc(e)
        with _using(None), _recording() as made:
            pred = annotate_doc(doc, topics=topics, known_leaders=leaders)
        seen = made[0].seen if made else []
        parts = [p["name"] for p in doc.get("participants", [])]
        gold = [dict(p, _spk=frozenset(p["speakers"])) for p in doc["positions"]]
        preds = [dict(p, _spk=_canon(p.get("speakers", []), parts)) for p in pred["positions"]]
        p2g = {p: g for g, p in _pair(gold, preds)}
        r = Readout(e.id, doc, pred)
        for pi, p in enumerate(pred["positions"]):
            everyone = len(p["speakers"]) >= len(parts)
            feats = next(
                (f for s, t, ev, f in reversed(seen) if s == p["start"] and t == p["end"] and ev == everyone),
                next((f for s, t, _, f in reversed(seen) if s == p["start"] and t == p["end"]), ()),
            )
            g = p2g.get(pi)
            r.positions.append(
                Pos(frozenset(p.get("topics", [])), feats, None if g is None else frozenset(gold[g].get("topics", [])))
            )
        out.append(r)
    return out


def examples(readouts: Sequence[Readout], slug: str, st: Setting) -> list[Example]:
    """The examples of `slug`'s head: the positions whose rule topics lack it (candidates); with
    `st.adapt` also the others, each feature copied with its population's mark ("c|" candidate,
    "r|" the rules gave the slug) next to a population feature, so that the shared weights learn
    the slug's wording from every position and the copies absorb what differs."""
    out = []
    for r in readouts:
        for p in r.positions:
            cand = slug not in p.rule
            if not cand and not (st.all_positions or st.adapt):
                continue
            feats = p.features if st.rule_features else tuple(f for f in p.features if not f.startswith("rule:"))
            if st.adapt:
                mark = "c|" if cand else "r|"
                feats = (*feats, "pop:" + mark[0], *(mark + f for f in feats))
            out.append(Example(feats, int(p.gold is not None and slug in p.gold), r.id))
    return out


def candidates(exs: Sequence[Example], st: Setting) -> list[Example]:
    return [ex for ex in exs if "pop:c" in ex.features] if st.adapt else list(exs)


def fit_head(exs: Sequence[Example], st: Setting) -> Fitted:
    """The head fitted on these examples, as it applies to candidates (with `st.adapt`, each
    shared weight plus its candidate copy, the bias plus the candidate population's weight)."""
    m = fit(exs, **st.kw())
    if not st.adapt:
        return m
    w = m.weights
    shared = {f for f in w if not f.startswith(("c|", "r|", "pop:"))} | {f[2:] for f in w if f.startswith("c|")}
    folded = {f: round(w.get(f, 0.0) + w.get("c|" + f, 0.0), 5) for f in sorted(shared)}
    return Fitted(m.bias + w.get("pop:c", 0.0), {f: v for f, v in folded.items() if abs(v) >= 1e-4})


@cache
def _slugs() -> tuple[str, ...]:
    topics, _ = annotator_inputs()
    return tuple(t.slug for t in topics)


def scored(readouts: Sequence[Readout], added: dict[tuple[str, int], set[str]] | None = None) -> dict[str, Any]:
    """Scorer figures of the rules' predictions with `added` slugs per (readout, position)."""
    preds = {}
    for r in readouts:
        doc = json.loads(json.dumps(r.pred_doc))
        for i, p in enumerate(doc["positions"]):
            extra = (added or {}).get((r.id, i))
            if extra:
                p["topics"] = sorted(set(p.get("topics", [])) | extra)
        preds[r.id] = doc
    return score({r.id: r.gold_doc for r in readouts}, preds)


@dataclass(frozen=True)
class Setting:
    l2: float = 1e-3
    min_groups: int = 3
    positive_weight: float = 1.0
    epochs: int = 20
    rule_features: bool = True
    all_positions: bool = False
    adapt: bool = False

    def kw(self) -> dict[str, Any]:
        return {
            "l2": self.l2,
            "min_groups": self.min_groups,
            "positive_weight": self.positive_weight,
            "epochs": self.epochs,
        }


def _eligible(exs: Sequence[Example], st: Setting) -> bool:
    pos = [ex for ex in candidates(exs, st) if ex.label]
    return len(pos) >= MIN_POSITIVES and len({ex.group for ex in pos}) >= MIN_READOUTS


def cv_probabilities(readouts: Sequence[Readout], st: Setting) -> dict[tuple[str, int, str], float]:
    """(readout, position, slug) -> the probability of a head fitted without the readout's fold."""
    ids = sorted(r.id for r in readouts)
    fold_of = {g: i % FOLDS for i, g in enumerate(ids)}
    out: dict[tuple[str, int, str], float] = {}
    for slug in _slugs():
        for k in range(FOLDS):
            train = [r for r in readouts if fold_of[r.id] != k]
            exs = examples(train, slug, st)
            if not _eligible(exs, st):
                continue
            m = fit_head(exs, st)
            for r in readouts:
                if fold_of[r.id] != k:
                    continue
                for i, p in enumerate(r.positions):
                    if slug in p.rule:
                        continue
                    feats = p.features if st.rule_features else [f for f in p.features if not f.startswith("rule:")]
                    out[(r.id, i, slug)] = m.probability(feats)
    return out


def _added(probs: dict[tuple[str, int, str], float], thr: dict[str, float] | float) -> dict[tuple[str, int], set[str]]:
    out: dict[tuple[str, int], set[str]] = {}
    for (rid, i, slug), p in probs.items():
        t = thr if isinstance(thr, float) else thr.get(slug, 2.0)
        if p >= t:
            out.setdefault((rid, i), set()).add(slug)
    return out


def _fig(m: dict[str, Any]) -> str:
    t, w = m["topics"], m["who-said-what"]
    return (
        f"topics P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f} ({t['tp']}/{t['fp']}/{t['fn']}); "
        f"who-said-what P {w['precision']:.3f} R {w['recall']:.3f} F1 {w['f1']:.3f}"
    )


def best_shared(readouts: Sequence[Readout], probs: dict[tuple[str, int, str], float]) -> tuple[float, dict[str, Any]]:
    """The shared threshold with the best cross-validated topic F1 (ties: the higher threshold)."""
    best: tuple[float, float, dict[str, Any]] = (-1.0, 0.0, {})
    for t in THRESHOLDS:
        m = scored(readouts, _added(probs, t))
        key = m["topics"]["f1"]
        if key >= best[0]:
            best = (key, t, m)
    return best[1], best[2]


def choose(
    readouts: Sequence[Readout], probs: dict[tuple[str, int, str], float]
) -> tuple[float, set[str], dict[str, Any]]:
    """On cross-validated probabilities: the shared threshold, then the heads kept, each of which
    alone raises the topic F1 over the rules' without lowering who-said-what; and the figures
    with those heads."""
    t, _ = best_shared(readouts, probs)
    rules = scored(readouts)
    kept = set()
    for slug in sorted({k[2] for k in probs}):
        m = scored(readouts, _added({k: p for k, p in probs.items() if k[2] == slug}, t))
        if m["topics"]["f1"] > rules["topics"]["f1"] and m["who-said-what"]["f1"] >= rules["who-said-what"]["f1"]:
            kept.add(slug)
    return t, kept, scored(readouts, _added({k: p for k, p in probs.items() if k[2] in kept}, t))


def dev_entries(before: str | None) -> list[Entry]:
    """The dev split's readouts with their text (only those whose gold existed at `before`)."""
    entries = select(load_set(), "dev")
    if before:
        return [e for e in entries if e.id in ids_at(before)]
    return entries


def ids_at(commit: str) -> set[str]:
    rel = GOLD_DIR.relative_to(ROOT)
    names = subprocess.check_output(["git", "ls-tree", "-r", "--name-only", commit, str(rel)], cwd=ROOT, text=True)
    return {Path(n).stem for n in names.split()}


def fit_heads(readouts: Sequence[Readout], st: Setting, thr: float) -> dict[str, tuple[Fitted, float]]:
    heads = {}
    for slug in _slugs():
        exs = examples(readouts, slug, st)
        if _eligible(exs, st):
            heads[slug] = (fit_head(exs, st), thr)
    return heads


def as_model(heads: dict[str, tuple[Fitted, float]]) -> LinearModel:
    return LinearModel(topic_model.MODEL, {s: Head(m.bias, t, m.weights) for s, (m, t) in heads.items()})


def score_with(entries: Sequence[Entry], m: LinearModel | None) -> dict[str, Any]:
    """The scorer's figures of the annotator (participants given) with this topic model, through the hook."""
    topics, leaders = annotator_inputs()
    with _using(m):
        preds = {e.id: annotate_doc(full_doc(e), topics=topics, known_leaders=leaders) for e in entries}
    return score({e.id: full_doc(e) for e in entries}, preds)


GRID = [
    Setting(),
    Setting(min_groups=2),
    Setting(l2=1e-2),
    Setting(positive_weight=2.0),
    Setting(rule_features=False),
    Setting(all_positions=True),
]


def _cmd_cv(args: argparse.Namespace) -> int:
    entries = dev_entries(args.before)
    readouts = collect(entries)
    n_pos = sum(len(r.positions) for r in readouts)
    print(f"dev split: {len(readouts)} readouts, {n_pos} predicted positions; {FOLDS}-fold CV grouped by readout")
    print(f"rules only:            {_fig(scored(readouts))}")
    grid = [_setting(args)] if args.one else GRID
    for st in grid:
        probs = cv_probabilities(readouts, st)
        t, m = best_shared(readouts, probs)
        print(f"{st}\n  with model (t={t:.2f}): {_fig(m)}")
    return 0


def _setting(args: argparse.Namespace) -> Setting:
    return Setting(
        l2=args.l2,
        epochs=args.epochs,
        min_groups=args.min_groups,
        rule_features=not args.no_rule_features,
        all_positions=args.all_positions,
        adapt=args.adapt,
    )


def _cmd_check(args: argparse.Namespace) -> int:
    """Fit on the dev readouts at --before (threshold and heads chosen by CV on them, as `write`
    does); score the dev readouts added since, rules only and with the model, through the hook."""
    if not args.before:
        print("check needs --before COMMIT", file=sys.stderr)
        return 2
    all_dev = select(load_set(), "dev")
    old = ids_at(args.before)
    train = collect([e for e in all_dev if e.id in old])
    new = [e for e in all_dev if e.id not in old]
    st = _setting(args)
    t, kept, cv = choose(train, cv_probabilities(train, st))
    heads = {s: h for s, h in fit_heads(train, st, t).items() if s in kept}
    print(f"trained on {len(train)} dev readouts at {args.before}; {st}")
    print(f"  CV there: rules only {_fig(scored(train))}")
    print(f"  CV there: with model t={t:.2f}, heads {sorted(kept)}: {_fig(cv)}")
    print(f"unseen dev readouts ({len(new)}): {' '.join(e.id for e in new)}")
    print(f"  rules only: {_fig(score_with(new, None))}")
    print(f"  with model: {_fig(score_with(new, as_model(heads)))}")
    full = fit_heads(train, st, t)
    print(f"  (for information, every head at t={t:.2f}: {_fig(score_with(new, as_model(full)))})")
    return 0


def _cmd_write(args: argparse.Namespace) -> int:
    """Cross-validate the setting, choose the shared threshold on it, fit on every readout and
    write the model with its record."""
    entries = dev_entries(args.before)
    readouts = collect(entries)
    st = _setting(args)
    rules = scored(readouts)
    probs = cv_probabilities(readouts, st)
    t, kept, with_model = choose(readouts, probs)
    heads = {s: h for s, h in fit_heads(readouts, st, t).items() if s in kept or args.all_heads}
    if args.all_heads:
        with_model = scored(readouts, _added(probs, t))
    print(f"rules only (dev, {len(readouts)} readouts): {_fig(rules)}")
    print(f"with model, {FOLDS}-fold CV by readout, t={t:.2f}, heads {sorted(heads)}: {_fig(with_model)}")
    if not heads:
        print("no head is kept (too few positives, or none raises the CV figures): nothing written", file=sys.stderr)
        return 1
    record = _record(readouts, st, t, sorted(heads), {"rules_only": _brief(rules), "with_model": _brief(with_model)})
    out = Path(args.out)
    write_model(out, topic_model.MODEL, heads, record)
    print(f"wrote {out}: heads {', '.join(sorted(heads))}")
    return 0


def _brief(m: dict[str, Any]) -> dict[str, Any]:
    return {
        k: {x: m[k][x] for x in ("precision", "recall", "f1", "tp", "fp", "fn")} for k in ("topics", "who-said-what")
    }


def _record(
    readouts: Sequence[Readout], st: Setting, threshold: float, heads: Sequence[str], cv: dict[str, Any]
) -> dict[str, Any]:
    """What the model was trained on: split, readouts, examples per head, the gold files' hash, the CV figures."""
    h = hashlib.sha256()
    for r in sorted(readouts, key=lambda x: x.id):
        h.update((GOLD_DIR / f"{r.id}.json").read_bytes())
    per_head = {}
    for slug in heads:
        exs = examples(readouts, slug, st)
        cand = candidates(exs, st)
        per_head[slug] = {
            "examples": len(exs),
            "positives": sum(ex.label for ex in exs),
            "candidates": len(cand),
            "candidate_positives": sum(ex.label for ex in cand),
        }
    return {
        "split": "dev",
        "readouts": len(readouts),
        "positions": sum(len(r.positions) for r in readouts),
        "heads": per_head,
        "gold_sha256": h.hexdigest(),
        "setting": st.kw() | {"rule_features": st.rule_features, "all_positions": st.all_positions, "adapt": st.adapt},
        "threshold": threshold,
        "cv": {"folds": FOLDS, "grouped_by": "readout"} | cv,
        "command": "bench/train_topics.py " + " ".join(sys.argv[1:]),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("cv", "check", "write"):
        p = sub.add_parser(name)
        p.add_argument("--before", help="train on the dev readouts whose gold existed at this commit")
        if name == "write":
            p.add_argument("--out", default=str(MODEL_PATH), help="where to write the model (default: %(default)s)")
            p.add_argument("--all-heads", action="store_true", help="every eligible head, kept by CV or not (to study)")
        if name == "cv":
            p.add_argument("--one", action="store_true", help="only the setting given by the flags below")
        p.add_argument("--no-rule-features", action="store_true", help="leave the rule:<slug> features out")
        p.add_argument("--all-positions", action="store_true", help="train each head on every position")
        p.add_argument("--adapt", action="store_true", help="every position, features copied per population")
        p.add_argument("--l2", type=float, default=3e-2)
        p.add_argument("--epochs", type=int, default=40)
        p.add_argument("--min-groups", type=int, default=3)
    args = ap.parse_args(argv)
    if args.cmd == "cv":
        return _cmd_cv(args)
    if args.cmd == "check":
        return _cmd_check(args)
    return _cmd_write(args)


if __name__ == "__main__":
    sys.exit(main())
