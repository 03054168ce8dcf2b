#!/usr/bin/env python3
"""Instructions per bench readout, counted by callgrind: the annotator's speed as a steady figure.

    .venv/bin/python bench/count_instructions.py [--docs 50] [--seed 7] [--infer] [--warm]

Docs/s on this box vary 2x with the other tenants' load; instruction counts do not. The script
runs this file twice under `valgrind --tool=callgrind` (PYTHONHASHSEED=0, so set and dict orders
are the same every run): once annotating the bench generator's first `--docs` readouts
(bench/bench_annotate.py's corpus, seed 7, participants given unless `--infer`), once doing all
the same work except the annotation. Both first annotate one readout, as bench_annotate.py does
before its clock starts (lexicons, model and shared patterns load once per process). The
difference divided by `--docs` is the figure printed.
`--warm` annotates the readouts once before the counted pass, so the per-leader-pair pattern
compiles and memos are paid outside the count. docs/performance.md ("Annotator") keeps the figures;
≤ 38M instructions per readout is about 200 readouts/s on one core of this box.

`--tree DIR` counts the annotator and data files of another checkout (a `git worktree` of an older
commit) over the same readouts, for a before/after pair.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _child(tree: Path, docs: int, seed: int, infer: bool, warm: bool, annotate_them: bool) -> None:
    import random

    from bench_annotate import make_doc

    # bench_annotate put this checkout's root first; the counted tree's `app` must win.
    sys.path.insert(0, str(tree))
    for name in [m for m in sys.modules if m == "app" or m.startswith("app.")]:
        del sys.modules[name]
    from app.annotate import annotate, load_topic_specs

    topics = load_topic_specs(tree / "data" / "topics.yaml")
    rng = random.Random(seed)
    corpus = [make_doc(rng) for _ in range(docs)]
    # One readout first, in both children, as bench_annotate.py times: the lexicons, the model and
    # the shared patterns load once per process, which is no cost per readout.
    text, parts = corpus[0]
    annotate(text, topics=topics, participants=None if infer else parts)
    passes = (2 if warm else 1) if annotate_them else (1 if warm else 0)
    for _ in range(passes):
        for text, parts in corpus:
            annotate(text, topics=topics, participants=None if infer else parts)


def _count(args: argparse.Namespace, annotate_them: bool) -> int:
    """Instructions of one child run under callgrind (the `totals:` line of its output file)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            "annotate" if annotate_them else "base",
            "--docs",
            str(args.docs),
            "--seed",
            str(args.seed),
            "--tree",
            str(args.tree),
        ]
        cmd += ["--infer"] if args.infer else []
        cmd += ["--warm"] if args.warm else []
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        match = re.search(r"^(?:totals|summary): (\d+)", out.read_text(), re.M)
        if match is None:
            raise SystemExit(f"no totals line in {out}")
        return int(match.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--infer", action="store_true", help="infer participants instead of passing them")
    ap.add_argument("--warm", action="store_true", help="annotate the readouts once before the counted pass")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose annotator is counted")
    ap.add_argument("--child", choices=("annotate", "base"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        # The warm pass belongs to both children, so the difference is one counted pass.
        _child(args.tree.resolve(), args.docs, args.seed, args.infer, args.warm, args.child == "annotate")
        return 0
    full = _count(args, annotate_them=True)
    base = _count(args, annotate_them=False)
    per = (full - base) / args.docs
    mode = "inferred" if args.infer else "given"
    warm = ", warm" if args.warm else ""
    print(
        f"{per / 1e6:.2f}M instructions per readout "
        f"({args.docs} readouts, seed {args.seed}, {mode}{warm}, tree {args.tree.resolve()})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
