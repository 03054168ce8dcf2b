"""Scoring predictions against gold documents, exactly as shared/annotation/score.py does.

Reimplemented here (the project must not import ../shared at run time); a test checks
the figures are identical. Positions pair one-to-one when their spans have character
IoU >= 0.5, preferring same-speaker pairs; metrics are micro-averaged."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["score", "same_person", "format_report", "judge_predictions", "HEADLINE_TOPICS", "METRICS"]

HEADLINE_TOPICS = frozenset({"afghanistan", "vaccines", "taiwan"})
METRICS = ("detection", "attribution", "topics", "headline", "who-said-what")


def _words(name: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return set("".join(ch for ch in folded if not unicodedata.combining(ch)).split())


def same_person(a: str, b: str) -> bool:
    """One name's words contain the other's (case and accents ignored)."""
    wa, wb = _words(a), _words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _canon(names: Iterable[str], participants: list[str]) -> frozenset[str]:
    out = set()
    for name in names:
        hits = [p for p in participants if same_person(name, p)]
        out.add(hits[0] if len(hits) == 1 else name.strip())
    return frozenset(out)


def _iou(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    if inter <= 0:
        return 0.0
    return float(inter / (max(a["end"], b["end"]) - min(a["start"], b["start"])))


def _pair(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            o = _iou(g, p)
            if o >= 0.5:
                cands.append((g["_spk"] == p["_spk"], o, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


class _Counts:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp

    def prf(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _paired(p2g: dict[int, int], i: int) -> Any:
    """The gold index a predicted position is paired with, or ("unpaired", i)."""
    return p2g.get(i, ("unpaired", i))


def _triples(positions: list[dict[str, Any]], key: Callable[[int], Any]) -> set[tuple[Any, str, str]]:
    out: set[tuple[Any, str, str]] = set()
    for i, p in enumerate(positions):
        for s in p["_spk"]:
            for t in p.get("topics", []):
                out.add((key(i), s, t))
    return out


def score(
    gold_docs: Mapping[str, dict[str, Any]], pred_docs: Mapping[str, dict[str, Any]], misses: list[str] | None = None
) -> dict[str, Any]:
    """Metrics over documents paired by id (see module docstring); `misses` collects
    human-readable differences when given."""
    c = {k: _Counts() for k in METRICS}
    missing = [d for d in gold_docs if d not in pred_docs]
    for doc_id, gdoc in gold_docs.items():
        parts = [p["name"] for p in gdoc.get("participants", [])]
        gold = [dict(p, _spk=frozenset(p["speakers"])) for p in gdoc["positions"]]
        pred = [
            dict(p, _spk=_canon(p.get("speakers", []), parts)) for p in pred_docs.get(doc_id, {}).get("positions", [])
        ]
        pairs = _pair(gold, pred)
        c["detection"].add(len(pairs), len(pred), len(gold))
        c["attribution"].add(sum(gold[g]["_spk"] == pred[p]["_spk"] for g, p in pairs), len(pred), len(gold))
        p2g = {p: g for g, p in pairs}
        keeps: tuple[tuple[str, Callable[[str], bool]], ...] = (
            ("topics", lambda t: True),
            ("headline", lambda t: t in HEADLINE_TOPICS),
        )
        for name, keep in keeps:
            gt = {(gi, t) for gi, g in enumerate(gold) for t in g.get("topics", []) if keep(t)}
            pt = {
                (p2g.get(pi, ("unpaired", pi)), t) for pi, p in enumerate(pred) for t in p.get("topics", []) if keep(t)
            }
            c[name].add(len(gt & pt), len(pt), len(gt))
        gt3 = _triples(gold, lambda i: i)
        pt3 = _triples(pred, functools.partial(_paired, p2g))
        c["who-said-what"].add(len(gt3 & pt3), len(pt3), len(gt3))
        if misses is not None:
            text = gdoc.get("text", "")
            g2p = dict(pairs)
            for gi, g in enumerate(gold):
                if gi not in g2p:
                    misses.append(f"[{doc_id}] MISSED   {sorted(g['_spk'])} {text[g['start'] : g['end']][:100]!r}")
                else:
                    p = pred[g2p[gi]]
                    if p["_spk"] != g["_spk"] or set(p.get("topics", [])) != set(g.get("topics", [])):
                        misses.append(
                            f"[{doc_id}] DIFFERS  gold {sorted(g['_spk'])} {sorted(g.get('topics', []))}"
                            f" / pred {sorted(p['_spk'])} {sorted(p.get('topics', []))}"
                            f" {text[g['start'] : g['end']][:80]!r}"
                        )
            for pi, p in enumerate(pred):
                if pi not in p2g:
                    misses.append(f"[{doc_id}] SPURIOUS {sorted(p['_spk'])} {text[p['start'] : p['end']][:100]!r}")
    result: dict[str, Any] = {k: v.prf() for k, v in c.items()}
    result["documents"] = len(gold_docs)
    result["documents_without_prediction"] = missing
    return result


def judge_predictions(gold_doc: Mapping[str, Any], pred_doc: Mapping[str, Any]) -> list[bool]:
    """For each predicted position, in order: is it right, i.e. paired with a gold position
    (the same one-to-one pairing as `score`) whose speakers are exactly its own? This is the
    attribution criterion, per position (what confidence calibration is measured against)."""
    parts = [p["name"] for p in gold_doc.get("participants", [])]
    gold = [dict(p, _spk=frozenset(p["speakers"])) for p in gold_doc["positions"]]
    pred = [dict(p, _spk=_canon(p.get("speakers", []), parts)) for p in pred_doc.get("positions", [])]
    right = [False] * len(pred)
    for gi, pi in _pair(gold, pred):
        right[pi] = gold[gi]["_spk"] == pred[pi]["_spk"]
    return right


def format_report(metrics: Mapping[str, Any]) -> str:
    """A plain-text table of the metrics, like score.py prints."""
    lines = [f"{'metric':<14} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    for k, v in metrics.items():
        if isinstance(v, dict):
            lines.append(
                f"{k:<14} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f}   {v['tp']}/{v['fp']}/{v['fn']}"
            )
    if metrics.get("documents_without_prediction"):
        lines.append("no prediction for: " + ", ".join(metrics["documents_without_prediction"]))
    return "\n".join(lines)
