#!/usr/bin/env python3
"""The real-readout set (data/real_readouts/): check it, split it, score the annotator on it.

    .venv/bin/python bench/realset.py check
    .venv/bin/python bench/realset.py score [--split dev|heldout|all] [--infer-participants] [--verbose]
    .venv/bin/python bench/realset.py calibration [--split dev|heldout|all] [--infer-participants]
    .venv/bin/python bench/realset.py place ID EXCERPT_FILE

The gold files (data/real_readouts/gold/<id>.json) are committed: the gold format without
"text", plus "source" {url, outlet, outlet_kind, query, sha256, length, retrieved}. The texts
(data/real_readouts/texts/<id>.txt) are third-party prose and stay out of git; `check` tells
which are missing and how to re-collect them.

The split is a function of the id, so no file moves: a readout is held out when
int(sha256(id).hexdigest(), 16) % 3 == 0, else it belongs to the dev split. Error analysis
reads only the dev split; the held-out split is only measured, at the end. The dev split
halves again (dev-a, dev-b, by the sha256 of "fold:" + id) so that a rule found on one half
can be checked on the other before it is kept: a rule that only helps the half it was read
on fits sentences, not a class.

`score` assembles full gold files (gold + text) in a temporary folder and runs the same
entry point as `summit evaluate` (app.annotate.batch.evaluate_paths, with data/topics.yaml
and the leaders of data/leaders.yaml), whose scoring is identical to
shared/annotation/score.py. It prints the figures with participants given and inferred
(only inferred with --infer-participants). `calibration` prints, per confidence band, how
many predicted positions fall in it and the share of them that are right (paired with a
gold position and attributed to exactly its speakers), and the expected calibration error.
Standard library + the app.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.annotate import Participant, lexicon_files, load_topic_specs
from app.annotate.batch import annotate_doc, evaluate_paths
from app.annotate.evaluate import format_report, judge_predictions
from app.annotate.models import TopicSpec

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "data" / "real_readouts"
GOLD_DIR = REAL / "gold"
TEXT_DIR = REAL / "texts"
SPLITS = ("dev", "heldout", "all", "dev-a", "dev-b")
# Confidence bands for calibration: [low, high).
BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def split_of(doc_id: str) -> str:
    """ "heldout" for a third of the ids (by the sha256 of the id), "dev" for the rest."""
    return "heldout" if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "dev"


def fold_of(doc_id: str) -> str:
    """ "dev-a" or "dev-b": the half of the dev split a readout falls in (another hash of the id)."""
    return "dev-a" if int(hashlib.sha256(("fold:" + doc_id).encode("utf-8")).hexdigest(), 16) % 2 == 0 else "dev-b"


def in_split(doc_id: str, split: str) -> bool:
    """Whether a readout belongs to a split of SPLITS."""
    if split == "all":
        return True
    if split in ("dev-a", "dev-b"):
        return split_of(doc_id) == "dev" and fold_of(doc_id) == split
    return split_of(doc_id) == split


@dataclass
class Entry:
    """One readout of the set: its gold, and its text when present and intact."""

    id: str
    gold: dict[str, Any]
    text: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def split(self) -> str:
        return split_of(self.id)


def _vocabulary() -> set[str]:
    return {t.slug for t in load_topic_specs(ROOT / "data" / "topics.yaml")}


def load_set(gold_dir: Path = GOLD_DIR, text_dir: Path = TEXT_DIR) -> list[Entry]:
    """Every gold file with its text (None when the text is missing or does not match its hash)."""
    vocab = _vocabulary()
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc_id = str(gold.get("id") or path.stem)
        e = Entry(doc_id, gold, None)
        if doc_id != path.stem:
            e.problems.append(f"id {doc_id!r} differs from the file name {path.stem!r}")
        src = gold.get("source") or {}
        tpath = text_dir / f"{path.stem}.txt"
        if not tpath.exists():
            e.problems.append(
                f"text missing: re-collect it from {src.get('url')} via the pages search "
                f"(the first {src.get('length')} characters of the excerpt) into {tpath.relative_to(ROOT)}"
            )
        else:
            text = tpath.read_text(encoding="utf-8")
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest != src.get("sha256") or len(text) != src.get("length"):
                e.problems.append(
                    f"text differs from the collected one (sha256 {digest[:12]}…, length {len(text)}; "
                    f"gold says {str(src.get('sha256'))[:12]}…, {src.get('length')}): re-collect from {src.get('url')}"
                )
            else:
                e.text = text
        e.problems.extend(_span_problems(gold, e.text, vocab))
        out.append(e)
    return out


def _span_problems(gold: dict[str, Any], text: str | None, vocab: set[str]) -> list[str]:
    """Gold positions that break the guidelines' format rules."""
    out = []
    names = {p.get("name") for p in gold.get("participants") or [] if isinstance(p, dict)}
    length = (gold.get("source") or {}).get("length")
    for k, p in enumerate(gold.get("positions") or []):
        where = f"positions[{k}]"
        s, e = p.get("start"), p.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e and (length is None or e <= length)):
            out.append(f"{where}: span [{s}, {e}) out of bounds (length {length})")
        elif text is not None and text[s:e] != text[s:e].strip():
            out.append(f"{where}: span [{s}, {e}) has outer whitespace: {text[s:e][:40]!r}")
        for who in p.get("speakers") or []:
            if who not in names:
                out.append(f"{where}: speaker {who!r} is not a participant ({', '.join(sorted(map(str, names)))})")
        if not p.get("speakers"):
            out.append(f"{where}: no speakers")
        for t in p.get("topics") or []:
            if t not in vocab:
                out.append(f"{where}: topic {t!r} is not in data/topics.yaml")
    return out


def select(entries: Iterable[Entry], split: str) -> list[Entry]:
    """Entries of a split whose text is present."""
    return [e for e in entries if e.text is not None and in_split(e.id, split)]


def annotator_inputs() -> tuple[list[TopicSpec], list[Participant]]:
    """The vocabulary and known leaders `summit evaluate` gives the annotator."""
    from app.ingest.seed_files import read_leaders

    topics = load_topic_specs(ROOT / "data" / "topics.yaml")
    leaders = [
        Participant(name=le.name, title=le.office, country=le.country, gender=le.gender, aliases=le.aliases)
        for le in read_leaders(ROOT / "data" / "leaders.yaml")
    ]
    return topics, leaders


def full_doc(e: Entry) -> dict[str, Any]:
    """The gold document with its text, as score.py and `summit evaluate` read it."""
    doc = {k: v for k, v in e.gold.items() if k != "source"}
    doc["text"] = e.text
    return doc


def score_entries(entries: Sequence[Entry], *, infer: bool, misses: list[str] | None = None) -> dict[str, Any]:
    """Figures of the annotator on these entries (participants given, or inferred)."""
    topics, leaders = annotator_inputs()
    with tempfile.TemporaryDirectory(prefix="realset-") as tmp:
        for e in entries:
            (Path(tmp) / f"{e.id}.json").write_text(json.dumps(full_doc(e), ensure_ascii=False), encoding="utf-8")
        return evaluate_paths([tmp], topics=topics, ignore_participants=infer, known_leaders=leaders, misses=misses)


def calibration(entries: Sequence[Entry], *, infer: bool = False) -> dict[str, Any]:
    """Per confidence band: positions, right ones, precision; and the expected calibration
    error (sum over bands of n_band / n * |precision - mean confidence|)."""
    topics, leaders = annotator_inputs()
    rows: list[tuple[float, bool]] = []
    for e in entries:
        doc = full_doc(e)
        pred = annotate_doc(doc, topics=topics, ignore_participants=infer, known_leaders=leaders)
        for p, ok in zip(pred["positions"], judge_predictions(doc, pred), strict=True):
            rows.append((float(p["confidence"]), ok))
    bands = []
    ece = 0.0
    for lo, hi in BANDS:
        inside = [(c, ok) for c, ok in rows if lo <= c < hi]
        n = len(inside)
        right = sum(ok for _, ok in inside)
        mean_conf = sum(c for c, _ in inside) / n if n else 0.0
        precision = right / n if n else 0.0
        if n:
            ece += n / len(rows) * abs(precision - mean_conf)
        bands.append(
            {
                "band": f"{lo:.1f}-{min(hi, 1.0):.1f}",
                "n": n,
                "right": right,
                "precision": round(precision, 3),
                "mean_confidence": round(mean_conf, 3),
            }
        )
    high = [(c, ok) for c, ok in rows if c >= 0.9]
    return {
        "positions": len(rows),
        "bands": bands,
        "ece": round(ece, 4),
        "precision_at_0.9": round(sum(ok for _, ok in high) / len(high), 3) if high else None,
    }


CONFIDENCE_FILE = ROOT / "data" / "lexicon" / "confidence.yaml"
ONE_INFERRED = "participants:one-inferred"
# The factor in force while measuring (the annotator already applied it: undo it).
FACTOR_NOW = lexicon_files.confidence().get(ONE_INFERRED)
PSEUDO_COUNT = 5  # weight of the overall precision when an evidence kind has few positions


Judged = tuple[str, float, bool]  # (kind of evidence, confidence given, right)


def judged_positions(entries: Sequence[Entry], *, infer: bool = False) -> list[list[Judged]]:
    """Per readout, each predicted position's kind of evidence, confidence and whether it is right."""
    topics, leaders = annotator_inputs()
    out: list[list[Judged]] = []
    for e in entries:
        doc = full_doc(e)
        pred = annotate_doc(doc, topics=topics, ignore_participants=infer, known_leaders=leaders)
        out.append(
            [
                (p.get("evidence") or "", float(p["confidence"]), bool(ok))
                for p, ok in zip(pred["positions"], judge_predictions(doc, pred), strict=True)
            ]
        )
    return out


def table_of(readouts: Iterable[list[Judged]]) -> dict[str, tuple[int, int]]:
    """Per kind of evidence: (predicted positions, right ones)."""
    out: dict[str, tuple[int, int]] = {}
    for rows in readouts:
        for kind, _, ok in rows:
            n, r = out.get(kind, (0, 0))
            out[kind] = (n + 1, r + int(ok))
    return out


def evidence_table(entries: Sequence[Entry], *, infer: bool = False) -> dict[str, tuple[int, int]]:
    """Per kind of evidence: (predicted positions, right ones)."""
    return table_of(judged_positions(entries, infer=infer))


def ece_of(rows: Sequence[tuple[float, bool]]) -> float:
    """Expected calibration error over BANDS: sum of n_band / n * |precision - mean confidence|."""
    ece = 0.0
    for lo, hi in BANDS:
        inside = [(c, ok) for c, ok in rows if lo <= c < hi]
        if inside:
            precision = sum(ok for _, ok in inside) / len(inside)
            ece += len(inside) / len(rows) * abs(precision - sum(c for c, _ in inside) / len(inside))
    return ece


def cross_validated(readouts: Sequence[list[Judged]]) -> tuple[float, float | None, int]:
    """Leave one readout out: calibrate on the others, apply to it. Returns the ECE over every
    position so predicted, the precision of those at >= 0.9 and their count: the honest figures
    for a calibration fitted on these same readouts."""
    rows: list[tuple[float, bool]] = []
    for k, own in enumerate(readouts):
        conf = calibrated(table_of(r for j, r in enumerate(readouts) if j != k))
        rows.extend((conf.get(kind, c), ok) for kind, c, ok in own)
    high = [ok for c, ok in rows if c >= 0.9]
    return ece_of(rows), (sum(high) / len(high) if high else None), len(high)


def one_inferred_factor(entries: Sequence[Entry]) -> float | None:
    """With participants inferred, readouts where only one participant is found: right
    positions over the confidence they carry (the factor their confidence is scaled by)."""
    topics, leaders = annotator_inputs()
    right = conf = 0.0
    for e in entries:
        doc = full_doc(e)
        pred = annotate_doc(doc, topics=topics, ignore_participants=True, known_leaders=leaders)
        if len(pred["participants"]) >= 2:
            continue
        for p, ok in zip(pred["positions"], judge_predictions(doc, pred), strict=True):
            right += ok
            conf += p["confidence"] / (FACTOR_NOW or 1.0)
    if not conf:
        return None
    return round(min(1.0, max(0.05, (right + PSEUDO_COUNT * 0.5) / (conf + PSEUDO_COUNT))), 3)


def with_kinds(table: dict[str, tuple[int, int]], others: Iterable[str]) -> dict[str, tuple[int, int]]:
    """The table with every kind of `others` it lacks, as seen 0 times: calibrated, such a kind
    gets the split's overall precision rather than the annotator's prior, which no readout checked."""
    return table | {k: (0, 0) for k in others if k not in table}


def calibrated(table: dict[str, tuple[int, int]]) -> dict[str, float]:
    """Confidence per evidence kind: its precision on the split, shrunk towards the overall
    precision by PSEUDO_COUNT positions (histogram binning by evidence, with smoothing)."""
    n_all = sum(n for n, _ in table.values())
    p0 = sum(r for _, r in table.values()) / n_all if n_all else 0.5
    return {
        k: round(min(0.99, max(0.05, (r + PSEUDO_COUNT * p0) / (n + PSEUDO_COUNT))), 3)
        for k, (n, r) in sorted(table.items())
        if k
    }


def write_confidence(table: dict[str, tuple[int, int]], split: str, factor: float | None) -> None:
    conf = calibrated(table)
    lines = [
        '# Calibrated confidence per kind of evidence (see docs/annotation.md, "Confidence").',
        f"# Written by `bench/realset.py calibrate --split {split} --write` from data/real_readouts: for each kind,",
        f"# (right + {PSEUDO_COUNT} x overall precision) / (positions + {PSEUDO_COUNT}); a kind not listed keeps the",
        "# annotator's prior. Positions and right ones on that split are in the comments.",
        "confidence:",
    ]
    for k, v in conf.items():
        n, r = table[k]
        lines.append(f"  {k}: {v}  # {r}/{n}" if n else f"  {k}: {v}  # not seen on that split: its overall precision")
    if factor is not None:
        lines.append(f"  {ONE_INFERRED}: {factor}  # factor on every confidence when only one participant is inferred")
    CONFIDENCE_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _cmd_check(entries: list[Entry]) -> int:
    bad = [e for e in entries if e.problems]
    n_text = sum(e.text is not None for e in entries)
    by_split = {s: sum(1 for e in entries if e.split == s) for s in ("dev", "heldout")}
    print(
        f"{len(entries)} gold files ({by_split['dev']} dev, {by_split['heldout']} held out); "
        f"{n_text} texts present and intact; "
        f"{sum(len(e.gold.get('positions') or []) for e in entries)} gold positions"
    )
    for e in bad:
        for p in e.problems:
            print(f"[{e.id}] {p}")
    return 1 if bad else 0


def place_text(excerpt: str, sha256: str, length: int) -> str | None:
    """The collected text inside a re-collected excerpt: the window of `length` characters whose
    sha256 is the gold's. A collector kept the first `length` characters of the excerpt, sometimes
    after dropping a lead-in (a " date 2022-05-06 " line, an outlet's banner), so every start is tried."""
    for start in range(max(0, len(excerpt) - length) + 1):
        window = excerpt[start : start + length]
        if len(window) == length and hashlib.sha256(window.encode("utf-8")).hexdigest() == sha256:
            return window
    return None


def _cmd_place(entries: list[Entry], doc_id: str, excerpt_file: Path) -> int:
    """Write texts/<id>.txt from an excerpt saved to a file, if the excerpt holds the very text."""
    entry = next((e for e in entries if e.id == doc_id), None)
    if entry is None:
        print(f"no gold file data/real_readouts/gold/{doc_id}.json", file=sys.stderr)
        return 2
    src = entry.gold.get("source") or {}
    excerpt = excerpt_file.read_text(encoding="utf-8")
    text = place_text(excerpt, str(src.get("sha256")), int(src.get("length") or 0))
    if text is None:
        print(
            f"[{doc_id}] no window of {src.get('length')} characters of {excerpt_file} "
            f"({len(excerpt)} characters) has the gold's sha256: the excerpt is not the collected text "
            f"(another page, or a character changed in copying); nothing written",
            file=sys.stderr,
        )
        return 1
    TEXT_DIR.mkdir(parents=True, exist_ok=True)
    (TEXT_DIR / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    print(f"[{doc_id}] placed: {len(text)} characters, sha256 matches")
    return 0


def _table(title: str, m: dict[str, Any]) -> str:
    return f"{title}\n{format_report(m)}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("check", help="verify texts against their hash and gold spans against the guidelines' format")
    place = sub.add_parser("place", help="write a text from a re-collected excerpt in a file, checked by its hash")
    place.add_argument("id")
    place.add_argument("excerpt_file", type=Path)
    for name in ("score", "calibration", "calibrate"):
        p = sub.add_parser(name)
        p.add_argument("--split", choices=SPLITS, default="dev")
        p.add_argument("--infer-participants", action="store_true", help="only the participants-inferred setting")
        p.add_argument("--json", action="store_true", help="print the figures as JSON")
        if name == "score":
            p.add_argument("--verbose", action="store_true", help="list every miss, difference and spurious position")
        if name == "calibrate":
            p.add_argument("--write", action="store_true", help=f"write {CONFIDENCE_FILE.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    entries = load_set()
    if args.cmd == "check":
        return _cmd_check(entries)
    if args.cmd == "place":
        return _cmd_place(entries, args.id, args.excerpt_file)
    chosen = select(entries, args.split)
    absent = [e.id for e in entries if e.text is None and in_split(e.id, args.split)]
    if absent:
        print(f"left out (no intact text; run `check`): {', '.join(absent)}", file=sys.stderr)
    if not chosen:
        print(f"no readout of split {args.split!r} has its text: nothing to score", file=sys.stderr)
        return 1
    n_pos = sum(len(e.gold.get("positions") or []) for e in chosen)
    header = f"split {args.split}: {len(chosen)} readouts, {n_pos} gold positions"
    if args.cmd == "calibrate":
        readouts = judged_positions(chosen, infer=args.infer_participants)
        rest = [e for e in select(entries, "all") if e not in chosen]
        table = with_kinds(table_of(readouts), table_of(judged_positions(rest, infer=args.infer_participants)))
        conf = calibrated(table)
        print(header + ": precision per kind of evidence")
        for k, (n, r) in sorted(table.items(), key=lambda kv: -kv[1][0]):
            print(f"{k or '(none)':<28} {n:>5} {r:>5} {r / n if n else 0:>7.3f}  -> {conf.get(k, '-')}")
        ece, high, n_high = cross_validated(readouts)
        print(
            f"leave-one-readout-out: ECE {ece:.4f}; precision at >= 0.9: "
            + (f"{high:.3f} over {n_high} positions" if high is not None else "none at >= 0.9")
        )
        if args.write:
            write_confidence(table, args.split, one_inferred_factor(chosen))
            print(f"wrote {CONFIDENCE_FILE.relative_to(ROOT)}")
        return 0
    if args.cmd == "calibration":
        cal = calibration(chosen, infer=args.infer_participants)
        if args.json:
            print(json.dumps(cal, indent=2))
            return 0
        print(header + (" (participants inferred)" if args.infer_participants else " (participants given)"))
        print(f"{'band':<9} {'n':>5} {'right':>6} {'precision':>9} {'mean conf':>9}")
        for b in cal["bands"]:
            print(f"{b['band']:<9} {b['n']:>5} {b['right']:>6} {b['precision']:>9.3f} {b['mean_confidence']:>9.3f}")
        print(f"positions {cal['positions']}; ECE {cal['ece']:.4f}; precision at >= 0.9: {cal['precision_at_0.9']}")
        return 0
    settings = [True] if args.infer_participants else [False, True]
    results = {}
    for infer in settings:
        misses: list[str] | None = [] if args.verbose else None
        m = score_entries(chosen, infer=infer, misses=misses)
        key = "participants inferred" if infer else "participants given"
        results[key] = m
        if not args.json:
            print(_table(f"{header} ({key})", m))
            if misses:
                print("\n".join(misses))
            print()
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
