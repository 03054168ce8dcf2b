#!/usr/bin/env python3
"""Write costs through the API, in process (TestClient), on a fresh migrated and seeded SQLite file:

1. durability: PATCH /v1/positions/{id} (one small write transaction each) and POST /v1/documents of a
   ~500-word readout, under SQLITE_SYNCHRONOUS=FULL (the default) and NORMAL;
2. readout size: POST /v1/documents of one readout of growing size (dense synthetic readouts,
   bench_annotate.make_doc), timing the whole request and how long it held the write lock (from its
   first INSERT/UPDATE/DELETE to the end of its commit); the largest that stores in under 1 s;
3. contention: while one big readout is being stored, WRITERS other processes (each its own app on the
   same file, like server workers) POST small readouts in a loop; how many got 201 and how many 503.

    .venv/bin/python bench/bench_writes.py [--parts durability,sizes,contention] [--patches 300] [--posts 40]
        [--sizes 500,1000,...] [--big-words 160000] [--writers 4]

To compare two versions of the code, run this same file from each checkout (it imports the app of the
tree it sits in), e.g. a `git worktree` of the old commit. Results go to docs/performance.md by hand ("Writes").
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
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


class LockClock:
    """How long each write transaction held the write lock: from the end of its first INSERT, UPDATE or
    DELETE (SQLite has granted the lock by then; a wait for it is not counted) to the end of its commit.
    Single-threaded use."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event
        from sqlmodel import Session

        self.first: float | None = None
        self.holds: list[float] = []
        event.listen(engine, "after_cursor_execute", self._statement)
        event.listen(Session, "after_commit", self._committed)
        event.listen(Session, "after_rollback", self._rolled_back)

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.first is None and statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.first = time.perf_counter()

    def _committed(self, _session: Any) -> None:
        if self.first is not None:
            self.holds.append(time.perf_counter() - self.first)
        self.first = None

    def _rolled_back(self, _session: Any) -> None:
        self.first = None

    def longest(self) -> float:
        """The longest hold since the last call (a request may commit more than once: the key's last use)."""
        out, self.holds = max(self.holds, default=0.0), []
        return out


def sizes(folder: Path, words_list: list[int]) -> list[dict[str, object]]:
    from bench_annotate import make_doc
    from fastapi.testclient import TestClient

    from app.main import create_app

    settings, key = fresh(folder, "sizes.sqlite3", "FULL")
    auth = {"Authorization": f"Bearer {key}"}
    rng = random.Random(11)
    rows = []
    app = create_app(settings)
    clock = LockClock(app.state.engine)
    with TestClient(app) as client:
        # The first request pays for imports and compiled patterns; not a size's cost.
        warm, parts = make_doc(random.Random(3), words=300)
        body = {"text": warm, "date": "2023-01-31", "participants": [p.name for p in parts]}
        assert client.post("/v1/documents", json=body, headers=auth).status_code == 201
        for k, words in enumerate(words_list):
            text, parts = make_doc(rng, words=words)
            body = {"text": text, "date": f"2023-02-{1 + k % 28:02d}", "participants": [p.name for p in parts]}
            clock.longest()
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
                    "lock_seconds": round(clock.longest(), 3),
                    "response_kb": round(len(r.content) / 1000, 1),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr)
    return rows


def _small_writer(database_url: str, key: str, seed: int, start: Any, stop: Any, out: Any) -> None:
    """One process POSTing small readouts until `stop` is set; puts its (status, seconds) list on `out`."""
    import logging

    from bench_annotate import make_doc
    from fastapi.testclient import TestClient

    from app.core.config import Settings
    from app.main import create_app

    logging.disable(logging.WARNING)  # the 503s log a warning each
    settings = Settings.model_validate(
        {"database_url": database_url, "write_rate_limit": "off", "max_body_bytes": 4_000_000}
    )
    rng = random.Random(seed)
    results = []
    # A 500 is counted, not raised. Each writer its own date: two readouts of the same leaders on the
    # same day race for one document id, which is not what this measures.
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        auth = {"Authorization": f"Bearer {key}"}
        client.post("/v1/annotate", json={"text": "Warm-up.", "date": "2023-03-01"}, headers=auth)
        out.put("ready")
        start.wait()
        k = 0
        while not stop.is_set():
            text, parts = make_doc(rng, words=120)
            date = f"2023-{3 + seed % 9:02d}-{1 + k % 28:02d}"
            body = {"text": f"{text} Ref {seed}-{k}.", "date": date, "participants": [p.name for p in parts]}
            began = time.perf_counter()
            r = client.post("/v1/documents", json=body, headers=auth)
            results.append((r.status_code, time.perf_counter() - began))
            k += 1
    out.put(results)


def contention(folder: Path, big_words: int, writers: int) -> dict[str, object]:
    from bench_annotate import make_doc
    from fastapi.testclient import TestClient

    from app.main import create_app

    settings, key = fresh(folder, "contention.sqlite3", "FULL")
    ctx = mp.get_context("spawn")
    start, stop, out = ctx.Event(), ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_small_writer, args=(settings.database_url, key, 100 + w, start, stop, out))
        for w in range(writers)
    ]
    for proc in procs:
        proc.start()
    text, parts = make_doc(random.Random(11), words=big_words)
    body = {"text": text, "date": "2023-02-01", "participants": [p.name for p in parts]}
    app = create_app(settings)
    clock = LockClock(app.state.engine)
    with TestClient(app) as client:
        auth = {"Authorization": f"Bearer {key}"}
        client.post("/v1/annotate", json={"text": "Warm-up.", "date": "2023-03-01"}, headers=auth)
        for _ in procs:  # the writers' imports and app start-up (spawned interpreters)
            assert out.get() == "ready"
        clock.longest()
        start.set()
        time.sleep(0.5)  # the small writers are under way
        began = time.perf_counter()
        r = client.post("/v1/documents", json=body, headers=auth)
        big_seconds = time.perf_counter() - began
        assert r.status_code == 201, r.text[:300]
        lock = clock.longest()
    time.sleep(0.5)
    stop.set()
    results = [item for _ in procs for item in out.get()]
    for proc in procs:
        proc.join()
    statuses: dict[str, int] = {}
    for status, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    stored = [sec for status, sec in results if status == 201]
    return {
        "big_words": big_words,
        "big_positions": r.json()["position_count"],
        "big_seconds": round(big_seconds, 2),
        "big_lock_seconds": round(lock, 3),
        "writers": writers,
        "small_posts": len(results),
        "statuses": statuses,
        "small_201": ms(stored) if stored else None,
        "small_max_s": round(max((sec for _, sec in results), default=0.0), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--parts", default="durability,sizes,contention")
    parser.add_argument("--patches", type=int, default=300)
    parser.add_argument("--posts", type=int, default=40)
    parser.add_argument(
        "--sizes", default="500,1000,2000,3000,4000,6000,8000,12000,16000,24000,32000,48000,64000,160000"
    )
    parser.add_argument("--big-words", type=int, default=160000)
    parser.add_argument("--writers", type=int, default=4)
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    with tempfile.TemporaryDirectory(
        prefix="bench-writes-", dir=ROOT / "var" if (ROOT / "var").is_dir() else None
    ) as d:
        folder = Path(d)
        result: dict[str, object] = {}
        if "durability" in parts:
            result["durability"] = durability(folder, args.patches, args.posts)
        if "sizes" in parts:
            result["sizes"] = sizes(folder, [int(w) for w in args.sizes.split(",")])
        if "contention" in parts:
            result["contention"] = contention(folder, args.big_words, args.writers)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
