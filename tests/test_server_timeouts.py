"""`summit serve` closes connections a client leaves half-open (issue 13: 200 connections that sent part
of their headers were still open after 12 s): a deadline for each request's headers, a keep-alive timeout."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

import httpx

from tests.live_server import summit_server


def _connect(base: str) -> socket.socket:
    parts = urlsplit(base)
    sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=10)
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    """(closed by the server within `seconds`, what it sent before closing)."""
    sock.settimeout(seconds)
    received = b""
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return True, received
            received += chunk
    except TimeoutError:
        return False, received
    except ConnectionResetError:
        return True, received


def test_half_sent_headers_get_a_408_and_the_connection_closes(database_url: str) -> None:
    with summit_server(database_url, HEADER_TIMEOUT_SECONDS="1", KEEP_ALIVE_TIMEOUT_SECONDS="1") as base:
        started = time.monotonic()
        sockets = [_connect(base) for _ in range(50)]
        for sock in sockets:
            sock.sendall(b"GET /v1/positions HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        silent = _connect(base)  # connects and never sends a byte
        results = [_closed_within(sock, 5) for sock in [*sockets, silent]]
        assert all(closed for closed, _ in results)
        assert time.monotonic() - started < 6
        assert all(sent.startswith(b"HTTP/1.1 408") for _, sent in results)
        for sock in [*sockets, silent]:
            sock.close()
        # The server still answers everyone else.
        assert httpx.get(f"{base}/v1/positions", timeout=5).status_code == 200


def test_an_idle_keep_alive_connection_closes_and_a_slow_but_steady_client_is_served(database_url: str) -> None:
    with summit_server(database_url, HEADER_TIMEOUT_SECONDS="2", KEEP_ALIVE_TIMEOUT_SECONDS="1") as base:
        sock = _connect(base)
        for part in (b"GET /health HTTP/1.1\r\n", b"Host: x\r\n", b"\r\n"):
            sock.sendall(part)
            time.sleep(0.3)  # within the header deadline
        closed, sent = _closed_within(sock, 4)
        assert sent.startswith(b"HTTP/1.1 200")
        assert closed  # idle after its answer: closed by the keep-alive timeout
        sock.close()
