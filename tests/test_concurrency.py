"""Concurrent writers and readers against a live multi-worker server: no errors, nothing lost."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.live_server import live_server
from tests.readouts import readout

WRITERS, DOCS_PER_WRITER, READERS, RACERS = 4, 8, 2, 4


def test_concurrent_ingest_and_reads(db_file: Path, api_key: str) -> None:
    auth = {"Authorization": f"Bearer {api_key}"}
    with live_server(db_file, workers=2, WRITE_RATE_LIMIT="off") as base:
        stop = threading.Event()
        read_statuses: list[int] = []

        def writer(w: int) -> list[httpx.Response]:
            with httpx.Client(base_url=base, timeout=60) as client:
                out = []
                for k in range(DOCS_PER_WRITER):
                    text, date = readout(1000 + w * DOCS_PER_WRITER + k)
                    out.append(client.post("/v1/documents", json={"text": text, "date": date}, headers=auth))
                return out

        def reader() -> None:
            with httpx.Client(base_url=base, timeout=60) as client:
                while not stop.is_set():
                    for path in ("/v1/positions?limit=50", "/v1/documents", "/v1/topics/vaccines"):
                        read_statuses.append(client.get(path).status_code)

        def racer(_: int) -> httpx.Response:
            text, date = readout(999)
            with httpx.Client(base_url=base, timeout=60) as client:
                return client.post("/v1/documents", json={"text": text, "date": date}, headers=auth)

        started = time.monotonic()
        readers = [threading.Thread(target=reader) for _ in range(READERS)]
        for t in readers:
            t.start()
        with ThreadPoolExecutor(WRITERS + RACERS) as pool:
            writes = pool.map(writer, range(WRITERS))
            races = list(pool.map(racer, range(RACERS)))
            responses = [r for batch in writes for r in batch]
        stop.set()
        for t in readers:
            t.join()
        elapsed = time.monotonic() - started

        assert [r.status_code for r in responses] == [201] * WRITERS * DOCS_PER_WRITER, [
            r.text for r in responses if r.status_code != 201
        ][:3]
        assert sorted(r.status_code for r in races) == [201] + [409] * (RACERS - 1)
        assert read_statuses and set(read_statuses) == {200}

        with httpx.Client(base_url=base, timeout=60) as client:
            created = [r.json() for r in responses] + [r.json() for r in races if r.status_code == 201]
            expected_positions = 15
            for doc in created:
                stored = client.get(f"/v1/documents/{doc['id']}").json()
                assert stored["position_count"] == len(doc["positions"]) > 0
                expected_positions += len(doc["positions"])
            assert client.get("/v1/documents").json()["total"] == 1 + len(created)
            assert client.get("/v1/positions").json()["total"] == expected_positions
    print(
        f"\n{WRITERS} writers x {DOCS_PER_WRITER} docs + {RACERS} racers + {READERS} readers: "
        f"{len(read_statuses)} reads, {elapsed:.1f}s, 0 errors"
    )
