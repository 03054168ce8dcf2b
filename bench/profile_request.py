#!/usr/bin/env python3
"""Where one request's time goes: the app called in-process as ASGI, no server, no socket.

    .venv/bin/python bench/profile_request.py --db bench/results/tmp/100000.sqlite3 [--path /v1/positions/{id}]
        [--requests 3000] [--profiler cprofile|pyinstrument|none] [--top 30] [--cpu 1]

`{id}` in the path is replaced by a random position id per request (seeded). Prints the mean time per
request (the ASGI app alone: what a server adds comes on top), then the profile of the same requests:
cProfile's top functions by cumulative and by own time, or pyinstrument's call tree.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def scope_for(path_qs: str) -> dict[str, Any]:
    path, _, query = path_qs.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"profile"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


async def call(app: Any, path_qs: str) -> tuple[int, bytes]:
    status, body = 0, bytearray()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    await app(scope_for(path_qs), receive, send)
    return status, bytes(body)


async def run(app: Any, paths: list[str]) -> None:
    for p in paths:
        status, body = await call(app, p)
        if status != 200:
            raise SystemExit(f"{p}: {status} {body[:300]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--path", default="/v1/positions/{id}")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--profiler", choices=["cprofile", "pyinstrument", "none"], default="cprofile")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--cpu", type=int, default=1, help="core to pin to; -1 does not pin")
    args = parser.parse_args()
    if args.cpu >= 0:
        os.sched_setaffinity(0, {args.cpu})
    os.environ["DATABASE_URL"] = f"sqlite:///{args.db.resolve()}"
    from app.main import create_app

    app = create_app()
    with sqlite3.connect(args.db) as conn:
        max_id = conn.execute("SELECT max(id) FROM position").fetchone()[0]
    rng = random.Random(7)
    paths = [args.path.replace("{id}", str(rng.randint(1, max_id))) for _ in range(args.requests)]
    loop = asyncio.new_event_loop()
    loop.run_until_complete(run(app, paths[:200]))  # warm: connections, caches, imports
    for _ in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        loop.run_until_complete(run(app, paths))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"{args.path}: {wall / len(paths) * 1e6:.0f} µs wall, {cpu / len(paths) * 1e6:.0f} µs CPU "
            "per request (the app alone)"
        )
    if args.profiler == "cprofile":
        profile = cProfile.Profile()
        profile.enable()
        loop.run_until_complete(run(app, paths))
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    elif args.profiler == "pyinstrument":
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0001)
        profiler.start()
        loop.run_until_complete(run(app, paths))
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
