"""Floors on the real-readout set (data/real_readouts/), dev and held-out splits.

The texts are third-party prose and are not in git: without them (as in CI) these tests
skip, saying how to rebuild them. Floors sit a little below what the annotator reaches, so
that a regression on real copy fails here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("realset", ROOT / "bench" / "realset.py")
assert _spec and _spec.loader
realset = importlib.util.module_from_spec(_spec)
sys.modules["realset"] = realset
_spec.loader.exec_module(realset)

ENTRIES = realset.load_set()

# F1 floors: (split, participants inferred) -> metric -> floor. Reached on 460 readouts (300 dev, 160 held
# out; 456 texts present), F1 det/attr/topics/who-said-what: dev given .928/.913/.845/.843, dev inferred
# .928/.900/.844/.833 (the dev figures include the learned detection fallback's in-sample fit: it is trained on
# the dev split), held-out given .852/.796/.727/.724, held-out inferred .839/.767/.719/.707. Floors sit a
# little below, with room for a second annotator's corrections of the gold.
FLOORS = {
    ("dev", False): {"detection": 0.92, "attribution": 0.91, "topics": 0.84, "who-said-what": 0.84},
    ("dev", True): {"detection": 0.92, "attribution": 0.90, "topics": 0.84, "who-said-what": 0.83},
    ("heldout", False): {"detection": 0.85, "attribution": 0.80, "topics": 0.72, "who-said-what": 0.72},
    ("heldout", True): {"detection": 0.84, "attribution": 0.76, "topics": 0.72, "who-said-what": 0.70},
}


PRESENT_SHARE = 0.95


def _entries(split: str) -> list:
    chosen = realset.select(ENTRIES, split)
    whole = [e for e in ENTRIES if e.split == split]
    if len(chosen) < PRESENT_SHARE * len(whole):
        # The floors are figures of the whole split: a small part of it scores something else. A text or
        # two that can no longer be re-collected byte for byte (the stored page changed) moves a figure
        # by less than the floors' margin.
        pytest.skip(
            f"{len(chosen)} of the {len(whole)} texts of the real-readout {split} split are present "
            "(data/real_readouts/texts/ is git-ignored): run `.venv/bin/python bench/realset.py check` "
            "for how to re-collect them"
        )
    return chosen


@pytest.mark.parametrize(
    ("split", "infer"), list(FLOORS), ids=[f"{s}-{'inferred' if i else 'given'}" for s, i in FLOORS]
)
def test_real_readout_floors(split: str, infer: bool) -> None:
    misses: list[str] = []
    m = realset.score_entries(_entries(split), infer=infer, misses=misses if split == "dev" else None)
    low = {k: m[k]["f1"] for k, floor in FLOORS[(split, infer)].items() if m[k]["f1"] < floor}
    # Held-out misses are not printed: that split is measured, never analysed.
    assert not low, f"below floor on {split}: {low}\n" + "\n".join(misses)


def test_split_is_a_function_of_the_id() -> None:
    assert realset.split_of("sputnik-putin-xi-2021-08-25") == realset.split_of("sputnik-putin-xi-2021-08-25")
    ids = [f"outlet-{i}" for i in range(300)]
    held = sum(realset.split_of(i) == "heldout" for i in ids)
    assert 70 < held < 130  # about a third


def test_dev_halves_partition_the_dev_split() -> None:
    ids = [f"outlet-{i}" for i in range(600)]
    dev = {i for i in ids if realset.in_split(i, "dev")}
    a = {i for i in ids if realset.in_split(i, "dev-a")}
    b = {i for i in ids if realset.in_split(i, "dev-b")}
    assert a | b == dev and not a & b
    assert 0.35 < len(a) / len(dev) < 0.65
    assert not any(realset.in_split(i, "dev-a") for i in ids if realset.split_of(i) == "heldout")


def test_gold_files_are_well_formed() -> None:
    """Every committed gold file passes the format checks (spans, speakers, topics); a
    missing text is not a format problem."""
    problems = [
        f"[{e.id}] {p}" for e in ENTRIES for p in e.problems if not p.startswith(("text missing", "text differs"))
    ]
    assert not problems, "\n".join(problems)


def test_leave_one_out_calibration_is_honest_about_a_kind_it_never_saw_right() -> None:
    """A kind of evidence right only in one readout gets no credit for it when that readout is
    left out: the cross-validated figures judge each readout by a calibration fitted without it."""
    right, wrong = ("frame:person", 0.97, True), ("frame:person", 0.97, False)
    readouts = [[right] * 9 + [wrong] for _ in range(5)]
    ece, high, n_high = realset.cross_validated(readouts)
    # Calibrated to 0.9 everywhere, and 90% are right: calibrated, nothing is over-confident.
    assert ece < 0.01
    assert high == 0.9 and n_high == 50
    skewed = [[right] * 10, [wrong] * 10]
    ece, _, _ = realset.cross_validated(skewed)
    # Each readout is judged by the other's precision, shrunk towards the mean: far off, and the figure says so.
    assert ece > 0.5


def test_expected_calibration_error_weighs_bands_by_their_size() -> None:
    assert realset.ece_of([(0.95, True)] * 9 + [(0.95, False)]) == pytest.approx(0.05)
    assert realset.ece_of([(0.55, True), (0.55, False), (0.95, True), (0.95, True)]) == pytest.approx(0.05)


def test_a_kind_the_fitted_split_never_shows_gets_its_overall_precision() -> None:
    """Fitted on the held-out part, a rare kind seen only on the dev part is not left at the
    annotator's prior: it gets the held-out part's overall precision."""
    table = realset.with_kinds({"frame:person": (8, 6), "frame:group": (2, 2)}, ["frame:group", "cited"])
    assert table["frame:group"] == (2, 2)
    conf = realset.calibrated(table)
    assert conf["cited"] == pytest.approx(0.8)
    assert conf["frame:person"] < 0.8 < conf["frame:group"]
