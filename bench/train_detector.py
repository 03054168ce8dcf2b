#!/usr/bin/env python3
"""Train, cross-validate and check the learned detection fallback (app/annotate/learned_detection.py).

    .venv/bin/python bench/train_detector.py cv [--exclude-ids FILE]       # CV figures, no file written
    .venv/bin/python bench/train_detector.py train [--exclude-ids FILE]    # CV, then write data/models/detector.json
    .venv/bin/python bench/train_detector.py compare --ids FILE            # rules only vs rules + the model file

Examples come from the development split only (bench/realset.py `split_of`; the held-out
split is never read): every sentence the annotator's sentence loop leaves unattributed and for
which the fallback's speaker rule applies, i.e. exactly the sentences the fallback is asked
about, found by running the annotator (participants given) with the model's probability
replaced by a recorder. A candidate is positive when a gold position's span lies at least half
inside it. `--exclude-ids` leaves readouts out (those kept for an unseen check).

Cross-validation holds out whole readouts (5 folds in sorted id order, as
bench/train_linear.py `cross_validate`); a feature must occur in `--min-groups` readouts to
be kept. The threshold is chosen on cross-validated probabilities: the whole annotator runs on
the training readouts with, for each readout, the probability of the model fitted without its
fold, and is scored as `summit evaluate` scores; the highest threshold whose detection F1 of
rules + fallback is within TIE of the best wins (precision first). `compare` scores a list of readouts (one id
a line) with the rules alone and with the model file in place: the unseen-readout check.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import realset
from train_linear import Example, Fitted, fit, write_model

from app.annotate import learned_detection as ld
from app.annotate import pipeline
from app.annotate.batch import annotate_doc
from app.annotate.evaluate import score
from app.annotate.linear import Head, LinearModel
from app.annotate.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
MODEL_PATH = ROOT / "data" / "models" / f"{ld.MODEL}.json"
FOLDS = 5
THRESHOLDS = [round(0.3 + 0.05 * k, 2) for k in range(14)]  # 0.30 .. 0.95
TIE = 0.002  # F1 differences this small are noise on ~500 gold positions
_DUMMY = LinearModel(ld.MODEL, {ld.HEAD: Head(0.0, 0.5)})

Prob = Callable[[str, Sequence[str]], float]
Seen = list[tuple[str, int, int, tuple[str, ...]]]


@dataclass
class Candidate:
    doc: str
    s: int
    e: int
    features: tuple[str, ...]
    label: int
    covered: bool  # the gold position inside it is already found by the rules


@contextmanager
def fallback_as(
    prob: Prob | None, thr: float, entries: Sequence[realset.Entry], seen: Seen | None = None
) -> Iterator[None]:
    """Within the block the fallback's probability is prob(readout id, features), or 0 (the
    rules alone) when prob is None, and its threshold `thr`; each candidate it is asked about
    is appended to `seen`. The readout is known by its text (one of `entries`)."""
    by_text = {e.text: e.id for e in entries}
    where = [("", 0, 0)]
    real_features = ld.sentence_features

    def features(
        text: str, sents: Sequence[tuple[int, int]], index: int, finder: Any, prev: frozenset[int], *rest: Any
    ) -> list[str]:
        # (`rest`: the mentions the fallback found once and hands on; a recorder with the old
        # five-argument signature raised inside annotate(), which returned no positions at all)
        where[0] = (by_text.get(text, ""), *sents[index])
        return real_features(text, sents, index, finder, prev, *rest)

    def probability(feats: Sequence[str]) -> float:
        doc, s, e = where[0]
        if seen is not None:
            seen.append((doc, s, e, tuple(feats)))
        return prob(doc, feats) if prob is not None else 0.0

    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(ld, "model", lambda name: _DUMMY))
        stack.enter_context(mock.patch.object(ld, "sentence_features", features))
        stack.enter_context(mock.patch.object(ld, "probability", probability))
        stack.enter_context(mock.patch.object(ld, "threshold", lambda: thr))
        yield


def run(entries: Sequence[realset.Entry], infer: bool = False) -> dict[str, Any]:
    """The figures of `summit evaluate` on these readouts (participants given, or inferred)."""
    return realset.score_entries(entries, infer=infer)


def _inside(g: dict[str, Any], s: int, e: int) -> bool:
    return 2 * (min(e, g["end"]) - max(s, g["start"])) >= g["end"] - g["start"]


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter > 0 else 0.0


ATTRIBUTED = "pop:attributed"  # a training-only feature: the rules attributed the sentence


def candidates(entries: Sequence[realset.Entry], population: str = "all") -> tuple[list[Candidate], dict[str, Any]]:
    """The fallback's candidates on these readouts (rules alone), labelled; and the rules' figures.

    population "candidates": only the sentences the fallback is asked about. "all": also every
    other sentence the rules examine (those they attribute, or that continue a quotation), with
    the previous sentence's speakers read from the rules' positions, the speaker rule's feature
    and the feature ATTRIBUTED, which inference never sets: the word weights learn from every
    sentence, the bias of the fallback's own population from its own sentences."""
    seen: Seen = []
    examined: dict[str, tuple[Any, list[tuple[int, int]]]] = {}
    topics, leaders = realset.annotator_inputs()
    covered: dict[str, list[tuple[int, int]]] = {}
    real_attribute = pipeline.attribute_sentence
    by_text = {e.text: e.id for e in entries}

    def attribute(text: str, s: int, e: int, finder: Any, **kw: Any) -> Any:
        doc = by_text.get(text, "")
        got = examined.get(doc, (finder, []))
        examined[doc] = (finder, got[1] + [(s, e)])
        return real_attribute(text, s, e, finder, **kw)

    with fallback_as(None, 0.99, entries, seen), mock.patch.object(pipeline, "attribute_sentence", attribute):
        gold = {e.id: realset.full_doc(e) for e in entries}
        pred = {}
        for e in entries:
            pred[e.id] = annotate_doc(gold[e.id], topics=topics, known_leaders=leaders)
            spans = [(p["start"], p["end"]) for p in pred[e.id]["positions"]]
            covered[e.id] = [
                (g["start"], g["end"])
                for g in gold[e.id]["positions"]
                if any(_iou((g["start"], g["end"]), sp) >= 0.5 for sp in spans)
            ]
        figures = score(gold, pred)
    rows = list(seen)
    if population == "all":
        asked = {(d, s) for d, s, _, _ in seen}
        for doc, (finder, spans) in examined.items():
            text = gold[doc]["text"]
            sents = split_sentences(text)
            index = {s: k for k, (s, _) in enumerate(sents)}
            names = [p.name for p in finder.participants]
            said = {}
            for p in pred[doc]["positions"]:
                k = index.get(p["start"])
                if k is not None:
                    said[k] = said.get(k, frozenset()) | {names.index(n) for n in p["speakers"] if n in names}
            for s, e in spans:
                k = index.get(s)
                if k is None or (doc, s) in asked or len(text[s:e].split()) < 4 or "\n" in text[s:e]:
                    continue
                same_para = k > 0 and "\n" not in text[sents[k - 1][1] : s]
                prev = said.get(k - 1, frozenset()) if same_para else frozenset()
                pick = ld.choose_speakers(text, s, e, finder, prev)
                feats = ld.sentence_features(text, sents, k, finder, prev)
                feats += [f"rule:{pick[1] if pick else 'none'}"]
                # (each feature also as its attributed-population copy: "frustratingly easy" domain
                # adaptation, so that the shared weight carries what holds in both populations)
                feats += [ATTRIBUTED] + [f"{ATTRIBUTED}|{f}" for f in feats]
                rows.append((doc, s, e, tuple(feats)))
    out = []
    for doc, s, e, feats in rows:
        inside = [g for g in gold[doc]["positions"] if _inside(g, s, e)]
        out.append(
            Candidate(
                doc,
                s,
                e,
                feats,
                int(bool(inside)),
                bool(inside) and all((g["start"], g["end"]) in covered[doc] for g in inside),
            )
        )
    return out, figures


def examples(cands: Sequence[Candidate]) -> list[Example]:
    return [Example(c.features, c.label, c.doc) for c in cands]


def fold_models(exs: Sequence[Example], **kw: Any) -> dict[str, Fitted]:
    """Per readout, the model fitted without its fold (folds as train_linear.cross_validate)."""
    groups = sorted({ex.group for ex in exs})
    fold_of = {g: i % FOLDS for i, g in enumerate(groups)}
    out: dict[str, Fitted] = {}
    for k in range(FOLDS):
        m = fit([ex for ex in exs if fold_of[ex.group] != k], **kw)
        out.update({g: m for g in groups if fold_of[g] == k})
    return out


def figures(m: dict[str, Any]) -> dict[str, Any]:
    d, w = m["detection"], m["who-said-what"]
    return {
        "detection": {k: d[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")},
        "attribution_f1": m["attribution"]["f1"],
        "topics_f1": m["topics"]["f1"],
        "who_said_what": {k: w[k] for k in ("precision", "recall", "f1")},
    }


def _line(name: str, m: dict[str, Any]) -> str:
    d, w = m["detection"], m["who-said-what"]
    return (
        f"{name:<22} detection P {d['precision']:.3f} R {d['recall']:.3f} F1 {d['f1']:.3f} "
        f"({d['tp']}/{d['fp']}/{d['fn']})  attribution {m['attribution']['f1']:.3f}  "
        f"topics {m['topics']['f1']:.3f}  who-said-what {w['f1']:.3f} (P {w['precision']:.3f} R {w['recall']:.3f})"
    )


def training_entries(exclude: set[str]) -> list[realset.Entry]:
    return [e for e in realset.select(realset.load_set(), "dev") if e.id not in exclude]


def _ids(path: str | None) -> set[str]:
    if not path:
        return set()
    return {ln.strip() for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln.strip()}


def gold_digest(entries: Sequence[realset.Entry]) -> str:
    h = hashlib.sha256()
    for e in sorted(entries, key=lambda x: x.id):
        h.update((realset.GOLD_DIR / f"{e.id}.json").read_bytes())
    return h.hexdigest()


def cross_validated(
    entries: Sequence[realset.Entry], kw: dict[str, Any], population: str, verbose: bool = True
) -> dict[str, Any]:
    cands, _ = candidates(entries, population)
    with mock.patch.object(ld, "model", lambda name: None):
        rules = run(entries)
    exs = examples(cands)
    pos = sum(c.label for c in cands)
    own = [c for c in cands if ATTRIBUTED not in c.features]
    if verbose:
        print(
            f"{len(entries)} readouts; {len(cands)} examples, {pos} positive; the fallback's own population "
            f"{len(own)}, {sum(c.label for c in own)} positive ({sum(c.label and not c.covered for c in own)} "
            "not found by the rules)"
        )
        print(_line("rules only", rules))
    models = fold_models(exs, **kw)
    sweep = {}
    for thr in THRESHOLDS:
        with fallback_as(lambda doc, f: models[doc].probability(f), thr, entries):
            m = run(entries)
        sweep[thr] = m
        if verbose:
            print(_line(f"CV threshold {thr:.2f}", m))
    # The best detection F1; among thresholds within TIE of it, the highest (precision first).
    top = max(m["detection"]["f1"] for m in sweep.values())
    thr = max(t for t, m in sweep.items() if m["detection"]["f1"] >= top - TIE)
    best = (thr, sweep[thr]["detection"]["f1"], sweep[thr])
    with mock.patch.object(ld, "model", lambda name: None):
        rules_inferred = run(entries, infer=True)
    with fallback_as(lambda doc, f: models[doc].probability(f), thr, entries):
        best_inferred = run(entries, infer=True)
    if verbose:
        print(_line("rules only, inferred", rules_inferred))
        print(_line(f"CV {thr:.2f}, inferred", best_inferred))
    return {
        "rules": rules,
        "rules_inferred": rules_inferred,
        "best_inferred": best_inferred,
        "threshold": best[0],
        "best": best[2],
        "candidates": len(cands),
        "positives": pos,
        "sweep": sweep,
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("cv", "train"):
        p = sub.add_parser(name)
        p.add_argument("--exclude-ids", help="file of readout ids (one a line) left out of training")
        p.add_argument("--min-groups", type=int, default=3)
        p.add_argument("--l2", type=float, default=1e-2)
        p.add_argument("--epochs", type=int, default=30)
        p.add_argument("--positive-weight", type=float, default=1.0)
        p.add_argument("--population", choices=("all", "candidates"), default="all")
    p = sub.add_parser("compare")
    p.add_argument("--ids", required=True, help="file of readout ids (one a line) to score")
    p = sub.add_parser("features", help="the heaviest weights of the model file")
    args = ap.parse_args(argv)
    if args.cmd == "features":
        doc = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        w = doc["heads"][ld.HEAD]["weights"]
        for k, v in sorted(w.items(), key=lambda kv: -abs(kv[1]))[:40]:
            print(f"{v:+.3f} {k}")
        return 0
    if args.cmd == "compare":
        ids = _ids(args.ids)
        chosen = [e for e in realset.select(realset.load_set(), "dev") if e.id in ids]
        print(f"{len(chosen)} readouts of the dev split: {', '.join(e.id for e in chosen)}")
        with mock.patch.object(ld, "model", lambda name: None):
            print(_line("rules only", run(chosen)))
        print(_line("rules + fallback", run(chosen)))
        return 0
    entries = training_entries(_ids(args.exclude_ids))
    kw = {"min_groups": args.min_groups, "l2": args.l2, "epochs": args.epochs, "positive_weight": args.positive_weight}
    cv = cross_validated(entries, kw, args.population)
    print(f"chosen threshold {cv['threshold']:.2f}")
    if args.cmd == "cv":
        return 0
    cands, _ = candidates(entries, args.population)
    exs = examples(cands)
    fitted = fit(exs, **kw)
    # (the attributed-population copies never fire at inference: left out of the file)
    final = Fitted(fitted.bias, {k: v for k, v in fitted.weights.items() if not k.startswith(ATTRIBUTED)})
    counts = Counter(f for ex in exs for f in set(ex.features))
    trained_on = {
        "split": "dev",
        "readouts": len(entries),
        "readout_ids_sha256": hashlib.sha256("\n".join(sorted(e.id for e in entries)).encode()).hexdigest(),
        "gold_sha256": gold_digest(entries),
        "examples": len(exs),
        "positives": sum(ex.label for ex in exs),
        "features_kept": len(final.weights),
        "features_seen": len(counts),
        "hyper_parameters": kw,
        "population": args.population,
        "threshold_chosen_by": (
            f"{FOLDS}-fold readout-grouped CV: the highest threshold within {TIE} of the best detection F1 "
            "of rules + fallback"
        ),
        "cv_rules_only": figures(cv["rules"]),
        "cv_with_fallback": figures(cv["best"]),
        "cv_rules_only_participants_inferred": figures(cv["rules_inferred"]),
        "cv_with_fallback_participants_inferred": figures(cv["best_inferred"]),
        "command": "bench/train_detector.py train" + (" --exclude-ids FILE" if args.exclude_ids else ""),
    }
    write_model(MODEL_PATH, ld.MODEL, {ld.HEAD: (final, cv["threshold"])}, trained_on)
    print(f"wrote {MODEL_PATH.relative_to(ROOT)}: {len(final.weights)} weights, threshold {cv['threshold']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
