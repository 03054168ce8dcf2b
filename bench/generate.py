#!/usr/bin/env python3
"""Write a synthetic corpus of N positions through the project's own migrations, seed and bulk path.

    .venv/bin/python bench/generate.py --positions 1000000 --url sqlite:///bench/results/tmp/1000000.sqlite3

Prints one JSON line: documents, positions, seconds and documents/s of the bulk load.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

# This tree's `app` ahead of the editable install (which points at the main checkout), so the script run
# from a `git worktree` of another commit generates with that commit's code. (bench/, for `corpus`, is
# already first on sys.path: it is the script's own directory.)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import corpus
from sqlalchemy import text
from sqlmodel import Session, select

from app.core.config import Settings
from app.core.db import make_engine, run
from app.core.migrate import upgrade
from app.ingest.bulk import bulk_ingest
from app.ingest.seed import seed
from app.models import Leader, Topic

GENERATE_BATCH = 25_000


def registry(session: Session) -> None:
    """The synthetic leaders and topics the corpus uses, next to the seed's own."""
    known = set(session.exec(select(Leader.slug)).all())
    for le in corpus.leaders():
        if le.slug not in known:
            session.add(Leader(slug=le.slug, name=le.name, country=le.country, office="President", aliases=[]))
    have = set(session.exec(select(Topic.slug)).all())
    for slug in corpus.topics():
        if slug not in have:
            session.add(Topic(slug=slug, name=slug.replace("-", " ").capitalize(), keywords=[]))
    session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, required=True)
    parser.add_argument("--url", required=True, help="SQLAlchemy URL of an empty database")
    parser.add_argument(
        "--no-initial-load",
        action="store_true",
        help="load through the ordinary batched path instead of the initial-load mode",
    )
    args = parser.parse_args()
    settings = Settings(database_url=args.url)
    started = time.perf_counter()
    upgrade(settings)
    engine = make_engine(settings)
    with Session(engine) as session:
        seed(session, settings.data_dir)
        registry(session)
        seeded_positions = run(session, text("SELECT count(*) FROM position")).scalar_one()
        n_docs = max(1, args.positions // corpus.POSITIONS_PER_DOCUMENT)
        # The initial-load mode (both engines): one transaction that drops the secondary indexes (and on
        # PostgreSQL the constraints), loads 25,000 documents per batch, derives position_key,
        # position_count and the search rows once and rebuilds what it dropped; it refuses a database
        # holding more than the seed's positions. --no-initial-load: the ordinary path, one transaction
        # per batch with the indexes kept up to date.
        report = bulk_ingest(
            session,
            corpus.documents(n_docs),
            batch_size=GENERATE_BATCH,
            initial_load=not args.no_initial_load,
            expect_positions=seeded_positions,
        )
        session.connection().exec_driver_sql("ANALYZE")
        session.commit()
    engine.dispose()
    print(
        json.dumps(
            {
                "documents": report.documents,
                "positions": report.positions,
                "errors": len(report.errors),
                "bulk_seconds": round(report.seconds, 1),
                "documents_per_second": round(report.documents_per_second),
                "total_seconds": round(time.perf_counter() - started, 1),
            }
        )
    )
    if report.errors:
        print(report.errors[:5], file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
