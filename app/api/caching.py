"""HTTP caching of GET responses: an ETag from the data version, `If-None-Match` → 304, Cache-Control.

The ETag is computed before the endpoint runs, from the database's data version (a counter that
triggers bump on every write to a served table, migration 0100; read as app.core.reads says), the
request and the app version, so a revalidation costs no query — and streamed exports get one too.
"""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.datastructures import URL, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__

# Every response names the dataset version it was answered at (app.dataset.versions): "as of version N".
VERSION_HEADER = "X-Dataset-Version"


def etag(url: str, accept: str, version: int) -> str:
    """Everything a GET body depends on: the data, the code, the URL (with host: permalinks are absolute)
    and the negotiated format (the Accept header)."""
    key = "|".join((__version__, str(version), url, accept))
    return f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


def request_headers(scope: Scope) -> tuple[str, str | None]:
    """The request's Accept (empty if none) and If-None-Match, as Starlette's `Headers` reads them."""
    accept, if_none_match = None, None
    for name, value in scope["headers"]:
        if name == b"accept" and accept is None:
            accept = value.decode("latin-1")
        elif name == b"if-none-match" and if_none_match is None:
            if_none_match = value.decode("latin-1")
    return accept or "", if_none_match


async def send_not_modified(
    scope: Scope, receive: Receive, send: Send, cache_control: str, tag: str, version: int | None = None
) -> None:
    headers = {"Cache-Control": cache_control, "Vary": "Accept", "ETag": tag}
    if version is not None:
        headers[VERSION_HEADER] = str(version)
    await Response(status_code=304, headers=headers)(scope, receive, send)


def matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison (RFC 9110 §13.1.2), as If-None-Match requires."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    return any(tag.strip() == "*" or tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


class HttpCacheMiddleware:
    """Pure ASGI (not BaseHTTPMiddleware), so responses keep their Content-Length and gzip's size threshold."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Static assets are not data: their URLs carry a content hash, and they keep their own year-long
        # Cache-Control and ETag (app.web.assets).
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        if scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, _after_write(send, state.reads))
            return
        cache_control: str = state.settings.cache_control
        accept, if_none_match = request_headers(scope)
        # Read inline, before the endpoint: a few µs (app.core.reads), less than a thread handoff.
        version = state.reads.data_version()
        tag = etag(str(URL(scope=scope)), accept, version) if version is not None else None
        if tag and matches(if_none_match, tag):
            await send_not_modified(scope, receive, send, cache_control, tag, version)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                response_headers = MutableHeaders(scope=message)
                response_headers["Cache-Control"] = cache_control
                response_headers.add_vary_header("Accept")
                if tag:
                    response_headers["ETag"] = tag
            if message["type"] == "http.response.start" and version is not None:
                MutableHeaders(scope=message)[VERSION_HEADER] = str(version)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _after_write(send: Send, reads: Any) -> Send:
    """`send` that names the data version once the endpoint answered (after its write committed)."""

    async def send_with_version(message: Message) -> None:
        if message["type"] == "http.response.start":
            try:
                version = reads.data_version()
            except Exception:  # the answer goes out without the header rather than not at all
                version = None
            if version is not None:
                MutableHeaders(scope=message)[VERSION_HEADER] = str(version)
        await send(message)

    return send_with_version
