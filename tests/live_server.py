"""Run the real server (uvicorn, several workers) on loopback for tests that need real concurrency."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(db_file: Path, workers: int = 2, **env: str) -> Iterator[str]:
    """Serve the app on db_file at 127.0.0.1:<free port>; yields the base URL; stops the server by PID."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{db_file}", **env},
        start_new_session=True,
    )
    yield from _serving(proc, port, "the server")


@contextmanager
def summit_server(database_url: str, workers: int = 1, **env: str) -> Iterator[str]:
    """`summit serve` itself (its uvicorn options: header and keep-alive timeouts) on 127.0.0.1:<free port>."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env={**os.environ, "DATABASE_URL": database_url, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    yield from _serving(proc, port, "summit serve")


def _serving(proc: subprocess.Popen[bytes], port: int, what: str) -> Iterator[str]:
    """The base URL once `/health` answers 200 (at most 30 s), and the process group stopped afterwards."""
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start")
            time.sleep(0.1)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
