#!/usr/bin/env python3
"""Annotate + ingest on one core: synthetic ~500-word readouts annotated with app.annotate and stored
through the bulk path (app/ingest/bulk.py) into a fresh, migrated and seeded SQLite database.

    .venv/bin/python bench/bench_ingest.py [--docs 400] [--seed 7] [--cpu 1] [--batch-size 2000]

Readouts come from bench_annotate.make_doc (generated before any clock starts). Prints documents/s
for annotating alone, for ingesting the annotations alone, and for both in one stream (each
readout annotated, then stored in batches, as `summit ingest` of a folder of readouts would do if it
annotated in bulk), wall clock and CPU time. Target (issue #5): annotate + ingest >= 150 documents/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# This tree's `app` and bench scripts ahead of the editable install (a worktree measures its own code).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_annotate import make_doc
from sqlmodel import Session

from app.annotate import ANNOTATOR_VERSION, Annotation, Participant, annotate, load_topic_specs
from app.core.config import Settings
from app.core.db import make_engine
from app.core.migrate import upgrade
from app.ingest.bulk import BATCH_SIZE, bulk_ingest
from app.ingest.seed import seed
from app.schemas import DocumentIn

ROOT = Path(__file__).resolve().parents[1]

Readout = tuple[DocumentIn, list[Participant]]


def readouts(n: int, seed_: int) -> list[Readout]:
    """`n` readouts with the metadata a client sends (date, kind, participants by name)."""
    rng = random.Random(seed_)
    out = []
    for k in range(n):
        text, parts = make_doc(rng)
        date = dt.date(2020, 1, 1) + dt.timedelta(days=k % 1500)
        out.append((DocumentIn(text=text, date=date, kind="phone call", participants=[p.name for p in parts]), parts))
    return out


def fresh_database(folder: Path, name: str) -> Settings:
    settings = Settings(database_url=f"sqlite:///{folder / name}")
    upgrade(settings)
    engine = make_engine(settings)
    with Session(engine) as session:
        seed(session, settings.data_dir)
    engine.dispose()
    return settings


class Clock:
    """Wall and CPU time of a block."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def rate(n: int, clock: Clock) -> str:
    return f"{n / clock.wall:7.0f} docs/s wall, {n / clock.cpu:7.0f} docs/s CPU ({clock.wall:.2f} s)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cpu", type=int, default=1, help="core to pin to (-1: no pinning)")
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    args = ap.parse_args(argv)
    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})  # one core, as the target says
    topics = load_topic_specs(ROOT / "data" / "topics.yaml")
    docs = readouts(args.docs, args.seed)
    annotate(docs[0][0].text, topics=topics, participants=docs[0][1])  # warm caches (compiled patterns)

    def annotated() -> Iterator[tuple[DocumentIn, Annotation]]:
        for payload, parts in docs:
            yield payload, annotate(payload.text, topics=topics, participants=parts)

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp)
        with Clock() as a:
            items = list(annotated())
        positions = sum(len(ann.positions) for _, ann in items)

        engine = make_engine(fresh_database(folder, "ingest.sqlite3"))
        with Session(engine) as session, Clock() as b:
            alone = bulk_ingest(session, items, method=ANNOTATOR_VERSION, batch_size=args.batch_size)
        engine.dispose()

        engine = make_engine(fresh_database(folder, "both.sqlite3"))
        with Session(engine) as session, Clock() as c:
            both = bulk_ingest(session, annotated(), method=ANNOTATOR_VERSION, batch_size=args.batch_size)
        engine.dispose()

    n = len(docs)
    assert alone.documents == both.documents == n and not alone.errors, (alone.errors[:3], both.errors[:3])
    pinned = f"core {args.cpu}" if args.cpu >= 0 else "not pinned"
    print(f"documents: {n}  positions: {positions}  ({positions / n:.1f}/doc; {pinned})")
    print(f"annotate alone:     {rate(n, a)}")
    print(f"ingest alone:       {rate(n, b)}   (bulk path's own clock: {alone.documents_per_second:.0f} docs/s)")
    print(f"annotate + ingest:  {rate(n, c)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
