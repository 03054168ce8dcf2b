#!/usr/bin/env python3
"""Write costs through the API, in process (TestClient), on a fresh migrated and seeded SQLite file:

1. durability: PATCH /v1/positions/{id} (one small write transaction each) and POST /v1/documents of a
   ~500-word readout, under SQLITE_SYNCHRONOUS=FULL (the default) and NORMAL;
2. readout size: POST /v1/documents of one readout of growing size (dense synthetic readouts,
   bench_annotate.make_doc), timing the whole request; the largest that stores in under 1 s.

    .venv/bin/python bench/bench_writes.py [--patches 300] [--posts 40] [--sizes 2000,5000,...]

Results go to docs/performance.md by hand ("Writes").
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
warnings.filterwarnings("ignore")


def fresh(folder: Path, name: str, synchronous: str) -> tuple[Any, str]:
    from sqlmodel import Session

    from app.access.keys import create_key
    from app.core.config import Settings
    from app.core.db import make_engine
    from app.core.migrate import upgrade
    from app.ingest.seed import seed

    settings = Settings.model_validate(
        {
            "database_url": f"sqlite:///{folder / name}",
            "sqlite_synchronous": synchronous,
            "write_rate_limit": "off",
            "max_body_bytes": 4_000_000,
        }
    )
    upgrade(settings)
    engine = make_engine(settings)
    with Session(engine) as session:
        seed(session, settings.data_dir)
        _, key = create_key(session, "bench")
    engine.dispose()
    return settings, key


def ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
    }


def durability(folder: Path, patches: int, posts: int) -> dict[str, object]:
    from bench_annotate import make_doc
    from fastapi.testclient import TestClient

    from app.core.db import make_engine
    from app.main import create_app

    out: dict[str, object] = {}
    rng = random.Random(5)
    docs = [make_doc(rng) for _ in range(posts)]
    for mode in ("FULL", "NORMAL"):
        settings, key = fresh(folder, f"durability-{mode}.sqlite3", mode)
        auth = {"Authorization": f"Bearer {key}"}
        with TestClient(create_app(settings)) as client:
            timings = []
            for i in range(patches):
                started = time.perf_counter()
                r = client.patch(f"/v1/positions/{1 + i % 15}", json={"act": ("commit", "assert")[i % 2]}, headers=auth)
                timings.append(time.perf_counter() - started)
                assert r.status_code == 200, r.text
            post_timings = []
            for k, (text, parts) in enumerate(docs):
                body = {"text": text, "date": f"2022-01-{1 + k % 28:02d}", "participants": [p.name for p in parts]}
                started = time.perf_counter()
                r = client.post("/v1/documents", json=body, headers=auth)
                post_timings.append(time.perf_counter() - started)
                assert r.status_code in (201, 409), r.text
        engine = make_engine(settings)
        commits = []
        with engine.connect() as conn:
            conn.exec_driver_sql("CREATE TABLE bench_commit (x INTEGER)")
            conn.commit()
            for i in range(patches):
                started = time.perf_counter()
                conn.exec_driver_sql(f"INSERT INTO bench_commit VALUES ({i})")
                conn.commit()
                commits.append(time.perf_counter() - started)
        engine.dispose()
        out[mode] = {"commit_one_row": ms(commits), "patch": ms(timings), "post_500_words": ms(post_timings)}
    return out


def sizes(folder: Path, words_list: list[int]) -> list[dict[str, object]]:
    from bench_annotate import make_doc
    from fastapi.testclient import TestClient

    from app.main import create_app

    settings, key = fresh(folder, "sizes.sqlite3", "FULL")
    auth = {"Authorization": f"Bearer {key}"}
    rng = random.Random(11)
    rows = []
    with TestClient(create_app(settings)) as client:
        for k, words in enumerate(words_list):
            text, parts = make_doc(rng, words=words)
            body = {"text": text, "date": f"2023-02-{1 + k % 28:02d}", "participants": [p.name for p in parts]}
            started = time.perf_counter()
            r = client.post("/v1/documents", json=body, headers=auth)
            elapsed = time.perf_counter() - started
            assert r.status_code == 201, r.text[:300]
            doc = r.json()
            rows.append(
                {
                    "words": words,
                    "kb": round(len(text.encode()) / 1000, 1),
                    "positions": doc["position_count"],
                    "seconds": round(elapsed, 3),
                    "response_kb": round(len(r.content) / 1000, 1),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patches", type=int, default=300)
    parser.add_argument("--posts", type=int, default=40)
    parser.add_argument("--sizes", default="500,2000,4000,6000,8000,10000,12000,16000,24000,160000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(
        prefix="bench-writes-", dir=ROOT / "var" if (ROOT / "var").is_dir() else None
    ) as d:
        folder = Path(d)
        result = {
            "durability": durability(folder, args.patches, args.posts),
            "sizes": sizes(folder, [int(w) for w in args.sizes.split(",")]),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
