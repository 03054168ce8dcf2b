"""GET /v1/positions/{id} below the framework: the most frequent request, with the endpoint's bytes.

Through FastAPI a lookup by id pays routing, five dependencies, a `Session` and a pydantic model for
one primary-key read (~0.5 ms against ~0.05 ms for the read). This pure ASGI middleware answers the
plain form of that request — GET, a decimal id, no query string, an Accept that negotiates JSON —
itself: one statement reads the row and the data version (`service.read_position_and_version`),
`service.public_dict` builds the body, orjson writes it, and the ETag, 304 and cache headers are
made as `app.api.caching` makes them, from the version read with the row (one snapshot). The status,
headers and body are the endpoint's, byte for byte (tests/api/test_hot_paths.py compares them).

Anything else goes on to the app unchanged: another format or any query parameter, HEAD, a leading
zero, an id that is not there (404s and tombstones are the endpoint's), a database error. It sits
inside the security-header, CORS and gzip middlewares, which treat its answers like any other, and
outside the ETag middleware, whose work it does.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api import caching
from app.api.deps import base_url
from app.api.formats import from_accept
from app.positions import service

_PATH = re.compile(r"/v1/positions/([1-9][0-9]{0,18})")
_MAX_ID = 2**63 - 1  # the endpoint's `le`
_MEMO_SIZE = 64  # distinct Accept headers / hosts remembered (cleared when full)


class PositionByIdFastPath:
    """Serves `GET /v1/positions/{id}` (JSON) without routing, dependencies, a session or pydantic."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._json: dict[str, bool] = {}  # Accept header → it negotiates JSON
        self._origins: dict[tuple[Any, ...], tuple[str, str]] = {}  # → (URL before the path, base URL)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and not scope.get("query_string"):
            match = _PATH.fullmatch(scope["path"])
            if (
                match is not None
                and int(match[1]) <= _MAX_ID
                and await self._answer(scope, receive, send, int(match[1]))
            ):
                return
        await self.app(scope, receive, send)

    def _negotiates_json(self, accept: str) -> bool:
        answer = self._json.get(accept)
        if answer is None:
            if len(self._json) >= _MEMO_SIZE:
                self._json.clear()
            answer = self._json[accept] = from_accept(accept) == "json"
        return answer

    def _origin(self, scope: Scope, host: bytes | None) -> tuple[str, str]:
        """What Starlette's `URL(scope)` puts before the path, and `deps.base_url` (memoised per host)."""
        server = scope.get("server")
        key = (
            scope.get("scheme"),
            host,
            None if server is None else tuple(server),  # a list under some servers (and the TestClient)
            scope.get("root_path"),
            scope.get("app_root_path"),
        )
        found = self._origins.get(key)
        if found is None:
            if len(self._origins) >= _MEMO_SIZE:
                self._origins.clear()
            found = self._origins[key] = (
                str(URL(scope={**scope, "path": "", "query_string": b""})),
                base_url(Request(scope)),
            )
        return found

    async def _answer(self, scope: Scope, receive: Receive, send: Send, position_id: int) -> bool:
        accept: str | None = None
        if_none_match: str | None = None
        host: bytes | None = None
        for name, value in scope["headers"]:
            if name == b"accept" and accept is None:
                accept = value.decode("latin-1")
            elif name == b"if-none-match" and if_none_match is None:
                if_none_match = value.decode("latin-1")
            elif name == b"host" and host is None:
                host = value
        accept = accept or ""
        if not self._negotiates_json(accept):
            return False
        state = scope["app"].state
        try:
            found = service.read_position_and_version(state.reads, position_id)
        except state.reads.errors:
            return False  # the endpoint answers, or fails, as it would have
        if found is None:
            return False
        version, position = found
        origin, base = self._origin(scope, host)
        cache_control: str = state.settings.cache_control
        tag = caching.etag(origin + scope["path"], accept, version) if version is not None else None
        if tag and caching.matches(if_none_match, tag):
            await caching.send_not_modified(scope, receive, send, cache_control, tag, version)
            return True
        body = orjson.dumps(service.public_dict(position, base_url=base))
        headers = [
            (b"content-length", str(len(body)).encode()),
            (b"content-type", b"application/json"),
            (b"cache-control", cache_control.encode("latin-1")),
            (b"vary", b"Accept"),
        ]
        if tag:
            headers.append((b"etag", tag.encode("latin-1")))
        if version is not None:
            headers.append((b"x-dataset-version", str(version).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True
