"""How `summit serve` runs uvicorn: timeouts that close connections a client leaves half-open.

uvicorn closes an idle keep-alive connection after `timeout_keep_alive`, but it has no timer on a
connection that has not finished sending a request's headers: 200 clients that each send half a
request line hold 200 sockets (and file descriptors) for as long as they like (slowloris). The protocol
below gives every request `header_timeout_seconds` from its first byte (or from the connection's
opening) to complete its headers, then answers 408 and closes. Behind a reverse proxy the proxy's own
timeouts come first (README, "Running in production").
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.core.config import get_settings

REQUEST_TIMEOUT = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request's headers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = get_settings().header_timeout_seconds
        self.header_deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        if self.header_deadline is None and self.header_timeout > 0:
            self.header_deadline = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self.header_deadline is not None:
            self.header_deadline.cancel()
            self.header_deadline = None

    def _headers_too_slow(self) -> None:
        self.header_deadline = None
        if not self.transport.is_closing():
            self.transport.write(REQUEST_TIMEOUT)
            self.transport.close()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(cast(asyncio.Transport, transport))  # a stream server's transports are
        self._arm()  # a connection that never sends anything is closed too

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_options() -> dict[str, Any]:
    """The uvicorn settings `summit serve` adds to host, port and workers."""
    settings = get_settings()
    return {
        "http": HeaderTimeoutProtocol,
        "timeout_keep_alive": settings.keep_alive_timeout_seconds,
        "timeout_graceful_shutdown": settings.graceful_shutdown_seconds,
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
    }
