"""HTTP caching of GET responses: an ETag from the data version, `If-None-Match` → 304, Cache-Control.

The ETag is computed before the endpoint runs, from the database's data version (a counter that
triggers bump on every write to a served table, migration 0100), the request and the app version,
so a revalidation costs one primary-key read and no query — and streamed exports get one too.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.core.db import data_version


def etag_for(request: Request, version: int) -> str:
    # Everything a GET body depends on: the data, the code, the URL (with host: permalinks are absolute)
    # and the negotiated format.
    key = "|".join((__version__, str(version), str(request.url), request.headers.get("accept", "")))
    return f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


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
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        headers = {"Cache-Control": request.app.state.settings.cache_control, "Vary": "Accept"}
        # A primary-key read: cheaper inline than the thread handoff (the handler's query waits for it anyway).
        version = data_version(request.app.state.engine)
        etag = etag_for(request, version) if version is not None else None
        if etag and matches(request.headers.get("if-none-match"), etag):
            await Response(status_code=304, headers={**headers, "ETag": etag})(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                response_headers = MutableHeaders(scope=message)
                response_headers["Cache-Control"] = headers["Cache-Control"]
                response_headers.add_vary_header("Accept")
                if etag:
                    response_headers["ETag"] = etag
            await send(message)

        await self.app(scope, receive, send_with_headers)
