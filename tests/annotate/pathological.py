"""Inputs built to provoke runaway regular expressions: huge unbroken words, unclosed quotations,
frames without end. The tests check the annotator's answers on them stay well-formed; their cost is
printed by `bench/bench_annotate.py --pathological`, never asserted (timings are noisy)."""

CASES: list[str] = [
    "A" * 50000 + ", Aug. 5 " + "x" * 5000,
    "Lula " + "a" * 50000 + " said.",
    "\u201c" + "a " * 30000,
    "On " + "x " * 30000 + ", Lula said.",
    "Lula, also " + "x " * 30000 + ", said yes.",
    " ".join(["U.S."] * 20000),
    ("x" * 70 + "\n") * 5000,
    "Lula, " * 20000 + "said.",
]
