"""HTTP middleware of our own: security headers on every response, the body-size limit, trailing slashes."""

from __future__ import annotations

import contextlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The docs pages load Swagger UI / ReDoc from a CDN, so they get a CSP that allows exactly that.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "worker-src 'self' blob:; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_PATHS = ("/docs", "/redoc", "/docs/oauth2-redirect")
_COMMON = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer"))
_API_HEADERS = (*_COMMON, (b"content-security-policy", API_CSP.encode()))
_DOCS_HEADERS = (*_COMMON, (b"content-security-policy", DOCS_CSP.encode()))


def security_headers(path: str) -> tuple[tuple[bytes, bytes], ...]:
    """The headers SecurityHeadersMiddleware adds to a response to `path` (where the response has none of them)."""
    return _DOCS_HEADERS if path in DOCS_PATHS else _API_HEADERS


class SecurityHeadersMiddleware:
    """Adds nosniff, no-framing, referrer and CSP headers; JSON never needs scripts, so the API's CSP is 'none'."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = security_headers(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(header for header in added if header[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _BodyTooLarge(Exception):
    pass


class TrailingSlashMiddleware:
    """`/v1/positions/` answers what `/v1/positions` answers: the path is read without its trailing slash.
    (Starlette's default is a 307 with an empty body, which curl without -L prints as nothing.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and len(path) > 1 and path.endswith("/"):
            trimmed = path.rstrip("/") or "/"
            raw: bytes = scope.get("raw_path") or path.encode()
            scope = {**scope, "path": trimmed, "raw_path": raw.rstrip(b"/") or b"/"}
        await self.app(scope, receive, send)


class BodyLimitMiddleware:
    """Refuses request bodies over `max_bytes` with a 413 problem+json, whether or not the client
    announced a Content-Length (chunked bodies are counted as they arrive)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, scope: Scope, send: Send) -> None:
        from app.core.errors import ApiError, problem_response

        detail = f"The request body is over the {self.max_bytes}-byte limit; send a smaller body."
        response = problem_response(None, ApiError(413, detail, type="/problems/too-large"))
        await response(scope, _noop_receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is None and b"transfer-encoding" not in headers and scope.get("http_version") in ("1.0", "1.1"):
            await self.app(scope, receive, send)  # HTTP/1 without either header: no body to count
            return
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        received = 0
        started = False
        too_large = False

        async def counting_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            # Once the body went over the limit, whatever the app answers about it (FastAPI turns the
            # interrupted read into a 400 "error parsing the body") is replaced by the 413 below.
            if too_large and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, counting_receive, tracking_send)
        if too_large and not started:
            await self._refuse(scope, send)


async def _noop_receive() -> Message:
    return {"type": "http.disconnect"}
